package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"time"

	"github.com/fathom-oss/fathom/client"
	"github.com/fathom-oss/fathom/internal/bench"
	"github.com/fathom-oss/fathom/internal/config"
	"github.com/fathom-oss/fathom/internal/fathom"
	"github.com/fathom-oss/fathom/internal/meeting"
	"github.com/fathom-oss/fathom/internal/tenant"
)

// meetingsBench measures the meetings API on an in-process server: list
// latency at a size (for a viewer who sees much and one who sees 10),
// search latency among many tenants, import time of QMSum-sized
// transcripts, and webhook latency after processing.
type meetingsBench struct {
	out      io.Writer
	size     int
	imports  int
	queries  int
	qmsumDir string
	// searchTenants is how many tenants the search is measured among (0:
	// not measured).
	searchTenants int
	// db is the server's database: nil for SQLite in its temporary
	// directory.
	db *benchDatabase
	// table, when not nil, receives the figures under column.
	table  *sideBySide
	column string
}

// benchMeetingsOn runs the meetings benchmark that newBench makes on each
// engine in turn, then prints the figures side by side.
func benchMeetingsOn(ctx context.Context, out io.Writer, engines []string, adminURL string, newBench func() *meetingsBench) error {
	table := newSideBySide(engines...)
	for _, e := range engines {
		if len(engines) > 1 {
			fmt.Fprintf(out, "\n== %s\n", e)
		}
		db, err := openBenchDatabase(ctx, e, adminURL)
		if err != nil {
			return err
		}
		b := newBench()
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

func (b *meetingsBench) run(ctx context.Context) error {
	local, err := startLocal(ctx, "full", "bench", func(c *config.Config) {
		c.MeetingsRateLimit, c.MeetingsHeavyRateLimit, c.AllowPrivateTargets = 0, 0, true
		if b.db != nil {
			c.DatabaseURL = b.db.url
		}
	})
	if err != nil {
		return err
	}
	defer local.close(ctx)
	where := "sqlite synchronous=full"
	if b.db != nil && b.db.engine == config.EnginePostgres {
		where = b.db.String()
	}
	fmt.Fprintf(b.out, "server: in-process at %s, %s\n", local.url, where)
	if err := b.list(ctx, local); err != nil {
		return err
	}
	if err := b.search(ctx, local); err != nil {
		return err
	}
	if b.imports <= 0 {
		return nil
	}
	if err := b.importQMSum(ctx, local); err != nil {
		return err
	}
	return b.webhooks(ctx, local)
}

// list seeds the size and measures pages of 10 with a domain and a team
// filter, the target, beside unfiltered first and deep pages.
func (b *meetingsBench) list(ctx context.Context, local *localServer) error {
	a := local.app
	t, err := a.DB.TenantGetByName(ctx, "bench")
	if err != nil {
		return err
	}
	start := time.Now()
	ws, err := bench.SeedMeetings(ctx, a.DB, a.Meetings, t.ID, b.size)
	if err != nil {
		return err
	}
	fmt.Fprintf(b.out, "seeded %d meetings in %s\n", b.size, time.Since(start).Round(time.Millisecond))
	k, err := a.Tenants.CreateKey(ctx, tenantKey("bench", ws.Viewer))
	if err != nil {
		return err
	}
	target := bench.NewTarget(local.url, k.Secret, 1)
	filtered := bench.FilteredQueries(ws, 500)
	bench.ListMeetings(ctx, target, "warm-up", filtered, 200, 1)
	b.report(fmt.Sprintf("GET /meetings, domain + team filter, at %d", b.size),
		bench.ListMeetings(ctx, target, fmt.Sprintf("meetings domain+team @%d", b.size), filtered, b.queries, 1))
	b.report(fmt.Sprintf("GET /meetings, first page, at %d", b.size),
		bench.ListMeetings(ctx, target, fmt.Sprintf("meetings first page @%d", b.size), []string{""}, b.queries, 1))
	return b.listQuiet(ctx, local)
}

// listQuiet measures, in a second workspace of the same size where no
// meeting is shared with every team, the list of a team member who can see
// 10 of its meetings: the first page, unfiltered and with a domain and a
// team filter.
func (b *meetingsBench) listQuiet(ctx context.Context, local *localServer) error {
	a := local.app
	k, err := a.Tenants.CreateKey(ctx, tenantKey("bench-quiet", "owner@acme.com"))
	if err != nil {
		return err
	}
	start := time.Now()
	ws, err := bench.SeedQuietMeetings(ctx, a.DB, a.Meetings, k.Key.TenantID, b.size)
	if err != nil {
		return err
	}
	fmt.Fprintf(b.out, "seeded %d meetings of a second workspace in %s\n", b.size, time.Since(start).Round(time.Millisecond))
	if k, err = a.Tenants.CreateKey(ctx, tenantKey("bench-quiet", ws.Viewer)); err != nil {
		return err
	}
	target := bench.NewTarget(local.url, k.Secret, 1)
	filtered := bench.FilteredQueries(ws, 500)
	bench.ListMeetings(ctx, target, "warm-up", []string{""}, 20, 1)
	b.report(fmt.Sprintf("GET /meetings, sees 10, first page, at %d", b.size),
		bench.ListMeetings(ctx, target, fmt.Sprintf("meetings sees 10, first page @%d", b.size), []string{""}, b.queries, 1))
	b.report(fmt.Sprintf("GET /meetings, sees 10, domain + team filter, at %d", b.size),
		bench.ListMeetings(ctx, target, fmt.Sprintf("meetings sees 10, domain+team @%d", b.size), filtered, b.queries, 1))
	return nil
}

// search measures GET /search in one tenant of many: searchTenants tenants
// of 50 meetings of 40 utterances.
func (b *meetingsBench) search(ctx context.Context, local *localServer) error {
	if b.searchTenants <= 0 {
		return nil
	}
	a := local.app
	start := time.Now()
	ws, err := bench.SeedSearchTenants(ctx, a.DB, b.searchTenants, 50, 40)
	if err != nil {
		return err
	}
	fmt.Fprintf(b.out, "seeded %d tenants of 50 meetings of 40 utterances (%d utterances, indexed in windows of three) in %s\n",
		b.searchTenants, b.searchTenants*50*40, time.Since(start).Round(time.Millisecond))
	t, err := a.DB.TenantGet(ctx, ws.TenantID)
	if err != nil {
		return err
	}
	k, err := a.Tenants.CreateKey(ctx, tenantKey(t.Name, ws.Viewer))
	if err != nil {
		return err
	}
	target := bench.NewTarget(local.url, k.Secret, 1)
	bench.SearchMeetings(ctx, target, "warm-up", ws.Queries, 20)
	for _, q := range ws.Queries {
		b.report(fmt.Sprintf("GET /search %q, 1 tenant of %d", q, b.searchTenants),
			bench.SearchMeetings(ctx, target, fmt.Sprintf("search %q, 1 tenant of %d", q, b.searchTenants), []string{q}, b.queries/10))
	}
	return nil
}

// importQMSum writes b.imports copies of the QMSum meetings (each made
// distinct) and imports them through the API as `fathom import` does.
func (b *meetingsBench) importQMSum(ctx context.Context, local *localServer) error {
	files, err := filepath.Glob(filepath.Join(b.qmsumDir, "*.json"))
	if err != nil || len(files) == 0 {
		fmt.Fprintf(b.out, "import: skipped, no QMSum files in %s\n", b.qmsumDir)
		return nil
	}
	dir, err := os.MkdirTemp("", "fathom-import-bench-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	var bytes int64
	var paths []string
	for i := range b.imports {
		src, err := os.ReadFile(files[i%len(files)])
		if err != nil {
			return err
		}
		var doc map[string]any
		if err := json.Unmarshal(src, &doc); err != nil {
			return err
		}
		doc["copy"] = i // a distinct file, so a distinct recording
		out, _ := json.Marshal(doc)
		p := filepath.Join(dir, fmt.Sprintf("meeting-%04d.json", i))
		if err := os.WriteFile(p, out, 0o600); err != nil {
			return err
		}
		bytes += int64(len(out))
		paths = append(paths, p)
	}
	k, err := local.app.Tenants.CreateKey(ctx, tenantKey("import-bench", "importer@acme.com"))
	if err != nil {
		return err
	}
	c, err := client.New(client.WithBaseURL(local.url), client.WithAPIKey(k.Secret), client.WithRateLimit(0, 0))
	if err != nil {
		return err
	}
	imp := &importer{c: c, progress: newProgress(io.Discard, len(paths))}
	start := time.Now()
	imp.run(ctx, paths, 4)
	took := time.Since(start)
	fmt.Fprintf(b.out, "import: %d QMSum-sized transcripts (%.1f MB) in %s = %.0f files/s; %d new, %d failed\n",
		len(paths), float64(bytes)/1e6, took.Round(time.Millisecond), float64(len(paths))/took.Seconds(), imp.created.Load(), len(imp.failures))
	for _, f := range imp.failures[:min(3, len(imp.failures))] {
		fmt.Fprintf(b.out, "  %s\n", f)
	}
	lag := waitProcessed(ctx, local)
	fmt.Fprintf(b.out, "  processing (language, summary, action items) caught up %s after the import\n", lag.Round(time.Millisecond))
	if b.table != nil {
		b.table.add(b.column, fmt.Sprintf("import of %d QMSum-sized transcripts", len(paths)),
			fmt.Sprintf("%.0f files/s, processed %s later", float64(len(paths))/took.Seconds(), lag.Round(100*time.Millisecond)))
	}
	return nil
}

// webhooks measures, for meetings ingested one after another, the time
// from the end of processing to the start of the webhook's first attempt
// and to its arrival.
func (b *meetingsBench) webhooks(ctx context.Context, local *localServer) error {
	const n = 50
	var mu sync.Mutex
	arrived := map[string]time.Time{}
	done := make(chan struct{}, n)
	rcv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		arrived[r.Header.Get("webhook-id")] = time.Now()
		mu.Unlock()
		done <- struct{}{}
	}))
	defer rcv.Close()
	a := local.app
	k, err := a.Tenants.CreateKey(ctx, tenantKey("webhook-bench", "hooks@acme.com"))
	if err != nil {
		return err
	}
	caller, err := a.Meetings.Caller(ctx, &fathom.Principal{TenantID: k.Key.TenantID, UserID: k.Key.UserID}, false)
	if err != nil {
		return err
	}
	hook, err := a.Meetings.CreateWebhook(ctx, caller, meeting.WebhookParams{URL: rcv.URL, TriggeredFor: []string{fathom.TriggerMyRecordings},
		Include: fathom.Include{Summary: true, ActionItems: true}})
	if err != nil {
		return err
	}
	item := fathom.TranscriptItem{Speaker: "Alice", Text: "I will send the notes tomorrow.", At: time.Second}
	for range n {
		if _, _, err := a.Meetings.Ingest(ctx, caller, meeting.IngestParams{Transcript: []fathom.TranscriptItem{item}}); err != nil {
			return err
		}
		select {
		case <-done:
		case <-time.After(30 * time.Second):
			return fmt.Errorf("webhook bench: a delivery did not arrive within 30 s")
		}
	}
	// The receiver may answer before the sender has logged the attempt.
	var logs []*meeting.DeliveryLog
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(10 * time.Millisecond) {
		if logs, err = a.Meetings.Deliveries(ctx, caller, hook.ID, 0, n); err != nil {
			return err
		}
		if allAttempted(logs) || time.Now().After(deadline) {
			break
		}
	}
	var toAttempt, toArrival []time.Duration
	for _, d := range logs {
		m, err := a.DB.MeetingGet(ctx, d.TenantID, d.MeetingID)
		if err != nil || m.ProcessedAt == nil || len(d.Attempts) == 0 {
			return fmt.Errorf("webhook bench: delivery %d has no processing time or attempt", d.ID)
		}
		toAttempt = append(toAttempt, d.Attempts[0].At.Sub(*m.ProcessedAt))
		mu.Lock()
		toArrival = append(toArrival, arrived[d.MessageID].Sub(*m.ProcessedAt))
		mu.Unlock()
	}
	fmt.Fprintf(b.out, "webhooks: %d deliveries; processing end → first attempt p50 %s p99 %s; → arrival p50 %s max %s\n",
		len(logs), pctl(toAttempt, 0.5), pctl(toAttempt, 0.99), pctl(toArrival, 0.5), pctl(toArrival, 1))
	if b.table != nil {
		b.table.add(b.column, "processing end → first webhook attempt", fmt.Sprintf("p50 %s, p99 %s", pctl(toAttempt, 0.5), pctl(toAttempt, 0.99)))
	}
	return nil
}

// report prints a list measurement and adds it to the table under row.
func (b *meetingsBench) report(row string, r bench.Result) {
	fmt.Fprintln(b.out, r)
	if b.table != nil {
		b.table.addResult(b.column, row, r, false)
	}
}

func allAttempted(logs []*meeting.DeliveryLog) bool {
	for _, d := range logs {
		if len(d.Attempts) == 0 {
			return false
		}
	}
	return true
}

func pctl(ds []time.Duration, p float64) time.Duration {
	s := slices.Clone(ds)
	slices.Sort(s)
	return s[int(float64(len(s)-1)*p)].Round(time.Millisecond)
}

// waitProcessed waits until no processing job is left and returns how
// long that took.
func waitProcessed(ctx context.Context, local *localServer) time.Duration {
	start := time.Now()
	for ctx.Err() == nil {
		n, err := local.app.DB.MeetingCountProcessing(ctx)
		if err != nil || n == 0 {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	return time.Since(start)
}

func tenantKey(tenantName, email string) tenant.CreateKeyParams {
	return tenant.CreateKeyParams{Tenant: tenantName, UserEmail: email}
}
