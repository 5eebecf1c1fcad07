package fathom

import "strconv"

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
