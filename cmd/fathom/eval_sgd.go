package main

import (
	"context"
	"fmt"
	"io"

	"github.com/fathom-oss/fathom/internal/eval"
	"github.com/fathom-oss/fathom/internal/knowledge/outcome"
)

const evalSGDSynopsis = `eval sgd [flags]

Measures outcome detection on the Schema-Guided Dialogue dev set: every user
reply to a system OFFER or CONFIRM is labelled accepted (AFFIRM or SELECT) or
rejected (NEGATE or REQUEST_ALTS) from its dialogue acts, and read by the
outcome classifier (accepted is right as success, rejected as failure;
pending and unknown count as wrong). Replies are independent, so this runs
the library in-process, not a server. Dialogues are split once by the
FNV-1a hash of dialogue_id: even is the develop half (all tuning and the
learned cue weights), odd the report half.`

func runEvalSGD(_ context.Context, env *environment, args []string) error {
	fs := flagSet(env, "eval sgd", evalSGDSynopsis)
	data := fs.String("data", "../shared/data/sgd", "SGD folder (dev.jsonl.gz)")
	half := fs.String("half", "both", "which half to score: develop, report or both")
	misses := fs.Int("misses", 0, "also list this many missed replies per half (develop half only, to read while tuning)")
	if err := parse(fs, args); err != nil {
		return err
	}
	var halves []bool // report?
	switch *half {
	case "develop":
		halves = []bool{false}
	case "report":
		halves = []bool{true}
	case "both":
		halves = []bool{false, true}
	default:
		fmt.Fprintf(env.stderr, "fathom eval sgd: --half: %q is not develop, report or both\n", *half)
		return errUsage
	}
	rs, err := eval.LoadSGD(*data)
	if err != nil {
		return dataError(err, *data)
	}
	for _, report := range halves {
		var part []eval.SGDReaction
		for _, r := range rs {
			if r.Report == report {
				part = append(part, r)
			}
		}
		name := "develop half"
		if report {
			name = "report half"
		}
		s := eval.ScoreSGD(part, outcome.Classify)
		writeSGDScore(env.stdout, name, s)
		if !report {
			for i, m := range s.Misses {
				if i == *misses {
					break
				}
				o, c := outcome.Classify(m.Reply)
				fmt.Fprintf(env.stdout, "  miss %s/%d accepted=%v said=%s %.2f: %q (after %q)\n",
					m.DialogueID, m.Turn, m.Accepted, o, c, m.Reply, m.Proposal)
			}
		}
	}
	return nil
}

func writeSGDScore(w io.Writer, name string, s eval.SGDScore) {
	c := s.Confusion
	fmt.Fprintf(w, "\nSGD %s: %d replies, accuracy %.3f, coverage %.3f\n\n", name, s.N(), s.Accuracy(), s.Coverage())
	fmt.Fprintf(w, "| truth \\ said | success | failure | undecided |\n|---|---|---|---|\n")
	fmt.Fprintf(w, "| accepted | %d | %d | %d |\n", c[0][0], c[0][1], c[0][2])
	fmt.Fprintf(w, "| rejected | %d | %d | %d |\n", c[1][0], c[1][1], c[1][2])
}
