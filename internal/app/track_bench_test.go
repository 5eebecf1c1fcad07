package app_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strconv"
	"sync/atomic"
	"testing"
	"time"

	"github.com/fathom-oss/fathom/internal/app"
	"github.com/fathom-oss/fathom/internal/bench"
	"github.com/fathom-oss/fathom/internal/config"
	"github.com/fathom-oss/fathom/internal/cputime"
	"github.com/fathom-oss/fathom/internal/tenant"
)

// BenchmarkTrack is what a track request of 10 messages (a new
// conversation, as `fathom bench --only track` sends) costs end to end:
// the real server on a real port with its SQLite file at the default
// synchronous=full, 32 clients over HTTP on loopback, the load's texts
// from BANKING77 when ../shared/data has it, the access log formatted and
// thrown away as in fathom bench. Analysis is off (no workers)
// so that the figure is the track's own: the parse, the write, the index
// update and the answer. cpu-ns/op is the process's CPU time per request,
// the client's included; compare it turn about against another build
// rather than ns/op, which a loaded machine moves far more.
func BenchmarkTrack(b *testing.B) {
	cfg := config.Default()
	cfg.Addr = "127.0.0.1:0"
	cfg.DataDir = b.TempDir()
	cfg.BootstrapKey = false
	cfg.LogLevel = "warn"
	cfg.Workers = 0
	// A text log thrown away, as fathom bench has: the access log is
	// formatted for every request, as a server that logs would.
	a := app.New(cfg, slog.New(slog.NewTextHandler(io.Discard, nil)), io.Discard)
	if err := a.Open(context.Background()); err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		if err := a.Close(ctx); err != nil {
			b.Error(err)
		}
	})
	k, err := a.Tenants.CreateKey(context.Background(), tenant.CreateKeyParams{Tenant: "bench", UserEmail: "ops@bench.test"})
	if err != nil {
		b.Fatal(err)
	}
	key := k.Secret

	corpus := bench.LoadCorpus("../../../shared/data/banking77")
	b.Logf("corpus: %s", corpus.Source)
	const size, variants = 10, 2000
	bodies := make([][]byte, variants) // the messages of conversation i % variants
	for i := range bodies {
		msgs := make([]map[string]string, size)
		for j := range msgs {
			if j%2 == 0 {
				msgs[j] = map[string]string{"role": "user", "content": corpus.Text(i*size/2 + j/2)}
			} else {
				msgs[j] = map[string]string{"role": "assistant", "content": benchReplies[(i+j)%len(benchReplies)]}
			}
		}
		bodies[i], _ = json.Marshal(msgs)
	}
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 64}, Timeout: time.Minute}
	url := "http://" + a.Addr() + "/api/v1/context/track"
	var next atomic.Int64
	track := func(buf []byte) ([]byte, error) {
		i := next.Add(1)
		buf = append(buf[:0], `{"conversationId":"bench-`...)
		buf = strconv.AppendInt(buf, i, 10)
		buf = append(buf, `","messages":`...)
		buf = append(buf, bodies[i%variants]...)
		buf = append(buf, '}')
		req, err := http.NewRequest(http.MethodPost, url, bytes.NewReader(buf))
		if err != nil {
			return buf, err
		}
		req.Header.Set("X-API-Key", key)
		req.Header.Set("Content-Type", "application/json")
		resp, err := client.Do(req)
		if err != nil {
			return buf, err
		}
		_, _ = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			return buf, fmt.Errorf("status %d", resp.StatusCode)
		}
		return buf, nil
	}
	// Warm the connections, the statement cache and the index.
	var buf []byte
	for range 200 {
		var err error
		if buf, err = track(buf); err != nil {
			b.Fatal(err)
		}
	}
	b.SetParallelism(16) // 32 clients on 2 cores, as fathom bench
	b.ReportAllocs()
	b.ResetTimer()
	cpu := cputime.Process()
	b.RunParallel(func(pb *testing.PB) {
		var buf []byte
		for pb.Next() {
			var err error
			if buf, err = track(buf); err != nil {
				b.Error(err)
				return
			}
		}
	})
	b.ReportMetric(float64(cputime.Process()-cpu)/float64(b.N), "cpu-ns/op")
}

var benchReplies = []string{
	"Thanks for reaching out, let me look into that for you.",
	"Can you check whether your card has expired?",
	"I have reset that for you, please try again now.",
	"Could you tell me the date and amount of the transaction?",
	"That usually happens when the bank blocks the payment; please contact them.",
}
