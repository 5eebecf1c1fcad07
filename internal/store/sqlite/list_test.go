package sqlite

import (
	"encoding/json"
	"slices"
	"testing"
)

// plainList reads what marshalList writes, and reads nothing differently
// from encoding/json: whatever it accepts decodes the same there.
func FuzzPlainList(f *testing.F) {
	for _, l := range [][]string{{"charged fee"}, {"topping up", "cash allowed"}, {"a,b", "c\\"}, {`say "hi"`}, {"<b>"}, {"ünïcode"}, {"", "x"}} {
		f.Add(marshalList(l))
	}
	f.Add(`["a", "b"]`)
	f.Add(`["a","b",]`)
	f.Add(`["a"`)
	f.Add("[\"\xff\"]")
	f.Fuzz(func(t *testing.T, s string) {
		got, ok := plainList(s)
		var want []string
		err := json.Unmarshal([]byte(s), &want)
		if ok && (err != nil || !slices.Equal(got, want)) {
			t.Fatalf("plainList(%q) = %q, encoding/json: %q, %v", s, got, want, err)
		}
	})
}

func TestPlainListReadsMarshalList(t *testing.T) {
	for _, l := range [][]string{{"charged fee"}, {"topping up", "cash allowed"}, {"", "x"}, {"a,b", "c"}} {
		got, ok := plainList(marshalList(l))
		if !ok || !slices.Equal(got, l) {
			t.Errorf("plainList(marshalList(%q)) = %q, %v", l, got, ok)
		}
	}
	if _, ok := plainList(marshalList([]string{`say "hi"`})); ok {
		t.Error("a list with an escape was read without encoding/json")
	}
}
