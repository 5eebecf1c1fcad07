package app_test

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
)

// TestWebKnowledgeDashboard: conversations tracked through the Context API
// show on the signed-in user's dashboard (types ranked by volume with a
// drawn trend and success bars, the type's own page, the conversation
// browser and a tried message); another tenant's conversations never do;
// a signed-out browser is sent to sign in; bad input is a 400 naming the
// field.
func TestWebKnowledgeDashboard(t *testing.T) {
	e := startWeb(t, testConfig(t))
	paymentStory(t, e.testServer, e.ws.alice)
	other := e.newKey(t, "globex")
	if r := e.post(t, "/api/v1/context/track", other, track("globex-secret", "Zyxwvut frobnicator keeps melting",
		"Please recalibrate the zyxwvut frobnicator.", "That worked.")); r.Status != 200 {
		t.Fatalf("track: %s", r.Raw)
	}
	waitAnalysed(t, e.testServer)

	b := newBrowser(t)
	if p := b.get(e.URL + "/knowledge"); p.status != http.StatusSeeOther || p.location != "/signin?next=%2Fknowledge" {
		t.Fatalf("signed out: %d %q", p.status, p.location)
	}
	e.signIn(t, b, "bob@acme.com", "/knowledge")
	d := b.get(e.URL + "/knowledge")
	if d.status != 200 {
		t.Fatalf("dashboard: %d %s", d.status, d.body)
	}
	// Types ranked by volume: the payments type (81 conversations) before
	// the password type (20).
	names := regexp.MustCompile(`<h3 id="type-\d+"><a href="/knowledge/([^"]+)">`).FindAllStringSubmatch(d.body, -1)
	if len(names) < 2 {
		t.Fatalf("want at least 2 issue types: %s", d.body)
	}
	if !strings.Contains(d.body, "38 of 45 attempts") || !strings.Contains(d.body, `aria-label="84% success"`) {
		t.Fatalf("dashboard lacks the card-expiry fix's evidence: %s", d.body)
	}
	if !strings.Contains(d.body, ">81 conversations") {
		t.Fatalf("the first type is not the payments type with 81 conversations: %s", d.body)
	}
	trend := regexp.MustCompile(`<polyline points="([^"]+)"`).FindStringSubmatch(d.body)
	if trend == nil || !strings.Contains(d.body, "81 in the last 12 weeks") {
		t.Fatalf("no trend drawn for this week's conversations: %s", d.body)
	}
	if strings.Contains(d.body, "frobnicator") || strings.Contains(d.body, "globex") {
		t.Fatalf("another tenant's knowledge shown: %s", d.body)
	}

	first := names[0][1]
	tp := b.get(e.URL + "/knowledge/" + url.PathEscape(first))
	if tp.status != 200 || !strings.Contains(tp.body, "38 of 45 attempts") {
		t.Fatalf("type page: %d %s", tp.status, tp.body)
	}
	// The graph: the type to each fix, each fix to both outcomes (both
	// fixes failed sometimes).
	if strings.Count(tp.body, `class="link tried"`) < 2 || strings.Count(tp.body, `class="link success"`) < 2 ||
		strings.Count(tp.body, `class="link failure"`) < 2 || !strings.Contains(tp.body, "worked 38 times") {
		t.Fatalf("type page lacks the issue → solution → outcome graph: %s", tp.body)
	}
	if p := b.get(e.URL + "/knowledge/no-such-type"); p.status != 404 {
		t.Fatalf("unknown type: %d", p.status)
	}

	tried := b.get(e.URL + "/knowledge?message=" + url.QueryEscape("My payment keeps failing"))
	if tried.status != 200 || !strings.Contains(tried.body, "Predicted issue type: <a href=\"/knowledge/"+first+"\"") ||
		!regexp.MustCompile(`<strong>pay-\d{3}</strong>`).MatchString(tried.body) {
		t.Fatalf("try a message: %d %s", tried.status, tried.body)
	}
	if p := b.get(e.URL + "/knowledge?message=" + url.QueryEscape(" ")); p.status != 400 || !strings.Contains(p.body, "message") {
		t.Fatalf("empty message: %d %s", p.status, p.body)
	}

	// The browser pages through all 101 conversations, 25 at a time.
	seen, next := 0, "/knowledge/conversations"
	for next != "" {
		p := b.get(e.URL + next)
		if p.status != 200 {
			t.Fatalf("browser %s: %d %s", next, p.status, p.body)
		}
		if strings.Contains(p.body, "globex") {
			t.Fatalf("another tenant's conversation listed: %s", p.body)
		}
		seen += strings.Count(p.body, "<tr>\n      <td>")
		m := regexp.MustCompile(`href="(/knowledge/conversations\?after=\d+)" rel="next"`).FindStringSubmatch(p.body)
		next = ""
		if m != nil {
			next = m[1]
		}
		if seen == 25 && !strings.Contains(p.body, "resolved") {
			t.Fatalf("no status shown: %s", p.body)
		}
	}
	if seen != 101 {
		t.Fatalf("browsed %d conversations, want 101", seen)
	}
	if p := b.get(e.URL + "/knowledge/conversations?after=x"); p.status != 400 || !strings.Contains(p.body, "after") {
		t.Fatalf("bad cursor: %d %s", p.status, p.body)
	}
}
