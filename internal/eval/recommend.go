package eval

import (
	"context"
	"fmt"
	"math/rand/v2"
	"sort"
	"sync"

	"github.com/fathom-oss/fathom/client"
)

// RecommendMetrics score recommendations on held-out simulated
// conversations.
type RecommendMetrics struct {
	TrainConversations int
	Intents            int
	// BestAction is the share of intents whose most often top-recommended
	// action (over the intent's test queries) is the truly best one.
	BestAction float64
	// Brier is the mean squared error of successProbability against the
	// outcomes of the held-out attempts (an action not recommended counts
	// as probability 0).
	Brier float64
	// Coverage is the share of held-out attempts whose action was among
	// the recommended ones.
	Coverage float64
	Attempts int
	// Mapped is how many server solutions were matched to simulated actions.
	Mapped int
}

func (m RecommendMetrics) String() string {
	return fmt.Sprintf("best action %.3f over %d intents, Brier %.3f over %d held-out attempts (coverage %.3f), %d solutions mapped",
		m.BestAction, m.Intents, m.Brier, m.Attempts, m.Coverage, m.Mapped)
}

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

// LoadSimulated tracks one simulated conversation per training query and
// resolves the ones that ended in a fix. It returns the simulations.
func LoadSimulated(ctx context.Context, c *client.Client, train []Example, plans map[string]Plan, concurrency int) ([]Simulated, error) {
	sims := make([]Simulated, len(train))
	for i, ex := range train {
		sims[i] = Simulate(plans[ex.Intent], ex.Text, rand.New(rand.NewPCG(uint64(i), 1)))
	}
	err := parallel(ctx, len(sims), concurrency, func(ctx context.Context, i int) error {
		msgs := make([]client.Message, len(sims[i].Turns))
		for j, t := range sims[i].Turns {
			msgs[j] = client.Message{Role: t.Role, Content: t.Content}
		}
		if _, err := c.Track(ctx, client.TrackRequest{ConversationID: SimID(i), Messages: msgs}); err != nil {
			return err
		}
		if !sims[i].Resolved {
			return nil
		}
		_, err := c.Resolve(ctx, client.ResolveRequest{ConversationID: SimID(i)})
		return err
	})
	return sims, err
}

// mapSolutions learns which server solution stands for which simulated
// action, by reading back every training conversation and aligning its
// attempts in order. It must read them all: the training file is sorted by
// intent, so a prefix sees only some intents, and the actions only later
// intents use would never be matched (they would count as never
// recommended).
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
		for j, a := range conv.AttemptedSolutions {
			if j < len(sims[i].Attempts) {
				if votes[a.Solution] == nil {
					votes[a.Solution] = map[string]int{}
				}
				votes[a.Solution][sims[i].Attempts[j].Action]++
			}
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
		out[key] = best
	}
	return out, err
}

// Recommendations scores the recommendations for the test queries against
// held-out simulated conversations opening with them.
func Recommendations(ctx context.Context, c *client.Client, sims []Simulated, test []Example, plans map[string]Plan, concurrency int) (RecommendMetrics, error) {
	m := RecommendMetrics{TrainConversations: len(sims)}
	mapping, err := mapSolutions(ctx, c, sims, concurrency)
	if err != nil {
		return m, err
	}
	m.Mapped = len(mapping)
	type answer struct {
		top   string
		probs map[string]float64
	}
	answers := make([]answer, len(test))
	err = parallel(ctx, len(test), concurrency, func(ctx context.Context, i int) error {
		res, err := c.Similarity(ctx, client.SimilarityRequest{Message: test[i].Text, Limit: 10})
		if err != nil {
			return err
		}
		a := answer{probs: map[string]float64{}}
		for j, ra := range res.Recommendations.RecommendedActions {
			action := mapping[ra.Action]
			if action == "" {
				continue
			}
			if j == 0 {
				a.top = action
			}
			if _, ok := a.probs[action]; !ok {
				a.probs[action] = ra.SuccessProbability
			}
		}
		answers[i] = a
		return nil
	})
	if err != nil {
		return m, err
	}
	tops := map[string]map[string]int{}
	var sq float64
	covered := 0
	for i, ex := range test {
		if tops[ex.Intent] == nil {
			tops[ex.Intent] = map[string]int{}
		}
		tops[ex.Intent][answers[i].top]++
		held := Simulate(plans[ex.Intent], ex.Text, rand.New(rand.NewPCG(uint64(i), 2)))
		for _, at := range held.Attempts {
			p, ok := answers[i].probs[at.Action]
			if ok {
				covered++
			}
			o := 0.0
			if at.Success {
				o = 1
			}
			sq += (p - o) * (p - o)
			m.Attempts++
		}
	}
	correct := 0
	for intent, v := range tops {
		best, bestN := "", 0
		for action, k := range v {
			if action != "" && (k > bestN || k == bestN && action < best) {
				best, bestN = action, k
			}
		}
		if best == plans[intent].Best() {
			correct++
		}
	}
	m.Intents = len(tops)
	m.BestAction = float64(correct) / float64(max(1, m.Intents))
	m.Brier = sq / float64(max(1, m.Attempts))
	m.Coverage = float64(covered) / float64(max(1, m.Attempts))
	return m, nil
}
