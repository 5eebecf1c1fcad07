package app_test

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/fathom-oss/fathom/internal/media/mediatest"
)

// TestWebPagesInBrowser walks the web pages in Debian's Chromium: sign
// in, open a meeting from the list, follow a summary link to its moment,
// search, redeliver a webhook delivery, the knowledge dashboard (its
// trend and bars drawn, a message tried, a type's page, the conversation
// browser), open a share link signed out on a
// phone, a private meeting denied to another user, sign out; each page
// checked by axe-core. With FATHOM_SCREENSHOTS=dir the pages' screenshots
// are written there (docs/screenshots is made so).
func TestWebPagesInBrowser(t *testing.T) {
	node, chromium, dir := browserTools(t)
	cfg := testConfig(t)
	cfg.AllowPrivateTargets = true
	e := startWeb(t, cfg)
	rc := newReceiver(t, 500, 200, 200, 200)
	created := e.post(t, "/external/v1/webhooks", "", mustJSON(map[string]any{"destination_url": rc.URL + "/hook",
		"triggered_for": []string{"my_recordings"}, "include_summary": true}), "X-Api-Key", e.ws.alice)
	if created.Status != 201 {
		t.Fatalf("create webhook: %d %s", created.Status, created.Raw)
	}
	e.ingest(t, e.ws.alice, map[string]any{"external_id": "web-2", "title": "Weekly sync"})
	// 90 s of audio, longer than the transcript, for the player.
	if r := e.putMedia(t, e.meetingID, e.ws.alice, "audio/wav", mediatest.WAV(8000*90)); r.Status != 200 {
		t.Fatalf("attach media: %d %s", r.Status, r.Raw)
	}
	rc.wait(t)
	paymentStory(t, e.testServer, e.ws.alice)
	waitAnalysed(t, e.testServer)

	shots := os.Getenv("FATHOM_SCREENSHOTS")
	if shots == "" {
		shots = t.TempDir()
	} else if shots, _ = filepath.Abs(shots); os.MkdirAll(shots, 0o755) != nil {
		t.Fatalf("FATHOM_SCREENSHOTS=%s cannot be made", shots)
	}
	share := mustURL(t, e.shareURL)
	fx := map[string]any{"base": e.URL, "workspace": "acme", "alice": "alice@acme.com", "bob": "bob@acme.com",
		"password": oauthPassword, "title": "Quarterly roadmap", "call_path": fmt.Sprintf("/calls/%d", e.meetingID),
		"share_path": share.Path, "shots": shots}
	path := filepath.Join(t.TempDir(), "web.json")
	if err := os.WriteFile(path, []byte(mustJSON(fx)), 0o600); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 6*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, node, "web.mjs", path)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "CHROMIUM="+chromium)
	out, err := cmd.CombinedOutput()
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		t.Log(line)
	}
	if err != nil {
		t.Fatalf("web.mjs: %v", err)
	}
	for _, name := range []string{"signin.png", "home.png", "call.png", "transcript.png", "share-phone.png", "not-found.png", "webhooks.png", "knowledge.png", "knowledge-conversations.png"} {
		if st, err := os.Stat(filepath.Join(shots, name)); err != nil || st.Size() == 0 {
			t.Errorf("no screenshot %s: %v", name, err)
		}
	}
}
