package meeting

import (
	"cmp"
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"net/mail"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/fathom-oss/fathom/internal/analytics"
	"github.com/fathom-oss/fathom/internal/fathom"
	"github.com/fathom-oss/fathom/internal/media"
	"github.com/fathom-oss/fathom/internal/store"
)

// IngestParams describe a recording to create (our extension). Zero
// fields take defaults: the caller records, the recording ends now and
// lasts as long as its transcript, the title is the calendar title or
// "Untitled meeting".
type IngestParams struct {
	// ExternalKey makes ingestion idempotent: a second recording with the
	// same key returns the first.
	ExternalKey    string
	Title          string
	MeetingTitle   string
	MeetingType    string
	MeetingURL     string
	RecordedBy     string // email of a workspace user
	ScheduledStart time.Time
	ScheduledEnd   time.Time
	RecordingStart time.Time
	RecordingEnd   time.Time
	Invitees       []InviteeParams
	Transcript     []fathom.TranscriptItem
	// ShareTeams and ShareUsers (emails) may see it besides its recorder;
	// ShareAllTeams shares it with every team.
	ShareTeams    []string
	ShareUsers    []string
	ShareAllTeams bool
	// Language, Summary and ActionItems, when given (a copy from another
	// server), are kept instead of being derived by processing.
	Language    string
	Summary     *fathom.Summary
	ActionItems []fathom.ActionItem
	// Media, when given, becomes the new recording's audio or video; it
	// is dropped when the ExternalKey was seen before.
	Media *media.Upload
}

// InviteeParams are a calendar invitee.
type InviteeParams struct {
	Name  string
	Email string
}

// Limits of ingestion.
const (
	MaxTranscriptItems = 100_000
	MaxTextBytes       = 64 << 10
)

// Ingest creates a recording and queues its processing. created is false
// when the ExternalKey was seen before; the first recording is returned.
func (s *Service) Ingest(ctx context.Context, c *Caller, p IngestParams) (m *fathom.Meeting, created bool, err error) {
	if p.Media != nil {
		defer p.Media.Discard()
	}
	if err := validateIngest(&p); err != nil {
		return nil, false, err
	}
	// The file is placed before the transaction that names it, and
	// removed if that transaction does not keep it.
	var file *fathom.Media
	kept := false
	if p.Media != nil {
		if file, err = s.placeMedia(p.Media, c.TenantID, 0); err != nil {
			return nil, false, err
		}
		defer func() {
			if !kept {
				s.removeMedia(file.Path)
			}
		}()
	}
	err = s.store.Write(ctx, func(tx store.Tx) error {
		if p.ExternalKey != "" {
			old, err := tx.MeetingGetByExternalKey(ctx, c.TenantID, p.ExternalKey)
			if err == nil {
				m, created = old, false
				return nil
			}
			if !errors.Is(err, store.ErrNotFound) {
				return err
			}
		}
		if m, err = s.newMeeting(ctx, tx, c, &p); err != nil {
			return err
		}
		if err := tx.MeetingCreate(ctx, m); errors.Is(err, store.ErrDuplicate) && p.ExternalKey != "" {
			// Another server created it since the read above.
			if m, err = tx.MeetingGetByExternalKey(ctx, c.TenantID, p.ExternalKey); err != nil {
				return err
			}
			created = false
			return nil
		} else if err != nil {
			return err
		}
		if file != nil {
			file.RecordingID = m.ID
			if err := tx.MediaPut(ctx, file); err != nil {
				return err
			}
		}
		created = true
		return s.queue.EnqueueProcessTx(ctx, tx, m.TenantID, m.ID)
	})
	if err != nil {
		return nil, false, err
	}
	kept = created
	if m.Recorder, err = s.member(ctx, s.store, m.RecorderID); err != nil {
		return nil, false, err
	}
	return m, created, nil
}

func validateIngest(p *IngestParams) error {
	if len(p.Transcript) > MaxTranscriptItems {
		return fathom.Errorf(fathom.EINVALID, "transcript must have at most %d items", MaxTranscriptItems)
	}
	for i, it := range p.Transcript {
		switch {
		case strings.TrimSpace(it.Text) == "":
			return fathom.Errorf(fathom.EINVALID, "transcript[%d].text must not be empty", i)
		case len(it.Text) > MaxTextBytes:
			return fathom.Errorf(fathom.EINVALID, "transcript[%d].text must be at most %d bytes", i, MaxTextBytes)
		case strings.TrimSpace(it.Speaker) == "":
			return fathom.Errorf(fathom.EINVALID, "transcript[%d].speaker.display_name must not be empty", i)
		case it.At < 0:
			return fathom.Errorf(fathom.EINVALID, "transcript[%d].timestamp must not be negative", i)
		}
	}
	for i, inv := range p.Invitees {
		if inv.Email != "" {
			if _, err := mail.ParseAddress(inv.Email); err != nil {
				return fathom.Errorf(fathom.EINVALID, "calendar_invitees[%d].email %q is not a valid address", i, inv.Email)
			}
		}
	}
	if p.MeetingType != "" {
		var err error
		if p.MeetingType, err = meetingTypeName("meeting_type", p.MeetingType); err != nil {
			return err
		}
	}
	if p.MeetingURL != "" {
		if err := checkMeetingURL(p.MeetingURL); err != nil {
			return err
		}
	}
	if len(p.ExternalKey) > 256 {
		return fathom.Errorf(fathom.EINVALID, "external_id must be at most 256 characters")
	}
	if !p.RecordingStart.IsZero() && !p.RecordingEnd.IsZero() && p.RecordingEnd.Before(p.RecordingStart) {
		return fathom.Errorf(fathom.EINVALID, "recording_end_time must not be before recording_start_time")
	}
	if !p.ScheduledStart.IsZero() && !p.ScheduledEnd.IsZero() && p.ScheduledEnd.Before(p.ScheduledStart) {
		return fathom.Errorf(fathom.EINVALID, "scheduled_end_time must not be before scheduled_start_time")
	}
	return nil
}

// newMeeting applies the defaults and resolves people and teams.
func (s *Service) newMeeting(ctx context.Context, tx store.Tx, c *Caller, p *IngestParams) (*fathom.Meeting, error) {
	recorder := c.Member
	if p.RecordedBy != "" && !strings.EqualFold(p.RecordedBy, c.Email) {
		var err error
		if recorder, err = tx.MemberGetByEmail(ctx, c.TenantID, p.RecordedBy); errors.Is(err, store.ErrNotFound) {
			return nil, fathom.Errorf(fathom.EINVALID, "recorded_by: no user with email %q in this workspace", p.RecordedBy)
		} else if err != nil {
			return nil, err
		}
	}
	domains, err := tx.TenantDomains(ctx, c.TenantID)
	if err != nil {
		return nil, err
	}
	now := s.now().UTC().Truncate(time.Second)
	m := &fathom.Meeting{TenantID: c.TenantID, RecorderID: recorder.ID, RecorderTeamID: recorder.TeamID,
		RecorderExternal: IsExternal(domains, recorder.Email), ExternalKey: p.ExternalKey,
		Title: strings.TrimSpace(p.Title), MeetingTitle: strings.TrimSpace(p.MeetingTitle), MeetingType: p.MeetingType,
		MeetingURL: p.MeetingURL, ShareToken: newToken(), Status: fathom.MeetingProcessing,
		ScheduledStart: p.ScheduledStart, ScheduledEnd: p.ScheduledEnd, Transcript: p.Transcript,
		Language: p.Language, Summary: p.Summary, ActionItems: p.ActionItems}
	if m.Title == "" {
		m.Title = cmp.Or(m.MeetingTitle, "Untitled meeting")
	}
	m.RecordingStart, m.RecordingEnd = recordingTimes(p, now)
	m.CreatedAt = m.RecordingEnd
	m.Invitees, m.External, m.CompanyDomain = invitees(domains, p.Invitees)
	matchSpeakers(m.Transcript, m.Invitees)
	if m.Sharing, err = s.sharing(ctx, tx, c.TenantID, p); err != nil {
		return nil, err
	}
	// A meeting type named at ingestion joins the workspace's types, so
	// that /meeting_types lists every name a meeting carries.
	if m.MeetingType != "" {
		if _, _, err := tx.MeetingTypeEnsure(ctx, c.TenantID, m.MeetingType, now); err != nil {
			return nil, err
		}
	}
	return m, nil
}

// MaxMeetingURL bounds a meeting's join URL.
const MaxMeetingURL = 2048

// checkMeetingURL accepts an absolute http or https URL with a host: the
// conferencing join link (Zoom, Meet, Teams, a Slack huddle).
func checkMeetingURL(s string) error {
	u, err := url.Parse(s)
	if err != nil || len(s) > MaxMeetingURL || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return fathom.Errorf(fathom.EINVALID, "meeting_url must be an absolute http or https URL of at most %d bytes", MaxMeetingURL)
	}
	return nil
}

// recordingTimes fills missing recording times from the transcript's
// length (analytics.TranscriptLength), ending now when nothing is known.
func recordingTimes(p *IngestParams, now time.Time) (start, end time.Time) {
	length := analytics.TranscriptLength(p.Transcript)
	start, end = p.RecordingStart.UTC(), p.RecordingEnd.UTC()
	switch {
	case start.IsZero() && end.IsZero():
		end = now
		start = end.Add(-length)
	case start.IsZero():
		start = end.Add(-length)
	case end.IsZero():
		end = start.Add(length)
	}
	return start.Truncate(time.Second), end.Truncate(time.Second)
}

// invitees marks each invitee internal or external and picks the
// meeting's company: its most frequent external domain.
func invitees(domains []string, in []InviteeParams) (out []fathom.Invitee, external bool, company string) {
	out = make([]fathom.Invitee, 0, len(in))
	count := map[string]int{}
	for _, inv := range in {
		d := fathom.DomainOf(inv.Email)
		ext := inv.Email != "" && IsExternal(domains, inv.Email)
		out = append(out, fathom.Invitee{Name: strings.TrimSpace(inv.Name), Email: inv.Email, EmailDomain: d, External: ext})
		if ext {
			external = true
			count[d]++
			if count[d] > count[company] {
				company = d
			}
		}
	}
	return out, external, company
}

// matchSpeakers fills each utterance's invitee email from a speaker name
// that equals an invitee's name.
func matchSpeakers(items []fathom.TranscriptItem, invs []fathom.Invitee) {
	byName := map[string]string{}
	for _, inv := range invs {
		if inv.Name != "" && inv.Email != "" {
			byName[strings.ToLower(inv.Name)] = inv.Email
		}
	}
	for i := range items {
		if items[i].SpeakerEmail == "" {
			items[i].SpeakerEmail = byName[strings.ToLower(items[i].Speaker)]
		}
	}
}

func (s *Service) sharing(ctx context.Context, r store.Reader, tenantID int64, p *IngestParams) (fathom.Sharing, error) {
	sh := fathom.Sharing{AllTeams: p.ShareAllTeams}
	for i, name := range p.ShareTeams {
		t, err := r.TeamGetByName(ctx, tenantID, name)
		if errors.Is(err, store.ErrNotFound) {
			return sh, fathom.Errorf(fathom.EINVALID, "share.teams[%d]: no team named %q", i, name)
		} else if err != nil {
			return sh, err
		}
		if !slices.Contains(sh.TeamIDs, t.ID) {
			sh.TeamIDs = append(sh.TeamIDs, t.ID)
		}
	}
	for i, email := range p.ShareUsers {
		u, err := r.MemberGetByEmail(ctx, tenantID, email)
		if errors.Is(err, store.ErrNotFound) {
			return sh, fathom.Errorf(fathom.EINVALID, "share.users[%d]: no user with email %q", i, email)
		} else if err != nil {
			return sh, err
		}
		if !slices.Contains(sh.UserIDs, u.ID) {
			sh.UserIDs = append(sh.UserIDs, u.ID)
		}
	}
	slices.Sort(sh.TeamIDs)
	slices.Sort(sh.UserIDs)
	return sh, nil
}

// newToken is a share token: 32 hex characters, like Fathom's.
func newToken() string {
	b := make([]byte, 16)
	if _, err := rand.Read(b); err != nil {
		panic(fmt.Sprintf("crypto/rand: %v", err)) // never fails on supported platforms
	}
	return hex.EncodeToString(b)
}
