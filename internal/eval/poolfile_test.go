package eval

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/fathom-oss/fathom/internal/dataset"
	"github.com/fathom-oss/fathom/internal/fathom"
)

// madeUpDomains are two small domains, one drawing from the banking
// actions and one from the retail ones, so that every action's wording
// can be drawn.
func madeUpDomains() []Domain {
	var banking, retail Domain
	banking.Name, retail.Name, retail.Actions = "made-up banking", "made-up retail", retailActions
	for i := range 40 {
		for j, text := range []string{"I lost my card in town %d", "my card payment was declined at shop %d", "I forgot my password, attempt %d", "where is my order number %d"} {
			ex := Example{Text: fmt.Sprintf(text, i), Intent: fmt.Sprint("intent", j)}
			for _, d := range []*Domain{&banking, &retail} {
				if i%4 == 3 {
					d.Test = append(d.Test, ex)
				} else {
					d.Train = append(d.Train, ex)
				}
			}
		}
	}
	return []Domain{banking, retail}
}

// TestPoolTemplateRunsAsDevelop: the template, written and read back as a
// pool file, simulates exactly what the develop pool does (plans, training
// and held-out conversations), on made-up domains (one with the retail
// actions) and, when the data is there, on the four default domains: a run
// on it gives the develop pool's answers.
func TestPoolTemplateRunsAsDevelop(t *testing.T) {
	b, err := PoolTemplate()
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "mine.json")
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	pool, err := LoadPoolFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !pool.ReportOnly() || pool.Provenance() != "from "+path || slices.Contains(Pools, pool) {
		t.Errorf("pool %q: report only %v, provenance %q, listed with the compiled pools %v", pool, pool.ReportOnly(), pool.Provenance(), slices.Contains(Pools, pool))
	}
	for _, a := range fileActions() {
		if !slices.Equal(a.Phrasings(pool), a.Develop) {
			t.Errorf("%s: the file words it %q, the develop pool %q", a.ID, a.Phrasings(pool), a.Develop)
		}
	}
	domains := madeUpDomains()
	banking77, ok1 := dataset.Dir("banking77")
	_, ok2 := dataset.Dir("dstc11")
	if ok1 && ok2 {
		data := filepath.Dir(banking77)
		for _, name := range RecommendDomains {
			d, err := LoadDomain(data, name)
			if err != nil {
				t.Fatal(err)
			}
			domains = append(domains, d)
		}
	} else {
		t.Log("the public data sets are absent: made-up domains only")
	}
	for _, d := range domains {
		if got, want := worldHash(d, pool), worldHash(d, PoolDevelop); got != want {
			t.Errorf("%s: the template simulates %s, the develop pool %s", d.Name, got, want)
		}
	}
}

// TestPoolFileProblems: every fault of a pool file is refused before any
// run with an invalid-input error naming the JSON field at fault.
func TestPoolFileProblems(t *testing.T) {
	template, err := PoolTemplate()
	if err != nil {
		t.Fatal(err)
	}
	type object = map[string]any
	action := func(f object, i int) object { return f["actions"].([]any)[i].(object) }
	kind := func(f object, name string) object { return f["talk"].(object)[name].(object) }
	for _, c := range []struct {
		name   string
		raw    string         // the file, when it is not the template changed by edit
		edit   func(f object) // a change to the template
		fields []string       // the fields the error names, in order
	}{
		{name: "bad JSON", raw: `{"actions": [`, fields: []string{""}},
		{name: "a syntax error", raw: "{\n  \"about\": \"x\",,\n}", fields: []string{""}},
		{name: "an empty file", raw: "", fields: []string{""}},
		{name: "two values", raw: "{} {}", fields: []string{""}},
		{name: "an unknown field", edit: func(f object) { f["wording"] = []any{} }, fields: []string{""}},
		{name: "a string for a list", edit: func(f object) { action(f, 0)["wordings"] = "I have ordered it." }, fields: []string{"actions.wordings"}},
		{name: "a missing action id", edit: func(f object) {
			f["actions"] = slices.Delete(f["actions"].([]any), 1, 2) // freeze_card
		}, fields: []string{"actions"}},
		{name: "an entry without id", edit: func(f object) { delete(action(f, 1), "id") }, fields: []string{"actions[1].id", "actions"}},
		{name: "an unknown id", edit: func(f object) { action(f, 1)["id"] = "thaw_card" }, fields: []string{"actions[1].id", "actions"}},
		{name: "an id twice", edit: func(f object) {
			f["actions"] = append(f["actions"].([]any), action(f, 0))
		}, fields: []string{fmt.Sprintf("actions[%d].id", len(fileActions()))}},
		{name: "an empty wording list", edit: func(f object) { action(f, 2)["wordings"] = []any{} }, fields: []string{"actions[2].wordings"}},
		{name: "no wording list", edit: func(f object) { delete(action(f, 2), "wordings") }, fields: []string{"actions[2].wordings"}},
		{name: "two wordings of an action", edit: func(f object) {
			action(f, 2)["wordings"] = action(f, 2)["wordings"].([]any)[:2]
		}, fields: []string{"actions[2].wordings"}},
		{name: "faults in file order", edit: func(f object) {
			action(f, 2)["wordings"] = []any{}
			action(f, 10)["wordings"] = []any{}
		}, fields: []string{"actions[2].wordings", "actions[10].wordings"}},
		{name: "an empty wording", edit: func(f object) { action(f, 2)["wordings"].([]any)[1] = "  " }, fields: []string{"actions[2].wordings[1]"}},
		{name: "a missing talk kind", edit: func(f object) { delete(f["talk"].(object), "hedgedFailure") }, fields: []string{"talk.hedgedFailure"}},
		{name: "no talk", edit: func(f object) { delete(f, "talk") }, fields: func() []string {
			var l []string
			for _, k := range talkKinds {
				l = append(l, "talk."+k.name)
			}
			return l
		}()},
		{name: "an empty talk kind", edit: func(f object) { kind(f, "closings")["wordings"] = []any{} }, fields: []string{"talk.closings.wordings"}},
		{name: "an unknown talk kind", edit: func(f object) { f["talk"].(object)["sucess"] = kind(f, "success") }, fields: []string{"talk.sucess"}},
		{name: "a talk kind too short", edit: func(f object) {
			kind(f, "failure")["wordings"] = kind(f, "failure")["wordings"].([]any)[:5]
		}, fields: []string{"talk.failure.wordings"}},
		{name: "asks and answers of unequal length", edit: func(f object) {
			kind(f, "answers")["wordings"] = kind(f, "answers")["wordings"].([]any)[:3]
		}, fields: []string{"talk.answers.wordings", "talk.answers.wordings"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			raw := []byte(c.raw)
			if c.edit != nil {
				var f object
				if err := json.Unmarshal(template, &f); err != nil {
					t.Fatal(err)
				}
				c.edit(f)
				if raw, err = json.Marshal(f); err != nil {
					t.Fatal(err)
				}
			}
			path := filepath.Join(t.TempDir(), "mine.json")
			if err := os.WriteFile(path, raw, 0o644); err != nil {
				t.Fatal(err)
			}
			pool, err := LoadPoolFile(path)
			var perr *PoolFileError
			if !errors.As(err, &perr) {
				t.Fatalf("pool %q, error %v: want a *PoolFileError", pool, err)
			}
			if fathom.ErrorCode(err) != fathom.EINVALID || !strings.Contains(fathom.ErrorMessage(err), path) {
				t.Errorf("code %q, message %q: want an invalid-input error naming the file", fathom.ErrorCode(err), fathom.ErrorMessage(err))
			}
			var fields []string
			for _, p := range perr.Problems {
				fields = append(fields, p.Field)
				if p.Problem == "" {
					t.Errorf("%s: no problem said", p.Field)
				}
			}
			if !slices.Equal(fields, c.fields) {
				t.Errorf("fields %q, want %q\n%v", fields, c.fields, err)
			}
		})
	}
}

// TestPoolFileNamesTheMissingAction: a missing action is named by its id,
// so that the reader knows which entry to add.
func TestPoolFileNamesTheMissingAction(t *testing.T) {
	template, err := PoolTemplate()
	if err != nil {
		t.Fatal(err)
	}
	raw := strings.Replace(string(template), `"id": "freeze_card"`, `"id": "thaw_card"`, 1)
	_, err = parsePoolFile("mine.json", []byte(raw))
	var perr *PoolFileError
	if !errors.As(err, &perr) || len(perr.Problems) != 2 {
		t.Fatalf("error %v: want two problems", err)
	}
	if p := perr.Problems[1]; p.Field != "actions" || !strings.Contains(p.Problem, `"freeze_card"`) {
		t.Errorf("%+v: want the field actions naming freeze_card", p)
	}
	if p := perr.Problems[0]; p.Field != "actions[1].id" || !strings.Contains(p.Problem, `"thaw_card"`) {
		t.Errorf("%+v: want the field actions[1].id naming thaw_card", p)
	}
}
