package store

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/fathom-oss/fathom/internal/fathom"
)

// A meeting's transcript, action items and invitees are stored as JSON
// arrays in this one encoding on every engine, so that fathom copy moves
// them as they are.

// storedItem is a transcript item as stored. Short keys keep a long
// transcript small; offsets are in milliseconds.
type storedItem struct {
	Speaker string `json:"s"`
	Email   string `json:"e,omitempty"`
	Text    string `json:"t"`
	AtMS    int64  `json:"a"`
}

// storedAction is an action item as stored.
type storedAction struct {
	Description   string `json:"d"`
	UserGenerated bool   `json:"u,omitempty"`
	Completed     bool   `json:"c,omitempty"`
	AtMS          int64  `json:"a"`
	AssigneeName  string `json:"n,omitempty"`
	AssigneeEmail string `json:"e,omitempty"`
	AssigneeTeam  string `json:"t,omitempty"`
}

// storedInvitee is a calendar invitee as stored.
type storedInvitee struct {
	Name        string `json:"n,omitempty"`
	Email       string `json:"e,omitempty"`
	EmailDomain string `json:"d,omitempty"`
	External    bool   `json:"x,omitempty"`
}

// MarshalTranscript encodes a transcript as stored.
func MarshalTranscript(items []fathom.TranscriptItem) (string, error) {
	out := make([]storedItem, len(items))
	for i, it := range items {
		out[i] = storedItem{Speaker: it.Speaker, Email: it.SpeakerEmail, Text: it.Text, AtMS: it.At.Milliseconds()}
	}
	b, err := json.Marshal(out)
	return string(b), err
}

// UnmarshalTranscript decodes a stored transcript.
func UnmarshalTranscript(s string) ([]fathom.TranscriptItem, error) {
	var stored []storedItem
	if err := json.Unmarshal([]byte(s), &stored); err != nil {
		return nil, fmt.Errorf("decode transcript: %w", err)
	}
	out := make([]fathom.TranscriptItem, len(stored))
	for i, it := range stored {
		out[i] = fathom.TranscriptItem{Speaker: it.Speaker, SpeakerEmail: it.Email, Text: it.Text, At: time.Duration(it.AtMS) * time.Millisecond}
	}
	return out, nil
}

// MarshalActions encodes action items as stored.
func MarshalActions(items []fathom.ActionItem) (string, error) {
	out := make([]storedAction, len(items))
	for i, a := range items {
		out[i] = storedAction{Description: a.Description, UserGenerated: a.UserGenerated, Completed: a.Completed,
			AtMS: a.At.Milliseconds(), AssigneeName: a.AssigneeName, AssigneeEmail: a.AssigneeEmail, AssigneeTeam: a.AssigneeTeam}
	}
	b, err := json.Marshal(out)
	return string(b), err
}

// UnmarshalActions decodes stored action items.
func UnmarshalActions(s string) ([]fathom.ActionItem, error) {
	var stored []storedAction
	if err := json.Unmarshal([]byte(s), &stored); err != nil {
		return nil, fmt.Errorf("decode action items: %w", err)
	}
	out := make([]fathom.ActionItem, len(stored))
	for i, a := range stored {
		out[i] = fathom.ActionItem{Description: a.Description, UserGenerated: a.UserGenerated, Completed: a.Completed,
			At: time.Duration(a.AtMS) * time.Millisecond, AssigneeName: a.AssigneeName, AssigneeEmail: a.AssigneeEmail,
			AssigneeTeam: a.AssigneeTeam}
	}
	return out, nil
}

// MarshalInvitees encodes calendar invitees as stored.
func MarshalInvitees(invitees []fathom.Invitee) (string, error) {
	out := make([]storedInvitee, len(invitees))
	for i, in := range invitees {
		out[i] = storedInvitee(in)
	}
	b, err := json.Marshal(out)
	return string(b), err
}

// UnmarshalInvitees decodes stored invitees.
func UnmarshalInvitees(s string) ([]fathom.Invitee, error) {
	var stored []storedInvitee
	if err := json.Unmarshal([]byte(s), &stored); err != nil {
		return nil, fmt.Errorf("decode invitees: %w", err)
	}
	out := make([]fathom.Invitee, len(stored))
	for i, in := range stored {
		out[i] = fathom.Invitee(in)
	}
	return out, nil
}
