package eval

import (
	"compress/gzip"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/fathom-oss/fathom/internal/dataset"
)

func TestABCDOpening(t *testing.T) {
	for _, c := range []struct {
		name  string
		turns [][2]string
		want  string
	}{
		{"agent first", [][2]string{{"agent", "Hi!"}, {"customer", "I need to return an item, can you help?"}, {"agent", "sure, your name?"}, {"customer", "Crystal Minh"}}, "I need to return an item, can you help?"},
		{"bare hello goes on", [][2]string{{"customer", "HEY HO!"}, {"agent", "how can I help?"}, {"customer", "my promo code will not work"}, {"customer", "it says expired"}, {"agent", "let me check"}}, "HEY HO! my promo code will not work it says expired"},
		{"an action ends it", [][2]string{{"customer", "hi"}, {"customer", "Jo Lee"}, {"action", "Account has been pulled up for Jo Lee."}, {"customer", "where is my order please"}}, "hi Jo Lee"},
		{"no agent", [][2]string{{"customer", "  where is my parcel now  "}}, "where is my parcel now"},
		{"no customer", [][2]string{{"agent", "hello?"}}, ""},
	} {
		if got := abcdOpening(c.turns); got != c.want {
			t.Errorf("%s: %q, want %q", c.name, got, c.want)
		}
	}
}

// abcdFake builds n dialogues of one intent whose openings are numbered.
func abcdFake(flow, subflow string, n int) []map[string]any {
	var out []map[string]any
	for i := range n {
		out = append(out, map[string]any{
			"scenario": map[string]string{"flow": flow, "subflow": subflow},
			"original": [][2]string{{"agent", "hello, how can I help?"}, {"customer", fmt.Sprintf("my %s %s problem number %d", flow, subflow, i)}, {"agent", "sure"}},
		})
	}
	return out
}

// TestLoadABCDUsesTheDataSplit: the release's train and test splits are
// used as they are, dev is left out, and intents with fewer than eight
// training openings are dropped from both sides.
func TestLoadABCDUsesTheDataSplit(t *testing.T) {
	dir := t.TempDir()
	release := map[string][]map[string]any{
		"train": append(abcdFake("shipping_issue", "missing", 8), abcdFake("order_issue", "manage_cancel", 7)...),
		"dev":   abcdFake("shipping_issue", "missing", 5),
		"test":  append(abcdFake("shipping_issue", "missing", 3), abcdFake("order_issue", "manage_cancel", 2)...),
	}
	f, err := os.Create(filepath.Join(dir, "abcd_v1.1.json.gz"))
	if err != nil {
		t.Fatal(err)
	}
	zw := gzip.NewWriter(f)
	if err := json.NewEncoder(zw).Encode(release); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	f.Close()
	train, test, err := LoadABCD(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(train) != 8 || len(test) != 3 || !slices.Equal(Intents(train), []string{"shipping_issue/missing"}) || !slices.Equal(Intents(test), Intents(train)) {
		t.Fatalf("train %d %v, test %d %v; want 8 and 3 of shipping_issue/missing", len(train), Intents(train), len(test), Intents(test))
	}
	if train[0].Text != "my shipping_issue missing problem number 0" {
		t.Errorf("first opening %q", train[0].Text)
	}
	all, err := LoadABCDOpenings(dir)
	if err != nil || len(all) != 8+7+5+3+2 {
		t.Errorf("all openings: %d, %v; want 25", len(all), err)
	}
}

// TestABCDDomainDrawsRetailActions: the abcd domain's plans draw only from
// the retail actions, and its conversations are worded in every pool.
func TestABCDDomainDrawsRetailActions(t *testing.T) {
	dir := t.TempDir()
	list := append(abcdFake("product_defect", "return_size", 12), abcdFake("account_access", "recover_password", 12)...)
	raw, err := json.Marshal(list)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(dir, "abcd"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "abcd", "abcd_sample.json"), raw, 0o644); err != nil {
		t.Fatal(err)
	}
	d, err := LoadDomain(dir, "abcd")
	if err != nil {
		t.Fatal(err)
	}
	// A plain list is split every fourth: 9 of 12 train, 3 test, per intent.
	if len(d.Train) != 18 || len(d.Test) != 6 {
		t.Fatalf("train %d, test %d; want 18 and 6", len(d.Train), len(d.Test))
	}
	if len(retailActions) != len(retailOnly)+len(retailShared) {
		t.Fatalf("%d retail actions, want %d: a shared id is missing from simActions", len(retailActions), len(retailOnly)+len(retailShared))
	}
	retail := map[string]bool{}
	for _, a := range retailActions {
		retail[a.ID] = true
	}
	plans := d.Plans(1)
	for _, intent := range Intents(d.Train) {
		p := plans[intent]
		for _, a := range p.Actions {
			if !retail[a.ID] {
				t.Errorf("%s draws %s, not a retail action", intent, a.ID)
			}
		}
		if p.Escalation != nil && (!retail[p.Escalation.ID] || !IsEscalation(p.Escalation.ID)) {
			t.Errorf("%s escalates with %s", intent, p.Escalation.ID)
		}
	}
	for _, pool := range Pools {
		for _, s := range SimulateTraining(d.Train, plans, pool, 1) {
			for _, tu := range s.Turns {
				if strings.TrimSpace(tu.Content) == "" {
					t.Fatalf("%s: empty turn in\n%s", pool, s)
				}
			}
		}
	}
}

// TestLoadABCDData reads the ABCD data in shared/data: the sample's three
// dialogues are too few for the simulation, which must say so; the full
// release, once there, must give intents of eight training openings or
// more.
func TestLoadABCDData(t *testing.T) {
	dir := dataset.DirOrSkip(t, "abcd")
	all, err := LoadABCDOpenings(dir)
	if err != nil || len(all) == 0 {
		t.Fatalf("openings: %d, %v", len(all), err)
	}
	for _, ex := range all {
		if ex.Text == "" || !strings.Contains(ex.Intent, "/") {
			t.Errorf("bad opening %+v", ex)
		}
		if ex.Intent == "product_defect/refund_status" && ex.Text != "just wanted to check on the status of a refund" {
			t.Errorf("refund status opening %q", ex.Text)
		}
	}
	train, test, err := LoadABCD(dir)
	if err != nil {
		if !strings.Contains(err.Error(), "no intent has 8 training openings") {
			t.Fatal(err)
		}
		t.Logf("%d openings, too few for the simulation: %v", len(all), err)
		return
	}
	count := map[string]int{}
	for _, ex := range train {
		count[ex.Intent]++
	}
	for _, ex := range test {
		if count[ex.Intent] < ABCDMinOpenings {
			t.Errorf("test intent %s has %d training openings", ex.Intent, count[ex.Intent])
		}
	}
}
