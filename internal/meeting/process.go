package meeting

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/fathom-oss/fathom/internal/fathom"
	"github.com/fathom-oss/fathom/internal/store"
	"github.com/fathom-oss/fathom/internal/summary"
	"github.com/fathom-oss/fathom/internal/webhook"
)

// Process derives a recording's language, summary, action items and
// analytics, marks it ready, hands a support call's transcript to the
// learner (see supportcall.go) and queues a delivery to every webhook it
// triggers, all in one transaction. It is the processing job's work;
// running it again on a ready meeting does nothing.
func (s *Service) Process(ctx context.Context, tenantID, meetingID int64) error {
	m, err := s.store.MeetingGet(ctx, tenantID, meetingID)
	if errors.Is(err, store.ErrNotFound) {
		return nil // deleted before it was processed: nothing to do
	}
	if err != nil {
		return fmt.Errorf("process meeting %d: %w", meetingID, err)
	}
	if m.Status == fathom.MeetingReady {
		return nil
	}
	items, actions, err := s.store.MeetingContent(ctx, meetingID)
	if err != nil {
		return err
	}
	meta := summary.Meta{Title: m.Title, ShareURL: s.cfg.Links.ShareURL(m), Language: m.Language, Date: meetingDay(m)}
	if meta.Language == "" {
		meta.Language = summary.Language(items)
	}
	// A copy from another server brings its summary and action items.
	if m.Summary == nil {
		if meta.Teams, err = s.teamsOf(ctx, m, items); err != nil {
			return err
		}
		actions = summary.ActionItems(items, m.Invitees, meta)
		gen := s.general(ctx, m.ID, items, actions, meta)
		m.Summary = &gen
	}
	return s.store.Write(ctx, func(tx store.Tx) error {
		if err := tx.MeetingProcessed(ctx, &store.MeetingProcessedParams{MeetingID: m.ID, TenantID: m.TenantID,
			Language: meta.Language, Summary: *m.Summary, ActionItems: actions, Transcript: items, At: s.now()}); err != nil {
			return err
		}
		if err := tx.MeetingAnalyticsPut(ctx, measure(m, items)); err != nil {
			return err
		}
		m.Language, m.ActionItems, m.Transcript, m.Status = meta.Language, actions, items, fathom.MeetingReady
		if err := s.learnTx(ctx, tx, m, items); err != nil {
			return err
		}
		return s.fanOut(ctx, tx, m)
	})
}

// meetingDay is the day due dates are counted from: the scheduled start,
// else the recording's.
func meetingDay(m *fathom.Meeting) time.Time {
	if !m.ScheduledStart.IsZero() {
		return m.ScheduledStart
	}
	return m.RecordingStart
}

// teamsOf maps the emails of a meeting's invitees and speakers that are
// workspace members with a team to the team's name: an action item's
// assignee gets it.
func (s *Service) teamsOf(ctx context.Context, m *fathom.Meeting, items []fathom.TranscriptItem) (map[string]string, error) {
	teams := map[string]string{}
	seen := map[string]bool{}
	emails := make([]string, 0, len(m.Invitees))
	for _, inv := range m.Invitees {
		emails = append(emails, inv.Email)
	}
	for _, it := range items {
		emails = append(emails, it.SpeakerEmail)
	}
	for _, e := range emails {
		e = strings.ToLower(strings.TrimSpace(e))
		if e == "" || seen[e] {
			continue
		}
		seen[e] = true
		mem, err := s.store.MemberGetByEmail(ctx, m.TenantID, e)
		if errors.Is(err, store.ErrNotFound) {
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("process meeting %d: team of %s: %w", m.ID, e, err)
		}
		if mem.TeamName != "" {
			teams[e] = mem.TeamName
		}
	}
	return teams, nil
}

// modelBudget is the longest a chat model may take over one meeting's
// summary, retries and chunks included: it leaves the processing job (5
// minutes at most) the time to make the extractive summary and write.
const modelBudget = 3 * time.Minute

// general is the meeting's General summary: the model's when one is
// configured and answers in layout, else the extractive one. A failure is
// logged once, here, and never leaves the meeting without a summary.
func (s *Service) general(ctx context.Context, meetingID int64, items []fathom.TranscriptItem, actions []fathom.ActionItem, meta summary.Meta) fathom.Summary {
	if s.model != nil && len(items) > 0 {
		start := s.now()
		mctx, cancel := context.WithTimeout(ctx, modelBudget)
		gen, err := s.model.General(mctx, items, actions, meta)
		cancel()
		if err == nil {
			return gen
		}
		s.logger.Warn("chat model summary failed; using the extractive summary", "meeting", meetingID,
			"took", s.now().Sub(start).Round(time.Millisecond), "err", err)
	}
	return summary.General(items, actions, meta)
}

// fanOut queues a delivery of m to every webhook of the tenant whose owner
// can see it and whose triggers match. Visibility is evaluated now, when
// the recording is ready, as Fathom does.
func (s *Service) fanOut(ctx context.Context, tx store.Tx, m *fathom.Meeting) error {
	hooks, err := tx.WebhookList(ctx, m.TenantID, 0)
	if err != nil || len(hooks) == 0 {
		return err
	}
	if m.Recorder, err = s.member(ctx, tx, m.RecorderID); err != nil {
		return err
	}
	owners := map[int64]*fathom.Member{}
	for _, h := range hooks {
		owner, ok := owners[h.UserID]
		if !ok {
			if owner, err = s.member(ctx, tx, h.UserID); err != nil {
				return err
			}
			owners[h.UserID] = owner
		}
		if !triggers(h, owner, m) {
			continue
		}
		body, err := s.renderer.MeetingBody(m, h.Include)
		if err != nil {
			return err
		}
		d := &fathom.Delivery{TenantID: m.TenantID, UserID: h.UserID, Kind: fathom.DeliveryWebhook, WebhookID: h.ID,
			MeetingID: m.ID, URL: h.URL, Secret: h.Secret, MessageID: webhook.NewMessageID(), Body: body,
			Status: fathom.DeliveryPending, CreatedAt: s.now()}
		if err := tx.DeliveryCreate(ctx, d); err != nil {
			return err
		}
		if err := s.queue.EnqueueDeliveryTx(ctx, tx, d.TenantID, d.ID, false); err != nil {
			return err
		}
	}
	return nil
}

// triggers reports whether meeting m fires webhook h of owner.
func triggers(h *fathom.Webhook, owner *fathom.Member, m *fathom.Meeting) bool {
	if !visible(owner, m) {
		return false
	}
	var kind string
	switch {
	case m.RecorderID == owner.ID && m.Sharing.SharedWithTeams():
		kind = fathom.TriggerMySharedWithTeam
	case m.RecorderID == owner.ID:
		kind = fathom.TriggerMyRecordings
	case m.RecorderExternal:
		kind = fathom.TriggerSharedExternal
	default:
		kind = fathom.TriggerSharedTeam
	}
	return slices.Contains(h.TriggeredFor, kind)
}
