package eval

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestLoadDomainFile: both shapes give the same domain, split as the
// DSTC11 domains are, named after the file; a file at fault is refused
// with its line and field.
func TestLoadDomainFile(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	var csvBody, jsonBody strings.Builder
	csvBody.WriteString("Category,Text\n")
	for i := range 5 {
		for _, intent := range []string{"late", "lost"} {
			csvBody.WriteString(intent + `,"my parcel, number ` + string(rune('a'+i)) + `"` + "\n")
			jsonBody.WriteString(`{"utterance": "my parcel, number ` + string(rune('a'+i)) + `", "intent": "` + intent + `"}` + "\n\n")
		}
	}
	fromCSV, err := LoadDomainFile(write("parcels.csv", csvBody.String()))
	if err != nil {
		t.Fatal(err)
	}
	fromJSON, err := LoadDomainFile(write("parcels.jsonl", jsonBody.String()))
	if err != nil {
		t.Fatal(err)
	}
	if fromCSV.Name != "parcels" || len(fromCSV.Train) != 8 || len(fromCSV.Test) != 2 || fromCSV.Test[0].Intent != "late" {
		t.Errorf("csv: %s, %d train, %d test (%v)", fromCSV.Name, len(fromCSV.Train), len(fromCSV.Test), fromCSV.Test)
	}
	if strings.Join(exampleTexts(fromCSV.Train), "|") != strings.Join(exampleTexts(fromJSON.Train), "|") ||
		strings.Join(exampleTexts(fromCSV.Test), "|") != strings.Join(exampleTexts(fromJSON.Test), "|") {
		t.Errorf("csv and jsonl of the same openings split differently")
	}
	for _, c := range []struct{ name, body, want string }{
		{"a.csv", "text,topic\nhi,x\n", `line 1: the header "text,topic" names no intent column (intent or category or label)`},
		{"b.csv", "intent,text\nlate,one\nlate,\n", "line 3: text: empty"},
		{"c.jsonl", `{"text": "one", "intent": "late"}` + "\n" + `{"text": "two"}` + "\n", "line 2: intent: missing (or category, label)"},
		{"d.jsonl", `{"text": 3, "intent": "late"}` + "\n", "line 1: text: want a non-empty string"},
		{"e.csv", "text,intent\na,x\nb,x\nc,x\nd,x\ne,y\n", "1 intents have 4 openings or more, 2 needed"},
		{"f.txt", "text,intent\n", `not ".txt"`},
		{"g.csv", "", "empty"},
		{"h.csv", "text,intent\na,x\nb,x\nc,x\nd,x\n", "openings of 1 intents, 2 needed"},
	} {
		_, err := LoadDomainFile(write(c.name, c.body))
		if err == nil || !strings.Contains(err.Error(), c.want) || !strings.Contains(err.Error(), c.name) {
			t.Errorf("%s: got %v, want an error naming the file and saying %q", c.name, err, c.want)
		}
	}
}

func exampleTexts(ex []Example) []string {
	out := make([]string, len(ex))
	for i, e := range ex {
		out[i] = e.Intent + ":" + e.Text
	}
	return out
}
