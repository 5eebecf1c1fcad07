package health

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/fathom-oss/fathom/internal/store"
)

// Watch returns st with every Write's outcome told to m, so that the
// first write that fails for want of storage opens an incident and the
// first that succeeds closes it. Reads pass through untouched.
func Watch(st store.Store, m *Monitor) store.Store {
	return &watched{Store: st, m: m}
}

type watched struct {
	store.Store
	m *Monitor
}

func (w *watched) Write(ctx context.Context, fn func(tx store.Tx) error) error {
	err := w.Store.Write(ctx, fn)
	w.m.ObserveWrite(err)
	return err
}

// probeSize is what FileProbe writes: enough that a success means a
// database write of ordinary size would fit too.
const probeSize = 1 << 20

// FileProbe returns a probe that writes probeSize bytes to a temporary
// file in dir, syncs and removes it: it succeeds when the file system
// under a SQLite database takes data again.
func FileProbe(dir string) func(context.Context) error {
	return func(context.Context) error {
		f, err := os.CreateTemp(dir, ".fathom-probe-*")
		if err != nil {
			return fmt.Errorf("write probe: %w", err)
		}
		defer os.Remove(f.Name())
		_, werr := f.Write(make([]byte, probeSize))
		serr := f.Sync()
		cerr := f.Close()
		for _, err := range []error{werr, serr, cerr} {
			if err != nil {
				return fmt.Errorf("write probe in %s: %w", filepath.Clean(dir), err)
			}
		}
		return nil
	}
}
