package client_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"

	"github.com/fathom-oss/fathom/client"
	"github.com/fathom-oss/fathom/internal/app"
	"github.com/fathom-oss/fathom/internal/config"
	"github.com/fathom-oss/fathom/internal/meeting"
	"github.com/fathom-oss/fathom/internal/tenant"
)

// server starts the real server on a free port and returns its URL and
// a key.
func server(t *testing.T) (string, string) {
	t.Helper()
	cfg := config.Default()
	cfg.Addr, cfg.DataDir, cfg.BootstrapKey, cfg.SQLiteSynchronous = "127.0.0.1:0", t.TempDir(), false, "normal"
	cfg.MeetingsRateLimit, cfg.MeetingsHeavyRateLimit = 0, 0
	// A gateway client registered at an upstream that is never reached.
	cfg.GatewayClientID, cfg.GatewayClientSecret = "cid", "csecret"
	a := app.New(cfg, slog.New(slog.NewTextHandler(io.Discard, nil)), io.Discard)
	if err := a.Open(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { a.Close(context.Background()) })
	k, err := a.Tenants.CreateKey(context.Background(), tenant.CreateKeyParams{Tenant: "acme", UserEmail: "alice@acme.com"})
	if err != nil {
		t.Fatal(err)
	}
	return "http://" + a.Addr(), k.Secret
}

func TestMeetingsCalls(t *testing.T) {
	url, key := server(t)
	ctx := context.Background()
	c, err := client.New(client.WithBaseURL(url), client.WithAPIKey(key), client.WithRateLimit(0, 0))
	if err != nil {
		t.Fatal(err)
	}
	end := time.Date(2026, 11, 1, 10, 0, 0, 0, time.UTC)
	var ids []int64
	for i := range 23 {
		at := end.Add(time.Duration(i) * time.Hour)
		m, created, err := c.CreateRecording(ctx, client.RecordingInput{ExternalID: fmt.Sprint("r", i), Title: fmt.Sprint("Call ", i),
			RecordingEndTime: &at, Transcript: []client.TranscriptItem{
				{Speaker: client.Speaker{DisplayName: "Alice"}, Text: "We reviewed the renewal pricing for the account.", Timestamp: "00:00:05"},
				{Speaker: client.Speaker{DisplayName: "Bob"}, Text: "I will send the renewal quote tomorrow.", Timestamp: "00:00:20"}}})
		if err != nil || !created {
			t.Fatalf("create %d: created %v err %v", i, created, err)
		}
		ids = append([]int64{m.RecordingID}, ids...) // newest first
	}
	var got []int64
	for m, err := range c.Meetings(ctx, client.MeetingsQuery{}) {
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, m.RecordingID)
	}
	if fmt.Sprint(got) != fmt.Sprint(ids) {
		t.Fatalf("Meetings = %v, want %v (3 pages, newest first)", got, ids)
	}
	var sum *client.Summary
	for deadline := time.Now().Add(15 * time.Second); sum == nil; time.Sleep(20 * time.Millisecond) {
		if sum, err = c.RecordingSummary(ctx, ids[0]); err != nil || time.Now().After(deadline) {
			t.Fatalf("summary: %v %v", sum, err)
		}
	}
	tr, err := c.RecordingTranscript(ctx, ids[0])
	if err != nil || len(tr) != 2 || tr[1].Timestamp != "00:00:20" {
		t.Fatalf("transcript %+v %v", tr, err)
	}
	if _, err := c.RecordingSummary(ctx, 999999); !errors.Is(err, client.ErrNotFound) {
		t.Fatalf("unknown recording: %v, want ErrNotFound", err)
	}
	// In OAuth or gateway mode, summaries come from /recordings.
	bearer, _ := client.New(client.WithBaseURL(url), client.WithBearer(client.StaticToken(key)), client.WithRateLimit(0, 0))
	m, err := bearer.Meeting(ctx, ids[0], client.MeetingsQuery{IncludeSummary: true, IncludeTranscript: true})
	if err != nil || m.DefaultSummary == nil || len(m.Transcript) != 2 {
		t.Fatalf("bearer Meeting: %+v %v", m, err)
	}
	hits, err := c.Search(ctx, "renewal quote", 5)
	if err != nil || len(hits) == 0 {
		t.Fatalf("search: %v %v", hits, err)
	}
	teams := 0
	for _, err := range c.Teams(ctx) {
		if err != nil {
			t.Fatal(err)
		}
		teams++
	}
	members := 0
	for mb, err := range c.TeamMembers(ctx, "") {
		if err != nil || mb.Email != "alice@acme.com" {
			t.Fatalf("member %+v %v", mb, err)
		}
		members++
	}
	if teams != 0 || members != 1 {
		t.Fatalf("teams %d members %d", teams, members)
	}
	_, err = c.CreateWebhook(ctx, client.WebhookInput{DestinationURL: "https://127.0.0.1/hook", TriggeredFor: []string{"my_recordings"}, IncludeSummary: true})
	if !errors.Is(err, client.ErrInvalid) {
		t.Fatalf("webhook to loopback: %v, want ErrInvalid", err)
	}
	w, err := c.CreateWebhook(ctx, client.WebhookInput{DestinationURL: "https://hooks.example.com/fathom", TriggeredFor: []string{"my_recordings"}, IncludeSummary: true})
	if err != nil || len(w.Secret) < 10 {
		t.Fatalf("create webhook: %+v %v", w, err)
	}
	if ws, err := c.Webhooks(ctx); err != nil || len(ws) != 1 || ws[0].Secret != "" {
		t.Fatalf("webhooks: %+v %v", ws, err)
	}
	for d, err := range c.Deliveries(ctx, w.ID) {
		t.Fatalf("a webhook made after the meetings has delivery %+v %v", d, err)
	}
	if s, err := c.CallbackSecret(ctx); err != nil || len(s) < 10 {
		t.Fatalf("callback secret %q %v", s, err)
	}
	if err := c.Redeliver(ctx, w.ID, 12345); !errors.Is(err, client.ErrNotFound) {
		t.Fatalf("redeliver unknown: %v", err)
	}
	if err := c.DeleteWebhook(ctx, w.ID); err != nil {
		t.Fatal(err)
	}
	if err := c.DeleteWebhook(ctx, w.ID); !errors.Is(err, client.ErrNotFound) {
		t.Fatalf("second delete: %v", err)
	}
}

func TestRetriesHonourRetryAfter(t *testing.T) {
	var calls atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if calls.Add(1) < 3 {
			w.Header().Set("Retry-After", "0")
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusTooManyRequests)
			w.Write([]byte(`{"error":"slow down"}`))
			return
		}
		w.Header().Set("Content-Type", "application/json")
		w.Write([]byte(`{"limit":25,"next_cursor":null,"items":[{"name":"Sales","created_at":"2025-03-01T17:01:30Z"}]}`))
	}))
	defer srv.Close()
	c, _ := client.New(client.WithBaseURL(srv.URL), client.WithAPIKey("k"), client.WithRateLimit(0, 0))
	for team, err := range c.Teams(context.Background()) {
		if err != nil || team.Name != "Sales" {
			t.Fatalf("team %+v err %v", team, err)
		}
	}
	if calls.Load() != 3 {
		t.Fatalf("calls = %d, want 2 retries then success", calls.Load())
	}
	none, _ := client.New(client.WithBaseURL(srv.URL), client.WithAPIKey("k"), client.WithRetries(0), client.WithRateLimit(0, 0))
	calls.Store(0)
	for _, err := range none.Teams(context.Background()) {
		var e *client.Error
		if !errors.As(err, &e) || !errors.Is(err, client.ErrRateLimited) || e.Message != "slow down" {
			t.Fatalf("without retries: %v", err)
		}
	}
}

func TestRateLimitPacesRequests(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Write([]byte(`{"summary":null}`))
	}))
	defer srv.Close()
	c, _ := client.New(client.WithBaseURL(srv.URL), client.WithAPIKey("k"), client.WithRateLimit(6000, 600))
	start := time.Now()
	for range 3 {
		if _, err := c.RecordingSummary(context.Background(), 1); err != nil {
			t.Fatal(err)
		}
	}
	// 600 heavy requests a minute: one every 100 ms, the first at once.
	if d := time.Since(start); d < 190*time.Millisecond {
		t.Fatalf("3 heavy requests took %s, want paced at 100 ms", d)
	}
}

func ExampleClient_Meetings() {
	c, err := client.New(client.WithBaseURL("https://api.fathom.ai"), client.WithAPIKey("YOUR_KEY"))
	if err != nil {
		panic(err)
	}
	// Through a gateway instead: client.WithBaseURL("https://gateway.maton.ai/fathom"),
	// client.WithGateway(os.Getenv("MATON_API_KEY"), connectionID).
	for m, err := range c.Meetings(context.Background(), client.MeetingsQuery{Teams: []string{"Sales"}}) {
		if err != nil {
			fmt.Println(err)
			break
		}
		fmt.Println(m.RecordingID, m.Title)
	}
}

func TestMeetingTypesAndUsers(t *testing.T) {
	cfg := config.Default()
	cfg.Addr, cfg.DataDir, cfg.BootstrapKey, cfg.SQLiteSynchronous = "127.0.0.1:0", t.TempDir(), false, "normal"
	cfg.MeetingsRateLimit, cfg.MeetingsHeavyRateLimit = 0, 0
	a := app.New(cfg, slog.New(slog.NewTextHandler(io.Discard, nil)), io.Discard)
	ctx := context.Background()
	if err := a.Open(ctx); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { a.Close(context.Background()) })
	k, err := a.Tenants.CreateKey(ctx, tenant.CreateKeyParams{Tenant: "acme", UserEmail: "alice@acme.com"})
	if err != nil {
		t.Fatal(err)
	}
	c, err := client.New(client.WithBaseURL("http://"+a.Addr()), client.WithAPIKey(k.Secret), client.WithRateLimit(0, 0))
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := c.CreateRecording(ctx, client.RecordingInput{Title: "Demo call", MeetingType: "Demo", MeetingURL: "https://meet.example.com/x",
		Transcript: []client.TranscriptItem{{Speaker: client.Speaker{DisplayName: "Alice"}, Text: "Hello.", Timestamp: "00:00:01"}}}); err != nil {
		t.Fatal(err)
	}
	var types []string
	for mt, err := range c.MeetingTypes(ctx) {
		if err != nil {
			t.Fatal(err)
		}
		types = append(types, mt.Name+"/"+mt.Status)
	}
	if fmt.Sprint(types) != "[Demo/active]" {
		t.Fatalf("MeetingTypes = %v", types)
	}
	for _, err := range c.Users(ctx, client.UserQuery{}) {
		if !errors.Is(err, client.ErrForbidden) {
			t.Fatalf("Users for a member: %v, want ErrForbidden", err)
		}
	}
	tn, err := a.DB.TenantGetByName(ctx, "acme")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.Meetings.SetUserAccess(ctx, tn.ID, "alice@acme.com", "", "account_admin"); err != nil {
		t.Fatal(err)
	}
	if _, err := a.Meetings.Invite(ctx, meeting.InviteParams{TenantID: tn.ID, Email: "bob@acme.com"}); err != nil {
		t.Fatal(err)
	}
	var got []string
	for u, err := range c.Users(ctx, client.UserQuery{}) {
		if err != nil {
			t.Fatal(err)
		}
		access := "-"
		if u.Permissions != nil {
			access = u.Permissions.SettingsAccess + "/" + u.Permissions.ViewAccess
		}
		got = append(got, u.Email+" "+u.Status+" "+access)
	}
	if fmt.Sprint(got) != "[alice@acme.com active account_admin/own_and_shared bob@acme.com invited -]" {
		t.Fatalf("Users = %v", got)
	}
}
