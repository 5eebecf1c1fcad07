package main

import (
	"context"
	"flag"
	"fmt"
	"strings"
	"time"

	"github.com/fathom-oss/fathom/client"
	"github.com/fathom-oss/fathom/internal/eval"
	"github.com/fathom-oss/fathom/internal/tenant"
)

const evalRecommendSynopsis = `eval recommend [--pool develop|report|fresh|blind|holdout|outsider|stranger] [--domain name,...] [flags]

Runs the recommendation simulation through the public API of a server started
in-process: for each domain (banking77, insurance, banking, finance by default;
abcd, an online clothing shop's dialogues with retail actions, on request), a fresh
tenant learns from simulated support conversations opening with the domain's
training utterances, worded from one pool, then every test utterance is sent to
similarity and its recommendations are scored against the simulation's hidden
success rates and held-out conversations. Tune on the develop pool; report the
report pool, the fresh pool and the blind pool (each written later, before any
run on it, blind to the engine's tuning); the holdout pool, written by an
engineer who never read the engine, is run only on the final code. The outsider
pool was written before any run by someone who read neither the engine nor the
other pools' wordings; it is run only to report, never to develop on. The
stranger pool was written the same way later, in registers none of the others
use; it too is run only to report.

--scale N plays N conversations per training opening (the same opening, other
attempts and outcomes; N = 1, the default, is the simulation every figure in
docs/evaluation.md was measured on unless it says otherwise): with more data
per intent the ceiling (what knowing every intent and outcome would score)
falls, so the probability error can be measured where the data allows it.`

func runEvalRecommend(ctx context.Context, env *environment, args []string) error {
	fs := flagSet(env, "eval recommend", evalRecommendSynopsis)
	poolName := poolFlag(fs)
	domains := fs.String("domain", strings.Join(eval.RecommendDomains, ","), "comma-separated domains")
	data := fs.String("data", "../shared/data", "folder holding banking77/, dstc11/ and abcd/")
	conc := fs.Int("concurrency", 8, "concurrent requests")
	scale := fs.Int("scale", 1, "simulated training conversations per training opening (1: the figures of docs/evaluation.md; more lowers the ceiling)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *scale < 1 || *scale > 100 {
		return fmt.Errorf("--scale must be between 1 and 100, not %d", *scale)
	}
	pool, err := parsePool(*poolName)
	if err != nil {
		return err
	}
	var loaded []eval.Domain
	for _, name := range strings.Split(*domains, ",") {
		d, err := eval.LoadDomain(*data, strings.TrimSpace(name))
		if err != nil {
			return fmt.Errorf("--domain %s: %w", name, dataError(err, *data))
		}
		loaded = append(loaded, d)
	}
	local, err := startLocal(ctx, "normal", "eval", nil)
	if err != nil {
		return err
	}
	defer local.close(ctx)
	var all []eval.RecommendMetrics
	for _, d := range loaded {
		start := time.Now()
		c, err := freshTenant(ctx, local, "eval-recommend-"+d.Name)
		if err != nil {
			return err
		}
		plans := d.Plans(77)
		sims, err := eval.LoadSimulated(ctx, c, d.Train, plans, pool, *scale, *conc)
		if err != nil {
			return fmt.Errorf("%s: load simulated conversations: %w", d.Name, err)
		}
		local.waitAnalysed(ctx)
		m, err := eval.Recommendations(ctx, c, sims, d.Test, plans, pool, *conc)
		if err != nil {
			return fmt.Errorf("%s: %w", d.Name, err)
		}
		m.Domain = d.Name
		fmt.Fprintf(env.stdout, "%s (%d train openings × %d, %d test, %s)\n", m, len(d.Train), *scale, len(d.Test), time.Since(start).Round(time.Second))
		all = append(all, m)
	}
	fmt.Fprint(env.stdout, recommendTable(all))
	fmt.Fprint(env.stdout, reliabilityTable(all))
	return nil
}

// freshTenant is a client of a new tenant of the local server.
func freshTenant(ctx context.Context, local *localServer, name string) (*client.Client, error) {
	k, err := local.app.Tenants.CreateKey(ctx, tenant.CreateKeyParams{Tenant: name})
	if err != nil {
		return nil, err
	}
	return client.New(client.WithBaseURL(local.url), client.WithAPIKey(k.Secret))
}

func recommendTable(ms []eval.RecommendMetrics) string {
	var b strings.Builder
	b.WriteString("\n| domain | pool | best action (intents) | top is best, per query | successProbability RMSE vs true rates (pairs) | Brier (held-out attempts) | coverage | off-plan | thin | escalation on top | ceiling: best action, RMSE |\n|---|---|---|---|---|---|---|---|---|---|---|\n")
	for _, m := range ms {
		fmt.Fprintf(&b, "| %s | %s | %.3f (%d) | %.3f | %.3f (%d) | %.3f (%d) | %.3f | %.3f | %.3f | %d | %.3f, %.3f |\n",
			m.Domain, m.Pool, m.BestAction, m.Intents, m.TopIsBest, m.RMSE, m.RMSEPairs, m.Brier, m.Attempts,
			m.Coverage, m.OffPlan, m.Thin, m.EscalationOnTop, m.Bound.BestAction, m.Bound.RMSE)
	}
	return b.String()
}

func reliabilityTable(ms []eval.RecommendMetrics) string {
	var b strings.Builder
	b.WriteString("\n| domain | predicted | mean predicted | observed | attempts |\n|---|---|---|---|---|\n")
	for _, m := range ms {
		for _, bin := range m.Reliability {
			fmt.Fprintf(&b, "| %s | %.1f–%.1f | %.3f | %.3f | %d |\n", m.Domain, bin.Lo, bin.Hi, bin.Predicted, bin.Observed, bin.Count)
		}
	}
	return b.String()
}

const evalDSTC11Synopsis = `eval dstc11 [--domain name,...] [flags]

Issue discovery on DSTC11 through the public API of a server started
in-process: each domain's utterances are tracked and resolved as one-turn
conversations of a fresh tenant, and the issue types the server assigned are
scored against the gold intents (NMI, ARI, number of types).`

func runEvalDSTC11(ctx context.Context, env *environment, args []string) error {
	fs := flagSet(env, "eval dstc11", evalDSTC11Synopsis)
	domains := fs.String("domain", strings.Join(eval.DSTC11Domains, ","), "comma-separated domains")
	data := fs.String("data", "../shared/data/dstc11", "DSTC11 folder")
	conc := fs.Int("concurrency", 8, "concurrent requests")
	if err := parse(fs, args); err != nil {
		return err
	}
	local, err := startLocal(ctx, "normal", "eval", nil)
	if err != nil {
		return err
	}
	defer local.close(ctx)
	var b strings.Builder
	b.WriteString("\n| domain | utterances | intents | NMI | ARI | types | unassigned |\n|---|---|---|---|---|---|---|\n")
	for _, name := range strings.Split(*domains, ",") {
		name = strings.TrimSpace(name)
		ex, err := eval.LoadDSTC11(*data, name)
		if err != nil {
			return fmt.Errorf("--domain %s: %w", name, dataError(err, *data))
		}
		c, err := freshTenant(ctx, local, "eval-dstc11-"+name)
		if err != nil {
			return err
		}
		m, err := eval.DiscoveryOf(ctx, c, ex, *conc, func() { local.waitAnalysed(ctx) })
		if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		fmt.Fprintf(&b, "| %s | %d | %d | %.3f | %.3f | %d | %d |\n", name, m.Conversations, len(eval.Intents(ex)), m.NMI, m.ARI, m.Types, m.Unassigned)
	}
	fmt.Fprint(env.stdout, b.String())
	return nil
}

// poolFlag is --pool, the wording of the recommendation simulation.
func poolFlag(fs *flag.FlagSet) *string {
	return fs.String("pool", "develop", "wording of the simulation: "+poolNames()+" ("+string(eval.PoolOutsider)+", "+string(eval.PoolStranger)+", "+string(eval.PoolGuest)+" and "+string(eval.PoolVisitor)+": to report only, never to develop on)")
}

// parsePool checks --pool.
func parsePool(name string) (eval.Pool, error) {
	pool, ok := eval.ParsePool(name)
	if !ok {
		return "", fmt.Errorf("--pool must be one of %s, not %q", poolNames(), name)
	}
	return pool, nil
}

func poolNames() string {
	names := make([]string, len(eval.Pools))
	for i, p := range eval.Pools {
		names[i] = string(p)
	}
	return strings.Join(names, ", ")
}
