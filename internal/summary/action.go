package summary

import (
	"sort"
	"strings"

	"github.com/fathom-oss/fathom/internal/fathom"
	"github.com/fathom-oss/fathom/internal/textproc"
	"github.com/fathom-oss/fathom/internal/transcript"
)

// maxActions caps the action items of one meeting: past a dozen, a list of
// next steps stops being read.
const maxActions = 12

// kind is what sort of action a pattern found.
type kind int

const (
	commitI   kind = iota // "I'll send the deck": the speaker's
	commitWe              // "we need to fix the bug", "let's schedule": the team's
	request               // "can you update the roadmap": the addressee's
	named                 // "John will send the notes": the named person's
	explicit              // "action item: ...": whoever it names, if anyone
	whitelist             // "let me ..."/"let's ...": only verbs of work after the meeting
)

// pattern is a phrase opening an action and what it means.
type pattern struct {
	words []string
	kind  kind
	mine  bool // first person singular: assigned to the speaker
}

func pat(s string, k kind, mine bool) pattern { return pattern{strings.Fields(s), k, mine} }

// patterns are tried at every clause start, longest first within a kind.
var patterns = []pattern{
	pat("action items", explicit, false), pat("action item", explicit, false), pat("action point", explicit, false),
	pat("next steps", explicit, false), pat("next step", explicit, false), pat("to-do", explicit, false),
	pat("todo", explicit, false),
	pat("i'm going to", commitI, true), pat("i am going to", commitI, true), pat("i'm gonna", commitI, true),
	pat("i am gonna", commitI, true), pat("i'll", commitI, true), pat("i will", commitI, true),
	pat("i shall", commitI, true), pat("i need to", commitI, true), pat("i have to", commitI, true),
	pat("i've got to", commitI, true), pat("i must", commitI, true), pat("let me", whitelist, true),
	pat("we're going to", commitWe, false), pat("we are going to", commitWe, false), pat("we're gonna", commitWe, false),
	pat("we'll", commitWe, false), pat("we will", commitWe, false), pat("we need to", commitWe, false),
	pat("we have to", commitWe, false), pat("we've got to", commitWe, false), pat("we must", commitWe, false),
	pat("let's", whitelist, false), pat("let us", whitelist, false),
	pat("i need you to", request, false), pat("i'd like you to", request, false), pat("i want you to", request, false),
	pat("can you", request, false), pat("could you", request, false),
	pat("will you", request, false), pat("please", request, false),
}

// namedModals follow a person's name in "John will send the notes".
var namedModals = []pattern{
	pat("will", named, false), pat("is going to", named, false), pat("'s going to", named, false),
	pat("is gonna", named, false), pat("needs to", named, false), pat("has to", named, false), pat("to", named, false),
}

// found is one action pattern matched in a sentence.
type found struct {
	kind     kind
	mine     bool
	assignee person
	vp       []string // the verb phrase, original words
	tail     []string // the lower-cased words after it
	score    float64
}

// ActionItems extracts the commitments and requests of a meeting as short
// imperative English descriptions ("Send the deck by Friday"), assigned to
// the speaker for "I'll ...", to the person named or addressed for "John,
// can you ..." and "John will ...", and to no one for "we need to ...".
// Names are matched against the speakers and invitees to fill the email.
// Near-duplicates are merged and at most maxActions are kept, the most
// explicit first. The patterns are English: for a meeting whose m.Language
// is another language it returns nil rather than guess.
func ActionItems(items []fathom.TranscriptItem, invitees []fathom.Invitee, m Meta) []fathom.ActionItem {
	if m.Language != "" && m.Language != "en" {
		return nil
	}
	ppl := newPeople(items, invitees)
	var out []found
	var ats []int // index of the utterance of each found
	for i, it := range items {
		for _, raw := range splitSentences(it.Text) {
			f, ok := extract(raw, it.Speaker, ppl)
			if !ok {
				continue
			}
			if f.kind == request && f.assignee.name == "" {
				f.assignee = addressee(items, i, ppl)
			}
			out, ats = append(out, f), append(ats, i)
		}
	}
	var actions []fathom.ActionItem
	var scores []float64
	var terms [][]string
	for k, f := range out {
		a := fathom.ActionItem{Description: describe(f, items[ats[k]].Speaker, ppl), At: items[ats[k]].At,
			AssigneeName: f.assignee.name, AssigneeEmail: f.assignee.email}
		ts := textproc.Terms(a.Description)
		if d := duplicate(terms, ts); d >= 0 {
			if actions[d].AssigneeName == "" {
				actions[d].AssigneeName, actions[d].AssigneeEmail = a.AssigneeName, a.AssigneeEmail
			}
			continue
		}
		actions, scores, terms = append(actions, a), append(scores, f.score), append(terms, ts)
	}
	if len(actions) > maxActions {
		idx := make([]int, len(actions))
		for i := range idx {
			idx[i] = i
		}
		sort.SliceStable(idx, func(a, b int) bool { return scores[idx[a]] > scores[idx[b]] })
		idx = idx[:maxActions]
		sort.Ints(idx)
		kept := make([]fathom.ActionItem, len(idx))
		for i, j := range idx {
			kept[i] = actions[j]
		}
		actions = kept
	}
	return actions
}

// extract finds the first action in a sentence, trying each clause start.
func extract(raw, speaker string, ppl *people) (found, bool) {
	words := dropFillers(strings.Fields(strings.ReplaceAll(raw, "’", "'")))
	lower := make([]string, len(words))
	for i, w := range words {
		lower[i] = bare(w)
	}
	question := strings.HasSuffix(raw, "?")
	for s := 0; s < len(words); s++ {
		if s > 0 && !clauseBoundary(words[s-1], lower[s-1]) {
			continue
		}
		if conditional(lower[:s]) {
			return found{}, false
		}
		f, ok := matchAt(words, lower, s, speaker, ppl)
		// A question can be a request ("can you ...?") but not a promise.
		if !ok || (question && f.kind != request) {
			continue
		}
		if f.kind == request && f.assignee.name == "" {
			f.assignee = vocative(words[:s], lower[:s], ppl)
		}
		if who, n := ppl.match(f.tail); f.kind == request && f.assignee.name == "" && n > 0 && n == len(f.tail) {
			f.assignee = who // "can you send me the contract, Bob?"
		}
		return f, true
	}
	return found{}, false
}

// matchAt tries the patterns at clause start s.
func matchAt(words, lower []string, s int, speaker string, ppl *people) (found, bool) {
	k := s
	for k < len(lower) && openerMarkers[lower[k]] {
		k++
	}
	if k+1 < len(lower) && lower[k] == "i" && lower[k+1] == "think" {
		k += 2 // "I think I'll ..." is still a commitment
	}
	if k < len(lower) && hedges[lower[k]] || (k+1 < len(lower) && lower[k] == "i" && hedges[lower[k+1]]) {
		return found{}, false
	}
	for _, p := range patterns {
		if !hasPrefix(lower[k:], p.words) {
			continue
		}
		f := found{kind: p.kind, mine: p.mine, score: 1}
		vp := k + len(p.words)
		switch {
		case p.kind == explicit:
			f.score = 3
			for vp < len(lower) && (lower[vp] == "is" || lower[vp] == "for" || lower[vp] == "are" || lower[vp] == "") {
				vp++
			}
			if inner, ok := matchAt(words, lower, vp, speaker, ppl); ok {
				inner.score += 3
				return inner, true
			}
		case p.mine:
			if speaker != "" && speaker != transcript.UnknownSpeaker {
				f.assignee = ppl.named(speaker)
			}
			f.score = 1.5
		}
		return f.withVP(words, lower, vp)
	}
	if who, n := ppl.match(lower[k:]); n > 0 {
		for _, p := range namedModals {
			if hasPrefix(lower[k+n:], p.words) {
				f := found{kind: named, assignee: who, score: 2}
				return f.withVP(words, lower, k+n+len(p.words))
			}
		}
	}
	return found{}, false
}

// vocative finds the person a request addresses by name just before it:
// "John, can you ...". An unknown capitalised name is taken as it is.
func vocative(words, lower []string, ppl *people) person {
	n := len(lower)
	for start := max(n-3, 0); start < n; start++ {
		if who, m := ppl.match(lower[start:]); m == n-start && m > 0 {
			return who
		}
	}
	if n >= 1 && strings.HasSuffix(words[n-1], ",") {
		w := strings.TrimRight(words[n-1], ",")
		if len(w) > 1 && w[0] >= 'A' && w[0] <= 'Z' && !openerMarkers[lower[n-1]] && lower[n-1] != "i" {
			return person{name: w}
		}
	}
	return person{}
}

// addressee guesses who a request without a name was made to: the next
// other speaker when they accept it, else the only other speaker.
func addressee(items []fathom.TranscriptItem, i int, ppl *people) person {
	asker := items[i].Speaker
	for j := i + 1; j < len(items) && j <= i+2; j++ {
		next := items[j]
		if next.Speaker == asker || next.Speaker == transcript.UnknownSpeaker {
			continue
		}
		lw := strings.Fields(strings.ToLower(next.Text))
		if len(lw) > 0 && accepts[strings.Trim(lw[0], ",.!")] {
			return ppl.named(next.Speaker)
		}
		break
	}
	var other string
	for _, it := range items {
		if it.Speaker != asker && it.Speaker != transcript.UnknownSpeaker {
			if other != "" && other != it.Speaker {
				return person{}
			}
			other = it.Speaker
		}
	}
	if other == "" {
		return person{}
	}
	return ppl.named(other)
}

// duplicate returns the index of an earlier action whose terms are nearly
// those of ts, or -1.
func duplicate(earlier [][]string, ts []string) int {
	set := map[string]bool{}
	for _, t := range ts {
		set[t] = true
	}
	for i, e := range earlier {
		es := map[string]bool{}
		inter := 0
		for _, t := range e {
			if !es[t] {
				es[t] = true
				if set[t] {
					inter++
				}
			}
		}
		union := len(es) + len(set) - inter
		small := min(len(es), len(set))
		if union > 0 && (float64(inter)/float64(union) >= 0.6 || (small >= 2 && inter == small)) {
			return i
		}
	}
	return -1
}

func hasPrefix(ws, p []string) bool {
	return len(ws) >= len(p) && equalWords(p, ws[:len(p)])
}
