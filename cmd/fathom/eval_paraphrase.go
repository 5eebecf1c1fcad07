package main

import (
	"context"
	"fmt"

	"github.com/fathom-oss/fathom/internal/eval"
	"github.com/fathom-oss/fathom/internal/knowledge/assoc"
)

const evalParaphraseSynopsis = `eval paraphrase [flags]

Measures how the term associations learned from a tenant's conversations
find paraphrases that share no content word with the query. Pairs of
BANKING77 training queries of the same intent with no content term in
common are built (docs/evaluation.md, "Zero-overlap paraphrases"); every
training query is a conversation, and each pair's query is asked with and
without the learned expansion: recall@10 is the share of pairs whose other
query is among the 10 best hits (the query's own left out). Intents sorted
by name are split once: even positions are the develop half (all tuning),
odd positions the report half (only reported). It runs the engine's parts
in-process, with the server's defaults unless the flags say otherwise.`

func runEvalParaphrase(_ context.Context, env *environment, args []string) error {
	fs := flagSet(env, "eval paraphrase", evalParaphraseSynopsis)
	data := fs.String("data", "../shared/data/banking77", "BANKING77 folder")
	half := fs.String("half", "develop", "which half to score: develop, report or both")
	var cfg assoc.Config
	fs.Float64Var(&cfg.Weight, "weight", 0, "expansion weight (0: the default)")
	fs.IntVar(&cfg.Expand, "expand", 0, "terms added to a query (0: the default)")
	fs.IntVar(&cfg.TypeTerms, "type-terms", 0, "terms characterising a type (0: the default)")
	fs.IntVar(&cfg.Neighbours, "neighbours", 0, "neighbours kept per term (0: the default)")
	fs.Float64Var(&cfg.MinStrength, "min-strength", 0, "least association kept (0: the default)")
	if err := parse(fs, args); err != nil {
		return err
	}
	train, _, err := eval.LoadBanking77(*data)
	if err != nil {
		return dataError(err, *data)
	}
	develop, report := eval.Paraphrases(train)
	halves := map[string][]eval.Paraphrase{"develop": develop, "report": report}
	var names []string
	switch *half {
	case "develop", "report":
		names = []string{*half}
	case "both":
		names = []string{"develop", "report"}
	default:
		fmt.Fprintf(env.stderr, "fathom eval paraphrase: --half: %q is not develop, report or both\n", *half)
		return errUsage
	}
	for _, name := range names {
		m := eval.ParaphraseRecall(train, halves[name], cfg, 0.1)
		fmt.Fprintf(env.stdout, "%s half: %s\n", name, m)
	}
	return nil
}
