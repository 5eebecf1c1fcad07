package eval

import (
	"bufio"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"os"
	"path/filepath"

	"github.com/fathom-oss/fathom/internal/fathom"
)

// SGDReaction is a user's reply to a system proposal in the Schema-Guided
// Dialogue data: the turn after a SYSTEM turn with an OFFER or CONFIRM act.
// Accepted is the truth, from the reply's own dialogue acts.
type SGDReaction struct {
	DialogueID string
	Turn       int    // index of the user turn in its dialogue
	Proposal   string // the system turn, for reading misses
	Reply      string
	Accepted   bool
	// Neutral marks a reply that takes no stance (see LoadSGDNeutral);
	// Accepted is false and means nothing then.
	Neutral  bool
	Report   bool     // in the report half (see SGDReportHalf)
	Services []string // the dialogue's services ("Restaurants_2")
}

// SGDReportHalf says whether a dialogue belongs to the report half of the
// evaluation: the FNV-1a 32-bit hash of its dialogue_id is odd. The rule was
// fixed before any result was seen; everything tuned or learned from SGD
// uses the develop half (even hashes) only.
func SGDReportHalf(dialogueID string) bool {
	h := fnv.New32a()
	h.Write([]byte(dialogueID))
	return h.Sum32()%2 == 1
}

// sgdLabel labels a user turn from its acts: accepted when it affirms or
// selects, rejected when it negates or asks for alternatives. A turn with
// both kinds, or neither, says no clear yes or no and is skipped (ok false).
func sgdLabel(acts []string) (accepted, ok bool) {
	var yes, no bool
	for _, a := range acts {
		switch a {
		case "AFFIRM", "SELECT":
			yes = true
		case "NEGATE", "REQUEST_ALTS":
			no = true
		}
	}
	return yes, yes != no
}

// sgdProposes reports whether a system turn makes a proposal the user can
// take or refuse.
func sgdProposes(acts []string) bool {
	for _, a := range acts {
		if a == "OFFER" || a == "CONFIRM" {
			return true
		}
	}
	return false
}

type sgdDialogue struct {
	DialogueID string   `json:"dialogue_id"`
	Services   []string `json:"services"`
	Turns      []struct {
		Speaker   string `json:"speaker"`
		Utterance string `json:"utterance"`
		Frames    []struct {
			Actions []struct {
				Act string `json:"act"`
			} `json:"actions"`
		} `json:"frames"`
	} `json:"turns"`
}

// LoadSGD reads dev.jsonl.gz from dir (one dialogue per line) and returns
// every labelled reaction, in file order.
func LoadSGD(dir string) ([]SGDReaction, error) {
	var out []SGDReaction
	err := readSGD(dir, func(d *sgdDialogue, i int, sysActs, userActs []string) {
		if !sgdProposes(sysActs) {
			return
		}
		if accepted, ok := sgdLabel(userActs); ok {
			out = append(out, sgdReaction(d, i, accepted))
		}
	})
	return out, err
}

func sgdReaction(d *sgdDialogue, i int, accepted bool) SGDReaction {
	return SGDReaction{DialogueID: d.DialogueID, Turn: i, Proposal: d.Turns[i-1].Utterance,
		Reply: d.Turns[i].Utterance, Accepted: accepted,
		Report: SGDReportHalf(d.DialogueID), Services: d.Services}
}

// readSGD calls fn for every user turn that follows a system turn, with
// the acts of both.
func readSGD(dir string, fn func(d *sgdDialogue, i int, sysActs, userActs []string)) error {
	path := filepath.Join(dir, "dev.jsonl.gz")
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	sc := bufio.NewScanner(zr)
	sc.Buffer(make([]byte, 0, 1<<20), 16<<20)
	for line := 1; sc.Scan(); line++ {
		var d sgdDialogue
		if err := json.Unmarshal(sc.Bytes(), &d); err != nil {
			return fmt.Errorf("%s line %d: %w", path, line, err)
		}
		for i := 1; i < len(d.Turns); i++ {
			sys, user := d.Turns[i-1], d.Turns[i]
			if sys.Speaker != "SYSTEM" || user.Speaker != "USER" {
				continue
			}
			var sysActs, userActs []string
			for _, fr := range sys.Frames {
				for _, a := range fr.Actions {
					sysActs = append(sysActs, a.Act)
				}
			}
			for _, fr := range user.Frames {
				for _, a := range fr.Actions {
					userActs = append(userActs, a.Act)
				}
			}
			fn(&d, i, sysActs, userActs)
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}

// SGDScore is how well a classifier reads accepted and rejected replies.
// Accepted counts as success and rejected as failure; anything else the
// classifier says (pending, unknown) is undecided and counts as wrong.
type SGDScore struct {
	// Confusion[truth][said]: truth 0 accepted, 1 rejected; said 0 success,
	// 1 failure, 2 undecided.
	Confusion [2][3]int
	Misses    []SGDReaction // wrong or undecided, in input order
}

// ScoreSGD classifies every reply in rs.
func ScoreSGD(rs []SGDReaction, classify func(string) (fathom.Outcome, float64)) SGDScore {
	var s SGDScore
	for _, r := range rs {
		truth := 1
		if r.Accepted {
			truth = 0
		}
		o, _ := classify(r.Reply)
		said := 2
		switch o {
		case fathom.OutcomeSuccess:
			said = 0
		case fathom.OutcomeFailure:
			said = 1
		}
		s.Confusion[truth][said]++
		if said != truth {
			s.Misses = append(s.Misses, r)
		}
	}
	return s
}

// N is the number of replies scored.
func (s SGDScore) N() int {
	n := 0
	for _, row := range s.Confusion {
		for _, c := range row {
			n += c
		}
	}
	return n
}

// Accuracy is the share of replies read right; undecided ones are wrong.
func (s SGDScore) Accuracy() float64 {
	return ratio(s.Confusion[0][0]+s.Confusion[1][1], s.N())
}

// Coverage is the share of replies decided as success or failure.
func (s SGDScore) Coverage() float64 {
	return ratio(s.N()-s.Confusion[0][2]-s.Confusion[1][2], s.N())
}

// ratio is a/b, or 0 when b is 0.
func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}
