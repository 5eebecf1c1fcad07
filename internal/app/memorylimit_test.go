package app_test

import (
	"runtime/debug"
	"testing"
)

// TestMemoryLimitSetsTheRuntimes: --memory-limit becomes the Go runtime's
// soft limit when the server opens (the limit is the process's, so the
// test puts the one it found back).
func TestMemoryLimitSetsTheRuntimes(t *testing.T) {
	before := debug.SetMemoryLimit(-1)
	t.Cleanup(func() { debug.SetMemoryLimit(before) })
	cfg := testConfig(t)
	cfg.MemoryLimit = before - 1<<20 // any value the test did not find
	start(t, cfg)
	if got := debug.SetMemoryLimit(-1); got != cfg.MemoryLimit {
		t.Fatalf("runtime memory limit = %d, want --memory-limit %d", got, cfg.MemoryLimit)
	}
}
