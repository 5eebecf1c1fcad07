package app_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// browserTools returns node, Chromium and the scripts' directory, or skips
// the test when one is missing, unless FATHOM_BROWSER_TESTS=1 (as in
// .ci/run) makes that a failure.
func browserTools(t *testing.T) (node, chromium, dir string) {
	t.Helper()
	dir = filepath.Join("testdata", "browser")
	chromium = os.Getenv("CHROMIUM")
	if chromium == "" {
		chromium = "/usr/bin/chromium"
	}
	node, nodeErr := exec.LookPath("node")
	_, modErr := os.Stat(filepath.Join(dir, "node_modules", "playwright-core", "package.json"))
	_, axeErr := os.Stat(filepath.Join(dir, "node_modules", "axe-core", "axe.min.js"))
	_, chromeErr := os.Stat(chromium)
	if nodeErr != nil || modErr != nil || axeErr != nil || chromeErr != nil {
		why := "node, chromium (apt install chromium) or the scripts' packages (npm ci in " + dir + ") are missing"
		if os.Getenv("FATHOM_BROWSER_TESTS") == "1" {
			t.Fatalf("FATHOM_BROWSER_TESTS=1 but %s", why)
		}
		t.Skipf("browser test skipped: %s (set FATHOM_BROWSER_TESTS=1 to make this a failure)", why)
	}
	return node, chromium, dir
}

// TestOAuthPagesInBrowser signs in and consents on the authorize page in
// Debian's Chromium, then exchanges the code the page handed the app.
// It needs chromium and testdata/browser/node_modules (npm ci there);
// without them it skips, unless FATHOM_BROWSER_TESTS=1 (as in .ci/run).
func TestOAuthPagesInBrowser(t *testing.T) {
	node, chromium, dir := browserTools(t)
	e := startOAuth(t)
	shot := filepath.Join(t.TempDir(), "consent.png")
	fx := map[string]any{"authorize_url": e.authorizeURL, "workspace": "acme", "email": "alice@acme.com",
		"password": oauthPassword, "app_name": "Meeting Notes", "redirect_prefix": "https://app.example.com/cb", "screenshot": shot}
	path := filepath.Join(t.TempDir(), "browser.json")
	if err := os.WriteFile(path, []byte(mustJSON(fx)), 0o600); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, node, "consent.mjs", path)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "CHROMIUM="+chromium)
	out, err := cmd.CombinedOutput()
	var code string
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		if c, ok := strings.CutPrefix(line, "code "); ok {
			code = c
			continue
		}
		t.Log(line)
	}
	if err != nil {
		t.Fatalf("consent.mjs: %v", err)
	}
	if st, err := os.Stat(shot); err != nil || st.Size() == 0 {
		t.Errorf("no screenshot of the consent page: %v", err)
	}
	r := e.tokenCall(t, "token", "client_id="+e.clientID+"&client_secret="+e.secret+"&code="+code+
		"&redirect_uri=https%3A%2F%2Fapp.example.com%2Fcb%3Fx%3D1&grant_type=authorization_code")
	checkTokenReply(t, r)
}
