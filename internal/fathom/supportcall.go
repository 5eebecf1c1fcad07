package fathom

import (
	"strconv"
	"time"
)

// SupportCallRule marks a workspace's meetings as support calls: a meeting
// is one when any of the workspace's rules holds for it. A support call's
// transcript becomes a Context API conversation of the same tenant, so that
// what the support knowledge learns comes from calls as well as chats.
type SupportCallRule struct {
	// Kind is SupportCallMeetingType or SupportCallDomain.
	Kind string
	// Value is a meeting type's name, or an email domain (lower case).
	Value string
}

// Kinds of support-call rules.
const (
	// SupportCallMeetingType: the meeting's meeting_type is Value.
	SupportCallMeetingType = "meeting_type"
	// SupportCallDomain: a calendar invitee's email is at domain Value.
	SupportCallDomain = "invitee_domain"
)

// SupportCallConversationID is the Context API conversation id a support
// call's transcript is tracked under: stable for the recording, so that
// processing it again replaces the conversation instead of adding one.
func SupportCallConversationID(meetingID int64) string {
	return "meeting-" + strconv.FormatInt(meetingID, 10)
}

// SupportCall is a support call's transcript as a conversation to learn
// from: the meetings side makes it, the conversation service tracks it.
type SupportCall struct {
	// ConversationID is SupportCallConversationID of the recording.
	ConversationID string
	// UserID is the customer: the email of the first external speaker.
	UserID string
	// Messages are the call's turns in order, the customer's as RoleUser
	// and the workspace's as RoleAssistant; consecutive utterances of one
	// side are one message. Seq is ignored; CreatedAt is when the turn
	// began.
	Messages []Message
	// End is when the call ended: the conversation is resolved then.
	End time.Time
}
