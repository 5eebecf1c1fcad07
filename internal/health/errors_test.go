package health_test

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/fathom-oss/fathom/internal/fathom"
	"github.com/fathom-oss/fathom/internal/health"
	"github.com/fathom-oss/fathom/internal/store"
)

func TestStoreErrorsCountedByKind(t *testing.T) {
	m := health.New(health.Config{})
	for _, err := range []error{
		nil,
		errFull, errFull, // unavailable
		errors.New("connection reset"),                      // other
		fmt.Errorf("insert: %w", store.ErrDuplicate),        // an answer: not counted
		fmt.Errorf("get: %w", store.ErrNotFound),            // an answer
		fathom.Errorf(fathom.EINVALID, "bad messages"),      // a rule's refusal
		fmt.Errorf("write: %w", context.Canceled),           // the client left
		fathom.Errorf(fathom.EINTERNAL, "broken invariant"), // other
	} {
		m.ObserveWrite(err)
	}
	if got, want := m.StoreErrors(), (health.StoreErrors{Unavailable: 2, Other: 2}); got != want {
		t.Fatalf("StoreErrors = %+v, want %+v", got, want)
	}
}

func TestFreeSpaceMeasuredWithoutAFloor(t *testing.T) {
	calls := 0
	m := health.New(health.Config{Dir: t.TempDir(), FreeSpace: func(string) (int64, error) { calls++; return 42 << 20, nil }})
	if free, ok := m.FreeSpace(); !ok || free != 42<<20 {
		t.Fatalf("FreeSpace = %d, %v; want %d, true", free, ok, 42<<20)
	}
	m.FreeSpace()
	if calls != 1 {
		t.Fatalf("free space measured %d times in one period, want 1", calls)
	}
	if _, ok := health.New(health.Config{}).FreeSpace(); ok {
		t.Fatal("FreeSpace without a directory reported a figure")
	}
}
