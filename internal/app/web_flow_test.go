package app_test

import (
	"html"
	"net/url"
	"strings"
)

// webCalls drives the web pages for TestOpenAPIResponses, after oauthCalls
// gave alice a password and meetingsCalls made her recordings.
func webCalls(c *contractClient, key string) {
	form := []string{"Content-Type", "application/x-www-form-urlencoded"}
	fields := func(r reply) url.Values {
		f := url.Values{}
		for _, m := range hiddenField.FindAllStringSubmatch(r.Raw, -1) {
			f.Set(m[1], html.UnescapeString(m[2]))
		}
		return f
	}
	c.call(303, "GET", "/", "")
	c.call(303, "GET", "/webhooks", "")
	c.call(303, "GET", "/knowledge", "")
	signin := fields(c.call(200, "GET", "/signin?next=%2Fwebhooks", ""))
	c.call(403, "POST", "/signin", "workspace=acme", form...)
	signin.Set("workspace", "acme")
	signin.Set("email", "alice@acme.com")
	signin.Set("password", "wrong")
	c.call(401, "POST", "/signin", signin.Encode(), form...)
	signin.Set("password", oauthPassword)
	c.call(303, "POST", "/signin", signin.Encode(), form...)
	c.call(303, "GET", "/signin", "") // signed in: on to next

	list := c.call(200, "GET", "/external/v1/meetings", "", "X-Api-Key", key)
	items, _ := list.Body["items"].([]any)
	if len(items) == 0 {
		c.t.Fatal("no meetings to open")
	}
	m := items[0].(map[string]any)
	call, _ := url.Parse(m["url"].(string))
	share, _ := url.Parse(m["share_url"].(string))
	home := c.call(200, "GET", "/?invitees=all", "")
	c.call(400, "GET", "/?created_after=soon", "")
	c.call(200, "GET", "/?q=roadmap", "")
	c.call(200, "GET", call.Path+"?tab=transcript&timestamp=5", "")
	c.call(400, "GET", call.Path+"?tab=video", "")
	c.call(404, "GET", "/calls/999999", "")
	c.call(404, "GET", call.Path+"/media", "") // a recording without audio or video
	c.call(200, "GET", share.Path+"?tab=summary", "")
	c.call(400, "GET", share.Path+"?timestamp=soon", "")
	c.call(404, "GET", "/share/nothing", "")
	c.call(404, "GET", share.Path+"/media", "")
	c.call(200, "GET", "/assets/app.css", "")
	c.call(404, "GET", "/assets/nothing.js", "")
	hooks := fields(c.call(200, "GET", "/webhooks", ""))
	c.call(403, "POST", "/webhooks/x/deliveries/1/redeliver", "", form...)
	c.call(404, "POST", "/webhooks/x/deliveries/1/redeliver", hooks.Encode(), form...)
	c.call(200, "GET", "/knowledge", "")
	c.call(200, "GET", "/knowledge?message=card+declined", "")
	c.call(400, "GET", "/knowledge?message=+", "")
	c.call(200, "GET", "/knowledge/conversations", "")
	c.call(400, "GET", "/knowledge/conversations?after=x", "")
	types, _ := c.call(200, "GET", "/api/v1/context/issues", "", "X-API-Key", key).data()["issueTypes"].([]any)
	if len(types) > 0 {
		name, _ := types[0].(map[string]any)["name"].(string)
		c.call(200, "GET", "/knowledge/"+url.PathEscape(name), "")
	}
	c.call(404, "GET", "/knowledge/no-such-type", "")
	c.call(403, "POST", "/signout", "csrf_token=forged", form...)
	c.call(303, "POST", "/signout", fields(home).Encode(), form...)
	if !strings.HasPrefix(share.Path, "/share/") {
		c.t.Errorf("share_url %s", share)
	}
}
