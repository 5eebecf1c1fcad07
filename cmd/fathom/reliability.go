package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/fathom-oss/fathom/internal/config"
)

const reliabilitySynopsis = `bench reliability [flags]

Runs the reliability suite: each trial attacks a real "fathom serve" (this
binary, or --bin) started as a separate process on SQLite in a temporary
directory, on a loopback port, and checks it against its bound. Per trial
it prints PASS, FAIL or SKIP (with the reason), the server's peak resident
memory (VmHWM), the latency of another client's /healthz (p50 and p99)
before and during the attack, and what was lost (acknowledged writes
missing afterwards). The whole suite takes under 10 minutes; --quick
shortens every attack for a pass of about 2 minutes. It exits 1 when a
trial fails. The trials and their bounds: docs/reliability.md.`

// Bounds every attack trial is held to, besides its own.
const (
	// memoryBound is the server's peak resident memory through any attack.
	memoryBound = 600 << 20
	// defaultLatencyBound is the p99 of another client's /healthz during
	// an attack: loose, because the machines this runs on are shared (the
	// figures before and during are printed for a closer look).
	defaultLatencyBound = 2 * time.Second
)

// trial is one attack of the suite.
type trial struct {
	name  string
	bound string // what passing means, one line
	root  bool   // needs root (it mounts a file system)
	run   func(ctx context.Context, r *trialRun) error
	// unbounded latency: the trial checks answers, not how fast others
	// are served (the fuzzer sends 40 MiB bodies on purpose).
	latencyUnbounded bool
	// sqliteOnly: the trial attacks the SQLite file itself, and is skipped
	// with --database-url.
	sqliteOnly bool
}

// trials is the suite, in the order it runs.
func trials() []trial {
	return []trial{
		{"kill", "every write acknowledged before SIGKILL is there after the restart (lost 0)", false, killTrial, false, false},
		{"disk-full", "on a full disk writes get 503 with Retry-After and /readyz is 503; once space is freed it recovers without a restart; lost 0", true, diskFullTrial, false, true},
		{"signin-flood", "128 parallel wrong-password sign-ins: answers 401 or 503 with Retry-After only", false, signInFloodTrial, false, false},
		{"token-lockout", "wrong secrets for a victim's client_id and made-up client ids: the victim app is never refused (401/429)", false, tokenLockoutTrial, false, false},
		{"slow-readers", "slow clients reading a 2 MiB conversation: each holds at most a page", false, slowReadersTrial, false, false},
		{"uploads", "concurrent 1.5 MB recording uploads: answers 201 or 503 with Retry-After only, none lost", false, uploadsTrial, false, false},
		{"gateway", "gateway calls on expired tokens, a failing token endpoint and a shared quota: every call answered, one refresh per token generation, backoff per connection, each account within its share", false, gatewayTrial, false, false},
		{"fuzz", "malformed input on every registered route: no 5xx but documented 503s, every 4xx names the problem, the server stays up", false, fuzzTrial, true, false},
	}
}

// trialRun is one trial's settings and what it measured.
type trialRun struct {
	bin       string // the fathom binary under test
	dir       string // a temporary directory of the trial's own
	quick     bool
	serverLog string
	latency   time.Duration // bound of /healthz p99 during the attack; 0: none
	out       io.Writer
	// postgres is the PostgreSQL server (an admin URL) on which each
	// trial gets a throwaway database; "" runs on SQLite.
	postgres string
	// databaseURL is this trial's throwaway database on postgres.
	databaseURL string

	// What the trial measured, for its line of the report.
	server   *serveProcess // the last server started, whose VmHWM is read
	peak     int64         // peak resident memory of the servers, bytes
	before   latencies
	during   latencies
	lost     int // acknowledged writes missing afterwards; -1: not applicable
	notes    []string
	failures []string
}

// failf records that the trial missed its bound, and goes on.
func (r *trialRun) failf(format string, args ...any) {
	r.failures = append(r.failures, fmt.Sprintf(format, args...))
}

// notef records a figure for the report.
func (r *trialRun) notef(format string, args ...any) {
	r.notes = append(r.notes, fmt.Sprintf(format, args...))
}

// seconds is full in the full suite, quick with --quick.
func (r *trialRun) seconds(full, quick int) time.Duration {
	if r.quick {
		return time.Duration(quick) * time.Second
	}
	return time.Duration(full) * time.Second
}

// env is the environment of a server and the admin commands of this
// trial: dataDir (the SQLite database, or with --database-url the
// trial's PostgreSQL database and the data directory's other files),
// and the given FATHOM_* settings.
func (r *trialRun) env(dataDir string, settings ...string) []string {
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "FATHOM_") {
			env = append(env, kv)
		}
	}
	env = append(env, "FATHOM_DATA_DIR="+dataDir)
	if r.databaseURL != "" {
		env = append(env, "FATHOM_DATABASE_URL="+r.databaseURL)
	}
	return append(env, settings...)
}

// admin runs "fathom args..." with env and returns its output.
func (r *trialRun) admin(env []string, args ...string) (string, error) {
	cmd := exec.Command(r.bin, args...)
	cmd.Env = env
	out, err := cmd.CombinedOutput()
	if err != nil {
		return "", fmt.Errorf("fathom %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out), nil
}

// createKey makes a database in env's data directory with an API key of
// a user of tenant "acme", and returns the key.
func (r *trialRun) createKey(env []string, email string) (string, error) {
	out, err := r.admin(env, "keys", "create", "--create", "--tenant", "acme", "--email", email)
	if err != nil {
		return "", err
	}
	key := apiKeyRe.FindString(out)
	if key == "" {
		return "", fmt.Errorf("keys create printed no key:\n%s", out)
	}
	return key, nil
}

// start runs the server under test with env; the trial measures it.
func (r *trialRun) start(ctx context.Context, env []string) (*serveProcess, error) {
	ctx, cancel := context.WithTimeout(ctx, 2*time.Minute)
	defer cancel()
	p, _, err := startServeProcess(ctx, serveOptions{exe: r.bin, env: env, logFile: r.serverLog, keepLog: true})
	if err != nil {
		return nil, err
	}
	r.server = p
	if r.databaseURL != "" {
		// The trial must not pass on SQLite when PostgreSQL was asked for.
		if err := checkEngine(p.url, "postgres"); err != nil {
			return nil, err
		}
	}
	return p, nil
}

// checkEngine checks that the server at base says (in /readyz) that it
// runs on engine.
func checkEngine(base, engine string) error {
	resp, err := http.Get(base + "/readyz")
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	var body struct {
		Database string `json:"database"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&body); err != nil || body.Database != engine {
		return fmt.Errorf("the server runs on %q, not %s (/readyz %d)", body.Database, engine, resp.StatusCode)
	}
	return nil
}

// startWithKey creates a key for alice@acme.com in env's data directory,
// then starts the server under test with env.
func (r *trialRun) startWithKey(ctx context.Context, env []string) (string, *serveProcess, error) {
	key, err := r.createKey(env, "alice@acme.com")
	if err != nil {
		return "", nil, err
	}
	p, err := r.start(ctx, env)
	if err != nil {
		return "", nil, err
	}
	return key, p, nil
}

// attack times /healthz before the attack, runs it for d while sampling
// the server's memory and /healthz, stops it and waits for its clients.
func (r *trialRun) attack(ctx context.Context, p *serveProcess, d time.Duration, run func(stop <-chan struct{})) error {
	r.before = probeHealth(p.url, 40)
	stop := make(chan struct{})
	finished := make(chan struct{})
	go func() { defer close(finished); run(stop) }()
	s := sampleAttack(ctx, p.pid, p.url, d)
	close(stop)
	<-finished
	r.peak, r.during = max(r.peak, s.peak), s.health
	if p.exited() {
		return fmt.Errorf("%w (%v):\n%s", errExited, p.err, tail(p.logText(), 20))
	}
	return ctx.Err()
}

func runReliability(ctx context.Context, env *environment, args []string) error {
	fs := flagSet(env, "bench reliability", reliabilitySynopsis)
	only := fs.String("only", "", "comma-separated trials to run (default all): "+strings.Join(trialNames(), ", "))
	quick := fs.Bool("quick", false, "shorter attacks: a pass of about 2 minutes")
	bin := fs.String("bin", "", "fathom binary to attack (default: this one)")
	serverLog := fs.String("server-log", "", "append the servers' log (info level) to this file")
	latency := fs.Duration("latency-bound", defaultLatencyBound, "bound of another client's /healthz p99 during an attack (0: report it only)")
	postgres := fs.String("database-url", "", "run on PostgreSQL: a `URL` of a server on which each trial makes a throwaway database (dropped after it); disk-full is SQLite only")
	if err := parse(fs, args); err != nil {
		return err
	}
	selected, err := selectTrials(*only)
	if err != nil {
		return err
	}
	if *bin == "" {
		if *bin, err = os.Executable(); err != nil {
			return err
		}
	}
	out := env.stdout
	engine := "sqlite"
	if *postgres != "" {
		engine = "postgresql at " + config.RedactURL(*postgres) + ", a throwaway database per trial"
	}
	fmt.Fprintf(out, "reliability suite: %s, %s, %s; load average %s\n", *bin, map[bool]string{true: "quick", false: "full"}[*quick], engine, loadAverage())
	failed := 0
	for _, t := range selected {
		res := runTrial(ctx, t, &trialRun{bin: *bin, quick: *quick, serverLog: *serverLog, latency: *latency, out: out, lost: -1, postgres: *postgres})
		if res == "FAIL" {
			failed++
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
	}
	fmt.Fprintf(out, "load average at the end %s\n", loadAverage())
	if failed > 0 {
		return fmt.Errorf("%d of %d trials failed", failed, len(selected))
	}
	return nil
}

func trialNames() []string {
	var names []string
	for _, t := range trials() {
		names = append(names, t.name)
	}
	return names
}

// selectTrials reads --only.
func selectTrials(only string) ([]trial, error) {
	all := trials()
	if only == "" {
		return all, nil
	}
	var out []trial
	for _, name := range strings.Split(only, ",") {
		name = strings.TrimSpace(name)
		i := slices.IndexFunc(all, func(t trial) bool { return t.name == name })
		if i < 0 {
			return nil, fmt.Errorf("--only: no trial %q (trials: %s)", name, strings.Join(trialNames(), ", "))
		}
		out = append(out, all[i])
	}
	return out, nil
}

// runTrial runs one trial in a temporary directory, prints its report and
// returns PASS, FAIL or SKIP.
func runTrial(ctx context.Context, t trial, r *trialRun) string {
	fmt.Fprintf(r.out, "\n== %s: %s\n", t.name, t.bound)
	if t.sqliteOnly && r.postgres != "" {
		fmt.Fprintf(r.out, "SKIP %s: SQLite only (it fills the file system under the database)\n", t.name)
		return "SKIP"
	}
	if t.root && os.Geteuid() != 0 {
		fmt.Fprintf(r.out, "SKIP %s: needs root (it mounts a tmpfs)\n", t.name)
		return "SKIP"
	}
	begin := time.Now()
	if r.postgres != "" {
		u, drop, err := createThrowawayDatabase(ctx, r.postgres)
		if err != nil {
			fmt.Fprintf(r.out, "FAIL %s: %v\n", t.name, err)
			return "FAIL"
		}
		// Dropped when the trial ends, after its server is killed.
		defer drop()
		// A small pool: the database server is shared.
		r.databaseURL = withPoolSize(u, trialPool)
	}
	dir, err := os.MkdirTemp("", "fathom-reliability-"+t.name+"-")
	if err != nil {
		fmt.Fprintf(r.out, "FAIL %s: %v\n", t.name, err)
		return "FAIL"
	}
	r.dir = dir
	err = t.run(ctx, r)
	if r.server != nil && !r.server.exited() {
		_, hwm := residentMemory(r.server.pid)
		r.peak = max(r.peak, hwm)
		_ = r.server.kill()
	}
	_ = os.RemoveAll(dir)
	var skip *skipError
	if errors.As(err, &skip) {
		fmt.Fprintf(r.out, "SKIP %s: %s\n", t.name, skip.reason)
		return "SKIP"
	}
	if err != nil {
		r.failf("%v", err)
	}
	if r.peak > memoryBound {
		r.failf("peak resident memory %d MiB, bound %d MiB", r.peak>>20, memoryBound>>20)
	}
	if t.latencyUnbounded {
		r.latency = 0
	}
	if r.latency > 0 && len(r.during.times) > 0 && r.during.percentile(99) > r.latency {
		r.failf("/healthz p99 during the attack %s, bound %s", roundLatency(r.during.percentile(99)), r.latency)
	}
	if r.during.failures > 0 {
		r.failf("%d /healthz calls failed during the attack", r.during.failures)
	}
	if r.lost > 0 {
		r.failf("%d acknowledged writes lost", r.lost)
	}
	for _, n := range r.notes {
		fmt.Fprintf(r.out, "  %s\n", n)
	}
	for _, f := range r.failures {
		fmt.Fprintf(r.out, "  FAILED: %s\n", f)
	}
	verdict := "PASS"
	if len(r.failures) > 0 {
		verdict = "FAIL"
	}
	line := fmt.Sprintf("%s %s (%s): peak resident %d MiB (bound %d)", verdict, t.name,
		time.Since(begin).Round(time.Second), r.peak>>20, memoryBound>>20)
	if len(r.before.times) > 0 {
		line += fmt.Sprintf("; /healthz before %s, during %s", r.before, r.during)
		if r.latency > 0 {
			line += fmt.Sprintf(" (bound p99 %s)", r.latency)
		}
	}
	if r.lost >= 0 {
		line += fmt.Sprintf("; lost %d", r.lost)
	}
	fmt.Fprintln(r.out, line)
	return verdict
}

// trialPool is the PostgreSQL pool of a trial's server (pool_max_conns).
const trialPool = 6

// skipError says why a trial cannot run here.
type skipError struct{ reason string }

func (e *skipError) Error() string { return e.reason }

// loadAverage is the machine's load average over 1, 5 and 15 minutes, as
// /proc/loadavg says ("unknown" elsewhere).
func loadAverage() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "unknown"
	}
	f := strings.Fields(string(b))
	if len(f) < 3 {
		return "unknown"
	}
	return strings.Join(f[:3], " ")
}

// trialDataDir is the data directory of a trial's server.
func (r *trialRun) dataDir() string { return filepath.Join(r.dir, "data") }
