package analytics

import (
	"cmp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/fathom-oss/fathom/internal/fathom"
)

// Groupings of a report.
const (
	ByPerson = "person"
	ByTeam   = "team"
)

// Row is one person's or one team's figures over the meetings of a report.
type Row struct {
	// Name is the person's display name (as first seen) or the team's
	// name; Email the person's ("" for a team, or for a speaker matched
	// to no invitee, who is then grouped by name).
	Name  string
	Email string
	// Side is a person's (fathom.Side*); "" for a team.
	Side string
	// Team is a person's team now ("" for none); a team row's own name.
	Team string
	// Meetings counts the meetings the person, or a member of the team,
	// spoke in; the *Talk figures of the meetings are over those alone.
	Meetings     int
	Talk         time.Duration // the person's or the team's members'
	MeetingTalk  time.Duration // everyone's in those meetings
	InternalTalk time.Duration
	ExternalTalk time.Duration
	UnknownTalk  time.Duration
	Turns        int
	Questions    int
	// Monologue is the longest, in MonologueMeetingID at MonologueAt, by
	// MonologueSpeaker (for a team, the member who held it).
	Monologue          time.Duration
	MonologueMeetingID int64
	MonologueAt        time.Duration
	MonologueSpeaker   string

	key      string
	lastSeen int64 // the last meeting counted, so that each counts once
}

// Share is the part of the meetings' talk that was the row's.
func (r *Row) Share() float64 { return fraction(r.Talk, r.MeetingTalk) }

// SideShare is the part of the meetings' talk that one side held.
func (r *Row) SideShare(side string) float64 {
	switch side {
	case fathom.SideInternal:
		return fraction(r.InternalTalk, r.MeetingTalk)
	case fathom.SideExternal:
		return fraction(r.ExternalTalk, r.MeetingTalk)
	}
	return fraction(r.UnknownTalk, r.MeetingTalk)
}

func fraction(part, whole time.Duration) float64 {
	if whole <= 0 {
		return 0
	}
	return float64(part) / float64(whole)
}

// Report sums meetings' analytics by person or by team. The zero value is
// not usable; make one with NewReport.
type Report struct {
	groupBy string
	team    string
	rows    map[string]*Row
	// Meetings counts the meetings added that had any speaker.
	Meetings int
}

// NewReport returns an empty report grouped by groupBy (ByPerson or
// ByTeam), kept to the people of team, or to team itself, when team is
// not "".
func NewReport(groupBy, team string) *Report {
	return &Report{groupBy: groupBy, team: team, rows: map[string]*Row{}}
}

// GroupBy is what the report groups by (ByPerson or ByTeam).
func (r *Report) GroupBy() string { return r.groupBy }

// Add counts one meeting. Its speakers carry their teams (TeamName).
func (r *Report) Add(a *fathom.MeetingAnalytics) {
	if len(a.Speakers) == 0 {
		return
	}
	r.Meetings++
	for _, s := range a.Speakers {
		if r.team != "" && s.TeamName != r.team {
			continue
		}
		key, name := personKey(s), s.Speaker
		if r.groupBy == ByTeam {
			if s.TeamID == 0 {
				continue
			}
			key, name = "team:"+strconv.FormatInt(s.TeamID, 10), s.TeamName
		}
		row := r.rows[key]
		if row == nil {
			row = &Row{key: key, Name: name, Team: s.TeamName}
			if r.groupBy == ByPerson {
				row.Email, row.Side = s.Email, s.Side
			}
			r.rows[key] = row
		}
		if row.Side == fathom.SideUnknown && s.Side != fathom.SideUnknown {
			row.Side = s.Side
		}
		if row.lastSeen != a.MeetingID {
			row.lastSeen = a.MeetingID
			row.Meetings++
			row.MeetingTalk += a.Talk()
			row.InternalTalk += a.SideTalk(fathom.SideInternal)
			row.ExternalTalk += a.SideTalk(fathom.SideExternal)
			row.UnknownTalk += a.SideTalk(fathom.SideUnknown)
		}
		row.Talk += s.Talk
		row.Turns += s.Turns
		row.Questions += s.Questions
		if s.Monologue > row.Monologue {
			row.Monologue, row.MonologueMeetingID, row.MonologueAt, row.MonologueSpeaker = s.Monologue, a.MeetingID, s.MonologueAt, s.Speaker
		}
	}
}

// personKey is who a speaker is across meetings: its email, or its name
// when it was matched to no invitee.
func personKey(s fathom.SpeakerTalk) string {
	if s.Email != "" {
		return "email:" + strings.ToLower(s.Email)
	}
	return "name:" + strings.ToLower(s.Speaker)
}

// Rows returns the rows, most talk first (then by name).
func (r *Report) Rows() []*Row {
	out := make([]*Row, 0, len(r.rows))
	for _, row := range r.rows {
		out = append(out, row)
	}
	slices.SortFunc(out, func(a, b *Row) int {
		return cmp.Or(cmp.Compare(b.Talk, a.Talk), cmp.Compare(a.Name, b.Name), cmp.Compare(a.key, b.key))
	})
	return out
}
