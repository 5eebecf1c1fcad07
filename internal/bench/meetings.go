package bench

import (
	"context"
	"fmt"
	"math/rand/v2"
	"net/url"
	"strings"
	"time"

	"github.com/fathom-oss/fathom/internal/fathom"
	"github.com/fathom-oss/fathom/internal/meeting"
	"github.com/fathom-oss/fathom/internal/store"
)

// MeetingsWorkspace is what SeedMeetings made: the names a query can filter
// by, and the user whose key loads the list.
type MeetingsWorkspace struct {
	Teams   []string
	Domains []string
	Viewer  string // email of the user the benchmark lists as
}

// SeedMeetings fills a tenant with n processed meetings spread over 20
// teams, 50 recorders and 200 client companies, dated over a year, a third
// shared with the recorder's team, a tenth with every team. It writes
// through the store in batches: this is the benchmark's setup, not what it
// measures.
func SeedMeetings(ctx context.Context, st store.Store, svc *meeting.Service, tenantID int64, n int) (*MeetingsWorkspace, error) {
	return seedMeetings(ctx, st, svc, tenantID, n, false)
}

// SeedQuietMeetings is SeedMeetings for a team member who sees few
// meetings of a large workspace: none is shared with every team (that
// tenth is shared with the recorder's team instead), and the viewer is the
// one member of a team of its own that records nothing and is shown 10 of
// the n meetings.
func SeedQuietMeetings(ctx context.Context, st store.Store, svc *meeting.Service, tenantID int64, n int) (*MeetingsWorkspace, error) {
	return seedMeetings(ctx, st, svc, tenantID, n, true)
}

func seedMeetings(ctx context.Context, st store.Store, svc *meeting.Service, tenantID int64, n int, quiet bool) (*MeetingsWorkspace, error) {
	ws := &MeetingsWorkspace{}
	if _, err := svc.SetDomains(ctx, tenantID, []string{"acme.com"}); err != nil {
		return nil, err
	}
	var teams []*fathom.Team
	for i := range 20 {
		t, err := svc.CreateTeam(ctx, tenantID, fmt.Sprintf("Team %02d", i))
		if err != nil {
			return nil, err
		}
		teams = append(teams, t)
		ws.Teams = append(ws.Teams, t.Name)
	}
	var users []*fathom.Member
	for i := range 50 {
		u, err := svc.PutUser(ctx, meeting.PutUserParams{TenantID: tenantID, Email: fmt.Sprintf("user%02d@acme.com", i),
			Name: fmt.Sprintf("User %02d", i), Team: teams[i%len(teams)].Name})
		if err != nil {
			return nil, err
		}
		users = append(users, u)
	}
	ws.Viewer = users[0].Email
	var quietTeam int64
	if quiet {
		t, err := svc.CreateTeam(ctx, tenantID, "Quiet")
		if err != nil {
			return nil, err
		}
		u, err := svc.PutUser(ctx, meeting.PutUserParams{TenantID: tenantID, Email: "quiet@acme.com", Name: "Quiet", Team: t.Name})
		if err != nil {
			return nil, err
		}
		quietTeam, ws.Viewer = t.ID, u.Email
	}
	for i := range 200 {
		ws.Domains = append(ws.Domains, fmt.Sprintf("client%03d.com", i))
	}
	rng := rand.New(rand.NewPCG(1, 2))
	start := time.Date(2025, 11, 1, 0, 0, 0, 0, time.UTC)
	const batch = 2000
	for done := 0; done < n; done += batch {
		err := st.Write(ctx, func(tx store.Tx) error {
			for i := done; i < min(done+batch, n); i++ {
				m := seedMeeting(rng, tenantID, users, ws.Domains, start.Add(time.Duration(i)*5*time.Minute))
				if quiet {
					if m.Sharing.AllTeams {
						m.Sharing.AllTeams, m.Sharing.TeamIDs = false, []int64{m.RecorderTeamID}
					}
					if i%max(1, n/10) == 7 {
						m.Sharing.TeamIDs = append(m.Sharing.TeamIDs, quietTeam)
					}
				}
				if err := tx.MeetingCreate(ctx, m); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("seed meetings: %w", err)
		}
	}
	return ws, nil
}

func seedMeeting(rng *rand.Rand, tenantID int64, users []*fathom.Member, domains []string, end time.Time) *fathom.Meeting {
	rec := users[rng.IntN(len(users))]
	m := &fathom.Meeting{TenantID: tenantID, RecorderID: rec.ID, RecorderTeamID: rec.TeamID, Title: "Customer call",
		ShareToken: fmt.Sprintf("%032x", rng.Uint64()), CreatedAt: end, RecordingStart: end.Add(-30 * time.Minute),
		RecordingEnd: end, Language: "en", Status: fathom.MeetingReady,
		Invitees:   []fathom.Invitee{{Name: rec.Name, Email: rec.Email, EmailDomain: "acme.com"}},
		Transcript: []fathom.TranscriptItem{{Speaker: rec.Name, Text: "Thanks for joining.", At: time.Second}}}
	if rng.IntN(4) > 0 { // three in four meetings have a client
		d := domains[rng.IntN(len(domains))]
		m.Invitees = append(m.Invitees, fathom.Invitee{Name: "Client", Email: "buyer@" + d, EmailDomain: d, External: true})
		m.External, m.CompanyDomain = true, d
	}
	switch r := rng.IntN(10); {
	case r == 0:
		m.Sharing.AllTeams = true
	case r < 4:
		m.Sharing.TeamIDs = []int64{rec.TeamID}
	}
	return m
}

// ListMeetings measures GET /meetings pages: each query string in turn,
// n requests from concurrency clients.
func ListMeetings(ctx context.Context, t Target, name string, queries []string, n, concurrency int) Result {
	return run(ctx, name, concurrency, n, func(ctx context.Context, i int) error {
		return t.get(ctx, "/external/v1/meetings?"+queries[i%len(queries)])
	})
}

// FilteredQueries are n list queries with one company domain and one team
// each, drawn from ws.
func FilteredQueries(ws *MeetingsWorkspace, n int) []string {
	rng := rand.New(rand.NewPCG(3, 4))
	out := make([]string, n)
	for i := range out {
		out[i] = url.Values{"calendar_invitees_domains[]": {ws.Domains[rng.IntN(len(ws.Domains))]},
			"teams[]": {ws.Teams[rng.IntN(len(ws.Teams))]}}.Encode()
	}
	return out
}

// SearchWorkspace is what SeedSearchTenants made: the tenant searched and
// the words to search for.
type SearchWorkspace struct {
	TenantID int64
	Viewer   string   // email of the user the benchmark searches as
	Queries  []string // a common word, a rare one, two common, two rare, a phrase of two common
}

// SeedSearchTenants writes tenants tenants of meetings processed meetings
// each, every meeting of utterances utterances of ten words drawn from a
// vocabulary of 500 in which five words make a quarter of the text, and
// indexes them for search (in windows of consecutive utterances). Every tenant has one user, the recorder; the
// first tenant is the one searched.
func SeedSearchTenants(ctx context.Context, st store.Store, tenants, meetings, utterances int) (*SearchWorkspace, error) {
	rng := rand.New(rand.NewPCG(5, 6))
	word := func() string {
		if rng.IntN(4) == 0 {
			return fmt.Sprintf("common%d", rng.IntN(5))
		}
		return fmt.Sprintf("word%d", rng.IntN(500))
	}
	at := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	ws := &SearchWorkspace{Queries: []string{"common1", "word7", "common1 common2", "word7 word8", `"common1 common2"`}}
	for tn := range tenants {
		err := st.Write(ctx, func(tx store.Tx) error {
			t, err := tx.TenantCreate(ctx, &store.TenantCreateParams{Name: fmt.Sprintf("search-%03d", tn), CreatedAt: at})
			if err != nil {
				return err
			}
			email := fmt.Sprintf("rec@search-%03d.test", tn)
			u, err := tx.UserCreate(ctx, &store.UserCreateParams{TenantID: t.ID, Email: email, CreatedAt: at})
			if err != nil {
				return err
			}
			if tn == 0 {
				ws.TenantID, ws.Viewer = t.ID, email
			}
			for i := range meetings {
				m := &fathom.Meeting{TenantID: t.ID, RecorderID: u.ID, Title: "Team sync", ShareToken: fmt.Sprintf("%032x", rng.Uint64()),
					CreatedAt: at.Add(time.Duration(i) * time.Minute), RecordingStart: at, RecordingEnd: at, Language: "en"}
				if err := tx.MeetingCreate(ctx, m); err != nil {
					return err
				}
				items := make([]fathom.TranscriptItem, utterances)
				for j := range items {
					words := make([]string, 10)
					for k := range words {
						words[k] = word()
					}
					items[j] = fathom.TranscriptItem{Speaker: "Alice", Text: strings.Join(words, " "), At: time.Duration(j) * time.Second}
				}
				err := tx.MeetingProcessed(ctx, &store.MeetingProcessedParams{MeetingID: m.ID, TenantID: t.ID, Language: "en",
					Transcript: items, At: at})
				if err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("seed search tenants: %w", err)
		}
	}
	return ws, nil
}

// SearchMeetings measures GET /search: each query in turn, n requests
// from one client.
func SearchMeetings(ctx context.Context, t Target, name string, queries []string, n int) Result {
	return run(ctx, name, 1, n, func(ctx context.Context, i int) error {
		return t.get(ctx, "/external/v1/search?"+url.Values{"q": {queries[i%len(queries)]}, "limit": {"10"}}.Encode())
	})
}
