package eval

import "math"

// Bound is what a recommender that knew every training conversation's
// intent and every attempt's true outcome would score from the same
// simulated conversations: for each intent, each fix's Beta posterior
// (a prior at the intent's overall success rate worth two attempts). It
// is the ceiling that the amount of training data allows; no engine that
// must learn intents and outcomes from text can be expected above it.
type Bound struct {
	BestAction float64 // share of intents whose best posterior is the best fix
	RMSE       float64 // of the posteriors against the true rates, over tried fixes
}

// OracleBound computes the Bound of the training conversations sims.
func OracleBound(sims []Simulated, plans map[string]Plan) Bound {
	type counts struct{ success, tried float64 }
	byIntent := map[string]map[string]counts{}
	total := map[string]counts{}
	for _, s := range sims {
		if byIntent[s.Intent] == nil {
			byIntent[s.Intent] = map[string]counts{}
		}
		for _, at := range s.Attempts {
			c, t := byIntent[s.Intent][at.Action], total[s.Intent]
			c.tried++
			t.tried++
			if at.Success {
				c.success++
				t.success++
			}
			byIntent[s.Intent][at.Action], total[s.Intent] = c, t
		}
	}
	var b Bound
	var sq float64
	n, right := 0, 0
	for intent, m := range byIntent {
		prior := (total[intent].success + 1) / (total[intent].tried + 2)
		best, bestP := "", -1.0
		for action, c := range m {
			p := (c.success + 2*prior) / (c.tried + 2)
			if p > bestP || p == bestP && action < best {
				best, bestP = action, p
			}
			rate, _ := plans[intent].Rate(action)
			sq += (p - rate) * (p - rate)
			n++
		}
		if best == plans[intent].Best() {
			right++
		}
	}
	b.BestAction = float64(right) / float64(max(1, len(byIntent)))
	b.RMSE = math.Sqrt(sq / float64(max(1, n)))
	return b
}
