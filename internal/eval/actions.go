package eval

import (
	"fmt"
	"math/rand"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/fathom-oss/fathom/internal/fathom"
	"github.com/fathom-oss/fathom/internal/summary"
	"github.com/fathom-oss/fathom/internal/textproc"
)

// The action-item evaluation: QMSum's AMI meetings, their four speakers
// renamed to invitees with emails and teams, a meeting date set, and K
// lines rendered from an action pool inserted after random turns. The real
// extractor (summary.ActionItems, as the processing job calls it) runs on
// each, and each inserted line is looked for among the items at its time.
// The same meetings without insertions measure the items a real meeting
// gives, which are false items but for the few real commitments in them.

// actionPerson is one of the fixed cast the speakers are renamed to.
type actionPerson struct {
	First, Last, Team string
	External          bool // on the client's domain, with no team
}

// actionCast are ordinary first names, some on an external domain; the
// team is a fixed mapping, none for external people.
var actionCast = []actionPerson{
	{"Raj", "Mehta", "Engineering", false}, {"Dana", "Kowalski", "Sales", false},
	{"Maria", "Lopez", "Product", false}, {"Tom", "Becker", "Support", false},
	{"Priya", "Nair", "Engineering", false}, {"Luis", "Ortega", "", true},
	{"Emma", "Walsh", "Sales", false}, {"Kofi", "Mensah", "", true},
	{"Sara", "Lind", "Product", false}, {"Ben", "Cohen", "Support", false},
	{"Nina", "Petrova", "", true}, {"Omar", "Haddad", "Engineering", false},
}

func (p actionPerson) name() string { return p.First + " " + p.Last }

func (p actionPerson) email() string {
	if p.External {
		return strings.ToLower(p.First) + "@client.example"
	}
	return strings.ToLower(p.First+"."+p.Last) + "@fathom.example"
}

// ActionsConfig says how many lines go into each meeting and how often.
type ActionsConfig struct {
	PerMeeting int   // lines inserted into each copy of a meeting (default 4)
	Rounds     int   // copies of each meeting, each with its own lines (default 8)
	Seed       int64 // the seed of names, dates and insertions (default 1)
}

func (c ActionsConfig) withDefaults() ActionsConfig {
	if c.PerMeeting <= 0 {
		c.PerMeeting = 4
	}
	if c.Rounds <= 0 {
		c.Rounds = 8
	}
	if c.Seed == 0 {
		c.Seed = 1
	}
	return c
}

// ActionMiss is an inserted line the extractor did not get right.
type ActionMiss struct {
	Meeting, Line, Want, Got string
	Why                      string // "missed", "owner", "due"
}

// ActionsScore is the evaluation of one pool on some meetings.
type ActionsScore struct {
	Meetings, Copies  int
	Inserted, Found   int     // inserted lines, and those found (F1 ≥ ActionMatchF1 at their time)
	OwnerRight        int     // found with the right owner name and email
	TeamRight         int     // found with the right team ("" for an external owner)
	Exact             int     // found with exactly the expected description (due part removed)
	F1                float64 // mean description F1 over found lines
	WithDue, DueRight int     // found lines with a due phrase, and those with the right date
	NoDue, NoDueRight int     // found lines without one, and those with no date
	FalseItems        int     // items of the copies not matching an inserted line
	Untouched         int     // items of the meetings without insertions
	Misses            []ActionMiss
}

// ActionMatchF1 is the description F1 at which an extracted item at an
// inserted line's time counts as that line found.
const ActionMatchF1 = 0.6

// actionMeeting is one renamed meeting: its cast by speaker and its date.
type actionMeeting struct {
	items    []fathom.TranscriptItem
	cast     []actionPerson // the participants, one per speaker
	invitees []fathom.Invitee
	meta     summary.Meta
}

// prepareActionMeeting renames a meeting's speakers to cast members, gives
// every turn a time (QMSum has none: about 0.4 s a word, 2 s at least, so
// an inserted line fits between two turns), and sets the meeting's day.
func prepareActionMeeting(m QMSumMeeting, rng *rand.Rand) actionMeeting {
	order := rng.Perm(len(actionCast))
	bySpeaker := map[string]actionPerson{}
	var am actionMeeting
	am.meta = summary.Meta{Title: m.Title, Language: "en", Teams: map[string]string{},
		Date: time.Date(2026, 3, 2+rng.Intn(28), 10, 0, 0, 0, time.UTC)}
	var at time.Duration
	for _, it := range m.Items {
		p, ok := bySpeaker[it.Speaker]
		if !ok {
			p = actionCast[order[len(bySpeaker)%len(order)]]
			bySpeaker[it.Speaker] = p
			am.cast = append(am.cast, p)
		}
		it.Speaker, it.At = p.name(), at
		am.items = append(am.items, it)
		at += max(2*time.Second, time.Duration(len(strings.Fields(it.Text)))*400*time.Millisecond)
	}
	// One more invitee who never speaks, as on most calendar events.
	extra := actionCast[order[len(am.cast)%len(order)]]
	for _, p := range append(append([]actionPerson(nil), am.cast...), extra) {
		am.invitees = append(am.invitees, fathom.Invitee{Name: p.name(), Email: p.email(),
			EmailDomain: fathom.DomainOf(p.email()), External: p.External})
		if p.Team != "" {
			am.meta.Teams[p.email()] = p.Team
		}
	}
	return am
}

// meeting is the mi-th meeting of a run renamed and dated, and the
// random source its insertions go on with: the same for ScoreActions and
// UntouchedItems.
func (c ActionsConfig) meeting(m QMSumMeeting, mi int) (actionMeeting, *rand.Rand) {
	rng := rand.New(rand.NewSource(c.Seed*1_000_003 + int64(mi)))
	return prepareActionMeeting(m, rng), rng
}

// insertedLine is a line put into a meeting copy and what it should give.
type insertedLine struct {
	InsertedAction
	at    time.Duration
	owner actionPerson
	due   time.Time // zero when none
}

// insertActions puts k lines of pool into a copy of am's items after
// distinct random turns.
func insertActions(am actionMeeting, pool ActionPool, k int, rng *rand.Rand) ([]fathom.TranscriptItem, []insertedLine) {
	after := map[int]bool{}
	for len(after) < min(k, len(am.items)-1) {
		after[1+rng.Intn(len(am.items)-1)] = true
	}
	var lines []insertedLine
	var out []fathom.TranscriptItem
	tasks := rng.Perm(len(pool.Tasks)) // distinct tasks in a copy: the same task twice is one item
	next := 0
	for i, it := range am.items {
		out = append(out, it)
		if !after[i] || len(am.cast) < 2 {
			continue
		}
		s := rng.Intn(len(am.cast))
		n := (s + 1 + rng.Intn(len(am.cast)-1)) % len(am.cast)
		speaker, named := am.cast[s], am.cast[n]
		var ia InsertedAction
		for {
			var err error
			ia, err = pool.Render(pool.Templates[rng.Intn(len(pool.Templates))], pool.Tasks[tasks[next%len(tasks)]],
				pool.Dues[rng.Intn(len(pool.Dues))], speaker.First, named.First)
			if err == nil {
				next++
				break
			}
		}
		l := insertedLine{InsertedAction: ia, at: it.At + time.Second, owner: speaker}
		if ia.Owner == named.First {
			l.owner = named
		}
		l.due = resolveDueSpec(am.meta.Date, ia.DueSpec)
		lines = append(lines, l)
		out = append(out, fathom.TranscriptItem{Speaker: speaker.name(), Text: ia.Line, At: l.at})
	}
	return out, lines
}

// resolveDueSpec is the day a pool's due spec means for a meeting on day.
func resolveDueSpec(day time.Time, spec string) time.Time {
	kind, arg, _ := strings.Cut(spec, ":")
	d := time.Date(day.Year(), day.Month(), day.Day(), 0, 0, 0, 0, day.Location())
	switch kind {
	case "days":
		n, err := strconv.Atoi(arg)
		if err != nil {
			return time.Time{}
		}
		return d.AddDate(0, 0, n)
	case "weekday":
		for i := 1; i <= 7; i++ {
			if x := d.AddDate(0, 0, i); strings.EqualFold(x.Weekday().String(), arg) {
				return x
			}
		}
	}
	return time.Time{}
}

// ScoreActions runs the evaluation of pool on meetings ms.
func ScoreActions(ms []QMSumMeeting, pool ActionPool, cfg ActionsConfig) ActionsScore {
	cfg = cfg.withDefaults()
	var s ActionsScore
	for mi, m := range ms {
		am, rng := cfg.meeting(m, mi)
		s.Meetings++
		s.Untouched += len(summary.ActionItems(am.items, am.invitees, am.meta))
		for range cfg.Rounds {
			items, lines := insertActions(am, pool, cfg.PerMeeting, rng)
			got := summary.ActionItems(items, am.invitees, am.meta)
			s.Copies++
			s.score(m.Name, lines, got)
		}
	}
	return s
}

// score matches one copy's items to its inserted lines.
func (s *ActionsScore) score(meeting string, lines []insertedLine, got []fathom.ActionItem) {
	used := make([]bool, len(got))
	for _, l := range lines {
		s.Inserted++
		best, bestF1 := -1, 0.0
		for j, a := range got {
			if used[j] || a.At != l.at {
				continue
			}
			if f := descriptionF1(a.Description, l.Description, l.DueText); f > bestF1 {
				best, bestF1 = j, f
			}
		}
		if best < 0 || bestF1 < ActionMatchF1 {
			g := ""
			if best >= 0 {
				g = got[best].Description
			}
			s.Misses = append(s.Misses, ActionMiss{Meeting: meeting, Line: l.Line, Want: l.Description, Got: g, Why: "missed"})
			continue
		}
		used[best] = true
		a := got[best]
		s.Found++
		s.F1 += bestF1
		if withoutDue(a.Description, l.DueText) == normDescription(l.Description) {
			s.Exact++
		}
		if a.AssigneeName == l.owner.name() && a.AssigneeEmail == l.owner.email() {
			s.OwnerRight++
		} else {
			s.Misses = append(s.Misses, ActionMiss{Meeting: meeting, Line: l.Line, Want: l.owner.name(),
				Got: a.AssigneeName + " <" + a.AssigneeEmail + ">", Why: "owner"})
		}
		if a.AssigneeTeam == l.owner.Team {
			s.TeamRight++
		}
		if l.due.IsZero() {
			s.NoDue++
			if a.Due.IsZero() {
				s.NoDueRight++
			}
		} else {
			s.WithDue++
			if a.Due.Equal(l.due) {
				s.DueRight++
			} else {
				s.Misses = append(s.Misses, ActionMiss{Meeting: meeting, Line: l.Line, Want: l.due.Format("Mon 2 Jan"),
					Got: a.Description + " / " + a.Due.Format("Mon 2 Jan"), Why: "due"})
			}
		}
	}
	for _, u := range used {
		if !u {
			s.FalseItems++
		}
	}
}

// ActionAudited is an item of a meeting without insertions and the line
// it was read from, for an audit by hand.
type ActionAudited struct {
	Meeting string
	Item    fathom.ActionItem
	Line    string // "speaker: text"
}

// UntouchedItems extracts the items of the meetings without insertions,
// renamed and dated as ScoreActions does.
func UntouchedItems(ms []QMSumMeeting, cfg ActionsConfig) []ActionAudited {
	cfg = cfg.withDefaults()
	var out []ActionAudited
	for mi, m := range ms {
		am, _ := cfg.meeting(m, mi)
		for _, a := range summary.ActionItems(am.items, am.invitees, am.meta) {
			line := ""
			for _, it := range am.items {
				if it.At == a.At {
					line = it.Speaker + ": " + it.Text
				}
			}
			out = append(out, ActionAudited{Meeting: m.Name, Item: a, Line: line})
		}
	}
	return out
}

// resolvedDate is a date appended to a description ("…, 10 December"),
// removed before descriptions are compared should an extractor add one.
var resolvedDate = regexp.MustCompile(`,? *(\(?(monday|tuesday|wednesday|thursday|friday|saturday|sunday),? *)?\d{1,2} (january|february|march|april|may|june|july|august|september|october|november|december)\)?$`)

// withoutDue removes from a description a resolved date appended to it and
// the inserted line's own due phrase (due, as the pool wrote it: "by COB
// Thursday"), wherever it stands, as whole words: the due date is scored
// on its own, from the item's Due. Only the phrase the line said is
// removed, so a description that keeps part of it, or other words of time,
// is compared with them.
func withoutDue(d, due string) string {
	ws := strings.Fields(normDescription(d))
	if dw := strings.Fields(normDescription(due)); len(dw) > 0 {
		for i := len(ws) - len(dw); i >= 0; i-- {
			if slices.Equal(ws[i:i+len(dw)], dw) {
				ws = append(ws[:i:i], ws[i+len(dw):]...)
				break
			}
		}
	}
	return strings.TrimSpace(resolvedDate.ReplaceAllString(strings.Join(ws, " "), ""))
}

// normDescription lower-cases a description and drops its punctuation, for
// the exact comparison.
func normDescription(d string) string {
	return strings.Join(strings.Fields(strings.Map(func(r rune) rune {
		if strings.ContainsRune(",.;:!?", r) {
			return ' '
		}
		return r
	}, strings.ToLower(d))), " ")
}

// descriptionF1 is the F1 of the content terms (textproc.Terms: stemmed,
// without stop words) of an extracted description, the line's due phrase
// removed, and the expected one: ROUGE-1 over those terms.
func descriptionF1(got, want, due string) float64 {
	return RougeN(textproc.Terms(withoutDue(got, due)), textproc.Terms(normDescription(want)), 1).F1
}

// String is the score as a Markdown table.
func (s ActionsScore) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "| measure | value |\n|---|---|\n")
	fmt.Fprintf(&b, "| meetings (copies) | %d (%d) |\n", s.Meetings, s.Copies)
	fmt.Fprintf(&b, "| recall (found / inserted) | %.3f (%d / %d) |\n", ratio(s.Found, s.Inserted), s.Found, s.Inserted)
	fmt.Fprintf(&b, "| owner accuracy, name and email (of found) | %.3f (%d) |\n", ratio(s.OwnerRight, s.Found), s.OwnerRight)
	fmt.Fprintf(&b, "| team accuracy (of found) | %.3f (%d) |\n", ratio(s.TeamRight, s.Found), s.TeamRight)
	fmt.Fprintf(&b, "| description exact (of found) | %.3f (%d) |\n", ratio(s.Exact, s.Found), s.Exact)
	fmt.Fprintf(&b, "| description F1 (mean over found) | %.3f |\n", s.F1/float64(max(s.Found, 1)))
	fmt.Fprintf(&b, "| due date right (of found with a due phrase) | %.3f (%d / %d) |\n", ratio(s.DueRight, s.WithDue), s.DueRight, s.WithDue)
	fmt.Fprintf(&b, "| no date when none said (of found without) | %.3f (%d / %d) |\n", ratio(s.NoDueRight, s.NoDue), s.NoDueRight, s.NoDue)
	fmt.Fprintf(&b, "| other items per copy | %.2f |\n", float64(s.FalseItems)/float64(max(s.Copies, 1)))
	fmt.Fprintf(&b, "| items per untouched meeting | %.2f (%d) |\n", float64(s.Untouched)/float64(max(s.Meetings, 1)), s.Untouched)
	return b.String()
}
