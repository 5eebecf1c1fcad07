package eval

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// ABCD (Action-Based Conversations Dataset, ASAPP) holds customer-service
// chats of an online clothing shop. Each dialogue carries the issue the
// customer was given as a flow and a subflow (for instance
// product_defect/return_size): the hidden intent of the simulation. The
// full release (abcd_v1.1.json, optionally gzipped) holds an object of
// the data's own train, dev and test splits; the sample shipped with its
// code (abcd_sample.json) a plain list of dialogues.

// abcdFiles are the files LoadABCD reads, the first one present.
var abcdFiles = []string{"abcd_v1.1.json.gz", "abcd_v1.1.json", "abcd_sample.json"}

// ABCDMinOpenings is the fewest training openings an intent needs to take
// part: fewer cannot teach the server a type and its fixes.
const ABCDMinOpenings = 8

// abcdDialogue is the part of an ABCD dialogue the simulation reads.
type abcdDialogue struct {
	Scenario struct {
		Flow    string `json:"flow"`
		Subflow string `json:"subflow"`
	} `json:"scenario"`
	// Original is the dialogue as written: [speaker, text] pairs, the
	// speaker being customer, agent or action (the agent's tool use).
	Original [][2]string `json:"original"`
}

// LoadABCD reads the customers' openings of the ABCD dialogues under dir,
// labelled flow/subflow, and splits them by a rule fixed before any run:
// the data's own train and test splits when the file has them (its dev
// split is left out), otherwise every fourth opening of each intent in
// file order is held out (SplitEveryFourth). Intents with fewer than
// ABCDMinOpenings training openings are dropped from both sides.
func LoadABCD(dir string) (train, test []Example, err error) {
	splits, name, err := readABCD(dir)
	if err != nil {
		return nil, nil, err
	}
	if all, ok := splits[""]; ok {
		train, test = SplitEveryFourth(abcdOpenings(all))
	} else {
		train, test = abcdOpenings(splits["train"]), abcdOpenings(splits["test"])
	}
	n := 0
	for _, d := range splits {
		n += len(d)
	}
	train, test = keepFrequent(train, test, ABCDMinOpenings)
	if len(train) == 0 {
		return nil, nil, fmt.Errorf("abcd: no intent has %d training openings in %s (%d dialogues; the full ABCD release, abcd_v1.1.json.gz, holds about 10,000)", ABCDMinOpenings, name, n)
	}
	return train, test, nil
}

// LoadABCDOpenings reads every opening of the ABCD dialogues under dir,
// of all splits, for issue discovery (which learns no parameters).
func LoadABCDOpenings(dir string) ([]Example, error) {
	splits, _, err := readABCD(dir)
	if err != nil {
		return nil, err
	}
	var out []Example
	for _, s := range []string{"", "train", "dev", "test"} {
		out = append(out, abcdOpenings(splits[s])...)
	}
	return out, nil
}

// readABCD reads the first of abcdFiles under dir, as its splits (a plain
// list under "").
func readABCD(dir string) (map[string][]abcdDialogue, string, error) {
	for _, name := range abcdFiles {
		raw, err := os.ReadFile(filepath.Join(dir, name))
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return nil, name, fmt.Errorf("abcd data: %w", err)
		}
		if strings.HasSuffix(name, ".gz") {
			zr, err := gzip.NewReader(bytes.NewReader(raw))
			if err != nil {
				return nil, name, fmt.Errorf("abcd data %s: %w", name, err)
			}
			if raw, err = io.ReadAll(zr); err != nil {
				return nil, name, fmt.Errorf("abcd data %s: %w", name, err)
			}
		}
		splits := map[string][]abcdDialogue{}
		if t := bytes.TrimSpace(raw); len(t) > 0 && t[0] == '[' {
			var all []abcdDialogue
			err = json.Unmarshal(raw, &all)
			splits[""] = all
		} else {
			err = json.Unmarshal(raw, &splits)
		}
		if err != nil {
			return nil, name, fmt.Errorf("abcd data %s: %w", name, err)
		}
		return splits, name, nil
	}
	return nil, "", fmt.Errorf("abcd data: none of %s in %s (the data lives in ../shared/data/abcd)", strings.Join(abcdFiles, ", "), dir)
}

// abcdOpenings are the dialogues' openings, in order, labelled
// flow/subflow; dialogues without a label or an opening are skipped.
func abcdOpenings(ds []abcdDialogue) []Example {
	var out []Example
	for _, d := range ds {
		text := abcdOpening(d.Original)
		if text == "" || d.Scenario.Flow == "" || d.Scenario.Subflow == "" {
			continue
		}
		out = append(out, Example{Text: text, Intent: d.Scenario.Flow + "/" + d.Scenario.Subflow})
	}
	return out
}

// abcdOpening is what the customer says before the agent acts on it: the
// customer's turns from the start, up to the agent's first action (a tool
// use) or the first agent turn after a customer turn of four words or
// more. A rule on length alone, so that a bare "hello" before the agent's
// greeting does not end the opening.
func abcdOpening(turns [][2]string) string {
	var parts []string
	said := false
	for _, t := range turns {
		switch t[0] {
		case "customer":
			if s := strings.TrimSpace(t[1]); s != "" {
				parts = append(parts, s)
				said = said || len(strings.Fields(s)) >= 4
			}
		case "action":
			return strings.Join(parts, " ")
		default:
			if said {
				return strings.Join(parts, " ")
			}
		}
	}
	return strings.Join(parts, " ")
}

// keepFrequent keeps the intents with at least least training examples.
func keepFrequent(train, test []Example, least int) ([]Example, []Example) {
	count := map[string]int{}
	for _, ex := range train {
		count[ex.Intent]++
	}
	keep := func(l []Example) []Example {
		var out []Example
		for _, ex := range l {
			if count[ex.Intent] >= least {
				out = append(out, ex)
			}
		}
		return out
	}
	return keep(train), keep(test)
}
