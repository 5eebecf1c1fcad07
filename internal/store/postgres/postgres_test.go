package postgres_test

import (
	"testing"

	"github.com/fathom-oss/fathom/internal/store"
	"github.com/fathom-oss/fathom/internal/store/postgres/pgtest"
	"github.com/fathom-oss/fathom/internal/store/storetest"
)

func open(t *testing.T) store.Store { return pgtest.Open(t) }

// TestConformance runs the shared suite on a throwaway database per case.
func TestConformance(t *testing.T) { storetest.Exercise(t, open) }
