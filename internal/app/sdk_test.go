package app_test

import (
	"bufio"
	"cmp"
	"context"
	"errors"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/fathom-oss/fathom/internal/meeting"
	"github.com/fathom-oss/fathom/internal/tenant"
)

// TestSDKConformance drives the official TypeScript SDK (fathom-typescript,
// pinned in testdata/sdk/package.json) against the real server: every SDK
// operation, every list filter, pagination, the statuses the SDK treats
// specially (spec §4), webhooks and signed callbacks. The expected
// recording ids come from an oracle in this file that restates the spec's
// rules over the seed data, independently of the server.
//
// It needs node and testdata/sdk/node_modules (`npm ci` there). Without
// them it skips, unless FATHOM_SDK_CONFORMANCE=1 (as in .ci/run), which
// makes their absence a failure.
func TestSDKConformance(t *testing.T) {
	dir := filepath.Join("testdata", "sdk")
	node := sdkPrerequisites(t, dir)

	cfg := testConfig(t)
	cfg.AllowPrivateTargets = true // deliveries go to the script's loopback receiver
	cfg.MeetingsRateLimit, cfg.MeetingsHeavyRateLimit = 100_000, 100_000
	s := start(t, cfg)

	limitedCfg := testConfig(t)
	limitedCfg.MeetingsRateLimit, limitedCfg.MeetingsHeavyRateLimit = 5, 2
	limited := start(t, limitedCfg)

	fx := seedSDKWorkspace(t, s)
	fx.RateLimited = seedRateLimited(t, limited, limitedCfg.MeetingsRateLimit, limitedCfg.MeetingsHeavyRateLimit)
	path := filepath.Join(t.TempDir(), "fixture.json")
	if err := os.WriteFile(path, []byte(mustJSON(fx)), 0o600); err != nil {
		t.Fatal(err)
	}
	runNode(t, node, dir, "conformance.mjs", path)
}

// sdkPrerequisites returns node's path, or skips (fails when required).
func sdkPrerequisites(t *testing.T, dir string) string {
	t.Helper()
	missing := func(why string) {
		if os.Getenv("FATHOM_SDK_CONFORMANCE") == "1" {
			t.Fatalf("FATHOM_SDK_CONFORMANCE=1 but %s", why)
		}
		t.Skipf("SDK conformance skipped: %s (set FATHOM_SDK_CONFORMANCE=1 to make this a failure)", why)
	}
	node, err := exec.LookPath("node")
	if err != nil {
		missing("node is not on PATH")
	}
	if _, err := os.Stat(filepath.Join(dir, "node_modules", "fathom-typescript", "package.json")); err != nil {
		missing("the SDK is not installed: run `npm ci --no-audit --no-fund` in internal/app/testdata/sdk")
	}
	return node
}

// nodeIfPresent is sdkPrerequisites for a test whose SDK part is one step
// among others: without node or the SDK that step is left out (and logged),
// unless FATHOM_SDK_CONFORMANCE=1 makes it a failure.
func nodeIfPresent(t *testing.T, dir string) (string, bool) {
	t.Helper()
	node, err := exec.LookPath("node")
	_, statErr := os.Stat(filepath.Join(dir, "node_modules", "fathom-typescript", "package.json"))
	if err == nil && statErr == nil {
		return node, true
	}
	if os.Getenv("FATHOM_SDK_CONFORMANCE") == "1" {
		t.Fatalf("FATHOM_SDK_CONFORMANCE=1 but node or the SDK is missing (npm ci in %s)", dir)
	}
	t.Logf("official SDK step left out: node or the SDK is missing (npm ci in %s)", dir)
	return "", false
}

// runNode runs the script, streams its output into the test log and fails
// on a non-zero exit.
func runNode(t *testing.T, node, dir, script, fixture string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, node, script, fixture)
	cmd.Dir = dir
	cmd.WaitDelay = 5 * time.Second
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = cmd.Stdout // one stream, in order
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(out)
	sc.Buffer(make([]byte, 64<<10), 4<<20)
	for sc.Scan() {
		t.Log(sc.Text())
	}
	err = cmd.Wait()
	if ctx.Err() != nil {
		t.Fatalf("%s did not finish within 5 minutes", script)
	}
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		t.Fatalf("%s failed (exit %d): see the FAIL lines above", script, exit.ExitCode())
	} else if err != nil {
		t.Fatalf("%s: %v", script, err)
	}
}

// The seed workspace. People are named by the short names used in the
// meeting table below.
const sdkDomain = "acme.com"

type sdkPerson struct {
	Short, Email, Name, Team string // Team "" is none
}

var sdkPeople = []sdkPerson{
	{"a", "alice@acme.com", "Alice Adams", "Sales"},
	{"b", "bob@acme.com", "Bob Brown", "Engineering"},
	{"c", "carol@acme.com", "Carol Cruz", "Sales"},
	{"d", "dave@acme.com", "Dave Dunn", "Sales & Co"},
	{"g", "guest@partner.io", "Gwen Guest", ""}, // outside acme.com: a guest
}

var sdkTeams = []string{"Sales", "Engineering", "Sales & Co"} // creation order

func sdkPersonByShort(short string) sdkPerson {
	for _, p := range sdkPeople {
		if p.Short == short {
			return p
		}
	}
	panic("no person " + short)
}

func sdkPersonByEmail(email string) (sdkPerson, bool) {
	for _, p := range sdkPeople {
		if strings.EqualFold(p.Email, email) {
			return p, true
		}
	}
	return sdkPerson{}, false
}

type sdkInvitee struct {
	Name  string `json:"name"`
	Email string `json:"email"`
}

// Invitee groups: the company (most frequent external domain) is
// client.com for "client", other.org for "other" and "mixed" (two
// other.org against one client.com), none for "int" and "none".
var sdkInvitees = map[string][]sdkInvitee{
	"int":    {{"Alice Adams", "alice@acme.com"}, {"Bob Brown", "bob@acme.com"}, {"Room 4", ""}},
	"client": {{"Alice Adams", "alice@acme.com"}, {"Dana Diaz", "dana@client.com"}, {"Eli Ford", "eli@client.com"}, {"Fay Gold", "fay@other.org"}},
	"other":  {{"Carol Cruz", "carol@acme.com"}, {"Gus Hale", "gus@other.org"}},
	"mixed":  {{"Hal Ives", "hal@client.com"}, {"Ivy Jones", "ivy@other.org"}, {"Jo King", "jo@other.org"}},
	"none":   nil,
}

// sdkSeed is one seeded meeting: recorder, invitee group, sharing
// ("" private; "u:<short>" a user; "t:<team>" a team; "all"; joined by
// "+"), meeting type, and whether alice's key ingests it on the
// recorder's behalf (recorded_by) rather than the recorder's own key.
type sdkSeed struct {
	Rec, Inv, Share, Type string
	ViaAlice              bool
}

var sdkSeeds = []sdkSeed{
	{"a", "int", "", "Standup", false},
	{"b", "client", "t:Sales", "Sales call", false},
	{"c", "other", "t:Sales", "", true},
	{"g", "client", "u:a", "Demo", false},
	{"a", "mixed", "all", "Sales call", false},
	{"b", "int", "", "Standup", true},
	{"d", "client", "t:Sales & Co", "Sales call", false},
	{"c", "none", "u:a", "", false},
	{"a", "client", "u:b", "Demo", false},
	{"g", "other", "u:a+u:b", "", false},
	{"b", "other", "all", "Sales call", false},
	{"c", "int", "", "Standup", true},
	{"d", "mixed", "all", "Demo", false},
	{"a", "other", "t:Engineering", "", false},
	{"b", "client", "u:a", "Sales call", true},
	{"c", "client", "t:Sales", "Sales call", false},
	{"g", "none", "u:b", "", false},
	{"a", "int", "t:Sales", "Standup", false},
	{"d", "other", "u:a", "", true},
	{"b", "mixed", "t:Engineering", "Demo", false},
	{"c", "mixed", "all", "", false},
	{"a", "none", "", "", false},
	{"g", "mixed", "u:a", "Sales call", false},
	{"b", "int", "t:Sales+t:Engineering", "Standup", true},
	{"d", "int", "t:Sales & Co", "Standup", false},
	{"c", "other", "u:b", "", false},
	{"a", "client", "all", "Sales call", false},
	{"b", "other", "u:a", "", false},
	{"d", "client", "u:a+t:Engineering", "Demo", true},
	{"c", "client", "t:Sales", "Demo", false},
	{"a", "mixed", "", "", false},
	{"g", "client", "u:a", "", false},
	{"b", "none", "all", "", false},
	{"d", "other", "all", "Sales call", true},
	{"c", "int", "t:Sales", "Standup", false},
	{"a", "other", "u:b", "", false},
}

// sdkBase is the first meeting's end; each next one ends 2 h 1 min later,
// so created_at (= recording_end_time) orders them.
var sdkBase = time.Date(2025, 5, 5, 9, 0, 0, 0, time.UTC)

func sdkEnd(i int) time.Time { return sdkBase.Add(time.Duration(i) * (2*time.Hour + time.Minute)) }

// sdkMeeting is a seeded meeting as the oracle sees it, and as the script
// checks the SDK's parsed objects against.
type sdkMeeting struct {
	Index      int               `json:"index"`
	ID         int64             `json:"recording_id"`
	Title      string            `json:"title"`
	Type       string            `json:"meeting_type"`
	Recorder   sdkRecorder       `json:"recorded_by"`
	Invitees   []sdkInviteeWant  `json:"calendar_invitees"`
	DomainType string            `json:"calendar_invitees_domains_type"`
	CreatedAt  string            `json:"created_at"`
	RecStart   string            `json:"recording_start_time"`
	RecEnd     string            `json:"recording_end_time"`
	SchedStart string            `json:"scheduled_start_time"`
	SchedEnd   string            `json:"scheduled_end_time"`
	Transcript []sdkUtteranceOut `json:"transcript"`

	seed     sdkSeed
	end      time.Time
	company  string
	external bool
	users    []string // emails it is shared with
	teams    []string // team names it is shared with
	allTeams bool
}

type sdkRecorder struct {
	Name        string  `json:"name"`
	Email       string  `json:"email"`
	EmailDomain string  `json:"email_domain"`
	Team        *string `json:"team"`
}

type sdkInviteeWant struct {
	Name        string  `json:"name"`
	Email       *string `json:"email"`
	EmailDomain *string `json:"email_domain"`
	IsExternal  bool    `json:"is_external"`
	// MatchedSpeaker is the speaker matched to this invitee (shown with
	// include_transcript only).
	MatchedSpeaker *string `json:"matched_speaker_display_name"`
}

type sdkUtteranceOut struct {
	Speaker   string `json:"speaker"`
	Text      string `json:"text"`
	Timestamp string `json:"timestamp"`
	// MatchedEmail is the invitee whose name is the speaker's, if any.
	MatchedEmail *string `json:"matched_email"`
}

// sdkListCase is one listMeetings call and the ids it must yield over all
// pages, newest first. A nil Request means listMeetings() with no argument.
type sdkListCase struct {
	Name     string         `json:"name"`
	Key      string         `json:"key"` // a person's short name
	Request  map[string]any `json:"request"`
	Expected []int64        `json:"expected"`
}

type sdkFixture struct {
	BaseURL     string                 `json:"base_url"` // .../external/v1
	ServerURL   string                 `json:"server_url"`
	Keys        map[string]string      `json:"keys"` // short name → key
	Emails      map[string]string      `json:"emails"`
	Teams       []string               `json:"teams"`
	TeamMembers map[string][]string    `json:"team_members"`
	Members     []string               `json:"members"`
	Meetings    map[string]*sdkMeeting `json:"meetings"` // by recording id
	Cases       []sdkListCase          `json:"cases"`
	// Recordings alice can see and one she cannot (another's private).
	VisibleToAlice   []int64 `json:"visible_to_alice"`
	InvisibleToAlice int64   `json:"invisible_to_alice"`
	UnknownID        int64   `json:"unknown_recording_id"`
	// A meeting that alice ingests after creating a webhook.
	Delivery    map[string]any `json:"delivery_ingest"`
	RateLimited sdkLimited     `json:"rate_limited"`
}

type sdkLimited struct {
	BaseURL     string `json:"base_url"`
	ListKey     string `json:"list_key"`
	HeavyKey    string `json:"heavy_key"`
	RecordingID int64  `json:"recording_id"` // visible to the heavy key's user
	Limit       int    `json:"limit"`
	HeavyLimit  int    `json:"heavy_limit"`
}

// seedSDKWorkspace seeds tenant "acme" through the services and the
// ingestion API, waits until every meeting is processed and returns the
// fixture with the oracle's expectations.
func seedSDKWorkspace(t *testing.T, s *testServer) *sdkFixture {
	t.Helper()
	ctx := context.Background()
	fx := &sdkFixture{BaseURL: s.URL + "/external/v1", ServerURL: s.URL, Keys: map[string]string{},
		Emails: map[string]string{}, TeamMembers: map[string][]string{}, Meetings: map[string]*sdkMeeting{},
		Teams: sdkTeams, UnknownID: 987654321}

	first, err := s.Tenants.CreateKey(ctx, tenant.CreateKeyParams{Tenant: "acme", UserEmail: sdkPeople[0].Email})
	if err != nil {
		t.Fatal(err)
	}
	fx.Keys["a"] = first.Secret
	tn, err := s.DB.TenantGetByName(ctx, "acme")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Meetings.SetDomains(ctx, tn.ID, []string{sdkDomain}); err != nil {
		t.Fatal(err)
	}
	for _, team := range sdkTeams {
		if _, err := s.Meetings.CreateTeam(ctx, tn.ID, team); err != nil {
			t.Fatal(err)
		}
	}
	for _, p := range sdkPeople {
		if _, err := s.Meetings.PutUser(ctx, meeting.PutUserParams{TenantID: tn.ID, Email: p.Email, Name: p.Name, Team: p.Team}); err != nil {
			t.Fatalf("put user %s: %v", p.Email, err)
		}
		fx.Emails[p.Short] = p.Email
		fx.Members = append(fx.Members, p.Email)
		if p.Team != "" {
			fx.TeamMembers[p.Team] = append(fx.TeamMembers[p.Team], p.Email)
		}
		if fx.Keys[p.Short] == "" {
			k, err := s.Tenants.CreateKey(ctx, tenant.CreateKeyParams{Tenant: "acme", UserEmail: p.Email})
			if err != nil {
				t.Fatal(err)
			}
			fx.Keys[p.Short] = k.Secret
		}
	}

	meetings := make([]*sdkMeeting, len(sdkSeeds))
	for i, seed := range sdkSeeds {
		m, body := sdkMeetingFor(t, i, seed)
		key := fx.Keys[seed.Rec]
		if seed.ViaAlice {
			key, body["recorded_by"] = fx.Keys["a"], m.Recorder.Email
		}
		r := s.post(t, "/external/v1/recordings", key, mustJSON(body))
		id, ok := r.Body["recording_id"].(float64)
		if r.Status != http.StatusCreated || !ok {
			t.Fatalf("ingest meeting %d: %d %s", i, r.Status, r.Raw)
		}
		m.ID = int64(id)
		meetings[i] = m
		fx.Meetings[fmt.Sprint(m.ID)] = m
	}
	sdkWaitProcessed(t, s, fx, meetings)

	fx.Cases = sdkCases(meetings)
	for _, m := range meetings {
		if sdkVisible(sdkPersonByShort("a"), m) {
			fx.VisibleToAlice = append(fx.VisibleToAlice, m.ID)
		} else if fx.InvisibleToAlice == 0 {
			fx.InvisibleToAlice = m.ID
		}
	}
	fx.Delivery = map[string]any{
		"external_id": "sdk-delivery-1", "title": "Renewal call with Client Co", "meeting_title": "Renewal",
		"meeting_type": "Sales call", "recording_end_time": sdkEnd(len(sdkSeeds) + 5).Format(time.RFC3339),
		"calendar_invitees": []sdkInvitee{{"Alice Adams", "alice@acme.com"}, {"Dana Diaz", "dana@client.com"}},
		"transcript": []map[string]any{
			{"speaker": map[string]any{"display_name": "Alice Adams"}, "text": "Thanks for joining, Dana. Let us review the renewal terms.", "timestamp": "00:00:04"},
			{"speaker": map[string]any{"display_name": "Dana Diaz"}, "text": "We want to expand to forty more seats next quarter.", "timestamp": "00:00:40"},
			{"speaker": map[string]any{"display_name": "Alice Adams"}, "text": "Dana, can you send the signed order form by Friday?", "timestamp": "00:01:30"},
			{"speaker": map[string]any{"display_name": "Dana Diaz"}, "text": "Yes, I will send the signed order form by Friday.", "timestamp": "00:01:45"},
		},
	}
	return fx
}

// sdkMeetingFor builds a seed's ingestion body and what the oracle and
// the script expect of it.
func sdkMeetingFor(t *testing.T, i int, seed sdkSeed) (*sdkMeeting, map[string]any) {
	t.Helper()
	rec := sdkPersonByShort(seed.Rec)
	end := sdkEnd(i)
	start := end.Add(-30 * time.Minute)
	m := &sdkMeeting{Index: i, Title: fmt.Sprintf("Meeting %02d: %s", i, cmp.Or(seed.Type, "catch-up")), Type: seed.Type,
		Recorder:  sdkRecorder{Name: rec.Name, Email: rec.Email, EmailDomain: strings.Split(rec.Email, "@")[1]},
		CreatedAt: end.Format(time.RFC3339), RecStart: start.Format(time.RFC3339), RecEnd: end.Format(time.RFC3339),
		SchedStart: start.Format(time.RFC3339), SchedEnd: end.Format(time.RFC3339), seed: seed, end: end,
		Invitees: []sdkInviteeWant{}}
	if rec.Team != "" {
		m.Recorder.Team = &rec.Team
	}
	body := map[string]any{"external_id": fmt.Sprintf("sdk-seed-%02d", i), "title": m.Title,
		"recording_start_time": m.RecStart, "recording_end_time": m.RecEnd}
	if seed.Type != "" {
		body["meeting_type"] = seed.Type
	}
	if i%2 == 0 { // odd meetings have no calendar event: scheduled_* fall back
		ss, se := start.Add(-2*time.Minute), end.Add(3*time.Minute)
		body["scheduled_start_time"], body["scheduled_end_time"] = ss.Format(time.RFC3339), se.Format(time.RFC3339)
		m.SchedStart, m.SchedEnd = ss.Format(time.RFC3339), se.Format(time.RFC3339)
	}

	invs := sdkInvitees[seed.Inv]
	count := map[string]int{}
	for _, inv := range invs {
		w := sdkInviteeWant{Name: inv.Name}
		if inv.Email != "" {
			d := strings.Split(inv.Email, "@")[1]
			w.Email, w.EmailDomain = &inv.Email, &d
			if d != sdkDomain {
				w.IsExternal, m.external = true, true
				count[d]++
			}
		}
		m.Invitees = append(m.Invitees, w)
	}
	for d, n := range count { // the company: the most frequent external domain
		if n > count[m.company] {
			m.company = d
		}
	}
	for d, n := range count {
		if d != m.company && n == count[m.company] {
			t.Fatalf("seed %d: invitee group %q has no single most frequent external domain", i, seed.Inv)
		}
	}
	m.DomainType = "only_internal"
	if m.external {
		m.DomainType = "one_or_more_external"
	}
	body["calendar_invitees"] = append([]sdkInvitee{}, invs...)

	share := map[string]any{}
	for _, part := range strings.Split(seed.Share, "+") {
		switch {
		case part == "":
		case part == "all":
			m.allTeams, share["all_teams"] = true, true
		case strings.HasPrefix(part, "u:"):
			m.users = append(m.users, sdkPersonByShort(part[2:]).Email)
		case strings.HasPrefix(part, "t:"):
			m.teams = append(m.teams, part[2:])
		}
	}
	if len(m.users) > 0 {
		share["users"] = m.users
	}
	if len(m.teams) > 0 {
		share["teams"] = m.teams
	}
	if len(share) > 0 {
		body["share"] = share
	}

	other := "Dana Diaz"
	if len(invs) > 1 && invs[1].Name != rec.Name {
		other = invs[1].Name
	}
	lines := []sdkUtteranceOut{
		{Speaker: rec.Name, Text: fmt.Sprintf("Welcome to meeting %d, today we review the %s pipeline.", i, []string{"northern", "southern", "eastern", "western"}[i%4]), Timestamp: "00:00:05"},
		{Speaker: other, Text: fmt.Sprintf("The onboarding flow lost %d users at the payment step last week.", 10+i), Timestamp: "00:01:10"},
		{Speaker: rec.Name, Text: fmt.Sprintf("%s, can you send the funnel numbers for region %d by Friday?", strings.Fields(other)[0], i), Timestamp: "00:02:00"},
		{Speaker: other, Text: "Sure, I will send the funnel numbers by Friday.", Timestamp: "00:02:12"},
	}
	// Speakers whose name is an invitee's are matched to that invitee
	// (docs/meetings-api.md), and the invitee to the speaker.
	for j := range lines {
		for k, inv := range invs {
			if inv.Email != "" && strings.EqualFold(inv.Name, lines[j].Speaker) {
				lines[j].MatchedEmail = &invs[k].Email
				m.Invitees[k].MatchedSpeaker = &lines[j].Speaker
			}
		}
	}
	m.Transcript = lines
	tr := make([]map[string]any, len(lines))
	for j, l := range lines {
		tr[j] = map[string]any{"speaker": map[string]any{"display_name": l.Speaker}, "text": l.Text, "timestamp": l.Timestamp}
	}
	body["transcript"] = tr
	return m, body
}

// sdkWaitProcessed polls each meeting's summary with its recorder's key
// until every one has a summary: processing has no other public signal.
func sdkWaitProcessed(t *testing.T, s *testServer, fx *sdkFixture, meetings []*sdkMeeting) {
	t.Helper()
	deadline := time.Now().Add(3 * time.Minute)
	pending := slices.Clone(meetings)
	for len(pending) > 0 {
		if time.Now().After(deadline) {
			t.Fatalf("%d of %d meetings still unprocessed after 3 minutes (first: recording %d)", len(pending), len(meetings), pending[0].ID)
		}
		pending = slices.DeleteFunc(pending, func(m *sdkMeeting) bool {
			return sdkHasSummary(t, s, fx.Keys[m.seed.Rec], m.ID)
		})
		if len(pending) > 0 {
			time.Sleep(50 * time.Millisecond)
		}
	}
}

func sdkHasSummary(t *testing.T, s *testServer, key string, id int64) bool {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, fmt.Sprintf("%s/external/v1/recordings/%d/summary", s.URL, id), nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("X-Api-Key", key)
	r := do(t, req)
	if r.Status != http.StatusOK {
		t.Fatalf("summary of recording %d for its recorder: %d %s", id, r.Status, r.Raw)
	}
	return r.Body["summary"] != nil
}

// The oracle: the spec's rules (§2.1 visibility, §8.1 filters, the guest
// rule, §7 order) restated over the seed data.

// sdkVisible: the recorder, users it is shared with, and members of a
// team it is shared with (or of any team when shared with all teams).
func sdkVisible(v sdkPerson, m *sdkMeeting) bool {
	return m.Recorder.Email == v.Email || slices.Contains(m.users, v.Email) ||
		(v.Team != "" && (m.allTeams || slices.Contains(m.teams, v.Team)))
}

// sdkFilter is a listMeetings request as the oracle applies it.
type sdkFilter struct {
	Domains       []string
	DomainsType   string
	MeetingType   string // legacy all|internal|external
	After, Before time.Time
	RecordedBy    []string
	Teams         []string
}

func (f sdkFilter) match(v sdkPerson, m *sdkMeeting) bool {
	if !sdkVisible(v, m) {
		return false
	}
	rec, _ := sdkPersonByEmail(m.Recorder.Email)
	guest := !strings.HasSuffix(rec.Email, "@"+sdkDomain)
	// Guests' meetings come back only when the guest is named in
	// recorded_by[] and no teams[] is given.
	if guest && (!slices.Contains(f.RecordedBy, rec.Email) || len(f.Teams) > 0) {
		return false
	}
	if len(f.Domains) > 0 && !slices.Contains(f.Domains, m.company) {
		return false
	}
	wantExternal := func(kind string, ext bool) bool {
		switch kind {
		case "only_internal", "internal":
			return !ext
		case "one_or_more_external", "external":
			return ext
		}
		return true
	}
	if !wantExternal(f.DomainsType, m.external) || !wantExternal(f.MeetingType, m.external) {
		return false
	}
	if !f.After.IsZero() && !m.end.After(f.After) {
		return false
	}
	if !f.Before.IsZero() && !m.end.Before(f.Before) {
		return false
	}
	if len(f.RecordedBy) > 0 && !slices.Contains(f.RecordedBy, rec.Email) {
		return false
	}
	if len(f.Teams) > 0 && (rec.Team == "" || !slices.Contains(f.Teams, rec.Team)) {
		return false
	}
	return true
}

// expect lists the matching ids newest first (created_at DESC; created_at
// values are distinct here).
func (f sdkFilter) expect(v sdkPerson, meetings []*sdkMeeting) []int64 {
	var ms []*sdkMeeting
	for _, m := range meetings {
		if f.match(v, m) {
			ms = append(ms, m)
		}
	}
	slices.SortFunc(ms, func(a, b *sdkMeeting) int { return b.end.Compare(a.end) })
	ids := make([]int64, len(ms))
	for i, m := range ms {
		ids[i] = m.ID
	}
	return ids
}

func sdkCases(meetings []*sdkMeeting) []sdkListCase {
	type c struct {
		name, key string
		req       map[string]any
		f         sdkFilter
	}
	ts := func(i int) string { return sdkEnd(i).Format(time.RFC3339) }
	day := func(s string) time.Time { t, _ := time.Parse("2006-01-02", s); return t }
	cases := []c{
		{"alice: listMeetings() with no argument", "a", nil, sdkFilter{}},
		{"alice: listMeetings({})", "a", map[string]any{}, sdkFilter{}},
		{"bob: listMeetings()", "b", nil, sdkFilter{}},
		{"alice: calendarInviteesDomains [client.com]", "a", map[string]any{"calendarInviteesDomains": []string{"client.com"}}, sdkFilter{Domains: []string{"client.com"}}},
		{"alice: calendarInviteesDomains [other.org]", "a", map[string]any{"calendarInviteesDomains": []string{"other.org"}}, sdkFilter{Domains: []string{"other.org"}}},
		{"alice: calendarInviteesDomains [client.com, other.org]", "a", map[string]any{"calendarInviteesDomains": []string{"client.com", "other.org"}}, sdkFilter{Domains: []string{"client.com", "other.org"}}},
		{"alice: calendarInviteesDomains [acme.com] (internal meetings have no company)", "a", map[string]any{"calendarInviteesDomains": []string{"acme.com"}}, sdkFilter{Domains: []string{"acme.com"}}},
		{"alice: calendarInviteesDomainsType all", "a", map[string]any{"calendarInviteesDomainsType": "all"}, sdkFilter{DomainsType: "all"}},
		{"alice: calendarInviteesDomainsType only_internal", "a", map[string]any{"calendarInviteesDomainsType": "only_internal"}, sdkFilter{DomainsType: "only_internal"}},
		{"alice: calendarInviteesDomainsType one_or_more_external", "a", map[string]any{"calendarInviteesDomainsType": "one_or_more_external"}, sdkFilter{DomainsType: "one_or_more_external"}},
		{"alice: createdAfter (strict, equal to a created_at)", "a", map[string]any{"createdAfter": ts(10)}, sdkFilter{After: sdkEnd(10)}},
		{"alice: createdBefore (strict, equal to a created_at)", "a", map[string]any{"createdBefore": ts(26)}, sdkFilter{Before: sdkEnd(26)}},
		{"alice: createdAfter + createdBefore", "a", map[string]any{"createdAfter": ts(4), "createdBefore": ts(30)}, sdkFilter{After: sdkEnd(4), Before: sdkEnd(30)}},
		{"alice: createdBefore as a date (YYYY-MM-DD)", "a", map[string]any{"createdBefore": "2025-05-07"}, sdkFilter{Before: day("2025-05-07")}},
		{"alice: meetingType all (legacy)", "a", map[string]any{"meetingType": "all"}, sdkFilter{MeetingType: "all"}},
		{"alice: meetingType internal (legacy)", "a", map[string]any{"meetingType": "internal"}, sdkFilter{MeetingType: "internal"}},
		{"alice: meetingType external (legacy)", "a", map[string]any{"meetingType": "external"}, sdkFilter{MeetingType: "external"}},
		{"alice: meetingType internal + one_or_more_external (contradiction)", "a", map[string]any{"meetingType": "internal", "calendarInviteesDomainsType": "one_or_more_external"}, sdkFilter{MeetingType: "internal", DomainsType: "one_or_more_external"}},
		{"alice: recordedBy [carol]", "a", map[string]any{"recordedBy": []string{"carol@acme.com"}}, sdkFilter{RecordedBy: []string{"carol@acme.com"}}},
		{"alice: recordedBy [bob, dave]", "a", map[string]any{"recordedBy": []string{"bob@acme.com", "dave@acme.com"}}, sdkFilter{RecordedBy: []string{"bob@acme.com", "dave@acme.com"}}},
		{"alice: recordedBy [guest] (guest rule: named, so returned)", "a", map[string]any{"recordedBy": []string{"guest@partner.io"}}, sdkFilter{RecordedBy: []string{"guest@partner.io"}}},
		{"alice: recordedBy [guest, alice]", "a", map[string]any{"recordedBy": []string{"guest@partner.io", "alice@acme.com"}}, sdkFilter{RecordedBy: []string{"guest@partner.io", "alice@acme.com"}}},
		{"alice: recordedBy [guest, carol] + teams [Sales] (guest rule: teams[] given)", "a", map[string]any{"recordedBy": []string{"guest@partner.io", "carol@acme.com"}, "teams": []string{"Sales"}}, sdkFilter{RecordedBy: []string{"guest@partner.io", "carol@acme.com"}, Teams: []string{"Sales"}}},
		{"alice: recordedBy [nobody@acme.com]", "a", map[string]any{"recordedBy": []string{"nobody@acme.com"}}, sdkFilter{RecordedBy: []string{"nobody@acme.com"}}},
		{"alice: teams [Sales]", "a", map[string]any{"teams": []string{"Sales"}}, sdkFilter{Teams: []string{"Sales"}}},
		{"alice: teams [Engineering]", "a", map[string]any{"teams": []string{"Engineering"}}, sdkFilter{Teams: []string{"Engineering"}}},
		{"alice: teams [Sales & Co] (needs %26)", "a", map[string]any{"teams": []string{"Sales & Co"}}, sdkFilter{Teams: []string{"Sales & Co"}}},
		{"alice: teams [Sales, Engineering]", "a", map[string]any{"teams": []string{"Sales", "Engineering"}}, sdkFilter{Teams: []string{"Sales", "Engineering"}}},
		{"alice: teams [No Such Team]", "a", map[string]any{"teams": []string{"No Such Team"}}, sdkFilter{Teams: []string{"No Such Team"}}},
		{"alice: teams [Sales] + one_or_more_external + createdAfter", "a", map[string]any{"teams": []string{"Sales"}, "calendarInviteesDomainsType": "one_or_more_external", "createdAfter": ts(3)}, sdkFilter{Teams: []string{"Sales"}, DomainsType: "one_or_more_external", After: sdkEnd(3)}},
		{"alice: calendarInviteesDomains [client.com] + recordedBy [guest, bob]", "a", map[string]any{"calendarInviteesDomains": []string{"client.com"}, "recordedBy": []string{"guest@partner.io", "bob@acme.com"}}, sdkFilter{Domains: []string{"client.com"}, RecordedBy: []string{"guest@partner.io", "bob@acme.com"}}},
		{"bob: teams [Sales]", "b", map[string]any{"teams": []string{"Sales"}}, sdkFilter{Teams: []string{"Sales"}}},
		{"bob: recordedBy [guest]", "b", map[string]any{"recordedBy": []string{"guest@partner.io"}}, sdkFilter{RecordedBy: []string{"guest@partner.io"}}},
		{"guest: recordedBy [guest] (own recordings)", "g", map[string]any{"recordedBy": []string{"guest@partner.io"}}, sdkFilter{RecordedBy: []string{"guest@partner.io"}}},
	}
	out := make([]sdkListCase, len(cases))
	for i, c := range cases {
		out[i] = sdkListCase{Name: c.name, Key: c.key, Request: c.req, Expected: c.f.expect(sdkPersonByShort(c.key), meetings)}
		if out[i].Expected == nil {
			out[i].Expected = []int64{}
		}
	}
	return out
}

// seedRateLimited gives the rate-limited server two fresh keys and a
// recording the heavy key's user can read.
func seedRateLimited(t *testing.T, s *testServer, limit, heavy int) sdkLimited {
	t.Helper()
	ctx := context.Background()
	key := func(email string) string {
		k, err := s.Tenants.CreateKey(ctx, tenant.CreateKeyParams{Tenant: "acme", UserEmail: email})
		if err != nil {
			t.Fatal(err)
		}
		return k.Secret
	}
	out := sdkLimited{BaseURL: s.URL + "/external/v1", ListKey: key("list@acme.com"), HeavyKey: key("heavy@acme.com"),
		Limit: limit, HeavyLimit: heavy}
	r := s.post(t, "/external/v1/recordings", key("ingest@acme.com"), mustJSON(map[string]any{
		"title": "Rate limit target", "recorded_by": "heavy@acme.com",
		"transcript": []map[string]any{{"speaker": map[string]any{"display_name": "Heavy"}, "text": "Just a short note.", "timestamp": "00:00:01"}},
	}))
	id, ok := r.Body["recording_id"].(float64)
	if r.Status != http.StatusCreated || !ok {
		t.Fatalf("ingest on the rate-limited server: %d %s", r.Status, r.Raw)
	}
	out.RecordingID = int64(id)
	return out
}
