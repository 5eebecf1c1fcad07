package fathom

import "time"

// Sides of a meeting a speaker talks for.
const (
	SideInternal = "internal" // matched to an invitee inside the workspace
	SideExternal = "external" // matched to an external invitee
	SideUnknown  = "unknown"  // matched to no invitee
)

// SpeakerTalk is what one speaker of a meeting said, measured: the
// analytics of a meeting are one per speaker, in the order each first
// spoke.
type SpeakerTalk struct {
	Speaker string // display name, as the transcript first gives it
	Email   string // the invitee the speaker was matched to, or ""
	Side    string // SideInternal, SideExternal or SideUnknown
	// Talk is the time the speaker held the floor; Turns the transcript
	// items that make it up; Questions the questions they asked.
	Talk      time.Duration
	Turns     int
	Questions int
	// Monologue is the speaker's longest run of consecutive items, and
	// MonologueAt the offset at which it started.
	Monologue   time.Duration
	MonologueAt time.Duration

	// TeamID and TeamName are the team, now, of the workspace user whose
	// email is Email; filled only by reads across meetings (0 and "": no
	// such user, or no team).
	TeamID   int64
	TeamName string
}

// MeetingAnalytics are a meeting's talk-time figures, derived when it is
// processed and stored so that reports across meetings never read
// transcripts.
type MeetingAnalytics struct {
	MeetingID int64
	TenantID  int64
	// CreatedAt is the meeting's; filled by reads across meetings.
	CreatedAt time.Time
	// Length is the recording's length (zero when unknown).
	Length   time.Duration
	Speakers []SpeakerTalk
}

// Talk is the time every speaker together held the floor.
func (a *MeetingAnalytics) Talk() time.Duration {
	var d time.Duration
	for _, s := range a.Speakers {
		d += s.Talk
	}
	return d
}

// SideTalk is the time the speakers of one side held the floor.
func (a *MeetingAnalytics) SideTalk(side string) time.Duration {
	var d time.Duration
	for _, s := range a.Speakers {
		if s.Side == side {
			d += s.Talk
		}
	}
	return d
}

// LongestMonologue returns the index in Speakers of the speaker with the
// longest monologue (the earliest on a tie), or -1 when nobody spoke for
// any time.
func (a *MeetingAnalytics) LongestMonologue() int {
	best := -1
	for i, s := range a.Speakers {
		if s.Monologue <= 0 {
			continue
		}
		if best < 0 || s.Monologue > a.Speakers[best].Monologue ||
			(s.Monologue == a.Speakers[best].Monologue && s.MonologueAt < a.Speakers[best].MonologueAt) {
			best = i
		}
	}
	return best
}
