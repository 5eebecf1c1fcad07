package eval

import (
	"regexp"
	"strings"
	"testing"
)

var freshDueSpec = regexp.MustCompile(`^(weekday:(monday|tuesday|wednesday|thursday|friday|saturday|sunday)|days:[0-9]+)$`)

// TestFreshPoolRenders renders every template of the fresh pool with every
// task that fits it and every due phrase, and checks that no slot is left,
// that owners, recipients and due specs are valid, and that nothing repeats.
func TestFreshPoolRenders(t *testing.T) {
	p, ok := LookupActionPool("fresh")
	if !ok {
		t.Fatal("fresh pool not registered")
	}
	found := false
	for _, n := range ActionPoolNames() {
		found = found || n == "fresh"
	}
	if !found {
		t.Fatalf("ActionPoolNames() = %v, want fresh among them", ActionPoolNames())
	}
	if len(p.Templates) < 45 || len(p.Tasks) < 45 || len(p.Dues) < 12 {
		t.Fatalf("pool too small: %d templates, %d tasks, %d dues", len(p.Templates), len(p.Tasks), len(p.Dues))
	}

	seen := map[string]bool{}
	withDue := 0
	for _, tp := range p.Templates {
		if seen["t:"+tp.Text] {
			t.Errorf("duplicate template %q", tp.Text)
		}
		seen["t:"+tp.Text] = true
		if !strings.Contains(tp.Text, "{task}") {
			t.Errorf("template %q has no {task}", tp.Text)
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
	}
	if withDue < len(p.Templates)/2 {
		t.Errorf("only %d of %d templates take a due phrase", withDue, len(p.Templates))
	}

	withR := 0
	for _, k := range p.Tasks {
		if seen["k:"+k.Text] {
			t.Errorf("duplicate task %q", k.Text)
		}
		seen["k:"+k.Text] = true
		if strings.Contains(k.Text, "{R}") {
			withR++
		}
		if strings.Count(k.Text, "{")-strings.Count(k.Text, "{R}") != 0 {
			t.Errorf("task %q has a slot other than {R}", k.Text)
		}
	}
	if withR < len(p.Tasks)/4 || withR > len(p.Tasks)/2 {
		t.Errorf("%d of %d tasks take {R}, want about a third", withR, len(p.Tasks))
	}
	for _, d := range p.Dues {
		if seen["d:"+d.Text] {
			t.Errorf("duplicate due %q", d.Text)
		}
		seen["d:"+d.Text] = true
		if !freshDueSpec.MatchString(d.Spec) {
			t.Errorf("due %q: spec %q", d.Text, d.Spec)
		}
	}

	lines := map[string]bool{}
	for _, tp := range p.Templates {
		for _, k := range p.Tasks {
			fits := tp.Recipient != "" || !strings.Contains(k.Text, "{R}")
			for _, d := range p.Dues {
				got, err := p.Render(tp, k, d, "Maya", "Tomas")
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
				if strings.ContainsAny(got.Line, "{}") || strings.ContainsAny(got.Description, "{}") {
					t.Errorf("slot left: line %q, description %q", got.Line, got.Description)
				}
				if want := map[string]string{"speaker": "Maya", "named": "Tomas"}[tp.Owner]; got.Owner != want {
					t.Errorf("line %q: owner %q, want %q", got.Line, got.Owner, want)
				}
				if strings.Contains(tp.Text, "{due}") != (got.DueSpec != "") {
					t.Errorf("line %q: due spec %q", got.Line, got.DueSpec)
				}
				if strings.Contains(k.Text, "{R}") {
					want := map[string]string{"you": "Tomas", "me": "Maya"}[tp.Recipient]
					if !strings.Contains(got.Description, want) {
						t.Errorf("line %q: description %q does not name %s", got.Line, got.Description, want)
					}
				}
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
}
