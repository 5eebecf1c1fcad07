package client_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"

	"github.com/fathom-oss/fathom/client"
)

// TestConnectionsAgainstServer manages connections on the server's own
// gateway; with no upstream consent they stay PENDING, and calls through
// the gateway are refused until one is ACTIVE.
func TestConnectionsAgainstServer(t *testing.T) {
	url, key := server(t)
	ctx := context.Background()
	gw, err := client.New(client.WithBaseURL(url+"/fathom"), client.WithGateway(key, ""), client.WithRateLimit(0, 0))
	if err != nil {
		t.Fatal(err)
	}
	cn, err := gw.CreateConnection(ctx, "fathom")
	if err != nil || cn.Status != "PENDING" || cn.URL == "" || cn.ConnectionID == "" {
		t.Fatalf("create: %+v %v", cn, err)
	}
	list, err := gw.Connections(ctx, "fathom", "PENDING")
	if err != nil || len(list) != 1 || list[0].ConnectionID != cn.ConnectionID {
		t.Fatalf("list: %+v %v", list, err)
	}
	if got, err := gw.Connection(ctx, cn.ConnectionID); err != nil || got.Status != "PENDING" {
		t.Fatalf("get: %+v %v", got, err)
	}
	for _, err := range gw.Teams(ctx) {
		if !errors.Is(err, client.ErrInvalid) {
			t.Fatalf("a call with no active connection: %v, want 400", err)
		}
	}
	if err := gw.DeleteConnection(ctx, cn.ConnectionID); err != nil {
		t.Fatal(err)
	}
	if _, err := gw.Connection(ctx, cn.ConnectionID); !errors.Is(err, client.ErrNotFound) {
		t.Fatalf("get after delete: %v", err)
	}
	bad, _ := client.New(client.WithBaseURL(url+"/fathom"), client.WithGateway("fth_wrong", ""))
	if _, err := bad.Connections(ctx, "", ""); !errors.Is(err, client.ErrUnauthorized) {
		t.Fatalf("bad key: %v", err)
	}
}

// TestConnectionRetriesRateLimit: the gateway's per-account rate limit
// counts requests for connections too, so a 429 there is retried after
// Retry-After like any other call's, not returned.
func TestConnectionRetriesRateLimit(t *testing.T) {
	var calls atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		if calls.Add(1) < 3 {
			w.Header().Set("Retry-After", "0")
			w.WriteHeader(http.StatusTooManyRequests)
			w.Write([]byte(`{"error":"rate limit reached"}`))
			return
		}
		w.Write([]byte(`{"connection":{"connection_id":"c1","status":"ACTIVE"}}`))
	}))
	defer srv.Close()
	c, _ := client.New(client.WithBaseURL(srv.URL+"/fathom"), client.WithGateway("k", ""), client.WithRateLimit(0, 0))
	got, err := c.Connection(context.Background(), "c1")
	if err != nil || got.Status != "ACTIVE" || calls.Load() != 3 {
		t.Fatalf("connection %+v err %v after %d calls, want ACTIVE after 2 retries", got, err, calls.Load())
	}
	none, _ := client.New(client.WithBaseURL(srv.URL+"/fathom"), client.WithGateway("k", ""), client.WithRetries(0), client.WithRateLimit(0, 0))
	calls.Store(0)
	if _, err := none.Connection(context.Background(), "c1"); !errors.Is(err, client.ErrRateLimited) {
		t.Fatalf("without retries: %v", err)
	}
}
