// Package analytics measures meetings: talk time and share per speaker,
// internal against external talk, questions asked and the longest
// monologue of one meeting (Meeting), and the same figures by person and
// by team across meetings (Report). It only computes: it reads no
// storage and knows no HTTP; the meeting service stores what it derives.
//
// The rules, in one place:
//   - An item (utterance) lasts from its timestamp until the next item's;
//     the last one until the end of the recording. A duration that would
//     be negative (items out of order, or a recording that ends before the
//     last item) counts as zero. A recording given no times lasts until
//     its last item ends at the transcript's pace (TranscriptLength).
//   - A speaker is one person per meeting: the invitee it was matched to
//     (by the item's speaker email, or else by a name equal to one
//     invitee's name, ignoring case); or, when unmatched, its speaker
//     email if it has one, else its display name ignoring case.
//   - A speaker matched to an external invitee is external, one matched
//     to an internal invitee internal; an unmatched speaker is unknown and
//     counted apart, never guessed.
//   - A question is a run of question marks ('?', '？') in an item's text:
//     "Really? Why?" asks two, "What?!" one.
//   - A monologue is a run of consecutive items by one speaker; it lasts
//     the sum of its items' durations.
package analytics

import (
	"strings"
	"time"

	"github.com/fathom-oss/fathom/internal/fathom"
)

// Meeting measures one meeting's transcript. length is the recording's
// length (its end less its start; zero or less when unknown, in which
// case the last item lasts zero).
func Meeting(items []fathom.TranscriptItem, invitees []fathom.Invitee, length time.Duration) []fathom.SpeakerTalk {
	m := newMatcher(invitees)
	var out []fathom.SpeakerTalk
	index := map[string]int{}
	run, runKey := time.Duration(0), ""
	var runAt time.Duration
	for i, it := range items {
		key, email, side := m.match(it)
		n, ok := index[key]
		if !ok {
			n = len(out)
			index[key] = n
			out = append(out, fathom.SpeakerTalk{Speaker: strings.TrimSpace(it.Speaker), Email: email, Side: side})
		}
		d := duration(items, i, length)
		s := &out[n]
		s.Talk += d
		s.Turns++
		s.Questions += Questions(it.Text)
		if key != runKey {
			run, runKey, runAt = 0, key, it.At
		}
		run += d
		if run > s.Monologue {
			s.Monologue, s.MonologueAt = run, runAt
		}
	}
	return out
}

// duration is how long item i lasts.
func duration(items []fathom.TranscriptItem, i int, length time.Duration) time.Duration {
	end := length
	if i+1 < len(items) {
		end = items[i+1].At
	}
	return max(end-items[i].At, 0)
}

// Questions counts the questions in a text: its runs of question marks.
func Questions(text string) int {
	n, in := 0, false
	for _, r := range text {
		q := r == '?' || r == '？'
		if q && !in {
			n++
		}
		in = q || (in && r == '!')
	}
	return n
}

// matcher finds the invitee a speaker is.
type matcher struct {
	byEmail map[string]fathom.Invitee
	byName  map[string]fathom.Invitee
}

func newMatcher(invs []fathom.Invitee) *matcher {
	m := &matcher{byEmail: map[string]fathom.Invitee{}, byName: map[string]fathom.Invitee{}}
	ambiguous := map[string]bool{}
	for _, inv := range invs {
		if inv.Email != "" {
			m.byEmail[strings.ToLower(inv.Email)] = inv
		}
		name := strings.ToLower(strings.TrimSpace(inv.Name))
		if name == "" || ambiguous[name] {
			continue
		}
		if _, dup := m.byName[name]; dup { // two invitees by one name: neither
			delete(m.byName, name)
			ambiguous[name] = true
			continue
		}
		m.byName[name] = inv
	}
	return m
}

// match returns the speaker's key (one per person in the meeting), the
// email it was matched to and its side.
func (m *matcher) match(it fathom.TranscriptItem) (key, email, side string) {
	name := strings.ToLower(strings.TrimSpace(it.Speaker))
	inv, ok := fathom.Invitee{}, false
	if it.SpeakerEmail != "" {
		inv, ok = m.byEmail[strings.ToLower(it.SpeakerEmail)]
	} else {
		inv, ok = m.byName[name]
	}
	switch {
	case (!ok || inv.Email == "") && it.SpeakerEmail != "":
		return "email:" + strings.ToLower(it.SpeakerEmail), it.SpeakerEmail, fathom.SideUnknown
	case !ok || inv.Email == "":
		return "name:" + name, "", fathom.SideUnknown
	}
	side = fathom.SideInternal
	if inv.External {
		side = fathom.SideExternal
	}
	return "email:" + strings.ToLower(inv.Email), inv.Email, side
}
