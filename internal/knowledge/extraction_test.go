package knowledge

import (
	"fmt"
	"math/rand/v2"
	"os"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/fathom-oss/fathom/internal/dataset"
	"github.com/fathom-oss/fathom/internal/eval"
	"github.com/fathom-oss/fathom/internal/fathom"
	"github.com/fathom-oss/fathom/internal/knowledge/attempt"
)

// extractionTally counts, over simulated conversations, where the attempts
// and outcomes read from the text part from the simulation's true ones.
type extractionTally struct {
	fixes, found, missed        int            // true fixes; read at their turn; not read
	escalations, escMissed      int            // true escalations; not read
	escUnmarked, fixAsEsc       int            // an escalation read as a fix; a fix read as an escalation
	escOutcome                  map[string]int // what the user's reply to a hand-over was read as
	wrongClause                 int            // a fix turn read, but from a clause that is not the fix
	nonFix                      map[string]int
	outcome                     map[string]int // "true→read" for the fixes found
	creditLater, creditNonFix   int            // outcomes moved to the wrong attempt
	examples                    map[string][]string
	texts                       map[string]int // "kind: turn" of the misses, for EXAMPLES
	convs, convsAllRight        int
	outcomesRight, outcomesSeen int
}

func newExtractionTally() *extractionTally {
	return &extractionTally{nonFix: map[string]int{}, outcome: map[string]int{}, examples: map[string][]string{}, texts: map[string]int{}, escOutcome: map[string]int{}}
}

func (t *extractionTally) example(kind string, s eval.Simulated, note string) {
	if len(t.examples[kind]) < 3 {
		t.examples[kind] = append(t.examples[kind], note+"\n"+s.String())
	}
}

// add compares one simulated conversation with what Extract reads from it.
func (t *extractionTally) add(s eval.Simulated, plan eval.Plan) {
	t.convs++
	msgs := make([]fathom.Message, len(s.Turns))
	for j, tu := range s.Turns {
		msgs[j] = fathom.Message{Seq: j, Role: fathom.Role(tu.Role), Content: tu.Content}
	}
	got := attempt.Extract(msgs, s.Resolved, "")
	read := map[int]attempt.Attempt{}
	for _, a := range got {
		read[a.Turn] = a
	}
	truth := map[int]bool{} // fix turn → success
	for _, a := range s.Attempts {
		truth[a.Turn] = a.Success
	}
	allRight := true
	sawSuccess := false
	firstAssistant := true
	for j, tu := range s.Turns {
		if tu.Role != "assistant" {
			continue
		}
		a, ok := read[j]
		first := firstAssistant
		firstAssistant = false
		switch {
		case tu.Action != "" && eval.IsEscalation(tu.Action):
			t.escalations++
			if ok {
				// A hand-over's result comes later, from the other team:
				// the reply to it is consent, never a success.
				t.escOutcome[string(a.Outcome)]++
				if a.Outcome == fathom.OutcomeSuccess {
					allRight = false
					t.example("hand-over reply read as a success", s, a.Action)
				}
			}
			if !ok {
				t.escMissed++
				allRight = false
				t.example("escalation missed", s, tu.Content)
			} else if !a.Escalation {
				t.escUnmarked++
				allRight = false
				t.example("escalation read as a fix", s, a.Action)
				t.texts["escalation read as a fix: "+a.Action]++
			}
		case tu.Action != "":
			t.fixes++
			success := truth[j]
			if !ok {
				t.missed++
				allRight = false
				t.example("fix missed", s, tu.Content)
				t.texts["fix missed: "+lastSentence(tu.Content)]++
				if success {
					sawSuccess = true
				}
				continue
			}
			t.found++
			if a.Escalation {
				t.fixAsEsc++
				allRight = false
			}
			if !perturbed && !inPhrasings(a.Action, plan, tu.Action) {
				t.wrongClause++
				allRight = false
				t.example("fix turn read from another clause", s, a.Action)
			}
			want := "failure"
			if success {
				want = "success"
				sawSuccess = true
			}
			key := want + "→" + string(a.Outcome)
			t.outcome[key]++
			t.outcomesSeen++
			if string(a.Outcome) == want {
				t.outcomesRight++
				continue
			}
			allRight = false
			t.example("outcome "+key, s, fmt.Sprintf("turn %d: %s", j, a.Action))
			if !success && a.Outcome == fathom.OutcomeSuccess && laterMissedSuccess(s, j, read) {
				t.creditLater++
				t.example("later success credited to an earlier attempt", s, fmt.Sprintf("turn %d", j))
			}
		default:
			if !ok {
				continue
			}
			allRight = false
			kind := nonFixKind(s, j, first, sawSuccess, a.Action)
			t.nonFix[kind]++
			t.example("read as an attempt: "+kind, s, a.Action)
			if a.Outcome.Decided() {
				t.creditNonFix++
			}
		}
	}
	if allRight {
		t.convsAllRight++
	}
}

// inPhrasings reports whether the action read is part of one of the
// action's develop phrasings, rather than of a greeting before it.
func inPhrasings(action string, plan eval.Plan, id string) bool {
	for _, a := range append(slices.Clone(plan.Actions), derefAction(plan.Escalation)...) {
		if a.ID != id {
			continue
		}
		for _, ph := range a.Develop {
			if strings.Contains(ph, action) {
				return true
			}
		}
	}
	return false
}

func derefAction(a *eval.Action) []eval.Action {
	if a == nil {
		return nil
	}
	return []eval.Action{*a}
}

// laterMissedSuccess reports whether a later true fix after turn j worked
// and was not read: its success then lands on an earlier attempt.
func laterMissedSuccess(s eval.Simulated, j int, read map[int]attempt.Attempt) bool {
	for _, a := range s.Attempts {
		if a.Turn > j && a.Success {
			_, ok := read[a.Turn]
			return !ok
		}
	}
	return false
}

// nonFixKind names what an assistant turn that is no fix was: a closing
// after the fix worked, a greeting before the first question, or a
// question for details.
func nonFixKind(s eval.Simulated, j int, first, afterSuccess bool, action string) string {
	switch {
	case afterSuccess:
		return "closing"
	case first && !strings.Contains(lastSentence(s.Turns[j].Content), action):
		return "greeting"
	}
	return "question for details"
}

func lastSentence(text string) string {
	text = strings.TrimRight(text, ".!? ")
	if i := strings.LastIndexAny(text, ".!?"); i >= 0 {
		return text[i+1:]
	}
	return text
}

func (t *extractionTally) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "conversations %d, all right %d (%.3f)\n", t.convs, t.convsAllRight, float64(t.convsAllRight)/float64(max(1, t.convs)))
	fmt.Fprintf(&b, "fixes %d: found %d, missed %d, read from another clause %d, read as escalations %d\n",
		t.fixes, t.found, t.missed, t.wrongClause, t.fixAsEsc)
	fmt.Fprintf(&b, "escalations %d: missed %d, read as fixes %d; replies read as %v\n", t.escalations, t.escMissed, t.escUnmarked, sortedCounts(t.escOutcome))
	fmt.Fprintf(&b, "non-fixes read as attempts: %v (with an outcome: %d)\n", sortedCounts(t.nonFix), t.creditNonFix)
	fmt.Fprintf(&b, "outcomes of the fixes found: right %d of %d (%.3f); %v\n", t.outcomesRight, t.outcomesSeen,
		float64(t.outcomesRight)/float64(max(1, t.outcomesSeen)), sortedCounts(t.outcome))
	fmt.Fprintf(&b, "a later success credited to an earlier attempt: %d", t.creditLater)
	return b.String()
}

func sortedCounts(m map[string]int) string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = fmt.Sprintf("%s %d", k, m[k])
	}
	return "[" + strings.Join(parts, ", ") + "]"
}

// TestSimulatedExtraction compares, per simulated conversation of the
// DEVELOP pool, the attempts and outcomes attempt.Extract reads with the
// simulation's true ones: fixes missed, non-fixes (greetings, questions
// for details, closings) read as attempts, outcomes wrong, and outcomes
// credited to the wrong attempt. It simulates the same conversations as
// TestSimulatedRecommendations trains on. -v lists the counts per domain
// and EXAMPLES=1 three conversations per kind of error.
func TestSimulatedExtraction(t *testing.T) {
	dir, ok := dataset.Dir("banking77")
	if !ok {
		t.Skip("../shared/data is absent: the simulation needs banking77 and dstc11")
	}
	dataDir := strings.TrimSuffix(dir, "/banking77")
	total := newExtractionTally()
	for _, name := range eval.RecommendDomains {
		d, err := eval.LoadDomain(dataDir, name)
		if err != nil {
			t.Skipf("%s: %v", name, err)
		}
		var train []eval.Example
		if name == "banking77" {
			for i, ex := range d.Train {
				if i%5 != 4 {
					train = append(train, ex)
				}
			}
		} else {
			train, _ = eval.SplitEveryFourth(d.Train)
		}
		plans := eval.World(1).Plans(train)
		tally := newExtractionTally()
		for i, ex := range train {
			s := eval.Simulate(plans[ex.Intent], eval.PoolDevelop, ex.Text, rand.New(rand.NewPCG(uint64(i), 1)))
			if perturbed {
				s = perturb(s, rand.New(rand.NewPCG(uint64(i), 2)))
			}
			tally.add(s, plans[ex.Intent])
			total.add(s, plans[ex.Intent])
		}
		t.Logf("%s:\n%s", name, tally)
	}
	t.Logf("all domains:\n%s", total)
	// Guards far below today's develop figures (found 0.991, outcomes
	// right 1.000, no non-fix read): they catch a rule that breaks the
	// reading of ordinary support turns, not a small drift.
	if found := float64(total.found) / float64(max(1, total.fixes)); found < 0.95 {
		t.Errorf("only %.3f of the fixes read as attempts", found)
	}
	if right := float64(total.outcomesRight) / float64(max(1, total.outcomesSeen)); right < 0.95 {
		t.Errorf("only %.3f of the outcomes of the fixes found are right", right)
	}
	nonFix := 0
	for _, n := range total.nonFix {
		nonFix += n
	}
	if nonFix > total.convs/20 {
		t.Errorf("%d greetings, questions or closings read as attempts in %d conversations", nonFix, total.convs)
	}
	if os.Getenv("EXAMPLES") != "" {
		t.Logf("misses by turn: %s", sortedCounts(total.texts))
		kinds := make([]string, 0, len(total.examples))
		for k := range total.examples {
			kinds = append(kinds, k)
		}
		sort.Strings(kinds)
		for _, k := range kinds {
			for _, ex := range total.examples[k] {
				t.Logf("[%s] %s", k, ex)
			}
		}
	}
}

// trueSolutionKeys (KEYS=1 with TestSimulatedRecommendations) keeps the
// extracted attempts and outcomes but names each attempt's solution after
// the simulated action of its turn: what is left between it and ORACLE=1
// is lost by extraction, what is left between the extracted run and it is
// lost by grouping proposals into solutions.
var trueSolutionKeys = os.Getenv("KEYS") != ""

// nameByTruth replaces the solutions of d's attempts by the simulated
// actions of their turns ("none" for a turn that performs none).
func nameByTruth(d *Draft, s eval.Simulated) {
	for j := range d.templates {
		id := s.Turns[d.Analysis.Attempts[j].Turn].Action
		if id == "" {
			id = "none"
		}
		d.templates[j] = &fathom.Solution{TenantID: 1, Key: id, Description: id, Escalation: eval.IsEscalation(id)}
	}
}
