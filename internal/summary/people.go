package summary

import (
	"strings"

	"github.com/fathom-oss/fathom/internal/fathom"
	"github.com/fathom-oss/fathom/internal/transcript"
)

// person is someone an action item can be assigned to.
type person struct {
	name  string // as displayed: the speaker's or invitee's full name
	email string
	words []string // the name's lower-cased words, without "the"
}

// people are the meeting's speakers and invitees, to resolve names said in
// the transcript ("John, can you...") to a display name and an email.
type people struct{ list []person }

func newPeople(items []fathom.TranscriptItem, invitees []fathom.Invitee) *people {
	p := &people{}
	for _, inv := range invitees {
		p.add(inv.Name, inv.Email)
	}
	for _, it := range items {
		p.add(it.Speaker, it.SpeakerEmail)
	}
	return p
}

func (p *people) add(name, email string) {
	name = strings.TrimSpace(name)
	if name == "" || name == transcript.UnknownSpeaker {
		return
	}
	for i := range p.list {
		if strings.EqualFold(p.list[i].name, name) {
			if p.list[i].email == "" {
				p.list[i].email = email
			}
			return
		}
	}
	ws := strings.Fields(strings.ToLower(name))
	if len(ws) > 1 && ws[0] == "the" {
		ws = ws[1:]
	}
	p.list = append(p.list, person{name: name, email: email, words: ws})
}

// match finds the person named at the start of words (lower-cased, without
// punctuation): by full name, or by first name when only one person has it.
// It returns the person and how many words the name took, or 0.
func (p *people) match(words []string) (person, int) {
	skip := 0
	if len(words) > 1 && words[0] == "the" {
		skip = 1
	}
	ws := words[skip:]
	var found person
	n, hits := 0, 0
	for _, c := range p.list {
		if len(c.words) <= len(ws) && equalWords(c.words, ws[:len(c.words)]) && len(c.words) > n {
			found, n, hits = c, len(c.words), 1
		}
	}
	if n > 0 {
		return found, n + skip
	}
	if skip > 0 || len(ws) == 0 {
		return person{}, 0
	}
	for _, c := range p.list {
		if len(c.words) > 1 && c.words[0] == ws[0] {
			found = c
			hits++
		}
	}
	if hits == 1 {
		return found, 1
	}
	return person{}, 0
}

// named returns the person with this display name, or one with just the
// name when they are not a speaker or invitee.
func (p *people) named(name string) person {
	if c, n := p.match(strings.Fields(strings.ToLower(name))); n > 0 {
		return c
	}
	return person{name: name}
}

func equalWords(a, b []string) bool {
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// known reports whether p is one of the meeting's speakers or invitees.
func (p *people) known(who person) bool {
	if who.name == "" {
		return false
	}
	for _, c := range p.list {
		if strings.EqualFold(c.name, who.name) {
			return true
		}
	}
	return false
}
