package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"maps"
	"net"
	"net/http"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/fathom-oss/fathom/internal/app"
	"github.com/fathom-oss/fathom/internal/config"
)

// The malformed-input fuzzer: every route the server registers (read from
// its route table), with wrong methods, junk, huge and deeply nested JSON,
// bad UTF-8, NUL bytes, wrong types for the fields the server's own error
// messages name, huge and malformed query strings, and bad credentials.

// serverRoutes lists the routes of a server with this binary's code: it
// opens one in-process on a temporary directory and reads its route table.
func serverRoutes(ctx context.Context, dir string) ([]string, error) {
	cfg := config.Default()
	cfg.DataDir, cfg.Addr, cfg.BootstrapKey, cfg.Workers = filepath.Join(dir, "routes"), "127.0.0.1:0", false, 0
	a := app.New(cfg, slog.New(slog.DiscardHandler), io.Discard)
	if err := a.Open(ctx); err != nil {
		return nil, fmt.Errorf("open a server to list its routes: %w", err)
	}
	routes := a.Routes()
	if err := a.Close(ctx); err != nil {
		return nil, err
	}
	return routes, nil
}

// fuzzCase is one malformed request.
type fuzzCase struct {
	what    string // what is malformed, for the report
	method  string
	path    string // path and query, as sent
	body    []byte
	ctype   string
	headers map[string]string
	raw     string // when set, sent as is on a TCP connection instead
}

// fuzzAnswer is what the server said to a case.
type fuzzAnswer struct {
	status     int
	retryAfter string
	ctype      string
	body       []byte
}

// fuzzRoute is one registered pattern, ready to send to.
type fuzzRoute struct {
	pattern string
	method  string // "" when the pattern takes any method
	path    string // the pattern's path with its wildcards filled
}

var wildcardRe = regexp.MustCompile(`\{[^}]*\}`)

func parseRoute(pattern string) fuzzRoute {
	method, path, ok := strings.Cut(pattern, " ")
	if !ok {
		method, path = "", pattern
	}
	path = wildcardRe.ReplaceAllString(path, "1")
	if strings.HasSuffix(path, "/") {
		path += "x/1"
	}
	return fuzzRoute{pattern: pattern, method: method, path: path}
}

// Field names in an error message: camelCase, snake_case or a JSON path
// (transcript[0].timestamp names "timestamp").
var fieldRe = regexp.MustCompile(`\b([a-z]+(?:[A-Z][a-zA-Z]*)+|[a-z]+(?:_[a-z]+)+)\b`)

// nested is JSON nested depth deep.
func nested(depth int, open, close string) []byte {
	return []byte(strings.Repeat(open, depth) + "1" + strings.Repeat(close, depth))
}

// bodyCases are the malformed bodies every route with a body gets.
func bodyCases() []fuzzCase {
	huge := append([]byte(`{"x":"`), bytes.Repeat([]byte("a"), 40<<20)...)
	huge = append(huge, `"}`...)
	return []fuzzCase{
		{what: "empty body", body: []byte{}},
		{what: "junk", body: []byte("junk \x01\x02 not json")},
		{what: "truncated JSON", body: []byte(`{"a":`)},
		{what: "JSON array", body: []byte(`[1,2,3]`)},
		{what: "JSON null", body: []byte(`null`)},
		{what: "JSON string", body: []byte(`"x"`)},
		{what: "JSON number", body: []byte(`1e999`)},
		{what: "two JSON values", body: []byte(`{}{}`)},
		{what: "deeply nested arrays", body: nested(200_000, "[", "]")},
		{what: "deeply nested objects", body: nested(100_000, `{"a":`, "}")},
		{what: "bad UTF-8", body: []byte("{\"a\":\"\xff\xfe\xfd\",\"\xc3\x28\":1}")},
		{what: "NUL bytes", body: []byte("{\"a\":\"x\x00y\",\"b\":\"\\u0000\"}")},
		{what: "duplicate keys", body: []byte(`{"a":1,"a":"x"}`)},
		{what: "huge body (40 MiB)", body: huge},
		{what: "form body", body: []byte("a=%zz&b=\xff&c=%00"), ctype: "application/x-www-form-urlencoded"},
		{what: "wrong content type", body: []byte(`{}`), ctype: "text/plain"},
	}
}

// queryCases are the malformed query strings every route gets.
func queryCases() []string {
	return []string{
		"?q=" + strings.Repeat("a", 60<<10),
		"?" + strings.Repeat("a=1&", 5000),
		"?q=%zz&limit=%",
		"?q=%ff%fe&cursor=%c3%28",
		"?q=a%00b&cursor=%00",
		"?limit=-1&cursor=junk&include_summary=maybe&created_after=yesterday",
		"?limit=99999999999999999999&page=1e400",
	}
}

// authCases are bad credentials.
func authCases() []map[string]string {
	return []map[string]string{
		{"X-API-Key": "fth_" + strings.Repeat("a", 32)},
		{"X-API-Key": strings.Repeat("k", 30<<10)},
		{"X-API-Key": "fth_\xff\xfe"},
		{"Authorization": "Bearer junk"},
		{"Authorization": "Basic !!!"},
		{"Authorization": "Bearer " + strings.Repeat("b", 30<<10)},
	}
}

// rawCases are requests a well-behaved client cannot send.
func rawCases(addr, key string) []fuzzCase {
	host := "Host: " + addr + "\r\n"
	return []fuzzCase{
		{what: "NUL in a header", raw: "GET /api/v1/context/issues HTTP/1.1\r\n" + host + "X-API-Key: fth_\x00x\r\n\r\n"},
		{what: "bad UTF-8 in the path", raw: "GET /api/v1/context/conversations/\xff\xfe HTTP/1.1\r\n" + host + "X-API-Key: " + key + "\r\n\r\n"},
		{what: "NUL in the path", raw: "GET /api/v1/context/conversations/a\x00b HTTP/1.1\r\n" + host + "X-API-Key: " + key + "\r\n\r\n"},
		{what: "junk request line", raw: "JUNK\r\n\r\n"},
		{what: "header over 64 KiB", raw: "GET /healthz HTTP/1.1\r\n" + host + "X-Junk: " + strings.Repeat("j", 70<<10) + "\r\n\r\n"},
		{what: "body shorter than Content-Length", raw: "POST /api/v1/context/track HTTP/1.1\r\n" + host + "X-API-Key: " + key +
			"\r\nContent-Type: application/json\r\nContent-Length: 100\r\nConnection: close\r\n\r\n{\"conversationId\":"},
		{what: "bad chunked encoding", raw: "POST /api/v1/context/track HTTP/1.1\r\n" + host + "X-API-Key: " + key +
			"\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n"},
	}
}

// fuzzer sends cases to one server and keeps what they found.
type fuzzer struct {
	base, addr, key string
	client          *http.Client

	mu       sync.Mutex
	sent     int
	statuses statusCounts
	findings map[string][]string // kind -> examples
}

func (f *fuzzer) send(c fuzzCase) (fuzzAnswer, error) {
	if c.raw != "" {
		return f.sendRaw(c.raw)
	}
	var body io.Reader
	if c.body != nil {
		body = bytes.NewReader(c.body)
	}
	req, err := http.NewRequest(c.method, f.base+c.path, body)
	if err != nil {
		return fuzzAnswer{}, err
	}
	if c.body != nil {
		req.Header.Set("Content-Type", "application/json")
		if c.ctype != "" {
			req.Header.Set("Content-Type", c.ctype)
		}
	}
	askFirst(req, len(c.body))
	if c.headers == nil {
		req.Header.Set("X-API-Key", f.key)
	}
	for k, v := range c.headers {
		req.Header.Set(k, v)
	}
	resp, err := f.client.Do(req)
	if err != nil {
		return fuzzAnswer{}, err
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	_, _ = io.Copy(io.Discard, resp.Body)
	return fuzzAnswer{status: resp.StatusCode, retryAfter: resp.Header.Get("Retry-After"), ctype: resp.Header.Get("Content-Type"), body: raw}, nil
}

func (f *fuzzer) sendRaw(raw string) (fuzzAnswer, error) {
	conn, err := net.DialTimeout("tcp", f.addr, 10*time.Second)
	if err != nil {
		return fuzzAnswer{}, err
	}
	defer conn.Close()
	_ = conn.SetDeadline(time.Now().Add(30 * time.Second))
	if _, err := io.WriteString(conn, raw); err != nil {
		return fuzzAnswer{}, err
	}
	if strings.Contains(raw, "Content-Length: 100") {
		_ = conn.(*net.TCPConn).CloseWrite() // the body ends short
	}
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		return fuzzAnswer{}, err
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	return fuzzAnswer{status: resp.StatusCode, retryAfter: resp.Header.Get("Retry-After"), ctype: resp.Header.Get("Content-Type"), body: body}, nil
}

// check judges an answer and returns the field names its message names.
func (f *fuzzer) check(c fuzzCase, a fuzzAnswer) []string {
	f.statuses.add(a.status)
	f.mu.Lock()
	f.sent++
	f.mu.Unlock()
	where := fmt.Sprintf("%s %s (%s)", c.method, shorten(c.path, 80), c.what)
	if c.raw != "" {
		where = c.what
	}
	switch {
	case a.status == http.StatusServiceUnavailable:
		if a.retryAfter == "" {
			f.find("503 without Retry-After", where, a)
		}
	case a.status >= 500:
		f.find("5xx", where, a)
	case a.status >= 400 && c.method == http.MethodHead:
		// A HEAD answer has no body to name the problem in.
	case a.status >= 400:
		msg := problem(a)
		if msg == "" {
			f.find("4xx that names no problem", where, a)
		} else if !strings.Contains(a.ctype, "json") && !strings.Contains(a.ctype, "text/html") {
			f.find("4xx outside the project's error shape", where, a)
		}
		return fieldRe.FindAllString(msg, -1)
	}
	return nil
}

// problem is the message of an error answer: the project's JSON error
// shapes ("message", "error", "error_description"), an HTML page's text,
// or a plain text body.
func problem(a fuzzAnswer) string {
	var m map[string]any
	if json.Unmarshal(a.body, &m) == nil {
		var parts []string
		for _, k := range []string{"message", "error", "error_description"} {
			if s, ok := m[k].(string); ok && s != "" {
				parts = append(parts, s)
			}
		}
		return strings.Join(parts, ": ")
	}
	return strings.TrimSpace(string(a.body))
}

func (f *fuzzer) find(kind, where string, a fuzzAnswer) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.findings == nil {
		f.findings = map[string][]string{}
	}
	f.findings[kind] = append(f.findings[kind], fmt.Sprintf("%s → %d %s", where, a.status, shorten(strings.TrimSpace(string(a.body)), 120)))
}

func shorten(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}

// routeCases are the cases of one route, and of the fields its error
// messages named.
func (f *fuzzer) runRoute(ctx context.Context, rt fuzzRoute) {
	methods := []string{http.MethodGet, http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete}
	right := methods
	if rt.method != "" {
		right = []string{rt.method}
		if rt.method == http.MethodGet {
			right = append(right, http.MethodHead)
		}
	}
	do := func(c fuzzCase) []string {
		if ctx.Err() != nil {
			return nil
		}
		a, err := f.send(c)
		if err != nil {
			f.find("no answer", fmt.Sprintf("%s %s (%s)", c.method, shorten(c.path, 80), c.what), fuzzAnswer{body: []byte(err.Error())})
			return nil
		}
		return f.check(c, a)
	}
	// Wrong methods.
	for _, m := range methods {
		if !slices.Contains(right, m) {
			do(fuzzCase{what: "wrong method", method: m, path: rt.path, body: []byte(`{}`)})
		}
	}
	for _, m := range right {
		for _, h := range authCases() {
			do(fuzzCase{what: "bad credentials", method: m, path: rt.path, headers: h})
		}
		for _, q := range queryCases() {
			do(fuzzCase{what: "malformed query", method: m, path: rt.path + q})
		}
		if m == http.MethodGet || m == http.MethodHead {
			continue
		}
		for _, c := range bodyCases() {
			c.method, c.path = m, rt.path
			do(c)
		}
		// Wrong types for the fields the server's messages name, three
		// rounds deep (a message about one field names the next).
		seen := map[string]bool{}
		fields := do(fuzzCase{what: "empty object", method: m, path: rt.path, body: []byte(`{}`)})
		valid := map[string]any{}
		for round := 0; round < 3 && len(fields) > 0; round++ {
			var next []string
			for _, field := range fields {
				if seen[field] || len(seen) >= 12 {
					continue
				}
				seen[field] = true
				for _, v := range []any{123, -1, 1.5e300, true, nil, []any{1, "x"}, map[string]any{"a": 1}, "", strings.Repeat("x", 1<<20), "x\x00y"} {
					obj := maps.Clone(valid)
					obj[field] = v
					b, _ := json.Marshal(obj)
					next = append(next, do(fuzzCase{what: fmt.Sprintf("field %s: %s", field, typeName(v)), method: m, path: rt.path, body: b})...)
				}
				valid[field] = "x"
			}
			fields = next
		}
	}
}

func typeName(v any) string {
	switch v := v.(type) {
	case nil:
		return "null"
	case string:
		if len(v) > 100 {
			return "1 MiB string"
		}
		if strings.Contains(v, "\x00") {
			return "string with NUL"
		}
		return "empty string"
	default:
		return fmt.Sprintf("%T", v)
	}
}

// fuzzTrial runs the fuzzer on a real server with every limit lifted (so
// that every case reaches its handler), then checks that it still answers.
func fuzzTrial(ctx context.Context, r *trialRun) error {
	routes, err := serverRoutes(ctx, r.dir)
	if err != nil {
		return err
	}
	env := r.env(r.dataDir(), "FATHOM_ADDRESS_RATE_LIMIT=0", "FATHOM_MEETINGS_RATE_LIMIT=0", "FATHOM_MEETINGS_HEAVY_RATE_LIMIT=0",
		"FATHOM_SIGNIN_PAIR_FAILURES=1000000", "FATHOM_SIGNIN_ADDRESS_FAILURES=1000000", "FATHOM_SIGNIN_ACCOUNT_FAILURES=1000000")
	key, p, err := r.startWithKey(ctx, env)
	if err != nil {
		return err
	}
	f := &fuzzer{base: p.url, addr: p.addr, key: key, client: &http.Client{Timeout: time.Minute, Transport: askingTransport(),
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
	r.before = probeHealth(p.url, 40)
	fuzzCtx, done := context.WithCancel(ctx)
	go func() {
		defer done()
		work := make(chan fuzzRoute)
		var wg sync.WaitGroup
		for range 4 {
			wg.Go(func() {
				for rt := range work {
					f.runRoute(fuzzCtx, rt)
				}
			})
		}
		for _, pattern := range routes {
			work <- parseRoute(pattern)
		}
		close(work)
		wg.Wait()
		for _, c := range rawCases(p.addr, key) {
			if a, err := f.send(c); err != nil {
				f.find("no answer", c.what, fuzzAnswer{body: []byte(err.Error())})
			} else {
				f.check(c, a)
			}
		}
	}()
	s := sampleAttack(fuzzCtx, p.pid, p.url, 9*time.Minute)
	finished := fuzzCtx.Err() != nil && ctx.Err() == nil
	done()
	r.peak, r.during = max(r.peak, s.peak), s.health
	if !finished {
		r.failf("the fuzzer did not finish in 9 minutes")
	}
	if p.exited() {
		return fmt.Errorf("%w (%v):\n%s", errExited, p.err, tail(p.logText(), 20))
	}
	if _, err := healthLatency(p.url); err != nil {
		r.failf("/healthz after the fuzzer: %v", err)
	}
	r.notef("%d routes from the server's route table; %d requests; answers %s", len(routes), f.sent, &f.statuses)
	for _, kind := range slices.Sorted(maps.Keys(f.findings)) {
		ex := f.findings[kind]
		r.notef("finding: %d × %s, e.g.\n    %s", len(ex), kind, strings.Join(distinct(ex, 6), "\n    "))
		if kind != "4xx outside the project's error shape" {
			r.failf("%d × %s", len(ex), kind)
		}
	}
	return nil
}

// distinct picks up to n examples with different requests (the part
// before the case's description).
func distinct(examples []string, n int) []string {
	var out []string
	seen := map[string]bool{}
	for _, e := range examples {
		req, _, _ := strings.Cut(e, " (")
		if !seen[req] && len(out) < n {
			seen[req] = true
			out = append(out, e)
		}
	}
	return out
}
