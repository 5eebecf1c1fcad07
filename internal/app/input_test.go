package app_test

import (
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"
)

// TestMalformedInputIsA400NamingTheField: what encoding/json and the
// databases let through or fail on is refused with a 400 (413 for size)
// that names the field and shows no Go internals.
func TestMalformedInputIsA400NamingTheField(t *testing.T) {
	s := start(t, testConfig(t))
	ws := seedWorkspace(t, s)
	key := s.newKey(t, "acme")
	big := `{"conversationId":"c1","messages":[{"role":"user","content":"` + strings.Repeat("x", 1<<20) + `"}]}`
	for _, c := range []struct {
		name, path, key, body string
		status                int
		want                  string
	}{
		{"duplicate key", "/api/v1/context/track", key, `{"conversationId":"c1","conversationId":"c2","messages":[]}`,
			400, `key "conversationId" appears more than once`},
		{"duplicate nested key", "/api/v1/context/track", key, `{"conversationId":"c1","messages":[{"role":"user","content":"a","content":"b"}]}`,
			400, `key "content" appears more than once in messages[0]`},
		{"invalid UTF-8", "/api/v1/context/track", key, "{\"conversationId\":\"c1\",\"messages\":[{\"role\":\"user\",\"content\":\"caf\xe9\"}]}",
			400, "messages[0].content must be valid UTF-8"},
		{"NUL", "/api/v1/context/similarity", key, `{"message":"a\u0000b"}`, 400, "message must not contain NUL characters"},
		{"nested 200,000 deep", "/api/v1/context/track", key, strings.Repeat("[", 200_000) + strings.Repeat("]", 200_000),
			400, "the request body nests more than 10000 levels deep"},
		{"meetings nested 200,000 deep", "/external/v1/recordings", ws.alice, strings.Repeat(`{"a":`, 200_000) + "1" + strings.Repeat("}", 200_000),
			400, "the request body nests more than 10000 levels deep"},
		{"too large", "/api/v1/context/track", key, big, 413, "request body must be at most 1048576 bytes"},
		{"meetings duplicate key", "/external/v1/recordings", ws.alice, `{"title":"a","title":"b"}`, 400, `key "title" appears more than once`},
		{"meetings bad time", "/external/v1/recordings", ws.alice, `{"external_id":"x","recording_start_time":"yesterday"}`,
			400, `a date-time must be RFC 3339 such as 2025-01-01T00:00:00Z, got "yesterday"`},
	} {
		r := s.post(t, c.path, "", c.body, "X-Api-Key", c.key)
		raw := r.message()
		if raw == "" {
			raw, _ = r.Body["error"].(string)
		}
		if r.Status != c.status || !strings.Contains(raw, c.want) || strings.Contains(raw, "2006-01-02") || strings.Contains(raw, "json:") {
			t.Errorf("%s: %d %.300s, want %d %q", c.name, r.Status, r.Raw, c.status, c.want)
		}
	}
	for _, q := range []string{"a%00b", "a%01b", "caf%E9"} {
		if r := s.get(t, "/external/v1/search?q="+q, ws.alice); r.Status != http.StatusBadRequest {
			t.Errorf("search q=%s: %d %s", q, r.Status, r.Raw)
		}
	}
}

// TestHeavyUploadsAreBounded: with one slot for uploads over 1 MiB, a
// second large upload while the first is still being read waits, then is
// answered 503 with Retry-After; once the first is done, the next is
// accepted.
func TestHeavyUploadsAreBounded(t *testing.T) {
	cfg := testConfig(t)
	cfg.MeetingsHeavyUploads = 1
	s := start(t, cfg)
	ws := seedWorkspace(t, s)
	large := func(id string) string { // 1.5 MB
		item := `{"speaker":{"display_name":"A"},"text":"` + strings.Repeat("word ", 10_000) + `","timestamp":"00:00:01"}`
		return `{"external_id":"` + id + `","title":"Large","transcript":[` + strings.TrimSuffix(strings.Repeat(item+",", 30), ",") + `]}`
	}
	pr, pw := io.Pipe()
	req, _ := http.NewRequest(http.MethodPost, s.URL+"/external/v1/recordings", pr) // chunked: length unknown
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-Api-Key", ws.alice)
	first := make(chan reply, 1)
	go func() { first <- do(t, req) }()
	body := large("slow")
	if _, err := pw.Write([]byte(body[:10])); err != nil {
		t.Fatal(err)
	}
	// The first request's handler may not hold the slot yet when the
	// second arrives (the second then takes it and is accepted): try again
	// until the first holds it, which it keeps until its body ends.
	var busy reply
	for i := range 5 {
		busy = s.post(t, "/external/v1/recordings", "", large(fmt.Sprintf("second-%d", i)), "X-Api-Key", ws.alice)
		if busy.Status != http.StatusCreated {
			break
		}
	}
	if busy.Status != http.StatusServiceUnavailable || busy.Header.Get("Retry-After") == "" {
		t.Fatalf("second large upload while the first is read: %d %.200s", busy.Status, busy.Raw)
	}
	if small := s.ingest(t, ws.alice, map[string]any{"external_id": "small", "title": "Small"}); small.Status >= 300 {
		t.Fatalf("small upload: %d %s", small.Status, small.Raw)
	}
	go func() { _, _ = pw.Write([]byte(body[10:])); pw.Close() }()
	if r := <-first; r.Status >= 300 {
		t.Fatalf("first upload: %d %.200s", r.Status, r.Raw)
	}
	if r := s.post(t, "/external/v1/recordings", "", large("third"), "X-Api-Key", ws.alice); r.Status >= 300 {
		t.Fatalf("upload after the first: %d %.200s", r.Status, r.Raw)
	}
}
