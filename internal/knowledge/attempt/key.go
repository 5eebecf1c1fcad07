package attempt

import (
	"slices"
	"strings"

	"github.com/fathom-oss/fathom/internal/textproc"
)

// item is a word of an action phrase, or a phrase folded into one concept.
type item struct {
	w, s string // lower-cased word and stem ("" stem for stopwords)
	verb string // canonical verb if the item can be one
	obj  string // canonical object, "" if none
	step bool   // a navigation verb
}

// compiled phrase table: elements per phrase.
var phraseElems = func() [][]string {
	out := make([][]string, len(phrases))
	for i, p := range phrases {
		out[i] = strings.Fields(p.from)
	}
	return out
}()

// items analyses the words of text into items, folding phrases and synonyms.
func items(text string) []item {
	ws := textproc.Words(text)
	var scratch []string
	raw := make([]item, 0, len(ws))
	for _, w := range ws {
		scratch = textproc.AppendTerms(scratch[:0], w)
		s := ""
		if n := len(scratch); n > 0 {
			s = scratch[n-1] // "can't" → "not"
		}
		raw = append(raw, item{w: w, s: s})
	}
	out := make([]item, 0, len(raw))
	for i := 0; i < len(raw); {
		if k, n := matchPhrase(raw, i); n > 0 {
			it := item{w: phrases[k].from, s: phrases[k].from}
			if v, ok := strings.CutPrefix(phrases[k].to, "v:"); ok {
				it.verb = v
			} else if o, ok := strings.CutPrefix(phrases[k].to, "o:"); ok {
				it.obj = o
			}
			out = append(out, it)
			i += n
			continue
		}
		it := raw[i]
		if it.s != "" {
			it.verb = lookup(verbs, it)
			if v := lookup(stepVerbs, it); v != "" && it.verb == "" {
				it.verb, it.step = v, true
			}
			if o, ok := objects[it.s]; ok {
				it.obj = o
			} else if !isNumber(it.w) && !stops[it.w] && !strings.HasSuffix(it.w, "ly") {
				// Adverbs ("usually", "directly") are never the object.
				it.obj = it.s
			}
		}
		out = append(out, it)
		i++
	}
	return out
}

func lookup(m map[string]string, it item) string {
	if v, ok := m[it.s]; ok {
		return v
	}
	return m[it.w]
}

func isNumber(w string) bool {
	for i := 0; i < len(w); i++ {
		if w[i] >= '0' && w[i] <= '9' {
			return true
		}
	}
	return false
}

// matchPhrase returns the phrase matching at i and how many words it covers.
func matchPhrase(its []item, i int) (int, int) {
	for k, el := range phraseElems {
		if n := matchElems(el, its, i); n > 0 {
			return k, n
		}
	}
	return 0, 0
}

func matchElems(el []string, its []item, i int) int {
	if len(el) == 0 {
		return 0
	}
	if el[0] == "~" {
		if n := matchElems(el[1:], its, i); n > 0 || len(el) == 1 {
			return n
		}
		if i < len(its) {
			if n := matchElems(el[1:], its, i+1); n > 0 {
				return n + 1
			}
		}
		return -1
	}
	if i < len(its) && (its[i].w == el[0] || its[i].s == el[0]) {
		if len(el) == 1 {
			return 1
		}
		if n := matchElems(el[1:], its, i+1); n > 0 {
			return n + 1
		}
	}
	return -1
}

// analysis is the structure of an action phrase.
type analysis struct {
	verb    string
	verbAt  int // index in its of the verb, -1 if none
	objects []string
	its     []item
}

// analyse finds the action's verb and main objects. The verb is the first
// fix verb (a navigation verb only if there is none); the objects are the
// nouns after it up to a preposition of place or purpose, or before it for
// a passive ("your password has been reset").
func analyse(text string) analysis {
	its := items(text)
	a := analysis{verbAt: -1, its: its}
	for pass := 0; pass < 2 && a.verbAt < 0; pass++ {
		for i, it := range its {
			if it.verb == "" || it.step != (pass == 1) {
				continue
			}
			v := resolveVerb(it.verb, its, i)
			if v == "" {
				continue // "give" without a time span: look further
			}
			a.verb, a.verbAt = v, i
			break
		}
	}
	if a.verbAt < 0 {
		if slices.ContainsFunc(its, func(it item) bool { return it.s == "tri" }) {
			a.verb = "retry" // "try again later"
		}
		return a
	}
	if a.verb == "wait" {
		return a // its objects are time spans
	}
	a.objects = collect(its[a.verbAt+1:], true)
	if len(a.objects) == 0 {
		a.objects = collect(its[:a.verbAt], false)
	}
	if (a.verb == "delete" || a.verb == "clear") && slices.Contains(a.objects, "cache") {
		a.verb = "clear"
	}
	a.objects = fold(a.objects)
	return a
}

// resolveVerb settles verbs whose meaning depends on the rest of the clause.
func resolveVerb(v string, its []item, i int) string {
	has := func(words ...string) bool {
		return slices.ContainsFunc(its[i+1:], func(it item) bool { return slices.Contains(words, it.w) })
	}
	timeSpan := slices.ContainsFunc(its, func(it item) bool { return timeWords[it.s] })
	switch v {
	case "turn":
		switch on, off := has("on"), has("off"); {
		case on && off:
			return "restart"
		case off:
			return "disable"
		case on:
			return "enable"
		}
	case "give":
		if !timeSpan {
			return ""
		}
		return "wait"
	case "allow":
		if timeSpan {
			return "wait"
		}
		return "enable"
	case "delete", "uninstall":
		if slices.ContainsFunc(its[i+1:], func(it item) bool { return it.verb == "install" || it.verb == "reinstall" }) {
			return "reinstall"
		}
	}
	return v
}

// collect gathers object concepts from its. After the verb it stops at a
// preposition or conjunction once it has an object; verbs are skipped.
func collect(its []item, after bool) []string {
	var out []string
	for _, it := range its {
		if after && stops[it.w] && len(out) > 0 {
			break
		}
		if it.obj == "" || (it.verb != "" && objects[it.s] == "") || slices.Contains(out, it.obj) {
			continue
		}
		out = append(out, it.obj)
	}
	return out
}

// fold applies absorption and implied heads, keeps the first maxObjects and
// sorts them, so that word order does not change a key.
func fold(objs []string) []string {
	var out []string
	for _, o := range objs {
		absorbed := false
		for _, c := range objs {
			if slices.Contains(absorbs[c], o) {
				absorbed = true
			}
		}
		if !absorbed {
			out = append(out, o)
		}
	}
	if len(out) > maxObjects {
		// Concepts the tables know outrank unknown words, which are more
		// often phrasing ("passed its expiry date") than the object.
		slices.SortStableFunc(out, func(a, b string) int { return known(b) - known(a) })
		out = out[:maxObjects]
	}
	for _, o := range out {
		if h := implies[o]; h != "" && !slices.Contains(out, h) {
			out = append(out, h)
		}
	}
	slices.Sort(out)
	return out
}

// key is the snake_case key: verb then objects.
func (a analysis) key() string {
	if a.verb == "" {
		return ""
	}
	return strings.Join(append([]string{a.verb}, a.objects...), "_")
}

// terms returns the sorted folded concepts of the phrase: its canonical verbs
// and objects, for matching attempts across conversations.
func (a analysis) terms() []string {
	var out []string
	if a.verb != "" {
		out = append(out, a.verb)
	}
	out = append(out, a.objects...)
	for i, it := range a.its {
		switch {
		case i == a.verbAt:
		case it.verb != "" && objects[it.s] == "" && !it.step:
			out = append(out, it.verb)
		case it.obj != "":
			out = append(out, it.obj)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

func known(o string) int {
	for _, v := range objects {
		if v == o {
			return 1
		}
	}
	return 0
}
