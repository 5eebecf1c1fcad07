package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"github.com/fathom-oss/fathom/client"
	"github.com/fathom-oss/fathom/internal/app"
	"github.com/fathom-oss/fathom/internal/fathom"
	"github.com/fathom-oss/fathom/internal/job"
	"github.com/fathom-oss/fathom/internal/meeting"
	"github.com/fathom-oss/fathom/internal/store"
	"github.com/fathom-oss/fathom/internal/tenant"
	"github.com/fathom-oss/fathom/internal/transcript"
)

const syncSynopsis = `sync --url SOURCE (--key K | --token T | --gateway-key G [--connection C]) [flags]

Copies a Fathom account into this server's data directory: teams, members and
meetings with their transcripts, summaries and action items. The source is
Fathom's hosted API (--url https://api.fathom.ai), a gateway
(--url https://gateway.maton.ai/fathom --gateway-key ...), or another
Fathom-compatible server. A run continues from the newest meeting of the last
complete run (with an hour of overlap); every meeting is keyed by its source
and recording id, so an interrupted run can simply be started again and a
second run adds nothing. Requests are paced to Fathom's limits unless
--no-rate-limit is given. The server may be running meanwhile: it processes
what sync adds.`

func runSync(ctx context.Context, env *environment, args []string) error {
	fs := flagSet(env, "sync", syncSynopsis)
	var r remote
	r.register(fs, env)
	tenantName := fs.String("tenant", tenant.DefaultTenant, "local tenant (workspace) to copy into")
	full := fs.Bool("full", false, "ignore the watermark and list every meeting again")
	create := createFlag(fs)
	cfg, err := loadConfig(env, fs, args, false)
	if err != nil {
		return err
	}
	src, err := r.client()
	if err != nil {
		return err
	}
	db, err := openAdmin(ctx, env, cfg, *create)
	if err != nil {
		return err
	}
	defer db.Close()
	s, err := newSyncer(ctx, env, db, *tenantName, r.url)
	if err != nil {
		return err
	}
	if !*full {
		s.loadWatermark(cfg.DataDir)
	}
	start := time.Now()
	runErr := s.run(ctx, src)
	fmt.Fprintf(env.stdout, "Synced from %s in %s: %d teams, %d members, %d new meetings, %d already here.\n",
		r.url, time.Since(start).Round(time.Millisecond), s.teams, s.members, s.created, s.existing)
	if runErr != nil {
		return fmt.Errorf("stopped early (run it again to continue): %w", clientError(runErr))
	}
	return s.saveWatermark(cfg.DataDir)
}

type syncer struct {
	env       *environment
	svc       *meeting.Service
	db        store.Store
	tenantID  int64
	caller    *meeting.Caller
	source    string // identifies the source in external keys and the state file
	since     time.Time
	newest    time.Time
	knownTeam map[string]bool
	progress  *progress

	teams, members, created, existing int
}

func newSyncer(ctx context.Context, env *environment, db *app.Database, tenantName, url string) (*syncer, error) {
	q, err := job.New(db.Jobs, job.Config{}) // insert-only: the server's workers process
	if err != nil {
		return nil, err
	}
	svc := meeting.NewService(meeting.Deps{Store: db, Queue: q}, meeting.Config{})
	tn, err := tenantNamed(ctx, db, tenantName)
	if err != nil {
		return nil, err
	}
	sum := sha256.Sum256([]byte(url))
	s := &syncer{env: env, svc: svc, db: db, tenantID: tn.ID, source: hex.EncodeToString(sum[:6]), knownTeam: map[string]bool{}}
	me, err := svc.PutUser(ctx, meeting.PutUserParams{TenantID: tn.ID, Email: "sync@localhost", Name: "fathom sync"})
	if err != nil {
		return nil, err
	}
	if s.caller, err = svc.Caller(ctx, &fathom.Principal{TenantID: tn.ID, UserID: me.ID}, false); err != nil {
		return nil, err
	}
	return s, nil
}

func (s *syncer) run(ctx context.Context, src *client.Client) error {
	for t, err := range src.Teams(ctx) {
		if err != nil {
			return err
		}
		if _, err := s.svc.CreateTeam(ctx, s.tenantID, t.Name); err != nil && fathom.ErrorCode(err) != fathom.ECONFLICT {
			return err
		}
		s.knownTeam[t.Name] = true
		s.teams++
		for m, err := range src.TeamMembers(ctx, t.Name) {
			if err != nil {
				return err
			}
			if _, err := s.svc.PutUser(ctx, meeting.PutUserParams{TenantID: s.tenantID, Email: m.Email, Name: m.Name, Team: t.Name}); err != nil {
				return err
			}
			s.members++
		}
	}
	q := client.MeetingsQuery{IncludeTranscript: true, IncludeSummary: true, IncludeActionItems: true}
	if !s.since.IsZero() {
		q.CreatedAfter = s.since.Add(-time.Hour)
	}
	s.progress = newProgress(s.env.stderr, 0)
	s.progress.unit = "meetings"
	defer s.progress.done()
	for m, err := range src.Meetings(ctx, q) {
		if err != nil {
			return err
		}
		if err := s.copy(ctx, &m); err != nil {
			return fmt.Errorf("recording %d: %w", m.RecordingID, err)
		}
		s.progress.add()
	}
	return nil
}

// copy stores one source meeting, making its recorder a user if needed.
func (s *syncer) copy(ctx context.Context, m *client.Meeting) error {
	rec := m.RecordedBy
	team := deref(rec.Team)
	if !s.knownTeam[team] {
		team = "" // a team the source did not list (e.g. a guest's)
	}
	if _, err := s.db.UserGetByEmail(ctx, s.tenantID, rec.Email); errors.Is(err, store.ErrNotFound) {
		if _, err := s.svc.PutUser(ctx, meeting.PutUserParams{TenantID: s.tenantID, Email: rec.Email, Name: rec.Name, Team: team}); err != nil {
			return err
		}
	} else if err != nil {
		return err
	}
	p := meeting.IngestParams{ExternalKey: "sync:" + s.source + ":" + strconv.FormatInt(m.RecordingID, 10),
		Title: m.Title, MeetingTitle: deref(m.MeetingTitle), MeetingType: deref(m.MeetingType), MeetingURL: deref(m.MeetingURL),
		RecordedBy: rec.Email, ScheduledStart: m.ScheduledStartTime, ScheduledEnd: m.ScheduledEndTime,
		RecordingStart: m.RecordingStartTime, RecordingEnd: m.RecordingEndTime, Language: m.TranscriptLanguage,
		ShareAllTeams: m.SharedWith == "all_teams"}
	if team != "" && (m.SharedWith == "single_team" || m.SharedWith == "multiple_teams") {
		p.ShareTeams = []string{team}
	}
	for _, inv := range m.CalendarInvitees {
		p.Invitees = append(p.Invitees, meeting.InviteeParams{Name: deref(inv.Name), Email: deref(inv.Email)})
	}
	for _, it := range m.Transcript {
		at, err := transcript.ParseTimestamp(it.Timestamp)
		if err != nil {
			return err
		}
		p.Transcript = append(p.Transcript, fathom.TranscriptItem{Speaker: it.Speaker.DisplayName,
			SpeakerEmail: deref(it.Speaker.MatchedCalendarInviteeEmail), Text: it.Text, At: at})
	}
	if sm := m.DefaultSummary; sm != nil && sm.MarkdownFormatted != nil {
		p.Summary = &fathom.Summary{TemplateName: deref(sm.TemplateName), Markdown: *sm.MarkdownFormatted}
		p.ActionItems = []fathom.ActionItem{}
		for _, a := range m.ActionItems {
			at, _ := transcript.ParseTimestamp(a.RecordingTimestamp)
			p.ActionItems = append(p.ActionItems, fathom.ActionItem{Description: a.Description, UserGenerated: a.UserGenerated,
				Completed: a.Completed, At: at, AssigneeName: deref(a.Assignee.Name), AssigneeEmail: deref(a.Assignee.Email),
				AssigneeTeam: deref(a.Assignee.Team)})
		}
	}
	_, created, err := s.svc.Ingest(ctx, s.caller, p)
	if err != nil {
		return err
	}
	if created {
		s.created++
	} else {
		s.existing++
	}
	if m.CreatedAt.After(s.newest) {
		s.newest = m.CreatedAt
	}
	return nil
}

// The watermark is the newest meeting of the last complete run, kept in
// the data directory per source.
func (s *syncer) statePath(dataDir string) string {
	return filepath.Join(dataDir, "sync-"+s.source+".json")
}

func (s *syncer) loadWatermark(dataDir string) {
	var st struct {
		Watermark time.Time `json:"watermark"`
	}
	if b, err := os.ReadFile(s.statePath(dataDir)); err == nil && json.Unmarshal(b, &st) == nil {
		s.since = st.Watermark
	}
}

func (s *syncer) saveWatermark(dataDir string) error {
	w := s.since
	if s.newest.After(w) {
		w = s.newest
	}
	b, _ := json.Marshal(map[string]time.Time{"watermark": w})
	return os.WriteFile(s.statePath(dataDir), b, 0o600)
}
