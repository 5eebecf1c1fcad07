package server

import (
	"bytes"
	"encoding/json"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/fathom-oss/fathom/internal/fathom"
)

// CheckJSON finds what encoding/json lets through silently in a request
// body: a key given twice in one object (the last would win), text that
// is not valid UTF-8 (it would be replaced by U+FFFD), and NUL characters
// (no database stores them in text). Each is an EINVALID error naming the
// field, as messages[0].content. Syntax errors are left to the decoder
// that reads the body next: CheckJSON returns nil for them.
func CheckJSON(body []byte) error {
	type frame struct {
		obj     bool
		wantKey bool
		keys    map[string]struct{}
		key     string
		idx     int
		path    string
	}
	child := func(f *frame) string {
		switch {
		case f == nil:
			return ""
		case !f.obj:
			return f.path + "[" + strconv.Itoa(f.idx) + "]"
		case f.path == "":
			return f.key
		}
		return f.path + "." + f.key
	}
	done := func(f *frame) {
		if f == nil {
			return
		}
		if f.obj {
			f.wantKey = true
		} else {
			f.idx++
		}
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	var stack []*frame
	prev := int64(0)
	for {
		tok, err := dec.Token()
		if err != nil {
			return nil // io.EOF, or a syntax error the caller's decoder reports
		}
		end := dec.InputOffset()
		seg := body[prev:end]
		prev = end
		var top *frame
		if len(stack) > 0 {
			top = stack[len(stack)-1]
		}
		switch t := tok.(type) {
		case json.Delim:
			if t == '{' || t == '[' {
				stack = append(stack, &frame{obj: t == '{', wantKey: t == '{', keys: map[string]struct{}{}, path: child(top)})
				continue
			}
			stack = stack[:len(stack)-1]
			if len(stack) > 0 {
				done(stack[len(stack)-1])
			}
		case string:
			if top != nil && top.obj && top.wantKey {
				where := "the request body"
				if top.path != "" {
					where = top.path
				}
				if !utf8.Valid(seg) || strings.ContainsRune(t, 0) {
					return fathom.Errorf(fathom.EINVALID, "a key of %s is not valid UTF-8 text", where)
				}
				if _, dup := top.keys[t]; dup {
					return fathom.Errorf(fathom.EINVALID, "key %q appears more than once in %s", t, where)
				}
				top.keys[t] = struct{}{}
				top.key, top.wantKey = t, false
				continue
			}
			if !utf8.Valid(seg) {
				return fathom.Errorf(fathom.EINVALID, "%s must be valid UTF-8", name(child(top)))
			}
			if strings.ContainsRune(t, 0) {
				return fathom.Errorf(fathom.EINVALID, "%s must not contain NUL characters", name(child(top)))
			}
			done(top)
		default:
			done(top)
		}
	}
}

func name(path string) string {
	if path == "" {
		return "the request body"
	}
	return path
}
