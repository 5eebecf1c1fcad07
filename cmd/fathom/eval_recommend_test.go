package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/fathom-oss/fathom/client"
	"github.com/fathom-oss/fathom/internal/config"
	"github.com/fathom-oss/fathom/internal/eval"
)

// TestEvalRecommendPlumbing runs the recommendation simulation end to end
// on a small made-up domain through a real server on :0: conversations
// are tracked, read back and mapped to simulated actions, and every test
// query gets an answer that is scored.
func TestEvalRecommendPlumbing(t *testing.T) {
	engineIndependent(t)
	ctx := context.Background()
	local, err := startLocal(ctx, "normal", "test", nil)
	if err != nil {
		t.Fatal(err)
	}
	defer local.close(ctx)
	c, _, err := freshTenant(ctx, local, "plumbing")
	if err != nil {
		t.Fatal(err)
	}
	train, test := madeUpDomain(24)
	plans := eval.World(1).Plans(train)
	sims, err := eval.LoadSimulated(ctx, c, train, plans, eval.PoolDevelop, 1, 4)
	if err != nil {
		t.Fatal(err)
	}
	local.waitAnalysed(ctx)
	m, err := eval.Recommendations(ctx, c, sims, test, plans, eval.PoolDevelop, 4)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%s", m)
	if m.Mapped == 0 || m.Queries != len(test) || m.Intents != 3 || m.Attempts == 0 || m.Coverage == 0 || len(m.Reliability) == 0 {
		t.Fatalf("the simulation did not get through: %s", m)
	}
	// The additive evidence fields come through the SDK.
	res, err := c.Similarity(ctx, client.SimilarityRequest{Message: test[0].Text})
	if err != nil {
		t.Fatal(err)
	}
	rec := res.Recommendations
	if rec.Evidence != "ok" && rec.Evidence != "thin" || (rec.Evidence == "thin") == (rec.EvidenceReason == "") {
		t.Errorf("evidence %q, reason %q", rec.Evidence, rec.EvidenceReason)
	}
	if len(rec.RecommendedActions) == 0 {
		t.Fatal("no recommended action")
	}
	for _, a := range rec.RecommendedActions {
		if e := a.Evidence; e.Attempts+e.Neighbours == 0 || e.Successes > e.Attempts || e.NeighbourSuccesses > e.Neighbours {
			t.Errorf("%s: evidence %+v", a.Action, e)
		}
	}
}

// TestEvalRecommendRepeatable: the simulation loaded at fixed points
// (LoadSimulatedInSteps, on a server that analyses only then) gets the
// same answers whatever the order its requests arrived in: one request at
// a time and eight at once, on two servers, give the same answers to
// every query. The server analyses the conversations waiting in id order,
// so that the order their last writes came in does not change what it
// learns.
func TestEvalRecommendRepeatable(t *testing.T) {
	engineIndependent(t)
	train, test := madeUpDomain(40)
	var got []eval.RecommendMetrics
	for _, conc := range []int{1, 8} {
		got = append(got, steppedRun(t, train, test, eval.PoolDevelop, conc))
	}
	if got[0].AnswersHash != got[1].AnswersHash {
		for i := range got[0].Answers {
			if got[0].Answers[i] != got[1].Answers[i] {
				t.Errorf("query %d:\n one at a time: %s\n eight at once: %s", i, got[0].Answers[i], got[1].Answers[i])
			}
		}
		t.Fatalf("answers %s one request at a time, %s eight at once", got[0].AnswersHash, got[1].AnswersHash)
	}
}

// steppedRun runs the simulation of pool on a made-up domain through a
// new server that analyses at fixed points only, conc requests at a time.
func steppedRun(t *testing.T, train, test []eval.Example, pool eval.Pool, conc int) eval.RecommendMetrics {
	t.Helper()
	ctx := context.Background()
	plans := eval.World(1).Plans(train)
	tune := func(c *config.Config) { c.Workers = 0 }
	local, err := startLocal(ctx, "normal", "test", tune)
	if err != nil {
		t.Fatal(err)
	}
	defer local.close(ctx)
	c, tenantID, err := freshTenant(ctx, local, "stepped")
	if err != nil {
		t.Fatal(err)
	}
	analyse := func(ctx context.Context) error { return local.analyse(ctx, tenantID) }
	sims, err := eval.LoadSimulatedInSteps(ctx, c, train, plans, pool, 1, conc, 25, analyse)
	if err != nil {
		t.Fatal(err)
	}
	m, err := eval.Recommendations(ctx, c, sims, test, plans, pool, conc)
	if err != nil {
		t.Fatal(err)
	}
	if m.Mapped == 0 {
		t.Fatalf("pool %s, concurrency %d: the simulation did not get through: %s", pool, conc, m)
	}
	return m
}

// TestEvalRecommendPoolFile: the file --pool-template prints, run with
// --pool-file, gets the develop pool's answers from a real server; --pool
// beside --pool-file is refused, and so is a file at fault, before any run
// (no data is read).
func TestEvalRecommendPoolFile(t *testing.T) {
	engineIndependent(t)
	dir := t.TempDir()
	code, template, errOut := cli(t, nil, "eval", "recommend", "--pool-template")
	if code != 0 {
		t.Fatalf("--pool-template: exit %d: %s", code, errOut)
	}
	mine, bad := filepath.Join(dir, "mine.json"), filepath.Join(dir, "bad.json")
	if err := os.WriteFile(mine, []byte(template), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(bad, []byte(strings.Replace(template, `"id": "freeze_card"`, `"id": "thaw_card"`, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	noData := filepath.Join(dir, "no-data")
	for _, c := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"--pool", "develop", "--pool-file", mine}, 2, "give --pool or --pool-file, not both"},
		{[]string{"--pool-file", bad}, 1, `actions[1].id: "thaw_card" is no action`},
		{[]string{"--pool-file", bad}, 1, `actions: no entry for "freeze_card"`},
		{[]string{"--pool-file", filepath.Join(dir, "absent.json")}, 1, "absent.json"},
	} {
		args := append([]string{"eval", "recommend", "--data", noData}, c.args...)
		code, _, errOut := cli(t, nil, args...)
		if code != c.code || !strings.Contains(errOut, c.want) {
			t.Errorf("fathom %s: exit %d, stderr %q; want exit %d saying %q", strings.Join(args, " "), code, errOut, c.code, c.want)
		}
	}
	pool, err := eval.LoadPoolFile(mine)
	if err != nil {
		t.Fatal(err)
	}
	train, test := madeUpDomain(40)
	develop, file := steppedRun(t, train, test, eval.PoolDevelop, 4), steppedRun(t, train, test, pool, 4)
	if develop.AnswersHash != file.AnswersHash {
		t.Errorf("answers %s on the develop pool, %s on its template given back", develop.AnswersHash, file.AnswersHash)
	}
}

// madeUpDomain is a small domain of three intents, n openings each, one
// in four of them kept for the queries.
func madeUpDomain(n int) (train, test []eval.Example) {
	for i := range n {
		for _, intent := range []struct{ name, text string }{
			{"lost", "I lost my card somewhere in town %d"},
			{"declined", "my card payment was declined at shop %d"},
			{"password", "I forgot my password for the app, attempt %d"},
		} {
			ex := eval.Example{Text: fmt.Sprintf(intent.text, i), Intent: intent.name}
			if i%4 == 3 {
				test = append(test, ex)
			} else {
				train = append(train, ex)
			}
		}
	}
	return train, test
}

// TestMissList: --misses lists only the intents that miss, with what
// their queries put first, and counts them by kind.
func TestMissList(t *testing.T) {
	m := eval.RecommendMetrics{Domain: "finance", PerIntent: []eval.IntentResult{
		{Intent: "OpenAccount", Best: "send_document", Tops: map[string]int{"order_replacement_card": 5, "send_document": 2}, Miss: "off-plan"},
		{Intent: "CloseAccount", Best: "order_replacement_card", Tops: map[string]int{"order_replacement_card": 4}, Miss: "none"},
		{Intent: "NetIncome", Best: "clear_cache", Tops: map[string]int{"book_appointment": 5, "": 1}, Miss: "partner-best"},
	}}
	got := missList(m)
	want := "  miss finance OpenAccount (off-plan): best send_document, tops order_replacement_card×5 send_document×2\n" +
		"  miss finance NetIncome (partner-best): best clear_cache, tops (unmapped or none)×1 book_appointment×5\n" +
		"  misses finance: 2 of 3 intents (partner-best 1, own-fix 0, off-plan 1)\n"
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

// TestEvalHelpNamesEveryPool: the eval commands' help, README.md and
// docs/cli.md name the registered pools, all of them and in order, so no
// list falls behind the registry (the help once lacked two recommendation
// pools, docs/cli.md two action-item pools).
func TestEvalHelpNamesEveryPool(t *testing.T) {
	read := func(name string) string {
		b, err := os.ReadFile(filepath.Join(repoRoot, name))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	readme, cli := read("README.md"), read("docs/cli.md")
	recommend := make([]string, len(eval.Pools))
	for i, p := range eval.Pools {
		recommend[i] = string(p)
	}
	actions := eval.ActionPoolNames()
	for _, c := range []struct{ where, text, want string }{
		{"eval recommend's synopsis", evalRecommendSynopsis, "eval recommend [--pool " + strings.Join(recommend, "|") + "|all]"},
		{"README.md", readme, "fathom eval recommend [--pool " + strings.Join(recommend, `\|`) + `\|all]`},
		{"docs/cli.md", cli, "(pools: " + strings.Join(recommend, ", ") + ")"},
		{"README.md", readme, "fathom eval actions [--pool " + strings.Join(actions, `\|`) + "]"},
		{"docs/cli.md", cli, "--pool " + strings.Join(actions, "|") + ")"},
	} {
		if !strings.Contains(c.text, c.want) {
			t.Errorf("%s does not name the pools as registered: want %q", c.where, c.want)
		}
	}
	for _, p := range eval.Pools {
		if !strings.Contains(evalRecommendSynopsis, "\n  "+string(p)+" ") {
			t.Errorf("eval recommend's synopsis does not say where the pool %q came from", p)
		}
	}
	for _, name := range actions {
		if !strings.Contains(evalActionsSynopsis, name) {
			t.Errorf("eval actions' synopsis does not name the pool %q", name)
		}
	}
}

// TestEvalDomainFile: the example domain of docs/evaluation.md runs
// through a real server in eval recommend and eval dstc11, alone (the
// default domains are not read: --data points nowhere) or beside a named
// domain; a file at fault is refused before any run, naming the file and
// the line.
func TestEvalDomainFile(t *testing.T) {
	engineIndependent(t)
	example := filepath.Join(repoRoot, "examples", "internet-openings.csv")
	dir := t.TempDir()
	noData, bad, vec := filepath.Join(dir, "no-data"), filepath.Join(dir, "bad.csv"), filepath.Join(dir, "words.vec")
	if err := os.WriteFile(bad, []byte("text,intent\nmy router is broken,\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	// A word-vector file of four words, enough for the server to load it
	// and give the openings that hold them vectors.
	if err := os.WriteFile(vec, []byte("4 3\nrouter 1 0 0\ninternet 0.9 0.1 0\nbill 0 1 0\ninvoice 0 0.9 0.1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		args []string
		code int
		want []string
	}{
		{[]string{"recommend", "--domain-file", example}, 0,
			[]string{"internet-openings/develop: best action", "over 7 intents", "(42 train openings × 1, 14 test", "answers of every domain: "}},
		{[]string{"recommend", "--domain-file", bad}, 1, []string{"bad.csv: line 2: intent: empty"}},
		{[]string{"recommend", "--domain", "finance", "--domain-file", example}, 1, []string{"--domain finance"}},
		{[]string{"recommend", "--domain-file", example, "--embeddings-model-dir", vec, "--issue-types-by-meaning", "--solution-meaning-weight", "0.3"}, 0,
			[]string{"embeddings: " + vec + "; issue types by meaning true; solution meaning weight 0.3", "internet-openings/develop: best action"}},
		{[]string{"recommend", "--domain-file", example, "--issue-types-by-meaning"}, 1, []string{"need --embeddings-model-dir"}},
		{[]string{"recommend", "--domain-file", example, "--embeddings-model-dir", vec, "--solution-meaning-weight", "1"}, 1, []string{"--solution-meaning-weight: 1 is not a share in [0, 1)"}},
		{[]string{"dstc11", "--domain-file", example}, 0, []string{"| internet-openings | 56 | 7 | "}},
		{[]string{"dstc11", "--domain-file", filepath.Join(dir, "absent.csv")}, 1, []string{"absent.csv"}},
	} {
		args := append([]string{"eval", c.args[0], "--data", noData}, c.args[1:]...)
		code, out, errOut := cli(t, nil, args...)
		for _, want := range c.want {
			if code != c.code || !strings.Contains(out+errOut, want) {
				t.Errorf("fathom %s: exit %d, want %d saying %q:\n%s%s", strings.Join(args, " "), code, c.code, want, out, errOut)
			}
		}
	}
}

// TestEvalRecommendAllPools: --pool all runs every compiled pool and every
// pool file of --pool-dir, each on a server of its own, and sums them up
// per pool and over every cell; a file holding the develop pool's own
// wording (the template) answers as the develop pool does.
func TestEvalRecommendAllPools(t *testing.T) {
	engineIndependent(t)
	example := filepath.Join(repoRoot, "examples", "internet-openings.csv")
	dir := t.TempDir()
	_, template, _ := cli(t, nil, "eval", "recommend", "--pool-template")
	if err := os.WriteFile(filepath.Join(dir, "mine.json"), []byte(template), 0o644); err != nil {
		t.Fatal(err)
	}
	noData := filepath.Join(dir, "no-data")
	code, out, errOut := cli(t, nil, "eval", "recommend", "--data", noData, "--domain-file", example, "--pool", "all", "--pool-dir", dir)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	pools := len(eval.Pools) + 1
	if want := fmt.Sprintf("mean over %d cells of %d pools: best action ", pools, pools); !strings.Contains(out, want) {
		t.Fatalf("no %q in:\n%s", want, out)
	}
	rows := map[string]string{}
	for _, line := range strings.Split(out, "\n") {
		if f := strings.Split(line, " | "); len(f) == 6 && strings.HasPrefix(line, "| ") {
			rows[strings.TrimPrefix(f[0], "| ")] = strings.Join(f[2:], " | ")
		}
	}
	develop, mine := rows["develop"], rows["file:"+filepath.Join(dir, "mine.json")]
	if develop == "" || develop != mine {
		t.Errorf("develop's row %q, the template's %q: want equal and present", develop, mine)
	}
	if code, _, errOut := cli(t, nil, "eval", "recommend", "--pool", "all", "--answers", filepath.Join(dir, "a.txt")); code != 1 || !strings.Contains(errOut, "--answers") {
		t.Errorf("--pool all --answers: exit %d, %q", code, errOut)
	}
	// A bad pool file is named before any data is read.
	badDir := filepath.Join(dir, "bad")
	if err := os.MkdirAll(badDir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(badDir, "bad.json"), []byte(strings.Replace(template, `"id": "freeze_card"`, `"id": "thaw_card"`, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, errOut := cli(t, nil, "eval", "recommend", "--data", noData, "--pool", "all", "--pool-dir", badDir); code != 1 || !strings.Contains(errOut, `"thaw_card" is no action`) {
		t.Errorf("--pool all with a bad pool file: exit %d, %q", code, errOut)
	}
}
