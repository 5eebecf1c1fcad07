package fathom

import "time"

// Outcome is what came of a solution attempt.
type Outcome string

// The outcomes of an attempt.
const (
	OutcomeSuccess Outcome = "success"
	OutcomeFailure Outcome = "failure"
	OutcomePending Outcome = "pending"
	OutcomeUnknown Outcome = "unknown"
)

// Solution is a canonical fix learned from the tenant's conversations:
// every attempt whose action means the same thing points at one Solution.
type Solution struct {
	ID                int64
	TenantID          int64
	Key               string // snake_case, unique per tenant: "check_card_expiry"
	Description       string
	Steps             []string
	Prerequisites     []string
	SuccessIndicators []string
	// Escalation marks a hand-over to another team or level, not a fix.
	Escalation bool
	CreatedAt  time.Time
}

// Attempt is one solution tried in a conversation, and how it went.
type Attempt struct {
	Turn       int // index of the assistant message
	SolutionID int64
	Action     string // as the assistant said it
	Outcome    Outcome
	Confidence float64
}

// Analysis is what the knowledge engine derived from one conversation. It
// is replaced whole on every analysis, so retried, resent and reopened
// conversations never count twice.
type Analysis struct {
	ConversationID int64
	TenantID       int64
	IssueTypeID    int64
	Symptoms       []string
	Causes         []string
	Resolved       bool
	// MinutesToResolve is from the first message to the resolution; 0
	// while open.
	MinutesToResolve float64
	Attempts         []Attempt
	AnalyzedAt       time.Time
}
