package sqlite

import (
	"context"
	"database/sql"
	"sync"
)

// stmtCache keeps one prepared statement per query text. SQLite spends a
// large share of a short statement's time parsing and planning it; a
// prepared statement skips that (measured: the parser was 22% of CPU under
// track load before this cache).
//
// The writer pool has a single connection, held by the open transaction
// while write functions run, so a statement cannot be prepared on the pool
// then: a miss inside a transaction runs unprepared and is remembered, and
// the batcher prepares what was missed between transactions.
type stmtCache struct {
	db      *sql.DB
	mu      sync.RWMutex
	m       map[string]*sql.Stmt
	missed  map[string]struct{}
	hasMiss bool
}

func newStmtCache(db *sql.DB) *stmtCache {
	return &stmtCache{db: db, m: map[string]*sql.Stmt{}, missed: map[string]struct{}{}}
}

// lookup returns the cached statement, or nil after noting the miss.
func (c *stmtCache) lookup(query string) *sql.Stmt {
	c.mu.RLock()
	st := c.m[query]
	c.mu.RUnlock()
	if st == nil {
		c.mu.Lock()
		c.missed[query], c.hasMiss = struct{}{}, true
		c.mu.Unlock()
	}
	return st
}

// prepareMissed prepares the statements missed inside transactions. The
// caller must not hold the pool's connection.
func (c *stmtCache) prepareMissed(ctx context.Context) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.hasMiss {
		return
	}
	for q := range c.missed {
		// A statement that fails to prepare keeps running unprepared
		// and reports its error where it runs.
		if st, err := c.db.PrepareContext(ctx, q); err == nil {
			c.m[q] = st
		}
		delete(c.missed, q)
	}
	c.hasMiss = false
}

func (c *stmtCache) get(ctx context.Context, query string) (*sql.Stmt, error) {
	c.mu.RLock()
	st, ok := c.m[query]
	c.mu.RUnlock()
	if ok {
		return st, nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if st, ok := c.m[query]; ok {
		return st, nil
	}
	st, err := c.db.PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	c.m[query] = st
	return st, nil
}

func (c *stmtCache) close() {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, st := range c.m {
		st.Close()
	}
	c.m = nil
}

// conn runs statements through the cache, on the pool or, when tx is set,
// inside that transaction (database/sql reuses the statement already
// prepared on the transaction's connection).
type conn struct {
	cache *stmtCache
	tx    *sql.Tx
}

// stmt returns the prepared statement for query, or nil when it must run
// unprepared this time.
func (c conn) stmt(ctx context.Context, query string) *sql.Stmt {
	if c.tx != nil {
		if st := c.cache.lookup(query); st != nil {
			return c.tx.StmtContext(ctx, st)
		}
		return nil
	}
	st, err := c.cache.get(ctx, query)
	if err != nil {
		return nil // run unprepared: the same error surfaces there
	}
	return st
}

func (c conn) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	if st := c.stmt(ctx, query); st != nil {
		return st.ExecContext(ctx, args...)
	}
	if c.tx != nil {
		return c.tx.ExecContext(ctx, query, args...)
	}
	return c.cache.db.ExecContext(ctx, query, args...)
}

func (c conn) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	if st := c.stmt(ctx, query); st != nil {
		return st.QueryContext(ctx, args...)
	}
	if c.tx != nil {
		return c.tx.QueryContext(ctx, query, args...)
	}
	return c.cache.db.QueryContext(ctx, query, args...)
}

func (c conn) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	if st := c.stmt(ctx, query); st != nil {
		return st.QueryRowContext(ctx, args...)
	}
	if c.tx != nil {
		return c.tx.QueryRowContext(ctx, query, args...)
	}
	return c.cache.db.QueryRowContext(ctx, query, args...)
}
