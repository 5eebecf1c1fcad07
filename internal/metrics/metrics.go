// Package metrics exposes the server's figures in Prometheus's text format:
// requests by route and status with their latency (counted as they are
// answered), and, read at scrape time from the parts that hold them, the
// job queue's backlog, the analysis backlog, index sizes, failed database
// writes, free disk and readiness. It owns its registry (never the
// process-wide default), so that two servers in one process (the tests)
// never share a series. It never labels a series with a tenant, a key, an
// id from a path or any text a client sent: routes are the mux's patterns
// and methods a fixed set.
package metrics

import (
	"fmt"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// Registry holds the server's metrics.
type Registry struct {
	reg      *prometheus.Registry
	requests *prometheus.CounterVec
	duration *prometheus.HistogramVec
	series   sync.Map // seriesKey → requestSeries
	logger   *slog.Logger
}

// durationBuckets are the latency histogram's bounds in seconds: fine below
// 10 ms, where the similarity target lies, coarse up to the write timeout.
var durationBuckets = []float64{0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30}

// New returns a registry with the process and Go runtime collectors, the
// request metrics and, read at every scrape, the figures src gives.
func New(src Sources, logger *slog.Logger) *Registry {
	if logger == nil {
		logger = slog.Default()
	}
	r := &Registry{reg: prometheus.NewRegistry(), logger: logger}
	r.requests = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "fathom_http_requests_total",
		Help: "HTTP requests answered, by route (the pattern matched, or \"unmatched\"), method and status.",
	}, []string{"route", "method", "status"})
	r.duration = prometheus.NewHistogramVec(prometheus.HistogramOpts{
		Name:    "fathom_http_request_duration_seconds",
		Help:    "Time from a request's arrival to the end of its answer, by route and method.",
		Buckets: durationBuckets,
	}, []string{"route", "method"})
	r.reg.MustRegister(
		collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
		collectors.NewGoCollector(),
		r.requests, r.duration,
		newCollector(src, logger),
	)
	return r
}

// Unmatched is the route label of a request no route matched: a junk path
// adds no series.
const Unmatched = "unmatched"

// ObserveRequest counts one answered request. route is the pattern it
// matched without its method ("" for none), status what it was answered.
func (r *Registry) ObserveRequest(route, method string, status int, elapsed time.Duration) {
	if route == "" {
		route = Unmatched
	}
	k := seriesKey{route, methodLabel(method), status}
	s, ok := r.series.Load(k)
	if !ok {
		s, _ = r.series.LoadOrStore(k, requestSeries{
			count:    r.requests.WithLabelValues(k.route, k.method, statusLabel(status)),
			duration: r.duration.WithLabelValues(k.route, k.method),
		})
	}
	rs := s.(requestSeries)
	rs.count.Inc()
	rs.duration.Observe(elapsed.Seconds())
}

// seriesKey names a request's series; the labels are bounded (patterns,
// standard methods, statuses), so the cache of them is too.
type seriesKey struct {
	route, method string
	status        int
}

// requestSeries are a request's counter and histogram, looked up once:
// the vectors' lookups hash every label at every request.
type requestSeries struct {
	count    prometheus.Counter
	duration prometheus.Observer
}

// Handler serves the metrics. A figure that cannot be read (the database
// is down) is left out and logged; the others are served.
func (r *Registry) Handler() http.Handler {
	return promhttp.HandlerFor(r.reg, promhttp.HandlerOpts{
		ErrorLog:      slogPrinter{r.logger},
		ErrorHandling: promhttp.ContinueOnError,
		// Scrapes are rare and cheap; a slow database should not pile
		// them up.
		MaxRequestsInFlight: 4,
		Timeout:             10 * time.Second,
	})
}

// methodLabel keeps the method label to the standard methods: a client
// inventing methods adds no series.
func methodLabel(m string) string {
	switch m {
	case http.MethodGet, http.MethodHead, http.MethodPost, http.MethodPut, http.MethodPatch,
		http.MethodDelete, http.MethodOptions, http.MethodConnect, http.MethodTrace:
		return m
	}
	return "other"
}

// statusLabels holds the label of every status a handler can write, so
// that counting a request allocates no string.
var statusLabels = func() (s [600]string) {
	for i := 100; i < len(s); i++ {
		s[i] = strconv.Itoa(i)
	}
	return s
}()

func statusLabel(code int) string {
	if code >= 100 && code < len(statusLabels) {
		return statusLabels[code]
	}
	return "other"
}

// slogPrinter is promhttp's error log on the server's logger.
type slogPrinter struct{ l *slog.Logger }

func (p slogPrinter) Println(v ...any) {
	p.l.Warn("metrics", "err", strings.TrimSpace(fmt.Sprintln(v...)))
}
