package store

import "time"

// ConversationBacklog is the analysis backlog of every tenant.
type ConversationBacklog struct {
	// Conversations is how many conversations wait for analysis.
	Conversations int
	// Messages is how many of their messages analysis has not seen yet
	// (a conversation waiting for a resolve or feedback adds none).
	Messages int
	// OldestChange is the oldest last change of a waiting conversation
	// (zero when none waits). A conversation changed again while it waits
	// counts from its latest change, so the wait it shows is a floor.
	OldestChange time.Time
}
