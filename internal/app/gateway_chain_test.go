package app_test

import (
	"context"
	"fmt"
	"log/slog"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/fathom-oss/fathom/client"
	"github.com/fathom-oss/fathom/internal/app"
	"github.com/fathom-oss/fathom/internal/config"
	"github.com/fathom-oss/fathom/internal/fathom"
)

// TestGatewayChain runs both ends of the managed-OAuth story on real
// servers: an app registered on one server (the upstream) gets alice's
// consent through its sign-in page, driven by way of the other server's
// gateway connect link; then our Go client and the official SDK list her
// meetings through the gateway with Maton-Connection, ten concurrent calls
// refresh the connection's token once, and no token reaches a log.
func TestGatewayChain(t *testing.T) {
	// alice@acme.com with a password, on a server whose log is kept and
	// whose access tokens live one minute.
	up := startOAuth(t, func(c *config.Config) { c.AccessTokenTTL = time.Minute })
	ctx := context.Background()
	var ids []int64 // alice's meetings, newest first
	for i := range 12 {
		id := recordingID(t, up.ingest(t, up.alice, map[string]any{"title": fmt.Sprint("Upstream ", i),
			"recording_end_time": fmt.Sprintf("2026-11-%02dT10:00:00Z", i+1)}))
		ids = append([]int64{id}, ids...)
	}
	up.waitProcessed(t, up.alice, ids[0])

	// The gateway's address must be known to register its callback.
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	gwAddr := l.Addr().String()
	l.Close()
	reg, err := up.OAuth.RegisterApp(ctx, "Meeting Notes (gateway)", []string{"http://" + gwAddr + "/connect/callback"})
	if err != nil {
		t.Fatal(err)
	}
	cfg := testConfig(t)
	cfg.Addr = gwAddr
	cfg.GatewayUpstreamURL = up.URL
	cfg.GatewayAuthorizeURL = up.URL + "/external/v1/oauth2/authorize"
	cfg.GatewayTokenURL = up.URL + "/external/v1/oauth2/token"
	cfg.GatewayClientID, cfg.GatewayClientSecret = reg.App.ClientID, reg.Secret
	gwLogs := &syncBuffer{}
	gw := app.New(cfg, slog.New(slog.NewTextHandler(gwLogs, &slog.HandlerOptions{Level: slog.LevelDebug})), os.Stderr)
	if err := gw.Open(ctx); err != nil {
		t.Fatal(err)
	}
	gs := &testServer{App: gw, URL: "http://" + gw.Addr(), cfg: cfg}
	t.Cleanup(func() { gs.close(t) })
	gwKey := gs.newKey(t, "apps")

	c, err := client.New(client.WithBaseURL(gs.URL+"/fathom"), client.WithGateway(gwKey, ""), client.WithRateLimit(0, 0))
	if err != nil {
		t.Fatal(err)
	}
	conn, err := c.CreateConnection(ctx, fathom.AppFathom)
	if err != nil {
		t.Fatal(err)
	}
	// Alice's browser: the connect link, the upstream's sign-in and
	// consent, and back to the gateway's callback.
	b := newBrowser(t)
	toAuthorize := b.get(conn.URL)
	if toAuthorize.status != 302 || !strings.HasPrefix(toAuthorize.location, up.URL+"/external/v1/oauth2/authorize?") {
		t.Fatalf("connect link: %d to %q", toAuthorize.status, toAuthorize.location)
	}
	consent := up.consent(t, b, toAuthorize.location)
	back := b.submit(up.URL, consent.with("action", "approve"))
	if back.status != 302 || !strings.HasPrefix(back.location, gs.URL+"/connect/callback?") {
		t.Fatalf("approve: %d to %q", back.status, back.location)
	}
	if done := b.get(back.location); done.status != 200 {
		t.Fatalf("callback: %d %s", done.status, done.body)
	}
	if conn, err = c.WaitConnection(ctx, conn.ConnectionID, 0); err != nil || conn.Status != "ACTIVE" {
		t.Fatalf("connection after consent: %+v %v", conn, err)
	}

	// Our Go client, choosing the connection by Maton-Connection.
	chosen, _ := client.New(client.WithBaseURL(gs.URL+"/fathom"), client.WithGateway(gwKey, conn.ConnectionID), client.WithRateLimit(0, 0))
	var got []int64
	for m, err := range chosen.Meetings(ctx, client.MeetingsQuery{IncludeSummary: true}) {
		if err != nil {
			t.Fatal(err)
		}
		if m.DefaultSummary == nil { // fetched from /recordings: OAuth may not inline it
			t.Fatalf("meeting %d has no summary through the gateway", m.RecordingID)
		}
		got = append(got, m.RecordingID)
	}
	if fmt.Sprint(got) != fmt.Sprint(ids) {
		t.Fatalf("through the gateway: %v, want %v", got, ids)
	}

	// Ten calls at once: the upstream's access tokens live one minute
	// (--access-token-ttl 1m is the least), inside the gateway's five
	// minutes of refresh margin, so they need a refresh and must share one.
	var wg sync.WaitGroup
	errs := make(chan error, 10)
	for range 10 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, err := chosen.RecordingSummary(ctx, ids[0])
			errs <- err
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatalf("concurrent call: %v", err)
		}
	}
	if conn, err = c.Connection(ctx, conn.ConnectionID); err != nil || conn.Status != "ACTIVE" {
		t.Fatalf("connection after concurrent refreshes: %+v %v", conn, err)
	}
	validRefreshTokens(t, up, 1)

	// The official SDK through the gateway.
	dir := filepath.Join("testdata", "sdk")
	if node, ok := nodeIfPresent(t, dir); ok {
		fx := map[string]any{"base_url": gs.URL + "/fathom/external/v1", "key": gwKey, "connection": conn.ConnectionID, "expect_ids": ids}
		path := filepath.Join(t.TempDir(), "gateway.json")
		os.WriteFile(path, []byte(mustJSON(fx)), 0o600)
		runNode(t, node, dir, "gateway.mjs", path)
	}

	gs.close(t)
	up.close(t)
	for name, log := range map[string]string{"gateway": gwLogs.String(), "upstream": up.logs.String()} {
		for _, secret := range []string{reg.Secret, gwKey, up.alice, oauthPassword, codeOf(back.location)} {
			if secret != "" && strings.Contains(log, secret) {
				t.Errorf("the %s log contains a secret (%.10s…)", name, secret)
			}
		}
		for _, prefix := range []string{"fat_", "frt_"} {
			if strings.Contains(log, prefix) {
				t.Errorf("the %s log contains an OAuth token (%s…)", name, prefix)
			}
		}
	}
}

func codeOf(location string) string {
	u, err := url.Parse(location)
	if err != nil {
		return ""
	}
	return u.Query().Get("code")
}

// validRefreshTokens checks the upstream's only consent has want usable
// refresh tokens.
func validRefreshTokens(t *testing.T, up *oauthEnv, want int) {
	t.Helper()
	list, err := up.DB.OAuthTokenList(context.Background(), 1)
	if err != nil {
		t.Fatal(err)
	}
	valid := 0
	for _, k := range list {
		if k.Kind == fathom.TokenRefresh && k.RotatedAt == nil && !k.Revoked() {
			valid++
		}
	}
	if valid != want {
		t.Fatalf("%d valid refresh tokens among %d, want %d", valid, len(list), want)
	}
}
