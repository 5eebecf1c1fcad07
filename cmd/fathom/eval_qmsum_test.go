package main

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/fathom-oss/fathom/internal/dataset"
)

// TestCLIEvalQMSum runs the QMSum evaluation on the develop split and
// checks its table has the summary and both baselines, and that a bad
// --split is refused naming the flag.
func TestCLIEvalQMSum(t *testing.T) {
	engineIndependent(t)
	t.Parallel() // in-process and CPU-bound: it shares the cores with the other parallel tests
	if code, _, errOut := cli(t, nil, "eval", "qmsum", "--split", "neither"); code != 2 || !strings.Contains(errOut, "--split") {
		t.Errorf("--split neither: exit %d (%q), want 2 naming the flag", code, errOut)
	}
	if code, _, errOut := cli(t, nil, "eval", "qmsum", "--data", t.TempDir()); code == 0 || !strings.Contains(errOut, "--data") {
		t.Errorf("an empty folder: exit %d (%q), want an error naming --data", code, errOut)
	}
	dir := dataset.DirOrSkip(t, "qmsum")
	code, out, errOut := cli(t, nil, "eval", "qmsum", "--data", dir, "--rows")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, want := range []string{"QMSum develop split: 12 meetings", "| General summary |", "| lead, same length |",
		"| TextRank, same length |", "over the lead:", "| ES2004a |"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "report split") || strings.Contains(out, "| ES2011a |") {
		t.Errorf("the develop run scored the report split:\n%s", out)
	}
}

// With a chat model configured the model's summaries are scored, and
// meetings it fails on are counted and scored extractively.
func TestEvalQMSumChatModel(t *testing.T) {
	engineIndependent(t)
	t.Parallel() // in-process and CPU-bound: it shares the cores with the other parallel tests
	dir := dataset.DirOrSkip(t, "qmsum")
	var down atomic.Bool
	var calls atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		if down.Load() {
			http.Error(w, "bad model", http.StatusBadRequest)
			return
		}
		_ = json.NewEncoder(w).Encode(map[string]any{"choices": []any{map[string]any{"finish_reason": "stop", "message": map[string]any{
			"content": "## Meeting Purpose\nDesign a new remote control. [t=1]\n## Key Takeaways\n- The remote control needs a new design. [t=2]\n## Topics\n### Remote control design\n- The team discussed the remote control design. [t=3]\n"}}}})
	}))
	defer srv.Close()
	code, out, errOut := cli(t, nil, "eval", "qmsum", "--data", dir, "--chat-url", srv.URL+"/v1", "--chat-model", "tiny-chat")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, want := range []string{"| chat summary (tiny-chat) |", "chat model failed on 0 of 12 meetings"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if calls.Load() < 12 {
		t.Errorf("%d chat requests for 12 meetings", calls.Load())
	}
	down.Store(true)
	code, out, errOut = cli(t, nil, "eval", "qmsum", "--data", dir, "--chat-url", srv.URL+"/v1", "--chat-model", "tiny-chat")
	if code != 0 || !strings.Contains(out, "chat model failed on 12 of 12 meetings") || !strings.Contains(out, "last failure:") {
		t.Errorf("model down: exit %d (%s):\n%s", code, errOut, out)
	}
	if code, _, errOut := cli(t, nil, "eval", "qmsum", "--data", dir, "--chat-model", "m"); code != 2 || !strings.Contains(errOut, "--chat-url") {
		t.Errorf("--chat-model alone: exit %d (%q)", code, errOut)
	}
}
