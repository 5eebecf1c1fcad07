package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"runtime/pprof"
	"strconv"
	"strings"
	"time"

	"github.com/fathom-oss/fathom/internal/app"
	"github.com/fathom-oss/fathom/internal/bench"
	"github.com/fathom-oss/fathom/internal/config"
	"github.com/fathom-oss/fathom/internal/tenant"
)

const benchSynopsis = `bench [flags]

Measures the Context API through HTTP: track throughput with requests of 10
messages, then similarity latency after seeding the tenant to each size in
--sizes. Without --url it starts its own server in a temporary directory
(same defaults as "fathom serve"), so the client and the server share this
machine's cores; with --url and --key it loads a running server.`

func runBench(ctx context.Context, env *environment, args []string) error {
	fs := flagSet(env, "bench", benchSynopsis)
	url := fs.String("url", "", "server to load (default: start one in-process)")
	key := fs.String("key", env.getenv("FATHOM_API_KEY"), "API key for --url (env FATHOM_API_KEY)")
	data := fs.String("data", "../shared/data/banking77", "BANKING77 folder for realistic text (generated text if absent)")
	sizes := fs.String("sizes", "10000,100000", "conversation counts at which to measure similarity")
	conc := fs.Int("concurrency", 32, "concurrent clients for track and seeding")
	trackFor := fs.Duration("track-duration", 10*time.Second, "how long to measure track throughput")
	queries := fs.Int("queries", 2000, "similarity queries per size")
	simConc := fs.Int("similarity-concurrency", 1, "concurrent similarity clients")
	sync := fs.String("sqlite-synchronous", "full", "durability of the in-process server: full or normal")
	profile := fs.String("cpuprofile", "", "write a CPU profile of this process (client and in-process server) to this file")
	only := fs.String("only", "", `run only "track" or "similarity"`)
	if err := parse(fs, args); err != nil {
		return err
	}
	if *profile != "" {
		f, err := os.Create(*profile)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
		defer pprof.StopCPUProfile()
	}
	var counts []int
	for _, s := range strings.Split(*sizes, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || n <= 0 {
			return fmt.Errorf("--sizes: %q is not a positive number", s)
		}
		counts = append(counts, n)
	}
	corpus := bench.LoadCorpus(*data)
	out := env.stdout
	fmt.Fprintf(out, "corpus: %s\n", corpus.Source)

	var a *app.App
	if *url == "" {
		dir, err := os.MkdirTemp("", "fathom-bench-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(dir)
		cfg := config.Default()
		cfg.Addr, cfg.DataDir, cfg.BootstrapKey, cfg.SQLiteSynchronous = "127.0.0.1:0", filepath.Join(dir, "data"), false, *sync
		a = app.New(cfg, slog.New(slog.NewTextHandler(io.Discard, nil)), io.Discard)
		if err := a.Open(ctx); err != nil {
			return err
		}
		defer a.Close(context.WithoutCancel(ctx))
		k, err := a.Tenants.CreateKey(ctx, tenant.CreateKeyParams{Tenant: "bench"})
		if err != nil {
			return err
		}
		*url, *key = "http://"+a.Addr(), k.Secret
		fmt.Fprintf(out, "server: in-process at %s, sqlite synchronous=%s, %d workers\n", *url, *sync, cfg.Workers)
	} else if *key == "" {
		return fmt.Errorf("--key (or FATHOM_API_KEY) is required with --url")
	}
	target := bench.NewTarget(*url, *key, *conc)
	run := fmt.Sprintf("%d", time.Now().UnixNano())

	total := 0
	if *only != "similarity" {
		r := bench.Track(ctx, target, corpus, "bench-track-"+run, *conc, *trackFor)
		fmt.Fprintln(out, r)
		fmt.Fprintf(out, "  = %.0f messages/s stored\n", r.Throughput*10)
		total = r.Requests
		if a != nil {
			lag := waitAnalysed(ctx, a)
			fmt.Fprintf(out, "  analysis caught up %s after the load stopped\n", lag.Round(time.Millisecond))
		}
	}
	if *only == "track" {
		return nil
	}
	for _, n := range counts {
		if n > total {
			s := bench.Seed(ctx, target, corpus, fmt.Sprintf("bench-seed-%s-%d", run, n), n-total, *conc)
			fmt.Fprintln(out, s)
			total = n
			if a != nil {
				lag := waitAnalysed(ctx, a)
				fmt.Fprintf(out, "  analysis caught up %s after seeding\n", lag.Round(time.Millisecond))
			}
		}
		bench.Similarity(ctx, target, corpus, "warm-up", 200, *simConc, 10)
		sr := bench.Similarity(ctx, target, corpus, fmt.Sprintf("similarity @%d", total), *queries, *simConc, 10)
		fmt.Fprintln(out, sr)
	}
	return nil
}

// waitAnalysed waits until the in-process server has no conversation left
// to analyse and returns how long that took.
func waitAnalysed(ctx context.Context, a *app.App) time.Duration {
	start := time.Now()
	for ctx.Err() == nil {
		n, err := a.DB.ConversationCountDirty(ctx)
		if err != nil || n == 0 {
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
	return time.Since(start)
}
