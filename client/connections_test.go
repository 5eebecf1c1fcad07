package client_test

import (
	"context"
	"errors"
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
