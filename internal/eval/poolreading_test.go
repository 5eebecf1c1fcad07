package eval

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/fathom-oss/fathom/internal/fathom"
	"github.com/fathom-oss/fathom/internal/knowledge/attempt"
	"github.com/fathom-oss/fathom/internal/knowledge/outcome"
	"github.com/fathom-oss/fathom/internal/knowledge/solution"
)

// register is the shape of a wording, read from its surface only: a
// ticket macro ("Macro X-01: ..."), a formal letter ("Dear customer"),
// chat with emoji, a transcript with no punctuation at all, or plain text.
func register(w string) string {
	t := strings.TrimSpace(w)
	switch {
	case strings.HasPrefix(t, "Macro "):
		return "macro"
	case strings.HasPrefix(strings.ToLower(t), "dear "):
		return "letter"
	}
	for _, r := range t {
		if r > 0x2000 && !unicode.IsLetter(r) && !unicode.IsPunct(r) && r != '£' && r != '€' {
			return "emoji"
		}
	}
	if !strings.ContainsAny(t, ".,;:!?") {
		return "unpunctuated"
	}
	return "plain"
}

// reading is what the engine made of one wording.
type reading struct {
	action, register, key, solution string
	detected, handOverWrong         bool
}

// readPool reads every wording of pool as the agent's turn after an
// opening and before a plain success, places each proposal read in one
// solution model for the whole pool (the words alone, as the simulation
// learns without vectors), and returns the readings.
func readPool(pool Pool) []reading {
	m := solution.NewModel(solution.Config{})
	var out []reading
	for _, a := range append(slices.Clip(simActions), retailOnly...) {
		for _, w := range a.Phrasings(pool) {
			r := reading{action: a.ID, register: register(w)}
			msgs := []fathom.Message{
				{Role: fathom.RoleUser, Content: "I have a problem with my account."},
				{Role: fathom.RoleAssistant, Content: w},
				{Role: fathom.RoleUser, Content: "That worked, thanks."},
			}
			for _, at := range attempt.Extract(msgs, true, "") {
				if at.Turn != 1 {
					continue
				}
				r.detected = true
				r.key = at.Key
				r.handOverWrong = at.Escalation != a.Escalation
				r.solution = m.Assign(solution.Proposal{Phrase: at.Phrase, Text: at.Action, Escalation: at.Escalation})
			}
			out = append(out, r)
		}
	}
	// The solution a wording ends in, and the action most of its members
	// word: a wording whose solution is mostly another action's teaches
	// the wrong solution.
	members := map[string]map[string]int{}
	for i := range out {
		if !out[i].detected {
			continue
		}
		out[i].solution = m.Resolve(out[i].solution)
		if members[out[i].solution] == nil {
			members[out[i].solution] = map[string]int{}
		}
		members[out[i].solution][out[i].action]++
	}
	for i := range out {
		if !out[i].detected {
			continue
		}
		c := members[out[i].solution]
		if c[out[i].action]*2 <= sum(c) {
			out[i].solution = "!" + out[i].solution
		}
	}
	return out
}

func sum(c map[string]int) int {
	n := 0
	for _, v := range c {
		n += v
	}
	return n
}

// TestPoolReadings prints, for every pool and register, how many
// wordings the engine does not read as a proposal, reads as a hand-over
// or not against the action, or places in a solution mostly made of
// another action's wordings; then how many of the pool's reactions it
// reads with the wrong outcome. The solutions are one words-only model
// over every action of the pool (the simulation learns one per domain, and
// merges by usage later), so "wrongsol" is an indication, not the run's. Run
// it with -v (go test ./internal/eval -run TestPoolReadings -v) to diagnose
// the develop pool: its readings and misread reactions are printed one a
// line; a pool run only to report is counted, never shown. It fails only
// when the develop pool, the one developed on, is read worse than it is:
// more than one wording missed or taken for the wrong kind of turn, or a
// plain reaction read with the wrong outcome.
func TestPoolReadings(t *testing.T) {
	var b strings.Builder
	for _, problem := range readingsReport(&b, testing.Verbose()) {
		t.Error(problem)
	}
	t.Log(b.String())
}

// TestPoolReadingsShowDevelopOnly: the diagnosis prints the readings and
// reactions of the develop pool alone; every other pool is only counted.
// What it finds is counted too, so that a failure shows no wording.
func TestPoolReadingsShowDevelopOnly(t *testing.T) {
	var b strings.Builder
	readingsReport(&b, true)
	out := b.String()
	others := 0
	for _, line := range strings.Split(out, "\n") {
		if strings.HasPrefix(line, " ") && !strings.HasPrefix(line, "    "+string(PoolDevelop)+" ") {
			others++
		}
	}
	if others > 0 {
		t.Errorf("%d lines of readings of pools other than develop are printed", others)
	}
	shown := 0
	for _, pool := range Pools {
		if pool == PoolDevelop {
			continue
		}
		w := specOf(pool).talk
		for _, replies := range [][]string{w.success, w.failure, w.hedgedSuccess, w.hedgedFailure} {
			for _, reply := range replies {
				if strings.Contains(out, reply) {
					shown++
				}
			}
		}
	}
	if shown > 0 {
		t.Errorf("%d reactions of pools other than develop are printed", shown)
	}
}

// readingsReport writes TestPoolReadings' counts to b and, when verbose,
// the develop pool's readings, and returns how the develop pool is read
// worse than it is.
func readingsReport(b *strings.Builder, verbose bool) []string {
	var problems []string
	fmt.Fprintf(b, "\n%-9s %-13s %5s %8s %9s %9s\n", "pool", "register", "n", "missed", "handover", "wrongsol")
	for _, pool := range Pools {
		rs := readPool(pool)
		type row struct{ n, missed, hand, wrong int }
		by := map[string]*row{}
		var regs []string
		for _, r := range rs {
			for _, g := range []string{r.register, "all"} {
				if by[g] == nil {
					by[g] = &row{}
					regs = append(regs, g)
				}
				x := by[g]
				x.n++
				switch {
				case !r.detected:
					x.missed++
				case r.handOverWrong:
					x.hand++
				case strings.HasPrefix(r.solution, "!"):
					x.wrong++
				}
			}
		}
		if all := by["all"]; pool == PoolDevelop && (all.missed > 1 || all.hand > 1) {
			problems = append(problems, fmt.Sprintf("develop pool: %d of %d wordings missed, %d read as the wrong kind of turn; want at most 1 each", all.missed, all.n, all.hand))
		}
		slices.Sort(regs)
		for _, g := range regs {
			x := by[g]
			fmt.Fprintf(b, "%-9s %-13s %5d %8d %9d %9d\n", pool, g, x.n, x.missed, x.hand, x.wrong)
		}
		if verbose && pool == PoolDevelop {
			for _, r := range rs {
				fmt.Fprintf(b, "    %s %-26s %-12s %-6v %-30s %s\n", pool, r.action, r.register, r.detected, r.key, r.solution)
			}
		}
	}
	fmt.Fprintf(b, "\n%-9s %6s %9s %9s %9s %9s\n", "pool", "kind", "n", "success", "failure", "neither")
	for _, pool := range Pools {
		w := specOf(pool).talk
		for _, k := range []struct {
			kind    string
			replies []string
			ok      bool
		}{{"succ", w.success, true}, {"fail", w.failure, false}, {"h-succ", w.hedgedSuccess, true}, {"h-fail", w.hedgedFailure, false}} {
			var s, f, u int
			for _, reply := range k.replies {
				// The reply alone, as Extract reads a stated result.
				o, _ := outcome.Classify(reply)
				switch o {
				case outcome.Success:
					s++
				case outcome.Failure:
					f++
				default:
					u++
				}
				if verbose && pool == PoolDevelop && (o == outcome.Success) != k.ok {
					fmt.Fprintf(b, "    %s %s read %v: %q\n", pool, k.kind, o, reply)
				}
			}
			if right := map[bool]int{true: s, false: f}[k.ok]; pool == PoolDevelop && k.kind[0] != 'h' && right != len(k.replies) {
				problems = append(problems, fmt.Sprintf("develop pool: %d of %d %s replies read right", right, len(k.replies), k.kind))
			}
			fmt.Fprintf(b, "%-9s %6s %9d %9d %9d %9d\n", pool, k.kind, len(k.replies), s, f, u)
		}
	}
	return problems
}
