package eval

// The wording of the recommendation simulation comes in pools. The develop
// and report pools were written together before any result was seen; each
// later pool was written by someone else before any run on it, once the
// pools before it had been read while the engine was worked on, so that
// some wording nobody had tuned on was always left. The pools share no
// phrasing (TestPoolsAreDisjoint): an engine that learned one pool's
// wording by heart gains nothing on another. Tuning happens on the develop pool; a
// pool run once is development data afterwards. Each pool's story (who
// wrote it, what they read first, its planned run) is in docs/evaluation.md.
//
// A pool is one entry of pools: its name, where its wording of each action
// is, its small talk, whether it is run only to report, and where it came
// from. Pools, ParsePool, Action.Phrasings, the simulation's small talk,
// the --pool help and the pools' tests all read that table.

// Pool names a set of wordings.
type Pool string

// The pools, in the order they were written.
const (
	PoolDevelop  Pool = "develop"
	PoolReport   Pool = "report"
	PoolFresh    Pool = "fresh"
	PoolBlind    Pool = "blind"
	PoolHoldout  Pool = "holdout"
	PoolOutsider Pool = "outsider"
	PoolStranger Pool = "stranger"
	PoolGuest    Pool = "guest"
	PoolVisitor  Pool = "visitor"
	PoolPasserby Pool = "passerby"
	PoolWayfarer Pool = "wayfarer"
	PoolRoamer   Pool = "roamer"
	PoolDrifter  Pool = "drifter"
)

// poolSpec is a pool's registration. Its wording of an action is, for the
// develop pool, the action's Develop, and for every other pool a map from
// action id (byID) in the pool's own file, so that one who writes a new pool
// from the action table reads no older pool's wording.
type poolSpec struct {
	name       Pool
	byID       map[string][]string // nil for the develop pool
	talk       talk
	reportOnly bool   // run only to report, never to develop on
	provenance string // who wrote it, from what, in a line of the --pool help
}

// pools are every pool, in the order they were written.
var pools = []poolSpec{
	{name: PoolDevelop, talk: developTalk,
		provenance: "written with report before any result; the engine is tuned on it"},
	{name: PoolReport, byID: reportPhrasings, talk: reportTalk,
		provenance: "written with develop before any result; its figures are reported"},
	{name: PoolFresh, byID: freshPhrasings, talk: freshTalk,
		provenance: "written later, blind to the tuning, before any run on it"},
	{name: PoolBlind, byID: blindPhrasings, talk: blindTalk,
		provenance: "written after fresh's figures were read, before any run on it"},
	{name: PoolHoldout, byID: holdoutPhrasings, talk: holdoutTalk,
		provenance: "by an engineer who never read the engine, as real agents write"},
	{name: PoolOutsider, byID: outsiderPhrasings, talk: outsiderTalk, reportOnly: true,
		provenance: "by one who read neither engine nor pools: chat, email, tickets"},
	{name: PoolStranger, byID: strangerPhrasings, talk: strangerTalk, reportOnly: true,
		provenance: "from action ids only: transcripts, texts, letters, CRM notes"},
	{name: PoolGuest, byID: guestPhrasings, talk: guestTalk, reportOnly: true,
		provenance: "from ids and develop only: macros, numbered steps, reasons first"},
	{name: PoolVisitor, byID: visitorPhrasings, talk: visitorTalk, reportOnly: true,
		provenance: "from ids and develop only: chat, calls, email, agent notes"},
	{name: PoolPasserby, byID: passerbyPhrasings, talk: passerbyTalk, reportOnly: true,
		provenance: "from ids and develop only: chat, phone, email, sarcasm"},
	{name: PoolWayfarer, byID: wayfarerPhrasings, talk: wayfarerTalk, reportOnly: true,
		provenance: "from ids and develop only: macros, letters, emoji, voice-to-text"},
	{name: PoolRoamer, byID: roamerPhrasings, talk: roamerTalk, reportOnly: true,
		provenance: "from ids and develop only: non-native chat, questions, steps, UI words"},
	{name: PoolDrifter, byID: drifterPhrasings, talk: drifterTalk, reportOnly: true,
		provenance: "from ids and develop only: reasons first, ticket notes, one-line e-mails, sarcasm"},
}

// Pools are every pool, in the order they were written.
var Pools = func() []Pool {
	out := make([]Pool, len(pools))
	for i, s := range pools {
		out[i] = s.name
	}
	return out
}()

// ParsePool checks a pool name.
func ParsePool(s string) (Pool, bool) {
	for _, spec := range pools {
		if string(spec.name) == s {
			return spec.name, true
		}
	}
	return "", false
}

// specOf is p's registration, compiled in or registered from a file
// (LoadPoolFile); a name that is no pool gets the develop pool's.
func specOf(p Pool) poolSpec {
	for _, s := range pools {
		if s.name == p {
			return s
		}
	}
	if s, ok := filePool(p); ok {
		return s
	}
	return pools[0]
}

// ReportOnly reports whether p is run only to report, never to develop on.
func (p Pool) ReportOnly() bool { return specOf(p).reportOnly }

// Provenance says in one line who wrote p, from what, and when.
func (p Pool) Provenance() string { return specOf(p).provenance }

// Phrasings are the action's wordings in a pool.
func (a Action) Phrasings(p Pool) []string {
	s := specOf(p)
	if s.byID == nil {
		return a.Develop
	}
	return s.byID[a.ID]
}
