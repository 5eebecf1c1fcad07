package postgres

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/fathom-oss/fathom/internal/store"
)

// Several servers write to one database, each in its own transactions, so
// the read-then-write patterns of the services need locks that SQLite's
// single writer made unnecessary:
//
//   - a row read inside a transaction is locked (forUpdate), so that an
//     update computed from it cannot overwrite a concurrent one;
//   - a key read inside a transaction and found missing is locked with a
//     transaction-scoped advisory lock (lockMissing) before it is read
//     again: of two transactions that both miss and then insert, the
//     second waits for the first to end and then finds its row, instead
//     of failing on the unique key.

// forUpdate is the locking clause of a read: inside a transaction FOR NO
// KEY UPDATE, the lock an UPDATE of the row takes; nothing on the pool.
// Not FOR UPDATE: that one would also make inserts of rows referencing the
// row (messages, analyses, feedback: their foreign-key checks) wait for
// this transaction.
func (q queries) forUpdate() string {
	if q.inTx {
		return " FOR NO KEY UPDATE"
	}
	return ""
}

// lockMissing runs get; inside a transaction, a miss takes the advisory
// lock of key and runs get once more. Read committed gives the second
// read a new snapshot, so it sees a row committed while the lock was
// awaited. The lock is held until the transaction ends, which is what
// makes a concurrent reader of the same key wait for the insert that
// usually follows a miss.
func lockMissing[T any](ctx context.Context, q queries, key []string, get func() (T, error)) (T, error) {
	v, err := get()
	if !q.inTx || !errors.Is(err, store.ErrNotFound) {
		return v, err
	}
	if err := q.lockKey(ctx, key...); err != nil {
		return v, err
	}
	return get()
}

// lockKey takes the transaction-scoped advisory lock of a key. Keys are
// hashed to 64 bits; two keys sharing a hash only wait for each other.
func (q queries) lockKey(ctx context.Context, parts ...string) error {
	if _, err := q.q.Exec(ctx, `SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, lockKeyText(parts)); err != nil {
		return fmt.Errorf("lock %q: %w", parts, err)
	}
	return nil
}

// lockKeyText is the text a lock key is hashed from.
func lockKeyText(parts []string) string {
	return "fathom\x1f" + strings.Join(parts, "\x1f") // text holds no NUL
}

// idText is an id as part of a lock key.
func idText(id int64) string { return strconv.FormatInt(id, 10) }
