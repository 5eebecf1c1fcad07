package server

import (
	"runtime"
	"strings"
	"testing"

	"github.com/fathom-oss/fathom/internal/fathom"
)

func TestCheckJSON(t *testing.T) {
	for _, c := range []struct{ body, want string }{
		{`{"a":1,"b":[{"c":"x"},{"c":"y"}]}`, ""},
		{`{"a":1,"a":2}`, `key "a" appears more than once in the request body`},
		{`{"m":[{"role":"user","role":"assistant"}]}`, `key "role" appears more than once in m[0]`},
		{`{"m":[{"x":{}},{"x":{"k":1,"k":2}}]}`, `key "k" appears more than once in m[1].x`},
		{"{\"m\":[\"ok\",\"bad \xff\"]}", "m[1] must be valid UTF-8"},
		{"{\"title\":\"caf\xc3\"}", "title must be valid UTF-8"},
		{`{"content":"a\u0000b"}`, "content must not contain NUL characters"},
		{`{"a":"é","b":"\u00e9"}`, ""},
		{`{"a":`, ""}, // syntax: the decoder's to report
		{`[1,2,{"z":1,"z":1}]`, `key "z" appears more than once in [2]`},
	} {
		err := CheckJSON([]byte(c.body))
		got := fathom.ErrorMessage(err)
		if got != c.want || (err != nil && fathom.ErrorCode(err) != fathom.EINVALID) {
			t.Errorf("CheckJSON(%q) = %q, want %q", c.body, got, c.want)
		}
	}
}

// TestCheckJSONDeepNestingIsLinear: a body nested deep, within the size
// limit, is checked in memory linear in its size (the path of every level
// used to be kept, quadratic: 200,000 levels took the server past 13 GB),
// and nesting beyond encoding/json's limit is refused naming the problem.
func TestCheckJSONDeepNestingIsLinear(t *testing.T) {
	// At the limit, an error deep down still names its place, in arrays
	// and in objects.
	for _, c := range []struct{ open, close, step string }{{"[", "]", "[0]"}, {`{"a":`, "}", ".a"}} {
		body := []byte(strings.Repeat(c.open, maxJSONDepth) + "\"\xff\"" + strings.Repeat(c.close, maxJSONDepth))
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		err := CheckJSON(body)
		runtime.ReadMemStats(&after)
		want := strings.TrimPrefix(strings.Repeat(c.step, maxJSONDepth), ".") + " must be valid UTF-8"
		if fathom.ErrorMessage(err) != want {
			t.Fatalf("error at depth %d: %.80q", maxJSONDepth, fathom.ErrorMessage(err))
		}
		// A path spelled per level would allocate 3 bytes × 10,000² / 2 =
		// 150 MB here.
		if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 16<<20 {
			t.Fatalf("checking %d bytes nested %d deep in %s allocated %d MiB", len(body), maxJSONDepth, c.open, alloc>>20)
		}
	}
	deep := strings.Repeat("[", 200_000) + strings.Repeat("]", 200_000)
	if got := fathom.ErrorMessage(CheckJSON([]byte(deep))); got != "the request body nests more than 10000 levels deep" {
		t.Fatalf("200,000 levels: %q", got)
	}
}
