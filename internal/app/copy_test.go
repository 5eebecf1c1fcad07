package app_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/fathom-oss/fathom/internal/app"
	"github.com/fathom-oss/fathom/internal/config"
	"github.com/fathom-oss/fathom/internal/store/postgres/pgtest"
	"github.com/fathom-oss/fathom/internal/storecopy"
	"github.com/fathom-oss/fathom/internal/tenant"
)

// TestCopyToPostgres moves a populated SQLite installation to PostgreSQL
// with an interrupted and resumed copy, starts a server on the copy and
// checks that it answers as the old one did: similarity, issue types,
// meeting lists and search, OAuth tokens, the gateway's sealed tokens; and
// that the work left pending in the old one is done by the new one.
func TestCopyToPostgres(t *testing.T) {
	if pgtest.Requested(t) {
		t.Skip("the SQLite pass runs it: its source is SQLite and its target PostgreSQL whatever the engine")
	}
	up := fakeFathom(t)
	cfg := testConfig(t)
	cfg.DatabaseURL = "" // the source is SQLite, whatever engine the other tests run on
	cfg.AllowPrivateTargets = true
	cfg.PublicURL = "http://fathom.test" // links in answers name it, not the port
	// Waiting for processing polls the summary faster than its 30 a minute.
	cfg.MeetingsRateLimit, cfg.MeetingsHeavyRateLimit = 0, 0
	cfg.GatewayUpstreamURL = up.URL
	cfg.GatewayAuthorizeURL = up.URL + "/external/v1/oauth2/authorize"
	cfg.GatewayTokenURL = up.URL + "/external/v1/oauth2/token"
	cfg.GatewayClientID, cfg.GatewayClientSecret = "e2e-client", "e2e-client-secret"

	// The old server: conversations with their analysis, meetings with
	// transcripts, a webhook and its deliveries, an OAuth grant, a gateway
	// connection.
	s := start(t, cfg)
	ws := seedWorkspace(t, s)
	paymentStory(t, s, ws.alice)
	if r := s.post(t, "/api/v1/context/feedback", ws.alice, `{"conversationId":"pay-000","action":"check whether your card has expired","outcome":"success"}`); r.Status != 200 {
		t.Fatalf("feedback: %d %s", r.Status, r.Raw)
	}
	waitAnalysed(t, s)
	rc := newReceiver(t)
	if r := s.post(t, "/external/v1/webhooks", "", mustJSON(map[string]any{"destination_url": rc.URL + "/hook",
		"triggered_for": []string{"my_recordings", "shared_team_recordings"}, "include_summary": true}), "X-Api-Key", ws.alice); r.Status != 201 {
		t.Fatalf("create webhook: %d %s", r.Status, r.Raw)
	}
	for i, m := range []struct{ key, title string }{{ws.alice, "Roadmap review"}, {ws.bob, "Engineering standup"}, {ws.alice, "Onboarding retro"}} {
		id := recordingID(t, s.ingest(t, m.key, map[string]any{"external_id": fmt.Sprintf("m-%d", i), "title": m.title,
			"calendar_invitees": []map[string]any{{"name": "Dana", "email": "dana@client.com"}}}))
		s.waitProcessed(t, m.key, id)
	}
	rc.wait(t)
	rc.wait(t)
	oauthApp, access, refresh := grantOAuth(t, s)
	gatewayKey := s.newKey(t, "gw")
	connectGateway(t, s, gatewayKey)

	live := answers(t, s, ws)
	if r := gatewayCall(t, s, gatewayKey); r.Status != 200 {
		t.Fatalf("gateway call before the copy: %d %s", r.Status, r.Raw)
	}
	s.close(t)

	// Work left pending: a server with no workers takes a recording and a
	// conversation of another tenant, and stops with their jobs queued.
	// Its answers are the old installation's, as read back from its
	// database: what the copy must carry.
	idle := cfg
	idle.Workers = 0
	s = start(t, idle)
	before := answers(t, s, ws)
	for k := range live {
		if !reflect.DeepEqual(live[k], before[k]) {
			t.Logf("%s answers differently after a restart on SQLite (not a matter of the copy): %s", k, firstDifference("", live[k], before[k]))
		}
	}
	betaKey := s.newKey(t, "beta")
	pendingID := recordingID(t, s.ingest(t, betaKey, map[string]any{"external_id": "pending-1", "title": "Pending sync"}))
	if r := s.post(t, "/api/v1/context/track", betaKey, track("beta-1", "The mobile app crashes when I open settings")); r.Status != 200 {
		t.Fatalf("track: %d %s", r.Status, r.Raw)
	}
	s.close(t)

	// The copy, interrupted in the middle of the messages, then resumed.
	pgURL := pgtest.NewDatabase(t)
	pgCfg := cfg
	pgCfg.DatabaseURL = pgURL
	copyInterrupted(t, cfg, pgCfg)

	// The new server: same data directory for its secret key, PostgreSQL
	// for everything else.
	s2 := start(t, pgCfg)
	if after := answers(t, s2, ws); !reflect.DeepEqual(before, after) {
		for k := range before {
			if !reflect.DeepEqual(before[k], after[k]) {
				t.Errorf("%s answers differently after the copy: %s", k, firstDifference("", before[k], after[k]))
			}
		}
	}
	if r := gatewayCall(t, s2, gatewayKey); r.Status != 200 {
		t.Errorf("gateway call after the copy (sealed tokens): %d %s", r.Status, r.Raw)
	}
	oe := &oauthEnv{testServer: s2}
	if r := oe.bearer(t, "/external/v1/teams", access); r.Status != 200 {
		t.Errorf("an OAuth access token issued before the copy: %d %s", r.Status, r.Raw)
	}
	r := oe.tokenCall(t, "token", "client_id="+oauthApp.id+"&client_secret="+oauthApp.secret+"&refresh_token="+url.QueryEscape(refresh)+"&grant_type=refresh_token")
	if r.Status != 200 {
		t.Errorf("refresh with a token issued before the copy: %d %s", r.Status, r.Raw)
	}

	// The pending work is done by the new server.
	s2.waitProcessed(t, betaKey, pendingID)
	waitAnalysed(t, s2)
	sim := s2.post(t, "/api/v1/context/similarity", betaKey, `{"message":"app crashes when opening settings"}`)
	if got, _ := sim.data()["totalFound"].(float64); sim.Status != 200 || got != 1 {
		t.Errorf("similarity over the conversation left for analysis: %d %s", sim.Status, sim.Raw)
	}
	// New rows get new ids (the sequences moved past the copied ones).
	if _, err := s2.Tenants.CreateKey(context.Background(), tenant.CreateKeyParams{Tenant: "after-copy"}); err != nil {
		t.Errorf("a key made after the copy: %v", err)
	}
}

// copyInterrupted runs the copy as `fathom copy` does, cancels it once
// part of the messages are in, and runs it again to the end.
func copyInterrupted(t *testing.T, src, dst config.Config) {
	t.Helper()
	ctx := context.Background()
	db, err := app.OpenDB(ctx, dst, true)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	pool := db.Store.(interface{ Pool() *pgxpool.Pool }).Pool()
	source, err := storecopy.OpenSource(src.SQLiteFile())
	if err != nil {
		t.Fatal(err)
	}
	defer source.Close()
	cctx, cancel := context.WithCancel(ctx)
	defer cancel()
	cfg := storecopy.Config{Source: source, SourceName: src.SQLiteFile(), Target: pool, BatchRows: 40,
		Progress: func(p storecopy.Progress) {
			if p.Table == "messages" && p.Rows >= 80 {
				cancel()
			}
		}}
	if _, err := storecopy.Copy(cctx, cfg); !errors.Is(err, context.Canceled) {
		t.Fatalf("the interrupted copy: %v", err)
	}
	cfg.Progress = nil
	rep, err := storecopy.Copy(ctx, cfg)
	if err != nil {
		t.Fatalf("the resumed copy: %v", err)
	}
	if !rep.Resumed || rep.Jobs < 2 {
		t.Fatalf("resumed %v with %d pending jobs, want a resumed copy with the recording's and the analysis' jobs", rep.Resumed, rep.Jobs)
	}
	for _, c := range rep.Tables {
		if c.Source != c.Target {
			t.Errorf("%s: %d rows in SQLite, %d in PostgreSQL", c.Table, c.Source, c.Target)
		}
	}
}

// answers are what the old and the new server must say alike, with the
// request ids left out.
func answers(t *testing.T, s *testServer, ws workspace) map[string]any {
	t.Helper()
	out := map[string]any{}
	strip := func(r reply) any {
		if r.Status != 200 {
			t.Fatalf("%d %s", r.Status, r.Raw)
		}
		var v map[string]any
		if err := json.Unmarshal([]byte(r.Raw), &v); err != nil {
			t.Fatal(err)
		}
		delete(v, "requestId")
		return comparable(v)
	}
	for _, q := range []string{"Customer says their card payment is not going through", "card declined online", "cannot log in, forgot password"} {
		out["similarity "+q] = strip(s.post(t, "/api/v1/context/similarity", ws.alice, mustJSON(map[string]any{"message": q, "limit": 5})))
	}
	out["issues"] = strip(s.get(t, "/api/v1/context/issues", ws.alice))
	out["graph"] = strip(s.get(t, "/api/v1/context/graph", ws.alice))
	out["conversation"] = strip(s.get(t, "/api/v1/context/conversations/pay-000", ws.alice))
	for who, key := range map[string]string{"alice": ws.alice, "bob": ws.bob, "guest": ws.guest} {
		out["meetings "+who] = strip(s.get(t, "/external/v1/meetings?include_summary=true&include_action_items=true&include_transcript=true", key))
		// A search's score is each engine's own measure (FTS5's bm25,
		// PostgreSQL's ts_rank); the hits and their order must agree.
		search := strip(s.get(t, "/external/v1/search?q=funnel+numbers", key)).(map[string]any)
		items, _ := search["items"].([]any)
		for _, it := range items {
			delete(it.(map[string]any), "score")
		}
		if len(items) == 0 && who == "alice" {
			t.Fatalf("search finds nothing for %s", who)
		}
		out["search "+who] = search
	}
	out["teams"] = strip(s.get(t, "/external/v1/teams", ws.alice))
	out["webhooks"] = strip(s.get(t, "/external/v1/webhooks", ws.alice))
	return out
}

type oauthClient struct{ id, secret string }

// grantOAuth registers an app and walks alice's consent to tokens.
func grantOAuth(t *testing.T, s *testServer) (oauthClient, string, string) {
	t.Helper()
	ctx := context.Background()
	tn, err := s.DB.TenantGetByName(ctx, "acme")
	if err != nil {
		t.Fatal(err)
	}
	if err := s.OAuth.SetPassword(ctx, tn.ID, "alice@acme.com", oauthPassword); err != nil {
		t.Fatal(err)
	}
	reg, err := s.OAuth.RegisterApp(ctx, "Meeting Notes", []string{oauthRedirect})
	if err != nil {
		t.Fatal(err)
	}
	e := &oauthEnv{testServer: s, clientID: reg.App.ClientID, secret: reg.Secret,
		authorizeURL: s.URL + "/external/v1/oauth2/authorize?client_id=" + reg.App.ClientID +
			"&redirect_uri=https%3A%2F%2Fapp.example.com%2Fcb%3Fx%3D1&scope=public_api&state=s&response_type=code"}
	b := newBrowser(t)
	back := b.submit(e.URL, e.consent(t, b, e.authorizeURL).with("action", "approve"))
	loc, _ := url.Parse(back.location)
	r := e.tokenCall(t, "token", "client_id="+e.clientID+"&client_secret="+e.secret+"&code="+loc.Query().Get("code")+
		"&redirect_uri=https%3A%2F%2Fapp.example.com%2Fcb%3Fx%3D1&grant_type=authorization_code")
	access, refresh := checkTokenReply(t, r)
	return oauthClient{reg.App.ClientID, reg.Secret}, access, refresh
}

// connectGateway makes an active gateway connection for key's user.
func connectGateway(t *testing.T, s *testServer, key string) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, s.URL+"/connections", strings.NewReader(`{"app":"fathom","method":"OAUTH2"}`))
	req.Header.Set("Authorization", "Bearer "+key)
	req.Header.Set("Content-Type", "application/json")
	created := do(t, req)
	conn, _ := created.Body["connection"].(map[string]any)
	link, _ := conn["url"].(string)
	if created.Status != 200 || link == "" {
		t.Fatalf("create connection: %d %s", created.Status, created.Raw)
	}
	// The links name the public URL: the browser reaches this server there.
	var d net.Dialer
	browser := &http.Client{Transport: &http.Transport{DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
		if addr == "fathom.test:80" {
			addr = s.Addr()
		}
		return d.DialContext(ctx, network, addr)
	}}}
	page, err := browser.Get(link)
	if err != nil {
		t.Fatal(err)
	}
	page.Body.Close()
	if page.StatusCode != 200 || page.Request.URL.Path != "/connect/callback" {
		t.Fatalf("gateway consent ended at %s with %d", page.Request.URL, page.StatusCode)
	}
}

func gatewayCall(t *testing.T, s *testServer, key string) reply {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, s.URL+"/fathom/external/v1/meetings?limit=1", nil)
	req.Header.Set("Authorization", "Bearer "+key)
	return do(t, req)
}

// firstDifference names where two decoded JSON values first differ.
func firstDifference(path string, a, b any) string {
	switch x := a.(type) {
	case map[string]any:
		y, ok := b.(map[string]any)
		if !ok {
			break
		}
		keys := make([]string, 0, len(x)+len(y))
		for k := range x {
			keys = append(keys, k)
		}
		for k := range y {
			if _, ok := x[k]; !ok {
				keys = append(keys, k)
			}
		}
		slices.Sort(keys)
		for _, k := range keys {
			if !reflect.DeepEqual(x[k], y[k]) {
				return firstDifference(path+"."+k, x[k], y[k])
			}
		}
		return ""
	case []any:
		y, ok := b.([]any)
		if !ok || len(x) != len(y) {
			break
		}
		for i := range x {
			if !reflect.DeepEqual(x[i], y[i]) {
				return firstDifference(fmt.Sprintf("%s[%d]", path, i), x[i], y[i])
			}
		}
		return ""
	}
	return fmt.Sprintf("%s: %.200s, then %.200s", path, mustJSON(a), mustJSON(b))
}

// comparable rounds what the engines store with different precision:
// times to microseconds (PostgreSQL's), and numbers to 12 significant
// digits (sums made in another order).
func comparable(v any) any {
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			x[k] = comparable(e)
		}
	case []any:
		for i, e := range x {
			x[i] = comparable(e)
		}
	case string:
		if tm, err := time.Parse(time.RFC3339Nano, x); err == nil {
			return tm.Truncate(time.Microsecond).Format(time.RFC3339Nano)
		}
	case float64:
		f, _ := strconv.ParseFloat(strconv.FormatFloat(x, 'g', 12, 64), 64)
		return f
	}
	return v
}
