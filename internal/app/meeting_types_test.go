package app_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/fathom-oss/fathom/internal/fathom"
	"github.com/fathom-oss/fathom/internal/webhook"
)

// strictDecode decodes raw into v, failing on any key v's type does not
// document: the documented shape, no more and no less (missing keys are
// checked by the callers' required-key lists).
func strictDecode(t *testing.T, raw string, v any) {
	t.Helper()
	dec := json.NewDecoder(strings.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		t.Fatalf("response does not have the documented shape: %v\n%s", err, raw)
	}
}

// hasKeys fails unless the JSON object obj has exactly keys.
func hasKeys(t *testing.T, what string, obj any, keys ...string) {
	t.Helper()
	m, ok := obj.(map[string]any)
	if !ok {
		t.Fatalf("%s is not an object: %v", what, obj)
	}
	var got []string
	for k := range m {
		got = append(got, k)
	}
	slices.Sort(got)
	slices.Sort(keys)
	if !slices.Equal(got, keys) {
		t.Fatalf("%s has keys %v, want %v", what, got, keys)
	}
}

// meetingTypeList is GET /meeting_types as spec §8.8 and §9.12 document it.
type meetingTypeList struct {
	Limit      *int    `json:"limit"`
	NextCursor *string `json:"next_cursor"`
	Items      []struct {
		Name      string    `json:"name"`
		Status    string    `json:"status"`
		CreatedAt time.Time `json:"created_at"`
	} `json:"items"`
}

func TestMeetingTypesListAndFilter(t *testing.T) {
	t.Parallel()
	s := start(t, testConfig(t))
	ws := seedWorkspace(t, s)
	ctx := context.Background()
	tn, err := s.DB.TenantGetByName(ctx, "acme")
	if err != nil {
		t.Fatal(err)
	}

	empty := s.get(t, "/external/v1/meeting_types", ws.alice)
	var page meetingTypeList
	strictDecode(t, empty.Raw, &page)
	if empty.Status != 200 || page.Limit == nil || *page.Limit != 10 || page.NextCursor != nil || page.Items == nil || len(page.Items) != 0 {
		t.Fatalf("meeting types of a new workspace: %d %s", empty.Status, empty.Raw)
	}
	hasKeys(t, "the list", empty.Body, "limit", "next_cursor", "items")

	// Twelve types: two come from ingestion, the rest from the workspace.
	internal := recordingID(t, s.ingest(t, ws.alice, map[string]any{"title": "Pipeline review", "meeting_type": "Sales call"}))
	external := recordingID(t, s.ingest(t, ws.alice, map[string]any{"title": "Client stand-up", "meeting_type": "Stand-up",
		"calendar_invitees": []map[string]any{{"name": "Dana", "email": "dana@client.com"}}}))
	untyped := recordingID(t, s.ingest(t, ws.alice, map[string]any{"title": "Untyped"}))
	var want []string
	want = append(want, "Sales call", "Stand-up")
	for i := range 10 {
		name := fmt.Sprintf("Type %02d", i)
		if _, created, err := s.Meetings.AddMeetingType(ctx, tn.ID, name); err != nil || !created {
			t.Fatalf("add %s: created %v, %v", name, created, err)
		}
		want = append(want, name)
	}
	if _, created, err := s.Meetings.AddMeetingType(ctx, tn.ID, "Sales call"); err != nil || created {
		t.Fatalf("adding a type that exists: created %v, %v", created, err)
	}
	if err := s.Meetings.SetMeetingTypeStatus(ctx, tn.ID, "Stand-up", fathom.MeetingTypeInactive); err != nil {
		t.Fatal(err)
	}

	var names []string
	var statuses []string
	path := "/external/v1/meeting_types"
	for pages := 0; ; pages++ {
		r := s.get(t, path, ws.bob) // any member sees the workspace's types
		var p meetingTypeList
		strictDecode(t, r.Raw, &p)
		if r.Status != 200 {
			t.Fatalf("page %d: %d %s", pages, r.Status, r.Raw)
		}
		for i, it := range p.Items {
			hasKeys(t, "a meeting type", r.Body["items"].([]any)[i], "name", "status", "created_at")
			if it.CreatedAt.IsZero() {
				t.Fatalf("meeting type without created_at: %s", r.Raw)
			}
			names, statuses = append(names, it.Name), append(statuses, it.Status)
		}
		if p.NextCursor == nil {
			if pages != 1 {
				t.Fatalf("%d pages, want 2 (10 and 2)", pages+1)
			}
			break
		}
		if len(p.Items) != 10 {
			t.Fatalf("a page before the last has %d items", len(p.Items))
		}
		path = "/external/v1/meeting_types?cursor=" + url.QueryEscape(*p.NextCursor)
	}
	if !slices.Equal(names, want) {
		t.Fatalf("meeting types = %v, want %v (creation order)", names, want)
	}
	if statuses[0] != "active" || statuses[1] != "inactive" {
		t.Fatalf("statuses = %v, want Sales call active and Stand-up inactive", statuses)
	}
	if r := s.get(t, "/external/v1/meeting_types?cursor=bm9wZQ==", ws.alice); r.Status != 400 || !strings.Contains(r.Raw, "cursor") {
		t.Fatalf("bad cursor: %d %s", r.Status, r.Raw)
	}

	list := func(query string) []int64 {
		t.Helper()
		r := s.get(t, "/external/v1/meetings?"+query, ws.alice)
		if r.Status != 200 {
			t.Fatalf("meetings?%s: %d %s", query, r.Status, r.Raw)
		}
		var ids []int64
		for _, it := range r.Body["items"].([]any) {
			ids = append(ids, int64(it.(map[string]any)["recording_id"].(float64)))
		}
		return ids
	}
	for _, c := range []struct {
		query string
		want  []int64
	}{
		{"meeting_type=Sales%20call", []int64{internal}},
		{"meeting_type=Stand-up", []int64{external}}, // inactive types still filter
		{"meeting_type=Nothing", nil},
		{"meeting_type=sales%20call", nil}, // names are exact
		// Legacy values while no type has their name (spec §8.1, §15 item 10).
		{"meeting_type=all", []int64{untyped, external, internal}},
		{"meeting_type=internal", []int64{untyped, internal}},
		{"meeting_type=external", []int64{external}},
	} {
		if got := list(c.query); fmt.Sprint(got) != fmt.Sprint(c.want) {
			t.Errorf("meetings?%s = %v, want %v", c.query, got, c.want)
		}
	}
	// Once the workspace has a type named "internal", the value is that name.
	named := recordingID(t, s.ingest(t, ws.alice, map[string]any{"title": "Typed internal", "meeting_type": "internal"}))
	if got := list("meeting_type=internal"); fmt.Sprint(got) != fmt.Sprint([]int64{named}) {
		t.Errorf("meetings?meeting_type=internal with a type by that name = %v, want [%d]", got, named)
	}
	if got := list("meeting_type=external"); fmt.Sprint(got) != fmt.Sprint([]int64{external}) {
		t.Errorf("legacy external after a type named internal = %v", got)
	}
	// A type the workspace has is a name even when no meeting carries it.
	if _, _, err := s.Meetings.AddMeetingType(ctx, tn.ID, "external"); err != nil {
		t.Fatal(err)
	}
	if got := list("meeting_type=external"); len(got) != 0 {
		t.Errorf("meetings?meeting_type=external with a type by that name and no meeting of it = %v, want none", got)
	}
}

func TestMeetingFieldsTypeURLSharing(t *testing.T) {
	t.Parallel()
	cfg := testConfig(t)
	cfg.AllowPrivateTargets = true
	s := start(t, cfg)
	ws := seedWorkspace(t, s)
	rc := newReceiver(t)
	hook := s.post(t, "/external/v1/webhooks", "", mustJSON(map[string]any{"destination_url": rc.URL + "/hook",
		"triggered_for": []string{"my_shared_with_team_recordings", "my_recordings"}, "include_summary": true}), "X-Api-Key", ws.alice)
	if hook.Status != 201 {
		t.Fatalf("create webhook: %d %s", hook.Status, hook.Raw)
	}
	secret, _ := hook.Body["secret"].(string)

	const join = "https://meet.example.com/abc-defg-hij"
	cases := []struct {
		body              map[string]any
		sharedWith, mtype string
		meetingURL        any
	}{
		{map[string]any{"title": "One team", "meeting_type": "Demo", "meeting_url": join, "share": map[string]any{"teams": []string{"Sales"}}},
			"single_team", "Demo", join},
		{map[string]any{"title": "Two teams", "share": map[string]any{"teams": []string{"Sales", "Engineering"}}}, "multiple_teams", "", nil},
		{map[string]any{"title": "All teams", "share": map[string]any{"all_teams": true}}, "all_teams", "", nil},
		{map[string]any{"title": "Nobody", "share": map[string]any{"users": []string{"bob@acme.com"}}}, "no_teams", "", nil},
	}
	ids := make([]int64, len(cases))
	for i, c := range cases {
		ids[i] = recordingID(t, s.ingest(t, ws.alice, c.body))
	}
	check := func(where string, m map[string]any, c int) {
		t.Helper()
		for _, k := range []string{"meeting_type", "meeting_url", "shared_with"} {
			if _, ok := m[k]; !ok {
				t.Fatalf("%s: no %s key in %v", where, k, m)
			}
		}
		var mtype any
		if cases[c].mtype != "" {
			mtype = cases[c].mtype
		}
		if m["shared_with"] != cases[c].sharedWith || m["meeting_type"] != mtype || m["meeting_url"] != cases[c].meetingURL {
			t.Errorf("%s: meeting_type %v, meeting_url %v, shared_with %v; want %v, %v, %s", where,
				m["meeting_type"], m["meeting_url"], m["shared_with"], mtype, cases[c].meetingURL, cases[c].sharedWith)
		}
	}
	r := s.get(t, "/external/v1/meetings", ws.alice)
	items := r.Body["items"].([]any)
	if len(items) != len(cases) {
		t.Fatalf("list: %s", r.Raw)
	}
	for i, it := range items {
		check("list", it.(map[string]any), len(cases)-1-i)
	}
	for i, id := range ids {
		g := s.get(t, fmt.Sprintf("/external/v1/meetings/%d", id), ws.alice)
		check("get", g.Body, i)
	}
	// Each case triggers one webhook (my_recordings or
	// my_shared_with_team_recordings); each body is a Meeting.
	seen := map[string]bool{}
	for range len(cases) {
		rc.wait(t)
	}
	rc.mu.Lock()
	got := slices.Clone(rc.got)
	rc.mu.Unlock()
	for _, d := range got {
		if err := webhook.Verify(secret, d.header, d.body, time.Now()); err != nil {
			t.Fatalf("delivery does not verify: %v", err)
		}
		var m map[string]any
		if err := json.Unmarshal(d.body, &m); err != nil {
			t.Fatal(err)
		}
		id := int64(m["recording_id"].(float64))
		c := slices.Index(ids, id)
		check("webhook", m, c)
		seen[cases[c].sharedWith] = true
	}
	if len(seen) != len(cases) {
		t.Fatalf("webhooks for %v, want one per sharing", seen)
	}

	for _, bad := range []struct {
		body  map[string]any
		field string
	}{
		{map[string]any{"meeting_url": "not a url"}, "meeting_url"},
		{map[string]any{"meeting_url": "ftp://files.example.com/x"}, "meeting_url"},
		{map[string]any{"meeting_url": "https://" + strings.Repeat("a", 2100) + ".com"}, "meeting_url"},
		{map[string]any{"meeting_type": strings.Repeat("x", 129)}, "meeting_type"},
		{map[string]any{"meeting_type": "   "}, "meeting_type"},
		{map[string]any{"meeting_type": 7}, "meeting_type"},
	} {
		bad.body["title"] = "bad"
		r := s.ingest(t, ws.alice, bad.body)
		if r.Status != 400 || !strings.Contains(r.Raw, bad.field) {
			t.Errorf("ingest %v: %d %s, want 400 naming %s", bad.body, r.Status, r.Raw, bad.field)
		}
	}
	if n := len(s.get(t, "/external/v1/meetings", ws.alice).Body["items"].([]any)); n != len(cases) {
		t.Errorf("bad input stored something: %d meetings", n)
	}
	mts := s.get(t, "/external/v1/meeting_types", ws.alice)
	if got := mts.Body["items"].([]any); len(got) != 1 || !bytes.Contains([]byte(mts.Raw), []byte(`"name":"Demo"`)) {
		t.Errorf("meeting types after ingestion: %s", mts.Raw)
	}
}
