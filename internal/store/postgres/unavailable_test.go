package postgres

import (
	"errors"
	"fmt"
	"io"
	"net"
	"syscall"
	"testing"

	"github.com/jackc/pgx/v5/pgconn"

	"github.com/fathom-oss/fathom/internal/fathom"
	"github.com/fathom-oss/fathom/internal/store"
)

// TestUnavailableErrors checks which PostgreSQL failures are "cannot store
// data now" (503) and which stay what they were.
func TestUnavailableErrors(t *testing.T) {
	tests := []struct {
		name string
		err  error
		want bool
	}{
		{"disk full", &pgconn.PgError{Code: "53100", Message: "could not extend file"}, true},
		{"out of memory", &pgconn.PgError{Code: "53200"}, true},
		{"connection failure", &pgconn.PgError{Code: "08006"}, true},
		{"admin shutdown", &pgconn.PgError{Code: "57P01"}, true},
		{"lost connection", fmt.Errorf("commit: %w", io.ErrUnexpectedEOF), true},
		{"connection reset", &net.OpError{Op: "read", Err: syscall.ECONNRESET}, true},
		{"refused", fmt.Errorf("dial: %w", syscall.ECONNREFUSED), true},
		{"unique violation", &pgconn.PgError{Code: "23505"}, false},
		{"serialization failure", &pgconn.PgError{Code: "40001"}, false},
		{"other", errors.New("boom"), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := unavailable(fmt.Errorf("write: %w", tt.err))
			if got := errors.Is(err, store.ErrUnavailable); got != tt.want {
				t.Fatalf("unavailable(%v) is ErrUnavailable = %v, want %v", tt.err, got, tt.want)
			}
			if tt.want && fathom.ErrorCode(err) != fathom.EUNAVAILABLE {
				t.Fatalf("code %q, want %q", fathom.ErrorCode(err), fathom.EUNAVAILABLE)
			}
			if !errors.Is(err, tt.err) {
				t.Fatalf("the driver's error left the chain: %v", err)
			}
		})
	}
}
