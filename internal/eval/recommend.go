package eval

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"maps"
	"math"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"sync"

	"github.com/fathom-oss/fathom/client"
)

// Domain is a set of labelled openings split into the conversations the
// server learns from and the queries it is asked about.
type Domain struct {
	Name        string
	Train, Test []Example
	// Actions are what the domain's simulated agents do; nil means the
	// simulation's banking-flavoured actions.
	Actions []Action
}

// Plans draws the candidates of every training intent in world w (see
// World and PlansFrom).
func (d Domain) Plans(w World) map[string]Plan {
	if d.Actions == nil {
		return w.Plans(d.Train)
	}
	return w.plansFrom(d.Train, d.Actions)
}

// RecommendDomains are the domains of the recommendation simulation, in
// report order.
var RecommendDomains = append([]string{"banking77"}, DSTC11Domains...)

// LoadDomain reads a domain under dataDir (the folder holding banking77/,
// dstc11/ and abcd/): BANKING77 with its own train and test files, abcd
// as LoadABCD splits it, with the retail actions, a DSTC11 domain split by
// SplitEveryFourth.
func LoadDomain(dataDir, name string) (Domain, error) {
	if name == "abcd" {
		train, test, err := LoadABCD(filepath.Join(dataDir, "abcd"))
		return Domain{Name: name, Train: train, Test: test, Actions: retailActions}, err
	}
	if name == "banking77" {
		train, test, err := LoadBanking77(filepath.Join(dataDir, "banking77"))
		return Domain{Name: name, Train: train, Test: test}, err
	}
	all, err := LoadDSTC11(filepath.Join(dataDir, "dstc11"), name)
	if err != nil {
		return Domain{}, err
	}
	train, test := SplitEveryFourth(all)
	return Domain{Name: name, Train: train, Test: test}, nil
}

// Bin is one row of a reliability table: the attempts whose predicted
// probability fell in [Lo, Hi), their mean prediction and how often they
// worked.
type Bin struct {
	Lo, Hi              float64
	Count               int
	Predicted, Observed float64
}

// RecommendMetrics score recommendations on held-out simulated
// conversations.
type RecommendMetrics struct {
	Domain             string
	Pool               Pool
	TrainConversations int
	Queries            int
	Intents            int
	// BestAction is the share of intents whose most often top-recommended
	// fix (over the intent's test queries) is the truly best one.
	BestAction float64
	// TopIsBest is the same per query: the share of test queries whose top
	// fix is their intent's best.
	TopIsBest float64
	// RMSE is the root-mean-square difference between successProbability
	// and the true success rate, over the recommended fixes that are
	// candidates of the query's intent (RMSEPairs of them).
	RMSE      float64
	RMSEPairs int
	// OffPlan is the share of recommended fixes that are not candidates of
	// the query's intent (no true rate: they were never tried for it).
	OffPlan float64
	// Brier is the mean squared error of successProbability against the
	// outcomes of held-out attempts whose action was recommended; Coverage
	// is the share of held-out attempts that were.
	Brier float64
	// BrierTrue is the Brier score the true rates themselves would get
	// on the same attempts: the floor that outcomes' chance leaves.
	BrierTrue   float64
	Attempts    int
	Coverage    float64
	Reliability []Bin
	// EscalationOnTop counts queries whose top fix is, in truth, an
	// escalation (the server did not mark it).
	EscalationOnTop int
	// Thin is the share of answers that said their evidence is thin.
	Thin float64
	// UnmappedTop is the share of queries whose first fix maps to no
	// simulated action, NoFix the share with no fix at all: both count
	// against TopIsBest but not against BestAction, which takes each
	// intent's most frequent mapped top.
	UnmappedTop, NoFix float64
	// Mapped is how many server solutions were matched to simulated actions.
	Mapped int
	// Bound is what knowing every intent and outcome would score.
	Bound Bound
	// PerIntent is each intent's best fix and what its queries put first,
	// in intent order: where BestAction is lost, and how.
	PerIntent []IntentResult
	// Answers are the server's answers as they came, one line per test
	// query in query order (its recommended actions' keys, escalation
	// marks and probabilities, and its evidence), and AnswersHash a
	// digest of them and of the solutions' mapping: two runs whose hashes
	// agree got the same answers.
	Answers     []string
	AnswersHash string
}

// IntentResult is what the test queries of one intent put first.
type IntentResult struct {
	Intent string
	Best   string         // the intent's truly best fix
	Tops   map[string]int // the first fix of its queries ("" for none or unmapped), counted
	// Miss says what the intent's most frequent top is when it is not
	// the best (see MissKind); "none" when it is.
	Miss string
}

// MissKind says what an intent's queries most often put first when it is
// not the intent's best fix: "partner-best" (the best fix of the intent
// that shares its candidates: a look-alike the neighbours or the issue
// type mixed in), "own-fix" (another of its own fixes: the ranking, or one
// action split into several solutions), or "off-plan" (an action never
// tried for it: the evidence came from another intent's conversations).
func MissKind(p, partner Plan, tops map[string]int) string {
	top := mostFrequent(tops)
	_, own := p.Rate(top)
	switch {
	case top == p.Best():
		return "none"
	case partner.Intent != "" && top == partner.Best():
		return "partner-best"
	case own:
		return "own-fix"
	}
	return "off-plan"
}

// mostFrequent is the most frequent mapped top ("" when none is mapped),
// ties broken by name: the top BestAction scores.
func mostFrequent(tops map[string]int) string {
	best, bestN := "", 0
	for action, k := range tops {
		if action != "" && (k > bestN || k == bestN && action < best) {
			best, bestN = action, k
		}
	}
	return best
}

func (m RecommendMetrics) String() string {
	return fmt.Sprintf("%s/%s: best action %.3f over %d intents (per query %.3f; unmapped top %.3f, no fix %.3f), RMSE %.3f over %d, Brier %.3f (true rates %.3f) over %d attempts (coverage %.3f), off-plan %.3f, thin %.3f, %d solutions mapped; ceiling %.3f, RMSE %.3f; answers %s",
		m.Domain, m.Pool, m.BestAction, m.Intents, m.TopIsBest, m.UnmappedTop, m.NoFix, m.RMSE, m.RMSEPairs, m.Brier, m.BrierTrue, m.Attempts, m.Coverage, m.OffPlan, m.Thin, m.Mapped, m.Bound.BestAction, m.Bound.RMSE, m.AnswersHash)
}

// maxTrackMessages is the most messages one track request may carry
// (docs/api.md). The evaluation is a client of the public API, so it
// holds the limit as the API states it rather than importing the server.
const maxTrackMessages = 10

// SimID is the conversation id of the i-th simulated training conversation.
func SimID(i int) string { return fmt.Sprintf("sim-train-%05d", i) }

// Intents lists the distinct intents of examples, sorted.
func Intents(ex []Example) []string {
	seen := map[string]bool{}
	var out []string
	for _, e := range ex {
		if !seen[e.Intent] {
			seen[e.Intent] = true
			out = append(out, e.Intent)
		}
	}
	sort.Strings(out)
	return out
}

// LoadSimulated tracks scale simulated conversations per training opening
// (see SimulateTraining), in the words of pool, and resolves the ones that
// ended in a fix. It returns the simulations.
func LoadSimulated(ctx context.Context, c *client.Client, train []Example, plans map[string]Plan, pool Pool, scale, concurrency int) ([]Simulated, error) {
	sims := SimulateTraining(train, plans, pool, scale)
	err := parallel(ctx, len(sims), concurrency, func(ctx context.Context, i int) error {
		return loadSimulated(ctx, c, sims, i, 0)
	})
	return sims, err
}

// LoadSimulatedInSteps is LoadSimulated at fixed points: the simulations
// go in steps of step conversations, each created in order (so the server
// numbers them in the simulation's order) and then completed and resolved
// concurrently, and analyse is called after each step, for a server that
// analyses only when told to. What the server learns then depends on the
// input alone, not on how its background analysis kept pace with the
// requests.
func LoadSimulatedInSteps(ctx context.Context, c *client.Client, train []Example, plans map[string]Plan, pool Pool, scale, concurrency, step int, analyse func(context.Context) error) ([]Simulated, error) {
	sims := SimulateTraining(train, plans, pool, scale)
	for lo := 0; lo < len(sims); lo += step {
		hi := min(lo+step, len(sims))
		for i := lo; i < hi; i++ {
			n := min(maxTrackMessages, len(sims[i].Turns))
			if err := trackAll(ctx, c, SimID(i), messages(sims[i].Turns[:n])); err != nil {
				return sims, err
			}
		}
		err := parallel(ctx, hi-lo, concurrency, func(ctx context.Context, i int) error {
			return loadSimulated(ctx, c, sims, lo+i, maxTrackMessages)
		})
		if err != nil {
			return sims, err
		}
		if err := analyse(ctx); err != nil {
			return sims, err
		}
	}
	return sims, nil
}

// loadSimulated tracks the turns of sims[i] from the from-th on and
// resolves it if it ended in a fix.
func loadSimulated(ctx context.Context, c *client.Client, sims []Simulated, i, from int) error {
	if err := trackAll(ctx, c, SimID(i), messages(sims[i].Turns[min(from, len(sims[i].Turns)):])); err != nil {
		return err
	}
	if !sims[i].Resolved {
		return nil
	}
	_, err := c.Resolve(ctx, client.ResolveRequest{ConversationID: SimID(i)})
	return err
}

// messages are turns as the API takes them.
func messages(turns []Turn) []client.Message {
	msgs := make([]client.Message, len(turns))
	for j, t := range turns {
		msgs[j] = client.Message{Role: t.Role, Content: t.Content}
	}
	return msgs
}

// trackAll tracks msgs as conversation id, in requests of at most
// maxTrackMessages (the most one track may carry), appended in order.
func trackAll(ctx context.Context, c *client.Client, id string, msgs []client.Message) error {
	for len(msgs) > 0 {
		n := min(maxTrackMessages, len(msgs))
		if _, err := c.Track(ctx, client.TrackRequest{ConversationID: id, Messages: msgs[:n]}); err != nil {
			return err
		}
		msgs = msgs[n:]
	}
	return nil
}

// noAction labels server attempts found on turns that perform no simulated
// action (greetings, questions, closings).
const noAction = "(none)"

// mapSolutions learns which server solution stands for which simulated
// action: the majority label of the turns its attempts were found on, over
// every training conversation read back through the API. A solution found
// mostly on turns that do nothing maps to nothing.
func mapSolutions(ctx context.Context, c *client.Client, sims []Simulated, concurrency int) (map[string]string, error) {
	var mu sync.Mutex
	votes := map[string]map[string]int{}
	err := parallel(ctx, len(sims), concurrency, func(ctx context.Context, i int) error {
		conv, err := c.Conversation(ctx, SimID(i))
		if err != nil {
			return err
		}
		mu.Lock()
		defer mu.Unlock()
		for _, a := range conv.AttemptedSolutions {
			label := noAction
			if a.Turn >= 0 && a.Turn < len(sims[i].Turns) && sims[i].Turns[a.Turn].Action != "" {
				label = sims[i].Turns[a.Turn].Action
			}
			if votes[a.Solution] == nil {
				votes[a.Solution] = map[string]int{}
			}
			votes[a.Solution][label]++
		}
		return nil
	})
	out := map[string]string{}
	for key, v := range votes {
		best, bestN := "", 0
		for action, k := range v {
			if k > bestN || k == bestN && action < best {
				best, bestN = action, k
			}
		}
		if best != noAction {
			out[key] = best
		}
	}
	return out, err
}

// Answer is what the server recommended for one test query, in simulated
// actions.
type Answer struct {
	Top        string             // the first fix ("" when it maps to no action)
	Probs      map[string]float64 // first probability of each mapped fix
	Escalation bool               // the first fix is in truth an escalation
	Thin       bool               // the answer said its evidence is thin
	// Unmapped is set when there is a first fix but it maps to no
	// simulated action (a solution found on greetings, questions or
	// closings rather than on fixes).
	Unmapped bool
}

// NewAnswer builds an Answer from ranked actions: their server keys, whether
// the server marked each an escalation, and their probabilities. mapping
// gives the simulated action of a server key.
func NewAnswer(keys []string, escalations []bool, probs []float64, thin bool, mapping map[string]string) Answer {
	a := Answer{Probs: map[string]float64{}, Thin: thin}
	first := true
	for i, key := range keys {
		if escalations[i] {
			continue
		}
		action := mapping[key]
		if first {
			a.Top, a.Escalation, a.Unmapped, first = action, IsEscalation(action), action == "", false
		}
		if _, ok := a.Probs[action]; action != "" && !IsEscalation(action) && !ok {
			a.Probs[action] = probs[i]
		}
	}
	return a
}

// Recommendations scores the recommendations for the test queries against
// the plans and against held-out conversations opening with them.
func Recommendations(ctx context.Context, c *client.Client, sims []Simulated, test []Example, plans map[string]Plan, pool Pool, concurrency int) (RecommendMetrics, error) {
	m := RecommendMetrics{Pool: pool, TrainConversations: len(sims), Queries: len(test), Bound: OracleBound(sims, plans)}
	mapping, err := mapSolutions(ctx, c, sims, concurrency)
	if err != nil {
		return m, err
	}
	m.Mapped = len(mapping)
	answers := make([]Answer, len(test))
	m.Answers = make([]string, len(test))
	err = parallel(ctx, len(test), concurrency, func(ctx context.Context, i int) error {
		res, err := c.Similarity(ctx, client.SimilarityRequest{Message: test[i].Text, Limit: 10})
		if err != nil {
			return err
		}
		var keys []string
		var escalations []bool
		var probs []float64
		line := fmt.Sprintf("%d %s:", i, res.Recommendations.Evidence)
		for _, ra := range res.Recommendations.RecommendedActions {
			keys, escalations, probs = append(keys, ra.Action), append(escalations, ra.Escalation), append(probs, ra.SuccessProbability)
			line += fmt.Sprintf(" %s/%t/%s", ra.Action, ra.Escalation, strconv.FormatFloat(ra.SuccessProbability, 'g', -1, 64))
		}
		answers[i], m.Answers[i] = NewAnswer(keys, escalations, probs, res.Recommendations.Evidence == "thin", mapping), line
		return nil
	})
	if err != nil {
		return m, err
	}
	m.AnswersHash = answersHash(m.Answers, mapping)
	m.Score(test, plans, answers)
	return m, nil
}

// answersHash digests the answers' lines and the mapping of solutions to
// simulated actions (in key order).
func answersHash(lines []string, mapping map[string]string) string {
	h := sha256.New()
	for _, l := range lines {
		fmt.Fprintln(h, l)
	}
	keys := slices.Sorted(maps.Keys(mapping))
	for _, k := range keys {
		fmt.Fprintf(h, "%s=%s\n", k, mapping[k])
	}
	return hex.EncodeToString(h.Sum(nil))[:16]
}

// Score turns the answers to the test queries into the metrics; m.Pool
// words the held-out conversations.
func (m *RecommendMetrics) Score(test []Example, plans map[string]Plan, answers []Answer) {
	pool := m.Pool
	tops := map[string]map[string]int{}
	bins := make([]Bin, 10)
	var sqRate, sqOutcome, sqTrue float64
	covered, offPlan, recommended, topBest, thin, unmapped, noFix := 0, 0, 0, 0, 0, 0, 0
	for i, ex := range test {
		a, plan := answers[i], plans[ex.Intent]
		if tops[ex.Intent] == nil {
			tops[ex.Intent] = map[string]int{}
		}
		tops[ex.Intent][a.Top]++
		if a.Top == plan.Best() {
			topBest++
		}
		if a.Escalation {
			m.EscalationOnTop++
		}
		if a.Thin {
			thin++
		}
		switch {
		case a.Unmapped:
			unmapped++
		case a.Top == "":
			noFix++
		}
		for action, p := range a.Probs {
			recommended++
			if rate, ok := plan.Rate(action); ok {
				sqRate += (p - rate) * (p - rate)
				m.RMSEPairs++
			} else {
				offPlan++
			}
		}
		held := Simulate(plan, pool, ex.Text, heldOutSeed(i, plan.Draw))
		for _, at := range held.Attempts {
			m.Attempts++
			p, ok := a.Probs[at.Action]
			if !ok {
				continue
			}
			covered++
			o := 0.0
			if at.Success {
				o = 1
			}
			sqOutcome += (p - o) * (p - o)
			rate, _ := plan.Rate(at.Action)
			sqTrue += (rate - o) * (rate - o)
			b := &bins[min(9, int(p*10))]
			b.Count++
			b.Predicted += p
			b.Observed += o
		}
	}
	correct := 0
	m.PerIntent = nil
	for _, intent := range Intents(test) {
		v, p := tops[intent], plans[intent]
		if mostFrequent(v) == p.Best() {
			correct++
		}
		m.PerIntent = append(m.PerIntent, IntentResult{Intent: intent, Best: p.Best(), Tops: v, Miss: MissKind(p, plans[p.Partner], v)})
	}
	for i := range bins {
		b := &bins[i]
		b.Lo, b.Hi = float64(i)/10, float64(i+1)/10
		if b.Count > 0 {
			b.Predicted /= float64(b.Count)
			b.Observed /= float64(b.Count)
			m.Reliability = append(m.Reliability, *b)
		}
	}
	m.Intents = len(tops)
	m.BestAction = float64(correct) / float64(max(1, m.Intents))
	m.TopIsBest = float64(topBest) / float64(max(1, len(test)))
	m.RMSE = math.Sqrt(sqRate / float64(max(1, m.RMSEPairs)))
	m.OffPlan = float64(offPlan) / float64(max(1, recommended))
	m.Brier = sqOutcome / float64(max(1, covered))
	m.BrierTrue = sqTrue / float64(max(1, covered))
	m.Coverage = float64(covered) / float64(max(1, m.Attempts))
	m.Thin = float64(thin) / float64(max(1, len(test)))
	m.UnmappedTop = float64(unmapped) / float64(max(1, len(test)))
	m.NoFix = float64(noFix) / float64(max(1, len(test)))
}
