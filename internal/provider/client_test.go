package provider_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/fathom-oss/fathom/internal/provider"
	"github.com/fathom-oss/fathom/internal/provider/providertest"
)

const testKey = "sk-test-secret-0123456789"

func newClient(t *testing.T, cfg provider.ClientConfig) (*provider.Client, *providertest.Server) {
	t.Helper()
	m, err := provider.LoadStatic(providertest.WriteModel2Vec(t, t.TempDir(), false))
	if err != nil {
		t.Fatal(err)
	}
	srv := providertest.NewServer(t, m)
	cfg.URL, cfg.Model, cfg.Key = srv.URL+"/v1", "tiny", testKey
	c, err := provider.NewClient(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return c, srv
}

func TestClientBatches(t *testing.T) {
	t.Parallel()
	c, srv := newClient(t, provider.ClientConfig{Batch: 2})
	texts := []string{"wifi drops", "card declined", "password reset", "internet offline", "refund"}
	v, err := c.Embed(context.Background(), texts)
	if err != nil {
		t.Fatal(err)
	}
	if len(v) != len(texts) {
		t.Fatalf("%d vectors for %d texts", len(v), len(texts))
	}
	if cosine(v[0], v[3]) < 0.9 || cosine(v[0], v[1]) > 0.3 {
		t.Errorf("vectors out of order: cos(0,3) %.2f cos(0,1) %.2f", cosine(v[0], v[3]), cosine(v[0], v[1]))
	}
	reqs := srv.Requests()
	if len(reqs) != 3 || len(reqs[0].Input) != 2 || len(reqs[2].Input) != 1 {
		t.Errorf("requests %+v, want batches of 2, 2, 1", reqs)
	}
	if reqs[0].Auth != "Bearer "+testKey || reqs[0].Model != "tiny" {
		t.Errorf("auth %q model %q", reqs[0].Auth, reqs[0].Model)
	}
	if u := c.Usage(); u.Requests != 3 || u.Texts != 5 || u.Tokens == 0 {
		t.Errorf("usage %+v", u)
	}
}

// A 503 with Retry-After is tried again after at least that wait; a 400
// is not tried again; neither error shows the key.
func TestClientRetries(t *testing.T) {
	t.Parallel()
	c, srv := newClient(t, provider.ClientConfig{Retries: 2, MaxBackoff: 2 * time.Second})
	srv.Fail.Store(503)
	srv.RetryAfter.Store("1")
	go func() {
		for len(srv.Requests()) < 1 {
			time.Sleep(5 * time.Millisecond)
		}
		srv.Fail.Store(0)
	}()
	start := time.Now()
	if _, err := c.Embed(context.Background(), []string{"wifi"}); err != nil {
		t.Fatal(err)
	}
	if took := time.Since(start); took < time.Second {
		t.Errorf("retried after %s, before Retry-After's 1s", took)
	}
	if n := len(srv.Requests()); n != 2 {
		t.Errorf("%d requests, want 2", n)
	}

	srv.Fail.Store(400)
	before := len(srv.Requests())
	_, err := c.Embed(context.Background(), []string{"wifi"})
	if !errors.Is(err, provider.ErrUnavailable) || strings.Contains(err.Error(), testKey) {
		t.Errorf("err = %v", err)
	}
	if n := len(srv.Requests()) - before; n != 1 {
		t.Errorf("a 400 was sent %d times, want once", n)
	}

	srv.Fail.Store(500)
	srv.RetryAfter.Store("")
	before = len(srv.Requests())
	if _, err := c.Embed(context.Background(), []string{"wifi"}); !errors.Is(err, provider.ErrUnavailable) {
		t.Errorf("err = %v", err)
	}
	if n := len(srv.Requests()) - before; n != 3 {
		t.Errorf("a 500 was sent %d times, want 3 (1 + 2 retries)", n)
	}
}

// A slow endpoint fails within the attempt timeout, and a cancelled
// context stops the retries.
func TestClientTimeout(t *testing.T) {
	t.Parallel()
	c, srv := newClient(t, provider.ClientConfig{Timeout: 100 * time.Millisecond, Retries: -1})
	srv.Delay.Store(int64(2 * time.Second))
	start := time.Now()
	_, err := c.Embed(context.Background(), []string{"wifi"})
	if !errors.Is(err, provider.ErrUnavailable) || time.Since(start) > time.Second {
		t.Errorf("err %v after %s", err, time.Since(start))
	}
	if strings.Contains(err.Error(), testKey) {
		t.Errorf("error shows the key: %v", err)
	}
}

func TestClientConfig(t *testing.T) {
	t.Parallel()
	if _, err := provider.NewClient(provider.ClientConfig{URL: "http://x"}); err == nil {
		t.Error("a client without a model")
	}
}
