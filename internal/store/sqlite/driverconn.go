package sqlite

import (
	"container/list"
	"context"
	"database/sql/driver"
	"errors"
	"fmt"

	"modernc.org/sqlite"
)

// SQLite spends much of a short statement's time parsing and planning it,
// and a prepared statement skips that. So every connection keeps its
// recent statements prepared, by query text, for whoever runs them: the
// store's own queries, inside transactions as well as outside, and the job
// queue's (River's SQLite driver fills its queries in at run time and runs
// them unprepared: an idle server's polls spent most of their processor
// time in SQLite's parser, docs/benchmarks.md).
//
// database/sql uses a connection from one goroutine at a time, but a
// statement's rows may still be open when the same text runs again in the
// same transaction: that run gets a statement of its own, closed after it.

// preparedPerConn bounds the statements a connection keeps: some queries
// are written with as many placeholders as values, so their texts are
// many.
const preparedPerConn = 256

// connector opens connections to dsn that keep their statements prepared.
func connector(dsn string) (driver.Connector, error) {
	c, err := sqlite.NewConnector(dsn)
	if err != nil {
		return nil, err
	}
	return preparingConnector{c}, nil
}

type preparingConnector struct{ driver.Connector }

func (c preparingConnector) Connect(ctx context.Context) (driver.Conn, error) {
	conn, err := c.Connector.Connect(ctx)
	if err != nil {
		return nil, err
	}
	full, ok := conn.(fullConn)
	if !ok {
		conn.Close()
		return nil, fmt.Errorf("sqlite: the driver's connection %T lacks a context method", conn)
	}
	return &preparingConn{inner: full, byText: map[string]*list.Element{}, recent: list.New()}, nil
}

// fullConn is what modernc's connection offers beyond driver.Conn.
type fullConn interface {
	driver.Conn
	driver.ConnBeginTx
	driver.ConnPrepareContext
	driver.ExecerContext
	driver.QueryerContext
	driver.Pinger
	driver.SessionResetter
	driver.Validator
}

// preparingConn is a connection that keeps its recent statements
// prepared, the most recently used first in recent.
type preparingConn struct {
	inner  fullConn
	byText map[string]*list.Element
	recent *list.List
}

type prepared struct {
	query string
	stmt  driver.Stmt
	busy  bool // its rows are open
}

func (c *preparingConn) Prepare(query string) (driver.Stmt, error) { return c.inner.Prepare(query) }

// Begin is BeginTx with the default options: database/sql calls BeginTx.
func (c *preparingConn) Begin() (driver.Tx, error) {
	return c.inner.BeginTx(context.Background(), driver.TxOptions{})
}
func (c *preparingConn) BeginTx(ctx context.Context, opts driver.TxOptions) (driver.Tx, error) {
	return c.inner.BeginTx(ctx, opts)
}
func (c *preparingConn) PrepareContext(ctx context.Context, query string) (driver.Stmt, error) {
	return c.inner.PrepareContext(ctx, query)
}
func (c *preparingConn) Ping(ctx context.Context) error         { return c.inner.Ping(ctx) }
func (c *preparingConn) ResetSession(ctx context.Context) error { return c.inner.ResetSession(ctx) }
func (c *preparingConn) IsValid() bool                          { return c.inner.IsValid() }

// Close closes the kept statements, then the connection.
func (c *preparingConn) Close() error {
	var errs []error
	for e := c.recent.Front(); e != nil; e = e.Next() {
		errs = append(errs, e.Value.(*prepared).stmt.Close())
	}
	c.byText, c.recent = nil, list.New()
	return errors.Join(append(errs, c.inner.Close())...)
}

// take returns the kept statement of query, preparing and keeping it if
// there is none, marked busy; or, when the kept one is busy, a statement
// of this run's own, which release closes (it is not the one kept).
func (c *preparingConn) take(ctx context.Context, query string) (*prepared, error) {
	if e, ok := c.byText[query]; ok {
		p := e.Value.(*prepared)
		if !p.busy {
			c.recent.MoveToFront(e)
			p.busy = true
			return p, nil
		}
		st, err := c.inner.PrepareContext(ctx, query)
		if err != nil {
			return nil, err
		}
		return &prepared{query: query, stmt: st}, nil
	}
	st, err := c.inner.PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	p := &prepared{query: query, stmt: st, busy: true}
	c.byText[query] = c.recent.PushFront(p)
	if c.recent.Len() > preparedPerConn { // one over at most: one was added
		c.evict()
	}
	return p, nil
}

// evict forgets the least recently used statement, closing it unless its
// rows are open (then the rows close it).
func (c *preparingConn) evict() {
	e := c.recent.Back()
	p := c.recent.Remove(e).(*prepared)
	delete(c.byText, p.query)
	if !p.busy {
		p.stmt.Close()
	}
}

// release marks p free again, or closes it if it is not the one kept.
func (c *preparingConn) release(p *prepared) {
	p.busy = false
	if e, ok := c.byText[p.query]; !ok || e.Value.(*prepared) != p {
		p.stmt.Close()
	}
}

func (c *preparingConn) ExecContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Result, error) {
	p, err := c.take(ctx, query)
	if err != nil {
		return nil, err
	}
	defer c.release(p)
	return p.stmt.(driver.StmtExecContext).ExecContext(ctx, args)
}

func (c *preparingConn) QueryContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Rows, error) {
	p, err := c.take(ctx, query)
	if err != nil {
		return nil, err
	}
	rows, err := p.stmt.(driver.StmtQueryContext).QueryContext(ctx, args)
	if err != nil {
		c.release(p)
		return nil, err
	}
	return &preparedRows{rowsWithTypes: rows.(rowsWithTypes), done: func() { c.release(p) }}, nil
}

// rowsWithTypes is what modernc's rows offer: database/sql asks for the
// column types through these.
type rowsWithTypes interface {
	driver.Rows
	driver.RowsColumnTypeDatabaseTypeName
	driver.RowsColumnTypeLength
	driver.RowsColumnTypeNullable
	driver.RowsColumnTypePrecisionScale
	driver.RowsColumnTypeScanType
}

// preparedRows are a kept statement's rows; closing them frees the
// statement for the next run.
type preparedRows struct {
	rowsWithTypes
	done func()
}

func (r *preparedRows) Close() error {
	err := r.rowsWithTypes.Close()
	if r.done != nil {
		r.done()
		r.done = nil
	}
	return err
}
