package summary

import (
	"github.com/blevesearch/snowballstem"
	"github.com/blevesearch/snowballstem/dutch"
	"github.com/blevesearch/snowballstem/english"
	"github.com/blevesearch/snowballstem/french"
	"github.com/blevesearch/snowballstem/german"
	"github.com/blevesearch/snowballstem/italian"
	"github.com/blevesearch/snowballstem/portuguese"
	"github.com/blevesearch/snowballstem/spanish"
	"github.com/fathom-oss/fathom/internal/fathom"
	"github.com/fathom-oss/fathom/internal/textproc"
)

// profiles are each language's most frequent function words: frequent
// enough that a few sentences contain several, and mostly distinctive.
var profiles = map[string][]string{
	"en": {"the", "and", "is", "are", "was", "to", "of", "that", "it", "you", "we", "this", "have",
		"with", "for", "not", "but", "what", "they", "be", "there", "so", "just", "will", "would", "i"},
	"es": {"el", "la", "los", "las", "que", "de", "y", "es", "en", "un", "una", "por", "para", "con",
		"no", "pero", "lo", "se", "del", "muy", "esto", "pues", "está", "también", "cómo", "qué"},
	"fr": {"le", "la", "les", "des", "est", "et", "un", "une", "que", "qui", "pas", "nous", "vous",
		"je", "ce", "dans", "pour", "avec", "sur", "mais", "c'est", "très", "il", "elle", "ça", "au"},
	"de": {"der", "die", "das", "und", "ist", "nicht", "ich", "wir", "sie", "es", "ein", "eine", "zu",
		"mit", "auf", "für", "auch", "dass", "wie", "aber", "den", "dem", "noch", "oder", "sind", "haben"},
	"pt": {"o", "a", "os", "as", "que", "de", "e", "é", "não", "um", "uma", "para", "com", "em", "do",
		"da", "dos", "das", "mas", "por", "isso", "você", "está", "também", "muito", "então"},
	"it": {"il", "la", "che", "di", "e", "è", "non", "un", "una", "per", "con", "sono", "lo", "gli",
		"della", "del", "questo", "anche", "ma", "perché", "come", "più", "molto", "cosa", "io", "ci"},
	"nl": {"de", "het", "een", "en", "is", "van", "dat", "niet", "ik", "we", "je", "op", "met", "voor",
		"zijn", "ook", "maar", "wat", "er", "dit", "hebben", "naar", "nog", "wel", "goed", "heb"},
}

// languages is the order ties are broken in: English first, as the default.
var languages = [...]string{"en", "es", "fr", "de", "pt", "it", "nl"}

// profileWeight maps a word to each language's share of it: a word in k
// profiles counts 1/k for each, so "de" or "la" decide little.
var profileWeight = func() map[string]map[string]float64 {
	count := map[string]int{}
	for _, ws := range profiles {
		for _, w := range ws {
			count[w]++
		}
	}
	m := map[string]map[string]float64{}
	for lang, ws := range profiles {
		for _, w := range ws {
			if m[w] == nil {
				m[w] = map[string]float64{}
			}
			m[w][lang] = 1 / float64(count[w])
		}
	}
	return m
}()

// languageSample is how many words Language reads: enough to decide, and
// keeps the cost flat for long meetings.
const languageSample = 3000

// Language returns the ISO 639-1 code of the transcript's language, one of
// en, es, fr, de, pt, it and nl, by the share of each language's function
// words in its text. It returns "en" when unsure: too little text, or too
// few function words of any language.
func Language(items []fathom.TranscriptItem) string {
	score := map[string]float64{}
	n := 0
	for _, it := range items {
		for _, w := range textproc.Words(it.Text) {
			n++
			for lang, s := range profileWeight[w] {
				score[lang] += s
			}
		}
		if n >= languageSample {
			break
		}
	}
	best := "en"
	for _, lang := range languages {
		if score[lang] > score[best] {
			best = lang
		}
	}
	if score[best] < 3 || score[best] < 0.08*float64(n) {
		return "en"
	}
	return best
}

// stemmers are the Snowball stemmers of the languages Language detects.
var stemmers = map[string]func(*snowballstem.Env) bool{
	"en": english.Stem, "es": spanish.Stem, "fr": french.Stem, "de": german.Stem,
	"pt": portuguese.Stem, "it": italian.Stem, "nl": dutch.Stem,
}

// stemmer returns a stemming function for lang, English when unknown.
func stemmer(lang string) func(string) string {
	f, ok := stemmers[lang]
	if !ok {
		f = english.Stem
	}
	return func(w string) string {
		env := snowballstem.NewEnv(w)
		f(env)
		if s := env.Current(); s != "" {
			return s
		}
		return w
	}
}
