package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sync"

	"github.com/fathom-oss/fathom/internal/store"
)

// errClosed is returned by Write after Close.
var errClosed = errors.New("sqlite: database is closed")

// batcher is the group commit: one goroutine owns the writer connection and
// runs every queued write function in one transaction, each inside its own
// savepoint, then commits once. Under load a single fsync covers many
// requests; with one caller it is an ordinary transaction.
type batcher struct {
	db       *sql.DB
	maxBatch int
	queue    chan *writeReq
	mu       sync.RWMutex // guards closed against sends on a closed queue
	closed   bool
	done     chan struct{}
}

type writeReq struct {
	ctx   context.Context
	fn    func(store.Tx) error
	err   error
	after []func()
	done  chan struct{}
}

func newBatcher(db *sql.DB, maxBatch int) *batcher {
	b := &batcher{db: db, maxBatch: maxBatch, queue: make(chan *writeReq, maxBatch), done: make(chan struct{})}
	go b.loop()
	return b
}

func (b *batcher) do(ctx context.Context, fn func(store.Tx) error) error {
	req := &writeReq{ctx: ctx, fn: fn, done: make(chan struct{})}
	b.mu.RLock()
	if b.closed {
		b.mu.RUnlock()
		return errClosed
	}
	b.queue <- req
	b.mu.RUnlock()
	// Wait for the outcome even if ctx ends: once queued, the write may
	// commit, and the caller must not report failure for committed work.
	<-req.done
	if req.err == nil {
		for _, f := range req.after {
			f()
		}
	}
	return req.err
}

func (b *batcher) close() {
	b.mu.Lock()
	if !b.closed {
		b.closed = true
		close(b.queue)
	}
	b.mu.Unlock()
	<-b.done
}

func (b *batcher) loop() {
	defer close(b.done)
	batch := make([]*writeReq, 0, b.maxBatch)
	for req := range b.queue {
		batch = append(batch[:0], req)
	fill:
		for len(batch) < b.maxBatch {
			select {
			case r, ok := <-b.queue:
				if !ok {
					break fill
				}
				batch = append(batch, r)
			default:
				break fill
			}
		}
		b.run(batch)
	}
}

// run executes one batch and reports to every request in it.
func (b *batcher) run(batch []*writeReq) {
	defer func() {
		for _, r := range batch {
			close(r.done)
		}
	}()
	ctx := context.Background()
	sqlTx, err := b.db.BeginTx(ctx, nil)
	if err != nil {
		for _, r := range batch {
			r.err = unavailable(fmt.Errorf("begin write transaction: %w", err))
		}
		return
	}
	single := len(batch) == 1
	ok := 0
	for i, r := range batch {
		if err := r.ctx.Err(); err != nil {
			r.err = err
			continue
		}
		r.err = unavailable(b.runOne(sqlTx, r, single))
		if errors.Is(r.err, store.ErrUnavailable) {
			// SQLite may have rolled the whole transaction back (it does
			// on SQLITE_FULL and some I/O errors): the rest would run
			// outside it, one autocommit statement at a time. Nothing of
			// the batch is kept, and every caller is told so.
			_ = sqlTx.Rollback()
			for _, o := range batch[:i] {
				if o.err == nil {
					o.err = r.err
				}
			}
			for _, o := range batch[i+1:] {
				o.err = r.err
			}
			return
		}
		if r.err == nil {
			ok++
		}
	}
	if ok == 0 {
		_ = sqlTx.Rollback()
		return
	}
	if err := sqlTx.Commit(); err != nil {
		err = unavailable(fmt.Errorf("commit: %w", err))
		for _, r := range batch {
			if r.err == nil {
				r.err = err
			}
		}
	}
}

// runOne runs one request's function inside a savepoint so that its failure
// undoes only its own writes. A lone request needs no savepoint.
func (b *batcher) runOne(sqlTx *sql.Tx, r *writeReq, single bool) (err error) {
	ctx := context.WithoutCancel(r.ctx)
	t := &tx{queries: queries{conn{tx: sqlTx}}, sqlTx: sqlTx}
	if !single {
		if _, err := sqlTx.ExecContext(ctx, "SAVEPOINT w"); err != nil {
			return fmt.Errorf("savepoint: %w", err)
		}
	}
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("panic in write transaction: %v", p)
		}
		if single {
			return
		}
		if err != nil {
			_, _ = sqlTx.ExecContext(ctx, "ROLLBACK TO w")
		}
		_, _ = sqlTx.ExecContext(ctx, "RELEASE w")
	}()
	if err := r.fn(t); err != nil {
		return err
	}
	r.after = t.after
	return nil
}

// tx is the store.Tx handed to write functions.
type tx struct {
	queries
	sqlTx *sql.Tx
	after []func()
}

func (t *tx) AfterCommit(f func()) { t.after = append(t.after, f) }

// SQLTx is the transaction, for the job queue to insert jobs in the same
// commit; nothing else should use it. It is not part of store.Tx: each
// engine offers the queue its own kind of transaction.
func (t *tx) SQLTx() *sql.Tx { return t.sqlTx }
