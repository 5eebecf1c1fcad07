package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"io"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/fathom-oss/fathom/internal/bench"
	"github.com/fathom-oss/fathom/internal/config"
)

// defaultBenchPostgres is the PostgreSQL server on which --engines
// postgres and --only servers create their throwaway database.
const defaultBenchPostgres = "postgres://postgres@127.0.0.1:5432/postgres"

// parseEngines reads --engines: a comma-separated list of sqlite and
// postgres, each at most once, in the order given.
func parseEngines(s string) ([]string, error) {
	var out []string
	for _, e := range strings.Split(s, ",") {
		e = strings.TrimSpace(e)
		if e != config.EngineSQLite && e != config.EnginePostgres {
			return nil, fmt.Errorf("--engines: %q is not sqlite or postgres", e)
		}
		if slices.Contains(out, e) {
			return nil, fmt.Errorf("--engines: %s given twice", e)
		}
		out = append(out, e)
	}
	return out, nil
}

// benchDatabase is where one engine's measurements run: "" for SQLite in
// the server's temporary data directory, or a PostgreSQL database made for
// the run, dropped by drop.
type benchDatabase struct {
	engine string
	url    string
	name   string // the PostgreSQL database's name
	drop   func()
}

// String describes the database for the run's output.
func (d *benchDatabase) String() string {
	if d.engine == config.EnginePostgres {
		return fmt.Sprintf("postgresql, throwaway database %s (dropped at the end)", d.name)
	}
	return "sqlite in a temporary directory"
}

// openBenchDatabase prepares the database of engine; for PostgreSQL, an
// empty database on the server at adminURL.
func openBenchDatabase(ctx context.Context, engine, adminURL string) (*benchDatabase, error) {
	if engine == config.EngineSQLite {
		return &benchDatabase{engine: engine, drop: func() {}}, nil
	}
	u, drop, err := createThrowawayDatabase(ctx, adminURL)
	if err != nil {
		return nil, err
	}
	parsed, _ := url.Parse(u)
	return &benchDatabase{engine: engine, url: u, name: strings.TrimPrefix(parsed.Path, "/"), drop: drop}, nil
}

// createThrowawayDatabase creates a database of a new name on the
// PostgreSQL server at adminURL and returns its URL and a function that
// drops it (closing whatever connections are left: a benchmark stopped
// midway must not leave a database behind).
func createThrowawayDatabase(ctx context.Context, adminURL string) (string, func(), error) {
	u, err := url.Parse(adminURL)
	if err != nil || (u.Scheme != "postgres" && u.Scheme != "postgresql") {
		return "", nil, fmt.Errorf("--postgres-url: not a PostgreSQL URL: %q", config.RedactURL(adminURL))
	}
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	name := "fathom_bench_" + hex.EncodeToString(b)
	if err := adminExec(ctx, adminURL, "CREATE DATABASE "+name); err != nil {
		return "", nil, err
	}
	u.Path = "/" + name
	drop := func() {
		ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 30*time.Second)
		defer cancel()
		_ = adminExec(ctx, adminURL, "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)")
	}
	return u.String(), drop, nil
}

func adminExec(ctx context.Context, adminURL, sql string) error {
	conn, err := pgx.Connect(ctx, adminURL)
	if err != nil {
		return fmt.Errorf("--postgres-url %s: %w", config.RedactURL(adminURL), err)
	}
	defer conn.Close(context.WithoutCancel(ctx))
	if _, err := conn.Exec(ctx, sql); err != nil {
		return fmt.Errorf("%s: %w", sql, err)
	}
	return nil
}

// sideBySide gathers the figures of one run on several engines (or
// several server counts) and prints them as one table at the end, so that
// the columns come from the same minutes of the same machine.
type sideBySide struct {
	columns []string
	rows    []string
	cells   map[string]map[string]string // row → column → figure
}

func newSideBySide(columns ...string) *sideBySide {
	return &sideBySide{columns: columns, cells: map[string]map[string]string{}}
}

// add sets the figure of row in column.
func (s *sideBySide) add(column, row, figure string) {
	if s.cells[row] == nil {
		s.cells[row] = map[string]string{}
		s.rows = append(s.rows, row)
	}
	s.cells[row][column] = figure
}

// addResult sets a request measurement: its rate where the load was
// open-ended (throughput), its latencies always.
func (s *sideBySide) addResult(column, row string, r bench.Result, rate bool) {
	f := fmt.Sprintf("p50 %s, p99 %s", fmtDuration(r.P50), fmtDuration(r.P99))
	if rate {
		f = fmt.Sprintf("%.0f req/s, ", r.Throughput) + f
	}
	if r.Errors > 0 {
		f += fmt.Sprintf(", %d errors", r.Errors)
	}
	s.add(column, row, f)
}

// print writes the table in Markdown, one column per engine; nothing when
// there is one column only (the lines above already say it all).
func (s *sideBySide) print(w io.Writer, title string) {
	if len(s.columns) < 2 || len(s.rows) == 0 {
		return
	}
	fmt.Fprintf(w, "\n%s\n\n| measure | %s |\n|---|%s\n", title, strings.Join(s.columns, " | "), strings.Repeat("---|", len(s.columns)))
	for _, r := range s.rows {
		cells := make([]string, len(s.columns))
		for i, c := range s.columns {
			if cells[i] = s.cells[r][c]; cells[i] == "" {
				cells[i] = "–"
			}
		}
		fmt.Fprintf(w, "| %s | %s |\n", r, strings.Join(cells, " | "))
	}
}

// fmtDuration rounds a latency to what a table needs: microseconds below
// a millisecond, two decimals of milliseconds below a second.
func fmtDuration(d time.Duration) string {
	switch {
	case d < time.Millisecond:
		return fmt.Sprintf("%d µs", d.Microseconds())
	case d < time.Second:
		return fmt.Sprintf("%.2f ms", float64(d)/float64(time.Millisecond))
	}
	return d.Round(10 * time.Millisecond).String()
}
