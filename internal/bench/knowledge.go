package bench

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"slices"
	"sync"
	"time"
)

// KnowledgeLag measures how long each probe takes to count in the issue
// types of the servers that did not take it: a server's
// GET /api/v1/context/conversations/{id} shows issueDetails only once its
// own knowledge holds the conversation's analysis under a named issue
// type, the type whose occurrences in GET /issues count it, and whose
// recommendations it feeds. The lag runs from the track's
// acknowledgement, and so covers the analysis (queued, then run on
// whichever server holds the tenant's lease) and the other servers'
// reads of the change feed.
type KnowledgeLag struct {
	lagWatch
	probes int
}

// NewKnowledgeLag returns a KnowledgeLag that asks every poll at first,
// then every twentieth of the time waited (the lag is measured to within
// 5 %), up to timeout.
func NewKnowledgeLag(poll, timeout time.Duration) *KnowledgeLag {
	return &KnowledgeLag{lagWatch: lagWatch{timeout: timeout, pause: func(waited time.Duration) time.Duration { return max(poll, waited/20) }}}
}

// Watch starts waiting, in the background, for each of readers to count
// conversation id, acknowledged at acked.
func (k *KnowledgeLag) Watch(ctx context.Context, readers []Target, id string, acked time.Time) {
	k.mu.Lock()
	k.probes++
	k.mu.Unlock()
	for _, t := range readers {
		k.watch(ctx, acked, func(ctx context.Context) (bool, error) { return t.typed(ctx, id) })
	}
}

// Result waits for every probe watched and returns their lags, one
// observation per probe and server watched.
func (k *KnowledgeLag) Result(name string) LagResult {
	k.mu.Lock()
	probes := k.probes
	k.mu.Unlock()
	return k.result(name, probes)
}

// lagWatch waits in the background for questions to be answered yes, each
// from its acknowledgement, pausing between asks as pause says, up to
// timeout, and keeps how long each took.
type lagWatch struct {
	timeout time.Duration
	pause   func(waited time.Duration) time.Duration
	wg      sync.WaitGroup
	mu      sync.Mutex
	lags    []time.Duration
	missed  int
}

func (w *lagWatch) watch(ctx context.Context, acked time.Time, yes func(context.Context) (bool, error)) {
	w.wg.Add(1)
	go func() {
		defer w.wg.Done()
		for ctx.Err() == nil && time.Since(acked) < w.timeout {
			if ok, err := yes(ctx); err == nil && ok {
				w.mu.Lock()
				w.lags = append(w.lags, time.Since(acked))
				w.mu.Unlock()
				return
			}
			select {
			case <-ctx.Done():
			case <-time.After(w.pause(time.Since(acked))):
			}
		}
		w.mu.Lock()
		w.missed++
		w.mu.Unlock()
	}()
}

// result waits for every watch and returns their lags.
func (w *lagWatch) result(name string, probes int) LagResult {
	w.wg.Wait()
	w.mu.Lock()
	defer w.mu.Unlock()
	r := LagResult{Name: name, Probes: probes, Missed: w.missed}
	r.observe(slices.Clone(w.lags))
	return r
}

// typed reports whether t shows conversation id with an issue type.
func (t Target) typed(ctx context.Context, id string) (bool, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, t.URL+"/api/v1/context/conversations/"+url.PathEscape(id)+"?limit=1", nil)
	if err != nil {
		return false, err
	}
	req.Header.Set("X-API-Key", t.Key)
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
		return false, fmt.Errorf("conversation %s: status %d", id, resp.StatusCode)
	}
	var env struct {
		Data struct {
			IssueDetails json.RawMessage `json:"issueDetails"`
		} `json:"data"`
	}
	if err := json.Unmarshal(raw, &env); err != nil {
		return false, fmt.Errorf("conversation %s: %w", id, err)
	}
	d := string(env.Data.IssueDetails)
	return d != "" && d != "null", nil
}
