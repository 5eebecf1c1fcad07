package textproc

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/clipperhouse/uax29/v2/words"
)

// MaxWordBytes bounds the length of a word in bytes. Longer UAX#29 words
// (base64 blobs, URLs, unsegmented Thai) are truncated at a rune boundary,
// the same way for text and queries, so they still match themselves without
// letting one token bloat the index or the memo.
const MaxWordBytes = 64

// scanner yields the words of a text one at a time, lower-cased into its own
// buffer. It is a value type with concrete methods rather than a callback so
// the buffer stays on the caller's stack: this is the tokeniser's hot path.
type scanner struct {
	it      words.Iterator[string]
	rest    string // text not yet segmented
	pending string // rest of a token being split at '.' or ':'
	buf     [MaxWordBytes]byte
}

func newScanner(text string) scanner {
	if !utf8.ValidString(text) {
		// The segmenter's behaviour on invalid UTF-8 is undefined (a stray
		// lead byte can swallow the next character), so repair it first.
		text = strings.ToValidUTF8(text, "\uFFFD")
	}
	return scanner{it: *words.FromString(""), rest: text}
}

// next returns the next word, valid until the following call, or false at
// the end of the text.
func (s *scanner) next() ([]byte, bool) {
	for s.pending == "" {
		// Runs of ASCII spaces are skipped here and segmentation restarted
		// after them, which halves the cost of typical text. That is exact:
		// no UAX#29 rule joins anything across a space, and the only thing
		// that can attach to one (WB4: marks and format characters) forms no
		// word either way.
		i := 0
		for i < len(s.rest) && s.rest[i] == ' ' {
			i++
		}
		if i == len(s.rest) {
			return nil, false
		}
		s.it.SetText(s.rest[i:])
		s.it.Next()
		tok := s.it.Value()
		s.rest = s.rest[i+len(tok):]
		if w, ok := s.take(tok); ok {
			return w, true
		}
	}
	return s.nextPart(), true
}

// take starts processing one UAX#29 token. It returns the token's only word,
// or false if the token has none or has several (left in s.pending).
func (s *scanner) take(tok string) ([]byte, bool) {
	// Fast path for the commonest token, plain ASCII letters and digits:
	// classify and lower-case in one pass.
	if len(tok) <= MaxWordBytes {
		i := 0
		for ; i < len(tok); i++ {
			c := tok[i]
			if 'a' <= c && c <= 'z' || '0' <= c && c <= '9' {
				s.buf[i] = c
			} else if 'A' <= c && c <= 'Z' {
				s.buf[i] = c + 'a' - 'A'
			} else {
				break
			}
		}
		if i == len(tok) {
			return s.buf[:i], true
		}
	}
	switch {
	case !hasLetterOrDigit(tok): // spaces, punctuation, emoji
		return nil, false
	case !hasSplitPoint(tok):
		return fold(s.buf[:0], tok, false), true
	case isAcronym(tok):
		return fold(s.buf[:0], tok, true), true // "U.S.A" → "usa"
	}
	s.pending = tok
	return nil, false
}

// nextPart returns the next piece of s.pending. UAX#29 joins letters across
// '.' and ':' ("declined.Please", "re:refund"); in chat text that is nearly
// always a missing space, so such tokens are split there.
func (s *scanner) nextPart() []byte {
	tok := s.pending
	for i := 1; i < len(tok)-1; i++ {
		if (tok[i] == '.' || tok[i] == ':') && letterBefore(tok, i) && letterAfter(tok, i+1) {
			s.pending = tok[i+1:]
			return fold(s.buf[:0], tok[:i], false)
		}
	}
	s.pending = ""
	return fold(s.buf[:0], tok, false)
}

// fold appends the lower-cased s to dst, turning typographic apostrophes into
// ASCII ones (so "don’t" and "don't" agree), dropping invisible format
// characters and optionally dots, and stopping before MaxWordBytes would be
// exceeded.
func fold(dst []byte, s string, dropDots bool) []byte {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			switch {
			case 'A' <= c && c <= 'Z':
				c += 'a' - 'A'
			case c == '.' && dropDots:
				continue
			}
			if len(dst) >= MaxWordBytes {
				break
			}
			dst = append(dst, c)
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		switch {
		case r == '\u2018' || r == '\u2019' || r == '\u02bc' || r == '\uff07':
			r = '\''
		case r == 'ς':
			r = 'σ' // fold final sigma so "ΟΔΟΣ" and "οδος" meet
		case unicode.Is(unicode.Cf, r):
			continue // soft hyphens and zero-width joiners pasted mid-word
		default:
			r = unicode.ToLower(r)
		}
		if len(dst)+utf8.RuneLen(r) > MaxWordBytes {
			break
		}
		dst = utf8.AppendRune(dst, r)
	}
	return dst
}

func hasLetterOrDigit(s string) bool {
	for _, r := range s {
		if r < utf8.RuneSelf {
			if 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9' {
				return true
			}
			continue
		}
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return true
		}
	}
	return false
}

func hasSplitPoint(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] == '.' || s[i] == ':' {
			return true
		}
	}
	return false
}

// isAcronym reports whether s is single letters joined by dots ("e.g", "U.S.A").
func isAcronym(s string) bool {
	letter := true // expecting a letter next
	for _, r := range s {
		if letter != (r != '.') || (letter && !unicode.IsLetter(r)) {
			return false
		}
		letter = !letter
	}
	return !letter
}

func letterBefore(s string, i int) bool {
	r, _ := utf8.DecodeLastRuneInString(s[:i])
	return unicode.IsLetter(r)
}

func letterAfter(s string, i int) bool {
	r, _ := utf8.DecodeRuneInString(s[i:])
	return unicode.IsLetter(r)
}
