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
	r.returnFree(logger, "memory returned after analysis", "analyses", r.analysed.Swap(0))
}

// returnFree returns the heap's free pages to the system now and logs
// msg with what was held before and after; r.mu held.
func (r *releaser) returnFree(logger *slog.Logger, msg string, args ...any) {
	now := time.Now()
	r.last = now
	before, cpu := heapHeld()
	debug.FreeOSMemory()
	after, cpuAfter := heapHeld()
	r.cost = cpuAfter - cpu
	logger.Info(msg, append(args, "held_before_mb", before>>20, "held_after_mb", after>>20,
		"took", time.Since(now).Round(time.Millisecond), "gc_cpu", r.cost.Round(time.Millisecond))...)
}

// ReleaseLoadMemory returns, once and on a goroutine of its own, the free
// heap a start leaves: the load decodes the saved index and models through
// buffers it then drops, so a server just started held about 100 MiB more
// at 200,000 conversations than its live heap needs, and an idle server
// would keep it (see above). The next return after analysis waits
// releaseEvery from this one. A start of fewer than releaseAfter
// conversations (loaded) has little to return and returns nothing.
func (s *Service) ReleaseLoadMemory(loaded int) { memoryRelease.afterLoad(s.logger, loaded) }

// afterLoad is ReleaseLoadMemory on r; the channel it returns is closed
// once the return is done, nil when there is none.
func (r *releaser) afterLoad(logger *slog.Logger, loaded int) <-chan struct{} {
	if loaded < releaseAfter {
		return nil
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		r.mu.Lock()
		defer r.mu.Unlock()
		r.returnFree(logger, "memory returned after the load")
	}()
	return done
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
