package server

import (
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
