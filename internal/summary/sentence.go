package summary

import (
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/fathom-oss/fathom/internal/fathom"
	"github.com/fathom-oss/fathom/internal/textproc"
)

// sentence is one sentence of an utterance, cleaned for display and cut
// into the terms the summariser weighs.
type sentence struct {
	text     string // cleaned, capitalised, with closing punctuation
	speaker  string
	item     int // index of its utterance
	at       time.Duration
	seq      []int // a term id per word, -1 for words that are not content
	terms    int   // how many content words
	words    int
	question bool
}

// chatter are words frequent in any meeting and telling nothing of its
// subject; they are not content terms whatever the stopword list says.
var chatter = map[string]bool{
	"yeah": true, "okay": true, "ok": true, "um": true, "uh": true, "gonna": true, "wanna": true, "gotta": true,
	"think": true, "know": true, "like": true, "mean": true, "really": true, "actually": true, "thing": true,
	"things": true, "stuff": true, "kind": true, "sort": true, "bit": true, "lot": true, "get": true, "got": true,
	"go": true, "going": true, "want": true, "say": true, "said": true, "well": true, "right": true, "yes": true,
	"also": true, "maybe": true, "probably": true, "quite": true, "pretty": true, "sure": true, "one": true,
	"something": true, "anything": true, "everything": true, "way": true, "guess": true, "see": true,
	"look": true, "good": true, "great": true, "nice": true, "oh": true, "alright": true, "yep": true,
	"cool": true, "let": true, "let's": true, "would": true, "could": true, "can": true, "will": true,
	"still": true, "even": true, "much": true, "many": true, "little": true, "basically": true, "need": true,
	"use": true, "make": true, "come": true, "put": true, "take": true, "us": true, "mm": true, "hmm": true,
	"erm": true, "er": true, "dunno": true, "can't": true, "don't": true, "doesn't": true, "isn't": true,
	"didn't": true, "won't": true, "haven't": true, "wasn't": true, "aren't": true, "wouldn't": true,
	"couldn't": true, "shouldn't": true, "there's": true, "that's": true, "it's": true, "i'm": true, "we're": true,
	"you're": true, "they're": true, "we've": true, "i've": true, "we'll": true, "i'll": true, "you'll": true,
	"i'd": true, "we'd": true, "okay.": true, "hundred": true, "two": true, "three": true, "first": true,
	"not": true, "no": true, "never": true, "nor": true, "cannot": true,
	"point": true, "bye": true, "thank": true, "thanks": true, "please": true, "mhm": true, "ah": true,
}

// analyzer turns text into term ids, memoising stems per meeting.
type analyzer struct {
	lang  string
	stem  func(string) string
	stop  map[string]bool
	memo  map[string]int // word → term id, or -1 when not a content word
	ids   map[string]int // stem → term id
	terms []string       // term id → stem
	words []string       // term id → the first word seen with that stem
}

func newAnalyzer(lang string) *analyzer {
	a := &analyzer{lang: lang, stem: stemmer(lang), memo: map[string]int{}, ids: map[string]int{}}
	if lang != "en" && lang != "" {
		a.stop = map[string]bool{}
		for _, w := range profiles[lang] {
			a.stop[w] = true
		}
	}
	return a
}

// id returns the term id of a lower-cased word, or -1.
func (a *analyzer) id(w string) int {
	if id, ok := a.memo[w]; ok {
		return id
	}
	id := -1
	if a.content(w) {
		s := a.stem(w)
		var ok bool
		if id, ok = a.ids[s]; !ok {
			id = len(a.terms)
			a.ids[s] = id
			a.terms = append(a.terms, s)
			a.words = append(a.words, w)
		}
	}
	a.memo[w] = id
	return id
}

// content reports whether a word can carry meaning: not a stopword (of
// the analyzer's language too), not chatter, not a single character.
func (a *analyzer) content(w string) bool {
	return contentWord(w) && !a.stop[w]
}

// contentWord is content for English, which needs no analyzer: not a
// stopword, not chatter, not a single character.
func contentWord(w string) bool {
	if utf8.RuneCountInString(w) < 2 || chatter[w] || textproc.IsStopword(w) {
		return false
	}
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

// sentences splits every utterance into cleaned sentences with their terms.
func (a *analyzer) sentences(items []fathom.TranscriptItem) []sentence {
	var out []sentence
	for i, it := range items {
		for _, raw := range splitSentences(it.Text) {
			text := tidy(raw)
			if text == "" {
				continue
			}
			s := sentence{text: text, speaker: it.Speaker, item: i, at: it.At,
				question: strings.HasSuffix(text, "?")}
			for _, w := range textproc.Words(text) {
				id := a.id(w)
				s.seq = append(s.seq, id)
				if id >= 0 {
					s.terms++
				}
			}
			s.words = len(s.seq)
			out = append(out, s)
		}
	}
	return out
}

// splitSentences cuts text after '.', '?' or '!' followed by a space.
func splitSentences(text string) []string {
	var out []string
	start := 0
	for i := 0; i < len(text); i++ {
		c := text[i]
		if (c == '.' || c == '?' || c == '!') && (i+1 == len(text) || text[i+1] == ' ') {
			if s := strings.TrimSpace(text[start : i+1]); s != "" {
				out = append(out, s)
			}
			start = i + 1
		}
	}
	if s := strings.TrimSpace(text[start:]); s != "" {
		out = append(out, s)
	}
	return out
}
