package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/fathom-oss/fathom/internal/app"
	"github.com/fathom-oss/fathom/internal/bench"
	"github.com/fathom-oss/fathom/internal/config"
	"github.com/fathom-oss/fathom/internal/store/sqlite"
	"github.com/fathom-oss/fathom/internal/tenant"
)

// memoryBench measures the server as an operator sees it: a separate
// "fathom serve" process (this binary), seeded through the API to each
// size, then its resident memory, the time it takes to stop, to start again
// on the same data, and its memory after the restart. A separate process is
// what makes the figures honest: resident memory is the server's alone, and
// a restart starts from an empty heap.
type memoryBench struct {
	out         io.Writer
	corpus      *bench.Corpus
	sizes       []int
	concurrency int
	queries     int
	synchronous string
	dir         string // data directory to use and keep; "" for a temporary one
	serverLog   string // file for the server's log (info level); "" to discard it
	profileDir  string // where each server process writes its CPU profile; "": none
	starts      int    // server processes started so far
}

func (b *memoryBench) run(ctx context.Context) error {
	dir := b.dir
	if dir == "" {
		tmp, err := os.MkdirTemp("", "fathom-bench-memory-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(tmp)
		dir = tmp
	} else if _, err := os.Stat(dir); err == nil {
		return fmt.Errorf("--dir %s exists; give a new directory", dir)
	}
	cfg := config.Default()
	cfg.DataDir, cfg.SQLiteSynchronous = filepath.Join(dir, "data"), b.synchronous
	key, err := createBenchKey(ctx, cfg)
	if err != nil {
		return err
	}
	// The benchmark reads the server's database only to see when analysis
	// has caught up, as the in-process benchmark does.
	db, err := sqlite.Open(sqlite.Config{Path: cfg.SQLiteFile(), ReadConns: 1})
	if err != nil {
		return err
	}
	defer db.Close()
	fmt.Fprintf(b.out, "server: a separate process on %s, sqlite synchronous=%s\n", cfg.DataDir, b.synchronous)
	srv, started, err := b.start(ctx, cfg.DataDir)
	if err != nil {
		return err
	}
	defer func() {
		if srv != nil {
			_, _ = srv.stop()
		}
	}()
	fmt.Fprintf(b.out, "start (empty): %s\n", started.Round(time.Millisecond))
	total := 0
	run := fmt.Sprintf("%d", time.Now().UnixNano())
	for _, n := range b.sizes {
		if n <= total {
			continue
		}
		target := bench.NewTarget(srv.url, key, b.concurrency)
		s := bench.Seed(ctx, target, b.corpus, fmt.Sprintf("bench-memory-%s-%d", run, n), n-total, b.concurrency)
		fmt.Fprintln(b.out, s)
		total = n
		rss, hwm := residentMemory(srv.pid)
		fmt.Fprintf(b.out, "memory @%d when seeding ended: VmRSS %s, VmHWM %s\n", total, mib(rss), mib(hwm))
		backlog, _ := db.ConversationCountDirty(ctx)
		cpu := processCPUOf(srv.pid)
		lag := waitDirty(ctx, db)
		fmt.Fprintf(b.out, "  analysis caught up %s after seeding%s\n", lag.Round(time.Millisecond),
			drainRate(backlog, 2, lag, processCPUOf(srv.pid)-cpu))
		rss, hwm = residentMemory(srv.pid)
		fmt.Fprintf(b.out, "memory @%d after seeding and analysis: VmRSS %s, VmHWM %s\n", total, mib(rss), mib(hwm))
		stopped, err := srv.stop()
		srv = nil
		if err != nil {
			return err
		}
		if srv, started, err = b.start(ctx, cfg.DataDir); err != nil {
			return err
		}
		// The processor time of the start, unlike its duration, does not
		// depend on what else shares the machine.
		startCPU := processCPUOf(srv.pid)
		lag = waitDirty(ctx, db)
		target = bench.NewTarget(srv.url, key, b.concurrency)
		sim := bench.Similarity(ctx, target, b.corpus, fmt.Sprintf("similarity @%d (restarted)", total), b.queries, 1, 10)
		rss, hwm = residentMemory(srv.pid)
		fmt.Fprintf(b.out, "memory @%d: stop %s, start %s (%.1f CPU-seconds; re-analysis after it %s), after restart VmRSS %s, VmHWM %s\n",
			total, stopped.Round(time.Millisecond), started.Round(time.Millisecond), startCPU.Seconds(), lag.Round(time.Millisecond), mib(rss), mib(hwm))
		fmt.Fprintln(b.out, sim)
	}
	// What a server with nothing to do spends (the job queues' polls):
	// a while after its last requests, by its processor time.
	cpu := processCPUOf(srv.pid)
	time.Sleep(idleWindow)
	fmt.Fprintf(b.out, "idle for %s after the requests: %.1f%% of a core\n", idleWindow, 100*(processCPUOf(srv.pid)-cpu).Seconds()/idleWindow.Seconds())
	stopped, err := srv.stop()
	srv = nil
	fmt.Fprintf(b.out, "stop (nothing new since the restart): %s\n", stopped.Round(time.Millisecond))
	return err
}

// idleWindow is how long the memory benchmark watches the server idle.
const idleWindow = 10 * time.Second

// createBenchKey migrates a fresh database and makes the benchmark's key.
func createBenchKey(ctx context.Context, cfg config.Config) (string, error) {
	db, err := app.OpenDB(ctx, cfg, true)
	if err != nil {
		return "", err
	}
	defer db.Close()
	k, err := tenant.NewService(db, nil).CreateKey(ctx, tenant.CreateKeyParams{Tenant: "bench"})
	if err != nil {
		return "", err
	}
	return k.Secret, nil
}

// start runs "fathom serve" on dataDir and returns once it listens (it
// listens only after loading its data), with that time.
func (b *memoryBench) start(ctx context.Context, dataDir string) (*serveProcess, time.Duration, error) {
	o := serveOptions{logFile: b.serverLog, args: []string{"--data-dir", dataDir, "--sqlite-synchronous", b.synchronous, "--shutdown-timeout", "5m"}}
	if o.logFile == "" {
		o.logFile, o.logLevel = "-", slog.LevelWarn // warnings only, on stderr
	}
	b.starts++
	if b.profileDir != "" {
		o.args = append(o.args, "--cpuprofile", filepath.Join(b.profileDir, fmt.Sprintf("server-%d.pprof", b.starts)))
	}
	return startServeProcess(ctx, o)
}

// waitDirty waits until no conversation waits for analysis and no
// analysis job is left (the last one settles the issue types and saves the
// model after the last conversation is analysed).
func waitDirty(ctx context.Context, db *sqlite.DB) time.Duration {
	start := time.Now()
	for ctx.Err() == nil {
		n, err := db.ConversationCountDirty(ctx)
		if err == nil && n == 0 {
			err = db.Writer().QueryRowContext(ctx, `SELECT count(*) FROM river_job
WHERE kind = 'analyze_tenant' AND state IN ('available', 'running', 'retryable', 'scheduled')`).Scan(&n)
		}
		if err != nil || n == 0 {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	return time.Since(start)
}

// residentMemory reads VmRSS and VmHWM (peak resident) of process pid, in
// bytes, from /proc; zeros where there is no /proc.
func residentMemory(pid int) (rss, hwm int64) {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, 0
	}
	for _, line := range strings.Split(string(data), "\n") {
		var kb int64
		if n, _ := fmt.Sscanf(line, "VmRSS: %d kB", &kb); n == 1 {
			rss = kb << 10
		}
		if n, _ := fmt.Sscanf(line, "VmHWM: %d kB", &kb); n == 1 {
			hwm = kb << 10
		}
	}
	return rss, hwm
}

// processCPUOf is the processor time process pid has used, from
// /proc/PID/stat (utime and stime, in clock ticks of 1/100 s on Linux); 0
// where there is no /proc.
func processCPUOf(pid int) time.Duration {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0
	}
	// The command name, in parentheses, may hold spaces: fields count
	// from after it. utime and stime are fields 14 and 15.
	rest := string(data)
	if i := strings.LastIndexByte(rest, ')'); i >= 0 {
		rest = rest[i+1:]
	}
	f := strings.Fields(rest)
	if len(f) < 13 {
		return 0
	}
	var utime, stime int64
	fmt.Sscan(f[11], &utime)
	fmt.Sscan(f[12], &stime)
	return time.Duration(utime+stime) * 10 * time.Millisecond
}

func mib(b int64) string { return fmt.Sprintf("%.0f MiB", float64(b)/(1<<20)) }
