package eval

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"

	"github.com/fathom-oss/fathom/client"
)

// DSTC11 track 2 (intent induction) has three domains, one file each.
var dstc11Files = map[string]string{
	"insurance": "development.jsonl",
	"banking":   "test-banking.jsonl",
	"finance":   "test-finance.jsonl",
}

// DSTC11Domains are the domain names, in report order.
var DSTC11Domains = []string{"insurance", "banking", "finance"}

// LoadDSTC11 reads one domain's utterances (fields utterance, intent) in
// file order.
func LoadDSTC11(dir, domain string) ([]Example, error) {
	name, ok := dstc11Files[domain]
	if !ok {
		return nil, fmt.Errorf("dstc11: unknown domain %q (want insurance, banking or finance)", domain)
	}
	f, err := os.Open(filepath.Join(dir, name))
	if err != nil {
		return nil, fmt.Errorf("dstc11 data: %w (the data lives in ../shared/data/dstc11)", err)
	}
	defer f.Close()
	var out []Example
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for line := 1; sc.Scan(); line++ {
		var row struct{ Utterance, Intent string }
		if err := json.Unmarshal(sc.Bytes(), &row); err != nil {
			return nil, fmt.Errorf("%s line %d: %w", name, line, err)
		}
		if row.Utterance != "" && row.Intent != "" {
			out = append(out, Example{Text: row.Utterance, Intent: row.Intent})
		}
	}
	return out, sc.Err()
}

// SplitEveryFourth holds out every fourth example of each intent, in file
// order: a split fixed by position alone, before any result is seen.
func SplitEveryFourth(all []Example) (train, test []Example) {
	seen := map[string]int{}
	for _, ex := range all {
		if seen[ex.Intent]++; seen[ex.Intent]%4 == 0 {
			test = append(test, ex)
		} else {
			train = append(train, ex)
		}
	}
	return train, test
}

// DiscoveryOf tracks and resolves every example as a one-turn
// conversation of a fresh tenant, then scores the issue types the server
// assigned against the intents. wait is called between the two, to let
// the analysis catch up.
func DiscoveryOf(ctx context.Context, c *client.Client, examples []Example, concurrency int, wait func()) (DiscoveryMetrics, error) {
	if err := Load(ctx, c, examples, concurrency); err != nil {
		return DiscoveryMetrics{}, fmt.Errorf("load conversations: %w", err)
	}
	wait()
	return Discovery(ctx, c, examples, concurrency)
}
