package app_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/fathom-oss/fathom/internal/media/mediatest"
)

// TestWebPagePlaysMedia: a meeting with audio gets a player on its page
// and on its share page, fed by the page's own media route with ranges;
// the route follows the page's visibility, and a meeting without media
// has no player.
func TestWebPagePlaysMedia(t *testing.T) {
	e := startWeb(t, testConfig(t))
	call := fmt.Sprintf("/calls/%d", e.meetingID)
	alice := newBrowser(t)
	e.signIn(t, alice, "alice@acme.com", "/")
	if p := alice.get(e.URL + call); p.status != 200 || strings.Contains(p.body, `id="player"`) {
		t.Fatalf("a meeting without media: %d, player shown: %v", p.status, strings.Contains(p.body, `id="player"`))
	}
	if p := alice.get(e.URL + call + "/media"); p.status != http.StatusNotFound {
		t.Errorf("media of a meeting without any: %d, want 404", p.status)
	}

	audio := mediatest.WAV(4000)
	if r := e.putMedia(t, e.meetingID, e.ws.alice, "audio/wav", audio); r.Status != 200 {
		t.Fatalf("attach media: %d %s", r.Status, r.Raw)
	}
	p := alice.get(e.URL + call + "?tab=transcript&timestamp=70")
	want := fmt.Sprintf(`<audio id="player" controls preload="metadata" src="%s/media" data-start="70">`, call)
	if p.status != 200 || !strings.Contains(p.body, want) || !strings.Contains(p.body, `data-at="70"`) {
		t.Fatalf("meeting page with audio: %d, lacks %s or the lines' times", p.status, want)
	}
	if csp := p.header.Get("Content-Security-Policy"); !strings.Contains(csp, "media-src 'self'") {
		t.Errorf("the page's policy does not let it play its own media: %q", csp)
	}
	req, _ := http.NewRequest(http.MethodGet, e.URL+call+"/media", nil)
	req.Header.Set("Range", "bytes=0-9")
	part := alice.do(req)
	if part.status != http.StatusPartialContent || part.body != string(audio[:10]) ||
		part.header.Get("Content-Type") != "audio/wav" || !strings.HasPrefix(part.header.Get("Content-Disposition"), "inline") {
		t.Errorf("ranged media: %d %q %q", part.status, part.header.Get("Content-Type"), part.header.Get("Content-Disposition"))
	}

	bob := newBrowser(t)
	e.signIn(t, bob, "bob@acme.com", "/")
	if p := bob.get(e.URL + call + "/media"); p.status != http.StatusNotFound || strings.Contains(p.body, "RIFF") {
		t.Errorf("bob, who may not see the meeting, gets its media: %d", p.status)
	}
	anon := newBrowser(t)
	if p := anon.get(e.URL + call + "/media"); p.status != http.StatusSeeOther {
		t.Errorf("signed out: %d, want the sign-in redirect", p.status)
	}

	share := mustURL(t, e.shareURL).Path
	if p := anon.get(e.URL + share); !strings.Contains(p.body, fmt.Sprintf(`src="%s/media"`, share)) {
		t.Errorf("the share page has no player: %d", p.status)
	}
	if p := anon.get(e.URL + share + "/media"); p.status != 200 || p.body != string(audio) {
		t.Errorf("shared media: %d, %d bytes of %d", p.status, len(p.body), len(audio))
	}
	if p := anon.get(e.URL + "/share/not-a-token/media"); p.status != http.StatusNotFound {
		t.Errorf("media of an unknown share token: %d", p.status)
	}
}
