package eval

import (
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
)

var (
	actionDueSpec = regexp.MustCompile(`^(weekday:(monday|tuesday|wednesday|thursday|friday|saturday|sunday)|days:[0-9]+)$`)
	actionWeekday = regexp.MustCompile(`(?i)\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b`)
	// actionDayWord is a word that names a day: a task holding one would
	// make a line's due date depend on more than its due phrase.
	actionDayWord       = regexp.MustCompile(`(?i)\b(today|tonight|tomorrow|monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april|may|june|july|august|september|october|november|december|week|weekend)\b`)
	actionRecipientWord = map[string]*regexp.Regexp{
		"you": regexp.MustCompile(`\byou\b`),
		"me":  regexp.MustCompile(`\bme\b`),
	}
)

// actionPoolShape is what one action pool must hold beyond the checks every
// pool gets: its least sizes, and the stricter rules its writer promised.
type actionPoolShape struct {
	templates, tasks, dues int  // least sizes
	kinds                  int  // least templates of each owner/recipient kind
	fewR                   bool // fewer than a quarter of the tasks may take {R}
	noDayInTask            bool // no task names a day
	baseForm               bool // tasks in base form without punctuation
	dueWords               bool // a due phrase's words agree with its spec
}

// actionPoolShapes hold every registered pool; a pool registered without a
// shape fails the test.
var actionPoolShapes = map[string]actionPoolShape{
	"develop":   {templates: 30, tasks: 30, dues: 10, fewR: true, noDayInTask: true, baseForm: true, dueWords: true},
	"report":    {templates: 40, tasks: 40, dues: 12, noDayInTask: true, baseForm: true},
	"fresh":     {templates: 45, tasks: 45, dues: 12, baseForm: true},
	"newcomer":  {templates: 40, tasks: 30, dues: 15, kinds: 5, noDayInTask: true, dueWords: true},
	"latecomer": {templates: 40, tasks: 30, dues: 15, kinds: 5, noDayInTask: true, baseForm: true},
}

// Every pool's templates end a sentence, at least half take a due phrase
// but not all, each owner holds a third of them; a quarter to a half of the
// tasks take {R} and start in lower case; and every template, task and due
// phrase renders into at least actionPoolLines distinct lines.
const (
	actionSentenceEnds = ".?"
	actionPoolLines    = 1000
)

// TestActionPoolShapes checks every registered action pool without scoring
// it: registered, large enough for the harness, owners and recipients that
// can go together, well-formed tasks and due specs, nothing twice, and every
// template rendered with every task that fits it and every due phrase,
// with no slot left and the owner, recipient and due it declares.
func TestActionPoolShapes(t *testing.T) {
	for name := range actionPoolShapes {
		if !slices.Contains(ActionPoolNames(), name) {
			t.Errorf("ActionPoolNames() = %v, want %s among them", ActionPoolNames(), name)
		}
	}
	for i, p := range actionPools {
		// Only the first pool, the one the extractor is tuned on, runs on
		// the develop split; a name is registered once.
		if want := map[bool]string{true: "develop", false: "report"}[i == 0]; p.Split != want {
			t.Errorf("pool %s runs on the %q split, want %q", p.Name, p.Split, want)
		}
		if slices.Index(ActionPoolNames(), p.Name) != i {
			t.Errorf("pool %s is registered twice", p.Name)
		}
	}
	for _, name := range ActionPoolNames() {
		t.Run(name, func(t *testing.T) {
			shape, ok := actionPoolShapes[name]
			if !ok {
				t.Fatalf("pool %s has no shape to check", name)
			}
			p, ok := LookupActionPool(name)
			if !ok {
				t.Fatalf("%s pool not registered", name)
			}
			if len(p.Templates) < shape.templates || len(p.Tasks) < shape.tasks || len(p.Dues) < shape.dues {
				t.Fatalf("pool too small: %d templates, %d tasks, %d dues", len(p.Templates), len(p.Tasks), len(p.Dues))
			}
			checkActionTemplates(t, p, shape)
			checkActionTasks(t, p, shape)
			checkActionDues(t, p, shape)
			checkActionLines(t, p)
		})
	}
}

func checkActionTemplates(t *testing.T, p ActionPool, shape actionPoolShape) {
	t.Helper()
	seen := map[string]bool{}
	withDue, byOwner, kinds := 0, map[string]int{}, map[string]int{}
	for _, tp := range p.Templates {
		if seen[tp.Text] {
			t.Errorf("duplicate template %q", tp.Text)
		}
		seen[tp.Text] = true
		if strings.Count(tp.Text, "{task}") != 1 || strings.Count(tp.Text, "{due}") > 1 {
			t.Errorf("template %q: want one {task} and at most one {due}", tp.Text)
		}
		if rest := strings.NewReplacer("{A}", "", "{task}", "", "{due}", "").Replace(tp.Text); strings.ContainsAny(rest, "{}") {
			t.Errorf("template %q has a slot other than {A}, {task}, {due}", tp.Text)
		}
		if !strings.ContainsAny(tp.Text[len(tp.Text)-1:], actionSentenceEnds) {
			t.Errorf("template %q does not end a sentence", tp.Text)
		}
		if strings.Contains(tp.Text, "{due}") {
			withDue++
		}
		switch {
		case tp.Owner != "speaker" && tp.Owner != "named":
			t.Errorf("template %q: owner %q", tp.Text, tp.Owner)
		case tp.Recipient != "you" && tp.Recipient != "me" && tp.Recipient != "":
			t.Errorf("template %q: recipient %q", tp.Text, tp.Recipient)
		case tp.Owner == "speaker" && tp.Recipient == "me", tp.Owner == "named" && tp.Recipient == "you":
			t.Errorf("template %q: owner %q cannot give the task to %q", tp.Text, tp.Owner, tp.Recipient)
		case (tp.Owner == "named" || tp.Recipient == "you") && !strings.Contains(tp.Text, "{A}"):
			t.Errorf("template %q names no {A}", tp.Text)
		}
		byOwner[tp.Owner]++
		kinds[tp.Owner+"/"+tp.Recipient]++
	}
	if withDue < len(p.Templates)/2 || withDue == len(p.Templates) {
		t.Errorf("%d of %d templates take a due phrase, want at least half and not all", withDue, len(p.Templates))
	}
	if byOwner["speaker"] < len(p.Templates)/3 || byOwner["named"] < len(p.Templates)/3 {
		t.Errorf("owners %v: want both kinds, each at least a third", byOwner)
	}
	for _, k := range []string{"speaker/you", "speaker/", "named/me", "named/"} {
		if kinds[k] < shape.kinds {
			t.Errorf("only %d templates of kind %s, want %d at least", kinds[k], k, shape.kinds)
		}
	}
}

func checkActionTasks(t *testing.T, p ActionPool, shape actionPoolShape) {
	t.Helper()
	seen := map[string]bool{}
	withR := 0
	for _, k := range p.Tasks {
		if seen[k.Text] {
			t.Errorf("duplicate task %q", k.Text)
		}
		seen[k.Text] = true
		if strings.Contains(k.Text, "{R}") {
			withR++
		}
		if strings.Count(k.Text, "{")-strings.Count(k.Text, "{R}") != 0 || strings.Count(k.Text, "}")-strings.Count(k.Text, "{R}") != 0 || strings.Count(k.Text, "{R}") > 1 {
			t.Errorf("task %q: want at most one slot, {R}", k.Text)
		}
		if k.Text != strings.ToLower(k.Text[:1])+k.Text[1:] {
			t.Errorf("task %q does not start in lower case", k.Text)
		}
		if w := actionDayWord.FindString(k.Text); shape.noDayInTask && w != "" {
			t.Errorf("task %q names a day (%q)", k.Text, w)
		}
		if shape.baseForm {
			if strings.ContainsAny(k.Text, ".?") || k.Text != strings.TrimSpace(k.Text) {
				t.Errorf("task %q: stray punctuation or space", k.Text)
			}
			if first := strings.Fields(k.Text)[0]; strings.HasSuffix(first, "ing") || strings.HasSuffix(first, "ed") {
				t.Errorf("task %q: not in base form", k.Text)
			}
		}
	}
	if withR*4 < len(p.Tasks) && !shape.fewR || withR > len(p.Tasks)/2 {
		t.Errorf("%d of %d tasks take {R}, want a quarter to a half", withR, len(p.Tasks))
	}
}

func checkActionDues(t *testing.T, p ActionPool, shape actionPoolShape) {
	t.Helper()
	seen := map[string]bool{}
	meeting := time.Date(2026, 3, 11, 10, 0, 0, 0, time.UTC) // a Wednesday
	for _, d := range p.Dues {
		if seen[d.Text] {
			t.Errorf("duplicate due %q", d.Text)
		}
		seen[d.Text] = true
		if !actionDueSpec.MatchString(d.Spec) {
			t.Errorf("due %q: spec %q", d.Text, d.Spec)
			continue
		}
		if day := resolveDueSpec(meeting, d.Spec); day.IsZero() || !day.After(meeting.AddDate(0, 0, -1)) {
			t.Errorf("due %q: spec %q resolves to %v", d.Text, d.Spec, day)
		}
		if !shape.dueWords {
			continue
		}
		// A due phrase naming a weekday means that weekday; "today" and
		// "tonight" the day itself; "tomorrow" the next day.
		text := strings.ToLower(d.Text)
		switch w := actionWeekday.FindString(text); {
		case w != "":
			if d.Spec != "weekday:"+strings.ToLower(w) {
				t.Errorf("due %q names %s but its spec is %q", d.Text, w, d.Spec)
			}
		case strings.Contains(text, "tomorrow"):
			if d.Spec != "days:1" {
				t.Errorf("due %q: spec %q, want days:1", d.Text, d.Spec)
			}
		case strings.Contains(text, "today"), strings.Contains(text, "tonight"):
			if d.Spec != "days:0" {
				t.Errorf("due %q: spec %q, want days:0", d.Text, d.Spec)
			}
		case strings.HasPrefix(d.Spec, "weekday:"):
			t.Errorf("due %q names no weekday but its spec is %q", d.Text, d.Spec)
		}
	}
}

// checkActionLines renders every template with every task that fits it and
// every due phrase (one when the template takes none) and checks the lines
// and what they should give.
func checkActionLines(t *testing.T, p ActionPool) {
	t.Helper()
	const speaker, named = "Maya", "Tomas"
	lines := map[string]bool{}
	for _, tp := range p.Templates {
		for _, k := range p.Tasks {
			fits := tp.Recipient != "" || !strings.Contains(k.Text, "{R}")
			for _, d := range p.Dues {
				got, err := p.Render(tp, k, d, speaker, named)
				if !fits {
					if err == nil {
						t.Errorf("template %q rendered task %q, which does not fit", tp.Text, k.Text)
					}
					break
				}
				if err != nil {
					t.Errorf("render %q with %q: %v", tp.Text, k.Text, err)
					break
				}
				checkActionLine(t, tp, k, d, got, speaker, named)
				if lines[got.Line] {
					t.Errorf("duplicate line %q", got.Line)
				}
				lines[got.Line] = true
				if !strings.Contains(tp.Text, "{due}") {
					break
				}
			}
		}
	}
	if len(lines) < actionPoolLines {
		t.Errorf("only %d distinct lines, want %d", len(lines), actionPoolLines)
	}
}

func checkActionLine(t *testing.T, tp ActionTemplate, k ActionTask, d ActionDue, got InsertedAction, speaker, named string) {
	t.Helper()
	if strings.ContainsAny(got.Line, "{}") || strings.ContainsAny(got.Description, "{}") {
		t.Errorf("slot left: line %q, description %q", got.Line, got.Description)
	}
	if want := map[string]string{"speaker": speaker, "named": named}[tp.Owner]; got.Owner != want {
		t.Errorf("line %q: owner %q, want %q", got.Line, got.Owner, want)
	}
	if strings.Contains(tp.Text, "{A}") != strings.Contains(got.Line, named) {
		t.Errorf("line %q: %s said %v, want %v", got.Line, named, !strings.Contains(tp.Text, "{A}"), strings.Contains(tp.Text, "{A}"))
	}
	if strings.Contains(tp.Text, "{due}") {
		if got.DueSpec != d.Spec || got.DueText != d.Text || !strings.Contains(got.Line, d.Text) {
			t.Errorf("line %q: due %q (%q), want %q (%q) said", got.Line, got.DueText, got.DueSpec, d.Text, d.Spec)
		}
	} else if got.DueSpec != "" || got.DueText != "" {
		t.Errorf("line %q: due %q (%q), want none", got.Line, got.DueText, got.DueSpec)
	}
	if strings.Contains(k.Text, "{R}") {
		want := map[string]string{"you": named, "me": speaker}[tp.Recipient]
		if !strings.Contains(got.Description, want) || !actionRecipientWord[tp.Recipient].MatchString(got.Line) {
			t.Errorf("line %q: description %q, want %s named and %q said", got.Line, got.Description, want, tp.Recipient)
		}
	}
	if got.Description == "" || strings.Contains(got.Description, d.Text) {
		t.Errorf("line %q: description %q", got.Line, got.Description)
	}
}
