package main

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/fathom-oss/fathom/client"
	"github.com/fathom-oss/fathom/internal/config"
	"github.com/fathom-oss/fathom/internal/dataset"
	"github.com/fathom-oss/fathom/internal/eval"
	"github.com/fathom-oss/fathom/internal/tenant"
)

const evalStarSynopsis = `eval star [flags]

Measures solution identification on STAR through the public API: tracks the
dialogues of each half (develop: even DialogueID, report: odd) into its own
fresh tenant, reads back every conversation's attempts, and scores the learned
solutions against the wizard's ActionLabel over the labelled wizard turns:
purity, NMI, coverage (the share of labelled wizard turns read as attempts) and
the number of solutions. Without --url it starts its own server in a
temporary directory, without background workers, and tracks each half one
dialogue at a time in file order, analysing the tenant after every --round
dialogues: the figures are then the same on every run of one build. With
--url (or --round 0) the dialogues are tracked --concurrency at a time while
the server analyses as they arrive, and the figures vary from run to run
with what each analysis round happened to read. --embeddings-model-dir with
--solution-meaning-weight has the in-process server group proposals by the
embeddings of their phrases too (docs/configuration.md, "Embeddings").`

func runEvalStar(ctx context.Context, env *environment, args []string) error {
	fs := flagSet(env, "eval star", evalStarSynopsis)
	url := fs.String("url", "", "server to evaluate (default: start one in-process)")
	devKey := secretString(fs, env, "key", "FATHOM_API_KEY", "API `key` of a fresh tenant for the develop half (with --url)")
	repKey := secretString(fs, env, "report-key", "FATHOM_REPORT_API_KEY", "API `key` of a second fresh tenant for the report half (with --url)")
	data := fs.String("data", "../shared/data/star", "STAR folder")
	half := fs.String("half", "both", "which half to run: develop, report or both")
	conc := fs.Int("concurrency", 8, "concurrent requests (reading back; tracking too with --url or --round 0)")
	rounds := fs.String("round", "500", "in-process server: dialogues tracked, one at a time in file order, between two analyses of the tenant; a comma-separated list runs each half once per round size, each in a fresh tenant (0: track --concurrency at a time and let the server's workers analyse as they arrive)")
	modelDir := fs.String("embeddings-model-dir", "", "in-process server: static embedding model on disk (Model2Vec directory or .vec file) giving the proposals vectors, with --solution-meaning-weight (default: none)")
	meaning := fs.Float64("solution-meaning-weight", 0, "in-process server: share of solution similarity given to the proposals' embeddings, [0,1) (0: words alone)")
	impure := fs.Int("impure", 0, "after each develop row, list the `n` solutions that lose the most attempts to other labels, with their labels (the develop half only: the report half is measured, not studied)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if (*modelDir != "" || *meaning != 0) && *url != "" {
		return fmt.Errorf("--embeddings-model-dir and --solution-meaning-weight apply to the server eval star starts; give them to the server with --url")
	}
	if *meaning < 0 || *meaning >= 1 {
		return fmt.Errorf("--solution-meaning-weight: %g is not a share in [0, 1)", *meaning)
	}
	if *meaning != 0 && *modelDir == "" {
		return fmt.Errorf("--solution-meaning-weight needs --embeddings-model-dir (the vectors it groups by)")
	}
	if *impure < 0 {
		return fmt.Errorf("--impure: %d is not a number of solutions (0 or more)", *impure)
	}
	var sizes []int
	for _, f := range strings.Split(*rounds, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || n < 0 {
			return fmt.Errorf("--round: %q is not a round size (a number of dialogues, 0 or more)", f)
		}
		sizes = append(sizes, n)
	}
	fixed := !slices.Contains(sizes, 0)
	if *url != "" {
		sizes = []int{0} // a remote server analyses as the requests arrive
	}
	ds, err := dataset.ReadSTAR(filepath.Join(*data, "dialogues.jsonl.gz"))
	if err != nil {
		return fmt.Errorf("star data: %w", dataError(err, *data))
	}
	var local *localServer
	if *url == "" {
		tune := func(c *config.Config) {
			if fixed {
				c.Workers = 0 // analysis runs when the harness says (local.analyse)
			}
			c.EmbeddingsModelDir, c.SolutionMeaningWeight = *modelDir, *meaning
		}
		if local, err = startLocal(ctx, "normal", "star-develop", tune); err != nil {
			return err
		}
		defer local.close(ctx)
		*url = local.url
	}
	out := env.stdout
	if *modelDir != "" {
		fmt.Fprintf(out, "embeddings: %s; solution meaning weight %g\n", *modelDir, *meaning)
	}
	fmt.Fprintf(out, "star: %d dialogues; server %s\n\n| STAR half | round | dialogues | purity | NMI | coverage | solutions |\n|---|---|---|---|---|---|---|\n", len(ds), *url)
	for _, h := range []struct{ name, key string }{{eval.StarDevelop, *devKey}, {eval.StarReport, *repKey}} {
		if *half != "both" && *half != h.name {
			continue
		}
		part := eval.StarHalf(ds, h.name)
		var purities []float64
		for _, size := range sizes {
			key, tenantID := h.key, int64(0)
			if local != nil { // a fresh tenant for each half and round size
				k, err := local.app.Tenants.CreateKey(ctx, tenant.CreateKeyParams{Tenant: fmt.Sprintf("star-%s-%d", h.name, size)})
				if err != nil {
					return err
				}
				key, tenantID = k.Secret, k.Key.TenantID
			}
			if key == "" {
				return fmt.Errorf("the %s half needs an API key of its own fresh tenant (--key, --report-key)", h.name)
			}
			c, err := client.New(client.WithBaseURL(*url), client.WithAPIKey(key))
			if err != nil {
				return err
			}
			if local != nil && size > 0 {
				analyse := func(ctx context.Context) error { return local.analyse(ctx, tenantID) }
				if err := eval.LoadStarInRounds(ctx, c, part, size, analyse); err != nil {
					return fmt.Errorf("track the %s half: %w", h.name, err)
				}
			} else if err := eval.LoadStar(ctx, c, part, *conc); err != nil {
				return fmt.Errorf("track the %s half: %w", h.name, err)
			}
			if local != nil {
				local.waitAnalysed(ctx)
			} else {
				time.Sleep(5 * time.Second) // a remote server gives no signal
			}
			m, err := eval.ScoreStar(ctx, c, part, h.name, *conc)
			if err != nil {
				return err
			}
			round := "as they arrive"
			if size > 0 {
				round = strconv.Itoa(size)
			}
			fmt.Fprintf(out, "| %s | %s | %d | %.3f | %.3f | %.3f (%d of %d) | %d |\n", m.Half, round, m.Dialogues, m.Purity, m.NMI,
				m.Coverage, m.Attempts, m.Labelled, m.Solutions)
			purities = append(purities, m.Purity)
			if h.name == eval.StarDevelop && *impure > 0 {
				printImpure(out, m.Impure[:min(*impure, len(m.Impure))])
			}
		}
		if len(purities) > 1 {
			slices.Sort(purities)
			fmt.Fprintf(out, "| %s | median of %d | | %.3f (%.3f–%.3f) | | | |\n", h.name, len(purities),
				(purities[(len(purities)-1)/2]+purities[len(purities)/2])/2, purities[0], purities[len(purities)-1])
		}
	}
	return nil
}

// printImpure lists solutions that lose attempts to other labels, as
// indented lines below a table row: lost/held, key, labels with counts.
func printImpure(out io.Writer, rows []eval.ImpureSolution) {
	for _, r := range rows {
		labels := make([]string, 0, len(r.Labels))
		for _, l := range r.Labels[:min(6, len(r.Labels))] {
			labels = append(labels, fmt.Sprintf("%s %d", l.Label, l.N))
		}
		if len(r.Labels) > 6 {
			labels = append(labels, "…")
		}
		fmt.Fprintf(out, "    %4d of %4d lost  %-32s %s\n", r.Lost, r.Items, r.Solution, strings.Join(labels, ", "))
	}
}
