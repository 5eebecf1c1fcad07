package app_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strings"
	"testing"

	"github.com/fathom-oss/fathom/internal/media/mediatest"
	"github.com/fathom-oss/fathom/internal/meeting"
)

// contractClient sends requests to one server and validates every answer
// against the OpenAPI documents, failing the test on a mismatch.
type contractClient struct {
	t      *testing.T
	base   string
	check  *checkingTransport
	client *http.Client // does not follow redirects
}

func newContractClient(t *testing.T, base string) *contractClient {
	c, err := loadContract()
	if err != nil {
		t.Fatal(err)
	}
	tr := &checkingTransport{base: baseTransport, contract: c, fail: func(err error) { t.Error(err) }}
	jar, _ := cookiejar.New(nil)
	return &contractClient{t: t, base: base, check: tr, client: &http.Client{Transport: tr, Jar: jar,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
}

// call sends method path with body (JSON unless a Content-Type is given)
// and headers as name, value pairs, and wants the status.
func (c *contractClient) call(want int, method, path, body string, headers ...string) reply {
	c.t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, c.base+path, rd)
	if err != nil {
		c.t.Fatal(err)
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	resp, err := c.client.Do(req)
	if err != nil {
		c.t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	r := reply{Status: resp.StatusCode, Header: resp.Header, Raw: string(raw)}
	_ = json.Unmarshal(raw, &r.Body)
	if r.Status != want {
		c.t.Fatalf("%s %s = %d, want %d: %.400s", method, path, r.Status, want, r.Raw)
	}
	return r
}

// TestOpenAPIResponses drives every documented operation of a real server,
// successes and errors, and validates each answer against the documents;
// it fails when an operation was not exercised, so a new route cannot go
// unchecked.
func TestOpenAPIResponses(t *testing.T) {
	cfg := gatewayConfig(t)
	cfg.AllowPrivateTargets = true
	cfg.GatewayRateLimit = 1000 // the flow calls faster than 10 a second
	cfg.MetricsToken = contractMetricsToken
	s := startLogged(t, cfg, slog.New(slog.NewTextHandler(io.Discard, nil)))
	ws := seedWorkspace(t, s)
	c := newContractClient(t, s.URL)

	t.Run("server", func(t *testing.T) { c.t = t; serverCalls(c) })
	t.Run("context", func(t *testing.T) { c.t = t; contextCalls(c, ws.alice) })
	t.Run("meetings", func(t *testing.T) { c.t = t; meetingsCalls(c, s, ws.alice) })
	t.Run("oauth", func(t *testing.T) { c.t = t; oauthCalls(c, s) })
	t.Run("gateway", func(t *testing.T) { c.t = t; gatewayCalls(c, ws.alice) })
	t.Run("web", func(t *testing.T) { c.t = t; webCalls(c, ws.alice) })
	c.t = t

	for _, op := range c.check.contract.operations() {
		if !c.check.covered[op] {
			t.Errorf("no answer of %s was checked: add a request for it to TestOpenAPIResponses", op)
		}
	}
}

func serverCalls(c *contractClient) {
	c.call(200, "GET", "/healthz", "")
	c.call(200, "GET", "/readyz", "")
	r := c.call(200, "GET", "/openapi/meetings.json", "")
	c.call(304, "GET", "/openapi/meetings.json", "", "If-None-Match", r.Header.Get("ETag"))
	c.call(200, "GET", "/openapi/gateway.yaml", "")
	c.call(404, "GET", "/openapi/meetings.txt", "")
	c.call(401, "GET", "/metrics", "")
	c.call(200, "GET", "/metrics", "", "Authorization", "Bearer "+contractMetricsToken)
	c.call(404, "GET", "/wp-login.php", "")
}

// contractMetricsToken serves /metrics on the main listener, where the
// documents describe it.
const contractMetricsToken = "contract-metrics-token"

func contextCalls(c *contractClient, key string) {
	k := []string{"X-API-Key", key}
	track := func(id, user, assistant string) {
		c.call(200, "POST", "/api/v1/context/track", mustJSON(map[string]any{"conversationId": id, "messages": []map[string]string{
			{"role": "user", "content": user}, {"role": "assistant", "content": assistant}}}), k...)
	}
	track("pay-1", "My card payment is being declined at checkout", "Please check if your card is expired and update it")
	track("pay-2", "Payment declined again when I pay with my card", "Please check if your card is expired and update it")
	track("pay-3", "The checkout declines my card payment", "Try updating the card expiry date in billing")
	c.call(200, "POST", "/api/v1/context/track", `{"conversationId":"pay-1","messages":[{"role":"user","content":"It works now, thanks"}]}`,
		append(k, "Idempotency-Key", "idem-1")...)
	c.call(200, "POST", "/api/v1/context/track", `{"conversationId":"pay-1","messages":[{"role":"user","content":"It works now, thanks"}]}`,
		append(k, "Idempotency-Key", "idem-1")...)
	c.call(400, "POST", "/api/v1/context/track", `{"conversationId":"x","messages":[{"role":"bot","content":"hi"}]}`, k...)
	c.call(400, "POST", "/api/v1/context/track", `{"conversationId":"x","messages":[]`, k...)
	c.call(401, "POST", "/api/v1/context/track", `{"conversationId":"x","messages":[{"role":"user","content":"hi"}]}`)
	c.call(405, "PUT", "/api/v1/context/track", `{}`, k...)
	c.call(404, "GET", "/api/v1/context/nothing-here", "", k...)

	c.call(200, "POST", "/api/v1/context/resolve", `{"conversationId":"pay-1","resolutionNotes":"Card was expired; updated."}`, k...)
	c.call(200, "POST", "/api/v1/context/resolve", `{"conversationId":"pay-2"}`, k...)
	c.call(409, "POST", "/api/v1/context/resolve", `{"conversationId":"pay-1"}`, k...)
	c.call(404, "POST", "/api/v1/context/resolve", `{"conversationId":"never"}`, k...)
	c.call(400, "POST", "/api/v1/context/resolve", `{"conversationId":7}`, k...)

	c.call(200, "POST", "/api/v1/context/feedback", `{"conversationId":"pay-1","action":"check if your card is expired","outcome":"success","note":"confirmed"}`, k...)
	c.call(404, "POST", "/api/v1/context/feedback", `{"conversationId":"never","action":"x","outcome":"success"}`, k...)
	c.call(400, "POST", "/api/v1/context/feedback", `{"conversationId":"pay-1","action":"x","outcome":"maybe"}`, k...)

	c.call(200, "GET", "/api/v1/context/conversations/pay-1", "", k...)
	c.call(200, "GET", "/api/v1/context/conversations/pay-1?offset=0&limit=1", "", k...)
	c.call(400, "GET", "/api/v1/context/conversations/pay-1?limit=0", "", k...)
	c.call(404, "GET", "/api/v1/context/conversations/never", "", k...)

	var name string
	eventually(c.t, "an issue type is learned", func() bool {
		r := c.call(200, "GET", "/api/v1/context/issues", "", k...)
		types, _ := r.data()["issueTypes"].([]any)
		if len(types) == 0 {
			return false
		}
		name, _ = types[0].(map[string]any)["name"].(string)
		return true
	})
	c.call(200, "GET", "/api/v1/context/issues/"+url.PathEscape(name), "", k...)
	c.call(404, "GET", "/api/v1/context/issues/no-such-type", "", k...)
	c.call(200, "GET", "/api/v1/context/graph", "", k...)
	c.call(200, "GET", "/api/v1/context/graph?issueType="+url.QueryEscape(name), "", k...)
	c.call(404, "GET", "/api/v1/context/graph?issueType=no-such-type", "", k...)

	c.call(200, "POST", "/api/v1/context/similarity", `{"message":"my card payment was declined","limit":3}`, k...)
	c.call(200, "POST", "/api/v1/context/similarity", `{"message":"zebra xylophone quantum"}`, k...)
	c.call(400, "POST", "/api/v1/context/similarity", `{"message":"card","limit":0}`, k...)

	c.call(200, "DELETE", "/api/v1/context/conversations/pay-3", "", k...)
	c.call(404, "DELETE", "/api/v1/context/conversations/pay-3", "", k...)
}

func meetingsCalls(c *contractClient, s *testServer, key string) {
	k := []string{"X-Api-Key", key}
	rec := map[string]any{"external_id": "contract-1", "title": "Roadmap review", "meeting_type": "Review",
		"meeting_url":       "https://meet.example.com/abc-defg-hij",
		"calendar_invitees": []map[string]string{{"name": "Dana", "email": "dana@client.com"}},
		"share":             map[string]any{"teams": []string{"Sales"}},
		"transcript": []map[string]any{
			{"speaker": map[string]any{"display_name": "Alice"}, "text": "Welcome, today we review the funnel numbers.", "timestamp": "00:00:05"},
			{"speaker": map[string]any{"display_name": "Dana"}, "text": "Alice, can you send the funnel numbers by Friday?", "timestamp": "00:01:10"},
			{"speaker": map[string]any{"display_name": "Alice"}, "text": "Sure, I will send the funnel numbers by Friday.", "timestamp": "00:01:20"},
		}}
	created := c.call(201, "POST", "/external/v1/recordings", mustJSON(rec), k...)
	c.call(200, "POST", "/external/v1/recordings", mustJSON(rec), k...)
	c.call(400, "POST", "/external/v1/recordings", `{"title":"x","unknown":1}`, k...)
	c.call(401, "POST", "/external/v1/recordings", `{"title":"x"}`)
	id := int64(created.Body["recording_id"].(float64))
	s.waitProcessed(c.t, key, id)

	c.call(200, "GET", "/external/v1/meetings", "", k...)
	c.call(200, "GET", "/external/v1/meetings?include_transcript=true&include_summary=true&include_action_items=true&include_crm_matches=true&calendar_invitees_domains_type=all", "", k...)
	c.call(400, "GET", "/external/v1/meetings?include_summary=maybe", "", k...)
	c.call(401, "GET", "/external/v1/meetings", "", "X-Api-Key", "fth_wrong")
	c.call(405, "POST", "/external/v1/meetings", `{"title":"x"}`, k...)
	c.call(405, "DELETE", "/external/v1/recordings", "", k...)
	c.call(404, "GET", "/external/v1/calls", "", k...)
	c.call(200, "GET", fmt.Sprintf("/external/v1/meetings/%d?include_transcript=true&include_action_items=true&include_summary=true&include_crm_matches=true", id), "", k...)
	c.call(404, "GET", "/external/v1/meetings/999999", "", k...)
	c.call(400, "GET", "/external/v1/meetings/abc", "", k...)
	c.call(200, "GET", fmt.Sprintf("/external/v1/recordings/%d/summary", id), "", k...)
	c.call(200, "GET", fmt.Sprintf("/external/v1/recordings/%d/transcript", id), "", k...)
	c.call(200, "GET", fmt.Sprintf("/external/v1/recordings/%d/transcript?destination_url=%s", id, url.QueryEscape("http://127.0.0.1:1/callback")), "", k...)
	c.call(404, "GET", "/external/v1/recordings/999999/summary", "", k...)
	c.call(404, "GET", "/external/v1/recordings/999999/transcript", "", k...)
	c.call(200, "GET", fmt.Sprintf("/external/v1/recordings/%d/analytics", id), "", k...)
	c.call(404, "GET", "/external/v1/recordings/999999/analytics", "", k...)
	c.call(400, "GET", "/external/v1/recordings/abc/analytics", "", k...)
	c.call(200, "GET", "/external/v1/analytics", "", k...)
	c.call(200, "GET", "/external/v1/analytics?group_by=team&created_after=2020-01-01&created_before=2100-01-01T00:00:00Z&team=Sales", "", k...)
	c.call(400, "GET", "/external/v1/analytics?group_by=company", "", k...)
	c.call(400, "GET", "/external/v1/analytics?created_after=yesterday", "", k...)

	// Media and downloads.
	rid := fmt.Sprintf("/external/v1/recordings/%d", id)
	c.call(422, "POST", rid+"/download", "", k...)
	c.call(200, "PUT", rid+"/media", string(mediatest.WAV(2000)), append(k, "Content-Type", "audio/wav")...)
	c.call(415, "PUT", rid+"/media", "plain words", append(k, "Content-Type", "text/plain")...)
	c.call(404, "PUT", "/external/v1/recordings/999999/media", string(mediatest.WAV(10)), append(k, "Content-Type", "audio/wav")...)
	dl := c.call(202, "POST", rid+"/download", "", k...)
	c.call(400, "POST", rid+"/download", `{"destination_url":"nope"}`, k...)
	c.call(404, "POST", "/external/v1/recordings/999999/download", "", k...)
	c.call(200, "GET", rid+"/downloads/"+dl.Body["download_id"].(string), "", k...)
	c.call(404, "GET", rid+"/downloads/dl_nope", "", k...)
	link := dl.Body["audio"].(map[string]any)["url"].(string)
	c.call(206, "GET", strings.TrimPrefix(link, c.base), "", "Range", "bytes=0-9")
	c.call(200, "GET", strings.TrimPrefix(link, c.base), "")
	c.call(403, "GET", strings.TrimPrefix(link, c.base)+"0", "")

	c.call(200, "GET", "/external/v1/teams", "", k...)
	c.call(400, "GET", "/external/v1/teams?cursor=garbage", "", k...)
	c.call(200, "GET", "/external/v1/team_members", "", k...)
	c.call(200, "GET", "/external/v1/team_members?team=Sales", "", k...)
	c.call(200, "GET", "/external/v1/meeting_types", "", k...)
	c.call(400, "GET", "/external/v1/meeting_types?cursor=garbage", "", k...)
	c.call(403, "GET", "/external/v1/users", "", k...)
	tn, err := s.DB.TenantGetByName(context.Background(), "acme")
	if err != nil {
		c.t.Fatal(err)
	}
	if _, err := s.Meetings.SetUserAccess(context.Background(), tn.ID, "alice@acme.com", "", "account_admin"); err != nil {
		c.t.Fatal(err)
	}
	if _, err := s.Meetings.Invite(context.Background(), meeting.InviteParams{TenantID: tn.ID, Email: "carol@acme.com", Team: "Sales"}); err != nil {
		c.t.Fatal(err)
	}
	c.call(200, "GET", "/external/v1/users", "", k...)
	c.call(200, "GET", "/external/v1/users?team=Sales&status=invited", "", k...)
	c.call(400, "GET", "/external/v1/users?status=invited&settings_access=none", "", k...)

	wh := c.call(201, "POST", "/external/v1/webhooks", `{"destination_url":"http://127.0.0.1:1/hook","triggered_for":["my_recordings","my_shared_with_team_recordings"],"include_summary":true}`, k...)
	c.call(400, "POST", "/external/v1/webhooks", `{"destination_url":"http://127.0.0.1:1/hook","triggered_for":["everything"],"include_summary":true}`, k...)
	c.call(200, "GET", "/external/v1/webhooks", "", k...)
	whID := wh.Body["id"].(string)
	c.call(201, "POST", "/external/v1/recordings", mustJSON(map[string]any{"external_id": "contract-2", "title": "Follow-up",
		"share": map[string]any{"teams": []string{"Sales"}}, "transcript": rec["transcript"]}), k...)
	var delivery int64
	eventually(c.t, "a delivery is logged", func() bool {
		r := c.call(200, "GET", "/external/v1/webhooks/"+whID+"/deliveries", "", k...)
		items, _ := r.Body["items"].([]any)
		for _, it := range items {
			if d := it.(map[string]any); len(d["attempts"].([]any)) > 0 {
				delivery = int64(d["id"].(float64))
				return true
			}
		}
		return false
	})
	c.call(202, "POST", fmt.Sprintf("/external/v1/webhooks/%s/deliveries/%d/redeliver", whID, delivery), "", k...)
	c.call(400, "POST", "/external/v1/webhooks/"+whID+"/deliveries/zero/redeliver", "", k...)
	c.call(404, "GET", "/external/v1/webhooks/nope/deliveries", "", k...)
	c.call(204, "DELETE", "/external/v1/webhooks/"+whID, "", k...)
	c.call(404, "DELETE", "/external/v1/webhooks/"+whID, "", k...)

	gone := c.call(201, "POST", "/external/v1/recordings", mustJSON(map[string]any{"external_id": "contract-3", "title": "To delete",
		"transcript": rec["transcript"]}), k...)
	goneID := int64(gone.Body["recording_id"].(float64))
	c.call(204, "DELETE", fmt.Sprintf("/external/v1/meetings/%d", goneID), "", k...)
	c.call(404, "DELETE", fmt.Sprintf("/external/v1/meetings/%d", goneID), "", k...)
	c.call(400, "DELETE", "/external/v1/meetings/abc", "", k...)

	c.call(200, "GET", "/external/v1/callback_secret", "", k...)
	c.call(200, "GET", "/external/v1/search?q=funnel&limit=5", "", k...)
	c.call(400, "GET", "/external/v1/search?limit=0", "", k...)
	c.call(404, "GET", "/external/v1/nothing-here", "", k...)
}

func oauthCalls(c *contractClient, s *testServer) {
	ctx := context.Background()
	tn, err := s.DB.TenantGetByName(ctx, "acme")
	if err != nil {
		c.t.Fatal(err)
	}
	if err := s.OAuth.SetPassword(ctx, tn.ID, "alice@acme.com", oauthPassword); err != nil {
		c.t.Fatal(err)
	}
	reg, err := s.OAuth.RegisterApp(ctx, "Meeting Notes", []string{oauthRedirect})
	if err != nil {
		c.t.Fatal(err)
	}
	form := []string{"Content-Type", "application/x-www-form-urlencoded"}
	req := url.Values{"client_id": {reg.App.ClientID}, "redirect_uri": {oauthRedirect}, "scope": {"public_api"},
		"state": {"xyz"}, "response_type": {"code"}}
	c.call(400, "GET", "/external/v1/oauth2/authorize?client_id=nobody", "")
	signin := c.call(200, "GET", "/external/v1/oauth2/authorize?"+req.Encode(), "")
	fields := func(r reply) url.Values {
		f := url.Values{}
		for _, m := range hiddenField.FindAllStringSubmatch(r.Raw, -1) {
			f.Set(m[1], strings.ReplaceAll(m[2], "&amp;", "&"))
		}
		return f
	}
	c.call(403, "POST", "/external/v1/oauth2/authorize", req.Encode()+"&action=signin", form...)
	f := fields(signin)
	f.Set("action", "signin")
	f.Set("workspace", "acme")
	f.Set("email", "alice@acme.com")
	f.Set("password", oauthPassword)
	consent := c.call(200, "POST", "/external/v1/oauth2/authorize", f.Encode(), form...)
	f = fields(consent)
	f.Set("action", "approve")
	back := c.call(302, "POST", "/external/v1/oauth2/authorize", f.Encode(), form...)
	loc, _ := url.Parse(back.Header.Get("Location"))
	code := loc.Query().Get("code")

	tok := url.Values{"client_id": {reg.App.ClientID}, "client_secret": {reg.Secret}, "code": {code},
		"redirect_uri": {oauthRedirect}, "grant_type": {"authorization_code"}}
	pair := c.call(200, "POST", "/external/v1/oauth2/token", tok.Encode(), form...)
	c.call(200, "GET", "/external/v1/meetings", "", "Authorization", "Bearer "+pair.Body["access_token"].(string))
	refreshed := c.call(200, "POST", "/external/v1/oauth2/token", url.Values{"client_id": {reg.App.ClientID},
		"client_secret": {reg.Secret}, "grant_type": {"refresh_token"}, "refresh_token": {pair.Body["refresh_token"].(string)}}.Encode(), form...)
	c.call(401, "POST", "/external/v1/oauth2/token", "client_id=nobody&client_secret=x&grant_type=refresh_token&refresh_token=x", form...)
	c.call(200, "POST", "/external/v1/oauth2/revoke", url.Values{"client_id": {reg.App.ClientID}, "client_secret": {reg.Secret},
		"token": {refreshed.Body["refresh_token"].(string)}}.Encode(), form...)
	c.call(400, "POST", "/external/v1/oauth2/token", tok.Encode(), form...) // the code again
	c.call(400, "POST", "/external/v1/oauth2/revoke", url.Values{"client_id": {reg.App.ClientID}, "client_secret": {reg.Secret}}.Encode(), form...)
}

func gatewayCalls(c *contractClient, key string) {
	k := []string{"Authorization", "Bearer " + key}
	c.call(400, "GET", "/fathom/external/v1/meetings", "", k...) // no connection yet
	c.call(401, "GET", "/connections", "")
	created := c.call(200, "POST", "/connections", `{"app":"fathom","method":"OAUTH2"}`, k...)
	c.call(400, "POST", "/connections", `{"app":"slack","method":"OAUTH2"}`, k...)
	conn := created.Body["connection"].(map[string]any)
	id := conn["connection_id"].(string)
	link, _ := url.Parse(conn["url"].(string))
	c.call(404, "GET", "/connect?session_token=not-a-token", "")
	toUpstream := c.call(302, "GET", link.RequestURI(), "")
	// The upstream consents at once and sends the browser back.
	resp, err := http.Get(toUpstream.Header.Get("Location"))
	if err != nil {
		c.t.Fatal(err)
	}
	resp.Body.Close()
	back, _ := url.Parse(resp.Request.URL.String())
	c.call(404, "GET", "/connect/callback?state=forged&code=x", "")
	if back.Path != "/connect/callback" || resp.StatusCode != 200 {
		c.t.Fatalf("consent ended at %s with %d", back, resp.StatusCode)
	}
	// That callback went through http.Get; check one through the client too.
	c.call(404, "GET", back.RequestURI(), "") // a link works once

	c.call(200, "GET", "/connections?app=fathom&status=ACTIVE", "", k...)
	c.call(400, "GET", "/connections?status=SLEEPING", "", k...)
	c.call(200, "GET", "/connections/"+id, "", k...)
	c.call(404, "GET", "/connections/nope", "", k...)
	c.call(200, "GET", "/fathom/external/v1/meetings", "", k...)
	for _, m := range []string{"POST", "PUT", "PATCH", "DELETE"} {
		c.call(405, m, "/fathom/external/v1/meetings", "", k...) // the upstream's answer, passed through
	}
	c.call(200, "DELETE", "/connections/"+id, "", k...)
	c.call(404, "DELETE", "/connections/"+id, "", k...)
}
