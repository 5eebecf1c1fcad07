package main

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/fathom-oss/fathom/internal/bench"
)

const benchSynopsis = `bench [flags]

Measures the Context API through HTTP: track throughput with requests of 10
messages, then similarity latency after seeding the tenant to each size in
--sizes. Without --url it starts its own server in a temporary directory
(same defaults as "fathom serve"), so the client and the server share this
machine's cores; with --url and --key it loads a running server.

--only meetings measures the meetings API on an in-process server instead:
GET /meetings latency at --meetings recordings (a domain and a team filter,
and the unfiltered first page; then, in a second workspace of that size, a
team member who can see 10 of its meetings), GET /search latency in one of
--search-tenants tenants, the import of --imports QMSum-sized transcripts
through the API (0: no import, no webhooks), and the time from the end of a
recording's processing to its webhook's first attempt.

--only memory runs "fathom serve" as a separate process on a temporary
directory, seeds it through the API to each size in --sizes, and reports
its resident memory (VmRSS, and VmHWM: the peak), the time it takes to stop
and to start again on the same data, and its memory and similarity latency
after the restart.

The servers bench starts itself run on SQLite (--only memory reads the
SQLite file); to measure PostgreSQL, start "fathom serve --database-url
postgres://..." and load it with --url and --key.`

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
	memProfile := fs.String("memprofile", "", "write a heap profile of this process (client and in-process server) to this file at the end")
	only := fs.String("only", "", `run only "track", "similarity", "meetings" or "memory"`)
	meetings := fs.Int("meetings", 100_000, "recordings to seed for --only meetings")
	imports := fs.Int("imports", 1000, "QMSum-sized transcripts to import for --only meetings (0: skip import and webhooks)")
	searchTenants := fs.Int("search-tenants", 100, "tenants of 50 meetings to search among for --only meetings (0: skip)")
	memDir := fs.String("dir", "", "for --only memory: a new data directory to use and keep (default: a temporary one)")
	serverLog := fs.String("server-log", "", "for --only memory: append the server's log (info level) to this file")
	qmsum := fs.String("qmsum", "../shared/data/qmsum", "QMSum folder for --only meetings")
	if err := parse(fs, args); err != nil {
		return err
	}
	stop, err := startCPUProfile(*profile)
	if err != nil {
		return err
	}
	defer stop()
	if *only == "meetings" {
		b := &meetingsBench{out: env.stdout, size: *meetings, imports: *imports, queries: *queries, qmsumDir: *qmsum,
			searchTenants: *searchTenants}
		return b.run(ctx)
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
	if *only == "memory" {
		if *url != "" {
			return fmt.Errorf("--only memory starts its own server; drop --url")
		}
		b := &memoryBench{out: out, corpus: corpus, sizes: counts, concurrency: *conc, queries: *queries, synchronous: *sync, dir: *memDir, serverLog: *serverLog}
		return b.run(ctx)
	}

	var local *localServer
	if *url == "" {
		var err error
		if local, err = startLocal(ctx, *sync, "bench", nil); err != nil {
			return err
		}
		defer local.close(ctx)
		*url, *key = local.url, local.key
		fmt.Fprintf(out, "server: in-process at %s, sqlite synchronous=%s\n", *url, *sync)
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
		if local != nil {
			backlog, _ := local.app.DB.ConversationCountDirty(ctx)
			cpu := processCPU()
			lag := local.waitAnalysed(ctx)
			fmt.Fprintf(out, "  analysis caught up %s after the load stopped%s\n", lag.Round(time.Millisecond), drainRate(backlog, 10, lag, processCPU()-cpu))
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
			if local != nil {
				backlog, _ := local.app.DB.ConversationCountDirty(ctx)
				cpu := processCPU()
				lag := local.waitAnalysed(ctx)
				fmt.Fprintf(out, "  analysis caught up %s after seeding%s\n", lag.Round(time.Millisecond), drainRate(backlog, 2, lag, processCPU()-cpu))
			}
		}
		bench.Similarity(ctx, target, corpus, "warm-up", 200, *simConc, 10)
		sr := bench.Similarity(ctx, target, corpus, fmt.Sprintf("similarity @%d", total), *queries, *simConc, 10)
		fmt.Fprintln(out, sr)
	}
	if *memProfile != "" { // while the in-process server still holds its data
		writeHeapProfile(env, *memProfile)
	}
	return nil
}

// drainRate describes how fast analysis drained the backlog left when a
// load stopped, with no request to yield to: conversations of size
// messages each, in took, using cpu of the server's processor time. The
// rate per CPU-second does not depend on what else the machine runs: on an
// idle core, where analysis runs unpaced, the two rates are the same.
func drainRate(backlog, size int, took, cpu time.Duration) string {
	if backlog == 0 || took <= 0 {
		return ""
	}
	msgs := float64(backlog * size)
	out := fmt.Sprintf(" (backlog of %d conversations: %.0f messages/s", backlog, msgs/took.Seconds())
	if cpu > 0 {
		out += fmt.Sprintf(", %.0f per CPU-second of the server", msgs/cpu.Seconds())
	}
	return out + ")"
}

// processCPU is the processor time this process has used (user and
// system), 0 where the platform does not say.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
