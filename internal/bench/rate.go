package bench

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"time"
)

// RateResult is a load offered at a stated rate (open loop): requests are
// sent when due whatever the answers to the earlier ones, so that a slow
// server gets a queue, as it would from independent clients, instead of
// slowing the load down.
type RateResult struct {
	Result
	// Offered is the rate asked for, requests per second.
	Offered int
	// Sent is how many requests were sent, Skipped how many were due but
	// not sent because MaxInFlight requests were already waiting.
	Sent, Skipped int
	// Achieved is the rate of requests sent that got a 200, per second of
	// the load (Result.Throughput is the same figure).
	Achieved float64
	// Late is the p99 of how late requests were sent after they were due
	// (the load generator's own delay: when it is large, the achieved
	// rate is the client's limit, not the server's).
	Late time.Duration
}

func (r RateResult) String() string {
	return fmt.Sprintf("%s\n  offered %d req/s for %s: sent %d (%.0f/s), skipped %d at the in-flight cap, achieved %.0f req/s acknowledged; sent late p99 %s",
		r.Result, r.Offered, r.Duration.Round(time.Millisecond), r.Sent, float64(r.Sent)/r.Duration.Seconds(), r.Skipped, r.Achieved,
		r.Late.Round(time.Microsecond))
}

// TrackAt tracks perSecond new conversations of 10 messages a second for
// d, open loop: request i is due at i/perSecond seconds and is sent then
// (late, at once, if the generator fell behind) unless maxInFlight
// requests are already waiting, in which case it is skipped and counted.
// Latencies run from when a request was due, so the time a request waited
// to be sent counts (no coordinated omission).
func TrackAt(ctx context.Context, t Target, c *Corpus, prefix string, perSecond int, d time.Duration, maxInFlight int) RateResult {
	return trackAt(ctx, t, c, prefix, perSecond, d, maxInFlight, nil)
}

// trackAt is TrackAt with windowEnd, when not nil, called once the last
// due request was sent or skipped and before waiting for the answers.
func trackAt(ctx context.Context, t Target, c *Corpus, prefix string, perSecond int, d time.Duration, maxInFlight int, windowEnd func()) RateResult {
	r := RateResult{Offered: perSecond}
	r.Name = fmt.Sprintf("track at %d/s (10 messages)", perSecond)
	if perSecond <= 0 || maxInFlight <= 0 {
		return r
	}
	var mu sync.Mutex
	var lat, late []time.Duration
	acked, failed := 0, 0
	slots := make(chan struct{}, maxInFlight)
	var wg sync.WaitGroup
	start := time.Now()
	for i := 0; ctx.Err() == nil; i++ {
		due := start.Add(time.Duration(i) * time.Second / time.Duration(perSecond))
		if due.Sub(start) >= d {
			break
		}
		if wait := time.Until(due); wait > 0 {
			select {
			case <-ctx.Done():
			case <-time.After(wait):
			}
			if ctx.Err() != nil {
				break
			}
		}
		select {
		case slots <- struct{}{}:
		default:
			r.Skipped++
			continue
		}
		r.Sent++
		sentLate := time.Since(due)
		wg.Go(func() {
			defer func() { <-slots }()
			err := t.post(ctx, "/api/v1/context/track", c.trackBody(fmt.Sprintf("%s-%d", prefix, i), i, 10))
			took := time.Since(due)
			mu.Lock()
			defer mu.Unlock()
			late = append(late, sentLate)
			if err != nil {
				if ctx.Err() == nil {
					failed++
				}
				return
			}
			acked++
			lat = append(lat, took)
		})
	}
	r.Duration = time.Since(start)
	if windowEnd != nil {
		windowEnd()
	}
	wg.Wait()
	slices.Sort(lat)
	slices.Sort(late)
	r.Requests, r.Errors = acked+failed, failed
	if r.Duration > 0 {
		r.Achieved = float64(acked) / r.Duration.Seconds()
		r.Throughput = r.Achieved
	}
	if len(lat) > 0 {
		r.P50, r.P99, r.Max = pct(lat, 0.50), pct(lat, 0.99), lat[len(lat)-1]
	}
	if len(late) > 0 {
		r.Late = pct(late, 0.99)
	}
	return r
}
