package solution

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/fathom-oss/fathom/internal/knowledge/attempt"
)

// Config tunes a Model. The zero value means the defaults.
type Config struct {
	// Threshold is the object similarity in [0, 1] at which a proposal
	// joins a solution with the same verb, and two such solutions merge at
	// a consolidation. Default 0.3.
	Threshold float64
	// SampleSize caps the member phrasings a solution keeps. Default 16.
	SampleSize int
	// DenseWeight is the share of a similarity given to the proposals'
	// vectors where both sides have them (see dense.go), in [0, 1).
	// Default 0: the words alone, whatever vectors are given.
	DenseWeight float64
}

func (c Config) withDefaults() Config {
	if c.Threshold <= 0 {
		c.Threshold = 0.3
	}
	if c.SampleSize <= 0 {
		c.SampleSize = 16
	}
	return c
}

// Proposal is one proposal as the model learns from it.
type Proposal struct {
	Phrase attempt.Phrase
	// Text is the action as said, without its frame.
	Text string
	// Escalation marks a hand-over rather than a fix.
	Escalation bool
	// Vector is the embedding of EmbedText(Phrase), L2-normalised; nil
	// for none (see dense.go).
	Vector []float32
}

// Solution is what the model knows of one learned solution.
type Solution struct {
	Key         string
	Description string
	Escalation  bool
	Size        int
	// Members are a sample of its phrasings, oldest first.
	Members []string
}

// Model is one tenant's learned solutions.
type Model struct {
	cfg Config

	mu       sync.Mutex
	clusters map[string]*cluster // by key
	byVerb   map[string][]string // verb stems → keys
	alias    map[string]string   // absorbed key → the key it merged into
	// group maps a solution to the one the conversations' use groups it
	// under (MergeByUsage; absent: itself), and grouped lists each
	// group's solutions, its own key first. Unlike alias, which is
	// permanent, the grouping is made afresh from every solution at each
	// usage merge (see group.go).
	group   map[string]string
	grouped map[string][]string
	df      map[string]int // proposals whose object has a feature
	n       int            // proposals seen
	// forms and verbForms count the written forms of object words and of
	// verbs in base form, by stem (see learnForms).
	forms, verbForms map[string]map[string]int
	pending          int // proposals since the last consolidation
	// epoch moves when the idf weights are taken afresh (at each
	// consolidation, and each time the proposals seen double), which
	// invalidates the solutions' cached weighted vectors.
	epoch, epochN int
}

// cluster is one solution being learned.
type cluster struct {
	Key         string
	Verb        string             // stems of the verb and particle
	Features    map[string]float64 // summed raw feature counts of members' objects
	Size        int
	Escalations int
	Sample      []member
	// Other holds, by verb, the phrasings under other verbs that joined
	// because the conversations use them as this one action (see
	// MergeByUsage): later proposals with such a verb meet them there.
	Other map[string]*form `json:"other,omitempty"`
	// The sum of its members' vectors (under every verb), saved as
	// "dense" and "dense_n": absent from a model saved before vectors.
	dense

	// Caches, rebuilt when stale: the weighted vector and its norm (for
	// epoch and Size), the description (for descSize).
	vec      vecCache
	desc     string
	descSize int
}

// form is the phrasings of a solution under one of its other verbs.
type form struct {
	Features map[string]float64
	Size     int

	vec vecCache // as cluster's
}

// vecCache holds a weighted feature vector and its norm, valid while the
// weights' epoch and the summed features' size are the ones noted.
type vecCache struct {
	vec         map[string]float64
	keys        []string // vec's, in order (see order.go)
	norm        float64
	epoch, size int
}

// member is one kept phrasing.
type member struct {
	Text   string
	Object []string
}

// NewModel returns an empty model.
func NewModel(cfg Config) *Model {
	return &Model{cfg: cfg.withDefaults(), clusters: map[string]*cluster{}, byVerb: map[string][]string{},
		alias: map[string]string{}, df: map[string]int{}, forms: map[string]map[string]int{}, verbForms: map[string]map[string]int{},
		group: map[string]string{}, grouped: map[string][]string{}}
}

// Assign places a proposal in the solution its phrase is most like, or in
// a new one, and returns that solution's key ("" for a proposal with no
// verb).
func (m *Model) Assign(p Proposal) string {
	if p.Phrase.Verb == "" {
		return ""
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	p.Phrase = m.respell(p.Phrase)
	verb := verbStem(p.Phrase)
	raw := features(p.Phrase.Object)
	m.n++
	m.pending++
	for f := range raw {
		m.df[f]++
	}
	m.learnForms(p.Phrase)
	if m.n >= 2*m.epochN {
		m.epoch, m.epochN = m.epoch+1, m.n
	}
	best, bestSim := "", m.cfg.Threshold
	vec := newVec(m.weigh(raw))
	pnorm := math.Sqrt(dotF32(p.Vector, p.Vector))
	for _, key := range m.byVerb[verb] {
		cv := m.vectorFor(m.clusters[key], verb)
		s := m.mixDense(similarity(vec, cv), p.Vector, pnorm, &m.clusters[key].dense)
		if s >= bestSim && (s > bestSim || best == "" || key < best) {
			best, bestSim = key, s
		}
	}
	c := m.clusters[best]
	if c == nil {
		c = &cluster{Key: m.uniqueKey(p.Phrase), Verb: verb, Features: map[string]float64{}}
		m.clusters[c.Key] = c
		m.byVerb[verb] = append(m.byVerb[verb], c.Key)
	}
	c.add(p, verb, raw, m.cfg.SampleSize)
	return c.Key
}

// vector returns a solution's weighted vector, its keys and its norm,
// from the cache unless the solution or the weights moved.
func (m *Model) vector(c *cluster) *vecCache {
	return m.cached(&c.vec, c.Features, c.Size)
}

// vectorFor is vector for the solution's phrasings under verb.
func (m *Model) vectorFor(c *cluster, verb string) *vecCache {
	f := c.Other[verb]
	if verb == c.Verb || f == nil {
		return m.vector(c)
	}
	return m.cached(&f.vec, f.Features, f.Size)
}

// cached returns features weighed, their keys and norm, from vc unless
// the weights or size moved since it was filled.
func (m *Model) cached(vc *vecCache, features map[string]float64, size int) *vecCache {
	if vc.vec != nil && vc.epoch == m.epoch && vc.size == size {
		return vc
	}
	// Features only ever gain keys (a member or a merged solution adds
	// to them), so as many keys as when last sorted are the same keys.
	if len(vc.keys) != len(features) {
		vc.keys = sortedKeys(features)
	}
	vc.vec = m.weigh(features)
	vc.norm = math.Sqrt(dot(vc.keys, vc.vec, vc.vec))
	vc.epoch, vc.size = m.epoch, size
	return vc
}

// featuresFor returns the summed features of the solution's phrasings
// under verb, made when new.
func (c *cluster) featuresFor(verb string) map[string]float64 {
	if verb == c.Verb {
		return c.Features
	}
	if c.Other == nil {
		c.Other = map[string]*form{}
	}
	f := c.Other[verb]
	if f == nil {
		f = &form{Features: map[string]float64{}}
		c.Other[verb] = f
	}
	f.Size++ // moves the cached vector
	return f.Features
}

func (c *cluster) add(p Proposal, verb string, raw map[string]float64, capN int) {
	into := c.featuresFor(verb)
	for f, w := range raw {
		into[f] += w
	}
	c.addVector(p.Vector)
	c.Size++
	if p.Escalation {
		c.Escalations++
	}
	if len(c.Sample) < capN {
		c.Sample = append(c.Sample, member{Text: p.Text, Object: p.Phrase.Object})
	}
}

// Seed makes sure a solution known from elsewhere (a stored one the model
// lost, after a crash) exists under key, with p as its first member.
func (m *Model) Seed(key string, p Proposal) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if _, ok := m.clusters[m.resolve(key)]; ok || p.Phrase.Verb == "" {
		return
	}
	verb := verbStem(p.Phrase)
	c := &cluster{Key: key, Verb: verb, Features: map[string]float64{}}
	m.clusters[key] = c
	m.byVerb[verb] = append(m.byVerb[verb], key)
	c.add(p, verb, features(p.Phrase.Object), m.cfg.SampleSize)
}

// Resolve returns the key a key now lives under: itself, the key of the
// solution it was merged into, or the key of the group the conversations'
// use puts it in.
func (m *Model) Resolve(key string) string {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.resolve(key)
}

func (m *Model) resolve(key string) string {
	key = m.base(key)
	if g, ok := m.group[key]; ok {
		return m.base(g)
	}
	return key
}

// Base is Resolve without the usage groups: the solution the key's
// proposals were grouped into by their words, which the conversations'
// use may later group with others and part from them again.
func (m *Model) Base(key string) string {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.base(key)
}

func (m *Model) base(key string) string {
	for i := 0; i < 64; i++ {
		next, ok := m.alias[key]
		if !ok {
			return key
		}
		key = next
	}
	return key
}

// Own is Summary of the solution the key's proposals were grouped into
// by their words (see Base), not of its usage group.
func (m *Model) Own(key string) (Solution, bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	c, ok := m.clusters[m.base(key)]
	if !ok {
		return Solution{}, false
	}
	return m.own(c), true
}

// Get returns the solution under key (or the one it merged into).
func (m *Model) Get(key string) (Solution, bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	c, ok := m.clusters[m.resolve(key)]
	if !ok {
		return Solution{}, false
	}
	return m.describe(c), true
}

// Summary is Get without the members, for the hot path of analysis.
func (m *Model) Summary(key string) (Solution, bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	c, ok := m.clusters[m.resolve(key)]
	if !ok {
		return Solution{}, false
	}
	return m.summary(c), true
}

// Solutions returns every solution, by key: the usage groups, each
// under its key, and the solutions in none.
func (m *Model) Solutions() []Solution {
	m.mu.Lock()
	defer m.mu.Unlock()
	out := make([]Solution, 0, len(m.clusters))
	for key, c := range m.clusters {
		if _, hidden := m.group[key]; !hidden {
			out = append(out, m.describe(c))
		}
	}
	slices.SortFunc(out, func(a, b Solution) int { return strings.Compare(a.Key, b.Key) })
	return out
}

// Len is the number of solutions, as Solutions lists them.
func (m *Model) Len() int {
	m.mu.Lock()
	defer m.mu.Unlock()
	return len(m.clusters) - len(m.group)
}

// describe is summary with the members of the solution's group: its own
// first, then the others', up to the sample size.
func (m *Model) describe(c *cluster) Solution {
	s := m.summary(c)
	for _, k := range m.groupOf(c) {
		for _, mb := range m.clusters[k].Sample {
			if len(s.Members) < m.cfg.SampleSize || k == c.Key {
				s.Members = append(s.Members, mb.Text)
			}
		}
	}
	return s
}

// groupOf lists the keys of the solutions in c's usage group, c's first.
func (m *Model) groupOf(c *cluster) []string {
	if ks := m.grouped[c.Key]; len(ks) > 0 {
		return ks
	}
	return []string{c.Key}
}

// summary is the solution c heads: its size and escalation summed over
// its usage group, described by c's own most central phrasing (c is the
// group's largest).
func (m *Model) summary(c *cluster) Solution {
	s := m.own(c)
	if ks := m.grouped[c.Key]; len(ks) > 1 {
		size, esc := 0, 0
		for _, k := range ks {
			size, esc = size+m.clusters[k].Size, esc+m.clusters[k].Escalations
		}
		s.Size, s.Escalation = size, 2*esc > size
	}
	return s
}

func (m *Model) own(c *cluster) Solution {
	s := Solution{Key: c.Key, Size: c.Size, Escalation: 2*c.Escalations > c.Size}
	// The description is chosen again each time the solution doubles, so
	// reading it on every attempt costs nothing.
	if c.desc == "" || c.Size >= 2*c.descSize {
		c.desc, c.descSize = m.central(c), c.Size
	}
	s.Description = c.desc
	return s
}

// central is the most central phrasing: the member most like the whole,
// preferring, among equals, one that names its head noun rather than
// standing for it with a pronoun ("book the ride" over "book that").
func (m *Model) central(c *cluster) string {
	centre := m.vector(c)
	best, bestSim := -1, -1.0
	for i, mb := range c.Sample {
		sim := similarity(newVec(m.weigh(features(mb.Object))), centre)
		if n := len(mb.Object); n > 0 && strings.Contains(strings.ToLower(mb.Text), mb.Object[n-1]) {
			sim += 1e-3
		}
		if sim > bestSim {
			best, bestSim = i, sim
		}
	}
	if best < 0 {
		return ""
	}
	return sentence(attempt.TrimCourtesy(c.Sample[best].Text))
}

// sentence capitalises a phrasing and ends it with a full stop.
func sentence(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return ""
	}
	r, n := utf8.DecodeRuneInString(s)
	s = string(unicode.ToUpper(r)) + s[n:]
	if !strings.HasSuffix(s, ".") {
		s += "."
	}
	return s
}

// verbStem is the stem of a phrase's verb with its particle, the verb
// taken back to its base form first. The stemmer leaves irregular forms
// alone ("frozen" stems to "frozen", "freeze" to "freez"), and an agent who
// has frozen a card proposes what one who asks to freeze it does: grouped
// by the inflected stem, the two never met, even at a consolidation.
func verbStem(p attempt.Phrase) string {
	ws := strings.Fields(p.Verb)
	for i, w := range ws {
		if i == 0 {
			w = Uninflect(strings.ToLower(w))
		}
		ws[i] = attempt.Stem(w)
	}
	return strings.Join(ws, " ")
}

// restem is verbStem for a verb stem saved before verbStem took irregular
// forms back to their base: those forms are their own stems, so the first
// word is looked up as written. Regular stems are kept as they are (the
// stemmer is not idempotent: stemming a stem again can change it).
func restem(verb string) string {
	ws := strings.Fields(verb)
	if len(ws) == 0 {
		return verb
	}
	if b, ok := attempt.IrregularBase(ws[0]); ok {
		ws[0] = attempt.Stem(b)
	}
	return strings.Join(ws, " ")
}

// features are an object phrase's weighted features: each word's stem,
// the head (last word) counting twice, and the head's character trigrams
// at a small weight, so spellings of one noun ("e-mail", "email") meet.
func features(object []string) map[string]float64 {
	out := map[string]float64{}
	for i, w := range object {
		st := attempt.Stem(w)
		wt := 1.0
		if i == len(object)-1 {
			wt = 2
			g := "<" + strings.ReplaceAll(w, "-", "") + ">"
			for j := 0; j+3 <= len(g); j++ {
				out["#"+g[j:j+3]] += 0.5 / float64(len(g)-2)
			}
		}
		out[st] += wt
	}
	return out
}

// weigh returns raw features times their idf over the tenant's proposals.
func (m *Model) weigh(raw map[string]float64) map[string]float64 {
	out := make(map[string]float64, len(raw))
	for f, w := range raw {
		out[f] = w * math.Log(1+float64(m.n+1)/float64(m.df[f]+1))
	}
	return out
}

// similarity is the cosine of two weighted feature vectors; two empty
// objects are alike ("book it" and "book that"), one empty is not.
func similarity(a, b *vecCache) float64 {
	aEmpty, bEmpty := len(a.vec) == 0, len(b.vec) == 0
	if aEmpty || bEmpty {
		if aEmpty && bEmpty {
			return 1
		}
		return 0
	}
	return cosineVec(a, b)
}

// uniqueKey names a new solution after p's phrase in base form, numbered
// when taken.
func (m *Model) uniqueKey(p attempt.Phrase) string {
	base := m.baseForm(p)
	key := base.Key()
	if key == "" {
		key = "action"
	}
	k := key
	for i := 2; m.taken(k); i++ {
		k = fmt.Sprintf("%s_%d", key, i)
	}
	return k
}

func (m *Model) taken(k string) bool {
	_, c := m.clusters[k]
	_, a := m.alias[k]
	return c || a
}
