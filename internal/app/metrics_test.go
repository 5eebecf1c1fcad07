package app_test

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/fathom-oss/fathom/internal/config"
)

// series is one sample of a scrape: its name, labels and value.
type series struct {
	name   string
	labels map[string]string
	value  float64
}

// scrape reads url's metrics in Prometheus's text format.
func scrape(t *testing.T, url string, header ...string) []series {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %d", url, resp.StatusCode)
	}
	out, err := parseMetrics(bufio.NewScanner(resp.Body))
	if err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
	return out
}

// parseMetrics parses the samples of the text format (comments skipped).
func parseMetrics(sc *bufio.Scanner) ([]series, error) {
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	var out []series
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		sp := strings.LastIndexByte(line, ' ')
		if sp < 0 {
			return nil, fmt.Errorf("sample without a value: %q", line)
		}
		v, err := strconv.ParseFloat(line[sp+1:], 64)
		if err != nil {
			return nil, fmt.Errorf("sample %q: %w", line, err)
		}
		s := series{name: line[:sp], labels: map[string]string{}, value: v}
		if i := strings.IndexByte(s.name, '{'); i >= 0 {
			rest := strings.TrimSuffix(s.name[i+1:], "}")
			s.name = s.name[:i]
			for rest != "" {
				eq := strings.IndexByte(rest, '=')
				if eq < 0 {
					return nil, fmt.Errorf("labels of %q", line)
				}
				key := rest[:eq]
				val, tail, err := unquotePrefix(rest[eq+1:])
				if err != nil {
					return nil, fmt.Errorf("labels of %q: %w", line, err)
				}
				s.labels[key] = val
				rest = strings.TrimPrefix(tail, ",")
			}
		}
		out = append(out, s)
	}
	return out, sc.Err()
}

// unquotePrefix reads the quoted string s starts with.
func unquotePrefix(s string) (val, rest string, err error) {
	if !strings.HasPrefix(s, `"`) {
		return "", "", fmt.Errorf("unquoted label value %q", s)
	}
	for i := 1; i < len(s); i++ {
		switch s[i] {
		case '\\':
			i++
		case '"':
			v, err := strconv.Unquote(s[:i+1])
			return v, s[i+1:], err
		}
	}
	return "", "", fmt.Errorf("unterminated label value %q", s)
}

// value is the sample of name whose labels include want; ok is false when
// there is none.
func value(all []series, name string, want ...string) (v float64, ok bool) {
	for _, s := range all {
		if s.name != name {
			continue
		}
		match := true
		for i := 0; i+1 < len(want); i += 2 {
			if s.labels[want[i]] != want[i+1] {
				match = false
			}
		}
		if match {
			return s.value, true
		}
	}
	return 0, false
}

func metricsConfig(t *testing.T) config.Config {
	cfg := testConfig(t)
	cfg.MetricsAddr = "127.0.0.1:0"
	return cfg
}

// TestMetricsCountRequestsByRoute: after real requests, the counters moved
// under the mux's routes with the method and status, junk paths and
// invented methods added no series, and nothing a client sent (ids, keys,
// text) appears in the scrape.
func TestMetricsCountRequestsByRoute(t *testing.T) {
	t.Parallel()
	s := start(t, metricsConfig(t))
	key := s.newKey(t, "acme")
	metricsURL := "http://" + s.MetricsAddr() + "/metrics"

	if r := s.post(t, "/api/v1/context/track", key, `{"conversationId":"conv-secret-77","messages":[
		{"role":"user","content":"My payment is being declined"}]}`); r.Status != http.StatusOK {
		t.Fatalf("track: %d %s", r.Status, r.Raw)
	}
	get := func(path string) int {
		req, _ := http.NewRequest(http.MethodGet, s.URL+path, nil)
		req.Header.Set("X-API-Key", key)
		return do(t, req).Status
	}
	if st := get("/api/v1/context/conversations/conv-secret-77"); st != http.StatusOK {
		t.Fatalf("get conversation: %d", st)
	}
	if st := get("/api/v1/context/conversations/no-such-conv"); st != http.StatusNotFound {
		t.Fatalf("get missing conversation: %d", st)
	}
	for i := range 20 {
		if st := get(fmt.Sprintf("/junk-%d/wp-login.php", i)); st != http.StatusNotFound {
			t.Fatalf("junk path: %d", st)
		}
	}
	brew, _ := http.NewRequest("BREW", s.URL+"/api/v1/context/track", nil)
	do(t, brew)
	// Without --metrics-token the main listener does not serve /metrics.
	if st := get("/metrics"); st != http.StatusNotFound {
		t.Fatalf("/metrics on the main listener without a token: %d, want 404", st)
	}

	all := scrape(t, metricsURL)
	counts := []struct {
		labels []string
		want   float64
	}{
		{[]string{"route", "/api/v1/context/track", "method", "POST", "status", "200"}, 1},
		{[]string{"route", "/api/v1/context/conversations/{conversationId}", "method", "GET", "status", "200"}, 1},
		{[]string{"route", "/api/v1/context/conversations/{conversationId}", "method", "GET", "status", "404"}, 1},
		{[]string{"route", "unmatched", "method", "GET", "status", "404"}, 21}, // the junk and /metrics
		{[]string{"method", "other"}, 1},
	}
	for _, c := range counts {
		if got, _ := value(all, "fathom_http_requests_total", c.labels...); got != c.want {
			t.Errorf("fathom_http_requests_total%v = %v, want %v", c.labels, got, c.want)
		}
	}
	if n, _ := value(all, "fathom_http_request_duration_seconds_count", "route", "/api/v1/context/track", "method", "POST"); n != 1 {
		t.Errorf("track latency observations = %v, want 1", n)
	}
	routes := map[string]bool{}
	for _, x := range all {
		for _, v := range x.labels {
			for _, secret := range []string{"conv-secret-77", "no-such-conv", "junk", key, "declined", "acme", "BREW"} {
				if strings.Contains(v, secret) {
					t.Errorf("series %s%v carries %q", x.name, x.labels, secret)
				}
			}
		}
		if x.name == "fathom_http_requests_total" {
			routes[x.labels["route"]] = true
		}
	}
	if len(routes) != 3 {
		t.Errorf("routes with series: %v, want track, conversation and unmatched", routes)
	}
	for _, name := range []string{"process_cpu_seconds_total", "go_goroutines", "fathom_ready", "fathom_http_requests_in_flight",
		"fathom_analysis_backlog_conversations", "fathom_job_queue_oldest_available_age_seconds", "fathom_search_index_terms",
		"fathom_knowledge_model_documents"} {
		if _, ok := value(all, name); !ok {
			t.Errorf("no %s in the scrape", name)
		}
	}
	if v, _ := value(all, "fathom_ready"); v != 1 {
		t.Errorf("fathom_ready = %v, want 1", v)
	}
	for _, kind := range []string{"unavailable", "other"} {
		if v, ok := value(all, "fathom_store_errors_total", "kind", kind); !ok || v != 0 {
			t.Errorf("fathom_store_errors_total{kind=%q} = %v (present %v), want 0", kind, v, ok)
		}
	}
	free, ok := value(all, "fathom_data_dir_free_bytes")
	if onPostgres(s.cfg) == ok || (ok && free <= 0) {
		t.Errorf("fathom_data_dir_free_bytes = %v (present %v) on %s", free, ok, s.cfg.Engine())
	}

	// The analysis runs: the backlog empties and the indexes hold the
	// conversation.
	eventually(t, "the conversation is analysed and indexed", func() bool {
		all := scrape(t, metricsURL)
		backlog, _ := value(all, "fathom_analysis_backlog_conversations")
		indexed, _ := value(all, "fathom_search_index_conversations")
		modelled, _ := value(all, "fathom_knowledge_model_documents")
		return backlog == 0 && indexed == 1 && modelled == 1
	})
}

// TestMetricsBacklogWhileJobsWait: with no workers the analysis job and
// its conversations wait, and the scrape says how many and how old.
func TestMetricsBacklogWhileJobsWait(t *testing.T) {
	t.Parallel()
	cfg := metricsConfig(t)
	cfg.Workers = 0
	s := start(t, cfg)
	key := s.newKey(t, "acme")
	for i, msgs := range []string{
		`[{"role":"user","content":"I cannot log in"},{"role":"assistant","content":"Reset your password"}]`,
		`[{"role":"user","content":"Where is my refund"}]`,
	} {
		if r := s.post(t, "/api/v1/context/track", key, fmt.Sprintf(`{"conversationId":"c%d","messages":%s}`, i, msgs)); r.Status != http.StatusOK {
			t.Fatalf("track: %d %s", r.Status, r.Raw)
		}
	}
	all := scrape(t, "http://"+s.MetricsAddr()+"/metrics")
	want := map[string]float64{"fathom_analysis_backlog_conversations": 2, "fathom_analysis_backlog_messages": 3}
	for name, w := range want {
		if v, _ := value(all, name); v != w {
			t.Errorf("%s = %v, want %v", name, v, w)
		}
	}
	if v, _ := value(all, "fathom_job_queue_depth", "kind", "analyze_tenant", "state", "available"); v != 1 {
		t.Errorf("analysis jobs available = %v, want 1 (one per tenant)", v)
	}
	for _, name := range []string{"fathom_analysis_lag_seconds", "fathom_job_queue_oldest_available_age_seconds"} {
		if v, ok := value(all, name); !ok || v <= 0 || v > 60 {
			t.Errorf("%s = %v (present %v), want a small positive age", name, v, ok)
		}
	}
}

// TestMetricsOnMainListenerWithToken: --metrics-token serves /metrics on
// the main listener to requests bearing it, and to no others.
func TestMetricsOnMainListenerWithToken(t *testing.T) {
	t.Parallel()
	cfg := testConfig(t)
	cfg.MetricsToken = "s3cret-metrics-token"
	s := start(t, cfg)
	if s.MetricsAddr() != "" {
		t.Fatalf("a metrics listener at %s without --metrics-addr", s.MetricsAddr())
	}
	for _, auth := range []string{"", "Bearer wrong-token-of-some-length", "s3cret-metrics-token", "Bearer s3cret-metrics-tokenX", "Basic s3cret-metrics-token"} {
		req, _ := http.NewRequest(http.MethodGet, s.URL+"/metrics", nil)
		if auth != "" {
			req.Header.Set("Authorization", auth)
		}
		r := do(t, req)
		if r.Status != http.StatusUnauthorized || !strings.HasPrefix(r.Header.Get("WWW-Authenticate"), "Bearer") {
			t.Fatalf("Authorization %q: %d %q, want 401 with WWW-Authenticate: Bearer", auth, r.Status, r.Header.Get("WWW-Authenticate"))
		}
	}
	all := scrape(t, s.URL+"/metrics", "Authorization", "Bearer s3cret-metrics-token")
	if v, _ := value(all, "fathom_http_requests_total", "route", "/metrics", "method", "GET", "status", "401"); v != 5 {
		t.Errorf("refused scrapes counted %v, want 5", v)
	}
	for _, x := range all {
		for _, v := range x.labels {
			if strings.Contains(v, "s3cret") {
				t.Fatalf("series %s%v carries the token", x.name, x.labels)
			}
		}
	}
}

// TestMetricsScrapeUnderLoad: scrapes while clients track and search get
// complete answers, and once the load ends the counters add up to the
// requests made (run with -race).
func TestMetricsScrapeUnderLoad(t *testing.T) {
	t.Parallel()
	s := start(t, metricsConfig(t))
	key := s.newKey(t, "acme")
	metricsURL := "http://" + s.MetricsAddr() + "/metrics"
	const clients, perClient = 4, 15
	var wg sync.WaitGroup
	errs := make(chan error, clients*perClient+64)
	for c := range clients {
		wg.Go(func() {
			for i := range perClient {
				body := fmt.Sprintf(`{"conversationId":"load-%d-%d","messages":[{"role":"user","content":"card declined at checkout %d"}]}`, c, i, i)
				if r := s.post(t, "/api/v1/context/track", key, body); r.Status != http.StatusOK {
					errs <- fmt.Errorf("track: %d %s", r.Status, r.Raw)
				}
				if r := s.post(t, "/api/v1/context/similarity", key, `{"message":"my card was declined"}`); r.Status != http.StatusOK {
					errs <- fmt.Errorf("similarity: %d %s", r.Status, r.Raw)
				}
			}
		})
	}
	done := make(chan struct{})
	scrapes := 0
	go func() {
		defer close(done)
		for {
			select {
			case <-errs:
				return
			default:
			}
			all := scrape(t, metricsURL)
			if _, ok := value(all, "fathom_ready"); !ok {
				errs <- fmt.Errorf("a scrape under load lacks fathom_ready")
			}
			scrapes++
			if scrapes >= 5 && func() bool {
				v, _ := value(all, "fathom_http_requests_total", "route", "/api/v1/context/similarity")
				return v >= clients*perClient
			}() {
				return
			}
		}
	}()
	wg.Wait()
	<-done
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	all := scrape(t, metricsURL)
	for _, route := range []string{"/api/v1/context/track", "/api/v1/context/similarity"} {
		if v, _ := value(all, "fathom_http_requests_total", "route", route, "method", "POST", "status", "200"); v != clients*perClient {
			t.Errorf("%s counted %v, want %d", route, v, clients*perClient)
		}
	}
	if scrapes < 5 {
		t.Errorf("%d scrapes during the load, want at least 5", scrapes)
	}
}

// TestMetricsNotReadyOnceShutdownStarts: as soon as the server starts to
// shut down, fathom_ready reads 0 on the metrics listener, while a request
// still in flight holds the shutdown (the metrics listener closes last).
func TestMetricsNotReadyOnceShutdownStarts(t *testing.T) {
	t.Parallel()
	s := start(t, metricsConfig(t))
	key := s.newKey(t, "acme")
	metricsURL := "http://" + s.MetricsAddr() + "/metrics"
	if v, _ := value(scrape(t, metricsURL), "fathom_ready"); v != 1 {
		t.Fatalf("fathom_ready before the shutdown = %v, want 1", v)
	}
	// A request whose body has not all arrived keeps its connection active,
	// so the shutdown waits for it. The server's "100 Continue" says its
	// handler is reading the body: the request is in flight before the
	// shutdown starts (a connection whose request was not yet read would be
	// closed at once, and the metrics listener with it).
	conn, err := net.Dial("tcp", s.App.Addr())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := io.WriteString(conn, "POST /api/v1/context/track HTTP/1.1\r\nHost: x\r\nX-API-Key: "+key+"\r\nContent-Type: application/json\r\nContent-Length: 100\r\nExpect: 100-continue\r\n\r\n"); err != nil {
		t.Fatal(err)
	}
	line, err := bufio.NewReader(conn).ReadString('\n')
	if err != nil || !strings.Contains(line, "100 Continue") {
		t.Fatalf("before the body: %q, %v; want 100 Continue", line, err)
	}
	if _, err := io.WriteString(conn, "{"); err != nil {
		t.Fatal(err)
	}
	closed := make(chan error, 1)
	go func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		closed <- s.Close(ctx)
	}()
	eventually(t, "fathom_ready reads 0 while the shutdown waits", func() bool {
		v, ok := value(scrape(t, metricsURL), "fathom_ready")
		return ok && v == 0
	})
	select {
	case err := <-closed:
		t.Fatalf("the shutdown ended before the request in flight did: %v", err)
	default:
	}
	conn.Close()
	if err := <-closed; err != nil {
		t.Errorf("close: %v", err)
	}
}
