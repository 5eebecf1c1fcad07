package gateway_test

import (
	"io"
	"net/http"
	"slices"
	"testing"
	"time"

	"github.com/fathom-oss/fathom/internal/gateway"
)

// BenchmarkProxy compares a call made directly to an upstream with the
// same call through the gateway (API key check, connection choice, token
// check, rate limit, forwarding), both over real HTTP on loopback, for a
// ~2 KB JSON page. It reports p50 and p99 latency per call; the gateway's
// overhead is the difference.
//
//	go test ./internal/gateway -run '^$' -bench BenchmarkProxy -benchtime 5000x -count 3
func BenchmarkProxy(b *testing.B) {
	h := newHarness(b, func(c *gateway.Config) { c.RateLimit = 1e6 })
	h.connected(b, h.key)
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 4}}
	direct := newRequest(b, http.MethodGet, h.up.URL+"/external/v1/page?limit=10")
	direct.Header.Set("Authorization", "Bearer at-1")
	via := newRequest(b, http.MethodGet, h.srv.URL+"/fathom/external/v1/page?limit=10")
	via.Header.Set("Authorization", "Bearer "+h.key)
	for _, bc := range []struct {
		name string
		req  *http.Request
	}{{"direct", direct}, {"gateway", via}} {
		b.Run(bc.name, func(b *testing.B) {
			lat := make([]time.Duration, 0, b.N)
			for b.Loop() {
				start := time.Now()
				resp, err := client.Do(bc.req)
				if err != nil {
					b.Fatal(err)
				}
				n, err := io.Copy(io.Discard, resp.Body)
				if cerr := resp.Body.Close(); err == nil {
					err = cerr
				}
				if err != nil || resp.StatusCode != http.StatusOK || n < 1500 {
					b.Fatalf("status %d, %d bytes, %v", resp.StatusCode, n, err)
				}
				lat = append(lat, time.Since(start))
			}
			slices.Sort(lat)
			b.ReportMetric(float64(lat[len(lat)/2].Microseconds()), "p50-µs")
			b.ReportMetric(float64(lat[len(lat)*99/100].Microseconds()), "p99-µs")
		})
	}
}
