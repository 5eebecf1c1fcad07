package stats

import "math"

// DefaultPriorStrength is the default weight of the prior, in pseudo-attempts.
const DefaultPriorStrength = 2

// SuccessProbability is the posterior mean of a Beta prior centred on
// priorMean with strength priorStrength (pseudo-attempts), updated with
// successes of total attempts:
//
//	(successes + priorMean·priorStrength) / (total + priorStrength)
//
// The default prior (see DefaultPrior) has mean the issue type's overall
// success rate across its solutions (0.5 without history) and strength 2.
// With an issue type whose overall rate is 0.7, 38 successes in 45 give
// 0.8383 and 26 in 36 give 0.7211, while 1 in 1 gives 0.8 and does not
// outrank 38 in 45. That guarantee needs the prior mean below about 0.76:
// a strength-2 posterior mean trusts one success in an issue type where
// nearly everything works, which is the Beta model's answer, not a bug.
//
// Counts are clamped to 0 ≤ successes ≤ total, priorMean to [0, 1] (0.5 if
// NaN) and a non-positive or NaN strength counts as none; with no attempts
// and no prior the result is 0.5.
func SuccessProbability(successes, total int, priorMean, priorStrength float64) float64 {
	total = max(total, 0)
	successes = min(max(successes, 0), total)
	if math.IsNaN(priorMean) {
		priorMean = 0.5
	}
	priorMean = min(max(priorMean, 0), 1)
	if !(priorStrength > 0) || math.IsInf(priorStrength, 0) {
		priorStrength = 0
	}
	den := float64(total) + priorStrength
	if den == 0 {
		return 0.5
	}
	return (float64(successes) + priorMean*priorStrength) / den
}
