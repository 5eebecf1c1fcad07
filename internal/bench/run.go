package bench

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"slices"
	"sync"
	"sync/atomic"
	"time"
)

// Target is the server under load.
type Target struct {
	URL    string
	Key    string
	Client *http.Client
}

// NewTarget returns a target with a client sized for concurrency.
func NewTarget(url, key string, concurrency int) Target {
	tr := &http.Transport{MaxIdleConns: concurrency * 2, MaxIdleConnsPerHost: concurrency * 2, IdleConnTimeout: time.Minute}
	return Target{URL: url, Key: key, Client: &http.Client{Transport: tr, Timeout: time.Minute}}
}

// Result is one measured run.
type Result struct {
	Name       string
	Requests   int
	Errors     int
	Duration   time.Duration
	Throughput float64 // requests per second
	P50, P99   time.Duration
	Max        time.Duration
}

func (r Result) String() string {
	return fmt.Sprintf("%-28s %8d req %5d err %8.0f req/s  p50 %8s  p99 %8s  max %8s",
		r.Name, r.Requests, r.Errors, r.Throughput, r.P50.Round(time.Microsecond), r.P99.Round(time.Microsecond), r.Max.Round(time.Microsecond))
}

func (t Target) post(ctx context.Context, path string, body []byte) error {
	return t.do(ctx, http.MethodPost, path, bytes.NewReader(body))
}

func (t Target) get(ctx context.Context, path string) error {
	return t.do(ctx, http.MethodGet, path, nil)
}

// do sends a request with the key (the header name suits both APIs) and
// fails on any status but 200.
func (t Target) do(ctx context.Context, method, path string, body io.Reader) error {
	req, err := http.NewRequestWithContext(ctx, method, t.URL+path, body)
	if err != nil {
		return err
	}
	req.Header.Set("X-API-Key", t.Key)
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := t.Client.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	_, _ = io.Copy(io.Discard, resp.Body)
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("%s: status %d", path, resp.StatusCode)
	}
	return nil
}

// run calls do(i) for i in [0, n) from concurrency goroutines, or until
// ctx ends, and measures each call.
func run(ctx context.Context, name string, concurrency, n int, do func(ctx context.Context, i int) error) Result {
	var next atomic.Int64
	var errs atomic.Int64
	lat := make([][]time.Duration, concurrency)
	var wg sync.WaitGroup
	start := time.Now()
	for w := range concurrency {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for ctx.Err() == nil {
				i := int(next.Add(1)) - 1
				if i >= n {
					return
				}
				t0 := time.Now()
				if err := do(ctx, i); err != nil {
					if ctx.Err() != nil {
						return
					}
					errs.Add(1)
				}
				lat[w] = append(lat[w], time.Since(t0))
			}
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)
	all := slices.Concat(lat...)
	slices.Sort(all)
	r := Result{Name: name, Requests: len(all), Errors: int(errs.Load()), Duration: elapsed}
	if len(all) > 0 {
		r.Throughput = float64(len(all)) / elapsed.Seconds()
		r.P50, r.P99, r.Max = pct(all, 0.50), pct(all, 0.99), all[len(all)-1]
	}
	return r
}

func pct(sorted []time.Duration, p float64) time.Duration {
	i := int(float64(len(sorted)-1) * p)
	return sorted[i]
}

type message struct {
	Role    string `json:"role"`
	Content string `json:"content"`
}

var replies = []string{
	"Thanks for reaching out, let me look into that for you.",
	"Can you check whether your card has expired?",
	"I have reset that for you, please try again now.",
	"Could you tell me the date and amount of the transaction?",
	"That usually happens when the bank blocks the payment; please contact them.",
}

// trackBody is conversation i of a load of conversations of size messages:
// user turns are corpus texts, conversation after conversation, so a load
// of len(c.Texts) user turns uses every text once.
func (c *Corpus) trackBody(id string, i, size int) []byte {
	msgs := make([]message, size)
	turns := (size + 1) / 2
	for j := range msgs {
		if j%2 == 0 {
			msgs[j] = message{"user", c.Text(i*turns + j/2)}
		} else {
			msgs[j] = message{"assistant", replies[(i+j)%len(replies)]}
		}
	}
	b, _ := json.Marshal(map[string]any{"conversationId": id, "messages": msgs})
	return b
}

// Track sends requests of 10 messages, each a new conversation, for d.
func Track(ctx context.Context, t Target, c *Corpus, prefix string, concurrency int, d time.Duration) Result {
	return TrackAcross(ctx, []Target{t}, c, prefix, concurrency, d)
}

// Seed tracks n two-message conversations (a corpus text and a reply) as
// fast as the server takes them.
func Seed(ctx context.Context, t Target, c *Corpus, prefix string, n, concurrency int) Result {
	return run(ctx, fmt.Sprintf("seed %d conversations", n), concurrency, n, func(ctx context.Context, i int) error {
		return t.post(ctx, "/api/v1/context/track", c.trackBody(fmt.Sprintf("%s-%d", prefix, i), i, 2))
	})
}

// Similarity asks n similarity queries from the corpus's query set.
func Similarity(ctx context.Context, t Target, c *Corpus, name string, n, concurrency, limit int) Result {
	bodies := make([][]byte, len(c.Queries))
	for i, q := range c.Queries {
		bodies[i], _ = json.Marshal(map[string]any{"message": q, "limit": limit})
	}
	return run(ctx, name, concurrency, n, func(ctx context.Context, i int) error {
		return t.post(ctx, "/api/v1/context/similarity", bodies[i%len(bodies)])
	})
}
