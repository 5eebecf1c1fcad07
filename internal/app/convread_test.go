package app_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/fathom-oss/fathom/client"
)

// trackMany appends n messages to a conversation, ten a request, each
// content made by text(i).
func trackMany(t *testing.T, c *client.Client, id string, n int, text func(i int) string) {
	t.Helper()
	for i := 0; i < n; i += 10 {
		var msgs []client.Message
		for j := i; j < min(n, i+10); j++ {
			role := "user"
			if j%2 == 1 {
				role = "assistant"
			}
			msgs = append(msgs, client.Message{Role: role, Content: text(j)})
		}
		if _, err := c.Track(context.Background(), client.TrackRequest{ConversationID: id, Messages: msgs}); err != nil {
			t.Fatalf("track %s from %d: %v", id, i, err)
		}
	}
}

func sdk(t *testing.T, s *testServer, key string) *client.Client {
	t.Helper()
	c, err := client.New(client.WithBaseURL(s.URL), client.WithAPIKey(key), client.WithRateLimit(0, 0), client.WithRetries(0))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// TestConversationReadPages reads a long conversation on the real server:
// a read without parameters gets the first 200 messages and a link to
// the next page, pages of large messages stop at 256 KiB, bad parameters
// are 400s naming them, and the Go client walks every page.
func TestConversationReadPages(t *testing.T) {
	s := start(t, testConfig(t))
	key := s.newKey(t, "acme")
	c := sdk(t, s, key)
	trackMany(t, c, "long", 450, func(i int) string { return fmt.Sprintf("message %d", i) })

	r := s.get(t, "/api/v1/context/conversations/long", key)
	d := r.data()
	msgs, _ := d["messages"].([]any)
	page, _ := d["page"].(map[string]any)
	if r.Status != 200 || len(msgs) != 200 || d["messageCount"] != 450.0 {
		t.Fatalf("first page: %d, %d messages of %v; want 200, 200 of 450: %.300s", r.Status, len(msgs), d["messageCount"], r.Raw)
	}
	if page["hasMore"] != true || page["nextOffset"] != 200.0 || page["next"] != "/api/v1/context/conversations/long?offset=200&limit=200" {
		t.Fatalf("first page: %v; want next at offset 200", page)
	}
	r = s.get(t, page["next"].(string), key)
	msgs, _ = r.data()["messages"].([]any)
	if r.Status != 200 || len(msgs) != 200 || msgs[0].(map[string]any)["content"] != "message 200" {
		t.Fatalf("next page: %d, %d messages: %.300s", r.Status, len(msgs), r.Raw)
	}
	r = s.get(t, "/api/v1/context/conversations/long?offset=400&limit=100", key)
	msgs, _ = r.data()["messages"].([]any)
	page, _ = r.data()["page"].(map[string]any)
	if r.Status != 200 || len(msgs) != 50 || page["hasMore"] != false || page["nextOffset"] != nil || page["next"] != nil {
		t.Fatalf("last page: %d, %d messages, %v; want 50 and no next", r.Status, len(msgs), page)
	}

	// A page that ends exactly at the end, and one past it.
	for query, want := range map[string]int{"offset=250&limit=200": 200, "offset=450": 0, "offset=9999": 0} {
		r := s.get(t, "/api/v1/context/conversations/long?"+query, key)
		msgs, _ := r.data()["messages"].([]any)
		page, _ := r.data()["page"].(map[string]any)
		if r.Status != 200 || len(msgs) != want || page["hasMore"] != false || page["next"] != nil {
			t.Errorf("%s: %d, %d messages, %v; want %d and no next", query, r.Status, len(msgs), page, want)
		}
	}
	for _, tt := range []struct{ query, want string }{
		{"limit=0", "limit must be between 1 and 1000"},
		{"limit=1001", "limit must be between 1 and 1000"},
		{"limit=ten", `limit must be an integer, got "ten"`},
		{"offset=-1", "offset must be 0 or more"},
	} {
		r := s.get(t, "/api/v1/context/conversations/long?"+tt.query, key)
		if r.Status != 400 || !strings.Contains(r.message(), tt.want) {
			t.Errorf("%s: %d %q; want 400 %q", tt.query, r.Status, r.message(), tt.want)
		}
	}

	all, err := c.Conversation(context.Background(), "long")
	if err != nil {
		t.Fatal(err)
	}
	if len(all.Messages) != 450 || all.Messages[449].Content != "message 449" {
		t.Fatalf("client read %d messages; want all 450", len(all.Messages))
	}

	// 30 KiB messages: a page stops before passing 256 KiB of content.
	big := strings.Repeat("x", 30<<10)
	trackMany(t, c, "big", 20, func(i int) string { return fmt.Sprintf("%d %s", i, big) })
	r = s.get(t, "/api/v1/context/conversations/big", key)
	msgs, _ = r.data()["messages"].([]any)
	page, _ = r.data()["page"].(map[string]any)
	if r.Status != 200 || len(msgs) != 8 || page["nextOffset"] != 8.0 {
		t.Fatalf("page of large messages: %d, %d messages, %v; want 8 and next at 8", r.Status, len(msgs), page)
	}
	var pages int
	all, err = c.ConversationPages(context.Background(), "big", 0, func(*client.Conversation) error { pages++; return nil })
	if err != nil || len(all.Messages) != 20 || pages != 3 {
		t.Fatalf("client walk: %d messages in %d pages, %v; want 20 in 3", len(all.Messages), pages, err)
	}
}

// TestConversationSizeCap tracks past the per-conversation caps on the
// real server: a 413 that names the limit, and nothing stored.
func TestConversationSizeCap(t *testing.T) {
	cfg := testConfig(t)
	cfg.MaxConversationMessages = 25
	cfg.MaxConversationBytes = 64 << 10
	s := start(t, cfg)
	key := s.newKey(t, "acme")
	c := sdk(t, s, key)
	trackMany(t, c, "count", 20, func(i int) string { return fmt.Sprintf("message %d", i) })
	msgs := `[{"role":"user","content":"a"},{"role":"user","content":"b"},{"role":"user","content":"c"},{"role":"user","content":"d"},{"role":"user","content":"e"},{"role":"user","content":"f"}]`
	r := s.post(t, "/api/v1/context/track", key, `{"conversationId":"count","messages":`+msgs+`}`)
	if r.Status != 413 || !strings.Contains(r.message(), "over the limit of 25 messages per conversation (max-conversation-messages)") {
		t.Fatalf("26th message: %d %q; want 413 naming the message limit", r.Status, r.message())
	}
	big := strings.Repeat("y", 30<<10)
	trackMany(t, c, "bytes", 2, func(int) string { return big })
	r = s.post(t, "/api/v1/context/track", key, `{"conversationId":"bytes","messages":[{"role":"user","content":"`+big+`"}]}`)
	if r.Status != 413 || !strings.Contains(r.message(), "over the limit of 65536 bytes per conversation (max-conversation-bytes)") {
		t.Fatalf("third 30 KiB message: %d %q; want 413 naming the byte limit", r.Status, r.message())
	}
	for id, want := range map[string]int{"count": 20, "bytes": 2} {
		conv, err := c.Conversation(context.Background(), id)
		if err != nil || conv.MessageCount != want || len(conv.Messages) != want {
			t.Errorf("%s after refusal: %v %v; want %d messages", id, conv, err, want)
		}
	}
	// Under the caps, a track still succeeds.
	if r := s.post(t, "/api/v1/context/track", key, `{"conversationId":"count","messages":[{"role":"user","content":"ok"}]}`); r.Status != 200 {
		t.Fatalf("21st message: %d %q", r.Status, r.message())
	}
}
