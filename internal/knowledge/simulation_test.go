package knowledge

import (
	"cmp"
	"fmt"
	"maps"
	"math"
	"math/rand/v2"
	"os"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/fathom-oss/fathom/internal/dataset"
	"github.com/fathom-oss/fathom/internal/eval"
	"github.com/fathom-oss/fathom/internal/fathom"
	"github.com/fathom-oss/fathom/internal/knowledge/attempt"
	"github.com/fathom-oss/fathom/internal/knowledge/issuetype"
	"github.com/fathom-oss/fathom/internal/knowledge/solution"
	"github.com/fathom-oss/fathom/internal/search"
)

// TestSimulatedRecommendations is the in-process inner loop of `fathom
// eval recommend`: the same simulation and scores, without HTTP or a
// database, on the DEVELOP pool only, and never on the evaluation's test
// queries: it trains on part of each domain's training openings and asks
// about the rest (every fifth BANKING77 training query; every fourth DSTC11
// training utterance). Intents are used only to simulate and score.
// DOMAINS=banking77,insurance picks domains (default: all); POOL=report,
// fresh, blind or holdout words it from another pool (all five are
// development data now); POOL_FILE=path words it from a pool file.
//
// ORACLE=1 replaces the extracted attempts by the simulation's true ones,
// to measure the ranking alone; KEYS=1 keeps them but names their
// solutions after the true actions, to measure extraction alone;
// TRUE_OUTCOMES=1 keeps the extracted attempts and solutions but gives each
// attempt found on a simulated attempt's turn its true outcome, to measure
// the outcome reading alone; UNREAD=1 lists the agent turns that held a
// simulated attempt and on which none was read, by action and wording,
// the commonest first. Each domain logs how many learned solutions
// stand for how many simulated actions (one action worded several ways
// and learned as several solutions raises the ratio); SPLIT_DEBUG=1 lists
// the actions learned as more than one solution (SPLIT_DEBUG=all every
// action and its solutions). INTENT_DEBUG=1 lists,
// per intent, its best action and the actions its queries put first;
// INTENT=name lists the ranked actions of each query of that intent;
// ALIKE_DEBUG=1 lists the pairs of solutions the ranking pools as
// possibly one action (alike.go), with their weights and whether they are;
// PAIR_DEBUG=file appends the usage evidence of every pair of mapped
// solutions that share an issue type (see dumpPairs); RANK_DEBUG=1 sorts
// the queries whose top fix is not their intent's best by where the
// ranking lost them (retrieval, evidence or data, see rankDebug), and
// RANK_DEBUG=verbose adds the missed intents' queries one by one. Each
// domain logs, too, the shares of attempts under keys whose first word is
// no base-form verb, of one word, and with a word no member writes (see
// logKeyForms); KEYWORD_DEBUG=key,... lists those keys' members.
//
// TEST_QUERIES=1 trains on every training opening and asks the test
// queries, as `fathom eval recommend` does through the API (on the
// develop, report, fresh and blind pools, which are development data).
//
// DOMAIN_FILE=path runs a domain of labelled openings from a file
// instead (eval.LoadDomainFile, as --domain-file reads it).
//
// SCALE=N plays N conversations per training opening (eval.SimulateTraining;
// 1 by default); DECOMPOSE=1 logs the estimates behind each recommended
// fix's probability against the true rates and the ceiling
// (calibration_test.go).
func TestSimulatedRecommendations(t *testing.T) {
	if testing.Short() {
		t.Skip("the simulation takes about 20 s")
	}
	oracleAttempts = os.Getenv("ORACLE") != ""
	trueOutcomes = os.Getenv("TRUE_OUTCOMES") != ""
	unreadDebug = os.Getenv("UNREAD") != ""
	dir, ok := dataset.Dir("banking77")
	if !ok {
		t.Skip("../shared/data is absent: the simulation needs banking77 and dstc11")
	}
	dataDir := strings.TrimSuffix(dir, "/banking77")
	names := eval.RecommendDomains
	// POOL=report|fresh|blind|holdout words the simulation from another
	// pool instead.
	pool := eval.PoolDevelop
	if s := os.Getenv("POOL"); s != "" {
		p, ok := eval.ParsePool(s)
		if !ok {
			t.Fatalf("POOL=%s: want develop, report, fresh, blind or holdout", s)
		}
		pool = p
	}
	if f := os.Getenv("POOL_FILE"); f != "" {
		// A pool of one's own (fathom eval recommend --pool-file), once it
		// is development data.
		p, err := eval.LoadPoolFile(f)
		if err != nil {
			t.Fatalf("POOL_FILE=%s: %v", f, err)
		}
		pool = p
	}
	if s := os.Getenv("DOMAINS"); s != "" {
		names = strings.Split(s, ",")
	}
	scale := 1
	if s := os.Getenv("SCALE"); s != "" {
		if _, err := fmt.Sscan(s, &scale); err != nil || scale < 1 {
			t.Fatalf("SCALE=%s: want a whole number ≥ 1", s)
		}
	}
	// WORLD=n draws another world (fathom eval recommend --world).
	world = 1
	if s := os.Getenv("WORLD"); s != "" {
		if _, err := fmt.Sscan(s, &world); err != nil || world < 1 {
			t.Fatalf("WORLD=%s: want a whole number ≥ 1", s)
		}
	}
	load := func(name string) (eval.Domain, error) { return eval.LoadDomain(dataDir, name) }
	if f := os.Getenv("DOMAIN_FILE"); f != "" {
		// A domain of one's own (fathom eval recommend --domain-file).
		names, load = []string{f}, func(string) (eval.Domain, error) { return eval.LoadDomainFile(f) }
	}
	for _, name := range names {
		d, err := load(name)
		if err != nil {
			t.Skipf("%s: %v", name, err)
		}
		name = d.Name
		var train, held []eval.Example
		if os.Getenv("TEST_QUERIES") != "" {
			// What `fathom eval recommend` asks, without the server.
			train, held = d.Train, d.Test
		} else if name == "banking77" {
			for i, ex := range d.Train {
				if i%5 == 4 {
					held = append(held, ex)
				} else {
					train = append(train, ex)
				}
			}
		} else {
			train, held = eval.SplitEveryFourth(d.Train)
		}
		m, answers, est, dec := simulateInProcess(train, held, pool, scale)
		m.Domain = name
		t.Logf("%s", m)
		t.Logf("  escalation on top: %d of %d queries", m.EscalationOnTop, m.Queries)
		t.Logf("  estimator fitted on %d conversations: neighbours shrunk to their types with %v pseudo-attempts (0: James–Stein), types flat: %v", est.conversations, est.nearStrength, est.flatTypes)
		logProbabilityError(t, held, world.Plans(train), answers)
		if dec != nil {
			dec.log(t)
		}
		for _, b := range m.Reliability {
			t.Logf("  predicted %.1f–%.1f: mean %.3f, observed %.3f over %d", b.Lo, b.Hi, b.Predicted, b.Observed, b.Count)
		}
		// A guard against breaking the plumbing, far below the targets: a
		// recommender that ranked at random among the 3–4 fixes of the
		// query's intent alone would put the best first for 25–33% of the
		// queries, and it has more to choose from.
		if m.TopIsBest < 0.4 || m.Coverage < 0.5 {
			t.Errorf("%s: recommendations broken: %s", name, m)
		}
	}
}

// oracleAttempts replaces the extracted attempts by the simulation's true
// ones, to measure the ranking alone.
var oracleAttempts = false

// trueOutcomes gives extracted attempts the simulation's true outcomes.
var trueOutcomes = false

// world is the simulation's draw (WORLD=n; 1 unless set).
var world eval.World = 1

// unreadDebug lists the agent turns that held a simulated attempt and on
// which no attempt was read (UNREAD=1).
var unreadDebug = false

// noteUnread counts, by simulated action and wording, the turns of s that
// held a simulated attempt and on which d read none.
func noteUnread(unread map[[2]string]int, d *Draft, s eval.Simulated) {
	for _, sa := range s.Attempts {
		if !slices.ContainsFunc(d.Analysis.Attempts, func(at fathom.Attempt) bool { return at.Turn == sa.Turn }) {
			unread[[2]string{sa.Action, s.Turns[sa.Turn].Content}]++
		}
	}
}

// logUnread prints the unread turns, the commonest first.
func logUnread(unread map[[2]string]int) {
	keys := slices.Collect(maps.Keys(unread))
	slices.SortFunc(keys, func(a, b [2]string) int {
		if c := cmp.Compare(unread[b], unread[a]); c != 0 {
			return c
		}
		return cmp.Compare(a[0]+a[1], b[0]+b[1])
	})
	total := 0
	for _, k := range keys {
		total += unread[k]
	}
	fmt.Printf("unread: %d turns with a simulated attempt, %d wordings\n", total, len(keys))
	for _, k := range keys {
		fmt.Printf("  %4d %-28s %q\n", unread[k], k[0], k[1])
	}
}

// simulateInProcess trains an engine on scale simulated conversations per
// opening of train and scores its recommendations for held; with
// DECOMPOSE=1 it also returns the decomposition of their probabilities.
func simulateInProcess(train, held []eval.Example, pool eval.Pool, scale int) (eval.RecommendMetrics, []eval.Answer, estimator, *decomposition) {
	plans := world.Plans(train)
	e, ix := New(issuetype.Config{}), search.NewIndex()
	sims := eval.SimulateTraining(train, plans, pool, scale)
	solutionIDs := map[string]int64{}
	outcomesOnTurns, outcomesChanged := 0, 0
	now := time.Now()
	var batch []*Draft
	unread := map[[2]string]int{}
	for i := range sims {
		if perturbed {
			sims[i] = perturb(sims[i], rand.New(rand.NewPCG(uint64(i), 2)))
		}
		c := &fathom.Conversation{ID: int64(i + 1), TenantID: 1, Status: fathom.StatusOpen}
		if sims[i].Resolved {
			c.Status, c.NotesGenerated, c.ResolvedAt = fathom.StatusResolved, true, &now
		}
		msgs := make([]fathom.Message, len(sims[i].Turns))
		for j, tu := range sims[i].Turns {
			msgs[j] = fathom.Message{Seq: j, Role: fathom.Role(tu.Role), Content: tu.Content, CreatedAt: now}
		}
		d := e.Analyze(c, msgs, now)
		if unreadDebug {
			noteUnread(unread, d, sims[i])
		}
		if trueOutcomes {
			for j, at := range d.Analysis.Attempts {
				for _, sa := range sims[i].Attempts {
					if sa.Turn == at.Turn {
						d.Analysis.Attempts[j].Outcome = fathom.OutcomeFailure
						if sa.Success {
							d.Analysis.Attempts[j].Outcome = fathom.OutcomeSuccess
						}
						outcomesOnTurns++
						if d.Analysis.Attempts[j].Outcome != at.Outcome {
							outcomesChanged++
						}
					}
				}
			}
		}
		if oracleAttempts {
			d.templates, d.learned, d.Analysis.Attempts = nil, nil, nil
			for _, sa := range sims[i].Attempts {
				o := fathom.OutcomeFailure
				if sa.Success {
					o = fathom.OutcomeSuccess
				}
				d.Analysis.Attempts = append(d.Analysis.Attempts, fathom.Attempt{Turn: sa.Turn, Outcome: o, Confidence: 1})
				d.templates = append(d.templates, &fathom.Solution{TenantID: 1, Key: sa.Action, Description: sa.Action})
				d.learned = append(d.learned, learned{})
			}
		}
		if trueSolutionKeys {
			nameByTruth(d, sims[i])
		}
		for j, tpl := range d.templates { // what Store does with the database
			if solutionIDs[tpl.Key] == 0 {
				solutionIDs[tpl.Key] = int64(len(solutionIDs) + 1)
			}
			s := *tpl
			s.ID = solutionIDs[tpl.Key]
			d.templates[j], d.Analysis.Attempts[j].SolutionID = &s, s.ID
		}
		ix.Upsert(c.ID, strings.Join(fathom.Opening(msgs), "\n"))
		if batch = append(batch, d); len(batch) == 50 {
			e.Apply(1, batch)
			batch = nil
		}
	}
	e.Apply(1, batch)
	e.Settle(1)
	if unreadDebug {
		logUnread(unread)
	}
	if os.Getenv("ROUTINE_DEBUG") != "" {
		logRoutine(e, sims)
	}

	// Which solution stands for which simulated action: the majority label
	// of the turns its attempts were found on.
	votes := map[string]map[string]int{}
	for i, s := range sims {
		_, attempts := e.Conversation(1, int64(i+1))
		for _, a := range attempts {
			label := s.Turns[a.Turn].Action
			if label == "" {
				label = "(none)"
			}
			if votes[a.Solution.Key] == nil {
				votes[a.Solution.Key] = map[string]int{}
			}
			votes[a.Solution.Key][label]++
		}
	}
	mapping := map[string]string{}
	for key, v := range votes {
		best := ""
		for a, n := range v {
			if n > v[best] || n == v[best] && a < best {
				best = a
			}
		}
		if best != "(none)" {
			mapping[key] = best
		}
	}

	answers := make([]eval.Answer, len(held))
	for i, ex := range held {
		r := e.Similar(1, SimilarParams{Index: ix, Message: ex.Text, MinSimilarity: 0.1}).Recommendation
		var keys []string
		var escalations []bool
		var probs []float64
		for _, a := range r.Actions {
			keys, escalations, probs = append(keys, a.Key), append(escalations, a.Escalation), append(probs, a.Stats.SuccessProbability)
		}
		answers[i] = eval.NewAnswer(keys, escalations, probs, r.Evidence == EvidenceThin, mapping)
		if os.Getenv("INTENT") == ex.Intent {
			fmt.Fprintf(os.Stderr, "query %q type %v evidence %s\n", ex.Text, r.IssueType != nil, r.Evidence)
			if os.Getenv("NEIGHBOUR_DEBUG") != "" {
				for _, h := range e.Similar(1, SimilarParams{Index: ix, Message: ex.Text, Limit: neighbourDepth, MinSimilarity: 0.1}).Matches {
					t, _ := e.Model(1).TypeOf(h.ID)
					fmt.Fprintf(os.Stderr, "      nb %.3f type %d %-26s %v %q\n", h.Similarity, t, sims[h.ID-1].Intent, attemptsOf(sims[h.ID-1]), sims[h.ID-1].Turns[0].Content)
				}
			}
			for _, a := range r.Actions {
				fmt.Fprintf(os.Stderr, "   %-28s %-24s esc %v p %.3f rank %.3f type %d/%d nb %d/%d\n", a.Key, mapping[a.Key], a.Escalation, a.Stats.SuccessProbability, a.Stats.RankScore,
					a.Stats.SuccessCount, a.Stats.TotalAttempts, a.Stats.NeighbourSuccesses, a.Stats.Neighbours)
			}
		}
	}
	if os.Getenv("ALIKE_DEBUG") != "" {
		logAlike(e, mapping)
	}
	actions := map[string]int{}
	for _, a := range mapping {
		actions[a]++
	}
	fmt.Fprintf(os.Stderr, "solutions: %d mapped to %d actions (%.2f per action), %d learned\n",
		len(mapping), len(actions), float64(len(mapping))/max(1, float64(len(actions))), len(votes))
	logKeyForms(e, votes)
	if os.Getenv("SPLIT_DEBUG") != "" {
		logSplit(votes, mapping, os.Getenv("SPLIT_DEBUG") == "all")
	}
	if trueOutcomes {
		fmt.Fprintf(os.Stderr, "true outcomes: %d of %d attempts found on a simulated attempt's turn had been read otherwise\n", outcomesChanged, outcomesOnTurns)
	}
	if f := os.Getenv("PAIR_DEBUG"); f != "" {
		dumpPairs(e, mapping, string(pool)+"/"+fmt.Sprint(len(train)), f)
	}
	m := eval.RecommendMetrics{Pool: pool, TrainConversations: len(train), Queries: len(held), Mapped: len(mapping),
		Bound: eval.OracleBound(sims, plans)}
	m.Score(held, plans, answers)
	if os.Getenv("INTENT_DEBUG") != "" {
		logIntents(m, plans)
	}
	if os.Getenv("RANK_DEBUG") != "" {
		rankDebug(e, ix, held, plans, sims, mapping, m)
	}
	var dec *decomposition
	if decompositionOn {
		dec = &decomposition{}
		ceiling := eval.OraclePosteriors(sims)
		for i, ex := range held {
			dec.decompose(e, ix, ex, plans[ex.Intent], sims, mapping, ceiling, answers[i])
		}
	}
	k := e.tenant(1)
	k.mu.RLock()
	defer k.mu.RUnlock()
	return m, answers, k.est, dec
}

// logProbabilityError splits the error of successProbability against the
// true rates: by whether the fix is the intent's best, with its mean sign
// (bias), and the error left once every query of an intent is given the
// mean of its queries' probabilities (what averaging over similar queries
// could at best remove is the difference from the overall RMSE).
func logProbabilityError(t *testing.T, held []eval.Example, plans map[string]eval.Plan, answers []eval.Answer) {
	t.Helper()
	type pair struct{ intent, action string }
	type acc struct{ sq, sum, n float64 }
	mean := map[pair]*acc{}
	split := map[bool]*acc{true: {}, false: {}}
	for i, ex := range held {
		plan := plans[ex.Intent]
		for action, p := range answers[i].Probs {
			rate, ok := plan.Rate(action)
			if !ok {
				continue
			}
			a := split[action == plan.Best()]
			a.sq, a.sum, a.n = a.sq+(p-rate)*(p-rate), a.sum+p-rate, a.n+1
			k := pair{ex.Intent, action}
			if mean[k] == nil {
				mean[k] = &acc{}
			}
			mean[k].sum, mean[k].n = mean[k].sum+p, mean[k].n+1
		}
	}
	var sq, n float64
	for k, a := range mean {
		rate, _ := plans[k.intent].Rate(k.action)
		d := a.sum/a.n - rate
		sq, n = sq+d*d*a.n, n+a.n
	}
	rmse := func(a *acc) float64 { return math.Sqrt(a.sq / max(1, a.n)) }
	t.Logf("  successProbability error: best fixes RMSE %.3f, bias %+.3f (%.0f); other fixes RMSE %.3f, bias %+.3f (%.0f); intent-averaged RMSE %.3f",
		rmse(split[true]), split[true].sum/max(1, split[true].n), split[true].n,
		rmse(split[false]), split[false].sum/max(1, split[false].n), split[false].n, math.Sqrt(sq/max(1, n)))
}

// logRoutine lists each solution's usage as the routine guard measures it
// (ROUTINE_DEBUG=1), with the simulated turns its attempts were found on.
func logRoutine(e *Engine, sims []eval.Simulated) {
	labels := map[int64]map[string]int{}
	for i, s := range sims {
		_, attempts := e.Conversation(1, int64(i+1))
		for _, a := range attempts {
			if labels[a.SolutionID] == nil {
				labels[a.SolutionID] = map[string]int{}
			}
			label := s.Turns[a.Turn].Action
			if label == "" {
				label = "(none)"
			}
			labels[a.SolutionID][label]++
		}
	}
	k := e.tenant(1)
	k.mu.RLock()
	defer k.mu.RUnlock()
	for id, ev := range k.solutionUsage() {
		fmt.Fprintf(os.Stderr, "routine? %-28s n=%4d share=%.3f spec=%.2f after=%.2f %q %v\n",
			k.solutions[id].Key, ev.Attempts, ev.Share, ev.Specificity, ev.AfterSuccess, ev.Reason, labels[id])
	}
	for id := range k.handOvers() {
		fmt.Fprintf(os.Stderr, "hand-over %-28s escalation by its words %v %v\n",
			k.solutions[id].Key, k.solutions[id].Escalation, labels[id])
	}
}

// logSplit lists, for each simulated action learned as more than one
// solution, those solutions and the turns their attempts were found on
// (SPLIT_DEBUG=1).
func logSplit(votes map[string]map[string]int, mapping map[string]string, all bool) {
	byAction := map[string][]string{}
	for k, a := range mapping {
		byAction[a] = append(byAction[a], k)
	}
	for a, keys := range byAction {
		if len(keys) < 2 && !all {
			continue
		}
		slices.Sort(keys)
		fmt.Fprintf(os.Stderr, "split %s:\n", a)
		for _, k := range keys {
			fmt.Fprintf(os.Stderr, "    %-36s %v\n", k, votes[k])
		}
	}
}

// logKeyForms logs three shares of the attempts read under a learned
// key: under one whose first word is no base-form verb, a gerund
// ("resetting_password"), a past form ("ordered_new_card") or a state's
// place ("on_way_new_card"), told by the words' endings, a measure of the
// names only ("proceed" or "bring" would count wrongly, and none is in the
// simulation's keys); under one of one word (a verb alone: "cancel"); and
// under one holding a word that none of its solution's kept phrasings
// write ("go_phone_set" for "go into your phone's Settings": a key names
// what its members say, the verb in any inflection, "order" for
// "ordered", and a noun in either number, "card" for "cards").
// KEYWORD_DEBUG=key,... lists those keys' kept phrasings.
func logKeyForms(e *Engine, votes map[string]map[string]int) {
	k := e.tenant(1)
	var all, off, keys, alone, aloneKeys, unwritten int
	var bad []string
	for key, v := range votes {
		n := 0
		for _, c := range v {
			n += c
		}
		all += n
		if !strings.Contains(key, "_") {
			alone, aloneKeys = alone+n, aloneKeys+1
		}
		w, _, _ := strings.Cut(key, "_")
		if len(w) > 5 && strings.HasSuffix(w, "ing") || len(w) > 4 && strings.HasSuffix(w, "ed") ||
			slices.Contains([]string{"in", "into", "on", "onto", "off", "back", "gone"}, w) {
			off, keys = off+n, keys+1
		}
		s, ok := k.learner.Get(key)
		if !ok {
			continue
		}
		if !keyWritten(key, s.Members) {
			unwritten += n
			bad = append(bad, key)
		}
		if slices.Contains(strings.Split(os.Getenv("KEYWORD_DEBUG"), ","), key) {
			fmt.Fprintf(os.Stderr, "key %s: %q\n", key, s.Members)
		}
	}
	slices.Sort(bad)
	share := func(n int) float64 { return float64(n) / max(1, float64(all)) }
	fmt.Fprintf(os.Stderr, "keys: %.4f of attempts (%d of %d) under %d keys whose first word is no base-form verb\n", share(off), off, all, keys)
	fmt.Fprintf(os.Stderr, "verb keys: %.4f of attempts (%d of %d) under %d keys of one word\n", share(alone), alone, all, aloneKeys)
	fmt.Fprintf(os.Stderr, "key words: %.4f of attempts (%d of %d) under %d keys with a word no member writes %v\n", share(unwritten), unwritten, all, len(bad), bad)
}

// keyWritten reports whether every word of key is written in one of the
// members, a word joined across a hyphen or an apostrophe too ("sign-in":
// signin).
func keyWritten(key string, members []string) bool {
	written := map[string]bool{}
	for _, m := range members {
		m = strings.ToLower(m)
		for _, joined := range []bool{false, true} {
			if joined {
				m = strings.NewReplacer("-", "", "'", "", "’", "", "/", "").Replace(m)
			}
			for _, w := range strings.FieldsFunc(m, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
				written[w] = true
			}
		}
	}
	for i, w := range strings.Split(key, "_") {
		if !written[w] && !written[w+"s"] && !written[w+"es"] && !written[strings.TrimSuffix(w, "s")] && (i > 0 || !writtenStem(written, w)) {
			return false
		}
	}
	return true
}

// writtenStem reports whether a written word is a form of the verb w
// ("sent" of "send").
func writtenStem(written map[string]bool, w string) bool {
	for x := range written {
		if attempt.Stem(solution.Uninflect(x)) == attempt.Stem(w) {
			return true
		}
	}
	return false
}

// logIntents lists, per intent, its best action and the actions its
// queries put first (INTENT_DEBUG=1).
func logIntents(m eval.RecommendMetrics, plans map[string]eval.Plan) {
	for _, r := range m.PerIntent {
		fmt.Fprintf(os.Stderr, "intent %-40s best %-28s rates %v tops %v miss %s\n", r.Intent, r.Best, plans[r.Intent].Rates, r.Tops, r.Miss)
	}
}

// logAlike lists the pairs of solutions the ranking pools (ALIKE_DEBUG=1),
// with their weights and whether the simulation calls them one action,
// and sums the weights of each kind.
func logAlike(e *Engine, mapping map[string]string) {
	k := e.tenant(1)
	k.mu.RLock()
	defer k.mu.RUnlock()
	var one, two, oneW, twoW float64
	for a, ws := range k.alike {
		for b, w := range ws {
			if a > b {
				continue
			}
			ka, kb := k.solutions[a].Key, k.solutions[b].Key
			same := mapping[ka] != "" && mapping[ka] == mapping[kb]
			if same {
				one, oneW = one+1, oneW+w
			} else {
				two, twoW = two+1, twoW+w
			}
			fmt.Fprintf(os.Stderr, "alike %v %.3f %s (%s) %s (%s)\n", same, w, ka, mapping[ka], kb, mapping[kb])
		}
	}
	fmt.Fprintf(os.Stderr, "alike pairs: %.0f of one action (weights summing to %.1f), %.0f of two (%.1f)\n", one, oneW, two, twoW)
}

// attemptsOf shows a simulated conversation's attempts, "+" for those that
// worked (NEIGHBOUR_DEBUG=1).
func attemptsOf(s eval.Simulated) []string {
	var out []string
	for _, a := range s.Attempts {
		mark := "-"
		if a.Success {
			mark = "+"
		}
		out = append(out, mark+a.Action)
	}
	return out
}
