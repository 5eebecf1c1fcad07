package eval

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"testing"

	"github.com/fathom-oss/fathom/internal/dataset"
)

// existingWorlds are the hashes of the develop-pool simulation of the
// domains reported before the abcd domain was added: their plans (seed
// 77, as the evaluation uses), every training conversation and every
// held-out conversation. Figures measured before and after a change are
// comparable only while these stay the same; a change that means to alter
// the simulated world must say so and record the new hashes.
var existingWorlds = map[string]string{
	"banking77": "8d917bd906b406e9bba0de517ce6337f87d4660a33edd25af6ebbbfb2e20fbec",
	"insurance": "a3f1636672a5b879f444f81bdbe9ce0d596b831e7fb0069521fa4634b044c76b",
	"banking":   "5f4b9f9f2c79ab6247f78995f2555e7822e79500003c0733ed5a5b54857a9117",
	"finance":   "1b7e990f2767e112a0df8b310bd156cdb034128bc460400e2da93d373d122770",
}

// worldHash hashes what the simulation of a domain generates in a pool.
func worldHash(d Domain, pool Pool) string {
	h := sha256.New()
	plans := d.Plans(1)
	for _, intent := range Intents(d.Train) {
		p := plans[intent]
		fmt.Fprintf(h, "%s %q %.9f %s", intent, p.Partner, p.Rates, p.Best())
		for _, a := range p.Actions {
			fmt.Fprintf(h, " %s", a.ID)
		}
		if p.Escalation != nil {
			fmt.Fprintf(h, " ^%s", p.Escalation.ID)
		}
		fmt.Fprintln(h)
	}
	for _, s := range SimulateTraining(d.Train, plans, pool, 1) {
		fmt.Fprintln(h, s.String(), s.Attempts, s.Resolved)
	}
	for i, ex := range d.Test {
		s := Simulate(plans[ex.Intent], pool, ex.Text, rand.New(rand.NewPCG(uint64(i), 2)))
		fmt.Fprintln(h, s.String(), s.Attempts, s.Resolved)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// TestExistingDomainsSimulateUnchanged: the domains reported before keep
// their action sets, seeds and conversations, so earlier figures stay
// comparable.
func TestExistingDomainsSimulateUnchanged(t *testing.T) {
	data := filepath.Dir(dataset.DirOrSkip(t, "banking77"))
	dataset.DirOrSkip(t, "dstc11")
	for _, name := range RecommendDomains {
		d, err := LoadDomain(data, name)
		if err != nil {
			t.Fatal(err)
		}
		if got := worldHash(d, PoolDevelop); got != existingWorlds[name] {
			t.Errorf("%s: the develop-pool simulation changed: hash %s, recorded %s", name, got, existingWorlds[name])
		}
	}
}
