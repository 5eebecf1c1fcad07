package textproc

import (
	"slices"
	"strings"
	"testing"
)

func TestTerms(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string
	}{
		{"brief example", "My payment is being declined!", []string{"payment", "declin"}},
		{"empty", "", nil},
		{"only stopwords", "I am the one who is it", []string{"one"}},
		{"only punctuation", "?!... -- 👍🐶", nil},
		{"numbers kept unstemmed", "Card arrived after 2 weeks, 1990s 3.14", []string{"card", "arriv", "2", "week", "1990s", "3.14"}},
		{"negations kept", "No, not never nor", []string{"no", "not", "never", "nor"}},
		{"negative contractions", "I don't know, can't pay; won't work", []string{"not", "know", "not", "pay", "not", "work"}},
		{"typographic apostrophe", "don’t", []string{"not"}},
		{"cannot", "I cannot pay", []string{"not", "pay"}},
		{"apostrophe-less negation", "dont isnt", []string{"not", "not"}},
		{"needn't keeps content base", "needn't", []string{"need", "not"}},
		{"clitics dropped", "Where's John's card? I've lost it", []string{"john", "card", "lost"}},
		{"inner apostrophes removed", "O'Brien", []string{"obrien"}},
		{"case folded", "CARD Card card", []string{"card", "card", "card"}},
		{"unicode lower-cased", "CAFÉ Naïve", []string{"café", "naïv"}},
		{"final sigma folded", "ΟΔΟΣ οδος", []string{"οδοσ", "οδοσ"}},
		{"soft hyphen dropped", "pay\u00adment", []string{"payment"}},
		{"missing space after period", "declined.Please help", []string{"declin", "pleas", "help"}},
		{"colon between letters", "re:refund", []string{"refund"}},
		{"acronym", "U.S.A e.g.", []string{"usa", "eg"}},
		{"hyphen splits", "top-up", []string{"top"}},
		{"stems", "charged exchanged exchange rates", []string{"charg", "exchang", "exchang", "rate"}},
		{"ideographs one per term", "東京", []string{"東", "京"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Terms(tt.text); !slices.Equal(got, tt.want) {
				t.Errorf("Terms(%q) = %q, want %q", tt.text, got, tt.want)
			}
		})
	}
}

func TestTermsNilWhenEmpty(t *testing.T) {
	if got := Terms("the and of"); got != nil {
		t.Errorf("Terms of stopwords = %#v, want nil", got)
	}
}

func TestAppendTerms(t *testing.T) {
	dst := []string{"keep"}
	got := AppendTerms(dst, "declined payments")
	if want := []string{"keep", "declin", "payment"}; !slices.Equal(got, want) {
		t.Errorf("AppendTerms = %q, want %q", got, want)
	}
}

func TestWords(t *testing.T) {
	tests := []struct {
		text string
		want []string
	}{
		{"My payment is being declined!", []string{"my", "payment", "is", "being", "declined"}},
		{"I don’t know", []string{"i", "don't", "know"}},
		{"declined.Please", []string{"declined", "please"}},
		{"U.S.A 3.14", []string{"usa", "3.14"}},
		{"", nil},
	}
	for _, tt := range tests {
		if got := Words(tt.text); !slices.Equal(got, tt.want) {
			t.Errorf("Words(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

func TestWordsTruncatedAtRuneBoundary(t *testing.T) {
	long := strings.Repeat("é", MaxWordBytes) // 2 bytes per rune
	ws := Words(long)
	if len(ws) != 1 || len(ws[0]) != MaxWordBytes || ws[0] != long[:MaxWordBytes] {
		t.Fatalf("Words(long) = %q", ws)
	}
	if got := Terms(long + " " + long[:MaxWordBytes+10]); len(got) != 2 || got[0] != got[1] {
		t.Errorf("truncated words should agree, got %q", got)
	}
}

func TestIsStopword(t *testing.T) {
	tests := []struct {
		w    string
		want bool
	}{
		{"the", true}, {"i", true}, {"it's", true}, {"card", false},
		{"not", false}, {"no", false}, {"never", false}, {"nor", false},
		{"cannot", false}, {"don't", false}, {"The", false},
	}
	for _, tt := range tests {
		if got := IsStopword(tt.w); got != tt.want {
			t.Errorf("IsStopword(%q) = %v, want %v", tt.w, got, tt.want)
		}
	}
}

func TestMemoEvictionKeepsAnswers(t *testing.T) {
	// Push far more distinct words through than the memo holds; answers must
	// not change once their entries are evicted and recomputed.
	want := Terms("declined payments")
	var b strings.Builder
	for i := range memoCapacity * 2 {
		b.Reset()
		b.WriteString("w")
		for n := i; n > 0; n /= 26 {
			b.WriteByte(byte('a' + n%26))
		}
		Terms(b.String())
	}
	for i := range memo {
		s := &memo[i]
		s.mu.Lock()
		n := len(*s.frozen.Load()) + len(s.recent)
		s.mu.Unlock()
		// recent may exceed the cap by what accumulates between merges.
		if n > shardCap+shardCap/4+64 {
			t.Fatalf("memo shard %d holds %d entries, cap %d", i, n, shardCap)
		}
	}
	if got := Terms("declined payments"); !slices.Equal(got, want) {
		t.Errorf("after eviction Terms = %q, want %q", got, want)
	}
}
