package main

import (
	"context"
	"fmt"

	"github.com/fathom-oss/fathom/internal/eval"
)

const evalABCDSynopsis = `eval abcd [flags]

Issue discovery on ABCD (an online clothing shop's customer-service
dialogues) through the public API of a server started in-process: the
customer's opening of every dialogue is tracked and resolved as a one-turn
conversation of a fresh tenant, and the issue types the server assigned are
scored against the dialogues' flow/subflow (NMI, ARI, number of types).`

func runEvalABCD(ctx context.Context, env *environment, args []string) error {
	fs := flagSet(env, "eval abcd", evalABCDSynopsis)
	data := fs.String("data", "../shared/data/abcd", "ABCD folder")
	conc := fs.Int("concurrency", 8, "concurrent requests")
	if err := parse(fs, args); err != nil {
		return err
	}
	ex, err := eval.LoadABCDOpenings(*data)
	if err != nil {
		return err
	}
	// Clustering scores over a handful of openings, one per intent, are
	// perfect and mean nothing: refuse rather than print them.
	if n := len(eval.Intents(ex)); len(ex) < 10*n || n < 5 {
		return fmt.Errorf("abcd: %d openings over %d intents in %s is too little to score issue discovery (the full ABCD release, abcd_v1.1.json.gz, is needed)", len(ex), n, *data)
	}
	local, err := startLocal(ctx, "normal", "eval", nil)
	if err != nil {
		return err
	}
	defer local.close(ctx)
	c, _, err := freshTenant(ctx, local, "eval-abcd")
	if err != nil {
		return err
	}
	m, err := eval.DiscoveryOf(ctx, c, ex, *conc, func() { local.waitAnalysed(ctx) })
	if err != nil {
		return fmt.Errorf("abcd: %w", err)
	}
	fmt.Fprintf(env.stdout, "\n| domain | openings | intents | NMI | ARI | types | unassigned |\n|---|---|---|---|---|---|---|\n| abcd | %d | %d | %.3f | %.3f | %d | %d |\n",
		m.Conversations, len(eval.Intents(ex)), m.NMI, m.ARI, m.Types, m.Unassigned)
	return nil
}
