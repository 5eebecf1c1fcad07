package eval

// A reader brings their own wording of the simulation in a JSON file: the
// template (PoolTemplate) holds every action id and every kind of small
// talk with the develop pool's wording as the example to replace, and
// LoadPoolFile registers such a file as a pool at run time, so that it
// runs exactly as a registered pool does (specOf finds it). A file is
// checked whole before any run, with the pools' shape rules
// (TestIDPoolsAreComplete): every action worded three times, no unknown
// id, every kind of small talk as often as the develop pool has it.

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"os"
	"slices"
	"strings"
	"sync"

	"github.com/fathom-oss/fathom/internal/fathom"
)

// actionWordings is how many wordings a pool gives each action.
const actionWordings = 3

// poolFile is the file's shape. Fields named about are for the reader
// and never read back.
type poolFile struct {
	About   string       `json:"about"`
	Actions []fileAction `json:"actions"`
	Talk    fileTalk     `json:"talk"`
}

// fileAction is one action's wording.
type fileAction struct {
	ID       string   `json:"id"`
	About    string   `json:"about"`
	Wordings []string `json:"wordings"`
}

// fileWordings is one kind of small talk.
type fileWordings struct {
	About    string   `json:"about"`
	Wordings []string `json:"wordings"`
}

// fileTalk is the small talk by kind; it is written in talkKinds' order.
type fileTalk map[string]fileWordings

// talkKind is a kind of small talk: the name a file gives it, what it is
// for, and where it goes in a talk.
type talkKind struct {
	name, about string
	of          func(*talk) *[]string
}

// talkKinds are the kinds of small talk, in the order a conversation
// meets them.
var talkKinds = []talkKind{
	{"success", "the user's plain reply when the agent's fix worked", func(w *talk) *[]string { return &w.success }},
	{"failure", "the user's plain reply when the fix did not work", func(w *talk) *[]string { return &w.failure }},
	{"hedgedSuccess", "the user hesitates, then says the fix worked", func(w *talk) *[]string { return &w.hedgedSuccess }},
	{"hedgedFailure", "the user hesitates, then says the fix did not work", func(w *talk) *[]string { return &w.hedgedFailure }},
	{"handedOver", "the user's reply when the agent hands the case over to another team", func(w *talk) *[]string { return &w.handedOver }},
	{"greetings", "the agent's opening words, put before its first message", func(w *talk) *[]string { return &w.greetings }},
	{"asks", "the agent asks the user for a detail (not a fix)", func(w *talk) *[]string { return &w.asks }},
	{"answers", "the user gives a detail after an ask (drawn apart from the ask: any answer may follow any ask); as many as asks", func(w *talk) *[]string { return &w.answers }},
	{"closings", "the agent, after a fix worked, asks whether there is anything else", func(w *talk) *[]string { return &w.closings }},
	{"farewells", "the user's last words after a closing", func(w *talk) *[]string { return &w.farewells }},
}

// MarshalJSON writes the kinds in talkKinds' order, as a reader reads a
// conversation, rather than in the alphabetical order of a map.
func (t fileTalk) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for _, k := range talkKinds {
		w, ok := t[k.name]
		if !ok {
			continue
		}
		if b.Len() > 1 {
			b.WriteByte(',')
		}
		v, err := marshal(w)
		if err != nil {
			return nil, err
		}
		fmt.Fprintf(&b, "%q:%s", k.name, v)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// marshal is json.Marshal without escaping <, > and &, which wordings may hold.
func marshal(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimRight(b.Bytes(), "\n"), nil
}

// fileActions are the actions a file words, in the template's order.
func fileActions() []Action { return append(slices.Clip(simActions), retailOnly...) }

// PoolTemplate is the JSON file a reader fills in with their own wording
// (fathom eval recommend --pool-template): every action and every kind of
// small talk, worded as in the develop pool.
func PoolTemplate() ([]byte, error) {
	f := poolFile{
		About: "Your own wording of the recommendation simulation (fathom eval recommend). " +
			"Replace every wording below (the develop pool's, as examples) with your own; keep every id, " +
			"every kind of small talk and the number of wordings of each part; then run " +
			"fathom eval recommend --pool-file FILE. The about fields are for you: they are never read.",
		Talk: fileTalk{},
	}
	for _, a := range fileActions() {
		f.Actions = append(f.Actions, fileAction{ID: a.ID, About: actionAbout(a), Wordings: a.Develop})
	}
	develop := specOf(PoolDevelop).talk
	for _, k := range talkKinds {
		l := *k.of(&develop)
		f.Talk[k.name] = fileWordings{About: fmt.Sprintf("%s; exactly %d wordings", k.about, len(l)), Wordings: l}
	}
	b, err := marshal(f)
	if err != nil {
		return nil, err
	}
	var out bytes.Buffer
	if err := json.Indent(&out, b, "", "  "); err != nil {
		return nil, err
	}
	out.WriteByte('\n')
	return out.Bytes(), nil
}

// actionAbout says what kind of action a is and which domains draw it.
func actionAbout(a Action) string {
	kind := "a fix the agent proposes or does"
	if a.Escalation {
		kind = "a hand-over to another team, never a fix: word it as passing the case on"
	}
	banking := slices.ContainsFunc(simActions, func(b Action) bool { return b.ID == a.ID })
	retail := slices.ContainsFunc(retailActions, func(b Action) bool { return b.ID == a.ID })
	where := "the banking domains (banking77, insurance, banking, finance)"
	switch {
	case banking && retail:
		where += " and abcd (a clothing shop)"
	case retail:
		where = "abcd only (a clothing shop)"
	}
	return fmt.Sprintf("%s; used in %s; exactly %d wordings", kind, where, actionWordings)
}

// PoolFileProblem is one thing wrong in a pool file: the JSON field it is
// in ("actions[3].wordings", "talk.asks"; "" for the file as a whole) and
// what is wrong.
type PoolFileProblem struct {
	Field, Problem string
}

// PoolFileError lists everything wrong in a pool file. It unwraps to an
// invalid-input application error, so that its message is shown as it is.
type PoolFileError struct {
	File     string
	Problems []PoolFileProblem
}

func (e *PoolFileError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "pool file %s:", e.File)
	for _, p := range e.Problems {
		if p.Field == "" {
			fmt.Fprintf(&b, "\n  %s", p.Problem)
		} else {
			fmt.Fprintf(&b, "\n  %s: %s", p.Field, p.Problem)
		}
	}
	return b.String()
}

func (e *PoolFileError) Unwrap() error { return fathom.Errorf(fathom.EINVALID, "%s", e.Error()) }

// LoadPoolFile reads and checks a pool file and registers it as a pool,
// run only to report; the pool is named after the file. A file that is
// not right gets a *PoolFileError naming every field at fault.
func LoadPoolFile(path string) (Pool, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return "", fathom.Errorf(fathom.EINVALID, "pool file: %v", err)
	}
	spec, err := parsePoolFile(path, data)
	if err != nil {
		return "", err
	}
	registerPool(spec)
	return spec.name, nil
}

// parsePoolFile is the pool a file words, named "file:" and the file's name.
func parsePoolFile(name string, data []byte) (poolSpec, error) {
	var f poolFile
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&f); err != nil {
		return poolSpec{}, &PoolFileError{File: name, Problems: []PoolFileProblem{jsonProblem(data, err)}}
	}
	if dec.More() {
		return poolSpec{}, &PoolFileError{File: name, Problems: []PoolFileProblem{{Problem: "bad JSON: more than one value in the file"}}}
	}
	spec := poolSpec{name: Pool("file:" + name), byID: map[string][]string{}, reportOnly: true, provenance: "from " + name}
	var problems []PoolFileProblem
	add := func(field, format string, args ...any) {
		problems = append(problems, PoolFileProblem{field, fmt.Sprintf(format, args...)})
	}
	known := map[string]bool{}
	for _, a := range fileActions() {
		known[a.ID] = true
	}
	first := map[string]int{}
	for i, a := range f.Actions {
		field := fmt.Sprintf("actions[%d]", i)
		switch j, seen := first[a.ID]; {
		case a.ID == "":
			add(field+".id", "missing")
			continue
		case !known[a.ID]:
			add(field+".id", "%q is no action of the simulation (the template lists them)", a.ID)
			continue
		case seen:
			add(field+".id", "%q again (first at actions[%d])", a.ID, j)
			continue
		}
		first[a.ID] = i
		checkWordings(add, field+".wordings", a.ID, a.Wordings, actionWordings)
		spec.byID[a.ID] = a.Wordings
	}
	for _, a := range fileActions() {
		if _, ok := first[a.ID]; !ok {
			add("actions", "no entry for %q: every action of the template needs its wording", a.ID)
		}
	}
	develop := specOf(PoolDevelop).talk
	for _, k := range talkKinds {
		want := len(*k.of(&develop))
		w, ok := f.Talk[k.name]
		if !ok {
			add("talk."+k.name, "missing: %d wordings needed (%s)", want, k.about)
			continue
		}
		checkWordings(add, "talk."+k.name+".wordings", k.name, w.Wordings, want)
		*k.of(&spec.talk) = w.Wordings
	}
	for _, name := range slices.Sorted(maps.Keys(f.Talk)) {
		if !slices.ContainsFunc(talkKinds, func(k talkKind) bool { return k.name == name }) {
			add("talk."+name, "no such kind of small talk (the template lists them)")
		}
	}
	asks, okAsks := f.Talk["asks"]
	answers, okAnswers := f.Talk["answers"]
	if okAsks && okAnswers && len(asks.Wordings) != len(answers.Wordings) {
		add("talk.answers.wordings", "%d answers for %d asks: as many answers as asks", len(answers.Wordings), len(asks.Wordings))
	}
	if problems != nil {
		return poolSpec{}, &PoolFileError{File: name, Problems: problems}
	}
	return spec, nil
}

// checkWordings adds a problem for a list of wordings that is empty, holds
// an empty wording, or does not hold want of them.
func checkWordings(add func(field, format string, args ...any), field, what string, l []string, want int) {
	switch {
	case len(l) == 0:
		add(field, "empty: %d wordings of %s needed", want, what)
		return
	case len(l) != want:
		add(field, "%d wordings of %s, %d needed", len(l), what, want)
	}
	for i, w := range l {
		if strings.TrimSpace(w) == "" {
			add(fmt.Sprintf("%s[%d]", field, i), "empty")
		}
	}
}

// jsonProblem says where a file's JSON is wrong, with its line and column.
func jsonProblem(data []byte, err error) PoolFileProblem {
	var syntax *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syntax):
		return PoolFileProblem{Problem: fmt.Sprintf("bad JSON at %s: %v", lineColumn(data, syntax.Offset), err)}
	case errors.As(err, &typ):
		return PoolFileProblem{Field: typ.Field, Problem: fmt.Sprintf("a JSON %s where %s belongs (at %s)", typ.Value, jsonKind(typ.Type.String()), lineColumn(data, typ.Offset))}
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return PoolFileProblem{Problem: "bad JSON: the file is empty or cut short"}
	}
	return PoolFileProblem{Problem: "bad JSON: " + strings.TrimPrefix(err.Error(), "json: ")}
}

// lineColumn is where offset falls in data, as an editor counts.
func lineColumn(data []byte, offset int64) string {
	before := data[:min(max(offset, 0), int64(len(data)))]
	line := bytes.Count(before, []byte("\n")) + 1
	column := len(before) - bytes.LastIndexByte(before, '\n')
	return fmt.Sprintf("line %d, column %d", line, column)
}

// jsonKind names a Go type of the file as JSON does.
func jsonKind(goType string) string {
	switch {
	case goType == "string":
		return "a string"
	case strings.HasPrefix(goType, "[]"):
		return "a list"
	}
	return "an object"
}

// filePools are the pools registered at run time from files, beside the
// registry compiled in (pools).
var filePools struct {
	sync.RWMutex
	specs []poolSpec
}

// registerPool adds spec to the pools registered at run time, in place of
// one of the same name.
func registerPool(spec poolSpec) {
	filePools.Lock()
	defer filePools.Unlock()
	filePools.specs = slices.DeleteFunc(filePools.specs, func(s poolSpec) bool { return s.name == spec.name })
	filePools.specs = append(filePools.specs, spec)
}

// filePool is the pool registered at run time under p's name.
func filePool(p Pool) (poolSpec, bool) {
	filePools.RLock()
	defer filePools.RUnlock()
	for _, s := range filePools.specs {
		if s.name == p {
			return s, true
		}
	}
	return poolSpec{}, false
}
