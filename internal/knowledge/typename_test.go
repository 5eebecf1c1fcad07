package knowledge

import (
	"fmt"
	"testing"
)

// TestDecodeNames checks the migration of pinned names: names of the first
// scheme (a bare map) are dropped once so the current scheme names those
// types again; current ones are kept.
func TestDecodeNames(t *testing.T) {
	current, err := encodeNames(map[int64]typeName{3: {Name: "payment_declined"}})
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name, blob, want string
		err              bool
	}{
		{"first scheme", `{"3":{"name":"log_password_says","description":"Conversations about log, password, says."}}`, "map[]", false},
		{"current scheme", string(current), "map[3:{payment_declined }]", false},
		{"a later scheme", `{"version":99,"names":{"3":{"name":"x"}}}`, "map[]", false},
		{"garbage", `[1,2`, "", true},
	}
	for _, tc := range cases {
		got, err := decodeNames([]byte(tc.blob))
		if (err != nil) != tc.err || err == nil && fmt.Sprint(got) != tc.want {
			t.Errorf("%s: decodeNames = %v, %v; want %s (error %v)", tc.name, got, err, tc.want, tc.err)
		}
	}
}

func TestDistinct(t *testing.T) {
	got := distinct([]string{"password reset email never came", "email never came", "reset link", "spam"}, 2)
	if fmt.Sprint(got) != "[password reset email never came reset link]" {
		t.Fatalf("distinct = %v", got)
	}
}
