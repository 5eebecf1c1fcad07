package sqlite_test

import (
	"testing"

	"github.com/fathom-oss/fathom/internal/store"
	"github.com/fathom-oss/fathom/internal/store/sqlite/sqlitetest"
	"github.com/fathom-oss/fathom/internal/store/storetest"
)

func open(t *testing.T) store.Store { return sqlitetest.Open(t, t.TempDir()) }

func TestConformance(t *testing.T) { storetest.Exercise(t, open) }
