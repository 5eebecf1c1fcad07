package main

import (
	"context"
	"crypto/sha256"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/fathom-oss/fathom/client"
	"github.com/fathom-oss/fathom/internal/config"
	"github.com/fathom-oss/fathom/internal/eval"
	"github.com/fathom-oss/fathom/internal/tenant"
)

// evalRecommendSynopsis names every pool of eval.Pools with its provenance,
// so the help follows the pools' registry.
var evalRecommendSynopsis = `eval recommend [--pool ` + poolNames("|") + `|all] [--pool-file FILE] [--domain name,...] [--domain-file FILE] [flags]
   or: fathom eval recommend --pool-template > FILE

Runs the recommendation simulation through the public API of a server started
in-process: for each domain (banking77, insurance, banking, finance by default;
abcd, an online clothing shop's dialogues with retail actions, on request), a fresh
tenant learns from simulated support conversations opening with the domain's
training utterances, worded from one pool, then every test utterance is sent to
similarity and its recommendations are scored against the simulation's hidden
success rates and held-out conversations. Tune on the develop pool; the others,
each written later by someone else before any run on it, are run to report,
and ` + reportOnlyPools() + ` only to report, never to develop on.
The pools, in the order they were written:

` + poolList() + `
Your own wording: --pool-template prints a JSON file of every action and every
kind of small talk, worded as in the develop pool, each with what it is for
and how many wordings it needs; replace the wordings and run it with
--pool-file FILE, which checks the whole file first and runs it as it runs
the pools above, to report only.

Your own domain: --domain-file FILE runs the simulation on openings of your
own instead of the default domains (add --domain to run those too): a .csv
file with a header naming a text column and an intent column (text,intent or
BANKING77's text,category), or a .jsonl file of objects with text (or
utterance) and intent fields, one customer's first message a row. Every
fourth opening of an intent, in file order, is a test query, the rest start
training conversations; an intent needs 4 openings to be asked about, and
the domain at least 2 such intents. The domain is named after the file.

--scale N plays N conversations per training opening (the same opening, other
attempts and outcomes; N = 1, the default, is the simulation every figure in
docs/evaluation.md was measured on unless it says otherwise): with more data
per intent the ceiling (what knowing every intent and outcome would score)
falls, so the probability error can be measured where the data allows it.

--world N draws another world of the simulation (N = 1, the default, is the
one every figure in docs/evaluation.md was measured in unless it says
otherwise): each intent's fixes, their hidden success rates and the course of
every conversation change; the wording and the openings do not. A change that
moves a figure by less than the figure moves from one world to another is
within the noise of one draw.

--misses lists, after each domain's line, the intents whose queries most often
put another fix first than the intent's best, with what they put first and
the kind of miss: partner-best (the best fix of the intent that shares its
candidates), own-fix (another of its own fixes) or off-plan (a fix never
tried for it: the evidence came from another intent's conversations).

--pool all runs every pool above, then every pool file of --pool-dir
(examples/pools: the pools written later from --pool-template, each run once
to report before it was developed on), each on a server of its own as its
own --pool run would, and ends with each pool's means and the mean over
every cell (a domain in a pool): one world's development figure;
docs/evaluation.md weighs changes by its mean over worlds 1 to 3 (--world) and
runs worlds 4 to 6 only to report. On two cores it takes about eleven minutes.`

func runEvalRecommend(ctx context.Context, env *environment, args []string) error {
	fs := flagSet(env, "eval recommend", evalRecommendSynopsis)
	poolName := poolFlag(fs)
	fs.Lookup("pool").Usage += "; or all: every pool, then the pool files of --pool-dir, each on a server of its own, and their means"
	domains := fs.String("domain", strings.Join(eval.RecommendDomains, ","), "comma-separated domains")
	data := fs.String("data", "../shared/data", "folder holding banking77/, dstc11/ and abcd/")
	conc := fs.Int("concurrency", 8, "concurrent requests")
	misses := fs.Bool("misses", false, "list, per domain, each intent whose queries most often put another fix first than its best, with what they put first")
	scale := fs.Int("scale", 1, "simulated training conversations per training opening (1: the figures of docs/evaluation.md; more lowers the ceiling)")
	world := fs.Int("world", 1, "the simulation's draw: each intent's fixes and hidden rates and the course of every conversation (1: the figures of docs/evaluation.md; others measure how much a figure owes to one draw)")
	step := fs.Int("step", 100, "conversations loaded between two analyses of the server, which analyses only then (0: analysis in the background as the requests arrive, whose figures vary from run to run)")
	answersOut := fs.String("answers", "", "write every answer of the server, one line per test query, to this file (to compare two runs)")
	template := fs.Bool("pool-template", false, "print a JSON file of the simulation's wording (the develop pool's, to replace with your own) and stop")
	poolFile := fs.String("pool-file", "", "run on the wording of this `file` (made from --pool-template) instead of --pool")
	poolDir := fs.String("pool-dir", "examples/pools", "with --pool all: the `folder` whose pool files (*.json) run after the pools above")
	domainFile := fs.String("domain-file", "", "run on the labelled openings of this `file` (.csv with text and intent columns, or .jsonl) instead of the default domains")
	modelDir := fs.String("embeddings-model-dir", "", "the server's static embedding model on disk (Model2Vec directory or .vec file): similarity blends its vectors in (default: none, words alone)")
	byMeaning := fs.Bool("issue-types-by-meaning", false, "the server also groups issue types by the model's vectors (needs --embeddings-model-dir)")
	meaning := fs.Float64("solution-meaning-weight", 0, "share of solution similarity the server gives to the proposals' vectors, [0,1) (0: words alone; needs --embeddings-model-dir)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if (*byMeaning || *meaning != 0) && *modelDir == "" {
		return fmt.Errorf("--issue-types-by-meaning and --solution-meaning-weight need --embeddings-model-dir (the vectors they read)")
	}
	if *meaning < 0 || *meaning >= 1 {
		return fmt.Errorf("--solution-meaning-weight: %g is not a share in [0, 1)", *meaning)
	}
	if *template {
		b, err := eval.PoolTemplate()
		if err != nil {
			return err
		}
		_, err = env.stdout.Write(b)
		return err
	}
	if *scale < 1 || *scale > 100 {
		return fmt.Errorf("--scale must be between 1 and 100, not %d", *scale)
	}
	if *step < 0 {
		return fmt.Errorf("--step must be 0 or more, not %d", *step)
	}
	if *world < 1 {
		return fmt.Errorf("--world must be 1 or more, not %d", *world)
	}
	if *poolName == "all" && *answersOut != "" {
		return fmt.Errorf("--answers: write one pool's answers at a time, not with --pool all")
	}
	// The pool is checked before the data is read: a bad file is named
	// whether the data is there or not.
	every := *poolName == "all" && *poolFile == ""
	var pools []eval.Pool
	if every {
		var err error
		if pools, err = everyPool(env, *poolDir); err != nil {
			return err
		}
	} else {
		pool, err := recommendPool(env, fs, *poolName, *poolFile)
		if err != nil {
			return err
		}
		pools = []eval.Pool{pool}
	}
	var loaded []eval.Domain
	if *domainFile == "" || given(fs, "domain") {
		for _, name := range strings.Split(*domains, ",") {
			d, err := eval.LoadDomain(*data, strings.TrimSpace(name))
			if err != nil {
				return fmt.Errorf("--domain %s: %w", name, dataError(err, *data))
			}
			loaded = append(loaded, d)
		}
	}
	if *domainFile != "" {
		d, err := eval.LoadDomainFile(*domainFile)
		if err != nil {
			return fmt.Errorf("--domain-file: %w", err)
		}
		loaded = append(loaded, d)
	}
	run := recommendRun{env: env, loaded: loaded, conc: *conc, scale: *scale, step: *step, misses: *misses, world: eval.World(*world),
		modelDir: *modelDir, byMeaning: *byMeaning, meaning: *meaning}
	if every {
		return run.all(ctx, pools)
	}
	all, answers, err := run.pool(ctx, pools[0])
	if err != nil {
		return err
	}
	fmt.Fprint(env.stdout, recommendTable(all))
	fmt.Fprint(env.stdout, reliabilityTable(all))
	fmt.Fprintf(env.stdout, "\nanswers of every domain: %x\n", answersHash(all))
	if *answersOut != "" {
		return os.WriteFile(*answersOut, []byte(strings.Join(answers, "\n")+"\n"), 0o644)
	}
	return nil
}

// recommendRun is what eval recommend runs each pool with.
type recommendRun struct {
	env               *environment
	loaded            []eval.Domain
	conc, scale, step int
	world             eval.World
	misses, byMeaning bool
	modelDir          string
	meaning           float64
}

// pool runs the simulation of every domain worded from pool on a server
// of its own, printing each domain's line, and returns the domains'
// metrics and the server's answers.
func (r recommendRun) pool(ctx context.Context, pool eval.Pool) ([]eval.RecommendMetrics, []string, error) {
	env := r.env
	tune := func(c *config.Config) {
		if r.step > 0 {
			c.Workers = 0 // analysis runs when the harness says (local.analyse)
		}
		c.EmbeddingsModelDir, c.IssueTypesByMeaning, c.SolutionMeaningWeight = r.modelDir, r.byMeaning, r.meaning
	}
	local, err := startLocal(ctx, "normal", "eval", tune)
	if err != nil {
		return nil, nil, err
	}
	defer local.close(ctx)
	if r.modelDir != "" {
		fmt.Fprintf(env.stdout, "embeddings: %s; issue types by meaning %v; solution meaning weight %g\n", r.modelDir, r.byMeaning, r.meaning)
	}
	var all []eval.RecommendMetrics
	var answers []string
	for _, d := range r.loaded {
		start := time.Now()
		c, tenantID, err := freshTenant(ctx, local, "eval-recommend-"+d.Name)
		if err != nil {
			return nil, nil, err
		}
		plans := d.Plans(r.world)
		var sims []eval.Simulated
		if r.step > 0 {
			analyse := func(ctx context.Context) error { return local.analyse(ctx, tenantID) }
			sims, err = eval.LoadSimulatedInSteps(ctx, c, d.Train, plans, pool, r.scale, r.conc, r.step, analyse)
		} else {
			sims, err = eval.LoadSimulated(ctx, c, d.Train, plans, pool, r.scale, r.conc)
		}
		if err != nil {
			return nil, nil, fmt.Errorf("%s: load simulated conversations: %w", d.Name, err)
		}
		local.waitAnalysed(ctx)
		m, err := eval.Recommendations(ctx, c, sims, d.Test, plans, pool, r.conc)
		if err != nil {
			return nil, nil, fmt.Errorf("%s: %w", d.Name, err)
		}
		m.Domain = d.Name
		for _, line := range m.Answers {
			answers = append(answers, d.Name+" "+line)
		}
		fmt.Fprintf(env.stdout, "%s (%d train openings × %d, %d test, %s)\n", m, len(d.Train), r.scale, len(d.Test), time.Since(start).Round(time.Second))
		if r.misses {
			fmt.Fprint(env.stdout, missList(m))
		}
		all = append(all, m)
	}
	return all, answers, nil
}

// everyPool is what --pool all runs: every compiled pool, then the pool
// files of dir, checked and registered.
func everyPool(env *environment, dir string) ([]eval.Pool, error) {
	pools := slices.Clone(eval.Pools)
	files, err := filepath.Glob(filepath.Join(dir, "*.json"))
	if err != nil {
		return nil, fmt.Errorf("--pool-dir: %w", err)
	}
	if len(files) == 0 {
		fmt.Fprintf(env.stderr, "fathom eval recommend: no pool file in %s; the compiled pools only\n", dir)
	}
	for _, f := range files {
		p, err := eval.LoadPoolFile(f)
		if err != nil {
			return nil, fmt.Errorf("--pool-dir: %w", err)
		}
		pools = append(pools, p)
	}
	return pools, nil
}

// all runs each pool (each on a server of its own, as one --pool run
// does) and ends with each pool's means and the mean over every cell (a
// domain in a pool): one world's development figure (docs/evaluation.md
// compares changes by its mean over worlds 1 to 3).
func (r recommendRun) all(ctx context.Context, pools []eval.Pool) error {
	var cells []eval.RecommendMetrics
	var rows strings.Builder
	for _, p := range pools {
		ms, _, err := r.pool(ctx, p)
		if err != nil {
			return fmt.Errorf("pool %s: %w", p, err)
		}
		best, perQuery, rmse := cellMeans(ms)
		fmt.Fprintf(&rows, "| %s | %d | %.4f | %.4f | %.4f | %x |\n", p, len(ms), best, perQuery, rmse, answersHash(ms))
		cells = append(cells, ms...)
	}
	best, perQuery, rmse := cellMeans(cells)
	fmt.Fprintf(r.env.stdout, "\n| pool | domains | best action, mean | top is best per query, mean | RMSE, mean | answers |\n|---|---|---|---|---|---|\n%s", rows.String())
	fmt.Fprintf(r.env.stdout, "\nmean over %d cells of %d pools: best action %.4f, per query %.4f, RMSE %.4f\n", len(cells), len(pools), best, perQuery, rmse)
	return nil
}

// cellMeans are the means of the domains' best action, top-is-best per
// query and RMSE.
func cellMeans(ms []eval.RecommendMetrics) (best, perQuery, rmse float64) {
	for _, m := range ms {
		best += m.BestAction
		perQuery += m.TopIsBest
		rmse += m.RMSE
	}
	n := float64(max(1, len(ms)))
	return best / n, perQuery / n, rmse / n
}

// answersHash is the hash of the domains' answers' hashes, one line a
// domain: what a run prints as "answers of every domain", and --pool all
// per pool.
func answersHash(ms []eval.RecommendMetrics) [32]byte {
	lines := make([]string, len(ms))
	for i, m := range ms {
		lines[i] = m.Domain + " " + m.AnswersHash
	}
	return sha256.Sum256([]byte(strings.Join(lines, "\n")))
}

// freshTenant is a client of a new tenant of the local server, and the
// tenant's id.
func freshTenant(ctx context.Context, local *localServer, name string) (*client.Client, int64, error) {
	k, err := local.app.Tenants.CreateKey(ctx, tenant.CreateKeyParams{Tenant: name})
	if err != nil {
		return nil, 0, err
	}
	c, err := client.New(client.WithBaseURL(local.url), client.WithAPIKey(k.Secret))
	return c, k.Key.TenantID, err
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

// missList lists the intents of m whose most frequent top fix is not
// their best (--misses), and counts them by kind.
func missList(m eval.RecommendMetrics) string {
	var b strings.Builder
	kinds := map[string]int{}
	for _, r := range m.PerIntent {
		if r.Miss == "none" {
			continue
		}
		kinds[r.Miss]++
		tops := make([]string, 0, len(r.Tops))
		for a, n := range r.Tops {
			if a == "" {
				a = "(unmapped or none)"
			}
			tops = append(tops, fmt.Sprintf("%s×%d", a, n))
		}
		slices.Sort(tops)
		fmt.Fprintf(&b, "  miss %s %s (%s): best %s, tops %s\n", m.Domain, r.Intent, r.Miss, r.Best, strings.Join(tops, " "))
	}
	fmt.Fprintf(&b, "  misses %s: %d of %d intents (partner-best %d, own-fix %d, off-plan %d)\n",
		m.Domain, kinds["partner-best"]+kinds["own-fix"]+kinds["off-plan"], len(m.PerIntent), kinds["partner-best"], kinds["own-fix"], kinds["off-plan"])
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

const evalDSTC11Synopsis = `eval dstc11 [--domain name,...] [--domain-file FILE] [flags]

Issue discovery on DSTC11 through the public API of a server started
in-process: each domain's utterances are tracked and resolved as one-turn
conversations of a fresh tenant, and the issue types the server assigned are
scored against the gold intents (NMI, ARI, number of types).

--domain-file FILE scores the labelled openings of a file of your own instead
(every opening, as the DSTC11 domains; the file as eval recommend's
--domain-file reads it: .csv with text and intent columns, or .jsonl); add
--domain to score the DSTC11 domains too.`

func runEvalDSTC11(ctx context.Context, env *environment, args []string) error {
	fs := flagSet(env, "eval dstc11", evalDSTC11Synopsis)
	domains := fs.String("domain", strings.Join(eval.DSTC11Domains, ","), "comma-separated domains")
	data := fs.String("data", "../shared/data/dstc11", "DSTC11 folder")
	conc := fs.Int("concurrency", 8, "concurrent requests")
	domainFile := fs.String("domain-file", "", "score the labelled openings of this `file` (.csv with text and intent columns, or .jsonl) instead of the DSTC11 domains")
	if err := parse(fs, args); err != nil {
		return err
	}
	type domain struct {
		name     string
		examples []eval.Example
	}
	var loaded []domain
	if *domainFile == "" || given(fs, "domain") {
		for _, name := range strings.Split(*domains, ",") {
			name = strings.TrimSpace(name)
			ex, err := eval.LoadDSTC11(*data, name)
			if err != nil {
				return fmt.Errorf("--domain %s: %w", name, dataError(err, *data))
			}
			loaded = append(loaded, domain{name, ex})
		}
	}
	if *domainFile != "" {
		name, ex, err := eval.ReadDomainFile(*domainFile)
		if err != nil {
			return fmt.Errorf("--domain-file: %w", err)
		}
		loaded = append(loaded, domain{name, ex})
	}
	local, err := startLocal(ctx, "normal", "eval", nil)
	if err != nil {
		return err
	}
	defer local.close(ctx)
	var b strings.Builder
	b.WriteString("\n| domain | utterances | intents | NMI | ARI | types | unassigned |\n|---|---|---|---|---|---|---|\n")
	for _, d := range loaded {
		name, ex := d.name, d.examples
		c, _, err := freshTenant(ctx, local, "eval-dstc11-"+name)
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
	return fs.String("pool", "develop", "wording of the simulation: "+poolNames(", ")+" ("+reportOnlyPools()+": to report only, never to develop on)")
}

// recommendPool is the pool of eval recommend: --pool, or the file of
// --pool-file checked and registered; the two together are refused.
func recommendPool(env *environment, fs *flag.FlagSet, name, file string) (eval.Pool, error) {
	if file == "" {
		return parsePool(name)
	}
	if given(fs, "pool") {
		fmt.Fprintln(env.stderr, "fathom eval recommend: give --pool or --pool-file, not both")
		return "", errUsage
	}
	return eval.LoadPoolFile(file)
}

// parsePool checks --pool.
func parsePool(name string) (eval.Pool, error) {
	pool, ok := eval.ParsePool(name)
	if !ok {
		return "", fmt.Errorf("--pool must be one of %s, not %q", poolNames(", "), name)
	}
	return pool, nil
}

// poolNames are the pools' names joined by sep.
func poolNames(sep string) string {
	names := make([]string, len(eval.Pools))
	for i, p := range eval.Pools {
		names[i] = string(p)
	}
	return strings.Join(names, sep)
}

// reportOnlyPools names the pools run only to report ("a, b and c").
func reportOnlyPools() string {
	var names []string
	for _, p := range eval.Pools {
		if p.ReportOnly() {
			names = append(names, string(p))
		}
	}
	return wordList(names, "and")
}

// wordList joins names as a sentence does, with conj before the last:
// "a", "a and b", "a, b and c".
func wordList(names []string, conj string) string {
	if len(names) < 2 {
		return strings.Join(names, "")
	}
	return strings.Join(names[:len(names)-1], ", ") + " " + conj + " " + names[len(names)-1]
}

// poolList is one line per pool for the synopsis: its name and provenance.
func poolList() string {
	var b strings.Builder
	for _, p := range eval.Pools {
		fmt.Fprintf(&b, "  %-9s %s\n", p, p.Provenance())
	}
	return b.String()
}
