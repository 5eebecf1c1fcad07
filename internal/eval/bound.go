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
	var b Bound
	var sq float64
	n, right := 0, 0
	posteriors := OraclePosteriors(sims)
	for intent, m := range posteriors {
		best, bestP := "", -1.0
		for action, p := range m {
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
	b.BestAction = float64(right) / float64(max(1, len(posteriors)))
	b.RMSE = math.Sqrt(sq / float64(max(1, n)))
	return b
}

// OraclePosteriors are the ceiling's estimates: for each intent and each
// fix tried for it in sims, the mean of the fix's Beta posterior from the
// true outcomes, with a prior at the intent's overall success rate
// (smoothed towards one half) worth two attempts.
func OraclePosteriors(sims []Simulated) map[string]map[string]float64 {
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
	out := make(map[string]map[string]float64, len(byIntent))
	for intent, m := range byIntent {
		prior := (total[intent].success + 1) / (total[intent].tried + 2)
		out[intent] = make(map[string]float64, len(m))
		for action, c := range m {
			out[intent][action] = (c.success + 2*prior) / (c.tried + 2)
		}
	}
	return out
}
