package summary

import (
	"math"
	"sort"
	"strconv"
	"strings"
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

// maxPhrase is the longest noun phrase a title uses: the last words of a
// longer run, where English puts the head.
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
	byKey := map[string]*nounPhrase{}
	for _, s := range m.sents[sp.from:sp.to] {
		fields := strings.Fields(s.text)
		for k := 0; k < len(fields); k++ {
			if !npOpeners[bare(fields[k])] || strings.ContainsAny(fields[k], ",.?!;:") {
				continue
			}
			var ids []int
			var words []string
			for _, f := range fields[k+1:] {
				id, ok := m.a.memo[bare(f)]
				if !ok || id < 0 {
					break
				}
				ids, words = append(ids, id), append(words, strings.Trim(f, ",.?!;:\"()"))
				if strings.ContainsAny(f, ",.?!;:") {
					break
				}
			}
			if len(ids) == 0 {
				continue
			}
			from := max(len(ids)-maxPhrase, 0)
			ids, words = ids[from:], words[from:]
			key := ""
			for _, id := range ids {
				key += "," + strconv.Itoa(id)
			}
			p := byKey[key]
			if p == nil {
				for i, w := range words {
					words[i] = capitalise(w) // "TV" stays "TV"
				}
				p = &nounPhrase{phrase: phrase{ids: ids}, text: strings.Join(words, " ")}
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
		w := 0.0
		for _, id := range p.ids {
			w += m.idf[id] * float64(segTF[id]) / float64(m.tf[id])
		}
		p.score = w / float64(len(p.ids)) * (1 + 0.25*float64(len(p.ids)-1)) * math.Sqrt(float64(p.count))
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
