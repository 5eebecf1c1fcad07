package knowledge

import (
	"cmp"
	"fmt"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/fathom-oss/fathom/internal/dataset"
	"github.com/fathom-oss/fathom/internal/eval"
	"github.com/fathom-oss/fathom/internal/fathom"
	"github.com/fathom-oss/fathom/internal/knowledge/issuetype"
)

// TestSTARRounds is `fathom eval star --half develop --round …` in
// process: the DEVELOP half of STAR (even DialogueID; the report half is
// measured by the command only) analysed by the engine itself (Analyze,
// Apply, Settle) in rounds of dialogues, as the
// harness's in-process server analyses them (at most 500 conversations
// per Apply), without HTTP or a database. The wizard's ActionLabel is the
// truth, used only to score. The solutions learned should hardly depend on
// how often the server analyses: purity must stay at or above 0.85 in
// every schedule and move by at most 0.02 between them. It runs the
// shortest schedule and the harness's default (100 and 500);
// STAR_ROUNDS=100,250,500,1000 picks others; STAR_DEBUG=1 lists the least
// pure solutions of each.
func TestSTARRounds(t *testing.T) {
	if testing.Short() {
		t.Skip("reads half of STAR once per schedule")
	}
	ds := dataset.STAROrSkip(t)
	rounds := []int{100, 500}
	if s := os.Getenv("STAR_ROUNDS"); s != "" {
		rounds = nil
		for _, f := range strings.Split(s, ",") {
			n, err := strconv.Atoi(f)
			if err != nil || n <= 0 {
				t.Fatalf("STAR_ROUNDS: %q is not a round size", f)
			}
			rounds = append(rounds, n)
		}
	}
	lo, hi := 1.0, 0.0
	for _, round := range rounds {
		keys, labels := starInRounds(ds, round)
		pur, nmi := eval.Purity(labels, keys), eval.NMI(labels, keys)
		distinct := map[string]bool{}
		for _, k := range keys {
			distinct[k] = true
		}
		t.Logf("rounds of %4d: purity %.3f, NMI %.3f, %d attempts, %d solutions", round, pur, nmi, len(keys), len(distinct))
		lo, hi = min(lo, pur), max(hi, pur)
	}
	if lo < 0.85 {
		t.Errorf("purity %.3f below the 0.85 target in some schedule", lo)
	}
	if hi-lo > 0.02 {
		t.Errorf("purity moves by %.3f (%.3f–%.3f) with the analysis schedule", hi-lo, lo, hi)
	}
}

// starInRounds analyses the develop half of STAR with the engine, round
// dialogues between two analyses of the tenant, and returns the solution
// (resolved at the end) and label of every labelled wizard turn read as
// an attempt.
func starInRounds(ds []dataset.StarDialogue, round int) (keys, labels []string) {
	const tenant, batch = 1, 500 // batch: the server's analysis batch
	e := New(issuetype.Config{})
	now := time.Date(2026, 12, 5, 0, 0, 0, 0, time.UTC)
	ids := map[string]int64{} // what the store does: one id per key
	type scored struct {
		conv  int64
		turn  int
		label string
	}
	var want []scored
	var pending []*fathom.Conversation
	msgsOf := map[int64][]fathom.Message{}
	analyse := func() {
		for lo := 0; lo < len(pending); lo += batch {
			var drafts []*Draft
			for _, c := range pending[lo:min(lo+batch, len(pending))] {
				d := e.Analyze(c, msgsOf[c.ID], now)
				for i, tpl := range d.templates {
					s := *tpl
					if ids[s.Key] == 0 {
						ids[s.Key] = int64(len(ids) + 1)
					}
					s.ID = ids[s.Key]
					d.templates[i], d.Analysis.Attempts[i].SolutionID = &s, s.ID
				}
				drafts = append(drafts, d)
			}
			e.Apply(tenant, drafts)
		}
		e.Settle(tenant)
		pending = pending[:0]
	}
	for _, d := range ds {
		if d.ID%2 != 0 {
			continue
		}
		c := &fathom.Conversation{ID: int64(d.ID) + 1, TenantID: tenant, Status: fathom.StatusOpen}
		msgs := make([]fathom.Message, len(d.Turns))
		for i, tu := range d.Turns {
			msgs[i] = fathom.Message{Seq: i, Role: fathom.Role(tu.Role), Content: tu.Text, CreatedAt: now}
			if tu.Label != "" {
				want = append(want, scored{c.ID, i, tu.Label})
			}
		}
		msgsOf[c.ID] = msgs
		if pending = append(pending, c); len(pending) == round {
			analyse()
		}
	}
	analyse()
	// Each attempt's solution as the API reads it back.
	byTurn := map[[2]int64]string{}
	for id := range msgsOf {
		_, attempts := e.Conversation(tenant, id)
		for _, at := range attempts {
			byTurn[[2]int64{id, int64(at.Turn)}] = at.Solution.Key
		}
	}
	for _, w := range want {
		if key, ok := byTurn[[2]int64{w.conv, int64(w.turn)}]; ok {
			keys, labels = append(keys, key), append(labels, w.label)
		}
	}
	if os.Getenv("STAR_DEBUG") != "" {
		dumpImpure(round, keys, labels)
	}
	return keys, labels
}

// dumpImpure prints the solutions that lose the most attempts to other
// labels, with their labels.
func dumpImpure(round int, keys, labels []string) {
	by := map[string]map[string]int{}
	for i, k := range keys {
		if by[k] == nil {
			by[k] = map[string]int{}
		}
		by[k][labels[i]]++
	}
	type row struct {
		key  string
		lost int
	}
	var rows []row
	for k, ls := range by {
		tot, best := 0, 0
		for _, n := range ls {
			tot, best = tot+n, max(best, n)
		}
		rows = append(rows, row{k, tot - best})
	}
	slices.SortFunc(rows, func(a, b row) int { return cmp.Or(b.lost-a.lost, strings.Compare(a.key, b.key)) })
	fmt.Printf("rounds of %d: the least pure solutions\n", round)
	for _, r := range rows[:min(15, len(rows))] {
		fmt.Println(r.lost, r.key, by[r.key])
	}
}
