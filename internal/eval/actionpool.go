package eval

import (
	"fmt"
	"strings"
	"unicode"
)

// The action-item evaluation inserts commitments and requests into real
// QMSum meetings and checks that each is found, with the right owner, the
// right wording and the right due date. The wordings come from pools written
// by different people: the develop pool (actionpool_develop.go), on which the
// extractor may be tuned, and the report pool (actionpool_report.go), written
// before any result was seen by someone who read neither the extractor nor the
// develop pool, and run only to report.

// ActionPool is one pool of wordings.
type ActionPool struct {
	Templates []ActionTemplate
	Tasks     []ActionTask
	Dues      []ActionDue
}

// ActionTemplate is one line a meeting participant says to commit to work or
// to ask someone for it. Its text holds three slots:
//
//	{A}    the first name of another participant: the one addressed or named
//	{task} a task of the pool, as written (base form: "send {R} the deck")
//	{due}  a due phrase of the pool ("by Thursday"); a template without it
//	       has no due date
//
// Owner says who must do the work: "speaker" (the one saying the line) or
// "named" (the participant {A}). Recipient says how a task's {R} is said in
// this template: "you" (it is {A}), "me" (it is the speaker), or "" when the
// template takes only tasks without {R}.
type ActionTemplate struct {
	Text      string
	Owner     string // "speaker" | "named"
	Recipient string // "you" | "me" | ""
}

// ActionTask is a piece of work as a base-form verb phrase ("finish the SSO
// configuration for Acme", "send {R} the revised proposal"); {R}, when
// present, is the person who receives it.
type ActionTask struct {
	Text string
}

// ActionDue is a due phrase and the date it means, relative to the meeting's
// day: "weekday:thursday" is the first Thursday strictly after the meeting's
// day, "days:N" is N days after it ("days:0" is the day itself).
type ActionDue struct {
	Text string // "by Thursday", "tomorrow", "by end of day"
	Spec string // "weekday:thursday" | "days:1"
}

// actionPools holds the pools by name; each pool's file registers itself.
var actionPools = map[string]ActionPool{}

// ActionPoolNames are the registered pools' names.
func ActionPoolNames() []string {
	var out []string
	for _, n := range []string{"develop", "report", "fresh"} {
		if _, ok := actionPools[n]; ok {
			out = append(out, n)
		}
	}
	return out
}

// LookupActionPool returns a registered pool.
func LookupActionPool(name string) (ActionPool, bool) {
	p, ok := actionPools[name]
	return p, ok
}

// InsertedAction is one line made from a template, a task and maybe a due
// phrase, and what a correct extractor returns for it.
type InsertedAction struct {
	Line        string // what the speaker says
	Owner       string // the expected owner's first name
	Description string // the expected description, without the due date ("Send Dana the revised proposal")
	DueSpec     string // "" when none
}

// Render makes the line of template t with task k and due d (d is ignored
// when the template has no {due}), spoken by speaker to or about named. It
// fails when the template and the task do not fit together.
func (p ActionPool) Render(t ActionTemplate, k ActionTask, d ActionDue, speaker, named string) (InsertedAction, error) {
	hasR := strings.Contains(k.Text, "{R}")
	if hasR && t.Recipient == "" {
		return InsertedAction{}, fmt.Errorf("template %q takes no task with {R}", t.Text)
	}
	said, meant := k.Text, k.Text
	if hasR {
		recipient := named
		if t.Recipient == "me" {
			recipient = speaker
		}
		said = strings.ReplaceAll(said, "{R}", t.Recipient)
		meant = strings.ReplaceAll(meant, "{R}", recipient)
	}
	line := strings.ReplaceAll(t.Text, "{A}", named)
	line = strings.ReplaceAll(line, "{task}", said)
	var due string
	if strings.Contains(line, "{due}") {
		line = strings.ReplaceAll(line, "{due}", d.Text)
		due = d.Spec
	}
	owner := speaker
	if t.Owner == "named" {
		owner = named
	}
	line = strings.Join(strings.Fields(line), " ")
	return InsertedAction{Line: line, Owner: owner, Description: capitalise(meant), DueSpec: due}, nil
}

func capitalise(s string) string {
	r := []rune(strings.TrimSpace(s))
	if len(r) == 0 {
		return ""
	}
	r[0] = unicode.ToUpper(r[0])
	return string(r)
}
