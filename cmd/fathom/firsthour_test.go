package main

import (
	"bytes"
	"context"
	"net"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"testing"
)

func TestProgressPercent(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	p := newProgress(&buf, 3)
	for range 3 {
		p.add()
	}
	for _, want := range []string{"1/3 (33%)", "2/3 (66%)", "3/3 (100%)"} {
		if !strings.Contains(buf.String(), want) {
			t.Errorf("progress of 3 does not show %q:\n%s", want, buf.String())
		}
	}
}

// An import interrupted before it could send anything reports every file
// as not tried, and how to resume.
func TestImportInterruptedReportsNotTried(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	for _, name := range []string{"a.txt", "b.txt", "c.txt"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte("Alice: hello "+name+"\nBob: hi\n"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var stdout, stderr bytes.Buffer
	e := &environment{stdout: &stdout, stderr: &stderr, getenv: func(string) string { return "" }}
	code := run(ctx, e, []string{"import", "--key", "fth_x", "--url", "http://127.0.0.1:1", dir})
	if code != 1 || !strings.Contains(stdout.String(), "Imported 0 of 3 files") || !strings.Contains(stdout.String(), "3 not tried") ||
		!strings.Contains(stderr.String(), "3 of 3 files were never tried") || !strings.Contains(stderr.String(), "Run the same command again") {
		t.Errorf("interrupted import: exit %d\nstdout %s\nstderr %s", code, stdout.String(), stderr.String())
	}
}

// A refused connection says what to check, for the client commands and
// for import.
func TestCLIConnectionRefused(t *testing.T) {
	t.Parallel()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := "http://" + l.Addr().String()
	if err := l.Close(); err != nil { // nothing listens there now
		t.Fatal(err)
	}
	f := filepath.Join(t.TempDir(), "a.txt")
	if err := os.WriteFile(f, []byte("Alice: hello\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	env := map[string]string{"FATHOM_URL": addr, "FATHOM_API_KEY": "fth_x"}
	for _, args := range [][]string{{"meetings", "list"}, {"context", "issues"}, {"webhooks", "list"}, {"import", f}} {
		code, _, errOut := cli(t, env, args...)
		if code != 1 || !strings.Contains(errOut, "cannot connect to "+addr) || !strings.Contains(errOut, "Is the server running") ||
			!strings.Contains(errOut, "--url") || strings.Contains(errOut, "dial tcp") {
			t.Errorf("fathom %s with no server: exit %d, stderr %q", strings.Join(args, " "), code, errOut)
		}
	}
}

func TestCLIUnknownCommandSuggests(t *testing.T) {
	t.Parallel()
	for typed, want := range map[string]string{"meetngs": "meetings", "servee": "serve", "key": "keys", "webhook": "webhooks", "ver": "version"} {
		code, _, errOut := cli(t, nil, typed)
		if code != 2 || !strings.Contains(errOut, `Did you mean "fathom `+want+`"?`) {
			t.Errorf("fathom %s: exit %d, stderr %q; want a suggestion of %s", typed, code, errOut, want)
		}
	}
	if _, _, errOut := cli(t, nil, "frobnicate"); strings.Contains(errOut, "Did you mean") {
		t.Errorf("fathom frobnicate suggests something: %q", errOut)
	}
}

func TestVersionLine(t *testing.T) {
	t.Parallel()
	bi := &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}, Settings: []debug.BuildSetting{
		{Key: "vcs.revision", Value: "0123456789abcdef0123"}, {Key: "vcs.time", Value: "2026-12-05T06:00:00Z"},
		{Key: "vcs.modified", Value: "true"}}}
	tests := []struct {
		release string
		bi      *debug.BuildInfo
		want    string
	}{
		{"v1.2.3", bi, "fathom v1.2.3 (commit 0123456789ab, 2026-12-05T06:00:00Z, modified) go"},
		{"", bi, "fathom devel (commit 0123456789ab, 2026-12-05T06:00:00Z, modified) go"},
		{"", &debug.BuildInfo{Main: debug.Module{Version: "v0.4.0"}}, "fathom v0.4.0 (commit unknown"},
		{"v1.0.0", nil, "fathom v1.0.0 (commit unknown"},
	}
	for _, tt := range tests {
		if got := versionLine(tt.release, tt.bi); !strings.HasPrefix(got, tt.want) {
			t.Errorf("versionLine(%q) = %q, want prefix %q", tt.release, got, tt.want)
		}
	}
}

func TestFlagNames(t *testing.T) {
	t.Parallel()
	tests := map[string]string{
		"limit must be an integer between 1 and 100, got 500": "--limit must be an integer between 1 and 100, got 500",
		"destination_url must be https":                       "--destination must be https",
		"triggered_for must name at least one of [a b]":       "--trigger must name at least one of [a b]",
		"conversationId is required":                          "--conversation is required",
		"the --limit flag":                                    "the --limit flag",
	}
	for in, want := range tests {
		if got := flagNames(in); got != want {
			t.Errorf("flagNames(%q) = %q, want %q", in, got, want)
		}
	}
}

// A value the server rejects is named by the command's flag.
func TestCLIErrorsNameFlags(t *testing.T) {
	t.Parallel()
	env := cliServer(t)
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"context", "similar", "--limit", "500", "my", "card"}, "--limit must be"},
		{[]string{"webhooks", "create", "--no-rate-limit", "--destination", "ftp://example.com/x"}, "--destination must be"},
	} {
		code, _, errOut := cli(t, env, tt.args...)
		if code != 1 || !strings.Contains(errOut, tt.want) {
			t.Errorf("fathom %s: exit %d, stderr %q; want %q", strings.Join(tt.args, " "), code, errOut, tt.want)
		}
	}
}
