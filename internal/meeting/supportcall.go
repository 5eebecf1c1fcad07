package meeting

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/fathom-oss/fathom/internal/fathom"
	"github.com/fathom-oss/fathom/internal/store"
)

// Support calls. A workspace marks meetings as support calls by rules: a
// meeting type, or an email domain of calendar invitees (its customers').
// When a meeting one of the rules holds for is processed, its transcript
// is handed to the Learner (the conversation service) in the processing
// transaction, so that the call becomes a Context API conversation of the
// same tenant, or neither happens. Deleting the meeting deletes it too.

// Learner turns support calls into Context API conversations inside the
// caller's transaction (the conversation service implements it).
type Learner interface {
	LearnCallTx(ctx context.Context, tx store.Tx, tenantID int64, call *fathom.SupportCall) (kept int, err error)
	ForgetCallTx(ctx context.Context, tx store.Tx, tenantID int64, conversationID string) error
}

// maxCallMessageBytes is the Context API's limit on one message's content:
// a side's consecutive utterances are joined into messages up to it.
const maxCallMessageBytes = 32 << 10

// SetSupportCallRules replaces the workspace's support-call rules: a
// meeting is a support call when its meeting type is one of meetingTypes,
// or when one of its calendar invitees has an email at one of domains. No
// rules: the workspace has no support calls. The rules apply to meetings
// processed from then on, and, through a job queued in the same
// transaction (ApplySupportCallRules), to those processed before.
func (s *Service) SetSupportCallRules(ctx context.Context, tenantID int64, meetingTypes, domains []string) ([]fathom.SupportCallRule, error) {
	var rules []fathom.SupportCallRule
	for _, name := range meetingTypes {
		name, err := meetingTypeName("meeting type", name)
		if err != nil {
			return nil, err
		}
		rules = append(rules, fathom.SupportCallRule{Kind: fathom.SupportCallMeetingType, Value: name})
	}
	err := s.store.Write(ctx, func(tx store.Tx) error {
		internal, err := tx.TenantDomains(ctx, tenantID)
		if err != nil {
			return err
		}
		all := slices.Clone(rules)
		for _, d := range domains {
			d = strings.ToLower(strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(d), "@")))
			if d == "" || strings.ContainsAny(d, " @/") || !strings.Contains(d, ".") {
				return fathom.Errorf(fathom.EINVALID, "domain %q is not a domain name", d)
			}
			if _, found := slices.BinarySearch(internal, d); found {
				return fathom.Errorf(fathom.EINVALID,
					"domain %q is one of the workspace's internal domains: a support-call domain names customers", d)
			}
			all = append(all, fathom.SupportCallRule{Kind: fathom.SupportCallDomain, Value: d})
		}
		if err := tx.SupportCallRulesSet(ctx, tenantID, all); err != nil {
			return err
		}
		if rules, err = tx.SupportCallRuleList(ctx, tenantID); err != nil {
			return err
		}
		if s.queue == nil {
			return nil
		}
		return s.queue.EnqueueSupportCallsTx(ctx, tx, tenantID, 0)
	})
	return rules, err
}

// SupportCallRules returns the workspace's support-call rules.
func (s *Service) SupportCallRules(ctx context.Context, tenantID int64) ([]fathom.SupportCallRule, error) {
	return s.store.SupportCallRuleList(ctx, tenantID)
}

// IsSupportCall reports whether one of rules holds for m: its meeting type
// is a rule's (regardless of case), or an invitee's email domain is.
func IsSupportCall(rules []fathom.SupportCallRule, m *fathom.Meeting) bool {
	for _, r := range rules {
		switch r.Kind {
		case fathom.SupportCallMeetingType:
			if m.MeetingType != "" && strings.EqualFold(m.MeetingType, r.Value) {
				return true
			}
		case fathom.SupportCallDomain:
			for _, inv := range m.Invitees {
				if inv.Email != "" && fathom.DomainOf(inv.Email) == r.Value {
					return true
				}
			}
		}
	}
	return false
}

// learnTx hands m's transcript to the learner when m is a support call,
// and reports whether it did. A call in which no customer speaks is not
// learned from: the knowledge is built on what customers say.
func (s *Service) learnTx(ctx context.Context, tx store.Tx, m *fathom.Meeting, items []fathom.TranscriptItem) (learned bool, err error) {
	if s.learner == nil {
		return false, nil
	}
	rules, err := tx.SupportCallRuleList(ctx, m.TenantID)
	if err != nil || !IsSupportCall(rules, m) {
		return false, err
	}
	domains, err := tx.TenantDomains(ctx, m.TenantID)
	if err != nil {
		return false, err
	}
	call := SupportCallOf(m, items, domains, rules)
	if call == nil {
		s.logger.Info("support call not learned from: no speaker is a customer", "tenant", m.TenantID, "meeting", m.ID)
		return false, nil
	}
	kept, err := s.learner.LearnCallTx(ctx, tx, m.TenantID, call)
	if err != nil {
		return false, fmt.Errorf("learn from support call %d: %w", m.ID, err)
	}
	if kept < len(call.Messages) {
		s.logger.Warn("support call learned from in part: the conversation caps were reached", "tenant", m.TenantID,
			"meeting", m.ID, "messages", len(call.Messages), "kept", kept)
	}
	return true, nil
}

// SupportCallOf is m's transcript as a conversation, or nil when no
// customer speaks in it. A speaker is the customer (RoleUser) when the
// email it was matched to (the invitee of the same name, or the one the
// transcript names) is outside the workspace's domains or at a rule's
// domain; every other speaker, including those matched to no invitee, is
// the workspace's side (RoleAssistant): customers are the people the
// calendar names, while a colleague who joins uninvited is not on it.
func SupportCallOf(m *fathom.Meeting, items []fathom.TranscriptItem, domains []string, rules []fathom.SupportCallRule) *fathom.SupportCall {
	customer := func(email string) bool {
		if email == "" {
			return false
		}
		d := fathom.DomainOf(email)
		return IsExternal(domains, email) || slices.Contains(rules, fathom.SupportCallRule{Kind: fathom.SupportCallDomain, Value: d})
	}
	call := &fathom.SupportCall{ConversationID: fathom.SupportCallConversationID(m.ID), End: m.RecordingEnd}
	for _, it := range items {
		role := fathom.RoleAssistant
		if customer(it.SpeakerEmail) {
			role = fathom.RoleUser
			if call.UserID == "" {
				call.UserID = strings.ToLower(it.SpeakerEmail)
			}
		}
		call.Messages = appendTurn(call.Messages, role, strings.TrimSpace(it.Text), m.RecordingStart.Add(it.At))
	}
	if call.UserID == "" {
		return nil
	}
	return call
}

// appendTurn adds an utterance to msgs: to the last message when it is of
// the same side and the joined text fits maxCallMessageBytes, else as new
// messages, an utterance longer than that split between words.
func appendTurn(msgs []fathom.Message, role fathom.Role, text string, at time.Time) []fathom.Message {
	if text == "" {
		return msgs
	}
	if n := len(msgs); n > 0 && msgs[n-1].Role == role && len(msgs[n-1].Content)+1+len(text) <= maxCallMessageBytes {
		msgs[n-1].Content += "\n" + text
		return msgs
	}
	for len(text) > maxCallMessageBytes {
		cut := maxCallMessageBytes
		for cut > 0 && !utf8.RuneStart(text[cut]) {
			cut--
		}
		if sp := strings.LastIndexByte(text[:cut], ' '); sp > maxCallMessageBytes/2 {
			cut = sp
		}
		msgs = append(msgs, fathom.Message{Role: role, Content: strings.TrimSpace(text[:cut]), CreatedAt: at})
		text = strings.TrimSpace(text[cut:])
	}
	if text != "" {
		msgs = append(msgs, fathom.Message{Role: role, Content: text, CreatedAt: at})
	}
	return msgs
}

// Delete deletes a recording the caller recorded, or any it can see for
// an account admin (our extension), with what the
// support knowledge learned from it, in one transaction.
func (s *Service) Delete(ctx context.Context, c *Caller, id int64) error {
	m, err := s.get(ctx, c, id)
	if err != nil {
		return err
	}
	if m.RecorderID != c.ID && c.SettingsAccess != fathom.SettingsAccountAdmin {
		return fathom.Errorf(fathom.EFORBIDDEN, "only the recorder of recording %d or an account admin may delete it", id)
	}
	return s.DeleteMeeting(ctx, c.TenantID, id)
}

// DeleteMeeting deletes a recording of the tenant and the conversation
// learned from it, if any, in one transaction (the admin command's path).
// Its audio or video file is removed once that has committed.
func (s *Service) DeleteMeeting(ctx context.Context, tenantID, id int64) error {
	var file string
	err := s.store.Write(ctx, func(tx store.Tx) error {
		file = ""
		switch m, err := tx.MediaGet(ctx, tenantID, id); {
		case err == nil:
			file = m.Path
		case !errors.Is(err, store.ErrNotFound):
			return err
		}
		if err := tx.MeetingDelete(ctx, tenantID, id); err != nil {
			return err
		}
		if s.learner == nil {
			return nil
		}
		return s.learner.ForgetCallTx(ctx, tx, tenantID, fathom.SupportCallConversationID(id))
	})
	if errors.Is(err, store.ErrNotFound) {
		return fathom.Errorf(fathom.ENOTFOUND, "no recording %d", id)
	}
	if err == nil && file != "" && s.media != nil {
		s.removeMedia(file)
	}
	return err
}
