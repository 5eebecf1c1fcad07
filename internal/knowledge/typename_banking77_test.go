package knowledge

import (
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/fathom-oss/fathom/internal/dataset"
	"github.com/fathom-oss/fathom/internal/fathom"
	"github.com/fathom-oss/fathom/internal/knowledge/issuetype"
	"github.com/fathom-oss/fathom/internal/textproc"
)

// reportingVerbs are the verbs of reported speech and wish that say who
// spoke or wanted, never what the issue is. The list was fixed before any
// name was measured; it scores names and is not used to make them.
var reportingVerbs = map[string]bool{
	"say": true, "says": true, "said": true, "saying": true, "reports": true, "reported": true,
	"asks": true, "asked": true, "asking": true, "mentions": true, "mentioned": true,
	"tells": true, "told": true, "claims": true, "claimed": true, "explains": true, "explained": true,
	"complains": true, "complained": true, "wonders": true, "wondering": true,
	"want": true, "wants": true, "wanted": true,
}

// phrasalParticles end phrasal verbs ("top up", "log in").
var phrasalParticles = map[string]bool{"up": true, "in": true, "out": true, "on": true, "off": true, "down": true, "back": true, "over": true, "through": true}

// unreadableToken reports why a token of a snake_case name reads badly: a
// stop word, a reporting verb or a token of digits only; "" if it reads well.
func unreadableToken(tok string) string {
	switch {
	case textproc.IsStopword(tok):
		return "stop word"
	case reportingVerbs[tok]:
		return "reporting verb"
	case strings.Trim(tok, "0123456789") == "":
		return "number"
	}
	return ""
}

// namesOn types the texts of one banking77 file as one-message
// conversations of one tenant, through Analyze and Apply as the server
// does, and returns the names the tenant is shown.
func namesOn(t *testing.T, texts []string) (types []*IssueType, attested map[string]bool) {
	e := New(issuetype.Config{})
	now := time.Now()
	var batch []*Draft
	for i, s := range texts {
		c := &fathom.Conversation{ID: int64(i + 1), TenantID: 1, Status: fathom.StatusOpen}
		msgs := []fathom.Message{{Role: fathom.RoleUser, Content: s, CreatedAt: now}}
		if batch = append(batch, e.Analyze(c, msgs, now)); len(batch) == 100 {
			e.Apply(1, batch)
			batch = nil
		}
	}
	e.Apply(1, batch)
	e.Settle(1)
	types = e.IssueTypes(1)
	nameOf := map[int64]string{}
	for _, it := range types {
		nameOf[it.ID] = it.Name
	}
	attested = map[string]bool{}
	for i, s := range texts {
		typ, _ := e.Model(1).TypeOf(int64(i + 1))
		if name := nameOf[typ]; !attested[name] && containsRun(contentWords(s), strings.Split(name, "_")) {
			attested[name] = true
		}
	}
	return types, attested
}

// contentWords returns the words of s without stop words, with negated
// contractions as "not" ("hasn't arrived" → "not arrived") and other
// apostrophes and hyphens dropped as snake_case names drop them.
func contentWords(s string) []string {
	var out []string
	for _, w := range textproc.Words(s) {
		switch {
		case strings.HasSuffix(w, "n't"):
			out = append(out, "not")
		case !textproc.IsStopword(w):
			out = append(out, strings.Fields(strings.NewReplacer("'", " ", "-", " ").Replace(w))...)
		}
	}
	return out
}

// containsRun reports whether run occurs in words contiguously.
func containsRun(words, run []string) bool {
	for i := 0; i+len(run) <= len(words); i++ {
		if slices.Equal(words[i:i+len(run)], run) {
			return true
		}
	}
	return false
}

// dstc11 reads the utterances of one DSTC11 file, skipping when the data
// is absent.
func dstc11(t *testing.T, file string) []string {
	dir := dataset.DirOrSkip(t, "dstc11")
	f, err := os.Open(filepath.Join(dir, file))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var texts []string
	for dec := json.NewDecoder(f); ; {
		var u struct{ Utterance string }
		if err := dec.Decode(&u); err == io.EOF {
			return texts
		} else if err != nil {
			t.Fatalf("%s: %v", file, err)
		}
		texts = append(texts, u.Utterance)
	}
}

// TestBanking77TypeNames measures the share of issue-type names holding a
// stop word, a reporting verb or a number-only token, and the share that
// read as a phrase a member wrote. banking77 train.csv is the develop part
// (looked at while changing the naming); banking77 test.csv and the three
// DSTC11 domains are report parts (measured only).
func TestBanking77TypeNames(t *testing.T) {
	if testing.Short() {
		t.Skip("types banking77 and dstc11 files")
	}
	for _, file := range []string{"train.csv", "test.csv", "dstc11/development.jsonl", "dstc11/test-banking.jsonl", "dstc11/test-finance.jsonl"} {
		var texts []string
		if name, ok := strings.CutPrefix(file, "dstc11/"); ok {
			texts = dstc11(t, name)
		} else {
			texts, _ = dataset.Banking77OrSkip(t, file)
		}
		types, attested := namesOn(t, texts)
		bad, dangling := 0, 0
		for _, it := range types {
			toks := strings.Split(it.Name, "_")
			for _, tok := range toks {
				if why := unreadableToken(tok); why != "" {
					bad++
					t.Logf("%s: %s (%s: %q)", file, it.Name, why, tok)
					break
				}
			}
			// A name dangles when it starts or ends in such a token; the
			// particle ending a phrasal verb ("top_up") does not dangle.
			first, last := toks[0], toks[len(toks)-1]
			if unreadableToken(first) != "" || unreadableToken(last) != "" && !(len(toks) > 1 && phrasalParticles[last] && unreadableToken(toks[len(toks)-2]) == "") {
				dangling++
				t.Logf("%s: %s dangles", file, it.Name)
			}
		}
		n := float64(max(1, len(types)))
		t.Logf("%s: %d types, %d names (%.1f%%) with a stop word, reporting verb or number-only token, %d (%.1f%%) starting or ending in one; %d (%.1f%%) read as a phrase some member wrote",
			file, len(types), bad, 100*float64(bad)/n, dangling, 100*float64(dangling)/n, len(attested), 100*float64(len(attested))/n)
		// A guard at the level reached (see docs/evaluation.md).
		if dangling > 0 || float64(len(attested)) < 0.85*n {
			t.Errorf("%s: %d names dangle, %d of %d read as a member's phrase; want none and at least 85%%", file, dangling, len(attested), len(types))
		}
		shown := 10
		if testing.Verbose() && file == "train.csv" {
			shown = len(types)
		}
		for _, it := range types[:min(shown, len(types))] {
			t.Logf("  %s (%d): %s", it.Name, it.Occurrences, it.Description)
		}
	}
}
