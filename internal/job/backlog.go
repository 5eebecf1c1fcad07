package job

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
)

// Backlog reads how many jobs wait in the queue, for monitoring. It reads
// River's job table directly: River's own counts group by state only,
// and the oldest available job's age is not among them.
type Backlog struct {
	read func(ctx context.Context) (*BacklogStats, error)
}

// BacklogStats is the queue's unfinished work.
type BacklogStats struct {
	// Counts holds the jobs by kind and state, for every state but
	// completed (completed jobs are only history, kept a day).
	Counts []JobCount
	// OldestAvailable is when the oldest job ready to run became ready
	// (zero when none is).
	OldestAvailable time.Time
}

// JobCount is the number of jobs of one kind in one state.
type JobCount struct {
	Kind  string
	State string
	Count int
}

// backlogCounts counts every state but completed: River's fetching index
// begins with the state, so the count walks the waiting and failed jobs
// and never the completed history.
const backlogCounts = `SELECT kind, CAST(state AS text), count(*) FROM river_job
WHERE state IN ('available', 'cancelled', 'discarded', 'pending', 'retryable', 'running', 'scheduled')
GROUP BY kind, state ORDER BY kind, state`

// backlogOldest reads when the oldest job ready to run became ready.
const backlogOldest = `SELECT min(scheduled_at) FROM river_job WHERE state = 'available'`

// countRows is what both engines' rows offer to read backlogCounts.
type countRows interface {
	Next() bool
	Scan(dest ...any) error
	Err() error
}

// scanBacklogCounts reads the rows of backlogCounts (kind, state, count).
func scanBacklogCounts(rows countRows) (*BacklogStats, error) {
	st := &BacklogStats{}
	for rows.Next() {
		var c JobCount
		var n int64
		if err := rows.Scan(&c.Kind, &c.State, &n); err != nil {
			return nil, fmt.Errorf("job backlog: %w", err)
		}
		c.Count = int(n)
		st.Counts = append(st.Counts, c)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("job backlog: %w", err)
	}
	return st, nil
}

// SQLiteBacklog reads the backlog through db, a read-only pool on the
// queue's database: a read there never waits behind the store's writer.
func SQLiteBacklog(db *sql.DB) Backlog {
	return Backlog{read: func(ctx context.Context) (*BacklogStats, error) {
		rows, err := db.QueryContext(ctx, backlogCounts)
		if err != nil {
			return nil, fmt.Errorf("job backlog: %w", err)
		}
		defer rows.Close()
		st, err := scanBacklogCounts(rows)
		if err != nil {
			return nil, err
		}
		var oldest sql.NullString
		if err := db.QueryRowContext(ctx, backlogOldest).Scan(&oldest); err != nil {
			return nil, fmt.Errorf("job backlog: %w", err)
		}
		if oldest.Valid {
			// River's SQLite driver writes times in UTC in this form.
			t, err := time.Parse("2006-01-02 15:04:05.999999999", oldest.String)
			if err != nil {
				return nil, fmt.Errorf("job backlog: scheduled_at %q: %w", oldest.String, err)
			}
			st.OldestAvailable = t
		}
		return st, nil
	}}
}

// PostgresBacklog reads the backlog through pool.
func PostgresBacklog(pool *pgxpool.Pool) Backlog {
	return Backlog{read: func(ctx context.Context) (*BacklogStats, error) {
		rows, err := pool.Query(ctx, backlogCounts)
		if err != nil {
			return nil, fmt.Errorf("job backlog: %w", err)
		}
		defer rows.Close()
		st, err := scanBacklogCounts(rows)
		if err != nil {
			return nil, err
		}
		var oldest *time.Time
		if err := pool.QueryRow(ctx, backlogOldest).Scan(&oldest); err != nil {
			return nil, fmt.Errorf("job backlog: %w", err)
		}
		if oldest != nil {
			st.OldestAvailable = *oldest
		}
		return st, nil
	}}
}

// Read returns the backlog now.
func (b Backlog) Read(ctx context.Context) (*BacklogStats, error) {
	if b.read == nil {
		return &BacklogStats{}, nil
	}
	return b.read(ctx)
}
