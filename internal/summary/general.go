package summary

import (
	"math"
	"sort"
	"strings"
	"time"

	"github.com/fathom-oss/fathom/internal/fathom"
)

// Meta is what the summariser needs to know of a meeting besides its words.
type Meta struct {
	Title    string
	ShareURL string // summary links point into it: <ShareURL>?tab=summary&timestamp=<seconds>.0
	Language string // ISO 639-1; "" means detect with Language
	// Date is the meeting's day, in the zone its due dates are meant in:
	// "by Thursday" is the first Thursday after it. Zero: dates are not
	// resolved.
	Date time.Time
	// Teams maps a lower-cased email to its owner's team in the workspace,
	// when known: an action item's assignee gets it.
	Teams map[string]string
}

// TemplateGeneral is the template name of the General summary.
const TemplateGeneral = "General"

// Selection sizes.
const (
	takeaways      = 3
	bulletsOfTopic = 2
	minWords       = 8  // a sentence shorter than this is never picked
	maxWords       = 40 // longer picked sentences are cut here
	mmrLambda      = 0.7
	// nearDuplicate is the cosine at which a sentence says again what a
	// picked one said; it is never picked then, whatever its salience.
	nearDuplicate = 0.5
	// topicFocus is how much a topic's own vocabulary, rather than the
	// whole meeting's, decides its bullets: a topic's bullets are its
	// sentences that carry the meeting's main thread (measured on the
	// develop split of QMSum, docs/evaluation.md).
	topicFocus = 0.2
)

// meeting holds one summarisation's working state.
type meeting struct {
	a     *analyzer
	sents []sentence
	tf    []int
	idf   []float64
	vecs  [][]tw // each sentence's tf-idf vector, sorted by term id
}

// tw is a term id and its weight.
type tw struct {
	id int
	w  float64
}

// General makes the "General" summary: the meeting's purpose, key
// takeaways, its topics with their salient sentences, and the action items
// grouped by assignee as next steps, in Fathom's Markdown layout. It is
// extractive: every line is the transcript's own words, lightly tidied.
func General(items []fathom.TranscriptItem, actions []fathom.ActionItem, m Meta) fathom.Summary {
	lang := m.Language
	if lang == "" {
		lang = Language(items)
	}
	mt := newMeeting(items, lang)
	d := doc{share: m.ShareURL}
	picked := map[int]bool{}
	if p := mt.purpose(); p >= 0 {
		picked[p] = true
		d.purpose = mt.line(p)
	}
	all := span{0, len(mt.sents)}
	for _, i := range mt.pick(all, takeaways, picked) {
		d.takeaways = append(d.takeaways, mt.line(i))
	}
	used := map[string]bool{}
	for _, sp := range segment(mt.sents, len(mt.a.terms)) {
		t := section{title: mt.title(sp, used)}
		for _, i := range mt.pick(sp, bulletsOfTopic, picked) {
			t.lines = append(t.lines, mt.line(i))
		}
		if len(t.lines) > 0 {
			d.topics = append(d.topics, t)
		}
	}
	d.steps = nextSteps(actions)
	return fathom.Summary{TemplateName: TemplateGeneral, Markdown: d.markdown()}
}

func newMeeting(items []fathom.TranscriptItem, lang string) *meeting {
	mt := &meeting{a: newAnalyzer(lang)}
	mt.sents = mt.a.sentences(items)
	n := len(mt.a.terms)
	mt.tf = make([]int, n)
	df := make([]int, n)
	seen := make([]int, n)
	for i, s := range mt.sents {
		for _, id := range s.seq {
			if id < 0 {
				continue
			}
			mt.tf[id]++
			if seen[id] != i+1 {
				seen[id] = i + 1
				df[id]++
			}
		}
	}
	mt.idf = make([]float64, n)
	for id := range df {
		mt.idf[id] = math.Log(float64(len(mt.sents)+1) / float64(df[id]))
	}
	mt.vecs = make([][]tw, len(mt.sents))
	for i, s := range mt.sents {
		var v []tw
		for _, id := range s.seq {
			if id >= 0 {
				v = append(v, tw{id, mt.idf[id]})
			}
		}
		sort.Slice(v, func(a, b int) bool { return v[a].id < v[b].id })
		mt.vecs[i] = merge(v)
	}
	return mt
}

// merge sums the weights of repeated ids in a sorted vector.
func merge(v []tw) []tw {
	out := v[:0]
	for _, x := range v {
		if n := len(out); n > 0 && out[n-1].id == x.id {
			out[n-1].w += x.w
			continue
		}
		out = append(out, x)
	}
	return out
}

// centroid is the tf-idf weight of every term over the sentences of sp.
func (mt *meeting) centroid(sp span) []float64 {
	c := make([]float64, len(mt.a.terms))
	for i := sp.from; i < sp.to; i++ {
		for _, t := range mt.vecs[i] {
			c[t.id] += t.w
		}
	}
	return c
}

// salience scores sentence i against a centroid: cosine similarity, with
// questions and very long or short sentences weighed down.
func (mt *meeting) salience(i int, c []float64, cnorm float64) float64 {
	s := mt.sents[i]
	if s.words < minWords || s.terms < 3 || cnorm == 0 {
		return 0
	}
	var dot, norm float64
	for _, t := range mt.vecs[i] {
		dot += t.w * c[t.id]
		norm += t.w * t.w
	}
	score := dot / math.Sqrt(norm) / cnorm
	score *= min(1, float64(s.words)/12) * math.Pow(min(1, 28/float64(s.words)), 1.5)
	// Content words per word: a sentence carrying the meeting's subject in
	// few words beats one padded with talk around it.
	score *= float64(s.terms) / float64(s.words)
	if s.question {
		score *= 0.5
	}
	return score
}

// pick chooses up to n sentences of sp by maximal marginal relevance:
// salient to the span's centroid and unlike those already picked. It
// returns them in spoken order and adds them to picked.
func (mt *meeting) pick(sp span, n int, picked map[int]bool) []int {
	c := mt.centroid(sp)
	if sp.from > 0 || sp.to < len(mt.sents) {
		c = blend(c, mt.centroid(span{0, len(mt.sents)}), topicFocus)
	}
	cnorm := 0.0
	for _, w := range c {
		cnorm += w * w
	}
	cnorm = math.Sqrt(cnorm)
	type cand struct {
		i int
		s float64
	}
	var cands []cand
	for i := sp.from; i < sp.to; i++ {
		if s := mt.salience(i, c, cnorm); s > 0 && !picked[i] {
			cands = append(cands, cand{i, s})
		}
	}
	// Only the most salient few can win; weighing redundancy for all of
	// them would cost more than the rest of the summary.
	sort.Slice(cands, func(a, b int) bool { return cands[a].s > cands[b].s })
	cands = cands[:min(len(cands), 8*n)]
	red := make([]float64, len(cands))
	for k, cd := range cands {
		for j := range picked {
			red[k] = max(red[k], mt.similarity(cd.i, j))
		}
	}
	var out []int
	for len(out) < n && len(cands) > 0 {
		best, bestScore := -1, math.Inf(-1)
		for k, cd := range cands {
			if v := mmrLambda*cd.s - (1-mmrLambda)*red[k]; v > bestScore && red[k] < nearDuplicate {
				best, bestScore = k, v
			}
		}
		if best < 0 {
			break
		}
		i := cands[best].i
		out = append(out, i)
		picked[i] = true
		cands = append(cands[:best], cands[best+1:]...)
		red = append(red[:best], red[best+1:]...)
		for k, cd := range cands {
			red[k] = max(red[k], mt.similarity(cd.i, i))
		}
	}
	sort.Ints(out)
	return out
}

// blend is the unit-length mix of a topic's centroid (share focus) and the
// meeting's (the rest).
func blend(topic, all []float64, focus float64) []float64 {
	var nt, na float64
	for i := range topic {
		nt += topic[i] * topic[i]
		na += all[i] * all[i]
	}
	if nt == 0 || na == 0 {
		return topic
	}
	nt, na = math.Sqrt(nt), math.Sqrt(na)
	for i := range topic {
		topic[i] = focus*topic[i]/nt + (1-focus)*all[i]/na
	}
	return topic
}

// similarity is the cosine of two sentences' tf-idf vectors.
func (mt *meeting) similarity(i, j int) float64 {
	a, b := mt.vecs[i], mt.vecs[j]
	var dot, na, nb float64
	for x, y := 0, 0; x < len(a) && y < len(b); {
		switch {
		case a[x].id < b[y].id:
			x++
		case a[x].id > b[y].id:
			y++
		default:
			dot += a[x].w * b[y].w
			x, y = x+1, y+1
		}
	}
	if dot == 0 {
		return 0
	}
	for _, t := range a {
		na += t.w * t.w
	}
	for _, t := range b {
		nb += t.w * t.w
	}
	return dot / math.Sqrt(na*nb)
}

// purposeCues are how a meeting says what it is for: words about the
// meeting itself, never about its subject.
var purposeCues = []string{"agenda", "purpose", "goal", "aim ", "aims", "objective", "this meeting",
	"today", "talk about", "discuss", "we're here to", "we are here to"}

// purposeReach is the share of the meeting, from its start, in which a
// purpose is looked for: meetings say what they are for early.
const purposeReach = 3

// purpose picks the sentence that says what the meeting is for: the most
// central sentence of the first third that speaks of the meeting itself
// (agenda, goal, "today we…"), or, when none does, the most central of the
// first third.
func (mt *meeting) purpose() int {
	c := mt.centroid(span{0, len(mt.sents)})
	cnorm := 0.0
	for _, w := range c {
		cnorm += w * w
	}
	cnorm = math.Sqrt(cnorm)
	best, bestScore, bestCued := -1, 0.0, false
	for i := 0; i < len(mt.sents) && (i < len(mt.sents)/purposeReach || best < 0); i++ {
		s := mt.salience(i, c, cnorm)
		if s == 0 || mt.sents[i].question {
			continue
		}
		lower := strings.ToLower(mt.sents[i].text)
		cued := false
		for _, cue := range purposeCues {
			if strings.Contains(lower, cue) {
				cued = true
				break
			}
		}
		if (cued && !bestCued) || (cued == bestCued && s > bestScore) {
			best, bestScore, bestCued = i, s, cued
		}
	}
	return best
}

// line renders sentence i for the summary: its own words, cleaned, with
// no label put in front of them.
func (mt *meeting) line(i int) line {
	s := mt.sents[i]
	text := s.text
	if ws := strings.Fields(text); len(ws) > maxWords {
		text = strings.TrimRight(strings.Join(ws[:maxWords], " "), ",;:.") + "…"
	}
	return line{text: text, at: s.at}
}
