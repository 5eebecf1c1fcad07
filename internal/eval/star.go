package eval

import (
	"context"
	"fmt"

	"github.com/fathom-oss/fathom/client"
	"github.com/fathom-oss/fathom/internal/dataset"
)

// StarMetrics score the solutions a server learned from STAR dialogues
// against the wizard's ActionLabel, over the labelled wizard turns.
type StarMetrics struct {
	Half      string
	Dialogues int
	// Labelled is the number of wizard turns with an ActionLabel, and
	// Attempts how many of them the server read as attempts.
	Labelled, Attempts int
	// Coverage is Attempts / Labelled.
	Coverage float64
	// Solutions is the number of distinct solutions among the attempts.
	Solutions int
	// Purity is the share of attempts whose solution's most common label
	// is theirs; NMI the normalised mutual information of solutions and
	// labels over the attempts.
	Purity, NMI float64
	// Impure lists the solutions by the attempts they hold under labels
	// other than their most common one, most first (see LeastPure).
	Impure []ImpureSolution
}

// The halves of STAR, fixed by DialogueID parity before anything was
// measured: tune on the develop half, report the report half.
const (
	StarDevelop = "develop" // even DialogueID
	StarReport  = "report"  // odd DialogueID
)

// StarHalf returns the dialogues of one half.
func StarHalf(ds []dataset.StarDialogue, half string) []dataset.StarDialogue {
	var out []dataset.StarDialogue
	for _, d := range ds {
		if (d.ID%2 == 0) == (half == StarDevelop) {
			out = append(out, d)
		}
	}
	return out
}

// StarID is the conversation id of a STAR dialogue.
func StarID(d dataset.StarDialogue) string { return fmt.Sprintf("star-%05d", d.ID) }

// LoadStar tracks every dialogue as one conversation (in requests of at
// most ten messages, appended in order), with concurrency workers. Labels
// stay here: the server sees the text only.
func LoadStar(ctx context.Context, c *client.Client, ds []dataset.StarDialogue, concurrency int) error {
	return parallel(ctx, len(ds), concurrency, func(ctx context.Context, i int) error {
		msgs := make([]client.Message, len(ds[i].Turns))
		for j, t := range ds[i].Turns {
			msgs[j] = client.Message{Role: t.Role, Content: t.Text}
		}
		return trackAll(ctx, c, StarID(ds[i]), msgs)
	})
}

// LoadStarInRounds tracks the dialogues one at a time in their order, and
// calls analyse after every round of them and after the last: the server
// then learns from the same conversations, whole, in the same order and in
// the same rounds on every run, where concurrent tracking into a server
// that analyses as the requests arrive hands each analysis round whatever
// had arrived by then (some dialogues half tracked, in another order).
func LoadStarInRounds(ctx context.Context, c *client.Client, ds []dataset.StarDialogue, round int, analyse func(context.Context) error) error {
	for lo := 0; lo < len(ds); lo += round {
		hi := min(lo+round, len(ds))
		if err := LoadStar(ctx, c, ds[lo:hi], 1); err != nil {
			return err
		}
		if err := analyse(ctx); err != nil {
			return err
		}
	}
	return nil
}

// ScoreStar reads back every dialogue's attempts and scores their
// solutions against the labels of the wizard turns they came from.
func ScoreStar(ctx context.Context, c *client.Client, ds []dataset.StarDialogue, half string, concurrency int) (StarMetrics, error) {
	got := make([]map[int]string, len(ds)) // per dialogue: turn → solution
	err := parallel(ctx, len(ds), concurrency, func(ctx context.Context, i int) error {
		if len(ds[i].Turns) == 0 {
			return nil
		}
		conv, err := c.Conversation(ctx, StarID(ds[i]))
		if err != nil {
			return err
		}
		got[i] = map[int]string{}
		for _, a := range conv.AttemptedSolutions {
			got[i][a.Turn] = a.Solution
		}
		return nil
	})
	if err != nil {
		return StarMetrics{}, err
	}
	m := StarMetrics{Half: half, Dialogues: len(ds)}
	var labels, solutions []string
	distinct := map[string]bool{}
	for i, d := range ds {
		for j, t := range d.Turns {
			if t.Label == "" {
				continue
			}
			m.Labelled++
			if s, ok := got[i][j]; ok {
				labels, solutions = append(labels, t.Label), append(solutions, s)
				distinct[s] = true
			}
		}
	}
	m.Attempts, m.Solutions = len(labels), len(distinct)
	if m.Labelled > 0 {
		m.Coverage = float64(m.Attempts) / float64(m.Labelled)
	}
	if m.Attempts > 0 {
		m.Purity, m.NMI = Purity(labels, solutions), NMI(labels, solutions)
	}
	m.Impure = LeastPure(labels, solutions)
	return m, nil
}

// Purity is the share of items whose cluster's most common label is
// theirs.
func Purity(labels, clusters []string) float64 {
	cells, _, _ := contingency(clusters, labels)
	best := map[string]int{}
	for k, n := range cells {
		best[k[0]] = max(best[k[0]], n)
	}
	right := 0
	for _, n := range best {
		right += n
	}
	return float64(right) / float64(max(1, len(labels)))
}
