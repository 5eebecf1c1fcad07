package app_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"testing"
)

// TestReadableKnowledge tracks three kinds of issue, written as a support
// agent would, resolves them without notes, and checks through the real
// server that the generated notes say what fixed the problem and that an
// issue type has one readable name everywhere: the issue list, issueDetails,
// the recommendation, matchReasons, /issues/{name} and the graph.
func TestReadableKnowledge(t *testing.T) {
	s := start(t, testConfig(t))
	key := s.newKey(t, "readable")
	kinds := []struct {
		openers     []string
		fix, thanks string
	}{
		{[]string{"My card payment was declined at the supermarket.", "Payment declined when I tried to buy groceries.",
			"My card payment was declined online.", "Card payment declined again at the shop."},
			"It looks like your card had expired. Please update your card details in the app.", "That worked, thanks."},
		{[]string{"I ordered a new card two weeks ago and it still hasn't arrived.", "My new card has not arrived yet.",
			"The replacement card I ordered has not arrived.", "Hello, my new card hasn't arrived."},
			"I'm sorry about that. I have ordered a replacement card for you.", "Great, thank you!"},
		{[]string{"The password reset email never came.", "I asked for a password reset but the email never came.",
			"Password reset email never came, I checked twice."},
			"Please check your spam folder for the password reset email.", "Found it there, thanks!"},
	}
	for k, kind := range kinds {
		for i := range 6 {
			id := fmt.Sprintf("c%d-%d", k, i)
			if r := s.post(t, "/api/v1/context/track", key, track(id, kind.openers[i%len(kind.openers)], kind.fix, kind.thanks)); r.Status != 200 {
				t.Fatalf("track: %s", r.Raw)
			}
			r := s.post(t, "/api/v1/context/resolve", key, mustJSON(map[string]string{"conversationId": id}))
			notes, _ := r.data()["resolutionNotes"].(string)
			if r.Status != 200 || strings.HasPrefix(notes, "Issue:") || strings.Contains(notes, "messages.)") {
				t.Fatalf("generated notes %q: %s", notes, r.Raw)
			}
			// The fix of the first kind is stated plainly enough for any
			// attempt extraction; the others depend on its recall.
			if k == 0 && !strings.Contains(notes, " fixed it") {
				t.Errorf("generated notes %q do not say what fixed it", notes)
			}
			if i == 0 {
				t.Logf("generated notes: %s", notes)
			}
		}
	}
	waitAnalysed(t, s)

	get := func(path string) reply {
		req, _ := http.NewRequest(http.MethodGet, s.URL+path, nil)
		req.Header.Set("X-API-Key", key)
		return do(t, req)
	}
	readable := regexp.MustCompile(`^[a-z]+(_[a-z]+)*$`)
	list := get("/api/v1/context/issues")
	names := map[string]bool{}
	for _, it := range list.data()["issueTypes"].([]any) {
		name := it.(map[string]any)["name"].(string)
		names[name] = true
		if !readable.MatchString(name) {
			t.Errorf("issue type name %q is not words joined by underscores", name)
		}
		t.Logf("issue type %s: %s", name, it.(map[string]any)["description"])
	}

	r := s.post(t, "/api/v1/context/similarity", key, `{"message":"Customer says their card payment was declined at the shop","limit":5}`)
	convs := r.data()["conversations"].([]any)
	if len(convs) == 0 {
		t.Fatalf("no similar conversations: %s", r.Raw)
	}
	top := convs[0].(map[string]any)["issueDetails"].(map[string]any)["name"].(string)
	if !names[top] {
		t.Fatalf("issueDetails names %q, not in the issue list %v", top, names)
	}
	if rec, _ := r.data()["recommendations"].(map[string]any); rec != nil && rec["issueType"] != nil && rec["issueType"] != top {
		t.Errorf("recommendation names %v, issueDetails %q", rec["issueType"], top)
	}
	sameType := 0
	for _, c := range convs {
		c := c.(map[string]any)
		for _, reason := range c["matchReasons"].([]any) {
			if name, ok := strings.CutPrefix(reason.(string), "same issue type: "); ok {
				sameType++
				if want := c["issueDetails"].(map[string]any)["name"]; name != want {
					t.Errorf("matchReasons name %q, issueDetails %q", name, want)
				}
			}
		}
	}
	if sameType == 0 {
		t.Errorf("no match reason names the issue type: %s", r.Raw)
	}
	if d := get("/api/v1/context/issues/" + top); d.Status != 200 || d.data()["issueType"].(map[string]any)["name"] != top {
		t.Errorf("/issues/%s: %d %s", top, d.Status, d.Raw)
	}
	g := get("/api/v1/context/graph?issueType=" + top)
	found := false
	for _, n := range g.data()["nodes"].([]any) {
		if n := n.(map[string]any); n["kind"] == "issue_type" && n["label"] == top {
			found = true
		}
	}
	if g.Status != 200 || !found {
		t.Errorf("graph of %s: %s", top, g.Raw)
	}
}

// TestOldTypeNamesMigrate stores names pinned by the first naming scheme (a
// bare map of type id to word-bag names) in place of the current ones: after
// a restart the types are named again by the current scheme, once, and the
// new names then survive further restarts.
func TestOldTypeNamesMigrate(t *testing.T) {
	cfg := testConfig(t)
	s := start(t, cfg)
	key := s.newKey(t, "acme")
	for i := range 6 {
		s.post(t, "/api/v1/context/track", key, track(fmt.Sprint("pay-", i), "My card payment was declined at the shop.",
			"It looks like your card had expired. Please update your card details.", "That worked, thanks."))
		s.post(t, "/api/v1/context/track", key, track(fmt.Sprint("pw-", i), "The password reset email never came.",
			"Please check your spam folder.", "Found it, thanks."))
	}
	waitAnalysed(t, s)
	issueNames := func() map[string]bool {
		req, _ := http.NewRequest(http.MethodGet, s.URL+"/api/v1/context/issues", nil)
		req.Header.Set("X-API-Key", key)
		names := map[string]bool{}
		for _, it := range do(t, req).data()["issueTypes"].([]any) {
			names[it.(map[string]any)["name"].(string)] = true
		}
		return names
	}
	before := issueNames()
	s.close(t)

	db, placeholder := rawDB(t, cfg)
	var blob []byte
	if err := db.QueryRow(`SELECT model FROM knowledge_models WHERE kind = 'issuetype-names'`).Scan(&blob); err != nil {
		t.Skipf("names are not stored as one blob: %v", err)
	}
	var stored struct {
		Names map[string]struct{ Name string } `json:"names"`
	}
	if err := json.Unmarshal(blob, &stored); err != nil || len(stored.Names) == 0 {
		t.Fatalf("stored names %s: %v", blob, err)
	}
	old := map[string]map[string]string{}
	for id := range stored.Names {
		old[id] = map[string]string{"name": "log_password_says_" + id, "description": "Conversations about log, password, says."}
	}
	if _, err := db.Exec(`UPDATE knowledge_models SET model = `+placeholder+` WHERE kind = 'issuetype-names'`, []byte(mustJSON(old))); err != nil {
		t.Fatal(err)
	}

	s = start(t, cfg)
	after := issueNames()
	if fmt.Sprint(after) != fmt.Sprint(before) {
		t.Fatalf("after migrating old names: %v, want the current scheme's %v", after, before)
	}
	s.close(t)
	s = start(t, cfg)
	if again := issueNames(); fmt.Sprint(again) != fmt.Sprint(before) {
		t.Fatalf("names moved across a restart: %v, want %v", again, before)
	}
}
