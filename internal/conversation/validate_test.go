package conversation

import (
	"errors"
	"strings"
	"testing"

	"github.com/fathom-oss/fathom/internal/fathom"
)

// checkInvalid asserts err is nil when want is "", and otherwise an
// EINVALID *fathom.Error whose message contains want.
func wantInvalid(t *testing.T, err error, want string) {
	t.Helper()
	if want == "" {
		if err != nil {
			t.Fatalf("validate() = %v, want nil", err)
		}
		return
	}
	var fe *fathom.Error
	if !errors.As(err, &fe) {
		t.Fatalf("validate() = %v (%T), want *fathom.Error", err, err)
	}
	if fe.Code != fathom.EINVALID {
		t.Errorf("code = %q, want %q", fe.Code, fathom.EINVALID)
	}
	if !strings.Contains(fe.Message, want) {
		t.Errorf("message = %q, want it to contain %q", fe.Message, want)
	}
}

func nMessages(n int) []MessageInput {
	out := make([]MessageInput, n)
	for i := range out {
		out[i] = MessageInput{Role: fathom.RoleUser, Content: "hello"}
	}
	return out
}

func nMessagesWith(n, i int, m MessageInput) []MessageInput {
	out := nMessages(n)
	out[i] = m
	return out
}

func TestTrackParamsValidate(t *testing.T) {
	t.Parallel()
	// "é" is 2 bytes and "日" 3: limits on characters count runes.
	id256, id257 := strings.Repeat("é", 256), strings.Repeat("日", 257)
	tests := []struct {
		name string
		p    TrackParams
		want string
	}{
		{"minimal", TrackParams{ConversationID: "c1", Messages: nMessages(1)}, ""},
		{"conversationId missing", TrackParams{Messages: nMessages(1)}, "conversationId is required"},
		{"conversationId blank", TrackParams{ConversationID: " \t", Messages: nMessages(1)}, "conversationId is required"},
		{"conversationId 256 runes", TrackParams{ConversationID: id256, Messages: nMessages(1)}, ""},
		{"conversationId 256 3-byte runes", TrackParams{ConversationID: strings.Repeat("日", 256), Messages: nMessages(1)}, ""},
		{"conversationId 257 runes", TrackParams{ConversationID: id257, Messages: nMessages(1)}, "conversationId must be at most 256 characters"},
		{"conversationId 257 ascii", TrackParams{ConversationID: strings.Repeat("a", 257), Messages: nMessages(1)}, "conversationId must be at most 256"},
		{"conversationId invalid UTF-8", TrackParams{ConversationID: "c\xff1", Messages: nMessages(1)}, "conversationId must be valid UTF-8"},
		{"no messages", TrackParams{ConversationID: "c1"}, "messages must contain at least 1 message"},
		{"10 messages", TrackParams{ConversationID: "c1", Messages: nMessages(10)}, ""},
		{"11 messages", TrackParams{ConversationID: "c1", Messages: nMessages(11)}, "messages must contain at most 10 messages, got 11"},
		{"assistant role", TrackParams{ConversationID: "c1", Messages: nMessagesWith(2, 1, MessageInput{Role: fathom.RoleAssistant, Content: "hi"})}, ""},
		{"bad role", TrackParams{ConversationID: "c1", Messages: nMessagesWith(5, 3, MessageInput{Role: "system", Content: "x"})}, `messages[3].role must be "user" or "assistant"`},
		{"empty role", TrackParams{ConversationID: "c1", Messages: nMessagesWith(1, 0, MessageInput{Content: "x"})}, "messages[0].role"},
		{"role is case-sensitive", TrackParams{ConversationID: "c1", Messages: nMessagesWith(1, 0, MessageInput{Role: "User", Content: "x"})}, "messages[0].role"},
		{"empty content", TrackParams{ConversationID: "c1", Messages: nMessagesWith(3, 2, MessageInput{Role: fathom.RoleUser})}, "messages[2].content must be a non-empty string"},
		{"blank content", TrackParams{ConversationID: "c1", Messages: nMessagesWith(3, 1, MessageInput{Role: fathom.RoleUser, Content: " \n "})}, "messages[1].content must be a non-empty string"},
		{"content 32 KiB", TrackParams{ConversationID: "c1", Messages: nMessagesWith(1, 0, MessageInput{Role: fathom.RoleUser, Content: strings.Repeat("a", 32<<10)})}, ""},
		{"content 32 KiB + 1", TrackParams{ConversationID: "c1", Messages: nMessagesWith(2, 1, MessageInput{Role: fathom.RoleUser, Content: strings.Repeat("a", 32<<10+1)})}, "messages[1].content must be at most 32768 bytes, got 32769"},
		// 10923 three-byte runes are 32769 bytes: content is limited in bytes.
		{"content multibyte over", TrackParams{ConversationID: "c1", Messages: nMessagesWith(1, 0, MessageInput{Role: fathom.RoleUser, Content: strings.Repeat("€", 10923)})}, "messages[0].content must be at most 32768 bytes, got 32769"},
		{"content invalid UTF-8", TrackParams{ConversationID: "c1", Messages: nMessagesWith(4, 3, MessageInput{Role: fathom.RoleUser, Content: "ok \xc3\x28"})}, "messages[3].content must be valid UTF-8"},
		{"first bad message reported", TrackParams{ConversationID: "c1", Messages: []MessageInput{{Role: fathom.RoleUser, Content: "a"}, {Role: "bot", Content: "b"}, {Role: "bot", Content: "c"}}}, "messages[1].role"},
		{"userId 256 runes", TrackParams{ConversationID: "c1", Messages: nMessages(1), UserID: id256}, ""},
		{"userId 257 runes", TrackParams{ConversationID: "c1", Messages: nMessages(1), UserID: id257}, "userId must be at most 256 characters"},
		{"idempotency key 255", TrackParams{ConversationID: "c1", Messages: nMessages(1), IdempotencyKey: strings.Repeat("k", 255)}, ""},
		{"idempotency key 256", TrackParams{ConversationID: "c1", Messages: nMessages(1), IdempotencyKey: strings.Repeat("k", 256)}, "Idempotency-Key header must be at most 255"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			wantInvalid(t, tt.p.validate(), tt.want)
		})
	}
}

func TestResolveParamsValidate(t *testing.T) {
	t.Parallel()
	notes := func(s string) *string { return &s }
	tests := []struct {
		name string
		p    ResolveParams
		want string
	}{
		{"notes absent", ResolveParams{ConversationID: "c1"}, ""},
		{"notes empty", ResolveParams{ConversationID: "c1", ResolutionNotes: notes("")}, ""},
		{"notes 32 KiB", ResolveParams{ConversationID: "c1", ResolutionNotes: notes(strings.Repeat("n", 32<<10))}, ""},
		{"notes 32 KiB + 1", ResolveParams{ConversationID: "c1", ResolutionNotes: notes(strings.Repeat("n", 32<<10+1))}, "resolutionNotes must be at most 32768 bytes"},
		{"conversationId missing", ResolveParams{}, "conversationId is required"},
		{"conversationId 256 runes", ResolveParams{ConversationID: strings.Repeat("ü", 256)}, ""},
		{"conversationId 257 runes", ResolveParams{ConversationID: strings.Repeat("ü", 257)}, "conversationId must be at most 256 characters"},
		{"conversationId invalid UTF-8", ResolveParams{ConversationID: "\xfe"}, "conversationId must be valid UTF-8"},
		{"idempotency key 256", ResolveParams{ConversationID: "c1", IdempotencyKey: strings.Repeat("k", 256)}, "Idempotency-Key header must be at most 255"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			wantInvalid(t, tt.p.validate(), tt.want)
		})
	}
}

func TestSimilarParamsValidate(t *testing.T) {
	t.Parallel()
	limit := func(n int) *int { return &n }
	tests := []struct {
		name string
		p    SimilarParams
		want string
	}{
		{"message only", SimilarParams{Message: "card declined"}, ""},
		{"message empty", SimilarParams{}, "message is required and must be non-empty"},
		{"message blank", SimilarParams{Message: "\t \n"}, "message is required"},
		{"message 8 KiB", SimilarParams{Message: strings.Repeat("q", 8<<10)}, ""},
		{"message 8 KiB + 1", SimilarParams{Message: strings.Repeat("q", 8<<10+1)}, "message must be at most 8192 bytes, got 8193"},
		{"message multibyte over", SimilarParams{Message: strings.Repeat("é", 4097)}, "message must be at most 8192 bytes, got 8194"},
		{"limit 1", SimilarParams{Message: "q", Limit: limit(1)}, ""},
		{"limit 100", SimilarParams{Message: "q", Limit: limit(100)}, ""},
		{"limit 0", SimilarParams{Message: "q", Limit: limit(0)}, "limit must be between 1 and 100, got 0"},
		{"limit 101", SimilarParams{Message: "q", Limit: limit(101)}, "limit must be between 1 and 100, got 101"},
		{"limit -1", SimilarParams{Message: "q", Limit: limit(-1)}, "limit must be between 1 and 100, got -1"},
		{"message checked before limit", SimilarParams{Limit: limit(0)}, "message is required"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			wantInvalid(t, tt.p.validate(), tt.want)
		})
	}
}
