package main

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/fathom-oss/fathom/internal/bench"
	"github.com/fathom-oss/fathom/internal/config"
)

const benchSynopsis = `bench [flags]

Measures the Context API through HTTP: track throughput with requests of 10
messages, then similarity latency after seeding the tenant to each size in
--sizes. Without --url it starts its own server in a temporary directory
(same defaults as "fathom serve"), so the client and the server share this
machine's cores; with --url and --key it loads a running server. Beside
the track load a probe conversation is tracked every 250 ms and timed until
similarity lists it (and, on its own server, until it is analysed). With
--track-rate N the track load is offered at N requests a second, open loop
(sent when due whatever the earlier answers), and the achieved rate is
reported beside it.

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
and to start again on the same data, its memory and similarity latency after
the restart, and the share of a core it spends idle for 10 s after that.

--engines sqlite,postgres runs the same measurements (track and
similarity, or --only meetings) on an in-process server on each engine in
turn, in one run, and ends with a table of both side by side. For
PostgreSQL it creates a throwaway database on the server at --postgres-url
and drops it at the end.

--only servers starts 1, 2 and 3 (--servers) "fathom serve" processes of
this binary on free ports, each time on a new throwaway PostgreSQL
database, and measures the track throughput of a load spread evenly over
them, then the cross-server visibility lag: a conversation tracked through
one server, polled with similarity on every other until it is listed,
while --lag-rate conversations a second are tracked in the background;
and for the same probes, how long until each is analysed and until every
other server counts it in its issue types.

"fathom bench reliability" runs the reliability suite instead: attacks on
a real server process, each against its bound ("fathom bench reliability
--help").`

func runBench(ctx context.Context, env *environment, args []string) error {
	if len(args) > 0 && args[0] == "reliability" {
		return runReliability(ctx, env, args[1:])
	}
	fs := flagSet(env, "bench", benchSynopsis)
	url := fs.String("url", "", "server to load (default: start one in-process)")
	key := secretString(fs, env, "key", "FATHOM_API_KEY", "API `key` for --url")
	data := fs.String("data", "../shared/data/banking77", "BANKING77 folder for realistic text (generated text if absent)")
	sizes := fs.String("sizes", "10000,100000", "conversation counts at which to measure similarity")
	conc := fs.Int("concurrency", 32, "concurrent clients for track and seeding")
	trackFor := fs.Duration("track-duration", 10*time.Second, "how long to measure track throughput")
	trackRate := fs.Int("track-rate", 0, "track requests a second, open loop, instead of --concurrency clients as fast as they go (0: as fast as they go)")
	queries := fs.Int("queries", 2000, "similarity queries per size")
	simConc := fs.Int("similarity-concurrency", 1, "concurrent similarity clients")
	sync := fs.String("sqlite-synchronous", "full", "durability of the in-process server: full or normal")
	profile := fs.String("cpuprofile", "", "write a CPU profile of this process (client and in-process server) to this file")
	memProfile := fs.String("memprofile", "", "write a heap profile of this process (client and in-process server) to this file at the end")
	only := fs.String("only", "", `run only "track", "similarity", "meetings", "memory" or "servers"`)
	meetings := fs.Int("meetings", 100_000, "recordings to seed for --only meetings")
	imports := fs.Int("imports", 1000, "QMSum-sized transcripts to import for --only meetings (0: skip import and webhooks)")
	searchTenants := fs.Int("search-tenants", 100, "tenants of 50 meetings to search among for --only meetings (0: skip)")
	memDir := fs.String("dir", "", "for --only memory: a new data directory to use and keep (default: a temporary one)")
	serverLog := fs.String("server-log", "", "for --only memory and servers: append the servers' log (info level) to this file")
	qmsum := fs.String("qmsum", "../shared/data/qmsum", "QMSum folder for --only meetings")
	engineList := fs.String("engines", config.EngineSQLite, `databases of the servers bench starts, in turn, in one run: "sqlite", "postgres" or "sqlite,postgres"`)
	pgURL := fs.String("postgres-url", defaultBenchPostgres, "PostgreSQL server on which --engines postgres and --only servers create a throwaway database (dropped at the end)")
	servers := fs.String("servers", "1,2,3", "for --only servers: numbers of fathom serve processes to measure, in turn")
	lagProbes := fs.Int("lag-probes", 100, "for --only servers: conversations whose visibility on the other servers is timed")
	lagRate := fs.Int("lag-rate", 100, "for --only servers: background conversations of 10 messages tracked per second while lag is timed (0: none)")
	embeddings := fs.String("embeddings-model-dir", "", "static embedding model (Model2Vec directory or .vec file) of the in-process server: similarity with vectors on")
	byMeaning := fs.Bool("issue-types-by-meaning", false, "with --embeddings-model-dir: the in-process server also groups issue types by the vectors' meaning")
	serverPool := fs.Int("server-pool", 0, "for --only servers: each server's PostgreSQL connections (pool_max_conns; 0: the server's default of 16)")
	serverProfiles := fs.String("server-profile", "", "for --only servers and memory: a directory into which each server process writes its CPU profile (server-N.pprof, from its start to its stop)")
	serverArgs := fs.String("server-args", "", `for --only servers: more flags for each "fathom serve", separated by spaces (such as "--analysis-duty 1")`)
	if err := parse(fs, args); err != nil {
		return err
	}
	stopProfile, err := startCPUProfile(*profile)
	if err != nil {
		return err
	}
	defer stopProfile()
	engines, err := parseEngines(*engineList)
	if err != nil {
		return err
	}
	if *url != "" && *embeddings != "" {
		return fmt.Errorf("--embeddings-model-dir applies to the server bench starts; give it to the server with --url")
	}
	if *byMeaning && *embeddings == "" {
		return fmt.Errorf("--issue-types-by-meaning needs --embeddings-model-dir (the vectors it groups by)")
	}
	if *url != "" && *engineList != config.EngineSQLite {
		return fmt.Errorf("--engines applies to the servers bench starts; drop it with --url")
	}
	if *only == "meetings" {
		return benchMeetingsOn(ctx, env.stdout, engines, *pgURL, func() *meetingsBench {
			return &meetingsBench{out: env.stdout, size: *meetings, imports: *imports, queries: *queries, qmsumDir: *qmsum,
				searchTenants: *searchTenants}
		})
	}
	counts, err := positiveList("sizes", *sizes)
	if err != nil {
		return err
	}
	serverCounts, err := positiveList("servers", *servers)
	if err != nil {
		return err
	}
	corpus := bench.LoadCorpus(*data)
	out := env.stdout
	fmt.Fprintf(out, "corpus: %s\n", corpus.Source)
	if *only == "memory" {
		if *url != "" || engines[0] != config.EngineSQLite || len(engines) > 1 {
			return fmt.Errorf("--only memory starts its own server on SQLite; drop --url and --engines")
		}
		b := &memoryBench{out: out, corpus: corpus, sizes: counts, concurrency: *conc, queries: *queries, synchronous: *sync, dir: *memDir, serverLog: *serverLog, profileDir: *serverProfiles}
		return b.run(ctx)
	}
	if *only == "servers" {
		b := &serversBench{out: out, corpus: corpus, servers: serverCounts, adminURL: *pgURL, concurrency: *conc, trackFor: *trackFor,
			probes: *lagProbes, lagRate: *lagRate, serverLog: *serverLog, serverPool: *serverPool, serverArgs: strings.Fields(*serverArgs),
			profileDir: *serverProfiles}
		return b.run(ctx)
	}
	if *trackRate < 0 {
		return fmt.Errorf("--track-rate must be 0 or more, got %d", *trackRate)
	}
	b := &contextBench{out: out, corpus: corpus, sizes: counts, only: *only, concurrency: *conc, trackFor: *trackFor, trackRate: *trackRate,
		queries: *queries, simConcurrency: *simConc, synchronous: *sync, url: *url, key: *key, embeddings: *embeddings, byMeaning: *byMeaning}
	if *memProfile != "" {
		b.beforeClose = func() { writeHeapProfile(env, *memProfile) }
	}
	if *url != "" {
		if *key == "" {
			return fmt.Errorf("--key (or FATHOM_API_KEY) is required with --url")
		}
		return b.run(ctx)
	}
	table := newSideBySide(engines...)
	for _, e := range engines {
		if len(engines) > 1 {
			fmt.Fprintf(out, "\n== %s\n", e)
		}
		db, err := openBenchDatabase(ctx, e, *pgURL)
		if err != nil {
			return err
		}
		b.db, b.table, b.column = db, table, e
		err = b.run(ctx)
		db.drop()
		if err != nil {
			return fmt.Errorf("%s: %w", e, err)
		}
	}
	table.print(out, "side by side (same run):")
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

// positiveList reads a comma-separated list of positive numbers for flag.
func positiveList(flag, s string) ([]int, error) {
	var out []int
	for _, f := range strings.Split(s, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || n <= 0 {
			return nil, fmt.Errorf("--%s: %q is not a positive number", flag, f)
		}
		out = append(out, n)
	}
	return out, nil
}
