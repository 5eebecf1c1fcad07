package postgres_test

import (
	"context"
	"testing"

	"github.com/fathom-oss/fathom/internal/store/postgres"
	"github.com/fathom-oss/fathom/internal/store/postgres/pgtest"
)

// The pool is sized by the caller's MaxConns unless the URL names its
// size, so that servers sharing one PostgreSQL can each be given less.
func TestPoolSizeFromURL(t *testing.T) {
	t.Parallel()
	url := pgtest.NewDatabase(t)
	for _, tc := range []struct {
		url  string
		want int32
	}{{url, 16}, {url + "?pool_max_conns=3", 3}} {
		db, err := postgres.Open(context.Background(), postgres.Config{URL: tc.url, MaxConns: 16})
		if err != nil {
			t.Fatal(err)
		}
		got := db.Pool().Config().MaxConns
		db.Close()
		if got != tc.want {
			t.Errorf("%s: pool of %d, want %d", tc.url, got, tc.want)
		}
	}
}
