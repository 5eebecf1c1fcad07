package knowledge

import (
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/fathom-oss/fathom/internal/dataset"
	"github.com/fathom-oss/fathom/internal/eval"
	"github.com/fathom-oss/fathom/internal/fathom"
	"github.com/fathom-oss/fathom/internal/knowledge/issuetype"
	"github.com/fathom-oss/fathom/internal/search"
)

// TestSimulatedRecommendations is the in-process inner loop of the
// recommendation figures of `fathom eval banking77`: the same simulation
// (eval.Plans, eval.Simulate) and scores, without HTTP or a database, in
// a few seconds. It trains on four fifths of the banking77 training queries
// and asks about the fifth held out, so the test queries stay unseen by
// anything tuned here; the figures run a little below the evaluation's,
// which trains on all of them. Intents are used only to simulate and score.
func TestSimulatedRecommendations(t *testing.T) {
	texts, intents := dataset.Banking77OrSkip(t, "train.csv")
	var train, held []eval.Example
	for i := range texts {
		if ex := (eval.Example{Text: texts[i], Intent: intents[i]}); i%5 == 4 {
			held = append(held, ex)
		} else {
			train = append(train, ex)
		}
	}
	plans := eval.Plans(eval.Intents(train), 77)
	e, ix := New(issuetype.Config{}), search.NewIndex()
	sims := make([]eval.Simulated, len(train))
	solutionIDs := map[string]int64{}
	now := time.Now()
	var batch []*Draft
	for i, ex := range train {
		sims[i] = eval.Simulate(plans[ex.Intent], ex.Text, rand.New(rand.NewPCG(uint64(i), 1)))
		c := &fathom.Conversation{ID: int64(i + 1), TenantID: 1, Status: fathom.StatusOpen}
		if sims[i].Resolved {
			c.Status, c.NotesGenerated, c.ResolvedAt = fathom.StatusResolved, true, &now
		}
		msgs := make([]fathom.Message, len(sims[i].Turns))
		for j, tu := range sims[i].Turns {
			msgs[j] = fathom.Message{Seq: j, Role: fathom.Role(tu.Role), Content: tu.Content, CreatedAt: now}
		}
		d := e.Analyze(c, msgs, now)
		for j, tpl := range d.templates { // what Store does with the database
			if solutionIDs[tpl.Key] == 0 {
				solutionIDs[tpl.Key] = int64(len(solutionIDs) + 1)
			}
			s := *tpl
			s.ID = solutionIDs[tpl.Key]
			d.templates[j], d.Analysis.Attempts[j].SolutionID = &s, s.ID
		}
		ix.Upsert(c.ID, strings.Join(fathom.Opening(msgs), "\n"))
		if batch = append(batch, d); len(batch) == 50 {
			e.Apply(1, batch)
			batch = nil
		}
	}
	e.Apply(1, batch)

	// Which solution stands for which simulated action: the majority of
	// the attempts it was extracted from.
	votes := map[string]map[string]int{}
	for i, s := range sims {
		_, attempts := e.Conversation(1, int64(i+1))
		for j, a := range attempts[:min(len(attempts), len(s.Attempts))] {
			if votes[a.Solution.Key] == nil {
				votes[a.Solution.Key] = map[string]int{}
			}
			votes[a.Solution.Key][s.Attempts[j].Action]++
		}
	}
	action := map[string]string{}
	for key, v := range votes {
		for a, n := range v {
			if n > v[action[key]] || n == v[action[key]] && a < action[key] {
				action[key] = a
			}
		}
	}

	tops := map[string]map[string]int{}
	var sq float64
	attempts, covered := 0, 0
	for i, ex := range held {
		top, probs := "", map[string]float64{}
		rec := e.Similar(1, SimilarParams{Index: ix, Message: ex.Text, MinSimilarity: 0.1}).Recommendation
		for j, a := range rec.Actions {
			if act := action[a.Key]; act != "" {
				if j == 0 {
					top = act
				}
				if _, ok := probs[act]; !ok {
					probs[act] = a.Stats.SuccessProbability
				}
			}
		}
		if tops[ex.Intent] == nil {
			tops[ex.Intent] = map[string]int{}
		}
		tops[ex.Intent][top]++
		for _, at := range eval.Simulate(plans[ex.Intent], ex.Text, rand.New(rand.NewPCG(uint64(i), 2))).Attempts {
			p, ok := probs[at.Action]
			if ok {
				covered++
			}
			if at.Success {
				p = 1 - p
			}
			sq += p * p
			attempts++
		}
	}
	right := 0
	for intent, v := range tops {
		best, bestN := "", 0
		for a, n := range v {
			if a != "" && (n > bestN || n == bestN && a < best) {
				best, bestN = a, n
			}
		}
		if best == plans[intent].Best() {
			right++
		}
	}
	bestAction, brier := float64(right)/float64(len(tops)), sq/float64(attempts)
	t.Logf("held-out fifth: best action %.3f over %d intents, Brier %.4f, coverage %.3f (%d attempts)",
		bestAction, len(tops), brier, float64(covered)/float64(attempts), attempts)
	// A guard at about the level reached (0.92 and 0.200 when written;
	// 0.96 and 0.208 once solutions were learned rather than listed: the
	// synonym tables fitted to this simulation's phrasings are gone, so
	// "reboot your device" and "restart your phone" are now two solutions,
	// each with thinner evidence).
	if bestAction < 0.88 || brier > 0.21 {
		t.Errorf("recommendations regressed: want best action >= 0.88 and Brier <= 0.21")
	}
}
