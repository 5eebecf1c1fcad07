package app_test

import (
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

// fakeChat is a local OpenAI-compatible chat completions server. Its mode
// decides the answers: "good" (a summary in the prompts' layout), "down"
// (503), "slow" (later than any timeout in these tests) or "garbage"
// (prose out of layout).
type fakeChat struct {
	*httptest.Server
	mu      sync.Mutex
	mode    string
	systems []string // each request's system message
	auths   []string
}

const chatKey = "sk-chat-test-0123456789"

const chatSummary = `## Meeting Purpose
Review the quarterly roadmap and the onboarding funnel. [t=5]

## Key Takeaways
- Onboarding loses users at the payment step. [t=70]

## Topics
### Onboarding funnel
- Bob will share the funnel numbers before Friday. [t=120]
`

func newFakeChat(t *testing.T, mode string) *fakeChat {
	t.Helper()
	f := &fakeChat{mode: mode}
	f.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var req struct {
			Model    string `json:"model"`
			Messages []struct{ Role, Content string }
		}
		if r.URL.Path != "/v1/chat/completions" || json.NewDecoder(r.Body).Decode(&req) != nil || req.Model != "tiny-chat" || len(req.Messages) != 2 {
			http.Error(w, "bad request", http.StatusBadRequest)
			return
		}
		f.mu.Lock()
		f.systems = append(f.systems, req.Messages[0].Content)
		f.auths = append(f.auths, r.Header.Get("Authorization"))
		mode := f.mode
		f.mu.Unlock()
		answer := chatSummary
		switch mode {
		case "down":
			w.Header().Set("Retry-After", "0")
			http.Error(w, "model is loading", http.StatusServiceUnavailable)
			return
		case "slow":
			select {
			case <-time.After(2 * time.Second):
			case <-r.Context().Done():
				return
			}
		case "garbage":
			answer = "Sure! The meeting went well and everyone was happy."
		}
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(map[string]any{"choices": []any{map[string]any{
			"message": map[string]any{"role": "assistant", "content": answer}, "finish_reason": "stop"}}})
	}))
	t.Cleanup(f.Close)
	return f
}

// requests counts the summarise and merge requests made so far.
func (f *fakeChat) requests() (summarise, merge int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, s := range f.systems {
		if strings.HasPrefix(s, "You merge") {
			merge++
		} else {
			summarise++
		}
	}
	return summarise, merge
}

func startWithChat(t *testing.T, f *fakeChat) (*testServer, *syncBuffer) {
	t.Helper()
	cfg := testConfig(t)
	cfg.MeetingsRateLimit, cfg.MeetingsHeavyRateLimit = 0, 0 // the tests poll for the summary while the model answers
	cfg.ChatURL, cfg.ChatModel, cfg.ChatKey, cfg.ChatTimeout = f.URL+"/v1", "tiny-chat", chatKey, 300*time.Millisecond
	logs := &syncBuffer{}
	return startLogged(t, cfg, slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelWarn}))), logs
}

func summaryMarkdown(t *testing.T, r reply) string {
	t.Helper()
	md, _ := r.Body["summary"].(map[string]any)["markdown_formatted"].(string)
	if !strings.HasPrefix(md, "## Meeting Purpose\n\n") || !strings.Contains(md, "\n## Next Steps\n") {
		t.Errorf("summary not in Fathom's layout:\n%s", md)
	}
	return md
}

func TestChatModelWritesSummary(t *testing.T) {
	f := newFakeChat(t, "good")
	s, logs := startWithChat(t, f)
	ws := seedWorkspace(t, s)
	id := recordingID(t, s.ingest(t, ws.alice, map[string]any{"title": "Roadmap review"}))
	md := summaryMarkdown(t, s.waitProcessed(t, ws.alice, id))
	for _, want := range []string{
		"[Review the quarterly roadmap and the onboarding funnel.](",
		"### Onboarding funnel\n\n  - [Bob will share the funnel numbers before Friday.](",
		"timestamp=120.0)",
		"      - [Send the funnel numbers", // Next Steps: the action items, as extracted
	} {
		if !strings.Contains(md, want) {
			t.Errorf("summary lacks %q:\n%s", want, md)
		}
	}
	if sum, merge := f.requests(); sum != 1 || merge != 0 {
		t.Errorf("%d summarise and %d merge requests, want 1 and 0", sum, merge)
	}
	if f.auths[0] != "Bearer "+chatKey {
		t.Errorf("authorization %q", f.auths[0])
	}
	if strings.Contains(logs.String(), "chat model summary failed") {
		t.Errorf("a failure was logged:\n%s", logs)
	}
}

// A transcript longer than one request's share is summarised in parts and
// merged by a final request.
func TestChatModelChunksLongTranscript(t *testing.T) {
	f := newFakeChat(t, "good")
	s, _ := startWithChat(t, f)
	ws := seedWorkspace(t, s)
	var tr []map[string]any
	for i := range 300 { // about 26,000 characters: two parts
		tr = append(tr, map[string]any{"speaker": map[string]any{"display_name": "Alice"},
			"text":      fmt.Sprintf("Point %d: the onboarding flow loses users at the payment step again.", i),
			"timestamp": fmt.Sprintf("00:%02d:%02d", i/60, i%60)})
	}
	id := recordingID(t, s.ingest(t, ws.alice, map[string]any{"title": "Long review", "transcript": tr}))
	md := summaryMarkdown(t, s.waitProcessed(t, ws.alice, id))
	if !strings.Contains(md, "Review the quarterly roadmap") {
		t.Errorf("not the model's summary:\n%s", md)
	}
	if sum, merge := f.requests(); sum != 2 || merge != 1 {
		t.Errorf("%d summarise and %d merge requests, want 2 and 1", sum, merge)
	}
}

// A model that is down, too slow or answers out of layout leaves the
// meeting with the extractive summary, and the failure is logged once.
func TestChatModelFailureFallsBackToExtractive(t *testing.T) {
	for _, mode := range []string{"down", "slow", "garbage"} {
		t.Run(mode, func(t *testing.T) {
			f := newFakeChat(t, mode)
			s, logs := startWithChat(t, f)
			ws := seedWorkspace(t, s)
			id := recordingID(t, s.ingest(t, ws.alice, map[string]any{"title": "Roadmap review"}))
			md := summaryMarkdown(t, s.waitProcessed(t, ws.alice, id))
			if strings.Contains(md, "Review the quarterly roadmap and the onboarding funnel") || !strings.Contains(md, "roadmap") {
				t.Errorf("not the extractive summary:\n%s", md)
			}
			if sum, _ := f.requests(); sum == 0 {
				t.Error("the model was never asked")
			}
			if n := strings.Count(logs.String(), "chat model summary failed"); n != 1 {
				t.Errorf("failure logged %d times, want once:\n%s", n, logs)
			}
			if strings.Contains(logs.String(), chatKey) {
				t.Errorf("the logs show the key:\n%s", logs)
			}
		})
	}
}
