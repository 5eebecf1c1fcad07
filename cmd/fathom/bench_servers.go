package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/fathom-oss/fathom/internal/app"
	"github.com/fathom-oss/fathom/internal/bench"
	"github.com/fathom-oss/fathom/internal/config"
	"github.com/fathom-oss/fathom/internal/store"
)

// serversBench measures several "fathom serve" processes of this binary on
// one PostgreSQL database, as a load balancer in front of them would see
// them: the track throughput of a load spread evenly over them, and how
// long a conversation tracked through one takes to be found by similarity
// on the others. Each server count gets a new database, so that every
// count starts from the same empty state.
type serversBench struct {
	out         io.Writer
	corpus      *bench.Corpus
	servers     []int // server counts to measure, in turn
	adminURL    string
	concurrency int
	trackFor    time.Duration
	probes      int // lag probes per server count
	lagRate     int // background conversations per second while lag is timed
	serverLog   string
	serverPool  int      // each server's PostgreSQL pool (pool_max_conns); 0: the server's default
	serverArgs  []string // more flags for each server
	exe         string   // the fathom binary to run; "" for this one
	profileDir  string   // where each server writes its CPU profile; "": none
	// table holds the figures of the last run.
	table *sideBySide
}

// lagPoll is how often a server is asked whether it lists a probe: short
// beside the lag measured (the change feed is read every 150 ms by
// default), long enough not to load the servers much.
const lagPoll = 20 * time.Millisecond

// lagTimeout is how long a probe is waited for before it counts as missed.
const lagTimeout = 30 * time.Second

func (b *serversBench) run(ctx context.Context) error {
	var columns []string
	for _, n := range b.servers {
		columns = append(columns, fmt.Sprintf("%d server%s", n, plural(n)))
	}
	table := newSideBySide(columns...)
	b.table = table
	for i, n := range b.servers {
		db, err := openBenchDatabase(ctx, config.EnginePostgres, b.adminURL)
		if err != nil {
			return err
		}
		fmt.Fprintf(b.out, "\n== %s on one database: %s\n", columns[i], db)
		dbURL, drop := db.url, db.drop
		err = b.measure(ctx, n, dbURL, table, columns[i])
		drop()
		if err != nil {
			return err
		}
	}
	table.print(b.out, "side by side (same run, a new database for each count):")
	return nil
}

// measure starts n servers on dbURL and measures them.
func (b *serversBench) measure(ctx context.Context, n int, dbURL string, table *sideBySide, column string) error {
	cfg := config.Default()
	cfg.DatabaseURL = dbURL
	key, err := createBenchKey(ctx, cfg)
	if err != nil {
		return err
	}
	// The benchmark reads the database only to see when analysis has
	// caught up.
	db, err := app.OpenDB(ctx, cfg, false)
	if err != nil {
		return err
	}
	defer db.Close()
	dir, err := os.MkdirTemp("", "fathom-bench-servers-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	var servers []*serveProcess
	defer func() {
		for _, s := range servers {
			_, _ = s.stop()
		}
	}()
	var targets []bench.Target
	var logs []string
	defer func() { reportServerErrors(b.out, logs) }()
	for i := range n {
		// Each server's warnings and errors go to a file of its own unless
		// --server-log asks for one log of everything.
		o := serveOptions{exe: b.exe, logFile: b.serverLog, args: append([]string{"--database-url", withPoolSize(dbURL, b.serverPool),
			"--data-dir", filepath.Join(dir, fmt.Sprintf("server-%d", i)), "--shutdown-timeout", "5m"}, b.serverArgs...)}
		if b.profileDir != "" {
			o.args = append(o.args, "--cpuprofile", filepath.Join(b.profileDir, fmt.Sprintf("server-%d.pprof", i+1)))
		}
		if o.logFile == "" {
			o.logFile, o.logLevel = filepath.Join(dir, fmt.Sprintf("server-%d.log", i+1)), slog.LevelWarn
			logs = append(logs, o.logFile)
		}
		s, started, err := startServeProcess(ctx, o)
		if err != nil {
			return fmt.Errorf("server %d: %w", i+1, err)
		}
		servers = append(servers, s)
		// Each server gets its share of the clients' connections.
		targets = append(targets, bench.NewTarget(s.url, key, max(1, b.concurrency/n)))
		fmt.Fprintf(b.out, "server %d: %s, started in %s\n", i+1, s.url, started.Round(time.Millisecond))
	}
	run := fmt.Sprintf("%d", time.Now().UnixNano())

	r := bench.TrackAcross(ctx, targets, b.corpus, "bench-servers-"+run, b.concurrency, b.trackFor)
	fmt.Fprintln(b.out, r)
	fmt.Fprintf(b.out, "  = %.0f messages/s stored, %.0f requests/s per server\n", r.Throughput*10, r.Throughput/float64(n))
	table.addResult(column, "track (10 messages), all servers together", r, true)
	backlog, _ := db.ConversationCountDirty(ctx)
	lag := waitStoreAnalysed(ctx, db)
	fmt.Fprintf(b.out, "  analysis caught up %s after the load stopped (backlog of %d conversations)\n", lag.Round(time.Millisecond), backlog)
	table.add(column, "analysis caught up after the track load", lag.Round(100*time.Millisecond).String())

	name := "visibility lag, other servers"
	if n == 1 {
		name = "visibility lag, same server"
	}
	bg, stopBG := context.WithCancel(ctx)
	type paced struct{ acked, failed int }
	done := make(chan paced, 1)
	go func() {
		a, f := bench.Paced(bg, targets, b.corpus, "bench-servers-bg-"+run, b.lagRate)
		done <- paced{a, f}
	}()
	// The same probes, analysed (stored, as the database says) and counted
	// in the issue types of the servers polled, timed in the background
	// while the load goes on.
	tenantID, err := benchTenant(ctx, db)
	if err != nil {
		stopBG()
		<-done
		return err
	}
	analysed := bench.NewAnalysisLag(func(ctx context.Context, id string) (bool, error) {
		c, err := db.ConversationGetByExternalID(ctx, tenantID, id)
		if err != nil {
			return false, err
		}
		return c.MessageCount > 0 && c.AnalyzedCount == c.MessageCount, nil
	}, 50*time.Millisecond, knowledgeLagTimeout)
	typed := bench.NewKnowledgeLag(lagPoll, knowledgeLagTimeout)
	lr := bench.VisibilityLagWatched(ctx, targets, b.corpus, name, "bench-servers-probe-"+run, b.probes, lagPoll, lagTimeout,
		func(readers []bench.Target, id string, acked time.Time) {
			analysed.Watch(ctx, id, acked)
			typed.Watch(ctx, readers, id, acked)
		})
	ar := analysed.Result("analysed (stored)")
	kr := typed.Result("in the issue types, " + strings.TrimPrefix(name, "visibility lag, "))
	stopBG()
	p := <-done
	fmt.Fprintln(b.out, lr)
	fmt.Fprintln(b.out, ar)
	fmt.Fprintln(b.out, kr)
	fmt.Fprintf(b.out, "  while %d conversations of 10 messages were tracked in the background (%d failed; asked: %d a second)\n",
		p.acked, p.failed, b.lagRate)
	row, krow := "visibility lag, written on one server, found on another", "issue types lag, written on one server, counted on another"
	if n == 1 {
		row, krow = "visibility lag, written and found on the one server", "issue types lag, written and counted on the one server"
	}
	table.add(column, row, fmt.Sprintf("p50 %s, p99 %s (%d seen, %d missed)", fmtDuration(lr.P50), fmtDuration(lr.P99), lr.Observations, lr.Missed))
	table.add(column, "analysis lag of the same probes (stored)", fmt.Sprintf("p50 %s, p99 %s (%d analysed, %d not within %s)",
		fmtDuration(ar.P50), fmtDuration(ar.P99), ar.Observations, ar.Missed, knowledgeLagTimeout))
	table.add(column, krow, fmt.Sprintf("p50 %s, p99 %s (%d counted, %d not within %s)",
		fmtDuration(kr.P50), fmtDuration(kr.P99), kr.Observations, kr.Missed, knowledgeLagTimeout))
	return nil
}

// knowledgeLagTimeout is how long a probe's analysis, and its count in the
// issue types, are waited for: analysis may lag the load by much more
// than the index does.
const knowledgeLagTimeout = 2 * time.Minute

// benchTenant is the id of the one tenant createBenchKey made.
func benchTenant(ctx context.Context, db store.Store) (int64, error) {
	tenants, err := db.TenantList(ctx)
	if err != nil {
		return 0, err
	}
	if len(tenants) != 1 {
		return 0, fmt.Errorf("bench database: %d tenants, want the bench's one", len(tenants))
	}
	return tenants[0].ID, nil
}

// waitStoreAnalysed waits until no conversation waits for analysis, as
// the database says (the servers are other processes), and returns how
// long that took.
func waitStoreAnalysed(ctx context.Context, db store.Store) time.Duration {
	start := time.Now()
	for ctx.Err() == nil {
		n, err := db.ConversationCountDirty(ctx)
		if err != nil || n == 0 {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	return time.Since(start)
}

// reportServerErrors prints the errors the servers logged, leaving out
// the requests the load generator itself cut when its time was up.
func reportServerErrors(out io.Writer, logs []string) {
	for i, path := range logs {
		data, err := os.ReadFile(path)
		if err != nil {
			continue
		}
		var errs []string
		cut := 0
		for _, line := range strings.Split(string(data), "\n") {
			switch {
			case !strings.Contains(line, "level=ERROR"):
			case strings.Contains(line, "context canceled"):
				cut++
			default:
				errs = append(errs, line)
			}
		}
		if len(errs) > 0 || cut > 0 {
			fmt.Fprintf(out, "server %d logged %d errors, and %d requests cut by the load generator at the end of its time\n", i+1, len(errs), cut)
		}
		for _, e := range errs[:min(5, len(errs))] {
			fmt.Fprintf(out, "  %s\n", e)
		}
	}
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// withPoolSize returns dbURL with its pool sized to n connections (n > 0),
// so that several servers fit a PostgreSQL's max_connections.
func withPoolSize(dbURL string, n int) string {
	if n <= 0 {
		return dbURL
	}
	u, err := url.Parse(dbURL)
	if err != nil {
		return dbURL
	}
	q := u.Query()
	q.Set("pool_max_conns", strconv.Itoa(n))
	u.RawQuery = q.Encode()
	return u.String()
}
