package postgres_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/fathom-oss/fathom/internal/fathom"
	"github.com/fathom-oss/fathom/internal/store"
	"github.com/fathom-oss/fathom/internal/store/postgres/pgtest"
)

// TestLostConnectionIsUnavailable: a write whose connection the database
// ends (an administrator's pg_terminate_backend, a restart) fails as
// store.ErrUnavailable (503), keeps nothing, and the next write succeeds on
// a new connection.
func TestLostConnectionIsUnavailable(t *testing.T) {
	db := pgtest.Open(t)
	ctx := context.Background()
	err := db.Write(ctx, func(tx store.Tx) error {
		if _, err := tx.TenantCreate(ctx, &store.TenantCreateParams{Name: "lost", CreatedAt: time.Now()}); err != nil {
			return err
		}
		_, err := tx.(interface{ PgxTx() pgx.Tx }).PgxTx().Exec(ctx, "SELECT pg_terminate_backend(pg_backend_pid())")
		return err
	})
	if !errors.Is(err, store.ErrUnavailable) || fathom.ErrorCode(err) != fathom.EUNAVAILABLE {
		t.Fatalf("write on a terminated connection: %v (code %q), want store.ErrUnavailable", err, fathom.ErrorCode(err))
	}
	if _, err := db.TenantGetByName(ctx, "lost"); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("tenant of the lost write: %v, want not found", err)
	}
	if err := db.Write(ctx, func(tx store.Tx) error {
		_, err := tx.TenantCreate(ctx, &store.TenantCreateParams{Name: "after", CreatedAt: time.Now()})
		return err
	}); err != nil {
		t.Fatalf("write after the lost connection: %v", err)
	}
}
