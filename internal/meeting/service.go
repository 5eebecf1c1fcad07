// Package meeting holds the rules of the meetings API: who may see which
// recording, how recordings are ingested and processed (language, summary,
// action items), and how webhooks and callbacks are matched, made and
// delivered. It knows nothing of HTTP or SQL: the fathomapi package decodes
// and encodes the wire, the store reads and writes.
package meeting

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"time"

	"github.com/fathom-oss/fathom/internal/fathom"
	"github.com/fathom-oss/fathom/internal/media"
	"github.com/fathom-oss/fathom/internal/store"
	"github.com/fathom-oss/fathom/internal/summary"
	"github.com/fathom-oss/fathom/internal/webhook"
)

// Queue enqueues the jobs that follow a write, in the write's transaction.
type Queue interface {
	EnqueueProcessTx(ctx context.Context, tx store.Tx, tenantID, meetingID int64) error
	EnqueueDeliveryTx(ctx context.Context, tx store.Tx, tenantID, deliveryID int64, redeliver bool) error
	// EnqueueSupportCallsTx queues ApplySupportCallRules for the tenant's
	// processed meetings above afterID.
	EnqueueSupportCallsTx(ctx context.Context, tx store.Tx, tenantID, afterID int64) error
}

// Renderer encodes the bodies that deliveries carry, in the wire format of
// the API that owns them.
type Renderer interface {
	// MeetingBody is a webhook's new-meeting payload; m has its recorder
	// and whatever inc asks for filled in.
	MeetingBody(m *fathom.Meeting, inc fathom.Include) ([]byte, error)
	SummaryBody(meetingID int64, s *fathom.Summary) ([]byte, error)
	TranscriptBody(meetingID int64, items []fathom.TranscriptItem) ([]byte, error)
	// DownloadBody is a recording download's destination_url payload.
	DownloadBody(d *DownloadView) ([]byte, error)
}

// Sender makes one delivery attempt.
type Sender interface {
	Send(ctx context.Context, r webhook.Request) webhook.Result
}

// Deps are what the service uses.
type Deps struct {
	Store    store.Store
	Queue    Queue
	Renderer Renderer
	Sender   Sender
	// Learner learns from support calls (nil: meetings are never learned
	// from, nor forgotten).
	Learner Learner
	Logger  *slog.Logger
	Now     func() time.Time // nil: time.Now
	// Media is the directory of recordings' files (nil: the server keeps
	// no media, and media calls answer 503).
	Media *media.Dir
	// Summariser writes summaries with a chat model (nil: every summary
	// is the extractive General).
	Summariser Summariser
}

// Summariser writes a meeting's General summary with a model. When it
// fails, the extractive summary is used.
type Summariser interface {
	General(ctx context.Context, items []fathom.TranscriptItem, actions []fathom.ActionItem, meta summary.Meta) (fathom.Summary, error)
}

// Config sets the service's behaviour.
type Config struct {
	// Links make share and playback links.
	Links Links
	// AllowPrivateTargets lets webhooks and callbacks reach loopback,
	// private and link-local addresses and plain http (default false).
	AllowPrivateTargets bool
	// URLKey signs download links (at least 32 bytes); every server
	// sharing a database must have the same.
	URLKey []byte
}

// Service is the meetings API's rules.
type Service struct {
	store    store.Store
	queue    Queue
	renderer Renderer
	sender   Sender
	learner  Learner
	logger   *slog.Logger
	now      func() time.Time
	cfg      Config
	guard    webhook.Guard
	media    *media.Dir
	model    Summariser
}

// NewService returns a service.
func NewService(d Deps, cfg Config) *Service {
	if d.Now == nil {
		d.Now = time.Now
	}
	if d.Logger == nil {
		d.Logger = slog.Default()
	}
	return &Service{store: d.Store, queue: d.Queue, renderer: d.Renderer, sender: d.Sender, learner: d.Learner, logger: d.Logger,
		now: d.Now, cfg: cfg, guard: webhook.Guard{AllowPrivate: cfg.AllowPrivateTargets}, media: d.Media,
		model: d.Summariser}
}

// Caller is who makes a request: the member behind the credentials, where
// it stands in the workspace, and how it authenticated.
type Caller struct {
	*fathom.Member
	// OAuth is true for OAuth access tokens, which may not inline
	// summaries or transcripts in meeting lists.
	OAuth bool
	// Client names the API client behind the credentials: "key:ID" for an
	// API key, "oauth:ID" for an OAuth app. Downloads are readable by the
	// client that made them only.
	Client string
	// domains are the workspace's internal domains, read once per request.
	domains []string
}

// Viewer is the caller as storage's visibility rule needs it.
func (c *Caller) Viewer() store.Viewer {
	return store.Viewer{TenantID: c.TenantID, UserID: c.ID, TeamID: c.TeamID}
}

// Caller resolves a principal to its member.
func (s *Service) Caller(ctx context.Context, p *fathom.Principal, oauth bool) (*Caller, error) {
	m, err := s.store.MemberGet(ctx, p.UserID)
	if errors.Is(err, store.ErrNotFound) {
		return nil, fathom.Errorf(fathom.EUNAUTHORIZED, "the user of this key no longer exists")
	}
	if err != nil {
		return nil, err
	}
	if m.Status == fathom.UserDeactivated {
		return nil, fathom.Errorf(fathom.EFORBIDDEN, "the user of this key is deactivated")
	}
	domains, err := s.store.TenantDomains(ctx, m.TenantID)
	if err != nil {
		return nil, err
	}
	m.External = IsExternal(domains, m.Email)
	client := fmt.Sprintf("key:%d", p.KeyID)
	if oauth {
		client = fmt.Sprintf("oauth:%d", p.AppID)
	}
	return &Caller{Member: m, OAuth: oauth, Client: client, domains: domains}, nil
}

// member loads a user with its team and standing in the workspace.
func (s *Service) member(ctx context.Context, r store.Reader, userID int64) (*fathom.Member, error) {
	m, err := r.MemberGet(ctx, userID)
	if err != nil {
		return nil, err
	}
	domains, err := r.TenantDomains(ctx, m.TenantID)
	if err != nil {
		return nil, err
	}
	m.External = IsExternal(domains, m.Email)
	return m, nil
}

// IsExternal reports whether email is outside the workspace's domains
// (sorted, as TenantDomains returns them). A workspace with no domains
// set has no guests.
func IsExternal(domains []string, email string) bool {
	if len(domains) == 0 {
		return false
	}
	_, found := slices.BinarySearch(domains, fathom.DomainOf(email))
	return !found
}

// visible reports whether member u may see m: the rule storage applies in
// MeetingList, restated for one meeting.
func visible(u *fathom.Member, m *fathom.Meeting) bool {
	sh := m.Sharing
	return m.RecorderID == u.ID || slices.Contains(sh.UserIDs, u.ID) ||
		(u.TeamID != 0 && (sh.AllTeams || slices.Contains(sh.TeamIDs, u.TeamID)))
}

// get returns a meeting the caller can see, with its recorder.
func (s *Service) get(ctx context.Context, c *Caller, id int64) (*fathom.Meeting, error) {
	m, err := s.store.MeetingGet(ctx, c.TenantID, id)
	if errors.Is(err, store.ErrNotFound) || (err == nil && !visible(c.Member, m)) {
		return nil, fathom.Errorf(fathom.ENOTFOUND, "no recording %d", id)
	}
	if err != nil {
		return nil, err
	}
	if m.Recorder, err = s.member(ctx, s.store, m.RecorderID); err != nil {
		return nil, fmt.Errorf("recorder of meeting %d: %w", id, err)
	}
	return m, nil
}
