package solution

import (
	"fmt"
	"math"
	"os"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/fathom-oss/fathom/internal/dataset"
	"github.com/fathom-oss/fathom/internal/fathom"
	"github.com/fathom-oss/fathom/internal/knowledge/attempt"
	"github.com/fathom-oss/fathom/internal/knowledge/issuetype"
)

// TestSTARDevelop is the in-process inner loop of `fathom eval star`:
// the same reading and grouping (with the solutions' use merged as the
// engine merges it), without HTTP or a database, on the
// DEVELOP half of STAR only (even DialogueID; the report half, odd ids, is
// measured by the command and never here). The wizard's ActionLabel is the
// truth; it is used only to score.
func TestSTARDevelop(t *testing.T) {
	if testing.Short() {
		t.Skip("reads all of STAR")
	}
	ds := dataset.STAROrSkip(t)
	m := NewModel(Config{})
	// As the engine does: issue types learned from the openings, and the
	// solutions' use (per type, and together in a dialogue) fed to
	// MergeByUsage at each consolidation.
	types := issuetype.NewModel(issuetype.Config{})
	typeOf := map[int]int64{}
	tried := map[int][]string{}
	type scored struct{ key, label string }
	var got []scored
	labelled := 0
	consolidate := func() {
		m.Consolidate()
		m.MergeByUsage(starUsage(m, types, typeOf, tried))
	}
	for _, d := range ds {
		if d.ID%2 != 0 {
			continue
		}
		msgs := make([]fathom.Message, len(d.Turns))
		for i, tu := range d.Turns {
			msgs[i] = fathom.Message{Seq: i, Role: fathom.Role(tu.Role), Content: tu.Text}
			if tu.Label != "" {
				labelled++
			}
		}
		typeOf[d.ID] = types.Assign(int64(d.ID), strings.Join(fathom.Opening(msgs), "\n")).TypeID
		for _, a := range attempt.Extract(msgs, false, "") {
			key := m.Assign(Proposal{Phrase: a.Phrase, Text: a.Action, Escalation: a.Escalation})
			tried[d.ID] = append(tried[d.ID], key)
			if l := d.Turns[a.Turn].Label; l != "" {
				got = append(got, scored{key, l})
			}
		}
		if m.Due() {
			consolidate()
		}
	}
	consolidate()
	var keys, labels []string
	for _, g := range got {
		keys, labels = append(keys, m.Resolve(g.key)), append(labels, g.label)
	}
	pur, nmi := purity(labels, keys), nmiOf(labels, keys)
	if os.Getenv("STAR_DEBUG") != "" {
		dumpImpure(labels, keys)
		for _, s := range m.Solutions() {
			if s.Size >= 50 {
				fmt.Printf("%-32s %5d esc=%v %q\n", s.Key, s.Size, s.Escalation, s.Description)
			}
		}
	}
	t.Logf("STAR develop half: purity %.3f, NMI %.3f, coverage %.3f (%d of %d labelled wizard turns), %d solutions",
		pur, nmi, float64(len(got))/float64(labelled), len(got), labelled, m.Len())
	if pur < 0.85 {
		t.Errorf("purity %.3f below the 0.85 target", pur)
	}
}

// starUsage is what the dialogues say about the solutions' use, as the
// engine's tenant knowledge reports it.
func starUsage(m *Model, types *issuetype.Model, typeOf map[int]int64, tried map[int][]string) Usage {
	u := Usage{Types: map[string]map[int64]int{}, Together: map[Pair]int{}}
	for id, keys := range tried {
		t := typeOf[id]
		if now, ok := types.TypeOf(int64(id)); ok {
			t = now
		}
		var distinct []string
		for _, k := range keys {
			k = m.Resolve(k)
			if u.Types[k] == nil {
				u.Types[k] = map[int64]int{}
			}
			u.Types[k][t]++
			if !slices.Contains(distinct, k) {
				distinct = append(distinct, k)
			}
		}
		for i, x := range distinct {
			for _, y := range distinct[i+1:] {
				u.Together[Pair{A: min(x, y), B: max(x, y)}]++
			}
		}
	}
	return u
}

// purity is the share of items whose cluster's majority label is theirs.
func purity(labels, clusters []string) float64 {
	counts := map[string]map[string]int{}
	for i, c := range clusters {
		if counts[c] == nil {
			counts[c] = map[string]int{}
		}
		counts[c][labels[i]]++
	}
	right := 0
	for _, byLabel := range counts {
		best := 0
		for _, n := range byLabel {
			best = max(best, n)
		}
		right += best
	}
	return float64(right) / float64(max(1, len(labels)))
}

// nmiOf is the normalised mutual information (arithmetic mean).
func nmiOf(a, b []string) float64 {
	n := float64(len(a))
	cells, ra, rb := map[[2]string]int{}, map[string]int{}, map[string]int{}
	for i := range a {
		cells[[2]string{a[i], b[i]}]++
		ra[a[i]]++
		rb[b[i]]++
	}
	h := func(m map[string]int) (s float64) {
		for _, c := range m {
			p := float64(c) / n
			s -= p * math.Log(p)
		}
		return s
	}
	mi := 0.0
	for k, c := range cells {
		p := float64(c) / n
		mi += p * math.Log(p/(float64(ra[k[0]])/n*float64(rb[k[1]])/n))
	}
	if h(ra)+h(rb) == 0 {
		return 1
	}
	return 2 * mi / (h(ra) + h(rb))
}

func dumpImpure(labels, clusters []string) {
	counts := map[string]map[string]int{}
	for i, c := range clusters {
		if counts[c] == nil {
			counts[c] = map[string]int{}
		}
		counts[c][labels[i]]++
	}
	type row struct {
		key  string
		lost int
		by   map[string]int
	}
	var rows []row
	for k, by := range counts {
		tot, best := 0, 0
		for _, n := range by {
			tot += n
			best = max(best, n)
		}
		rows = append(rows, row{k, tot - best, by})
	}
	sort.Slice(rows, func(i, j int) bool { return rows[i].lost > rows[j].lost })
	for _, r := range rows[:min(25, len(rows))] {
		fmt.Println(r.lost, r.key, r.by)
	}
}
