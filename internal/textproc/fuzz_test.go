package textproc

import (
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/clipperhouse/uax29/v2/words"
)

// FuzzTerms checks properties that hold for any input, however malformed:
//   - terms are non-empty, valid UTF-8, lower-case and free of spaces;
//   - text separated by a newline is analysed independently, because UAX#29
//     always breaks around newlines (WB3a/WB3b) and analysis is per word:
//     Terms(a+"\n"+b) == Terms(a) ++ Terms(b);
//   - ASCII case does not matter: Terms(upper(a)) == Terms(a);
//   - skipping spaces outside the segmenter changes nothing: Words equals
//     the words found by running UAX#29 over the whole text.
//
// Re-analysing terms (Terms(join(Terms(x)))) is deliberately not a property:
// Snowball is not idempotent ("generalization" → "general" → "gener") and a
// stem can itself be a stopword, so the only sound statement there is weak.
func FuzzTerms(f *testing.F) {
	for _, s := range []string{
		"My payment is being declined!", "I don’t know, can't pay", "declined.Please",
		"U.S.A e.g. 3.14", "ΟΔΟΣ", "pay\u00adment", "東京タワー", "\xff\xfe", "o'brien's",
		strings.Repeat("é", 40),
	} {
		f.Add(s, "and the card's PIN")
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		ta := Terms(a)
		for _, term := range ta {
			if term == "" || !utf8.ValidString(term) || strings.ToLower(term) != term ||
				strings.IndexFunc(term, unicode.IsSpace) >= 0 || len(term) > MaxWordBytes {
				t.Fatalf("Terms(%q) has bad term %q", a, term)
			}
		}
		var content []string
		for _, term := range AppendIndexTerms(nil, a) {
			if !IsFunctionTerm(term) {
				content = append(content, term)
			} else if !IsStopword(strings.TrimPrefix(term, FunctionMark)) {
				t.Fatalf("AppendIndexTerms(%q) has function term %q of no stopword", a, term)
			}
		}
		if !slices.Equal(content, ta) {
			t.Fatalf("AppendIndexTerms(%q) without function terms = %q, want Terms %q", a, content, ta)
		}
		joined := Terms(a + "\n" + b)
		if want := append(slices.Clone(ta), Terms(b)...); !slices.Equal(joined, want) && len(want) > 0 {
			t.Fatalf("Terms(a+\"\\n\"+b) = %q, want %q", joined, want)
		}
		if up := Terms(asciiUpper(a)); !slices.Equal(up, ta) {
			t.Fatalf("Terms(upper(%q)) = %q, want %q", a, up, ta)
		}
		ws := Words(a)
		for _, w := range ws {
			if w == "" || !utf8.ValidString(w) || len(w) > MaxWordBytes {
				t.Fatalf("Words(%q) has bad word %q", a, w)
			}
		}
		if ref := referenceWords(a); !slices.Equal(ws, ref) {
			t.Fatalf("Words(%q) = %q, full segmentation gives %q", a, ws, ref)
		}
	})
}

// referenceWords is Words without the space-skipping shortcut.
func referenceWords(text string) []string {
	var out []string
	s := newScanner("")
	it := words.FromString(strings.ToValidUTF8(text, "\uFFFD"))
	for it.Next() {
		if w, ok := s.take(it.Value()); ok {
			out = append(out, string(w))
		}
		for s.pending != "" {
			out = append(out, string(s.nextPart()))
		}
	}
	return out
}

func asciiUpper(s string) string {
	return strings.Map(func(r rune) rune {
		if 'a' <= r && r <= 'z' {
			return r - 'a' + 'A'
		}
		return r
	}, s)
}
