package stats

import "github.com/fathom-oss/fathom/internal/fathom"

// Defaults for EscalationPoint.
const (
	DefaultEscalationThreshold = 0.5
	DefaultMinObservations     = 5
)

// Depth is what history says about the k-th attempt of a conversation,
// given that the k−1 before it were all unsuccessful.
type Depth struct {
	// Attempt is k, from 1.
	Attempt int
	// Observations are the conversations whose first k−1 attempts were
	// unsuccessful and whose k-th attempt has a decided outcome; Successes
	// are those in which it succeeded.
	Observations, Successes int
	// Probability is SuccessProbability(Successes, Observations, m, 2), m
	// being the success rate of all decided attempts of the history.
	Probability float64
}

// Depths returns the per-attempt history of an issue type: for each k, how
// often the k-th attempt succeeded after k−1 unsuccessful ones. An attempt
// is unsuccessful unless it succeeded (pending and unknown did not fix the
// problem either), but only a decided k-th attempt is an observation of the
// k-th attempt's success. Depths stop at the first k with no observation.
func Depths(sequences [][]fathom.Outcome) []Depth {
	s, n := 0, 0
	for _, seq := range sequences {
		for _, o := range seq {
			if o.Decided() {
				n++
				if o == fathom.OutcomeSuccess {
					s++
				}
			}
		}
	}
	mean := 0.5
	if n > 0 {
		mean = float64(s) / float64(n)
	}
	var out []Depth
	for k := 1; ; k++ {
		d := Depth{Attempt: k}
		for _, seq := range sequences {
			if len(seq) < k || !allUnsuccessful(seq[:k-1]) || !seq[k-1].Decided() {
				continue
			}
			d.Observations++
			if seq[k-1] == fathom.OutcomeSuccess {
				d.Successes++
			}
		}
		if d.Observations == 0 {
			return out
		}
		d.Probability = SuccessProbability(d.Successes, d.Observations, mean, DefaultPriorStrength)
		out = append(out, d)
	}
}

func allUnsuccessful(seq []fathom.Outcome) bool {
	for _, o := range seq {
		if o == fathom.OutcomeSuccess {
			return false
		}
	}
	return true
}

// EscalationPoint returns after how many unsuccessful attempts an issue type
// should be escalated, from the outcome sequences of its past conversations
// (each in order). With the depths of Depths, for k = 1, 2, …:
//   - if the k-th attempt has fewer than minObservations observations,
//     history cannot vouch for it: the point is k−1, the last depth that
//     had the evidence;
//   - if its smoothed Probability is below threshold, the next attempt is
//     more likely to fail than not: the point is k−1.
//
// So 0 means no history, too little of it, or a first attempt that usually
// fails; 2 means two attempts are worth making and a third is not. A
// threshold outside (0, 1] is DefaultEscalationThreshold and a
// minObservations below 1 is DefaultMinObservations.
func EscalationPoint(sequences [][]fathom.Outcome, threshold float64, minObservations int) int {
	if !(threshold > 0 && threshold <= 1) {
		threshold = DefaultEscalationThreshold
	}
	if minObservations < 1 {
		minObservations = DefaultMinObservations
	}
	depths := Depths(sequences)
	for _, d := range depths {
		if d.Observations < minObservations || d.Probability < threshold {
			return d.Attempt - 1
		}
	}
	return len(depths)
}
