package contextapi

import (
	"unicode/utf8"

	"github.com/fathom-oss/fathom/internal/conversation"
	"github.com/fathom-oss/fathom/internal/fathom"
)

// A track body is the Context API's most frequent request, and decoding it
// the general way (server.CheckJSON's token walk, a map of raw fields, a
// map per message) cost more CPU than the track's own transaction. Nearly
// every body has the plain shape {"conversationId": "…", "userId": "…",
// "messages": [{"role": "…", "content": "…"}, …]}: decodeTrackFast reads
// that shape in one pass over the bytes, and leaves everything else (an
// unknown, repeated or null field, a value of another type, a NUL, text
// that is not valid UTF-8, a syntax error, …) to the general path, which
// decodes it or names what is wrong. What it accepts, the general path
// decodes to the same params (FuzzDecodeTrackFast), so a client can tell
// no difference but the time.

// decodeTrackFast decodes a track body of the plain shape; ok is false for
// any other body.
func decodeTrackFast(body []byte) (p conversation.TrackParams, ok bool) {
	s := scan{b: body}
	if !s.skip('{') {
		return p, false
	}
	var haveID, haveUser, haveMsgs bool
	for first := true; ; first = false {
		if s.skip('}') {
			break
		}
		if !first && !s.skip(',') {
			return p, false
		}
		key, ok := s.str()
		if !ok || !s.skip(':') {
			return p, false
		}
		switch key {
		case "conversationId":
			if haveID {
				return p, false
			}
			if p.ConversationID, ok = s.str(); !ok {
				return p, false
			}
			haveID = true
		case "userId":
			if haveUser {
				return p, false
			}
			if !s.null() {
				if p.UserID, ok = s.str(); !ok {
					return p, false
				}
			}
			haveUser = true
		case "messages":
			if haveMsgs {
				return p, false
			}
			if p.Messages, ok = s.messages(); !ok {
				return p, false
			}
			haveMsgs = true
		default:
			return p, false
		}
	}
	s.space()
	return p, haveID && haveMsgs && s.i == len(s.b)
}

// scan reads JSON from b at i. Its methods skip the white space before
// what they read and report false for anything they do not accept.
type scan struct {
	b []byte
	i int
}

func (s *scan) space() {
	for s.i < len(s.b) {
		switch s.b[s.i] {
		case ' ', '\t', '\n', '\r':
			s.i++
		default:
			return
		}
	}
}

// skip consumes c if it comes next.
func (s *scan) skip(c byte) bool {
	s.space()
	if s.i < len(s.b) && s.b[s.i] == c {
		s.i++
		return true
	}
	return false
}

// null consumes a null if it comes next.
func (s *scan) null() bool {
	s.space()
	if len(s.b)-s.i >= 4 && string(s.b[s.i:s.i+4]) == "null" {
		s.i += 4
		return true
	}
	return false
}

// messages reads an array of at most conversation.MaxMessages objects,
// each with a string role and a string content and no other key.
func (s *scan) messages() ([]conversation.MessageInput, bool) {
	if !s.skip('[') {
		return nil, false
	}
	msgs := make([]conversation.MessageInput, 0, 16)
	for first := true; ; first = false {
		if s.skip(']') {
			return msgs, true
		}
		if (!first && !s.skip(',')) || len(msgs) == conversation.MaxMessages || !s.skip('{') {
			return nil, false
		}
		var m conversation.MessageInput
		var haveRole, haveContent bool
		for firstKey := true; ; firstKey = false {
			if s.skip('}') {
				break
			}
			if !firstKey && !s.skip(',') {
				return nil, false
			}
			key, ok := s.str()
			if !ok || !s.skip(':') {
				return nil, false
			}
			switch key {
			case "role":
				role, ok := s.str()
				if haveRole || !ok {
					return nil, false
				}
				m.Role, haveRole = fathom.Role(role), true
			case "content":
				content, ok := s.str()
				if haveContent || !ok {
					return nil, false
				}
				m.Content, haveContent = content, true
			default:
				return nil, false
			}
		}
		if !haveRole || !haveContent {
			return nil, false
		}
		msgs = append(msgs, m)
	}
}

// str reads a string of valid UTF-8 with no NUL and no lone surrogate.
func (s *scan) str() (string, bool) {
	if !s.skip('"') {
		return "", false
	}
	start := s.i
	for j := start; j < len(s.b); j++ {
		switch c := s.b[j]; {
		case c == '"':
			raw := s.b[start:j]
			if !utf8.Valid(raw) {
				return "", false
			}
			s.i = j + 1
			return string(raw), true
		case c == '\\':
			return s.escaped(start)
		case c < 0x20:
			return "", false
		}
	}
	return "", false
}

// escaped reads the rest of a string that holds escapes, from its first
// byte at start.
func (s *scan) escaped(start int) (string, bool) {
	out := make([]byte, 0, len(s.b)-start)
	for j := start; j < len(s.b); {
		c := s.b[j]
		switch {
		case c == '"':
			if !utf8.Valid(out) {
				return "", false
			}
			s.i = j + 1
			return string(out), true
		case c < 0x20:
			return "", false
		case c != '\\':
			out = append(out, c)
			j++
			continue
		}
		if j+1 >= len(s.b) {
			return "", false
		}
		switch e := s.b[j+1]; e {
		case '"', '\\', '/':
			out = append(out, e)
		case 'b':
			out = append(out, '\b')
		case 'f':
			out = append(out, '\f')
		case 'n':
			out = append(out, '\n')
		case 'r':
			out = append(out, '\r')
		case 't':
			out = append(out, '\t')
		case 'u':
			r, n := unicodeEscape(s.b[j:])
			if n == 0 {
				return "", false
			}
			out = utf8.AppendRune(out, r)
			j += n
			continue
		default:
			return "", false
		}
		j += 2
	}
	return "", false
}

// unicodeEscape decodes the \uXXXX escape at the start of b, or a
// surrogate pair of two, and says how many bytes it took; 0 for NUL, a
// lone surrogate or a malformed escape, which the general path handles.
func unicodeEscape(b []byte) (rune, int) {
	r := hex4(b)
	switch {
	case r <= 0:
		return 0, 0
	case r < 0xd800 || r > 0xdfff:
		return r, 6
	case r >= 0xdc00:
		return 0, 0
	}
	if len(b) < 12 || b[6] != '\\' || b[7] != 'u' {
		return 0, 0
	}
	lo := hex4(b[6:])
	if lo < 0xdc00 || lo > 0xdfff {
		return 0, 0
	}
	return 0x10000 + (r-0xd800)<<10 + (lo - 0xdc00), 12
}

// hex4 is the value of the four hex digits after \u at the start of b,
// or -1.
func hex4(b []byte) rune {
	if len(b) < 6 {
		return -1
	}
	var r rune
	for _, c := range b[2:6] {
		switch {
		case c >= '0' && c <= '9':
			r = r<<4 | rune(c-'0')
		case c >= 'a' && c <= 'f':
			r = r<<4 | rune(c-'a'+10)
		case c >= 'A' && c <= 'F':
			r = r<<4 | rune(c-'A'+10)
		default:
			return -1
		}
	}
	return r
}
