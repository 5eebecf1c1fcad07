package app_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/fathom-oss/fathom/internal/config"
)

// webEnv is a server with tenant acme, alice and bob with passwords, and
// one processed recording of alice's that bob may not see.
type webEnv struct {
	*testServer
	ws        workspace
	meetingID int64
	shareURL  string
}

func startWeb(t *testing.T, cfg config.Config) *webEnv {
	t.Helper()
	s := start(t, cfg)
	e := &webEnv{testServer: s, ws: seedWorkspace(t, s)}
	e.setPasswords(t)
	e.meetingID = recordingID(t, s.ingest(t, e.ws.alice, map[string]any{"external_id": "web-1", "title": "Quarterly roadmap",
		"calendar_invitees": []map[string]any{{"name": "Alice", "email": "alice@acme.com"}, {"name": "Bob", "email": "bob@acme.com"},
			{"name": "Dana Client", "email": "dana@client.io"}}}))
	s.waitProcessed(t, e.ws.alice, e.meetingID)
	got := s.get(t, fmt.Sprintf("/external/v1/meetings/%d", e.meetingID), e.ws.alice)
	e.shareURL, _ = got.Body["share_url"].(string)
	if e.shareURL == "" {
		t.Fatalf("no share_url: %d %s", got.Status, got.Raw)
	}
	return e
}

func (e *webEnv) setPasswords(t *testing.T) {
	t.Helper()
	ctx := context.Background()
	tn, err := e.DB.TenantGetByName(ctx, "acme")
	if err != nil {
		t.Fatal(err)
	}
	for _, email := range []string{"alice@acme.com", "bob@acme.com"} {
		if err := e.OAuth.SetPassword(ctx, tn.ID, email, oauthPassword); err != nil {
			t.Fatal(err)
		}
	}
}

// signIn signs b in as email through the sign-in page, going to next.
func (e *webEnv) signIn(t *testing.T, b *browser, email, next string) page {
	t.Helper()
	form := b.get(e.URL + "/signin?next=" + url.QueryEscape(next))
	if form.status != 200 || form.fields.Get("csrf_token") == "" {
		t.Fatalf("sign-in page: %d %s", form.status, form.body)
	}
	return b.post(e.URL+"/signin", form.with("workspace", "acme", "email", email, "password", oauthPassword))
}

func (b *browser) post(u string, form url.Values) page {
	req, _ := http.NewRequest(http.MethodPost, u, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return b.do(req)
}

func TestWebSignInSessionSurvivesRestartAndSignOut(t *testing.T) {
	cfg := testConfig(t)
	e := startWeb(t, cfg)
	b := newBrowser(t)

	home := b.get(e.URL + "/")
	if home.status != http.StatusSeeOther || home.location != "/signin?next=%2F" {
		t.Fatalf("signed out home: %d %q", home.status, home.location)
	}
	form := b.get(e.URL + "/signin?next=/calls/1")
	csp := form.header.Get("Content-Security-Policy")
	if form.status != 200 || !strings.Contains(csp, "script-src 'self'") || strings.Contains(csp, "unsafe-inline") {
		t.Fatalf("sign-in page: %d, CSP %q", form.status, csp)
	}

	// No CSRF token, or another site's: refused before any password check.
	if p := b.post(e.URL+"/signin", url.Values{"workspace": {"acme"}, "email": {"alice@acme.com"}, "password": {oauthPassword}}); p.status != 403 {
		t.Fatalf("sign-in without a CSRF token: %d", p.status)
	}
	if p := newBrowser(t).post(e.URL+"/signin", form.with("workspace", "acme", "email", "alice@acme.com", "password", oauthPassword)); p.status != 403 {
		t.Fatalf("sign-in with a token but no cookie: %d", p.status)
	}
	if p := b.post(e.URL+"/signin", form.with("workspace", "acme", "email", "alice@acme.com", "password", "wrong")); p.status != 401 ||
		!strings.Contains(p.body, `class="error"`) {
		t.Fatalf("wrong password: %d %s", p.status, p.body)
	}
	if p := b.post(e.URL+"/signin", form.with("workspace", "acme", "email", "", "password", "x")); p.status != 400 ||
		!strings.Contains(p.body, "email is required") {
		t.Fatalf("empty email: %d", p.status)
	}

	in := b.post(e.URL+"/signin", form.with("workspace", "acme", "email", "alice@acme.com", "password", oauthPassword, "next", "https://evil.example/"))
	if in.status != http.StatusSeeOther || in.location != "/" {
		t.Fatalf("sign-in: %d to %q, want 303 to / (never off-site)", in.status, in.location)
	}
	var cookie *http.Cookie
	for _, c := range b.client.Jar.Cookies(mustURL(t, e.URL)) {
		if c.Name == "fathom_session" {
			cookie = c
		}
	}
	if cookie == nil {
		t.Fatal("no session cookie")
	}
	set := in.header.Values("Set-Cookie")
	if s := strings.Join(set, "\n"); !strings.Contains(s, "fathom_session=") || !strings.Contains(s, "HttpOnly") ||
		!strings.Contains(s, "SameSite=Lax") || strings.Contains(s, "Secure") {
		t.Fatalf("session cookie attributes: %q", set)
	}
	if _, err := e.DB.WebSessionGetByHash(context.Background(), cookie.Value); err == nil {
		t.Fatal("the session token itself is stored")
	}
	home = b.get(e.URL + "/")
	if home.status != 200 || !strings.Contains(home.body, "Quarterly roadmap") || !strings.Contains(home.body, "alice@acme.com") {
		t.Fatalf("home: %d %s", home.status, home.body)
	}

	// The session is in the database: a restarted server knows it.
	e.close(t)
	s2 := start(t, cfg)
	if home := b.get(s2.URL + "/"); home.status != 200 || !strings.Contains(home.body, "Quarterly roadmap") {
		t.Fatalf("home after a restart: %d", home.status)
	}

	// Signing out needs the form's token, then ends the session for good.
	if p := b.post(s2.URL+"/signout", url.Values{}); p.status != 403 {
		t.Fatalf("sign-out without a CSRF token: %d", p.status)
	}
	out := b.post(s2.URL+"/signout", home.fields)
	if out.status != http.StatusSeeOther || out.location != "/signin" {
		t.Fatalf("sign-out: %d %q", out.status, out.location)
	}
	stolen := newBrowser(t)
	stolen.client.Jar.SetCookies(mustURL(t, s2.URL), []*http.Cookie{{Name: "fathom_session", Value: cookie.Value}})
	if p := stolen.get(s2.URL + "/"); p.status != http.StatusSeeOther {
		t.Fatalf("a signed-out session still works: %d", p.status)
	}
}

func TestWebMeetingPageVisibility(t *testing.T) {
	e := startWeb(t, testConfig(t))
	call := fmt.Sprintf("%s/calls/%d", e.URL, e.meetingID)
	b := newBrowser(t)
	if p := b.get(call + "?tab=transcript"); p.status != http.StatusSeeOther ||
		p.location != fmt.Sprintf("/signin?next=%%2Fcalls%%2F%d%%3Ftab%%3Dtranscript", e.meetingID) {
		t.Fatalf("signed out: %d %q", p.status, p.location)
	}
	if p := e.signIn(t, b, "alice@acme.com", fmt.Sprintf("/calls/%d?tab=transcript", e.meetingID)); p.location != fmt.Sprintf("/calls/%d?tab=transcript", e.meetingID) {
		t.Fatalf("sign-in did not go back: %q", p.location)
	}
	p := b.get(call)
	for _, want := range []string{"Quarterly roadmap", "Alice", "Summary", "/calls/" + fmt.Sprint(e.meetingID) + "?tab=summary&amp;timestamp="} {
		if !strings.Contains(p.body, want) {
			t.Errorf("meeting page lacks %q", want)
		}
	}
	if strings.Contains(p.body, e.shareURL+"?") {
		t.Error("summary links still point at the share page from the signed-in page")
	}
	tr := b.get(call + "?timestamp=70")
	if tr.status != 200 || !strings.Contains(tr.body, `id="t-70" class="current" aria-current="true"`) || !strings.Contains(tr.body, `id="moment"`) {
		t.Fatalf("?timestamp=70 does not mark the utterance at 1:10: %d", tr.status)
	}
	if s := b.get(call + "?tab=transcript&q=FUNNEL"); !strings.Contains(s.body, "<mark>funnel</mark>") || strings.Contains(s.body, "quarterly roadmap.</span>") {
		t.Errorf("transcript search does not mark and filter")
	}
	if a := b.get(call + "?tab=action_items"); !strings.Contains(a.body, "funnel numbers") {
		t.Errorf("action items tab lacks the action item: %s", a.body)
	}
	for q, field := range map[string]string{"?tab=video": "tab must be", "?timestamp=soon": "timestamp must be"} {
		if r := b.get(call + q); r.status != 400 || !strings.Contains(r.body, field) {
			t.Errorf("%s: %d, want 400 naming the field", q, r.status)
		}
	}

	// Bob may not see alice's recording: the same 404 as the API's, and
	// as for a meeting that does not exist.
	bob := newBrowser(t)
	e.signIn(t, bob, "bob@acme.com", "/")
	api := e.get(t, fmt.Sprintf("/external/v1/meetings/%d", e.meetingID), e.ws.bob)
	denied := bob.get(call)
	missing := bob.get(fmt.Sprintf("%s/calls/%d", e.URL, e.meetingID+1000))
	if api.Status != 404 || denied.status != 404 || missing.status != 404 || strings.Contains(denied.body, "Quarterly roadmap") {
		t.Fatalf("bob: API %d, page %d, missing %d", api.Status, denied.status, missing.status)
	}
	if strings.Replace(denied.body, fmt.Sprintf("no recording %d", e.meetingID), "no recording N", 1) !=
		strings.Replace(missing.body, fmt.Sprintf("no recording %d", e.meetingID+1000), "no recording N", 1) {
		t.Error("a hidden meeting's page differs from a missing one's")
	}
	if home := bob.get(e.URL + "/"); strings.Contains(home.body, "Quarterly roadmap") {
		t.Error("bob's home lists alice's meeting")
	}
	if hits := bob.get(e.URL + "/?q=funnel"); hits.status != 200 || strings.Contains(hits.body, "Quarterly roadmap") {
		t.Errorf("bob's search finds alice's meeting: %d", hits.status)
	}
	if hits := b.get(e.URL + "/?q=funnel"); !strings.Contains(hits.body, "<mark>") || !strings.Contains(hits.body, fmt.Sprintf("/calls/%d?tab=", e.meetingID)) {
		t.Errorf("alice's search has no marked hit linking to the moment: %s", hits.body)
	}
	if bad := b.get(e.URL + "/?created_after=yesterday"); bad.status != 400 || !strings.Contains(bad.body, "created_after must be") {
		t.Errorf("bad date filter: %d", bad.status)
	}
}

func TestWebSharePage(t *testing.T) {
	e := startWeb(t, testConfig(t))
	u := mustURL(t, e.shareURL)
	anon := newBrowser(t)
	p := anon.get(e.URL + u.Path + "?tab=summary&timestamp=70.0")
	if p.status != 200 || !strings.Contains(p.body, "Quarterly roadmap") || !strings.Contains(p.body, `id="moment"`) {
		t.Fatalf("share page signed out: %d %s", p.status, p.body)
	}
	for _, leak := range []string{"/webhooks", "Sign out", "/calls/"} {
		if strings.Contains(p.body, leak) {
			t.Errorf("the share page shows %q", leak)
		}
	}
	if !strings.Contains(p.body, u.Path+"?tab=summary&amp;timestamp=") {
		t.Error("summary links do not stay on the share page")
	}
	if tr := anon.get(e.URL + u.Path + "?tab=transcript&timestamp=70"); !strings.Contains(tr.body, `id="t-70" class="current"`) {
		t.Error("share page ?timestamp= does not mark the utterance")
	}
	if miss := anon.get(e.URL + "/share/not-a-token"); miss.status != 404 || strings.Contains(miss.body, "Quarterly") {
		t.Errorf("unknown share token: %d", miss.status)
	}
}

func TestWebRedeliverNeedsCSRF(t *testing.T) {
	e := startWeb(t, testConfig(t))
	b := newBrowser(t)
	e.signIn(t, b, "alice@acme.com", "/")
	hooks := b.get(e.URL + "/webhooks")
	if hooks.status != 200 || !strings.Contains(hooks.body, "no webhooks") {
		t.Fatalf("webhooks page: %d %s", hooks.status, hooks.body)
	}
	if p := b.post(e.URL+"/webhooks/x/deliveries/1/redeliver", url.Values{}); p.status != 403 {
		t.Errorf("redeliver without a CSRF token: %d", p.status)
	}
	if p := b.post(e.URL+"/webhooks/x/deliveries/1/redeliver", hooks.fields); p.status != 404 {
		t.Errorf("redeliver of another's delivery: %d", p.status)
	}
}

func mustURL(t *testing.T, s string) *url.URL {
	t.Helper()
	u, err := url.Parse(s)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

// A new password, or a deactivation, ends the user's web sessions on every
// server; other users stay signed in.
func TestWebSessionsEndOnPasswordChangeAndDeactivation(t *testing.T) {
	e := startWeb(t, testConfig(t))
	ctx := context.Background()
	tn, err := e.DB.TenantGetByName(ctx, "acme")
	if err != nil {
		t.Fatal(err)
	}
	alice, alice2, bob := newBrowser(t), newBrowser(t), newBrowser(t)
	for b, email := range map[*browser]string{alice: "alice@acme.com", alice2: "alice@acme.com", bob: "bob@acme.com"} {
		if p := e.signIn(t, b, email, "/"); p.status != http.StatusSeeOther {
			t.Fatalf("sign-in of %s: %d", email, p.status)
		}
		if p := b.get(e.URL + "/"); p.status != 200 {
			t.Fatalf("home of %s: %d", email, p.status)
		}
	}

	if err := e.OAuth.SetPassword(ctx, tn.ID, "alice@acme.com", "a brand new password"); err != nil {
		t.Fatal(err)
	}
	for _, b := range []*browser{alice, alice2} {
		if p := b.get(e.URL + "/"); p.status != http.StatusSeeOther {
			t.Fatalf("alice's session after her password changed: %d", p.status)
		}
	}
	if p := bob.get(e.URL + "/"); p.status != 200 {
		t.Fatalf("bob's session after alice's password changed: %d", p.status)
	}
	form := alice.get(e.URL + "/signin")
	if p := alice.post(e.URL+"/signin", form.with("workspace", "acme", "email", "alice@acme.com", "password", "a brand new password")); p.status != http.StatusSeeOther {
		t.Fatalf("sign-in with the new password: %d", p.status)
	}
	if p := alice.get(e.URL + "/"); p.status != 200 {
		t.Fatalf("home after signing in again: %d", p.status)
	}

	if _, err := e.Meetings.SetUserAccess(ctx, tn.ID, "bob@acme.com", "deactivated", ""); err != nil {
		t.Fatal(err)
	}
	if p := bob.get(e.URL + "/"); p.status != http.StatusSeeOther {
		t.Fatalf("a deactivated user's session: %d", p.status)
	}
	if p := alice.get(e.URL + "/"); p.status != 200 {
		t.Fatalf("alice's session after bob's deactivation: %d", p.status)
	}
}

// The home page's search keeps to its filters, as the list does.
func TestWebSearchAppliesFilters(t *testing.T) {
	e := startWeb(t, testConfig(t))
	b := newBrowser(t)
	e.signIn(t, b, "alice@acme.com", "/")
	link := fmt.Sprintf("/calls/%d?tab=", e.meetingID)
	for filter, found := range map[string]bool{
		"":                                                 true,
		"&invitees=one_or_more_external":                   true,
		"&invitees=only_internal":                          false, // Dana is a client
		"&created_after=2000-01-01":                        true,
		"&created_before=2000-01-01":                       false,
		"&recorded_by=alice%40acme.com":                    true,
		"&recorded_by=bob%40acme.com":                      false,
		"&recorded_by=nobody%40acme.com":                   false,
		"&created_after=2000-01-01&invitees=only_internal": false,
	} {
		p := b.get(e.URL + "/?q=funnel" + filter)
		if p.status != 200 {
			t.Errorf("search%s: %d", filter, p.status)
			continue
		}
		if got := strings.Contains(p.body, link); got != found {
			t.Errorf("search%s finds the meeting: %v, want %v", filter, got, found)
		}
	}
}
