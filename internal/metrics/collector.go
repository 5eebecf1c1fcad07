package metrics

import (
	"context"
	"log/slog"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/fathom-oss/fathom/internal/health"
	"github.com/fathom-oss/fathom/internal/job"
	"github.com/fathom-oss/fathom/internal/knowledge"
	"github.com/fathom-oss/fathom/internal/search"
	"github.com/fathom-oss/fathom/internal/store"
)

// Sources are where the figures read at scrape time come from. A nil
// source leaves its metrics out.
type Sources struct {
	// Jobs reads the job queue's backlog (a query of the queue's table).
	Jobs func(ctx context.Context) (*job.BacklogStats, error)
	// Analysis reads the analysis backlog (a query of the conversations'
	// partial index of waiting rows).
	Analysis func(ctx context.Context) (*store.ConversationBacklog, error)
	// Search and Knowledge size the in-memory indexes (a few numbers read
	// under each tenant's read lock).
	Search    func() search.Size
	Knowledge func() knowledge.Size
	// StoreErrors counts failed database writes by kind.
	StoreErrors func() health.StoreErrors
	// FreeDisk is the free bytes under the SQLite database (false: not
	// known, or PostgreSQL).
	FreeDisk func() (int64, bool)
	// Ready is the readiness check /readyz runs.
	Ready func(ctx context.Context) error
	// InFlight is how many requests are being served.
	InFlight func() int64
	// Now is the clock ages are measured by (default time.Now).
	Now func() time.Time
	// Timeout bounds the database reads of one scrape (default 5s).
	Timeout time.Duration
}

// collector reads Sources at every scrape: no goroutine polls them.
type collector struct {
	src    Sources
	logger *slog.Logger

	jobs, jobAge                          *prometheus.Desc
	analysisConvs, analysisMsgs, lag      *prometheus.Desc
	searchTenants, searchDocs, searchTerm *prometheus.Desc
	searchPostings, knowledgeDocs         *prometheus.Desc
	storeErrors, freeDisk, ready, flight  *prometheus.Desc
}

func newCollector(src Sources, logger *slog.Logger) *collector {
	if src.Now == nil {
		src.Now = time.Now
	}
	if src.Timeout <= 0 {
		src.Timeout = 5 * time.Second
	}
	d := func(name, help string, labels ...string) *prometheus.Desc {
		return prometheus.NewDesc(name, help, labels, nil)
	}
	return &collector{src: src, logger: logger,
		jobs:           d("fathom_job_queue_depth", "Jobs in the queue by kind and state (every state but completed).", "kind", "state"),
		jobAge:         d("fathom_job_queue_oldest_available_age_seconds", "How long the oldest job ready to run has waited (0: none waits)."),
		analysisConvs:  d("fathom_analysis_backlog_conversations", "Conversations waiting for analysis."),
		analysisMsgs:   d("fathom_analysis_backlog_messages", "Messages of waiting conversations that analysis has not seen yet."),
		lag:            d("fathom_analysis_lag_seconds", "Age of the oldest last change of a conversation waiting for analysis (0: none waits)."),
		searchTenants:  d("fathom_search_index_tenants", "Tenants with a similarity index in memory."),
		searchDocs:     d("fathom_search_index_conversations", "Conversations in the in-memory similarity indexes."),
		searchTerm:     d("fathom_search_index_terms", "Terms in the similarity indexes' dictionaries."),
		searchPostings: d("fathom_search_index_postings", "Postings in the similarity indexes, with those of deleted conversations not yet compacted away."),
		knowledgeDocs:  d("fathom_knowledge_model_documents", "Conversations in the issue-type models in memory."),
		storeErrors:    d("fathom_store_errors_total", "Database writes that failed, by kind: unavailable (disk full, connection lost) or other.", "kind"),
		freeDisk:       d("fathom_data_dir_free_bytes", "Bytes free to the server on the file system of the SQLite database (absent on PostgreSQL)."),
		ready:          d("fathom_ready", "1 when /readyz would answer ready, 0 when not."),
		flight:         d("fathom_http_requests_in_flight", "Requests being served."),
	}
}

// Describe sends every descriptor the collector may send.
func (c *collector) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range []*prometheus.Desc{c.jobs, c.jobAge, c.analysisConvs, c.analysisMsgs, c.lag, c.searchTenants,
		c.searchDocs, c.searchTerm, c.searchPostings, c.knowledgeDocs, c.storeErrors, c.freeDisk, c.ready, c.flight} {
		ch <- d
	}
}

// Collect reads every source. A source that fails sends an invalid metric,
// which the handler logs while it serves the others.
func (c *collector) Collect(ch chan<- prometheus.Metric) {
	ctx, cancel := context.WithTimeout(context.Background(), c.src.Timeout)
	defer cancel()
	now := c.src.Now()
	gauge := func(d *prometheus.Desc, v float64, labels ...string) {
		ch <- prometheus.MustNewConstMetric(d, prometheus.GaugeValue, v, labels...)
	}
	age := func(since time.Time) float64 {
		if since.IsZero() || now.Before(since) {
			return 0
		}
		return now.Sub(since).Seconds()
	}
	if c.src.Jobs != nil {
		if b, err := c.src.Jobs(ctx); err != nil {
			ch <- prometheus.NewInvalidMetric(c.jobs, err)
		} else {
			for _, n := range b.Counts {
				gauge(c.jobs, float64(n.Count), n.Kind, n.State)
			}
			gauge(c.jobAge, age(b.OldestAvailable))
		}
	}
	if c.src.Analysis != nil {
		if b, err := c.src.Analysis(ctx); err != nil {
			ch <- prometheus.NewInvalidMetric(c.analysisConvs, err)
		} else {
			gauge(c.analysisConvs, float64(b.Conversations))
			gauge(c.analysisMsgs, float64(b.Messages))
			gauge(c.lag, age(b.OldestChange))
		}
	}
	if c.src.Search != nil {
		sz := c.src.Search()
		gauge(c.searchTenants, float64(sz.Tenants))
		gauge(c.searchDocs, float64(sz.Documents))
		gauge(c.searchTerm, float64(sz.Terms))
		gauge(c.searchPostings, float64(sz.Postings))
	}
	if c.src.Knowledge != nil {
		gauge(c.knowledgeDocs, float64(c.src.Knowledge().Documents))
	}
	if c.src.StoreErrors != nil {
		e := c.src.StoreErrors()
		ch <- prometheus.MustNewConstMetric(c.storeErrors, prometheus.CounterValue, float64(e.Unavailable), "unavailable")
		ch <- prometheus.MustNewConstMetric(c.storeErrors, prometheus.CounterValue, float64(e.Other), "other")
	}
	if c.src.FreeDisk != nil {
		if free, ok := c.src.FreeDisk(); ok {
			gauge(c.freeDisk, float64(free))
		}
	}
	if c.src.Ready != nil {
		ready := 1.0
		if err := c.src.Ready(ctx); err != nil {
			ready = 0
		}
		gauge(c.ready, ready)
	}
	if c.src.InFlight != nil {
		gauge(c.flight, float64(c.src.InFlight()))
	}
}
