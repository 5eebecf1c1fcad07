package summary

import (
	"sort"
	"strconv"
	"strings"

	"github.com/fathom-oss/fathom/internal/textproc"
)

// Noun phrases are found without a tagger, from closed-class words only:
// in English a determiner, possessive, quantifier or preposition is
// followed by a noun phrase, so the run of content words after one ("the
// [remote control]", "of [battery life]") is a noun phrase's modifiers and
// head. A verb after a pronoun ("I [kept getting lost]") never follows one.

// npOpeners are the closed-class words after which a noun phrase starts.
var npOpeners = map[string]bool{
	"the": true, "a": true, "an": true, "this": true, "that": true, "these": true, "those": true,
	"my": true, "our": true, "your": true, "their": true, "his": true, "her": true, "its": true,
	"some": true, "any": true, "each": true, "every": true, "no": true, "another": true,
	"of": true, "for": true, "with": true, "about": true, "on": true, "in": true, "into": true,
	"from": true, "by": true, "at": true, "without": true, "between": true,
}

// maxPhrase is the longest noun phrase a title uses.
const maxPhrase = 3

// nounPhrase is a phrase found after an opener, with its words as said.
type nounPhrase struct {
	phrase
	text string
}

// nounPhrases scores the noun phrases said at least twice in sents[sp] as
// phrases scores runs of content words: idf × the share of the terms' uses
// inside the span, a little extra for length, × √count.
func (m *meeting) nounPhrases(sp span) []nounPhrase {
	segTF := map[int]int{}
	for _, s := range m.sents[sp.from:sp.to] {
		for _, id := range s.seq {
			if id >= 0 {
				segTF[id]++
			}
		}
	}
	// A run of content words after an opener may go on into the verb
	// ("the northern supplier cost less"): its first one to three words
	// are candidates, and a candidate is a phrase when it is somewhere a
	// whole run, closed by a function word or a punctuation mark.
	type run struct {
		ids   []int
		words []string
	}
	var runs []run
	whole := map[string]bool{}
	for _, s := range m.sents[sp.from:sp.to] {
		fields := strings.Fields(s.text)
		for k := 0; k < len(fields); k++ {
			if !npOpeners[bare(fields[k])] || strings.ContainsAny(fields[k], ",.?!;:") {
				continue
			}
			var r run
			closed := true // by a mark or the sentence's end, unless a word ends it
			for _, f := range fields[k+1:] {
				id, ok := m.a.memo[bare(f)]
				if !ok || id < 0 {
					// Only a function word closes a noun phrase: "the long
					// one" leaves "long" without its head.
					closed = textproc.IsStopword(bare(f)) && !chatter[bare(f)]
					break
				}
				r.ids, r.words = append(r.ids, id), append(r.words, strings.Trim(f, ",.?!;:\"()"))
				if strings.ContainsAny(f, ",.?!;:") {
					break
				}
			}
			if len(r.ids) == 0 {
				continue
			}
			runs = append(runs, r)
			if closed && len(r.ids) <= maxPhrase {
				whole[idKey(r.ids)] = true
			}
		}
	}
	byKey := map[string]*nounPhrase{}
	for _, r := range runs {
		for n := 1; n <= min(len(r.ids), maxPhrase); n++ {
			key := idKey(r.ids[:n])
			if !whole[key] {
				continue
			}
			p := byKey[key]
			if p == nil {
				words := make([]string, n)
				for i, w := range r.words[:n] {
					words[i] = capitalise(w) // "TV" stays "TV"
				}
				p = &nounPhrase{phrase: phrase{ids: r.ids[:n]}, text: strings.Join(words, " ")}
				byKey[key] = p
			}
			p.count++
		}
	}
	var out []nounPhrase
	for _, p := range byKey {
		if p.count < 2 {
			continue
		}
		p.score = m.phraseScore(&p.phrase, segTF)
		out = append(out, *p)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].score != out[j].score {
			return out[i].score > out[j].score
		}
		return out[i].text < out[j].text
	})
	return out
}

func idKey(ids []int) string {
	var b []byte
	for _, id := range ids {
		b = strconv.AppendInt(append(b, ','), int64(id), 10)
	}
	return string(b)
}
