package eval

import (
	"regexp"
	"strings"
	"testing"
)

var actionRecipientWord = map[string]*regexp.Regexp{
	"you": regexp.MustCompile(`\byou\b`),
	"me":  regexp.MustCompile(`\bme\b`),
}

var actionDueSpec = regexp.MustCompile(`^(weekday:(monday|tuesday|wednesday|thursday|friday|saturday|sunday)|days:[0-9]+)$`)

// TestActionPoolReportRenders renders every template of the report pool with
// every task that fits it and every due phrase, and checks the line and what
// it means: no slot left, the owner and recipient as the template says.
func TestActionPoolReportRenders(t *testing.T) {
	p, ok := LookupActionPool("report")
	if !ok {
		t.Fatal("the report pool is not registered")
	}
	if len(p.Templates) < 40 || len(p.Tasks) < 40 || len(p.Dues) < 12 {
		t.Fatalf("pool too small: %d templates, %d tasks, %d dues", len(p.Templates), len(p.Tasks), len(p.Dues))
	}
	const speaker, named = "Priya", "Tomas"
	for _, tm := range p.Templates {
		checkReportTemplate(t, tm)
		for _, k := range p.Tasks {
			hasR := strings.Contains(k.Text, "{R}")
			for _, d := range p.Dues {
				got, err := p.Render(tm, k, d, speaker, named)
				if hasR && tm.Recipient == "" {
					if err == nil {
						t.Errorf("%q with %q: want a misfit error", tm.Text, k.Text)
					}
					continue
				}
				if err != nil {
					t.Errorf("%q with %q: %v", tm.Text, k.Text, err)
					continue
				}
				checkReportRendered(t, tm, k, d, got, speaker, named)
			}
		}
	}
}

func checkReportTemplate(t *testing.T, tm ActionTemplate) {
	t.Helper()
	if strings.Count(tm.Text, "{task}") != 1 {
		t.Errorf("%q: want exactly one {task}", tm.Text)
	}
	switch tm.Owner {
	case "speaker":
		if tm.Recipient == "me" {
			t.Errorf("%q: a speaker's own task cannot go to \"me\"", tm.Text)
		}
	case "named":
		if !strings.Contains(tm.Text, "{A}") {
			t.Errorf("%q: owned by {A} but does not name {A}", tm.Text)
		}
		if tm.Recipient == "you" {
			t.Errorf("%q: {A}'s own task cannot go to \"you\"", tm.Text)
		}
	default:
		t.Errorf("%q: owner %q", tm.Text, tm.Owner)
	}
	switch tm.Recipient {
	case "", "me":
	case "you":
		if !strings.Contains(tm.Text, "{A}") {
			t.Errorf("%q: \"you\" without {A} addressed", tm.Text)
		}
	default:
		t.Errorf("%q: recipient %q", tm.Text, tm.Recipient)
	}
	if !strings.ContainsAny(tm.Text[len(tm.Text)-1:], ".?") {
		t.Errorf("%q: does not end a sentence", tm.Text)
	}
}

func checkReportRendered(t *testing.T, tm ActionTemplate, k ActionTask, d ActionDue, got InsertedAction, speaker, named string) {
	t.Helper()
	if strings.ContainsAny(got.Line, "{}") || strings.ContainsAny(got.Description, "{}") {
		t.Errorf("slot left: %q / %q", got.Line, got.Description)
	}
	wantOwner := speaker
	if tm.Owner == "named" {
		wantOwner = named
	}
	if got.Owner != wantOwner {
		t.Errorf("%q: owner %q, want %q", got.Line, got.Owner, wantOwner)
	}
	if strings.Contains(k.Text, "{R}") {
		who := named
		if tm.Recipient == "me" {
			who = speaker
		}
		if !strings.Contains(got.Description, who) || !actionRecipientWord[tm.Recipient].MatchString(got.Line) {
			t.Errorf("%q: recipient wrong in %q", got.Line, got.Description)
		}
	}
	if strings.Contains(tm.Text, "{due}") {
		if got.DueSpec != d.Spec || !strings.Contains(got.Line, d.Text) {
			t.Errorf("%q: due %q, want %q", got.Line, got.DueSpec, d.Spec)
		}
	} else if got.DueSpec != "" {
		t.Errorf("%q: due %q, want none", got.Line, got.DueSpec)
	}
}

// TestActionPoolReportEntries checks the pool's parts on their own: due
// specs well formed, no duplicates, tasks in base form without slots other
// than {R}.
func TestActionPoolReportEntries(t *testing.T) {
	p, _ := LookupActionPool("report")
	seen := map[string]bool{}
	for _, d := range p.Dues {
		if !actionDueSpec.MatchString(d.Spec) {
			t.Errorf("due %q: spec %q", d.Text, d.Spec)
		}
		if seen[d.Text] {
			t.Errorf("due %q twice", d.Text)
		}
		seen[d.Text] = true
	}
	withR := 0
	for _, k := range p.Tasks {
		if seen[k.Text] {
			t.Errorf("task %q twice", k.Text)
		}
		seen[k.Text] = true
		if strings.Contains(k.Text, "{R}") {
			withR++
		}
		rest := strings.ReplaceAll(k.Text, "{R}", "")
		if strings.ContainsAny(rest, "{}.?") || k.Text != strings.TrimSpace(k.Text) {
			t.Errorf("task %q: stray slot or punctuation", k.Text)
		}
		if first := strings.Fields(k.Text)[0]; strings.HasSuffix(first, "ing") || strings.HasSuffix(first, "ed") {
			t.Errorf("task %q: not in base form", k.Text)
		}
	}
	if withR*4 < len(p.Tasks) {
		t.Errorf("only %d of %d tasks have {R}", withR, len(p.Tasks))
	}
	for _, tm := range p.Templates {
		if seen[tm.Text] {
			t.Errorf("template %q twice", tm.Text)
		}
		seen[tm.Text] = true
	}
}
