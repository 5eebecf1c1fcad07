package app_test

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"testing"

	"github.com/fathom-oss/fathom/internal/fathom"
	"github.com/fathom-oss/fathom/internal/meeting"
	"github.com/fathom-oss/fathom/internal/store"
)

// supportCallBody is a support call of Dana (customer.io, a customer) with
// Alice (acme.com, the workspace): Dana's turns are the user's, Alice's the
// assistant's, and Sam, whom the calendar does not name, counts as the
// workspace's.
func supportCallBody(meetingType string) map[string]any {
	return map[string]any{"external_id": "call-1", "title": "Invoice export", "meeting_type": meetingType,
		"calendar_invitees": []map[string]any{{"name": "Alice", "email": "alice@acme.com"}, {"name": "Dana", "email": "dana@customer.io"}},
		"transcript": []map[string]any{
			{"speaker": map[string]any{"display_name": "Alice"}, "text": "Hi Dana, thanks for calling support.", "timestamp": "00:00:02"},
			{"speaker": map[string]any{"display_name": "Dana"}, "text": "The invoice export keeps failing with an error.", "timestamp": "00:00:10"},
			{"speaker": map[string]any{"display_name": "Dana"}, "text": "Every CSV export of my invoices stops half way.", "timestamp": "00:00:16"},
			{"speaker": map[string]any{"display_name": "Alice"}, "text": "Please clear your browser cache and run the invoice export again.", "timestamp": "00:00:30"},
			{"speaker": map[string]any{"display_name": "Sam"}, "text": "I can confirm the cache was the cause last week too.", "timestamp": "00:00:40"},
			{"speaker": map[string]any{"display_name": "Dana"}, "text": "That worked, the export finished.", "timestamp": "00:01:05"},
		}}
}

// TestSupportCallFeedsKnowledge imports a support call and a meeting that
// is none: the call becomes a conversation that similarity finds and the
// issue types count, once however often it is imported, and deleting the
// meeting deletes it; the other meeting is never learned from.
func TestSupportCallFeedsKnowledge(t *testing.T) {
	s := start(t, testConfig(t))
	ws := seedWorkspace(t, s)
	ctx := context.Background()
	tn, err := s.DB.TenantGetByName(ctx, "acme")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Meetings.SetSupportCallRules(ctx, tn.ID, []string{"Support call"}, nil); err != nil {
		t.Fatal(err)
	}
	// Chats on the same issue, so that the call joins a type they made.
	for i := range 6 {
		r := s.post(t, "/api/v1/context/track", ws.alice, track(fmt.Sprintf("chat-%d", i),
			"My invoice export fails with an error", "Please clear your browser cache and try the export again.", "That worked, thanks."))
		if r.Status != 200 {
			t.Fatalf("track: %s", r.Raw)
		}
	}

	call := s.ingest(t, ws.alice, supportCallBody("Support call"))
	if call.Status != 201 {
		t.Fatalf("ingest the call: %d %s", call.Status, call.Raw)
	}
	callID := recordingID(t, call)
	other := s.ingest(t, ws.alice, map[string]any{"external_id": "roadmap-1", "title": "Roadmap", "meeting_type": "Planning",
		"calendar_invitees": []map[string]any{{"name": "Alice", "email": "alice@acme.com"}, {"name": "Bob", "email": "bob@partner.io"}},
		"transcript": []map[string]any{
			{"speaker": map[string]any{"display_name": "Bob"}, "text": "Our invoice export roadmap item slips a week.", "timestamp": "00:00:05"},
			{"speaker": map[string]any{"display_name": "Alice"}, "text": "Then the invoice export ships in March.", "timestamp": "00:00:20"},
		}})
	if other.Status != 201 {
		t.Fatalf("ingest the other meeting: %d %s", other.Status, other.Raw)
	}
	otherID := recordingID(t, other)
	s.waitProcessed(t, ws.alice, callID)
	s.waitProcessed(t, ws.alice, otherID)
	waitAnalysed(t, s)

	callConv, otherConv := fathom.SupportCallConversationID(callID), fathom.SupportCallConversationID(otherID)
	conv := s.get(t, "/api/v1/context/conversations/"+callConv, ws.alice)
	if conv.Status != 200 {
		t.Fatalf("the call's conversation: %d %s", conv.Status, conv.Raw)
	}
	data := conv.data()
	var roles []string
	for _, m := range data["messages"].([]any) {
		roles = append(roles, m.(map[string]any)["role"].(string))
	}
	// Alice | Dana's two lines as one | Alice and Sam as one | Dana.
	if fmt.Sprint(roles) != "[assistant user assistant user]" || data["userId"] != "dana@customer.io" || data["status"] != "resolved" {
		t.Fatalf("the call's conversation: roles %v, userId %v, status %v: %s", roles, data["userId"], data["status"], conv.Raw)
	}
	issue, _ := data["issueDetails"].(map[string]any)
	if issue == nil || issue["name"] == "" {
		t.Fatalf("the call has no issue type: %s", conv.Raw)
	}
	if r := s.get(t, "/api/v1/context/conversations/"+otherConv, ws.alice); r.Status != 404 {
		t.Fatalf("a meeting that is no support call was learned from: %d %s", r.Status, r.Raw)
	}
	occurrences := func(name any) float64 {
		t.Helper()
		r := s.get(t, "/api/v1/context/issues", ws.alice)
		for _, it := range r.data()["issueTypes"].([]any) {
			if it := it.(map[string]any); it["name"] == name {
				return it["occurrences"].(float64)
			}
		}
		return 0
	}
	withCall := occurrences(issue["name"])
	if withCall < 1 {
		t.Fatalf("issue type %v is not listed by /issues", issue["name"])
	}
	similar := func() []string {
		t.Helper()
		r := s.post(t, "/api/v1/context/similarity", ws.alice, `{"message":"the invoice export fails half way","limit":20}`)
		if r.Status != 200 {
			t.Fatalf("similarity: %s", r.Raw)
		}
		var ids []string
		for _, c := range r.data()["conversations"].([]any) {
			ids = append(ids, c.(map[string]any)["conversationId"].(string))
		}
		return ids
	}
	found := similar()
	if !slices.Contains(found, callConv) || slices.Contains(found, otherConv) {
		t.Fatalf("similarity found %v, want %s and not %s", found, callConv, otherConv)
	}

	// Imported again: the same recording, the same one conversation.
	again := s.ingest(t, ws.alice, supportCallBody("Support call"))
	if again.Status != 200 || recordingID(t, again) != callID {
		t.Fatalf("re-import: %d %s", again.Status, again.Raw)
	}
	if r := s.get(t, "/api/v1/context/conversations/"+callConv, ws.alice); r.data()["messageCount"] != data["messageCount"] ||
		r.data()["createdAt"] != data["createdAt"] {
		t.Fatalf("re-import changed the conversation: %s, was %s", r.Raw, conv.Raw)
	}
	// Processed again: the conversation is kept when the call is the
	// same, replaced, never appended to, when it is not.
	m, err := s.DB.MeetingGet(ctx, tn.ID, callID)
	if err != nil {
		t.Fatal(err)
	}
	items, _, err := s.DB.MeetingContent(ctx, callID)
	if err != nil {
		t.Fatal(err)
	}
	learn := func(items []fathom.TranscriptItem) {
		t.Helper()
		err := s.DB.Write(ctx, func(tx store.Tx) error {
			_, err := s.Conversations.LearnCallTx(ctx, tx, tn.ID, meetingCall(m, items, t, s))
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	learn(items)
	if r := s.get(t, "/api/v1/context/conversations/"+callConv, ws.alice); r.data()["createdAt"] != data["createdAt"] {
		t.Fatalf("learning the same call again replaced it: %s", r.Raw)
	}
	learn(items[:2])
	if r := s.get(t, "/api/v1/context/conversations/"+callConv, ws.alice); r.data()["messageCount"] != 2.0 {
		t.Fatalf("learning a changed call: messageCount %v, want 2 (replaced): %s", r.data()["messageCount"], r.Raw)
	}
	learn(items)
	waitAnalysed(t, s)
	if got := similar(); len(got) != len(found) || !slices.Contains(got, callConv) {
		t.Fatalf("after processing again similarity found %v, want %v", got, found)
	}

	// Deleting the meeting deletes what was learned from it.
	req, err := http.NewRequest(http.MethodDelete, fmt.Sprintf("%s/external/v1/meetings/%d", s.URL, callID), nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("X-Api-Key", ws.alice)
	if r := do(t, req); r.Status != 204 {
		t.Fatalf("delete the call: %d %s", r.Status, r.Raw)
	}
	if r := s.get(t, fmt.Sprintf("/external/v1/meetings/%d", callID), ws.alice); r.Status != 404 {
		t.Fatalf("the deleted meeting: %d %s", r.Status, r.Raw)
	}
	if r := s.get(t, "/api/v1/context/conversations/"+callConv, ws.alice); r.Status != 404 {
		t.Fatalf("the deleted call's conversation: %d %s", r.Status, r.Raw)
	}
	if got := similar(); slices.Contains(got, callConv) {
		t.Fatalf("similarity still finds the deleted call: %v", got)
	}
	eventually(t, "the issue types forget the call", func() bool { return occurrences(issue["name"]) == withCall-1 })
}

// meetingCall is the call the meetings service would hand over for m.
func meetingCall(m *fathom.Meeting, items []fathom.TranscriptItem, t *testing.T, s *testServer) *fathom.SupportCall {
	t.Helper()
	domains, err := s.DB.TenantDomains(context.Background(), m.TenantID)
	if err != nil {
		t.Fatal(err)
	}
	rules, err := s.DB.SupportCallRuleList(context.Background(), m.TenantID)
	if err != nil {
		t.Fatal(err)
	}
	call := meeting.SupportCallOf(m, items, domains, rules)
	if call == nil {
		t.Fatal("no customer speaks in the call")
	}
	return call
}

// TestMeetingDeleteRights: a recording is deleted by its recorder or an
// account admin; another member who sees it gets 403, one who does not 404.
func TestMeetingDeleteRights(t *testing.T) {
	s := start(t, testConfig(t))
	ws := seedWorkspace(t, s)
	shared := s.ingest(t, ws.alice, map[string]any{"external_id": "shared-1", "title": "Shared", "share": map[string]any{"teams": []string{"Engineering"}}})
	private := s.ingest(t, ws.alice, map[string]any{"external_id": "private-1", "title": "Private"})
	del := func(key string, id int64) reply {
		t.Helper()
		req, err := http.NewRequest(http.MethodDelete, fmt.Sprintf("%s/external/v1/meetings/%d", s.URL, id), nil)
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("X-Api-Key", key)
		return do(t, req)
	}
	if r := del(ws.bob, recordingID(t, shared)); r.Status != 403 {
		t.Fatalf("a member who sees it: %d %s, want 403", r.Status, r.Raw)
	}
	if r := del(ws.bob, recordingID(t, private)); r.Status != 404 {
		t.Fatalf("a member who does not see it: %d %s, want 404", r.Status, r.Raw)
	}
	tn, err := s.DB.TenantGetByName(context.Background(), "acme")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Meetings.SetUserAccess(context.Background(), tn.ID, "bob@acme.com", "", fathom.SettingsAccountAdmin); err != nil {
		t.Fatal(err)
	}
	if r := del(ws.bob, recordingID(t, shared)); r.Status != 204 {
		t.Fatalf("an account admin: %d %s, want 204", r.Status, r.Raw)
	}
	if r := del(ws.alice, recordingID(t, private)); r.Status != 204 {
		t.Fatalf("the recorder: %d %s, want 204", r.Status, r.Raw)
	}
	if r := s.get(t, "/external/v1/meetings", ws.alice); len(r.Body["items"].([]any)) != 0 {
		t.Fatalf("meetings left after deleting both: %s", r.Raw)
	}
}

// TestSupportCallRulesApplyToEarlierMeetings sets the rules after the
// meetings were processed: the meetings the rules hold for become
// conversations, once however often the rules are set; a change drops the
// conversations of the meetings no longer matched and learns the newly
// matched; clearing the rules drops them all.
func TestSupportCallRulesApplyToEarlierMeetings(t *testing.T) {
	s := start(t, testConfig(t))
	ws := seedWorkspace(t, s)
	ctx := context.Background()
	tn, err := s.DB.TenantGetByName(ctx, "acme")
	if err != nil {
		t.Fatal(err)
	}
	call := s.ingest(t, ws.alice, supportCallBody("Support call"))
	other := s.ingest(t, ws.alice, map[string]any{"external_id": "partner-1", "title": "Partner sync", "meeting_type": "Planning",
		"calendar_invitees": []map[string]any{{"name": "Alice", "email": "alice@acme.com"}, {"name": "Bob", "email": "bob@partner.io"}},
		"transcript": []map[string]any{
			{"speaker": map[string]any{"display_name": "Bob"}, "text": "The sync of our invoices fails every night.", "timestamp": "00:00:05"},
			{"speaker": map[string]any{"display_name": "Alice"}, "text": "Restart the sync from the settings page.", "timestamp": "00:00:20"},
		}})
	if call.Status != 201 || other.Status != 201 {
		t.Fatalf("ingest: %d %s / %d %s", call.Status, call.Raw, other.Status, other.Raw)
	}
	callID, otherID := recordingID(t, call), recordingID(t, other)
	s.waitProcessed(t, ws.alice, callID)
	s.waitProcessed(t, ws.alice, otherID)
	callConv, otherConv := fathom.SupportCallConversationID(callID), fathom.SupportCallConversationID(otherID)
	learned := func(conv string) bool {
		t.Helper()
		r := s.get(t, "/api/v1/context/conversations/"+conv, ws.alice)
		if r.Status != 200 && r.Status != 404 {
			t.Fatalf("conversation %s: %d %s", conv, r.Status, r.Raw)
		}
		return r.Status == 200
	}
	if learned(callConv) || learned(otherConv) {
		t.Fatal("a meeting was learned from with no rules")
	}
	set := func(types, domains []string) {
		t.Helper()
		if _, err := s.Meetings.SetSupportCallRules(ctx, tn.ID, types, domains); err != nil {
			t.Fatal(err)
		}
	}
	set([]string{"Support call"}, nil)
	eventually(t, "the earlier support call becomes a conversation", func() bool { return learned(callConv) })
	if learned(otherConv) {
		t.Error("a meeting the rules do not hold for was learned from")
	}
	db, ph := rawDB(t, s.cfg)
	rowOf := func(conv string) (id int64) {
		t.Helper()
		if err := db.QueryRow(`SELECT id FROM conversations WHERE external_id = `+ph, conv).Scan(&id); err != nil {
			t.Fatalf("conversation %s: %v", conv, err)
		}
		return id
	}
	first := rowOf(callConv)

	// The same rules again: nothing changes (the same conversation row).
	set([]string{"Support call"}, nil)
	eventually(t, "the rules job ran", func() bool {
		return count(t, s.cfg, `SELECT count(*) FROM river_job WHERE kind = 'apply_support_call_rules' AND state <> 'completed'`) == 0
	})
	if again := rowOf(callConv); again != first {
		t.Errorf("setting the same rules again made the conversation anew: row %d, then %d", first, again)
	}

	// Another rule: the call is no longer one, the partner meeting is.
	set(nil, []string{"partner.io"})
	eventually(t, "the newly matched meeting is learned, the other dropped", func() bool {
		return learned(otherConv) && !learned(callConv)
	})

	set(nil, nil)
	eventually(t, "no rules: no call conversation left", func() bool { return !learned(otherConv) && !learned(callConv) })
}
