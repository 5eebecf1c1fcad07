package main

import (
	"encoding/json"
	"strconv"
	"strings"
	"testing"
)

// TestContextFeedbackCommand drives `fathom context feedback` against a
// real server.
func TestContextFeedbackCommand(t *testing.T) {
	env := cliServer(t)
	if code, out, errOut := cli(t, env, "context", "track", "--conversation", "c1", "--user", "My card was declined",
		"--assistant", "Can you check whether your card has expired?", "--user", "ok"); code != 0 {
		t.Fatalf("context track: %d %q %q", code, out, errOut)
	}
	feedback := []string{"context", "feedback", "--conversation", "c1", "--action", "check whether your card has expired", "--outcome", "success"}
	if code, out, errOut := cli(t, env, feedback...); code != 0 || out != "Feedback on check whether your card has expired in conversation c1: success, recorded.\n" {
		t.Fatalf("context feedback: %d %q %q", code, out, errOut)
	}
	code, out, errOut := cli(t, env, append(feedback, "--output", "json")...)
	var res struct {
		Outcome string `json:"outcome"`
		Changed bool   `json:"changed"`
	}
	if code != 0 || json.Unmarshal([]byte(out), &res) != nil || res.Outcome != "success" || res.Changed {
		t.Fatalf("context feedback again, as JSON: %d %q %q; want success, unchanged", code, out, errOut)
	}
	tests := []struct {
		name     string
		args     []string
		code     int
		inStderr string
	}{
		{"no conversation", []string{"--action", "x", "--outcome", "success"}, 2, "--conversation is required"},
		{"no outcome", []string{"--conversation", "c1", "--action", "x"}, 2, "--action and --outcome are required"},
		{"bad outcome", []string{"--conversation", "c1", "--action", "x", "--outcome", "maybe"}, 1, `outcome must be "success" or "failure"`},
		{"unknown conversation", []string{"--conversation", "nope", "--action", "x", "--outcome", "failure"}, 1, "404"},
		{"note too long, named by its flag", []string{"--conversation", "c1", "--action", "x", "--outcome", "failure", "--note", strings.Repeat("n", 5000)}, 1, "--note must be at most"},
		{"flags after the arguments", []string{"--conversation", "nope", "--action", "x", "--outcome", "failure", "--url", "http://127.0.0.1:1"}, 1, "cannot connect to http://127.0.0.1:1"},
	}
	for _, tt := range tests {
		code, _, errOut := cli(t, env, append([]string{"context", "feedback"}, tt.args...)...)
		if code != tt.code || !strings.Contains(errOut, tt.inStderr) {
			t.Errorf("%s: exit %d, stderr %q; want %d and %q", tt.name, code, errOut, tt.code, tt.inStderr)
		}
	}
	// Messages are given by flags, and their absence is named by them, not
	// by the API's field.
	if code, _, errOut := cli(t, env, "context", "track", "--conversation", "c2"); code != 2 || !strings.Contains(errOut, "--user and --assistant") {
		t.Errorf("context track without messages: exit %d, stderr %q; want 2 naming --user and --assistant", code, errOut)
	}
	// A flag after the words of the message is a flag, not part of the message.
	code, out, errOut = cli(t, env, "context", "similar", "card", "declined", "--output", "json")
	var sim struct {
		Query string `json:"query"`
	}
	if code != 0 || json.Unmarshal([]byte(out), &sim) != nil || sim.Query != "card declined" {
		t.Errorf("context similar card declined --output json: exit %d, %q %q; want JSON for the query \"card declined\"", code, out, errOut)
	}
}

// TestContextShowCommand drives `fathom context show` against a real
// server: without --offset or --limit it walks every page of a
// conversation longer than one page; with them it prints one page and
// where the next starts.
func TestContextShowCommand(t *testing.T) {
	env := cliServer(t)
	for i := 0; i < 210; i += 10 {
		args := []string{"context", "track", "--conversation", "long"}
		for j := i; j < i+10; j++ {
			args = append(args, "--user", "turn "+strconv.Itoa(j))
		}
		if code, out, errOut := cli(t, env, args...); code != 0 {
			t.Fatalf("context track: %d %q %q", code, out, errOut)
		}
	}
	code, out, errOut := cli(t, env, "context", "show", "--conversation", "long")
	if code != 0 || !strings.HasPrefix(out, "Conversation long (open): 210 messages.\n") || !strings.Contains(out, "209  user  turn 209\n") {
		t.Fatalf("context show: %d %q %q; want all 210 messages", code, out[:min(len(out), 300)], errOut)
	}
	code, out, errOut = cli(t, env, "context", "show", "--conversation", "long", "--offset", "100", "--limit", "5")
	if code != 0 || !strings.Contains(out, "100  user  turn 100\n") || strings.Contains(out, "turn 105") || !strings.HasSuffix(out, "More from --offset 105.\n") {
		t.Fatalf("context show one page: %d %q %q", code, out, errOut)
	}
	code, out, errOut = cli(t, env, "context", "show", "--conversation", "long", "--limit", "3", "--output", "json")
	var conv struct {
		Messages []struct{ Content string } `json:"messages"`
		Page     struct{ NextOffset int }   `json:"page"`
	}
	if code != 0 || json.Unmarshal([]byte(out), &conv) != nil || len(conv.Messages) != 3 || conv.Page.NextOffset != 3 {
		t.Fatalf("context show as JSON: %d %q %q", code, out, errOut)
	}
}
