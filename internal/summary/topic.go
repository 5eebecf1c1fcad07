package summary

import (
	"math"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// TextTiling parameters: a pseudo-sentence is pseudoLen content words, and
// adjacent windows of up to maxWindow pseudo-sentences are compared.
const (
	pseudoLen      = 20
	maxWindow      = 6
	wordsPerTopic  = 900 // a topic per this many words spoken, within [1, maxTopics]
	maxTopics      = 5
	minTopicPseudo = 4 // no topic shorter than this many pseudo-sentences
)

// span is a run of sentences [from, to).
type span struct{ from, to int }

// segment splits the meeting into topics by lexical cohesion (Hearst's
// TextTiling): it compares the stemmed vocabulary of adjacent windows and
// cuts where similarity dips deepest, at utterance starts.
func segment(sents []sentence, nTerms int) []span {
	type tok struct{ id, sent int }
	var toks []tok
	words := 0
	for i, s := range sents {
		words += s.words
		for _, id := range s.seq {
			if id >= 0 {
				toks = append(toks, tok{id, i})
			}
		}
	}
	want := min(max(words/wordsPerTopic, 1), maxTopics)
	if words >= 1000 {
		want = max(want, 2) // a meeting worth summarising has more than one subject
	}
	pseudo := (len(toks) + pseudoLen - 1) / pseudoLen
	if want == 1 || pseudo < 2*minTopicPseudo {
		return []span{{0, len(sents)}}
	}
	k := min(max(pseudo/8, 2), maxWindow)
	left, right := make([]float64, nTerms), make([]float64, nTerms)
	fill := func(v []float64, from, to int) {
		clear(v)
		for p := max(from, 0); p < min(to, pseudo); p++ {
			for _, t := range toks[p*pseudoLen : min((p+1)*pseudoLen, len(toks))] {
				v[t.id]++
			}
		}
	}
	gap := make([]float64, pseudo) // gap[g]: between pseudo-sentences g-1 and g
	for g := 1; g < pseudo; g++ {
		fill(left, g-k, g)
		fill(right, g, g+k)
		gap[g] = cosine(left, right)
	}
	smooth := make([]float64, pseudo)
	for g := 1; g < pseudo; g++ {
		n, sum := 0, 0.0
		for j := max(g-1, 1); j <= min(g+1, pseudo-1); j++ {
			sum += gap[j]
			n++
		}
		smooth[g] = sum / float64(n)
	}
	type cut struct {
		g     int
		depth float64
	}
	var cuts []cut
	for g := minTopicPseudo; g <= pseudo-minTopicPseudo; g++ {
		lp, rp := smooth[g], smooth[g]
		for j := g - 1; j >= 1 && smooth[j] >= lp; j-- {
			lp = smooth[j]
		}
		for j := g + 1; j < pseudo && smooth[j] >= rp; j++ {
			rp = smooth[j]
		}
		if d := lp + rp - 2*smooth[g]; d > 0 {
			cuts = append(cuts, cut{g, d})
		}
	}
	sort.SliceStable(cuts, func(i, j int) bool { return cuts[i].depth > cuts[j].depth })
	minApart := max(pseudo/(2*want), minTopicPseudo)
	var chosen []int
	for _, c := range cuts {
		if len(chosen) == want-1 {
			break
		}
		ok := true
		for _, g := range chosen {
			if abs(g-c.g) < minApart {
				ok = false
				break
			}
		}
		if ok {
			chosen = append(chosen, c.g)
		}
	}
	sort.Ints(chosen)
	var spans []span
	from := 0
	for _, g := range chosen {
		at := toks[g*pseudoLen].sent
		for at > 0 && sents[at-1].item == sents[at].item {
			at-- // start topics at an utterance's start
		}
		if at > from {
			spans = append(spans, span{from, at})
			from = at
		}
	}
	return append(spans, span{from, len(sents)})
}

func cosine(a, b []float64) float64 {
	var dot, na, nb float64
	for i := range a {
		dot += a[i] * b[i]
		na += a[i] * a[i]
		nb += b[i] * b[i]
	}
	if na == 0 || nb == 0 {
		return 0
	}
	return dot / math.Sqrt(na*nb)
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// phrase is a run of one to three content words.
type phrase struct {
	ids   []int
	count int
	score float64
}

// phraseScore weighs a phrase seen p.count times in a segment whose
// term counts are segTF: the mean weight of its words, so that a rare
// three-word aside does not outrank the meeting's subject; a little extra
// for length, as two words name a subject better than one.
func (m *meeting) phraseScore(p *phrase, segTF map[int]int) float64 {
	w := 0.0
	for _, id := range p.ids {
		w += m.idf[id] * float64(segTF[id]) / float64(m.tf[id])
	}
	return w / float64(len(p.ids)) * (1 + 0.25*float64(len(p.ids)-1)) * math.Sqrt(float64(p.count))
}

// phrases counts the runs of up to three content words in sents[sp] and
// scores them by how much of their terms' weight falls in the span:
// weight(t) × count, where weight favours terms rare across sentences
// (idf) and concentrated in this span (share of the meeting's uses).
func (m *meeting) phrases(sp span) []phrase {
	byKey := map[string]*phrase{}
	segTF := map[int]int{}
	for _, s := range m.sents[sp.from:sp.to] {
		for _, id := range s.seq {
			if id >= 0 {
				segTF[id]++
			}
		}
	}
	var key []byte
	for _, s := range m.sents[sp.from:sp.to] {
		for i := range s.seq {
			for n := 1; n <= 3 && i+n <= len(s.seq); n++ {
				if s.seq[i+n-1] < 0 || (n > 1 && s.seq[i+n-1] == s.seq[i+n-2]) {
					break
				}
				key = key[:0]
				for _, id := range s.seq[i : i+n] {
					key = strconv.AppendInt(append(key, ','), int64(id), 10)
				}
				p := byKey[string(key)]
				if p == nil {
					p = &phrase{ids: s.seq[i : i+n]}
					byKey[string(key)] = p
				}
				p.count++
			}
		}
	}
	out := make([]phrase, 0, len(byKey))
	for _, p := range byKey {
		if p.count < 2 {
			continue
		}
		p.score = m.phraseScore(p, segTF)
		out = append(out, *p)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].score != out[j].score {
			return out[i].score > out[j].score
		}
		return m.phraseText(out[i]) < m.phraseText(out[j])
	})
	return out
}

// phraseText renders a phrase with each word capitalised.
func (m *meeting) phraseText(p phrase) string {
	ws := make([]string, len(p.ids))
	for i, id := range p.ids {
		ws[i] = capitalise(m.a.words[id])
	}
	return strings.Join(ws, " ")
}

// title names a topic after its key noun phrase, and a second one of two
// or more words when it weighs nearly as much ("Battery & Solar Cells"),
// never reusing another
// topic's lead. Without a noun phrase said twice it falls back to the
// span's best run of content words.
func (m *meeting) title(sp span, used map[string]bool) string {
	ps := m.nounPhrases(sp)
	if len(ps) == 0 {
		for _, p := range m.phrases(sp) {
			ps = append(ps, nounPhrase{phrase: p, text: m.phraseText(p)})
		}
	}
	var first *nounPhrase
	for i := range ps {
		if !used[ps[i].text] {
			first = &ps[i]
			used[first.text] = true
			break
		}
	}
	if first == nil {
		return "Discussion"
	}
	for _, p := range ps {
		if len(p.ids) > 1 && !overlaps(p.ids, first.ids) && p.score >= secondPhrase*first.score {
			return first.text + " & " + p.text
		}
	}
	return first.text
}

// secondPhrase is how much of the first phrase's weight a second must have
// to join a title.
const secondPhrase = 0.6

func overlaps(a, b []int) bool {
	for _, x := range a {
		for _, y := range b {
			if x == y {
				return true
			}
		}
	}
	return false
}

func capitalise(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:]
}
