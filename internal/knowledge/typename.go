package knowledge

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/fathom-oss/fathom/internal/knowledge/issuetype"
	"github.com/fathom-oss/fathom/internal/knowledge/phrase"
)

// An issue type is named after its most distinctive symptom, the phrase
// its members use and other types do not (issuetype.DistinctivePhrases),
// and the name is pinned the first time it is shown: it is an address
// (/issues/{name}) and must not move as the type drifts. Only a type whose
// members state no shared phrase falls back to its heaviest content words.

// namesVersion is the scheme of the pinned names. Names pinned by an older
// scheme (word bags such as "log_password_says") are dropped on load, once,
// so the current scheme names those types again.
const namesVersion = 2

// storedNames is the stored form of the pinned names.
type storedNames struct {
	Version int                `json:"version"`
	Names   map[int64]typeName `json:"names"`
}

// encodeNames returns the stored form of names.
func encodeNames(names map[int64]typeName) ([]byte, error) {
	return json.Marshal(storedNames{Version: namesVersion, Names: names})
}

// decodeNames reads stored names; names of an older scheme (version 1 was
// a bare map of id to name) give an empty map.
func decodeNames(blob []byte) (map[int64]typeName, error) {
	var s storedNames
	if err := json.Unmarshal(blob, &s); err != nil {
		var old map[int64]typeName
		if json.Unmarshal(blob, &old) == nil {
			return map[int64]typeName{}, nil
		}
		return nil, err
	}
	if s.Version != namesVersion || s.Names == nil {
		return map[int64]typeName{}, nil
	}
	return s.Names, nil
}

// fallbackTerms is how many content words name a type that has no
// distinctive phrase.
const fallbackTerms = 2

// nameNewTypes pins a name for every counted type that has none, largest
// type first; k.mu and k.namesMu must be held.
func (k *tenantKnowledge) nameNewTypes() {
	var unnamed []int64
	for _, t := range k.model.BySize() { // the order of Types, which names were first given in
		if _, ok := k.names[t.ID]; !ok && k.types[t.ID] != nil {
			unnamed = append(unnamed, t.ID)
		}
	}
	if len(unnamed) == 0 {
		return
	}
	all, total := map[string]int{}, 0
	for _, tc := range k.types {
		for p, n := range tc.symptoms {
			all[p] += n
			total += n
		}
	}
	mean := float64(total) / float64(max(1, len(k.types)))
	var terms map[int64][]string // read from the unnamed types' members, once, if a name needs them
	for _, id := range unnamed {
		tc := k.types[id]
		minCount := 1
		if tc.conversations >= 5 {
			minCount = 2 // a phrase of one member in many is an accident
		}
		name := issuetype.PickName(issuetype.DistinctivePhrases(tc.symptoms, all, mean, minCount), k.taken)
		if name == "" {
			if terms == nil {
				terms = k.model.TermsOf(unnamed)
			}
			name = k.termsName(terms[id], id)
		}
		k.names[id], k.taken[name] = typeName{Name: name}, true
	}
}

// termsName joins a type's first content words, adding words until the
// name is free, and the type id only when the words run out.
func (k *tenantKnowledge) termsName(terms []string, id int64) string {
	var parts []string
	for _, t := range terms {
		if s := issuetype.Snake(t); s != "" {
			parts = append(parts, s)
		}
	}
	for n := min(fallbackTerms, len(parts)); n <= len(parts); n++ {
		if c := strings.Join(parts[:n], "_"); n > 0 && !k.taken[c] {
			return c
		}
	}
	base := strings.Join(parts[:min(fallbackTerms, len(parts))], "_")
	if base == "" {
		base = "issue"
	}
	return fmt.Sprintf("%s_type_%d", base, id)
}

// describeType writes what a type is about from its symptoms and the fix
// that most often worked: "Payment declined, card not accepted; most often
// fixed by contacting the bank."; k.mu and k.namesMu must be held.
func (k *tenantKnowledge) describeType(id int64, name string) string {
	if d, ok := k.descriptions[id]; ok {
		return d
	}
	var what string
	if tc := k.types[id]; tc != nil && len(tc.topSymptoms) > 0 {
		what = strings.Join(distinct(tc.topSymptoms, 2), ", ")
	} else {
		what = strings.ReplaceAll(name, "_", " ")
	}
	d := capitalise(what)
	if fix := k.usualFix(id); fix != "" {
		d += "; most often fixed by " + phrase.Doing(strings.ReplaceAll(fix, "_", " "))
	}
	d += "."
	k.descriptions[id] = d
	return d
}

// usualFix is the key of the solution with the most successes for a type
// (ties: the better rate, then the key), "" if none succeeded; k.mu held.
func (k *tenantKnowledge) usualFix(typeID int64) string {
	var best string
	var bestN int
	var bestRate float64
	for key, e := range k.edges {
		ss := k.solutions[key.solutionID]
		if key.typeID != typeID || e.success == 0 || ss == nil {
			continue
		}
		rate := float64(e.success) / float64(e.success+e.failure)
		if e.success > bestN || e.success == bestN && (rate > bestRate || rate == bestRate && ss.Key < best) {
			best, bestN, bestRate = ss.Key, e.success, rate
		}
	}
	return best
}

// distinct returns up to n phrases, skipping any a phrase already taken
// contains ("email never came" after "password reset email never came").
func distinct(phrases []string, n int) []string {
	var out []string
	for _, p := range phrases {
		if len(out) == n {
			break
		}
		if !slices.ContainsFunc(out, func(q string) bool { return strings.Contains(" "+q+" ", " "+p+" ") }) {
			out = append(out, p)
		}
	}
	return out
}

func capitalise(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

// TypeName returns the name a tenant is shown for an issue type (pinned on
// first use), "" if there is no such type. Match reasons use it, so every
// answer names a type alike.
func (e *Engine) TypeName(tenantID, typeID int64) string {
	k := e.tenant(tenantID)
	k.mu.RLock()
	defer k.mu.RUnlock()
	if k.types[typeID] == nil {
		return ""
	}
	n, _ := k.name(typeID)
	return n.Name
}
