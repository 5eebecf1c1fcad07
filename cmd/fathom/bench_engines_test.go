package main

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/fathom-oss/fathom/internal/bench"
	"github.com/fathom-oss/fathom/internal/store/postgres/pgtest"
)

func TestParseEngines(t *testing.T) {
	tests := []struct {
		in      string
		want    []string
		wantErr string
	}{
		{"sqlite", []string{"sqlite"}, ""},
		{"sqlite,postgres", []string{"sqlite", "postgres"}, ""},
		{" postgres , sqlite", []string{"postgres", "sqlite"}, ""},
		{"sqlite,sqlite", nil, "twice"},
		{"mysql", nil, `"mysql" is not sqlite or postgres`},
		{"", nil, "--engines"},
	}
	for _, tt := range tests {
		got, err := parseEngines(tt.in)
		if tt.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("parseEngines(%q) error = %v, want one containing %q", tt.in, err, tt.wantErr)
			}
			continue
		}
		if err != nil || fmt.Sprint(got) != fmt.Sprint(tt.want) {
			t.Errorf("parseEngines(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
		}
	}
}

func TestBenchFlagsNameTheFlag(t *testing.T) {
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"bench", "--engines", "oracle"}, "--engines"},
		{[]string{"bench", "--servers", "1,0"}, "--servers"},
		{[]string{"bench", "--sizes", "ten"}, "--sizes"},
		{[]string{"bench", "--url", "http://127.0.0.1:1", "--key", "k", "--engines", "postgres"}, "--engines"},
		{[]string{"bench", "--only", "memory", "--engines", "postgres"}, "--engines"},
		{[]string{"bench", "--issue-types-by-meaning"}, "--issue-types-by-meaning"},
	} {
		code, _, errOut := cli(t, nil, tt.args...)
		if code == 0 || !strings.Contains(errOut, tt.want) {
			t.Errorf("fathom %s: exit %d, stderr %q; want a failure naming %s", strings.Join(tt.args, " "), code, errOut, tt.want)
		}
	}
}

func TestSideBySideTable(t *testing.T) {
	s := newSideBySide("sqlite", "postgres")
	s.addResult("sqlite", "track", bench.Result{Throughput: 2500, P50: 800 * time.Microsecond, P99: 12500 * time.Microsecond}, true)
	s.addResult("postgres", "track", bench.Result{Throughput: 900.4, P50: 2 * time.Millisecond, P99: 1500 * time.Millisecond, Errors: 3}, true)
	s.add("postgres", "lag", "p50 1 ms")
	var out strings.Builder
	s.print(&out, "title")
	want := `
title

| measure | sqlite | postgres |
|---|---|---|
| track | 2500 req/s, p50 800 µs, p99 12.50 ms | 900 req/s, p50 2.00 ms, p99 1.5s, 3 errors |
| lag | – | p50 1 ms |
`
	if out.String() != want {
		t.Errorf("table:\n%s\nwant:\n%s", out.String(), want)
	}
	var one strings.Builder
	newSideBySide("sqlite").print(&one, "title")
	if one.Len() != 0 {
		t.Errorf("a table of one column printed %q", one.String())
	}
}

// TestBenchEnginesSideBySide runs the same small benchmark on both engines
// in one run: both sets of figures, one table, and the throwaway
// PostgreSQL database gone at the end.
func TestBenchEnginesSideBySide(t *testing.T) {
	engineIndependent(t)
	if testing.Short() {
		t.Skip("seeds two servers")
	}
	pgtest.NewDatabase(t) // skips (or fails in CI) when PostgreSQL is not reachable
	code, out, errOut := cli(t, nil, "bench", "--engines", "sqlite,postgres", "--postgres-url", pgtest.ServerURL(),
		"--only", "similarity", "--sizes", "60", "--queries", "20", "--concurrency", "4", "--data", t.TempDir())
	if code != 0 {
		t.Fatalf("exit %d\nstdout: %s\nstderr: %s", code, out, errOut)
	}
	for _, want := range []string{"== sqlite", "== postgres", "| measure | sqlite | postgres |"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	row := regexp.MustCompile(`(?m)^\| similarity at 60 \| p50 [^|]+, p99 [^|]+ \| p50 [^|]+, p99 [^|]+ \|$`)
	if !row.MatchString(out) || strings.Contains(out, "errors") {
		t.Errorf("no similarity row with figures of both engines and no error:\n%s", out)
	}
	name := regexp.MustCompile(`throwaway database (fathom_bench_[0-9a-f]+)`).FindStringSubmatch(out)
	if name == nil {
		t.Fatalf("the output does not name the PostgreSQL database:\n%s", out)
	}
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, pgtest.ServerURL())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	var n int
	if err := conn.QueryRow(ctx, "SELECT count(*) FROM pg_database WHERE datname = $1", name[1]).Scan(&n); err != nil || n != 0 {
		t.Errorf("database %s left behind (%d, %v)", name[1], n, err)
	}
}
