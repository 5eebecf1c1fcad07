package store

import (
	"context"
	"time"

	"github.com/fathom-oss/fathom/internal/fathom"
)

// MeetingReader holds the reads of the meetings API's tables.
type MeetingReader interface {
	// TenantDomains returns the tenant's internal email domains, sorted.
	TenantDomains(ctx context.Context, tenantID int64) ([]string, error)

	TeamGetByName(ctx context.Context, tenantID int64, name string) (*fathom.Team, error)
	// TeamList returns up to limit teams of the tenant with ID > afterID,
	// in ID order (creation order).
	TeamList(ctx context.Context, tenantID, afterID int64, limit int) ([]*fathom.Team, error)

	// MemberGet returns a user with its team. External is left false: it
	// depends on the workspace's domains, a rule of the service.
	MemberGet(ctx context.Context, userID int64) (*fathom.Member, error)
	MemberGetByEmail(ctx context.Context, tenantID int64, email string) (*fathom.Member, error)
	// MemberList returns up to limit users of the tenant with ID > afterID,
	// in ID order, only those matching p's filters.
	MemberList(ctx context.Context, p *MemberListParams) ([]*fathom.Member, error)
	// InvitationList returns up to limit pending invitations of the tenant
	// with ID > afterID, in ID order, only those of teamID when it is not 0.
	InvitationList(ctx context.Context, p *InvitationListParams) ([]*fathom.Invitation, error)

	MeetingTypeGetByName(ctx context.Context, tenantID int64, name string) (*fathom.MeetingType, error)
	// MeetingTypeList returns up to limit meeting types of the tenant with
	// ID > afterID, in ID order (creation order), active and inactive.
	MeetingTypeList(ctx context.Context, tenantID, afterID int64, limit int) ([]*fathom.MeetingType, error)

	// SupportCallRuleList returns the tenant's support-call rules, by
	// kind, then value.
	SupportCallRuleList(ctx context.Context, tenantID int64) ([]fathom.SupportCallRule, error)

	// MeetingGet returns a meeting of the tenant with its sharing and
	// invitees (not its recorder or content).
	MeetingGet(ctx context.Context, tenantID, meetingID int64) (*fathom.Meeting, error)
	MeetingGetByExternalKey(ctx context.Context, tenantID int64, key string) (*fathom.Meeting, error)
	// MeetingGetByShareToken returns the meeting of any tenant whose share
	// link carries token, as MeetingGet does (ErrNotFound if none).
	MeetingGetByShareToken(ctx context.Context, token string) (*fathom.Meeting, error)
	// MeetingList returns the meetings p.Viewer can see that match p's
	// filters, newest first (created_at, then id, descending).
	MeetingList(ctx context.Context, p *MeetingListParams) ([]*fathom.Meeting, error)
	// MeetingReadyIDs returns the ids of the tenant's processed (ready)
	// meetings above afterID, ascending, at most limit: a walk over every
	// meeting of a tenant, page by page.
	MeetingReadyIDs(ctx context.Context, tenantID, afterID int64, limit int) ([]int64, error)
	// MeetingContent returns a meeting's transcript and action items.
	MeetingContent(ctx context.Context, meetingID int64) ([]fathom.TranscriptItem, []fathom.ActionItem, error)
	// MeetingSearch finds utterances, summary lines and action items
	// matching p.Query in the meetings p.Viewer can see, best first.
	MeetingSearch(ctx context.Context, p *MeetingSearchParams) ([]*SearchHit, error)
	WebhookGet(ctx context.Context, tenantID int64, id string) (*fathom.Webhook, error)
	// WebhookList returns the live webhooks of a user, or of the whole
	// tenant when userID is 0, oldest first.
	WebhookList(ctx context.Context, tenantID, userID int64) ([]*fathom.Webhook, error)

	// DeliveryGet returns a delivery of the tenant. Inside a Tx it also
	// holds the delivery against other writers until the commit, so that
	// attempts recorded from what was read are numbered one after another.
	DeliveryGet(ctx context.Context, tenantID, id int64) (*fathom.Delivery, error)
	// DeliveryList returns up to limit deliveries of a webhook with
	// ID < beforeID (0: from the newest), newest first.
	DeliveryList(ctx context.Context, webhookID string, beforeID int64, limit int) ([]*fathom.Delivery, error)
	DeliveryAttemptList(ctx context.Context, deliveryID int64) ([]*fathom.DeliveryAttempt, error)
}

// MeetingTx holds the writes of the meetings API's tables.
type MeetingTx interface {
	TenantDomainsSet(ctx context.Context, tenantID int64, domains []string) error
	TeamCreate(ctx context.Context, p *TeamCreateParams) (*fathom.Team, error)
	// UserUpdate sets a user's name and team (0: none).
	UserUpdate(ctx context.Context, userID int64, name string, teamID int64) error
	// UserAccessSet sets a user's status (fathom.UserActive or
	// UserDeactivated) and settings access level.
	UserAccessSet(ctx context.Context, userID int64, status, settingsAccess string) error

	// InvitationCreate inserts inv and sets its ID; a second invitation of
	// an email in the tenant is ErrDuplicate.
	InvitationCreate(ctx context.Context, inv *fathom.Invitation) error
	// InvitationDelete ends the invitation of an email (ErrNotFound if
	// there is none).
	InvitationDelete(ctx context.Context, tenantID int64, email string) error

	// MeetingTypeEnsure returns the tenant's meeting type named name,
	// creating it active at the given time when there is none; created
	// says which. Two transactions ensuring one name make one type.
	MeetingTypeEnsure(ctx context.Context, tenantID int64, name string, at time.Time) (mt *fathom.MeetingType, created bool, err error)
	// MeetingTypeStatusSet sets a meeting type's status (ErrNotFound if
	// the tenant has no type by that name).
	MeetingTypeStatusSet(ctx context.Context, tenantID int64, name, status string) error

	// SupportCallRulesSet replaces the tenant's support-call rules with
	// rules (none: the workspace has no support calls). Repeats are
	// stored once.
	SupportCallRulesSet(ctx context.Context, tenantID int64, rules []fathom.SupportCallRule) error

	// MeetingCreate inserts m (with its sharing, invitees and transcript)
	// and sets m.ID. A second meeting with the same ExternalKey in the
	// tenant is ErrDuplicate, and the transaction stays usable: a meeting
	// another server created meanwhile can then be read with
	// MeetingGetByExternalKey.
	MeetingCreate(ctx context.Context, m *fathom.Meeting) error
	// MeetingProcessed stores what processing derived, indexes the
	// meeting's text for search and marks it ready.
	MeetingProcessed(ctx context.Context, p *MeetingProcessedParams) error
	// MeetingDelete removes a meeting of the tenant with its sharing,
	// content and search rows (ErrNotFound if the tenant has none with
	// that id). Its deliveries stay in their webhooks' logs.
	MeetingDelete(ctx context.Context, tenantID, meetingID int64) error

	WebhookCreate(ctx context.Context, w *fathom.Webhook) error
	// WebhookDelete removes a live webhook of the user (ErrNotFound if it
	// has none with id); its delivery log stays.
	WebhookDelete(ctx context.Context, tenantID, userID int64, id string, at time.Time) error

	// DeliveryCreate inserts d and sets d.ID.
	DeliveryCreate(ctx context.Context, d *fathom.Delivery) error
	// DeliveryRecord logs an attempt and sets the delivery's status,
	// attempt count and last result from it.
	DeliveryRecord(ctx context.Context, a *fathom.DeliveryAttempt, status string) error
}

// TeamCreateParams are the fields of a new team.
type TeamCreateParams struct {
	TenantID  int64
	Name      string
	CreatedAt time.Time
}

// MemberListParams bound a list of members. Zero filters do not filter.
type MemberListParams struct {
	TenantID       int64
	TeamID         int64 // 0: every user
	Status         string
	SettingsAccess string
	AfterID        int64
	Limit          int
}

// InvitationListParams bound a list of invitations.
type InvitationListParams struct {
	TenantID int64
	TeamID   int64 // 0: every invitation
	AfterID  int64
	Limit    int
}

// Keyset is a position in the newest-first order of meetings.
type Keyset struct {
	CreatedAt time.Time
	ID        int64
}

// Viewer is who looks: a user and the team it belongs to (0: none).
type Viewer struct {
	TenantID int64
	UserID   int64
	TeamID   int64
}

// MeetingListParams select meetings. Zero fields do not filter.
type MeetingListParams struct {
	Viewer Viewer
	// Before continues a list after the last meeting of a previous page.
	Before *Keyset
	Limit  int

	CreatedAfter  time.Time // strict
	CreatedBefore time.Time // strict
	// CompanyDomains keeps meetings whose company domain is one of these.
	CompanyDomains []string
	// External: nil any, true one or more external invitees, false none.
	External    *bool
	MeetingType *string
	// RecorderIDs keeps meetings recorded by one of these users; TeamIDs
	// meetings whose recorder was in one of these teams. Both empty with
	// Restrict false: no filter. A filter that names no existing user or
	// team matches nothing, so the caller sets Restrict.
	RecorderIDs []int64
	TeamIDs     []int64
	Restrict    bool
	// GuestRecorderIDs are the guests whose meetings may be returned;
	// meetings of every other guest recorder are left out.
	GuestRecorderIDs []int64
}

// MatchesNothing reports that a recorder or team filter named nothing that
// exists, so the list is empty without a query.
func (p *MeetingListParams) MatchesNothing() bool {
	return p.Restrict && (len(p.RecorderIDs) == 0 || len(p.TeamIDs) == 0)
}

// MeetingListProbeCap bounds the counts an engine makes to choose how to
// walk a list: the filter's set is counted up to it, then the viewer's set
// only up to that count.
const MeetingListProbeCap = 1000

// MeetingListByViewer reports whether a list is walked by its viewer,
// given matching, the filter's set counted up to MeetingListProbeCap, and
// seen, the viewer's set counted up to matching+1: the smaller set drives.
func MeetingListByViewer(matching, seen int64) bool {
	return seen <= matching && seen < MeetingListProbeCap
}

// MeetingProcessedParams carry what processing derived from a meeting.
type MeetingProcessedParams struct {
	MeetingID   int64
	TenantID    int64
	Language    string
	Summary     fathom.Summary
	ActionItems []fathom.ActionItem
	// Transcript is indexed for search with the summary and action items.
	Transcript []fathom.TranscriptItem
	At         time.Time
}

// MeetingSearchParams ask for a full-text search.
type MeetingSearchParams struct {
	Viewer Viewer
	// Query is read by fathom.ParseSearchQuery: words, every one of which
	// must match, "quoted phrases", prefixes with *. An unclosed quote is
	// read as closed at the end; a query with no words finds nothing.
	Query string
	Limit int // 0: no limit
	// Filter, when set, keeps the hits of the meetings a list with its
	// filters would show. Its Viewer and Limit are not read; its Before
	// must be nil (a search has no pages), since the filters apply it.
	Filter *MeetingListParams
}

// Kinds of search hits.
const (
	HitTranscript = "transcript"
	HitSummary    = "summary"
	HitActionItem = "action_item"
)

// SearchHit is one matching moment of a transcript (a window of
// consecutive items), summary line or action item.
type SearchHit struct {
	MeetingID int64
	Kind      string
	// Speaker and At are those of a transcript hit's first matching item;
	// an action item's At is its moment, a summary line's the moment it
	// links to (0 when none: see Timed).
	Speaker string
	At      time.Duration
	// Snippet is the matching text with matches between « and ».
	Snippet string
	Score   float64 // higher is better
	// Window is a transcript hit's window, in transcript order.
	Window []WindowItem
}

// Timed reports whether the hit has a moment in the recording: every
// transcript and action item hit does, a summary line's only when it
// links to one (At > 0).
func (h *SearchHit) Timed() bool { return h.Kind != HitSummary || h.At > 0 }

// WindowItem is a transcript item of a search hit's window.
type WindowItem struct {
	Speaker string
	At      time.Duration
	Text    string
	Matched bool // the item holds a match
}
