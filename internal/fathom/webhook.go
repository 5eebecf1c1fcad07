package fathom

import "time"

// Webhook triggers: which of a user's visible meetings fire the webhook.
const (
	// TriggerMyRecordings: meetings the user recorded that are not shared
	// with any team (private, or shared only with individuals).
	TriggerMyRecordings = "my_recordings"
	// TriggerSharedExternal: meetings recorded by guests (users outside the
	// workspace's domains) and shared with the user.
	TriggerSharedExternal = "shared_external_recordings"
	// TriggerMySharedWithTeam: meetings the user recorded and shared with
	// one or more teams.
	TriggerMySharedWithTeam = "my_shared_with_team_recordings"
	// TriggerSharedTeam: meetings recorded by other workspace members that
	// the user can see, individually or through a team.
	TriggerSharedTeam = "shared_team_recordings"
)

// Triggers lists every trigger, in the order of the API's enum.
var Triggers = []string{TriggerMyRecordings, TriggerSharedExternal, TriggerMySharedWithTeam, TriggerSharedTeam}

// Include says which optional parts of a meeting a payload carries.
type Include struct {
	Transcript  bool
	Summary     bool
	ActionItems bool
	CRMMatches  bool
}

// Any reports whether anything is included.
func (i Include) Any() bool { return i.Transcript || i.Summary || i.ActionItems || i.CRMMatches }

// Webhook is a user's subscription to new meetings. Secret signs the
// deliveries (Standard Webhooks).
type Webhook struct {
	ID           string
	TenantID     int64
	UserID       int64
	URL          string
	Secret       string
	Include      Include
	TriggeredFor []string
	CreatedAt    time.Time
}

// Delivery kinds.
const (
	DeliveryWebhook  = "webhook"  // a new-meeting event for a webhook
	DeliveryCallback = "callback" // an async summary or transcript for a destination_url
)

// Delivery states.
const (
	DeliveryPending   = "pending"   // not yet acknowledged; attempts remain
	DeliveryDelivered = "delivered" // a 2xx was received
	DeliveryFailed    = "failed"    // every attempt failed
)

// Delivery is one message to send to one URL, retried until acknowledged
// or out of attempts. Body is fixed when the delivery is made, so every
// attempt sends the same bytes under the same MessageID.
type Delivery struct {
	ID          int64
	TenantID    int64
	UserID      int64
	Kind        string
	WebhookID   string // "" for callbacks
	MeetingID   int64
	URL         string
	Secret      string // "" sends unsigned
	MessageID   string
	Body        []byte
	Status      string
	Attempts    int
	LastStatus  int    // HTTP status of the last attempt, 0 if none was received
	LastError   string // why the last attempt failed, "" if it did not
	CreatedAt   time.Time
	DeliveredAt *time.Time
}

// DeliveryAttempt is one try of a delivery, kept in its log.
type DeliveryAttempt struct {
	DeliveryID int64
	Attempt    int
	At         time.Time
	StatusCode int
	Error      string
	Duration   time.Duration
	Response   string // the start of the response body
}
