package app_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/fathom-oss/fathom/internal/meeting"
	"github.com/fathom-oss/fathom/internal/tenant"
)

// analyticsMeetings ingests two recordings and waits for both:
//
//	shared: alice's, shared with Sales, 2 minutes. Alice 0–30 s (one
//	  question), Dana (dana@client.com, external) 30–60 s (one question),
//	  Alice 60–120 s in two items: Alice 90 s, Dana 30 s; Alice's longest
//	  monologue 60 s at 00:01:00.
//	private: bob's, shared with nobody. Bob 0–100 s, Dana 100–120 s.
func analyticsMeetings(t *testing.T, s *testServer, ws workspace, end time.Time) (shared, private int64) {
	t.Helper()
	item := func(name, text, at string) map[string]any {
		return map[string]any{"speaker": map[string]any{"display_name": name}, "text": text, "timestamp": at}
	}
	shared = recordingID(t, s.ingest(t, ws.alice, map[string]any{"title": "Pricing call",
		"recording_start_time": end.Add(-2 * time.Minute), "recording_end_time": end,
		"share":             map[string]any{"teams": []string{"Sales"}},
		"calendar_invitees": []map[string]any{{"name": "Alice", "email": "alice@acme.com"}, {"name": "Dana", "email": "dana@client.com"}},
		"transcript": []map[string]any{item("Alice", "Hi Dana, how are things?", "00:00:00"),
			item("Dana", "Good. Can we discuss pricing?", "00:00:30"), item("Alice", "Yes.", "00:01:00"),
			item("Alice", "Here is the plan for next quarter.", "00:01:30")}}))
	private = recordingID(t, s.ingest(t, ws.bob, map[string]any{"title": "Bob's call",
		"recording_start_time": end.Add(-2 * time.Minute), "recording_end_time": end,
		"calendar_invitees": []map[string]any{{"name": "Bob", "email": "bob@acme.com"}, {"name": "Dana", "email": "dana@client.com"}},
		"transcript":        []map[string]any{item("Bob", "Let me walk you through it.", "00:00:00"), item("Dana", "Thanks.", "00:01:40")}}))
	s.waitProcessed(t, ws.alice, shared)
	s.waitProcessed(t, ws.bob, private)
	return shared, private
}

func TestAnalyticsOfARecording(t *testing.T) {
	s := start(t, testConfig(t))
	ws := seedWorkspace(t, s)
	shared, private := analyticsMeetings(t, s, ws, time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC))

	r := s.get(t, fmt.Sprintf("/external/v1/recordings/%d/analytics", shared), ws.alice)
	if r.Status != 200 {
		t.Fatalf("analytics: %d %s", r.Status, r.Raw)
	}
	want := `{"recording_id":%d,"recording_length_seconds":120,"talk_time_seconds":120,"speakers":[` +
		`{"name":"Alice","email":"alice@acme.com","side":"internal","talk_time_seconds":90,"share":0.75,"turns":3,"questions":1,"longest_monologue_seconds":60,"longest_monologue_timestamp":"00:01:00"},` +
		`{"name":"Dana","email":"dana@client.com","side":"external","talk_time_seconds":30,"share":0.25,"turns":1,"questions":1,"longest_monologue_seconds":30,"longest_monologue_timestamp":"00:00:30"}],` +
		`"sides":{"internal":{"talk_time_seconds":90,"share":0.75},"external":{"talk_time_seconds":30,"share":0.25},"unknown":{"talk_time_seconds":0,"share":0}},` +
		`"longest_monologue":{"speaker":"Alice","email":"alice@acme.com","seconds":60,"timestamp":"00:01:00"}}`
	if got := strings.TrimSpace(r.Raw); got != fmt.Sprintf(want, shared) {
		t.Errorf("analytics =\n%s\nwant\n%s", got, fmt.Sprintf(want, shared))
	}
	// bob is in Engineering: alice's Sales meeting is not his to see, and
	// his private one is not alice's.
	for _, c := range []struct {
		key  string
		id   int64
		want int
	}{{ws.bob, shared, 404}, {ws.alice, private, 404}, {ws.alice, 999999, 404}, {ws.bob, private, 200}} {
		if r := s.get(t, fmt.Sprintf("/external/v1/recordings/%d/analytics", c.id), c.key); r.Status != c.want {
			t.Errorf("recording %d: %d %s, want %d", c.id, r.Status, r.Raw, c.want)
		}
	}
	if r := s.get(t, "/external/v1/recordings/abc/analytics", ws.alice); r.Status != 400 || !strings.Contains(r.Raw, "recording_id") {
		t.Errorf("bad id: %d %s", r.Status, r.Raw)
	}
}

// people returns a report's items by name.
func people(t *testing.T, r reply) map[string]map[string]any {
	t.Helper()
	if r.Status != 200 {
		t.Fatalf("report: %d %s", r.Status, r.Raw)
	}
	out := map[string]map[string]any{}
	for _, it := range r.Body["items"].([]any) {
		row := it.(map[string]any)
		out[row["name"].(string)] = row
	}
	return out
}

func TestAnalyticsAcrossMeetingsOnlyWhatTheCallerSees(t *testing.T) {
	s := start(t, testConfig(t))
	ws := seedWorkspace(t, s)
	end := time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)
	analyticsMeetings(t, s, ws, end)

	// alice sees her Sales meeting only: Dana's 20 s in bob's private
	// meeting, and bob, are not counted.
	rows := people(t, s.get(t, "/external/v1/analytics?group_by=person", ws.alice))
	if len(rows) != 2 || rows["Bob"] != nil {
		t.Fatalf("alice's people = %v, want Alice and Dana", rows)
	}
	a, d := rows["Alice"], rows["Dana"]
	if a["talk_time_seconds"] != 90.0 || a["share"] != 0.75 || a["team"] != "Sales" || a["meetings"] != 1.0 || a["side"] != "internal" ||
		a["external_share"] != 0.25 || a["questions"] != 1.0 {
		t.Errorf("Alice = %v", a)
	}
	if d["talk_time_seconds"] != 30.0 || d["meetings"] != 1.0 || d["side"] != "external" || d["team"] != nil {
		t.Errorf("Dana = %v (her time in bob's private meeting must not count)", d)
	}
	teams := people(t, s.get(t, "/external/v1/analytics?group_by=team", ws.alice))
	if len(teams) != 1 || teams["Sales"]["talk_time_seconds"] != 90.0 || teams["Sales"]["meeting_talk_time_seconds"] != 120.0 {
		t.Errorf("alice's teams = %v, want Sales alone with 90 s of 120", teams)
	}
	// bob sees his own meeting only: Engineering, never Sales.
	teams = people(t, s.get(t, "/external/v1/analytics?group_by=team", ws.bob))
	if len(teams) != 1 || teams["Engineering"]["talk_time_seconds"] != 100.0 || teams["Sales"] != nil {
		t.Errorf("bob's teams = %v, want Engineering alone with 100 s", teams)
	}
	rows = people(t, s.get(t, "/external/v1/analytics?team=Engineering", ws.bob))
	if len(rows) != 1 || rows["Bob"]["share"] != 0.8333 {
		t.Errorf("bob's people of Engineering = %v, want Bob with 100/120", rows)
	}

	// The period: created_at is the recording's end.
	for _, c := range []struct {
		query string
		want  int
	}{
		{"created_after=" + end.Add(-time.Second).Format(time.RFC3339), 2},
		{"created_after=" + end.Format(time.RFC3339), 0},
		{"created_before=" + end.Format(time.RFC3339), 0},
		{"created_after=2026-03-01&created_before=2026-03-03", 2},
	} {
		if rows := people(t, s.get(t, "/external/v1/analytics?"+c.query, ws.alice)); len(rows) != c.want {
			t.Errorf("%s: %d people, want %d", c.query, len(rows), c.want)
		}
	}

	for query, field := range map[string]string{
		"group_by=company":                                   "group_by",
		"created_after=yesterday":                            "created_after",
		"created_before=soon":                                "created_before",
		"created_after=2026-03-03&created_before=2026-03-01": "created_before",
		"team=%01": "team",
	} {
		r := s.get(t, "/external/v1/analytics?"+query, ws.alice)
		if r.Status != 400 || !strings.Contains(r.Body["error"].(string), field) {
			t.Errorf("%s: %d %s, want 400 naming %s", query, r.Status, r.Raw, field)
		}
	}
}

// TestAnalyticsBackfilled: meetings processed before analytics were
// stored (their rows removed here) are measured when first asked for,
// once, and stored.
func TestAnalyticsBackfilled(t *testing.T) {
	cfg := testConfig(t)
	s := start(t, cfg)
	ws := seedWorkspace(t, s)
	shared, _ := analyticsMeetings(t, s, ws, time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC))
	db, _ := rawDB(t, cfg)
	count := func() int {
		var n int
		if err := db.QueryRowContext(context.Background(), `SELECT count(*) FROM meeting_analytics`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	if n := count(); n != 2 {
		t.Fatalf("%d meetings have analytics after processing, want 2", n)
	}
	if _, err := db.ExecContext(context.Background(), `DELETE FROM meeting_analytics`); err != nil {
		t.Fatal(err)
	}
	rows := people(t, s.get(t, "/external/v1/analytics", ws.bob))
	if rows["Bob"]["talk_time_seconds"] != 100.0 {
		t.Errorf("bob's people after the backfill = %v", rows)
	}
	// The report measured every meeting of the period, bob's and the one
	// he cannot see.
	if n := count(); n != 2 {
		t.Errorf("%d meetings have analytics after the report, want 2", n)
	}
	if _, err := db.ExecContext(context.Background(), `DELETE FROM meeting_analytics`); err != nil {
		t.Fatal(err)
	}
	if r := s.get(t, fmt.Sprintf("/external/v1/recordings/%d/analytics", shared), ws.alice); r.Status != 200 || r.Body["talk_time_seconds"] != 120.0 {
		t.Errorf("analytics after the rows were removed: %d %s", r.Status, r.Raw)
	}
	if n := count(); n != 1 {
		t.Errorf("%d meetings have analytics after one was asked for, want 1", n)
	}
}

// TestAnalyticsTeamTotalsLeaveOutPrivateMeetings: a meeting private to one
// member of Sales, in which another member speaks, is in neither the
// other's figures nor the team's as the other sees them.
func TestAnalyticsTeamTotalsLeaveOutPrivateMeetings(t *testing.T) {
	s := start(t, testConfig(t))
	ws := seedWorkspace(t, s)
	ctx := context.Background()
	tn, err := s.DB.TenantGetByName(ctx, "acme")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Meetings.PutUser(ctx, meeting.PutUserParams{TenantID: tn.ID, Email: "carol@acme.com", Name: "Carol", Team: "Sales"}); err != nil {
		t.Fatal(err)
	}
	k, err := s.Tenants.CreateKey(ctx, tenant.CreateKeyParams{Tenant: "acme", UserEmail: "carol@acme.com"})
	if err != nil {
		t.Fatal(err)
	}
	carol := k.Secret
	end := time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)
	analyticsMeetings(t, s, ws, end)
	// carol's private one-on-one with alice: Carol 0–10 s, Alice 10–60 s.
	private := recordingID(t, s.ingest(t, carol, map[string]any{"title": "One-on-one",
		"recording_start_time": end.Add(-time.Minute), "recording_end_time": end,
		"calendar_invitees": []map[string]any{{"name": "Alice", "email": "alice@acme.com"}, {"name": "Carol", "email": "carol@acme.com"}},
		"transcript": []map[string]any{
			{"speaker": map[string]any{"display_name": "Carol"}, "text": "How are you?", "timestamp": "00:00:00"},
			{"speaker": map[string]any{"display_name": "Alice"}, "text": "Busy with the pricing work.", "timestamp": "00:00:10"}}}))
	s.waitProcessed(t, carol, private)

	if r := s.get(t, fmt.Sprintf("/external/v1/recordings/%d/analytics", private), ws.alice); r.Status != 404 {
		t.Errorf("alice reads carol's private meeting's figures: %d %s", r.Status, r.Raw)
	}
	teams := people(t, s.get(t, "/external/v1/analytics?group_by=team", ws.alice))
	if sales := teams["Sales"]; sales["talk_time_seconds"] != 90.0 || sales["meetings"] != 1.0 {
		t.Errorf("Sales as alice sees it = %v, want 90 s in 1 meeting (not carol's private one)", sales)
	}
	if a := people(t, s.get(t, "/external/v1/analytics?team=Sales", ws.alice))["Alice"]; a["talk_time_seconds"] != 90.0 {
		t.Errorf("Alice as alice sees her = %v, want 90 s", a)
	}
	// carol sees her own meeting and the one shared with Sales.
	teams = people(t, s.get(t, "/external/v1/analytics?group_by=team", carol))
	if sales := teams["Sales"]; sales["talk_time_seconds"] != 150.0 || sales["meetings"] != 2.0 || sales["meeting_talk_time_seconds"] != 180.0 {
		t.Errorf("Sales as carol sees it = %v, want 150 s (Alice 90 + 50, Carol 10) in 2 meetings of 180 s", sales)
	}
}
