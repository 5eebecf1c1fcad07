package conversation

import (
	"log/slog"
	"runtime/debug"
	"runtime/metrics"
	"sync"
	"sync/atomic"
	"time"
)

// Returning memory once a backlog is drained.
//
// While analysis drains a backlog the Go heap grows to about twice what is
// live between collections (GOGC=100), and a consolidation's copy of the
// neighbour graph raises what is live for a moment. Once analysis is idle
// the runtime keeps those pages: its scavenger returns pages only down to
// a tenth above the heap goal (twice the live heap at the last collection),
// and an idle server collects only every two minutes, so a server that
// has just analysed holds far more resident memory than the same data
// started afresh (docs/benchmarks.md, "Memory after analysis returned to
// the system": at 200,000 conversations 248 MiB of free heap pages
// against a live heap only 16 MiB larger). What it keeps is free memory,
// not live data: one collection and a return of the free pages
// (debug.FreeOSMemory) gives it back.
//
// That costs a full collection (0.06–0.5 CPU-seconds at 200,000
// conversations, 254 MiB live; 2.9 at 1M), so it is done only when
// analysis of this process has just drained at least releaseAfter
// analyses and no other analysis is under way, and at most once every
// releaseEvery or every releaseCost times the processor time the last
// release took, whichever is longer: a steady trickle of writes, which
// analysis drains a few at a time, cannot spend more than 1/releaseCost of
// a core on it.
const (
	releaseAfter = analysisBatch
	releaseEvery = time.Minute
	releaseCost  = 100
)

// releaser decides when to return memory; memoryRelease is the process's:
// every Service of a process (tests and in-process benchmarks run several)
// shares one heap.
type releaser struct {
	mu       sync.Mutex
	analysed atomic.Int64 // analyses since the last release (a conversation analysed again counts again)
	last     time.Time
	cost     time.Duration // processor time of the last release
}

var memoryRelease releaser

// noteAnalysed counts conversations analysed toward the next release.
func noteAnalysed(n int) { memoryRelease.analysed.Add(int64(n)) }

// releaseMemory returns the heap's free pages to the system if at least
// releaseAfter analyses were made since the last release,
// the last was long enough ago, and underWay (the count of analyses under
// way, the caller's included) is at most 1. It blocks for the
// collection.
func releaseMemory(logger *slog.Logger, underWay int64) { memoryRelease.release(logger, underWay) }

func (r *releaser) release(logger *slog.Logger, underWay int64) {
	if underWay > 1 || r.analysed.Load() < releaseAfter {
		return
	}
	if !r.mu.TryLock() {
		return // another release is under way
	}
	defer r.mu.Unlock()
	now := time.Now()
	if !r.last.IsZero() && now.Sub(r.last) < max(releaseEvery, releaseCost*r.cost) {
		return
	}
	analysed := r.analysed.Swap(0)
	r.last = now
	before, cpu := heapHeld()
	debug.FreeOSMemory()
	after, cpuAfter := heapHeld()
	r.cost = cpuAfter - cpu
	logger.Info("memory returned after analysis", "analyses", analysed,
		"held_before_mb", before>>20, "held_after_mb", after>>20,
		"took", time.Since(now).Round(time.Millisecond), "gc_cpu", r.cost.Round(time.Millisecond))
}

// heapHeld is the memory the Go runtime holds from the system and has not
// returned (everything it mapped but what it released), and the processor
// time its collector and scavenger have used so far.
func heapHeld() (held uint64, cpu time.Duration) {
	s := []metrics.Sample{{Name: "/memory/classes/total:bytes"}, {Name: "/memory/classes/heap/released:bytes"},
		{Name: "/cpu/classes/gc/total:cpu-seconds"}, {Name: "/cpu/classes/scavenge/total:cpu-seconds"}}
	metrics.Read(s)
	secs := s[2].Value.Float64() + s[3].Value.Float64()
	return s[0].Value.Uint64() - s[1].Value.Uint64(), time.Duration(secs * float64(time.Second))
}
