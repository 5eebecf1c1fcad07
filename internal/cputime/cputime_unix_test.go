//go:build unix

package cputime_test

import (
	"crypto/sha256"
	"testing"
	"time"

	"github.com/fathom-oss/fathom/internal/cputime"
)

// A fixed amount of hashing must show as more processor time.
func TestProcessGrowsWithWork(t *testing.T) {
	before := cputime.Process()
	if before <= 0 {
		t.Fatalf("Process() = %v before any work, want > 0 (the test binary has run)", before)
	}
	start := time.Now()
	sum := sha256.Sum256(nil)
	for range 300_000 {
		sum = sha256.Sum256(sum[:])
	}
	if after := cputime.Process(); after <= before {
		t.Fatalf("Process() went from %v to %v over %v of hashing (%x), want it to grow", before, after, time.Since(start), sum[:4])
	}
}
