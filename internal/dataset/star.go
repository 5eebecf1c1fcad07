package dataset

import (
	"bufio"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// StarDialogue is one STAR dialogue as a support conversation: the user's
// utterances and the wizard's (the agent's) messages, in order.
type StarDialogue struct {
	ID    int
	Turns []StarTurn
}

// StarTurn is one message. Label is the wizard's ActionLabel, the truth
// for solution identification ("" for the user and for free-typed wizard
// messages without one).
type StarTurn struct {
	Role  string // "user" or "assistant"
	Text  string
	Label string
}

// ReadSTAR reads star/dialogues.jsonl.gz: User "utter" events become user
// turns, Wizard "pick_suggestion" and "utter" events with text assistant
// turns; everything else (instructions, queries, knowledge-base returns)
// is left out.
func ReadSTAR(path string) ([]StarDialogue, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return nil, fmt.Errorf("star: %w", err)
	}
	var out []StarDialogue
	sc := bufio.NewScanner(zr)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	for sc.Scan() {
		var d struct {
			DialogueID int
			Events     []struct {
				Agent, Action, Text, ActionLabel string
			}
		}
		if err := json.Unmarshal(sc.Bytes(), &d); err != nil {
			return nil, fmt.Errorf("star dialogue %d: %w", len(out)+1, err)
		}
		sd := StarDialogue{ID: d.DialogueID}
		for _, e := range d.Events {
			switch {
			case e.Text == "":
			case e.Agent == "User" && e.Action == "utter":
				sd.Turns = append(sd.Turns, StarTurn{Role: "user", Text: e.Text})
			case e.Agent == "Wizard" && (e.Action == "pick_suggestion" || e.Action == "utter"):
				sd.Turns = append(sd.Turns, StarTurn{Role: "assistant", Text: e.Text, Label: e.ActionLabel})
			}
		}
		out = append(out, sd)
	}
	return out, sc.Err()
}

// STAROrSkip reads the STAR dialogues for a test, and skips it with a
// clear message when the data is absent.
func STAROrSkip(tb testing.TB) []StarDialogue {
	tb.Helper()
	ds, err := ReadSTAR(filepath.Join(DirOrSkip(tb, "star"), "dialogues.jsonl.gz"))
	if err != nil {
		tb.Fatal(err)
	}
	return ds
}
