package main

import (
	"context"
	"fmt"
	"time"

	"github.com/fathom-oss/fathom/client"
	"github.com/fathom-oss/fathom/internal/eval"
)

const evalSynopsis = `eval banking77 [flags]

Measures the knowledge engine on BANKING77 through the public API: tracks and
resolves every training query as a one-turn conversation, then asks similarity
for every test query and scores the hits by intent (top-1, precision@5,
precision@10, MRR), beside plain BM25 over the same texts. Without --url it
starts its own server in a temporary directory.`

func runEval(ctx context.Context, env *environment, args []string) error {
	if len(args) == 0 || args[0] != "banking77" {
		fmt.Fprintf(env.stderr, "Usage: fathom %s\n", evalSynopsis)
		if len(args) > 0 && (args[0] == "-h" || args[0] == "--help") {
			return nil
		}
		return errUsage
	}
	fs := flagSet(env, "eval banking77", evalSynopsis)
	url := fs.String("url", "", "server to evaluate (default: start one in-process)")
	key := fs.String("key", env.getenv("FATHOM_API_KEY"), "API key for --url (env FATHOM_API_KEY); use a fresh tenant")
	data := fs.String("data", "../shared/data/banking77", "BANKING77 folder")
	conc := fs.Int("concurrency", 8, "concurrent requests")
	if err := parse(fs, args[1:]); err != nil {
		return err
	}
	train, test, err := eval.LoadBanking77(*data)
	if err != nil {
		return err
	}
	out := env.stdout
	var local *localServer
	if *url == "" {
		if local, err = startLocal(ctx, "normal", "eval"); err != nil {
			return err
		}
		defer local.close(ctx)
		*url, *key = local.url, local.key
	} else if *key == "" {
		return fmt.Errorf("--key (or FATHOM_API_KEY) is required with --url")
	}
	c, err := client.New(client.WithBaseURL(*url), client.WithAPIKey(*key))
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "banking77: %d train, %d test queries; server %s\n", len(train), len(test), *url)
	start := time.Now()
	if err := eval.Load(ctx, c, train, *conc); err != nil {
		return fmt.Errorf("load training conversations: %w", err)
	}
	fmt.Fprintf(out, "tracked and resolved %d conversations in %s\n", len(train), time.Since(start).Round(time.Millisecond))
	if local != nil {
		fmt.Fprintf(out, "analysis caught up %s later\n", local.waitAnalysed(ctx).Round(time.Millisecond))
	} else {
		time.Sleep(2 * time.Second) // a remote server gives no signal; analysis lags by well under this
	}
	m, err := eval.Retrieval(ctx, c, train, test, *conc)
	if err != nil {
		return err
	}
	base := eval.BaselineBM25(train, test, 0.1)
	fmt.Fprintf(out, "\n| retrieval | top-1 | P@5 | P@10 | MRR |\n|---|---|---|---|---|\n")
	fmt.Fprintf(out, "| Fathom (through the API) | %.3f | %.3f | %.3f | %.3f |\n", m.Top1, m.P5, m.P10, m.MRR)
	fmt.Fprintf(out, "| plain BM25 baseline | %.3f | %.3f | %.3f | %.3f |\n", base.Top1, base.P5, base.P10, base.MRR)
	return nil
}
