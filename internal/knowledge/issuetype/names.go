package issuetype

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/fathom-oss/fathom/internal/knowledge/phrase"
)

// Type describes one issue type. Name and Description come from words
// alone, for a model used on its own; the knowledge engine shows people
// names from the members' phrases instead (DistinctivePhrases, PickName).
type Type struct {
	ID          int64
	Name        string   // snake_case from the most characteristic content words, unique in the model, e.g. "card_payment_declined"
	Description string   // one templated sentence, e.g. "Conversations about card, payment, declined."
	Size        int      // documents assigned
	Terms       []string // most characteristic surface words, most characteristic first
}

// Types returns the current types, largest first (ties: older first). Names
// are recomputed on each call from the members, so they follow the types as
// they drift; the ids are what to store.
func (m *Model) Types() []Type {
	m.mu.RLock()
	defer m.mu.RUnlock()
	weights := m.typeWeights(nil)
	types := m.bySize()
	taken := map[string]bool{}
	for i := range types {
		t := &types[i]
		t.Terms = m.topTerms(weights[t.ID], m.cfg.DescribeTerms)
		t.Name = uniqueName(t.Terms, m.cfg.NameTerms, t.ID, taken)
		t.Description = "Conversations about " + strings.Join(t.Terms, ", ") + "."
		if len(t.Terms) == 0 {
			t.Description = "Conversations without recognisable words."
		}
	}
	return types
}

// BySize lists the current types, ids and sizes only, in Types' order.
func (m *Model) BySize() []Type {
	m.mu.RLock()
	defer m.mu.RUnlock()
	return m.bySize()
}

// TermsOf returns the Terms that Types gives each of the types ids, from
// their members alone: a caller naming a few new types does not pay for a
// walk of every member's words.
func (m *Model) TermsOf(ids []int64) map[int64][]string {
	m.mu.RLock()
	defer m.mu.RUnlock()
	want := make(map[int64]bool, len(ids))
	for _, id := range ids {
		want[id] = true
	}
	weights := m.typeWeights(want)
	out := make(map[int64][]string, len(ids))
	for _, id := range ids {
		out[id] = m.topTerms(weights[id], m.cfg.DescribeTerms)
	}
	return out
}

// bySize is the types, largest first (ties: older first); m.mu held.
func (m *Model) bySize() []Type {
	types := make([]Type, 0, len(m.sizes))
	for id, n := range m.sizes {
		types = append(types, Type{ID: id, Size: n})
	}
	slices.SortFunc(types, func(a, b Type) int {
		if c := cmp.Compare(b.Size, a.Size); c != 0 {
			return c
		}
		return cmp.Compare(a.ID, b.ID)
	})
	return types
}

// typeWeights sums each type's word-feature weights (of the types in want,
// or of every type when want is nil): a term is characteristic when many
// members use it and it is not common everywhere (the weights carry IDF).
// The members are added in slot order, whichever types are asked for, so
// a type's sums are the same either way. m.mu held.
func (m *Model) typeWeights(want map[int64]bool) map[int64]map[uint32]float64 {
	weights := map[int64]map[uint32]float64{}
	var ids []uint32
	var ws []float32
	for i := range m.docs {
		d := &m.docs[i]
		if d.dead || (want != nil && !want[d.typ]) {
			continue
		}
		w := weights[d.typ]
		if w == nil {
			w = map[uint32]float64{}
			weights[d.typ] = w
		}
		ids, ws = d.vec.appendIDs(ids[:0]), d.vec.appendWeights(ws[:0])
		for k, id := range ids {
			if m.feats[id].kind == kindWord {
				w[id] += float64(ws[k])
			}
		}
	}
	return weights
}

// topTerms returns the surface words of the k heaviest stems in w.
func (m *Model) topTerms(w map[uint32]float64, k int) []string {
	ids := make([]uint32, 0, len(w))
	for id := range w {
		// "not" carries meaning in vectors but reads badly in a name, as
		// do reporting verbs ("says"), light verbs and numbers.
		if st := m.feats[id].stem; st != "not" && phrase.IsContent(m.surface(st)) {
			ids = append(ids, id)
		}
	}
	slices.SortFunc(ids, func(a, b uint32) int {
		if c := cmp.Compare(w[b], w[a]); c != 0 {
			return c
		}
		return cmp.Compare(m.feats[a].stem, m.feats[b].stem)
	})
	var out []string
	for _, id := range ids[:min(k, len(ids))] {
		out = append(out, m.surface(m.feats[id].stem))
	}
	return out
}

// surface returns the most frequent word seen for stem (ties: the
// alphabetically first), or the stem itself.
func (m *Model) surface(stem string) string {
	best, bestN := stem, uint32(0)
	for w, n := range m.surf[stem] {
		if n > bestN || (n == bestN && w < best) {
			best, bestN = w, n
		}
	}
	return best
}

// uniqueName joins the first n terms into a snake_case name, adding terms
// (then the id) until it is not taken, and marks it taken.
func uniqueName(terms []string, n int, id int64, taken map[string]bool) string {
	var parts []string
	for _, t := range terms {
		if s := snake(t); s != "" {
			parts = append(parts, s)
		}
	}
	name := ""
	for k := min(n, len(parts)); k <= len(parts); k++ {
		if k == 0 {
			continue
		}
		if c := strings.Join(parts[:k], "_"); !taken[c] {
			name = c
			break
		}
	}
	if name == "" {
		base := strings.Join(parts[:min(n, len(parts))], "_")
		if base == "" {
			base = "type"
		}
		name = fmt.Sprintf("%s_%d", base, id)
	}
	taken[name] = true
	return name
}

// snake keeps the ASCII letters and digits of w, lower-cased, joining runs
// with underscores ("top-up" → "top_up").
func snake(w string) string {
	var b strings.Builder
	gap := false
	for _, r := range strings.ToLower(w) {
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') {
			if gap && b.Len() > 0 {
				b.WriteByte('_')
			}
			b.WriteRune(r)
			gap = false
		} else {
			gap = true
		}
	}
	return b.String()
}

// DistinctivePhrases orders the phrases of one type's members by how
// distinctive they are of it, most distinctive first, like class-based
// TF-IDF: a phrase scores its count in the type times log(1 + mean/all),
// where all is its count across every type and mean the mean count of a
// phrase occurrence per type, so a phrase many members use and other types
// rarely use wins. Phrases used fewer than minCount times are left out.
func DistinctivePhrases(own, all map[string]int, mean float64, minCount int) []string {
	score := map[string]float64{}
	for p, n := range own {
		if n >= minCount {
			score[p] = float64(n) * math.Log(1+mean/float64(max(all[p], n)))
		}
	}
	out := make([]string, 0, len(score))
	for p := range score {
		out = append(out, p)
	}
	slices.SortFunc(out, func(a, b string) int {
		if c := cmp.Compare(score[b], score[a]); c != 0 {
			return c
		}
		if c := cmp.Compare(len(strings.Fields(a)), len(strings.Fields(b))); c != 0 {
			return c // the shorter of two equals reads better
		}
		return strings.Compare(a, b)
	})
	return out
}

// PickName returns the first of candidates (phrases, best first) whose
// snake_case form is not taken, preferring over a taken best phrase the
// most distinctive candidate that contains it ("card_not_arrived" taken:
// "new_card_not_arrived"); "" if all are taken.
func PickName(candidates []string, taken map[string]bool) string {
	if len(candidates) == 0 {
		return ""
	}
	best := Snake(candidates[0])
	if !taken[best] {
		return best
	}
	for _, c := range candidates[1:] {
		if s := Snake(c); !taken[s] && strings.Contains("_"+s+"_", "_"+best+"_") {
			return s
		}
	}
	for _, c := range candidates[1:] {
		if s := Snake(c); s != "" && !taken[s] {
			return s
		}
	}
	return ""
}

// Snake is the snake_case form of a phrase ("top-up declined" →
// "top_up_declined").
func Snake(p string) string { return snake(p) }
