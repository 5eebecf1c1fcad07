package main

import (
	"context"
	"fmt"
	"math/rand"
	"sort"
	"strings"

	"github.com/fathom-oss/fathom/internal/eval"
)

// evalActionsSynopsis names the pools as eval registers them.
var evalActionsSynopsis = `eval actions [--pool ` + strings.Join(eval.ActionPoolNames(), "|") + `] [flags]

Measures the action-item extractor on QMSum's AMI meetings with lines
inserted from a pool of wordings: each meeting's speakers are renamed to
invitees (name, email, team), the meeting gets a date, and --per-meeting
lines (commitments, requests, delegations, some with a due phrase) are put
after random turns of each of --rounds copies. An inserted line is found
when an item at its time has a description whose content-word F1 with the
expected one is at least 0.6; owner accuracy counts name and email. The
same meetings without insertions give the items per untouched meeting.
Runs the library in-process, not a server. The pools, by QMSum split (see
eval qmsum):

  develop split, where the extractor may be tuned: ` + actionPoolsOn("develop", "and") + `
  report split, written blind before any run: ` + actionPoolsOn("report", "and")

func runEvalActions(_ context.Context, env *environment, args []string) error {
	fs := flagSet(env, "eval actions", evalActionsSynopsis)
	data := fs.String("data", "../shared/data/qmsum", "QMSum folder (*.json meetings)")
	poolName := fs.String("pool", "develop", "pool of wordings: "+actionPoolsOn("develop", "or")+" (on the develop split), "+actionPoolsOn("report", "or")+" (on the report split)")
	per := fs.Int("per-meeting", 4, "lines inserted into each copy of a meeting")
	rounds := fs.Int("rounds", 8, "copies of each meeting, each with its own lines")
	seed := fs.Int64("seed", 1, "seed of names, dates and insertions")
	misses := fs.Int("misses", 0, "also print up to this many lines the extractor got wrong")
	audit := fs.Int("audit", 0, "also print this many items of untouched meetings (a seeded sample) with their lines, for an audit by hand")
	if err := parse(fs, args); err != nil {
		return err
	}
	pool, ok := eval.LookupActionPool(*poolName)
	if !ok {
		fmt.Fprintf(env.stderr, "fathom eval actions: --pool: %q is not one of %s\n", *poolName, strings.Join(eval.ActionPoolNames(), ", "))
		return errUsage
	}
	if *per <= 0 || *rounds <= 0 {
		fmt.Fprintln(env.stderr, "fathom eval actions: --per-meeting and --rounds must be positive")
		return errUsage
	}
	ms, err := eval.LoadQMSum(*data)
	if err != nil {
		return dataError(err, *data)
	}
	part := qmsumSplit(ms, pool.Split == "report")
	cfg := eval.ActionsConfig{PerMeeting: *per, Rounds: *rounds, Seed: *seed}
	s := eval.ScoreActions(part, pool, cfg)
	fmt.Fprintf(env.stdout, "\nAction items on QMSum, %s pool on the %s split (%d lines a copy, %d copies a meeting, seed %d)\n\n%s",
		pool.Name, pool.Split, cfg.PerMeeting, cfg.Rounds, cfg.Seed, s)
	for i, m := range s.Misses {
		if i >= *misses {
			break
		}
		if i == 0 {
			fmt.Fprintf(env.stdout, "\n| why | meeting | line | expected | got |\n|---|---|---|---|---|\n")
		}
		fmt.Fprintf(env.stdout, "| %s | %s | %s | %s | %s |\n", m.Why, m.Meeting, m.Line, m.Want, m.Got)
	}
	if *audit > 0 {
		items := eval.UntouchedItems(part, cfg)
		sort.SliceStable(items, func(a, b int) bool { return items[a].Meeting < items[b].Meeting })
		rand.New(rand.NewSource(*seed)).Shuffle(len(items), func(a, b int) { items[a], items[b] = items[b], items[a] })
		fmt.Fprintf(env.stdout, "\n%d of %d items of untouched meetings\n\n| # | meeting | at | item | owner | line |\n|---|---|---|---|---|---|\n", min(*audit, len(items)), len(items))
		for i, a := range items[:min(*audit, len(items))] {
			fmt.Fprintf(env.stdout, "| %d | %s | %s | %s | %s | %s |\n", i+1, a.Meeting, a.Item.At, a.Item.Description, a.Item.AssigneeName, a.Line)
		}
	}
	return nil
}

// actionPoolsOn names the action pools that run on a split, as a list
// joined by conj ("a, b and c").
func actionPoolsOn(split, conj string) string {
	var names []string
	for _, name := range eval.ActionPoolNames() {
		if p, _ := eval.LookupActionPool(name); p.Split == split {
			names = append(names, name)
		}
	}
	return wordList(names, conj)
}
