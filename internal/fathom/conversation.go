package fathom

import "time"

// Role says who wrote a message.
type Role string

// The roles a message can have.
const (
	RoleUser      Role = "user"
	RoleAssistant Role = "assistant"
)

// ConversationStatus is open until resolved; tracking again reopens it.
type ConversationStatus string

// The statuses of a conversation.
const (
	StatusOpen     ConversationStatus = "open"
	StatusResolved ConversationStatus = "resolved"
)

// Conversation is a support conversation tracked for a tenant. ExternalID is
// the client's conversationId, unique per tenant; ID is ours.
type Conversation struct {
	ID              int64
	TenantID        int64
	ExternalID      string
	UserID          string
	Status          ConversationStatus
	MessageCount    int
	ReopenCount     int
	ResolutionNotes string
	// NotesGenerated is true when the server wrote the notes.
	NotesGenerated bool
	// AnalyzedCount is how many messages analysis has already seen.
	AnalyzedCount int
	// Version grows with every change; analysis compares it to know whether
	// what it read is still current.
	Version    int64
	CreatedAt  time.Time
	UpdatedAt  time.Time
	ResolvedAt *time.Time
}

// Message is one turn of a conversation. Seq is its 0-based position.
type Message struct {
	Seq       int
	Role      Role
	Content   string
	CreatedAt time.Time
}

// Opening returns what the user said before the assistant first answered:
// the statement of the issue. Later user turns are mostly reactions ("still
// not working", "that worked") shared by every kind of issue, which would
// blur what a conversation is about. With no assistant turn yet, it is every
// user message.
func Opening(msgs []Message) []string {
	var out []string
	for _, m := range msgs {
		if m.Role == RoleAssistant && len(out) > 0 {
			break
		}
		if m.Role == RoleUser {
			out = append(out, m.Content)
		}
	}
	return out
}
