package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"slices"
	"time"
)

// The harness of the attacks that "fathom bench reliability" runs and the
// tests measure, beside the server process (serve_process.go): its
// resident memory read from /proc, and a client that times /healthz beside
// the attack, as another client of the server would see it.

// probeClient is the other client whose latency an attack must not move
// much: its own connections, a timeout well above any bound.
var probeClient = &http.Client{Timeout: 30 * time.Second}

// healthLatency times one /healthz; an error or another status than 200
// is a failure.
func healthLatency(base string) (time.Duration, error) {
	begin := time.Now()
	resp, err := probeClient.Get(base + "/healthz")
	if err != nil {
		return 0, err
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return 0, fmt.Errorf("/healthz answered %d", resp.StatusCode)
	}
	return time.Since(begin), nil
}

// latencies are /healthz times of one phase (before or during an attack).
type latencies struct {
	times    []time.Duration
	failures int
}

// percentile is the p-th percentile (0 to 100) of the times, 0 when none.
func (l latencies) percentile(p int) time.Duration {
	if len(l.times) == 0 {
		return 0
	}
	s := slices.Sorted(slices.Values(l.times))
	return s[min(len(s)-1, len(s)*p/100)]
}

func (l latencies) String() string {
	out := fmt.Sprintf("p50 %s p99 %s", roundLatency(l.percentile(50)), roundLatency(l.percentile(99)))
	if l.failures > 0 {
		out += fmt.Sprintf(" (%d failed)", l.failures)
	}
	return out
}

func roundLatency(d time.Duration) time.Duration {
	switch {
	case d >= time.Second:
		return d.Round(10 * time.Millisecond)
	case d >= time.Millisecond:
		return d.Round(100 * time.Microsecond)
	default:
		return d.Round(time.Microsecond)
	}
}

// probeHealth times n calls of /healthz one after the other.
func probeHealth(base string, n int) latencies {
	var l latencies
	for range n {
		if d, err := healthLatency(base); err != nil {
			l.failures++
		} else {
			l.times = append(l.times, d)
		}
	}
	return l
}

// attackSample is what sampleAttack saw: the peak resident memory and
// the /healthz latencies.
type attackSample struct {
	peak   int64
	health latencies
}

// sampleAttack reads the server's resident memory and times its /healthz
// every 100 ms for d while an attack runs (or until ctx ends), and returns
// the peak resident memory (VmHWM at the end, which no sample can miss)
// and the latencies.
func sampleAttack(ctx context.Context, pid int, base string, d time.Duration) attackSample {
	var s attackSample
	deadline := time.Now().Add(d)
	for time.Now().Before(deadline) && ctx.Err() == nil {
		rss, _ := residentMemory(pid)
		s.peak = max(s.peak, rss)
		if d, err := healthLatency(base); err != nil {
			s.health.failures++
		} else {
			s.health.times = append(s.health.times, d)
		}
		time.Sleep(100 * time.Millisecond)
	}
	_, hwm := residentMemory(pid)
	s.peak = max(s.peak, hwm)
	return s
}

// errExited says the server under attack is gone.
var errExited = errors.New("the server exited during the attack")
