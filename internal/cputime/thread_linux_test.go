//go:build linux

package cputime_test

import (
	"crypto/sha256"
	"runtime"
	"testing"
	"time"

	"github.com/fathom-oss/fathom/internal/cputime"
)

// A locked goroutine's hashing shows as its thread's processor time, and
// its sleeping does not.
func TestThreadCountsOnlyWork(t *testing.T) {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	before := cputime.Thread()
	time.Sleep(200 * time.Millisecond)
	slept := cputime.Thread() - before
	if slept >= 100*time.Millisecond {
		t.Errorf("Thread() grew %v over a 200ms sleep, want far less", slept)
	}
	before = cputime.Thread()
	sum := sha256.Sum256(nil)
	for range 300_000 {
		sum = sha256.Sum256(sum[:])
	}
	if worked := cputime.Thread() - before; worked <= 0 {
		t.Fatalf("Thread() did not grow over 300,000 hashes (%x)", sum[:4])
	}
}
