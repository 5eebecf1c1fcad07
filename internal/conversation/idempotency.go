package conversation

import (
	"context"

	"github.com/fathom-oss/fathom/internal/store"
)

// replayable is a result that can say it was replayed from an earlier
// request with the same Idempotency-Key.
type replayable[T any] interface {
	*T
	markReplayed()
}

// writeOnce runs fn in one write transaction, unless a request with the
// same Idempotency-Key and the same params was answered before: then that
// answer is replayed. A new answer is remembered under the key in the same
// transaction, so a retry after a crash either replays it or runs afresh.
func writeOnce[T any, P replayable[T]](ctx context.Context, s *Service, tenantID int64, scope, key string, params any, fn func(tx store.Tx) (*T, error)) (*T, error) {
	var fp string // only a request with a key is remembered or replayed
	if key != "" {
		fp = fingerprint(params)
	}
	var res *T
	err := s.store.Write(ctx, func(tx store.Tx) error {
		prev, replayed, err := replay[T](ctx, tx, tenantID, scope, key, fp)
		if err != nil {
			return err
		}
		if replayed {
			P(prev).markReplayed()
			res = prev
			return nil
		}
		if res, err = fn(tx); err != nil {
			return err
		}
		return remember(ctx, tx, tenantID, scope, key, fp, res, s.now())
	})
	if err != nil {
		return nil, err
	}
	return res, nil
}
