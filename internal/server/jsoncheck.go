package server

import (
	"bytes"
	"encoding/json"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/fathom-oss/fathom/internal/fathom"
)

// maxJSONDepth is how deep a request body may nest: encoding/json's own
// limit, which the decoder reading the body next would enforce anyway.
const maxJSONDepth = 10_000

// CheckJSON finds what encoding/json lets through silently in a request
// body: a key given twice in one object (the last would win), text that
// is not valid UTF-8 (it would be replaced by U+FFFD), and NUL characters
// (no database stores them in text). Each is an EINVALID error naming the
// field, as messages[0].content. A body nested deeper than maxJSONDepth
// is refused too, before the check holds a frame per level. Syntax errors
// are left to the decoder that reads the body next: CheckJSON returns nil
// for them. Its time and memory are linear in the body's size: a frame
// knows its parent, and a field's path is spelled out only for an error.
func CheckJSON(body []byte) error {
	type frame struct {
		parent  *frame
		obj     bool
		wantKey bool
		keys    map[string]struct{}
		key     string // in an object, the current key
		idx     int    // in an array, the current index
	}
	// path spells the place of f's current element, as messages[0].content.
	path := func(f *frame) string {
		var parts []string
		for ; f != nil; f = f.parent {
			if f.obj {
				parts = append(parts, "."+f.key)
			} else {
				parts = append(parts, "["+strconv.Itoa(f.idx)+"]")
			}
		}
		slices.Reverse(parts)
		return strings.TrimPrefix(strings.Join(parts, ""), ".")
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
				if len(stack) == maxJSONDepth {
					return fathom.Errorf(fathom.EINVALID, "the request body nests more than %d levels deep", maxJSONDepth)
				}
				f := &frame{parent: top, obj: t == '{', wantKey: t == '{'}
				if f.obj {
					f.keys = map[string]struct{}{}
				}
				stack = append(stack, f)
				continue
			}
			stack = stack[:len(stack)-1]
			if len(stack) > 0 {
				done(stack[len(stack)-1])
			}
		case string:
			if top != nil && top.obj && top.wantKey {
				if !utf8.Valid(seg) || strings.ContainsRune(t, 0) {
					return fathom.Errorf(fathom.EINVALID, "a key of %s is not valid UTF-8 text", name(path(top.parent)))
				}
				if _, dup := top.keys[t]; dup {
					return fathom.Errorf(fathom.EINVALID, "key %q appears more than once in %s", t, name(path(top.parent)))
				}
				top.keys[t] = struct{}{}
				top.key, top.wantKey = t, false
				continue
			}
			if !utf8.Valid(seg) {
				return fathom.Errorf(fathom.EINVALID, "%s must be valid UTF-8", name(path(top)))
			}
			if strings.ContainsRune(t, 0) {
				return fathom.Errorf(fathom.EINVALID, "%s must not contain NUL characters", name(path(top)))
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
