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
	Name string // what --pool calls it
	// Split is the QMSum split the pool runs on: "develop" for the pool the
	// extractor may be tuned on, "report" for the pools run only to report.
	Split     string
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

// actionPools are every pool, in the order they were written; each pool's
// file says who wrote it and from what.
var actionPools = []ActionPool{
	{Name: "develop", Split: "develop", Templates: developTemplates, Tasks: developTasks, Dues: developDues},
	{Name: "report", Split: "report", Templates: reportActionTemplates, Tasks: reportActionTasks, Dues: reportActionDues},
	{Name: "fresh", Split: "report", Templates: freshTemplates, Tasks: freshTasks, Dues: freshDues},
	{Name: "newcomer", Split: "report", Templates: newcomerTemplates, Tasks: newcomerTasks, Dues: newcomerDues},
	{Name: "latecomer", Split: "report", Templates: latecomerTemplates, Tasks: latecomerTasks, Dues: latecomerDues},
}

// ActionPoolNames are the pools' names, in the order they were written.
func ActionPoolNames() []string {
	out := make([]string, len(actionPools))
	for i, p := range actionPools {
		out[i] = p.Name
	}
	return out
}

// LookupActionPool returns the pool of that name.
func LookupActionPool(name string) (ActionPool, bool) {
	for _, p := range actionPools {
		if p.Name == name {
			return p, true
		}
	}
	return ActionPool{}, false
}

// InsertedAction is one line made from a template, a task and maybe a due
// phrase, and what a correct extractor returns for it.
type InsertedAction struct {
	Line        string // what the speaker says
	Owner       string // the expected owner's first name
	Description string // the expected description, without the due date ("Send Dana the revised proposal")
	DueText     string // the due phrase as said in the line ("by Thursday"), "" when none
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
	var due, dueText string
	if strings.Contains(line, "{due}") {
		line = strings.ReplaceAll(line, "{due}", d.Text)
		due, dueText = d.Spec, d.Text
	}
	owner := speaker
	if t.Owner == "named" {
		owner = named
	}
	line = strings.Join(strings.Fields(line), " ")
	return InsertedAction{Line: line, Owner: owner, Description: capitalise(meant), DueText: dueText, DueSpec: due}, nil
}

func capitalise(s string) string {
	r := []rune(strings.TrimSpace(s))
	if len(r) == 0 {
		return ""
	}
	r[0] = unicode.ToUpper(r[0])
	return string(r)
}
