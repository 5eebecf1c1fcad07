package bench

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// TrackAcross is Track with the load spread over several servers: request
// i goes to targets[i mod len(targets)], so each server takes an equal
// share whatever its speed, as behind a round-robin load balancer.
func TrackAcross(ctx context.Context, targets []Target, c *Corpus, prefix string, concurrency int, d time.Duration) Result {
	ctx, cancel := context.WithTimeout(ctx, d)
	defer cancel()
	return run(ctx, "track (10 messages)", concurrency, 1<<31-1, func(ctx context.Context, i int) error {
		t := targets[i%len(targets)]
		return t.post(ctx, "/api/v1/context/track", c.trackBody(fmt.Sprintf("%s-%d", prefix, i), i, 10))
	})
}

// Paced tracks perSecond new conversations of 10 messages a second, spread
// over targets, until ctx ends: a steady background load below what the
// servers can take, so that what is measured beside it is not a backlog.
// It returns how many were acknowledged and how many failed.
func Paced(ctx context.Context, targets []Target, c *Corpus, prefix string, perSecond int) (acked, failed int) {
	if perSecond <= 0 {
		<-ctx.Done()
		return 0, 0
	}
	ticks := make(chan int)
	var ok, bad atomic.Int64
	var wg sync.WaitGroup
	for range 16 { // enough in flight that a slow request does not hold the pace
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range ticks {
				err := targets[i%len(targets)].post(ctx, "/api/v1/context/track", c.trackBody(fmt.Sprintf("%s-%d", prefix, i), i, 10))
				switch {
				case err == nil:
					ok.Add(1)
				case ctx.Err() == nil:
					bad.Add(1)
				}
			}
		}()
	}
	start := time.Now()
	for i := 0; ; i++ {
		// Request i is due at i/perSecond seconds: late ticks are sent at
		// once rather than dropped, so the rate holds on average.
		wait := time.Until(start.Add(time.Duration(i) * time.Second / time.Duration(perSecond)))
		select {
		case <-ctx.Done():
			close(ticks)
			wg.Wait()
			return int(ok.Load()), int(bad.Load())
		case <-time.After(wait):
		}
		select {
		case ticks <- i:
		case <-ctx.Done():
		}
	}
}

// LagResult is a visibility-lag measurement: for each probe and each server
// polled, the time from the track's acknowledgement to the first
// similarity answer of that server listing the conversation.
type LagResult struct {
	Name          string
	Probes        int
	Observations  int // probe × polled server pairs that saw the conversation
	Missed        int // pairs that did not within the timeout
	P50, P99, Max time.Duration
}

// observe sorts lags and sets the observations and their percentiles.
func (r *LagResult) observe(lags []time.Duration) {
	slices.Sort(lags)
	r.Observations = len(lags)
	if len(lags) > 0 {
		r.P50, r.P99, r.Max = pct(lags, 0.50), pct(lags, 0.99), lags[len(lags)-1]
	}
}

func (r LagResult) String() string {
	return fmt.Sprintf("%-28s %4d probes %5d seen %3d missed  p50 %8s  p99 %8s  max %8s",
		r.Name, r.Probes, r.Observations, r.Missed, r.P50.Round(time.Millisecond), r.P99.Round(time.Millisecond), r.Max.Round(time.Millisecond))
}

// VisibilityLag tracks probes conversations one after another, probe k
// through targets[k mod n], each with a word no other conversation has, and
// polls similarity every poll on every other target (on the one target
// when there is only one) until the conversation is listed, or timeout.
func VisibilityLag(ctx context.Context, targets []Target, c *Corpus, name, prefix string, probes int, poll, timeout time.Duration) LagResult {
	return visibilityLag(ctx, targets, c, name, prefix, probes, poll, timeout, nil)
}

// VisibilityLagWatched is VisibilityLag that also hands each probe, once
// acknowledged, to watch with the targets polled for it (to time what
// else shows it, in the background).
func VisibilityLagWatched(ctx context.Context, targets []Target, c *Corpus, name, prefix string, probes int, poll, timeout time.Duration,
	watch func(readers []Target, id string, acked time.Time)) LagResult {
	return visibilityLag(ctx, targets, c, name, prefix, probes, poll, timeout, watch)
}

// VisibilityLagUntil measures visibility beside a load: until until ends
// it tracks a probe every every, in turn through each target, without
// waiting for the earlier ones, and polls similarity on every other target
// (on the one target when there is only one) until the probe is listed,
// or timeout: every poll at first, then every twentieth of the time
// waited so far, so that probes a lagging server keeps waiting do not
// become a load of their own. analysis, when not nil, watches each
// probe's analysis too.
func VisibilityLagUntil(ctx, until context.Context, targets []Target, c *Corpus, name, prefix string, every, poll, timeout time.Duration, analysis *AnalysisLag) LagResult {
	r := LagResult{Name: name}
	var mu sync.Mutex
	var lags []time.Duration
	var wg sync.WaitGroup
	rng := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 17))
	tick := time.NewTicker(every)
	defer tick.Stop()
	for k := 0; ctx.Err() == nil && until.Err() == nil; k++ {
		r.Probes++
		writer := k % len(targets)
		id := fmt.Sprintf("%s-%d", prefix, k)
		text := c.Text(k) + " reference " + uniqueWord(rng)
		wg.Add(1)
		go func() {
			defer wg.Done()
			var readers []Target
			for i, t := range targets {
				if i != writer || len(targets) == 1 {
					readers = append(readers, t)
				}
			}
			body, _ := json.Marshal(map[string]any{"conversationId": id, "messages": []message{
				{"user", text}, {"assistant", replies[k%len(replies)]}}})
			if err := targets[writer].post(ctx, "/api/v1/context/track", body); err != nil {
				mu.Lock()
				r.Missed += len(readers)
				mu.Unlock()
				return
			}
			acked := time.Now()
			if analysis != nil {
				analysis.Watch(ctx, id, acked)
			}
			var inner sync.WaitGroup
			for _, t := range readers {
				inner.Add(1)
				go func() {
					defer inner.Done()
					lag := waitListedBackoff(ctx, t, text, id, acked, poll, timeout)
					mu.Lock()
					defer mu.Unlock()
					if lag >= 0 {
						lags = append(lags, lag)
					} else {
						r.Missed++
					}
				}()
			}
			inner.Wait()
		}()
		select {
		case <-ctx.Done():
		case <-until.Done():
		case <-tick.C:
		}
	}
	wg.Wait()
	r.observe(lags)
	return r
}

// waitListedBackoff is waitListed with the pause between polls growing
// to a twentieth of the time waited: the lag is measured to within 5 %.
func waitListedBackoff(ctx context.Context, t Target, message, id string, acked time.Time, poll, timeout time.Duration) time.Duration {
	return pollListed(ctx, t, message, id, acked, timeout, func(waited time.Duration) time.Duration { return max(poll, waited/20) })
}

// AnalysisLag measures how long each probe waited for its analysis:
// analysed reports whether the conversation's analysis is stored (a read
// of the server's database), polled every poll, up to timeout, from the
// probe's acknowledgement; each probe is waited for in the background.
type AnalysisLag struct {
	lagWatch
	analysed func(ctx context.Context, id string) (bool, error)
}

// NewAnalysisLag returns an AnalysisLag that asks analysed.
func NewAnalysisLag(analysed func(ctx context.Context, id string) (bool, error), poll, timeout time.Duration) *AnalysisLag {
	return &AnalysisLag{lagWatch: lagWatch{timeout: timeout, pause: func(time.Duration) time.Duration { return poll }}, analysed: analysed}
}

// Watch starts waiting for conversation id's analysis, acknowledged at
// acked.
func (a *AnalysisLag) Watch(ctx context.Context, id string, acked time.Time) {
	a.watch(ctx, acked, func(ctx context.Context) (bool, error) { return a.analysed(ctx, id) })
}

// Result waits for every probe watched and returns their lags.
func (a *AnalysisLag) Result(name string) LagResult {
	a.wg.Wait()
	a.mu.Lock()
	probes := len(a.lags) + a.missed
	a.mu.Unlock()
	return a.result(name, probes)
}

func visibilityLag(ctx context.Context, targets []Target, c *Corpus, name, prefix string, probes int, poll, timeout time.Duration,
	watch func(readers []Target, id string, acked time.Time)) LagResult {
	r := LagResult{Name: name, Probes: probes}
	var lags []time.Duration
	rng := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 13))
	for k := 0; k < probes && ctx.Err() == nil; k++ {
		writer := k % len(targets)
		id := fmt.Sprintf("%s-%d", prefix, k)
		text := c.Text(k) + " reference " + uniqueWord(rng)
		body, _ := json.Marshal(map[string]any{"conversationId": id, "messages": []message{
			{"user", text}, {"assistant", replies[k%len(replies)]}}})
		if err := targets[writer].post(ctx, "/api/v1/context/track", body); err != nil {
			r.Missed += max(1, len(targets)-1)
			continue
		}
		acked := time.Now()
		var readers []Target
		for i, t := range targets {
			if i != writer || len(targets) == 1 {
				readers = append(readers, t)
			}
		}
		if watch != nil {
			watch(readers, id, acked)
		}
		found := make(chan time.Duration, len(readers))
		for _, t := range readers {
			go func() { found <- waitListed(ctx, t, text, id, acked, poll, timeout) }()
		}
		for range readers {
			if lag := <-found; lag >= 0 {
				lags = append(lags, lag)
			} else {
				r.Missed++
			}
		}
		if k == 2 && len(lags) == 0 { // the servers do not see each other's writes: say so now
			r.Probes = k + 1
			break
		}
	}
	r.observe(lags)
	return r
}

// uniqueWord is ten random letters: a term no corpus text holds, so that
// similarity ranks the probe first for its own text.
func uniqueWord(rng *rand.Rand) string {
	var b strings.Builder
	for range 10 {
		b.WriteByte(byte('a' + rng.IntN(26)))
	}
	return b.String()
}

// waitListed polls similarity on t for message until conversation id is
// listed and returns the time since acked, or -1 after timeout. Polling is
// the only way to see another process's state over its public API.
func waitListed(ctx context.Context, t Target, message, id string, acked time.Time, poll, timeout time.Duration) time.Duration {
	return pollListed(ctx, t, message, id, acked, timeout, func(time.Duration) time.Duration { return poll })
}

// pollListed is waitListed with the pause before the next poll given by
// pause of the time waited so far.
func pollListed(ctx context.Context, t Target, message, id string, acked time.Time, timeout time.Duration, pause func(waited time.Duration) time.Duration) time.Duration {
	body, _ := json.Marshal(map[string]any{"message": message, "limit": 10})
	for ctx.Err() == nil && time.Since(acked) < timeout {
		if ok, err := t.lists(ctx, body, id); err == nil && ok {
			return time.Since(acked)
		}
		select {
		case <-ctx.Done():
		case <-time.After(pause(time.Since(acked))):
		}
	}
	return -1
}

// lists asks similarity with body and reports whether conversation id is
// among the answers.
func (t Target) lists(ctx context.Context, body []byte, id string) (bool, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, t.URL+"/api/v1/context/similarity", strings.NewReader(string(body)))
	if err != nil {
		return false, err
	}
	req.Header.Set("X-API-Key", t.Key)
	req.Header.Set("Content-Type", "application/json")
	resp, err := t.Client.Do(req)
	if err != nil {
		return false, err
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		return false, err
	}
	if resp.StatusCode != http.StatusOK {
		return false, fmt.Errorf("similarity: status %d", resp.StatusCode)
	}
	var env struct {
		Data struct {
			Conversations []struct {
				ConversationID string `json:"conversationId"`
			} `json:"conversations"`
		} `json:"data"`
	}
	if err := json.Unmarshal(raw, &env); err != nil {
		return false, fmt.Errorf("similarity: %w", err)
	}
	for _, c := range env.Data.Conversations {
		if c.ConversationID == id {
			return true, nil
		}
	}
	return false, nil
}
