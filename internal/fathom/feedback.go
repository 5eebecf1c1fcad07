package fathom

import "time"

// Feedback is what an agent or a helpdesk integration said about one action
// tried in a conversation. It outranks what the knowledge engine infers
// from the conversation's text: the matching attempt takes its outcome, or
// an attempt is added when the text shows none.
type Feedback struct {
	ConversationID int64
	// Action names the action: a solution key as the API shows it
	// ("check_card_expiry") or the action as said ("I reset the
	// password"). Within a conversation it identifies the feedback,
	// compared without regard to case.
	Action string
	// Outcome is OutcomeSuccess or OutcomeFailure.
	Outcome Outcome
	Note    string
	// CreatedAt is when feedback on the action was first given, UpdatedAt
	// when its outcome or note last changed.
	CreatedAt time.Time
	UpdatedAt time.Time
}
