package app_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/fathom-oss/fathom/internal/meeting"
	"github.com/fathom-oss/fathom/internal/tenant"
	"github.com/fathom-oss/fathom/internal/webhook"
)

// workspace seeds tenant "acme": domain acme.com, teams Sales and
// Engineering, alice (Sales), bob (Engineering) and a guest, with keys.
type workspace struct {
	alice, bob, guest string
}

func seedWorkspace(t *testing.T, s *testServer) workspace {
	t.Helper()
	ctx := context.Background()
	key := func(email string) string {
		k, err := s.Tenants.CreateKey(ctx, tenant.CreateKeyParams{Tenant: "acme", UserEmail: email})
		if err != nil {
			t.Fatal(err)
		}
		return k.Secret
	}
	ws := workspace{alice: key("alice@acme.com"), bob: key("bob@acme.com"), guest: key("guest@partner.io")}
	tn, err := s.DB.TenantGetByName(ctx, "acme")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Meetings.SetDomains(ctx, tn.ID, []string{"acme.com"}); err != nil {
		t.Fatal(err)
	}
	for _, team := range []string{"Sales", "Engineering"} {
		if _, err := s.Meetings.CreateTeam(ctx, tn.ID, team); err != nil {
			t.Fatal(err)
		}
	}
	for _, u := range []meeting.PutUserParams{{Email: "alice@acme.com", Name: "Alice", Team: "Sales"},
		{Email: "bob@acme.com", Name: "Bob", Team: "Engineering"}} {
		u.TenantID = tn.ID
		if _, err := s.Meetings.PutUser(ctx, u); err != nil {
			t.Fatal(err)
		}
	}
	return ws
}

func (s *testServer) get(t *testing.T, path, key string) reply {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, s.URL+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	if key != "" {
		req.Header.Set("X-Api-Key", key)
	}
	return do(t, req)
}

func (s *testServer) ingest(t *testing.T, key string, body map[string]any) reply {
	t.Helper()
	if _, ok := body["transcript"]; !ok {
		body["transcript"] = []map[string]any{
			{"speaker": map[string]any{"display_name": "Alice"}, "text": "Welcome everyone, today we review the quarterly roadmap.", "timestamp": "00:00:05"},
			{"speaker": map[string]any{"display_name": "Bob"}, "text": "The onboarding flow still loses users at the payment step.", "timestamp": "00:01:10"},
			{"speaker": map[string]any{"display_name": "Alice"}, "text": "Bob, can you send the funnel numbers by Friday?", "timestamp": "00:02:00"},
			{"speaker": map[string]any{"display_name": "Bob"}, "text": "Sure, I will send the funnel numbers by Friday.", "timestamp": "00:02:10"},
		}
	}
	return s.post(t, "/external/v1/recordings", "", mustJSON(body), "X-Api-Key", key)
}

func recordingID(t *testing.T, r reply) int64 {
	t.Helper()
	id, ok := r.Body["recording_id"].(float64)
	if !ok {
		t.Fatalf("no recording_id in %d %s", r.Status, r.Raw)
	}
	return int64(id)
}

// waitProcessed polls until the recording's summary exists.
func (s *testServer) waitProcessed(t *testing.T, key string, id int64) reply {
	t.Helper()
	var r reply
	eventually(t, fmt.Sprintf("recording %d is processed", id), func() bool {
		r = s.get(t, fmt.Sprintf("/external/v1/recordings/%d/summary", id), key)
		return r.Status == 200 && r.Body["summary"] != nil
	})
	return r
}

func TestMeetingsIngestIsIdempotentAndProcessed(t *testing.T) {
	s := start(t, testConfig(t))
	ws := seedWorkspace(t, s)
	body := map[string]any{"external_id": "weekly-1", "title": "Weekly sync",
		"calendar_invitees": []map[string]any{{"name": "Alice", "email": "alice@acme.com"}, {"name": "Dana", "email": "dana@client.com"}}}
	first := s.ingest(t, ws.alice, body)
	if first.Status != 201 {
		t.Fatalf("first ingest: %d %s", first.Status, first.Raw)
	}
	again := s.ingest(t, ws.alice, body)
	if again.Status != 200 || recordingID(t, again) != recordingID(t, first) {
		t.Fatalf("second ingest: %d %s, want 200 and the same recording", again.Status, again.Raw)
	}
	id := recordingID(t, first)
	sum := s.waitProcessed(t, ws.alice, id)
	md, _ := sum.Body["summary"].(map[string]any)["markdown_formatted"].(string)
	if !strings.HasPrefix(md, "## Meeting Purpose\n") {
		t.Errorf("summary markdown starts %q", md[:min(len(md), 40)])
	}
	m := s.get(t, fmt.Sprintf("/external/v1/meetings/%d?include_action_items=true&include_transcript=true", id), ws.alice)
	if m.Status != 200 || m.Body["calendar_invitees_domains_type"] != "one_or_more_external" {
		t.Fatalf("get meeting: %d %s", m.Status, m.Raw)
	}
	if items, _ := m.Body["action_items"].([]any); len(items) == 0 {
		t.Errorf("no action items in %s", m.Raw)
	}
	if tr, _ := m.Body["transcript"].([]any); len(tr) != 4 {
		t.Errorf("transcript has %d items, want 4", len(tr))
	}
	if s.get(t, fmt.Sprintf("/external/v1/meetings/%d", id), ws.bob).Status != 404 {
		t.Error("bob sees alice's private meeting")
	}
}

func TestMeetingsBadInputNamesTheField(t *testing.T) {
	s := start(t, testConfig(t))
	ws := seedWorkspace(t, s)
	id := recordingID(t, s.ingest(t, ws.alice, map[string]any{"title": "t"}))
	cases := []struct {
		name, method, path, body, want string
		status                         int
	}{
		{"created_after", "GET", "/external/v1/meetings?created_after=yesterday", "", "created_after", 400},
		{"include flag", "GET", "/external/v1/meetings?include_summary=maybe", "", "include_summary", 400},
		{"domains type", "GET", "/external/v1/meetings?calendar_invitees_domains_type=some", "", "calendar_invitees_domains_type", 400},
		{"cursor", "GET", "/external/v1/meetings?cursor=bm9wZQ==", "", "cursor", 400},
		{"recording id", "GET", "/external/v1/recordings/abc/summary", "", "recording_id", 400},
		{"unknown recording", "GET", "/external/v1/recordings/999999/summary", "", "no recording", 404},
		{"webhook unknown key", "POST", "/external/v1/webhooks", `{"destination_url":"https://example.com/h","triggered_for":["my_recordings"],"include_summary":true,"color":"red"}`, "color", 400},
		{"webhook no trigger", "POST", "/external/v1/webhooks", `{"destination_url":"https://example.com/h","triggered_for":[],"include_summary":true}`, "triggered_for", 400},
		{"webhook bad trigger", "POST", "/external/v1/webhooks", `{"destination_url":"https://example.com/h","triggered_for":["shared_with_me_external_recordings"],"include_summary":true}`, "triggered_for[0]", 400},
		{"webhook no include", "POST", "/external/v1/webhooks", `{"destination_url":"https://example.com/h","triggered_for":["my_recordings"]}`, "include_", 400},
		{"webhook loopback", "POST", "/external/v1/webhooks", `{"destination_url":"https://127.0.0.1/h","triggered_for":["my_recordings"],"include_summary":true}`, "destination_url", 400},
		{"webhook http", "POST", "/external/v1/webhooks", `{"destination_url":"http://example.com/h","triggered_for":["my_recordings"],"include_summary":true}`, "destination_url", 400},
		{"webhook type", "POST", "/external/v1/webhooks", `{"destination_url":5,"triggered_for":["my_recordings"],"include_summary":true}`, "destination_url", 400},
		{"callback loopback", "GET", fmt.Sprintf("/external/v1/recordings/%d/summary?destination_url=http://localhost:9/x", id), "", "destination_url", 400},
		{"ingest empty text", "POST", "/external/v1/recordings", `{"transcript":[{"speaker":{"display_name":"A"},"text":" ","timestamp":"00:00:01"}]}`, "transcript[0].text", 400},
		{"ingest timestamp", "POST", "/external/v1/recordings", `{"transcript":[{"speaker":{"display_name":"A"},"text":"hi","timestamp":"1 minute"}]}`, "transcript[0].timestamp", 400},
		{"ingest recorder", "POST", "/external/v1/recordings", `{"recorded_by":"nobody@acme.com","transcript":[]}`, "recorded_by", 400},
		{"unknown endpoint", "GET", "/external/v1/calls", "", "/external/v1/calls", 404},
	}
	for _, c := range cases {
		req, _ := http.NewRequest(c.method, s.URL+c.path, strings.NewReader(c.body))
		req.Header.Set("X-Api-Key", ws.alice)
		r := do(t, req)
		msg, _ := r.Body["error"].(string)
		if r.Status != c.status || !strings.Contains(msg, c.want) || !strings.HasPrefix(r.Header.Get("Content-Type"), "application/json") {
			t.Errorf("%s: %d %s, want %d naming %q", c.name, r.Status, r.Raw, c.status, c.want)
		}
	}
	// A cursor replayed under other filters is refused.
	for i := 0; i < 11; i++ {
		s.ingest(t, ws.alice, map[string]any{"title": fmt.Sprint("m", i)})
	}
	next, _ := s.get(t, "/external/v1/meetings", ws.alice).Body["next_cursor"].(string)
	if next == "" {
		t.Fatal("no next_cursor after 12 meetings")
	}
	if r := s.get(t, "/external/v1/meetings?teams[]=Sales&cursor="+next, ws.alice); r.Status != 400 {
		t.Errorf("cursor with other filters: %d %s", r.Status, r.Raw)
	}
	if r := s.get(t, "/external/v1/meetings?cursor="+next, ws.alice); r.Status != 200 {
		t.Errorf("cursor with its filters: %d %s", r.Status, r.Raw)
	}
	r := s.get(t, "/external/v1/teams", "fth_wrong")
	if r.Status != 401 || r.Header.Get("WWW-Authenticate") == "" {
		t.Errorf("bad key: %d %v", r.Status, r.Header)
	}
}

func TestMeetingsRateLimit(t *testing.T) {
	cfg := testConfig(t)
	cfg.MeetingsRateLimit, cfg.MeetingsHeavyRateLimit = 3, 1
	s := start(t, cfg)
	ws := seedWorkspace(t, s)
	r := s.get(t, "/external/v1/teams", ws.alice)
	if r.Header.Get("RateLimit-Limit") != "3" || r.Header.Get("RateLimit-Remaining") != "2" || r.Header.Get("RateLimit-Reset") == "" {
		t.Fatalf("headers: %v", r.Header)
	}
	s.get(t, "/external/v1/teams", ws.alice)
	s.get(t, "/external/v1/teams", ws.alice)
	r = s.get(t, "/external/v1/teams", ws.alice)
	if r.Status != 429 || r.Header.Get("Retry-After") == "" || r.Header.Get("RateLimit-Remaining") != "0" {
		t.Fatalf("4th request: %d %v", r.Status, r.Header)
	}
	if r := s.get(t, "/external/v1/teams", ws.bob); r.Status != 200 {
		t.Fatalf("bob is limited by alice's use: %d", r.Status)
	}
	s.get(t, "/external/v1/recordings/1/summary", ws.bob)
	if r := s.get(t, "/external/v1/recordings/1/summary", ws.bob); r.Status != 429 || r.Header.Get("RateLimit-Limit") != "1" {
		t.Fatalf("second heavy request: %d %v", r.Status, r.Header)
	}
}

// receiver records the deliveries it gets and answers with the statuses
// it is given, then 200.
type receiver struct {
	*httptest.Server
	mu       sync.Mutex
	statuses []int
	got      []delivery
	arrived  chan struct{}
}

type delivery struct {
	header http.Header
	body   []byte
	at     time.Time
}

func newReceiver(t *testing.T, statuses ...int) *receiver {
	rc := &receiver{statuses: statuses, arrived: make(chan struct{}, 16)}
	rc.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		rc.mu.Lock()
		rc.got = append(rc.got, delivery{r.Header.Clone(), body, time.Now()})
		status := 200
		if len(rc.statuses) > 0 {
			status, rc.statuses = rc.statuses[0], rc.statuses[1:]
		}
		rc.mu.Unlock()
		w.WriteHeader(status)
		rc.arrived <- struct{}{}
	}))
	t.Cleanup(rc.Close)
	return rc
}

func (rc *receiver) wait(t *testing.T) delivery {
	t.Helper()
	select {
	case <-rc.arrived:
	case <-time.After(15 * time.Second):
		t.Fatal("no delivery arrived")
	}
	rc.mu.Lock()
	defer rc.mu.Unlock()
	return rc.got[len(rc.got)-1]
}

func TestWebhookDeliveryLogAndRedelivery(t *testing.T) {
	cfg := testConfig(t)
	cfg.AllowPrivateTargets = true
	s := start(t, cfg)
	ws := seedWorkspace(t, s)
	rc := newReceiver(t, 500)
	created := s.post(t, "/external/v1/webhooks", "", mustJSON(map[string]any{"destination_url": rc.URL + "/hook",
		"triggered_for": []string{"my_recordings"}, "include_summary": true, "include_action_items": true}), "X-Api-Key", ws.alice)
	if created.Status != 201 {
		t.Fatalf("create webhook: %d %s", created.Status, created.Raw)
	}
	secret, _ := created.Body["secret"].(string)
	hookID, _ := created.Body["id"].(string)
	id := recordingID(t, s.ingest(t, ws.alice, map[string]any{"title": "Retro"}))
	s.ingest(t, ws.bob, map[string]any{"title": "Bob's own"}) // does not trigger alice's webhook
	first := rc.wait(t)
	if err := webhook.Verify(secret, first.header, first.body, time.Now()); err != nil {
		t.Fatalf("delivery does not verify: %v", err)
	}
	if !strings.Contains(string(first.body), fmt.Sprintf(`"recording_id":%d`, id)) || !strings.Contains(string(first.body), `"markdown_formatted":"## Meeting Purpose`) {
		t.Fatalf("delivery body: %s", first.body)
	}
	log := s.get(t, "/external/v1/webhooks/"+hookID+"/deliveries", ws.alice)
	items, _ := log.Body["items"].([]any)
	if log.Status != 200 || len(items) != 1 {
		t.Fatalf("delivery log: %d %s", log.Status, log.Raw)
	}
	d := items[0].(map[string]any)
	eventually(t, "the failed attempt is logged", func() bool {
		items, _ := s.get(t, "/external/v1/webhooks/"+hookID+"/deliveries", ws.alice).Body["items"].([]any)
		atts, _ := items[0].(map[string]any)["attempts"].([]any)
		return len(atts) == 1 && atts[0].(map[string]any)["status_code"] == float64(500)
	})
	re := s.post(t, fmt.Sprintf("/external/v1/webhooks/%s/deliveries/%v/redeliver", hookID, d["id"]), "", "", "X-Api-Key", ws.alice)
	if re.Status != 202 {
		t.Fatalf("redeliver: %d %s", re.Status, re.Raw)
	}
	second := rc.wait(t)
	if second.header.Get("webhook-id") != first.header.Get("webhook-id") || string(second.body) != string(first.body) {
		t.Errorf("redelivery differs: id %q vs %q", second.header.Get("webhook-id"), first.header.Get("webhook-id"))
	}
	eventually(t, "the delivery is marked delivered", func() bool {
		items, _ := s.get(t, "/external/v1/webhooks/"+hookID+"/deliveries", ws.alice).Body["items"].([]any)
		return items[0].(map[string]any)["status"] == "delivered"
	})
	if r := s.get(t, "/external/v1/webhooks/"+hookID+"/deliveries", ws.bob); r.Status != 404 {
		t.Errorf("bob reads alice's delivery log: %d", r.Status)
	}
	del := s.do(t, http.MethodDelete, "/external/v1/webhooks/"+hookID, ws.alice)
	if del.Status != 204 {
		t.Fatalf("delete webhook: %d %s", del.Status, del.Raw)
	}
	if del := s.do(t, http.MethodDelete, "/external/v1/webhooks/"+hookID, ws.alice); del.Status != 404 {
		t.Errorf("second delete: %d", del.Status)
	}
}

func (s *testServer) do(t *testing.T, method, path, key string) reply {
	t.Helper()
	req, err := http.NewRequest(method, s.URL+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("X-Api-Key", key)
	return do(t, req)
}

func TestMeetingsSearch(t *testing.T) {
	s := start(t, testConfig(t))
	ws := seedWorkspace(t, s)
	id := recordingID(t, s.ingest(t, ws.alice, map[string]any{"title": "Funnel review"}))
	private := recordingID(t, s.ingest(t, ws.bob, map[string]any{"title": "Bob's funnel"}))
	s.waitProcessed(t, ws.alice, id)
	s.waitProcessed(t, ws.bob, private)
	r := s.get(t, "/external/v1/search?q=onboarding+payment", ws.alice)
	items, _ := r.Body["items"].([]any)
	if r.Status != 200 || len(items) == 0 {
		t.Fatalf("search: %d %s", r.Status, r.Raw)
	}
	for _, it := range items {
		hit := it.(map[string]any)
		if hit["recording_id"] != float64(id) {
			t.Errorf("hit from a meeting alice cannot see: %v", hit)
		}
	}
	var hit map[string]any
	for _, it := range items {
		if h := it.(map[string]any); h["kind"] == "transcript" {
			hit = h
		}
	}
	if hit == nil || hit["speaker"] != "Bob" || hit["timestamp"] != "00:01:10" || !strings.Contains(hit["snippet"].(string), "«") {
		t.Errorf("transcript hit: %v in %s", hit, r.Raw)
	}
	if r := s.get(t, "/external/v1/search?q=", ws.alice); r.Status != 400 {
		t.Errorf("empty query: %d", r.Status)
	}
}

// TestMeetingsSearchAcrossTurns: a phrase said across two consecutive
// lines of a transcript is found, in order only, in the meetings the
// caller may see, with its window and a link to the moment; a query the
// server cannot read is a 400 naming q.
func TestMeetingsSearchAcrossTurns(t *testing.T) {
	s := start(t, testConfig(t))
	ws := seedWorkspace(t, s)
	lines := []map[string]any{
		{"speaker": map[string]any{"display_name": "Alice"}, "text": "Let us settle the renewal.", "timestamp": "00:00:05"},
		{"speaker": map[string]any{"display_name": "Bob"}, "text": "Pricing stays flat next year.", "timestamp": "00:00:12"},
		{"speaker": map[string]any{"display_name": "Alice"}, "text": "Good, that is agreed.", "timestamp": "00:00:20"},
	}
	id := recordingID(t, s.ingest(t, ws.alice, map[string]any{"title": "Renewal call", "transcript": lines}))
	private := recordingID(t, s.ingest(t, ws.bob, map[string]any{"title": "Bob's renewal", "transcript": lines}))
	s.waitProcessed(t, ws.alice, id)
	s.waitProcessed(t, ws.bob, private)

	r := s.get(t, "/external/v1/search?q=%22renewal+pricing%22", ws.alice)
	items, _ := r.Body["items"].([]any)
	if r.Status != 200 || len(items) != 1 {
		t.Fatalf(`search "renewal pricing": %d %s`, r.Status, r.Raw)
	}
	hit := items[0].(map[string]any)
	if hit["recording_id"] != float64(id) || hit["kind"] != "transcript" || hit["speaker"] != "Alice" || hit["timestamp"] != "00:00:05" ||
		!strings.HasSuffix(hit["url"].(string), "?timestamp=5") || !strings.Contains(hit["snippet"].(string), "«renewal»") {
		t.Fatalf("hit: %s", r.Raw)
	}
	window, _ := hit["window"].([]any)
	want := []string{"Alice 00:00:05 Let us settle the renewal. true", "Bob 00:00:12 Pricing stays flat next year. true",
		"Alice 00:00:20 Good, that is agreed. false"}
	if len(window) != len(want) {
		t.Fatalf("window: %s", r.Raw)
	}
	for i, w := range window {
		w := w.(map[string]any)
		if got := fmt.Sprint(w["speaker"], " ", w["timestamp"], " ", w["text"], " ", w["matched"]); got != want[i] {
			t.Errorf("window item %d = %s, want %s", i, got, want[i])
		}
	}
	// In order only.
	if r := s.get(t, "/external/v1/search?q=%22pricing+renewal%22", ws.alice); r.Status != 200 || len(r.Body["items"].([]any)) != 0 {
		t.Errorf(`search "pricing renewal": %d %s`, r.Status, r.Raw)
	}
	for _, q := range []string{"%22renewal+pricing", "***", "%22%22"} {
		r := s.get(t, "/external/v1/search?q="+q, ws.alice)
		msg, _ := r.Body["error"].(string)
		if r.Status != 400 || !strings.HasPrefix(msg, "q ") {
			t.Errorf("search q=%s: %d %s, want a 400 naming q", q, r.Status, r.Raw)
		}
	}
}

// TestMeetingsWrongMethod sends methods a path of the meetings API does
// not take: a 405 naming the methods it does in Allow, in the API's error
// format, where the path has routes; a 404 where it has none.
func TestMeetingsWrongMethod(t *testing.T) {
	s := start(t, testConfig(t))
	ws := seedWorkspace(t, s)
	cases := []struct {
		method, path string
		status       int
		allow        string
	}{
		{"POST", "/external/v1/meetings", 405, "GET, HEAD"},
		{"PUT", "/external/v1/meetings/12", 405, "GET, HEAD, DELETE"},
		{"GET", "/external/v1/recordings", 405, "POST"},
		{"GET", "/external/v1/webhooks/7", 405, "DELETE"},
		{"PATCH", "/external/v1/webhooks", 405, "GET, HEAD, POST"},
		{"DELETE", "/external/v1/recordings/12/summary", 405, "GET, HEAD"},
		{"POST", "/external/v1/calls", 404, ""},
	}
	for _, c := range cases {
		req, _ := http.NewRequest(c.method, s.URL+c.path, strings.NewReader(`{}`))
		req.Header.Set("X-Api-Key", ws.alice)
		r := do(t, req)
		code, _ := r.Body["code"].(string)
		msg, _ := r.Body["error"].(string)
		wantCode := map[int]string{405: "method_not_allowed", 404: "not_found"}[c.status]
		if r.Status != c.status || r.Header.Get("Allow") != c.allow || code != wantCode || !strings.Contains(msg, c.path) ||
			len(r.Body) != 2 || !strings.HasPrefix(r.Header.Get("Content-Type"), "application/json") {
			t.Errorf("%s %s: %d Allow %q %s, want %d Allow %q with code %s", c.method, c.path, r.Status, r.Header.Get("Allow"), r.Raw,
				c.status, c.allow, wantCode)
		}
	}
}

// An action item's owner is the invitee addressed, with the email of the
// calendar and the team of the workspace; the request and its acceptance
// are one item.
func TestMeetingsActionItemOwnerHasTeam(t *testing.T) {
	s := start(t, testConfig(t))
	ws := seedWorkspace(t, s)
	id := recordingID(t, s.ingest(t, ws.alice, map[string]any{"external_id": "owner-1", "title": "Funnel review",
		"calendar_invitees": []map[string]any{{"name": "Alice", "email": "alice@acme.com"}, {"name": "Bob", "email": "bob@acme.com"}}}))
	s.waitProcessed(t, ws.alice, id)
	m := s.get(t, fmt.Sprintf("/external/v1/meetings/%d?include_action_items=true", id), ws.alice)
	items, _ := m.Body["action_items"].([]any)
	if len(items) != 1 {
		t.Fatalf("action items %s, want one", m.Raw)
	}
	a, _ := items[0].(map[string]any)["assignee"].(map[string]any)
	if a["name"] != "Bob" || a["email"] != "bob@acme.com" || a["team"] != "Engineering" {
		t.Errorf("assignee %v, want Bob <bob@acme.com> of Engineering", a)
	}
}
