package metrics_test

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/fathom-oss/fathom/internal/health"
	"github.com/fathom-oss/fathom/internal/job"
	"github.com/fathom-oss/fathom/internal/metrics"
	"github.com/fathom-oss/fathom/internal/search"
	"github.com/fathom-oss/fathom/internal/store"
)

var quiet = slog.New(slog.DiscardHandler)

func scrapeText(t *testing.T, h http.Handler) string {
	t.Helper()
	w := httptest.NewRecorder()
	h.ServeHTTP(w, httptest.NewRequest(http.MethodGet, "/metrics", nil))
	if w.Code != http.StatusOK {
		t.Fatalf("scrape: %d %s", w.Code, w.Body)
	}
	b, _ := io.ReadAll(w.Body)
	return string(b)
}

// TestLabelsAreBounded: no route is "unmatched", invented methods are
// "other", odd statuses are "other".
func TestLabelsAreBounded(t *testing.T) {
	r := metrics.New(metrics.Sources{}, quiet)
	r.ObserveRequest("", "GET", 404, time.Millisecond)
	r.ObserveRequest("", "PROPFIND", 405, time.Millisecond)
	r.ObserveRequest("/x/{id}", "POST", 999, time.Millisecond)
	r.ObserveRequest("/x/{id}", "POST", 999, time.Millisecond)
	text := scrapeText(t, r.Handler())
	for _, want := range []string{
		`fathom_http_requests_total{method="GET",route="unmatched",status="404"} 1`,
		`fathom_http_requests_total{method="other",route="unmatched",status="405"} 1`,
		`fathom_http_requests_total{method="POST",route="/x/{id}",status="other"} 2`,
		`fathom_http_request_duration_seconds_count{method="POST",route="/x/{id}"} 2`,
	} {
		if !strings.Contains(text, want) {
			t.Errorf("scrape lacks %s", want)
		}
	}
	if strings.Contains(text, "PROPFIND") {
		t.Error("an invented method became a label")
	}
}

// TestFailingSourceLeavesTheRest: a source that fails (the database is
// down) is left out, and the scrape still serves every other figure.
func TestFailingSourceLeavesTheRest(t *testing.T) {
	down := errors.New("connection refused")
	r := metrics.New(metrics.Sources{
		Jobs:        func(context.Context) (*job.BacklogStats, error) { return nil, down },
		Analysis:    func(context.Context) (*store.ConversationBacklog, error) { return nil, down },
		Search:      func() search.Size { return search.Size{Tenants: 1, Documents: 5, Terms: 40, Postings: 60} },
		StoreErrors: func() health.StoreErrors { return health.StoreErrors{Unavailable: 3, Other: 1} },
		FreeDisk:    func() (int64, bool) { return 0, false },
		Ready:       func(context.Context) error { return down },
	}, quiet)
	text := scrapeText(t, r.Handler())
	for _, want := range []string{
		"fathom_search_index_conversations 5", "fathom_search_index_terms 40",
		`fathom_store_errors_total{kind="unavailable"} 3`, `fathom_store_errors_total{kind="other"} 1`,
		"fathom_ready 0",
	} {
		if !strings.Contains(text, want+"\n") {
			t.Errorf("scrape lacks %s", want)
		}
	}
	for _, absent := range []string{"fathom_job_queue_depth{", "fathom_analysis_backlog_conversations ", "fathom_data_dir_free_bytes "} {
		if strings.Contains(text, absent) {
			t.Errorf("scrape has %s from a source that failed or knows nothing", absent)
		}
	}
}

// TestAgesFromTheClock: the backlog ages are measured from Sources.Now.
func TestAgesFromTheClock(t *testing.T) {
	now := time.Date(2026, 12, 5, 10, 0, 0, 0, time.UTC)
	r := metrics.New(metrics.Sources{
		Now: func() time.Time { return now },
		Jobs: func(context.Context) (*job.BacklogStats, error) {
			return &job.BacklogStats{Counts: []job.JobCount{{Kind: "analyze_tenant", State: "available", Count: 2}},
				OldestAvailable: now.Add(-90 * time.Second)}, nil
		},
		Analysis: func(context.Context) (*store.ConversationBacklog, error) {
			return &store.ConversationBacklog{Conversations: 4, Messages: 9, OldestChange: now.Add(-10 * time.Minute)}, nil
		},
	}, quiet)
	text := scrapeText(t, r.Handler())
	for _, want := range []string{
		`fathom_job_queue_depth{kind="analyze_tenant",state="available"} 2`,
		"fathom_job_queue_oldest_available_age_seconds 90", "fathom_analysis_backlog_conversations 4",
		"fathom_analysis_backlog_messages 9", "fathom_analysis_lag_seconds 600",
	} {
		if !strings.Contains(text, want+"\n") {
			t.Errorf("scrape lacks %s", want)
		}
	}
}

// TestObserveWhileScraping: requests counted from many goroutines while
// others scrape all add up (run with -race).
func TestObserveWhileScraping(t *testing.T) {
	r := metrics.New(metrics.Sources{}, quiet)
	h := r.Handler()
	const workers, each = 8, 500
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for i := range each {
				r.ObserveRequest([]string{"/a", "/b/{id}"}[i%2], "GET", []int{200, 404, 500}[(i+w)%3], time.Duration(i)*time.Microsecond)
			}
		})
	}
	for range 3 {
		wg.Go(func() {
			for range 10 {
				scrapeText(t, h)
			}
		})
	}
	wg.Wait()
	text := scrapeText(t, h)
	for _, route := range []string{"/a", "/b/{id}"} {
		want := `fathom_http_request_duration_seconds_count{method="GET",route="` + route + `"} 2000`
		if !strings.Contains(text, want+"\n") {
			t.Errorf("scrape lacks %s", want)
		}
	}
}
