package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"time"

	"github.com/fathom-oss/fathom/client"
	"github.com/fathom-oss/fathom/internal/eval"
	"github.com/fathom-oss/fathom/internal/tenant"
)

const evalSynopsis = `eval banking77|sgd|star|recommend|dstc11|abcd|paraphrase|qmsum|actions [flags]

  banking77  retrieval, issue discovery and recommendations on BANKING77
  sgd        outcome detection on Schema-Guided Dialogue replies (in-process)
  star       solution identification on STAR
  recommend  the recommendation simulation on BANKING77, DSTC11 (and ABCD) openings
  dstc11     issue discovery on the three DSTC11 domains
  abcd       issue discovery on the openings of ABCD's retail dialogues
  paraphrase zero-overlap paraphrases on BANKING77, with and without the learned expansion
  qmsum      ROUGE of the offline meeting summary on QMSum, beside lead and TextRank (in-process)
  actions    action items inserted into QMSum meetings: recall, owner, due date (in-process)

eval banking77 [flags]

Measures the knowledge engine on BANKING77 through the public API: tracks and
resolves every training query as a one-turn conversation, then asks similarity
for every test query and scores the hits by intent (top-1, precision@5,
precision@10, MRR), beside plain BM25 over the same texts. Without --url it
starts its own server in a temporary directory.`

func runEval(ctx context.Context, env *environment, args []string) error {
	switch {
	case len(args) > 0 && args[0] == "sgd":
		return runEvalSGD(ctx, env, args[1:])
	case len(args) > 0 && args[0] == "star":
		return runEvalStar(ctx, env, args[1:])
	case len(args) > 0 && args[0] == "recommend":
		return runEvalRecommend(ctx, env, args[1:])
	case len(args) > 0 && args[0] == "dstc11":
		return runEvalDSTC11(ctx, env, args[1:])
	case len(args) > 0 && args[0] == "abcd":
		return runEvalABCD(ctx, env, args[1:])
	case len(args) > 0 && args[0] == "paraphrase":
		return runEvalParaphrase(ctx, env, args[1:])
	case len(args) > 0 && args[0] == "qmsum":
		return runEvalQMSum(ctx, env, args[1:])
	case len(args) > 0 && args[0] == "actions":
		return runEvalActions(ctx, env, args[1:])
	}
	if len(args) == 0 || args[0] != "banking77" {
		fmt.Fprintf(env.stderr, "Usage: fathom %s\n\n   or: fathom %s\n\n   or: fathom %s\n", evalSynopsis, evalSGDSynopsis, evalStarSynopsis)
		if len(args) > 0 && (args[0] == "-h" || args[0] == "--help") {
			return nil
		}
		return errUsage
	}
	fs := flagSet(env, "eval banking77", evalSynopsis)
	url := fs.String("url", "", "server to evaluate (default: start one in-process)")
	key := secretString(fs, env, "key", "FATHOM_API_KEY", "API `key` for --url; use a fresh tenant")
	data := fs.String("data", "../shared/data/banking77", "BANKING77 folder")
	simKey := secretString(fs, env, "sim-key", "FATHOM_SIM_API_KEY", "API `key` of a second fresh tenant for the recommendation simulation (with --url)")
	poolName := poolFlag(fs)
	conc := fs.Int("concurrency", 8, "concurrent requests")
	write := fs.String("write", "", "also write the report as Markdown to this file (e.g. docs/evaluation.md)")
	profile := fs.String("cpuprofile", "", "write a CPU profile of this process to this file")
	if err := parse(fs, args[1:]); err != nil {
		return err
	}
	pool, err := parsePool(*poolName)
	if err != nil {
		return err
	}
	stop, err := startCPUProfile(*profile)
	if err != nil {
		return err
	}
	defer stop()
	train, test, err := eval.LoadBanking77(*data)
	if err != nil {
		return dataError(err, *data)
	}
	out := env.stdout
	var local *localServer
	if *url == "" {
		if local, err = startLocal(ctx, "normal", "eval", nil); err != nil {
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
	disc, err := eval.Discovery(ctx, c, train, *conc)
	if err != nil {
		return err
	}
	rep := &evalReport{train: len(train), test: len(test), retrieval: m, baseline: base, discovery: disc}
	fmt.Fprint(out, rep.retrievalMarkdown())

	if local != nil && *simKey == "" {
		k, err := local.app.Tenants.CreateKey(ctx, tenant.CreateKeyParams{Tenant: "eval-simulation"})
		if err != nil {
			return err
		}
		*simKey = k.Secret
	}
	if *simKey != "" {
		sc, err := client.New(client.WithBaseURL(*url), client.WithAPIKey(*simKey))
		if err != nil {
			return err
		}
		plans := eval.World(1).Plans(train)
		sims, err := eval.LoadSimulated(ctx, sc, train, plans, pool, 1, *conc)
		if err != nil {
			return fmt.Errorf("load simulated conversations: %w", err)
		}
		if local != nil {
			local.waitAnalysed(ctx)
		} else {
			time.Sleep(5 * time.Second)
		}
		rm, err := eval.Recommendations(ctx, sc, sims, test, plans, pool, *conc)
		if err != nil {
			return err
		}
		rm.Domain = "banking77"
		rep.recommend = &rm
		fmt.Fprint(out, rep.recommendMarkdown())
	} else {
		fmt.Fprintln(out, "\nrecommendations: skipped (give --sim-key for a second, fresh tenant)")
	}
	if *write != "" {
		return writeReport(*write, rep.document())
	}
	return nil
}

// dataError adds to a data set's loading error what a fresh clone lacks:
// the data sets are not in the repository, and --data says where they are.
func dataError(err error, dir string) error {
	if !errors.Is(err, os.ErrNotExist) {
		return err
	}
	return fmt.Errorf("%w\nThe data sets are not in the repository (docs/evaluation.md, \"Data\", says where to get them): this command reads %s; give --data DIR where they are elsewhere", err, dir)
}
