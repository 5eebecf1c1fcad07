package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/fathom-oss/fathom/internal/config"
	"github.com/fathom-oss/fathom/internal/webhook"
)

// TestRemoteCommands drives the client commands against a real server:
// import, meetings, webhooks and context, with their output checked.
func TestRemoteCommands(t *testing.T) {
	env := cliServer(t)
	if _, out, _ := cli(t, env, "meetings", "list", "--output", "json", "--no-rate-limit"); strings.TrimSpace(out) != "[]" {
		t.Fatalf("meetings list --output json of no meetings: %q, want []", out)
	}
	vtt := filepath.Join(t.TempDir(), "standup.vtt")
	if err := os.WriteFile(vtt, []byte("WEBVTT\n\n00:00:01.000 --> 00:00:04.000\n<v Alice>Bob, can you send the release notes by Friday?\n\n"+
		"00:00:05.000 --> 00:00:08.000\n<v Bob>Sure, I will send the release notes by Friday.\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := cli(t, env, "import", vtt)
	if code != 0 || !strings.Contains(out, "1 new recordings") {
		t.Fatalf("import: %d %s %s", code, out, errOut)
	}
	if _, out, _ := cli(t, env, "import", vtt); !strings.Contains(out, "1 already present") {
		t.Fatalf("second import: %s", out)
	}
	code, out, errOut = cli(t, env, "meetings", "list", "--no-rate-limit")
	if code != 0 || !strings.Contains(out, "RECORDING") || !strings.Contains(out, "Standup") {
		t.Fatalf("meetings list: %d %q %s", code, out, errOut)
	}
	var ms []struct {
		RecordingID int64 `json:"recording_id"`
	}
	_, out, _ = cli(t, env, "meetings", "list", "--output", "json", "--no-rate-limit")
	if err := json.Unmarshal([]byte(out), &ms); err != nil || len(ms) != 1 {
		t.Fatalf("meetings list --output json: %v %s", err, out)
	}
	id := ms[0].RecordingID
	deadline := time.Now().Add(15 * time.Second)
	for {
		_, out, _ = cli(t, env, "meetings", "summary", "--no-rate-limit", itoa(id))
		if strings.HasPrefix(out, "## Meeting Purpose") || time.Now().After(deadline) {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	if !strings.HasPrefix(out, "## Meeting Purpose") {
		t.Fatalf("meetings summary: %q", out)
	}
	if _, out, _ := cli(t, env, "meetings", "transcript", "--no-rate-limit", itoa(id)); !strings.Contains(out, "00:00:05  Bob") {
		t.Fatalf("meetings transcript: %q", out)
	}
	if code, out, errOut := cli(t, env, "meetings", "analytics", "--no-rate-limit", itoa(id)); code != 0 ||
		!strings.Contains(out, "QUESTIONS") || !strings.Contains(out, "Alice") || !strings.Contains(out, "Longest monologue: ") {
		t.Fatalf("meetings analytics ID: %d %q %s", code, out, errOut)
	}
	var rep struct {
		GroupBy string `json:"group_by"`
		Items   []struct {
			Name      string `json:"name"`
			Questions int    `json:"questions"`
		} `json:"items"`
	}
	code, out, errOut = cli(t, env, "meetings", "analytics", "--no-rate-limit", "--after", "2000-01-01", "--output", "json")
	if err := json.Unmarshal([]byte(out), &rep); code != 0 || err != nil || rep.GroupBy != "person" || len(rep.Items) != 2 {
		t.Fatalf("meetings analytics --output json: %d %v %q %s", code, err, out, errOut)
	}
	for _, it := range rep.Items {
		if it.Name == "Alice" && it.Questions != 1 {
			t.Errorf("Alice asked %d questions, want 1", it.Questions)
		}
	}
	if code, out, _ := cli(t, env, "meetings", "analytics", "--no-rate-limit", "--group-by", "team"); code != 0 || !strings.Contains(out, "Recordings counted: 1") {
		t.Fatalf("meetings analytics --group-by team: %d %q", code, out)
	}
	if code, _, errOut := cli(t, env, "meetings", "analytics", "--no-rate-limit", "--group-by", "company"); code != 1 || !strings.Contains(errOut, "group_by") {
		t.Fatalf("meetings analytics --group-by company: %d %q", code, errOut)
	}
	// A phrase across the two lines, with the moment's lines.
	code, out, errOut = cli(t, env, "meetings", "search", "--no-rate-limit", "--window", `"friday sure"`)
	if code != 0 || !strings.Contains(out, "«Friday»") || !regexp.MustCompile(`00:00:01\s+>\s+Alice\s+Bob, can you`).MatchString(out) ||
		!regexp.MustCompile(`00:00:05\s+>\s+Bob\s+Sure, I will`).MatchString(out) {
		t.Fatalf("meetings search --window: %d %q %s", code, out, errOut)
	}
	if code, _, errOut := cli(t, env, "meetings", "search", "--no-rate-limit", `"friday sure`); code != 1 || !strings.Contains(errOut, "q has an unclosed quote") {
		t.Fatalf("meetings search with an unclosed quote: %d %q", code, errOut)
	}
	if code, _, errOut := cli(t, env, "meetings", "get", "--no-rate-limit", "999999"); code != 1 || !strings.Contains(errOut, "404") {
		t.Fatalf("meetings get unknown: %d %q", code, errOut)
	}
	if code, _, errOut := cli(t, map[string]string{"FATHOM_URL": env["FATHOM_URL"], "FATHOM_API_KEY": "fth_bad"}, "meetings", "list"); code != 1 || !strings.Contains(errOut, "check the key") {
		t.Fatalf("bad key: %d %q", code, errOut)
	}
	if code, _, errOut := cli(t, map[string]string{"FATHOM_URL": env["FATHOM_URL"]}, "meetings", "list"); code != 1 || !strings.Contains(errOut, "no credentials") {
		t.Fatalf("no key: %d %q", code, errOut)
	}
	code, out, errOut = cli(t, env, "webhooks", "create", "--destination", "https://hooks.example.com/x", "--no-rate-limit")
	if code != 0 || !strings.Contains(out, "whsec_") {
		t.Fatalf("webhooks create: %d %q %s", code, out, errOut)
	}
	secret := "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
	body := filepath.Join(t.TempDir(), "body.json")
	if err := os.WriteFile(body, []byte(`{"recording_id":1}`), 0o600); err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	sig, err := webhook.Sign(secret, "msg_1", now, []byte(`{"recording_id":1}`))
	if err != nil {
		t.Fatal(err)
	}
	ts := strconv.FormatInt(now.Unix(), 10)
	if code, out, _ := cli(t, nil, "webhooks", "verify", "--secret", secret, "--webhook-id", "msg_1", "--timestamp", ts, "--signature", sig, body); code != 0 || !strings.Contains(out, "valid") {
		t.Fatalf("webhooks verify: %d %q", code, out)
	}
	if code, _, errOut := cli(t, nil, "webhooks", "verify", "--secret", secret, "--webhook-id", "msg_2", "--timestamp", ts, "--signature", sig, body); code != 1 || !strings.Contains(errOut, "not authentic") {
		t.Fatalf("webhooks verify of a forged id: %d %q", code, errOut)
	}
	if code, out, errOut := cli(t, env, "meetings", "delete", "--no-rate-limit", itoa(id)); code != 0 || !strings.Contains(out, "Recording "+itoa(id)+" deleted") {
		t.Fatalf("meetings delete: %d %q %s", code, out, errOut)
	}
	if code, _, errOut := cli(t, env, "meetings", "delete", "--no-rate-limit", itoa(id)); code != 1 || !strings.Contains(errOut, "404") {
		t.Fatalf("meetings delete of a deleted recording: %d %q", code, errOut)
	}
	if code, out, _ := cli(t, env, "context", "track", "--conversation", "c1", "--user", "My card was declined", "--assistant", "Is your card expired?"); code != 0 || !strings.Contains(out, "2 messages appended") {
		t.Fatalf("context track: %d %q", code, out)
	}
	if code, _, errOut := cli(t, env, "context", "track", "--user", "hi"); code != 2 || !strings.Contains(errOut, "--conversation is required") {
		t.Fatalf("context track without id: %d %q", code, errOut)
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// cliServer starts a real server, its data in a temporary directory and
// stopped when the test ends, and returns the environment that points the
// client commands at it.
func cliServer(t *testing.T) map[string]string {
	t.Helper()
	ctx := context.Background()
	local, err := startLocal(ctx, "normal", "cli", func(c *config.Config) { c.DataDir = filepath.Join(t.TempDir(), "data") })
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { local.close(ctx) })
	return map[string]string{"FATHOM_URL": local.url, "FATHOM_API_KEY": local.key}
}

// TestEnvironmentKeyStaysWithItsServer: a key from FATHOM_API_KEY is not
// sent to another server named with --url; --key for that server is.
func TestEnvironmentKeyStaysWithItsServer(t *testing.T) {
	env := map[string]string{"FATHOM_URL": "http://127.0.0.1:8080", "FATHOM_API_KEY": "fth_local"}
	code, _, errOut := cli(t, env, "meetings", "list", "--url", "https://api.fathom.invalid")
	if code != 1 || !strings.Contains(errOut, "FATHOM_API_KEY is for http://127.0.0.1:8080") || !strings.Contains(errOut, "--key") {
		t.Fatalf("env key sent to another server: %d %q", code, errOut)
	}
	// With --key given, the command goes on (and fails only at the network).
	code, _, errOut = cli(t, env, "meetings", "list", "--url", "https://api.fathom.invalid", "--key", "k")
	if code != 1 || strings.Contains(errOut, "FATHOM_API_KEY is for") {
		t.Fatalf("explicit key refused: %d %q", code, errOut)
	}
	for _, c := range []struct {
		a, b string
		same bool
	}{
		{"http://127.0.0.1:8080", "http://localhost:9000", true},
		{"http://127.0.0.1:8080", "https://api.fathom.ai", false},
		{"https://api.fathom.ai", "https://api.fathom.ai:443/", true},
		{"https://api.fathom.ai", "http://api.fathom.ai", false},
	} {
		if got := sameServer(c.a, c.b); got != c.same {
			t.Errorf("sameServer(%q, %q) = %v", c.a, c.b, got)
		}
	}
}

// fathom import sets the meeting type and join URL it is given on every
// recording; a URL the server refuses fails the file and names the field.
func TestImportMeetingTypeAndURL(t *testing.T) {
	env := cliServer(t)
	dir := t.TempDir()
	vtt := filepath.Join(dir, "demo.vtt")
	if err := os.WriteFile(vtt, []byte("WEBVTT\n\n00:00:01.000 --> 00:00:04.000\n<v Alice>Here is the new dashboard.\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := cli(t, env, "import", "--meeting-type", "Demo", "--meeting-url", "https://zoom.example.com/j/123", vtt)
	if code != 0 || !strings.Contains(out, "1 new recordings") {
		t.Fatalf("import: %d %s %s", code, out, errOut)
	}
	var ms []struct {
		MeetingType *string `json:"meeting_type"`
		MeetingURL  *string `json:"meeting_url"`
		SharedWith  string  `json:"shared_with"`
	}
	_, out, _ = cli(t, env, "meetings", "list", "--output", "json", "--no-rate-limit")
	if err := json.Unmarshal([]byte(out), &ms); err != nil || len(ms) != 1 || ms[0].MeetingType == nil || *ms[0].MeetingType != "Demo" ||
		ms[0].MeetingURL == nil || *ms[0].MeetingURL != "https://zoom.example.com/j/123" || ms[0].SharedWith != "no_teams" {
		t.Fatalf("meetings list --output json: %v %s", err, out)
	}
	if _, out, _ := cli(t, env, "meetings", "types", "--no-rate-limit"); !strings.Contains(out, "Demo") || !strings.Contains(out, "active") {
		t.Fatalf("meetings types: %q", out)
	}
	for typ, want := range map[string]string{"Demo": "Demo", "Other": ""} {
		_, out, _ = cli(t, env, "meetings", "list", "--type", typ, "--output", "json", "--no-rate-limit")
		if empty := strings.TrimSpace(out) == "[]" || strings.TrimSpace(out) == "null"; (want == "") != empty {
			t.Errorf("meetings list --type %s: %s", typ, out)
		}
	}
	// This server's key was made by CreateKey, not as a first key: a
	// member with no settings access.
	if code, _, errOut := cli(t, env, "meetings", "users", "--no-rate-limit"); code != 1 || !strings.Contains(errOut, "403: only an account admin") {
		t.Errorf("meetings users with a member's key: %d %q", code, errOut)
	}
	other := filepath.Join(dir, "other.vtt")
	if err := os.WriteFile(other, []byte("WEBVTT\n\n00:00:01.000 --> 00:00:04.000\n<v Bob>Another call.\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	code, _, errOut = cli(t, env, "import", "--meeting-url", "zoom", other)
	if code == 0 || !strings.Contains(errOut, "meeting_url must be an absolute http or https URL") {
		t.Fatalf("import with a bad URL: %d %q", code, errOut)
	}
}
