package retrieval

import (
	"cmp"
	"slices"
	"strings"

	"github.com/fathom-oss/fathom/internal/knowledge/issuetype"
	"github.com/fathom-oss/fathom/internal/search"
)

// Scorer is an optional extra similarity, e.g. dense embeddings: it returns
// for each id a similarity in [0, 1] to q (0 if unknown), reusing out. It
// may fill q.Dense for later steps of the same request.
type Scorer interface {
	Score(q *Query, ids []int64, out []float64) []float64
}

// Config weighs the evidence. Zero fields take their defaults, found by
// tuning on banking77 (see the package tests); only ratios between the
// weights matter.
type Config struct {
	// Candidates is how many BM25 hits are reranked. Default 150.
	Candidates int
	// VoteDepth is how many top BM25 hits vote for the query's issue type.
	// Default 10.
	VoteDepth int
	// BM25 weighs BM25's similarity. Default 1.
	BM25 float64
	// Wording weighs the cosine of stem and n-gram vectors. Default 1.
	Wording float64
	// SameType weighs agreement with the model's predicted type for the
	// query, scaled by the prediction's confidence. Default 0.5.
	SameType float64
	// TypeVote weighs the share of the top BM25 hits' similarity held by
	// the candidate's type. Default 0.5.
	TypeVote float64
	// Extra is the optional Scorer's share of the similarity, in (0, 1):
	// with a Scorer, a candidate's similarity is (1−Extra) × the weighted
	// mean of the other evidence + Extra × the Scorer's. Default 0.5:
	// on banking77's training split (SPLIT=1 FATHOM_DENSE_MODEL=…
	// TestBanking77), with a real pre-trained model, every weight from 0.1
	// to 0.7 is within 0.003 of the best (0.6, by 0.001), too close to
	// move the default (docs/evaluation.md, "Retrieval with vectors").
	Extra float64
}

func (c Config) withDefaults() Config {
	def := func(v *float64, d float64) {
		if *v <= 0 {
			*v = d
		}
	}
	if c.Candidates <= 0 {
		c.Candidates = 150
	}
	if c.VoteDepth <= 0 {
		c.VoteDepth = 10
	}
	def(&c.BM25, 1)
	def(&c.Wording, 1)
	def(&c.SameType, 0.5)
	def(&c.TypeVote, 0.5)
	if c.Extra <= 0 || c.Extra >= 1 {
		c.Extra = 0.5
	}
	return c
}

// Ranker reranks BM25 candidates. It holds only configuration, so one
// Ranker serves every tenant concurrently.
type Ranker struct {
	cfg      Config
	typeName func(typeID int64) string // names types in reasons; nil: the model's current names
}

// WithTypeNames returns a copy of r whose match reasons name issue types
// with name, the names the tenant is shown everywhere else (pinned, unlike
// the model's, which follow the type's words).
func (r *Ranker) WithTypeNames(name func(typeID int64) string) *Ranker {
	c := *r
	c.typeName = name
	return &c
}

// New returns a Ranker; see Config for the defaults.
func New(cfg Config) *Ranker { return &Ranker{cfg: cfg.withDefaults()} }

// Hit is one ranked conversation.
type Hit struct {
	ID         int64
	Similarity float64  // weighted mean of the evidence, in [0, 1]
	Reasons    []string // why it matched, strongest evidence first
}

// Rank returns up to limit conversations similar to the query q with
// Similarity >= minSimilarity, best first (ties: newer id first), and how
// many of the reranked candidates passed minSimilarity. model and extra may
// be nil, in which case only the evidence available is used.
func (r *Ranker) Rank(ix *search.Index, model *issuetype.Model, extra Scorer, q *Query, limit int, minSimilarity float64) (hits []Hit, total int) {
	return r.RankExplaining(ix, model, extra, q, limit, limit, minSimilarity)
}

// RankExplaining is Rank that gives Reasons only to the first explain hits:
// a caller that looks deeper than it shows (recommendations read the 30
// nearest conversations, an answer shows 10) does not pay for explaining
// the rest.
func (r *Ranker) RankExplaining(ix *search.Index, model *issuetype.Model, extra Scorer, q *Query, limit, explain int, minSimilarity float64) (hits []Hit, total int) {
	cands, _ := ix.SearchExpanded(q.Terms, q.Expansion, max(r.cfg.Candidates, limit), 0)
	if p, ok := extra.(Proposer); ok && limit > 0 {
		// The one place a second candidate list joins BM25's (see Dense).
		cands = fuse(cands, p.Propose(q, max(r.cfg.Candidates, limit)))
	}
	if len(cands) == 0 || limit <= 0 {
		return nil, 0
	}
	ids := make([]int64, len(cands))
	for i, c := range cands {
		ids[i] = c.ID
	}
	var cmpn issuetype.Comparison
	if model != nil {
		cmpn = model.CompareVec(q.Type, ids)
	}
	var ext []float64
	if extra != nil {
		ext = extra.Score(q, ids, nil)
	}
	vote := typeVote(cands, cmpn.Type, r.cfg.VoteDepth)
	// A candidate the model does not hold yet (tracked, not analysed) is
	// scored, like every candidate of a tenant without a model, on the
	// evidence there is for it: scoring its missing wording and type as 0
	// would rank a conversation just tracked below older ones that match
	// the query less, until its analysis.
	base := r.cfg.BM25
	modelWeight := r.cfg.Wording + r.cfg.SameType + r.cfg.TypeVote
	type scored struct {
		i     int
		score float64
	}
	all := make([]scored, 0, len(cands))
	for i, c := range cands {
		s, wsum := r.cfg.BM25*c.Similarity, base
		if model != nil && cmpn.Known[i] {
			wsum += modelWeight
			s += r.cfg.Wording * cmpn.Similarity[i]
			if t := cmpn.Type[i]; t != 0 {
				if t == cmpn.Predicted {
					s += r.cfg.SameType * cmpn.Confidence
				}
				s += r.cfg.TypeVote * vote[t]
			}
		}
		s /= wsum
		if ext != nil {
			// A convex blend, not one more term of the mean: a zero-overlap
			// paraphrase has no lexical evidence at all, and as a fifth of a
			// mean its meaning could not outweigh one shared word.
			s = (1-r.cfg.Extra)*s + r.cfg.Extra*ext[i]
		}
		if s >= minSimilarity {
			all = append(all, scored{i, s})
		}
	}
	slices.SortFunc(all, func(a, b scored) int {
		if c := cmp.Compare(b.score, a.score); c != 0 {
			return c
		}
		return cmp.Compare(ids[b.i], ids[a.i])
	})
	total = len(all)
	for n, s := range all[:min(limit, len(all))] {
		h := Hit{ID: ids[s.i], Similarity: min(s.score, 1)}
		if n < explain {
			var meaning float64
			if ext != nil {
				meaning = ext[s.i]
			}
			h.Reasons = r.reasons(model, q, s.i, cands, cmpn, meaning)
		}
		hits = append(hits, h)
	}
	return hits, total
}

// typeVote returns each type's share of the BM25 similarity of the top
// depth candidates: a kNN vote for what the query is about.
func typeVote(cands []search.Hit, types []int64, depth int) map[int64]float64 {
	vote := map[int64]float64{}
	var total float64
	for i := range min(depth, len(cands), len(types)) {
		if types[i] != 0 {
			vote[types[i]] += cands[i].Similarity
			total += cands[i].Similarity
		}
	}
	if total == 0 {
		// Candidates proposed by embeddings alone have no BM25
		// similarity: no vote, rather than 0/0.
		return map[int64]float64{}
	}
	for t := range vote {
		vote[t] /= total
	}
	return vote
}

// nameOf names issue type t as the tenant is shown it: by r.typeName when
// set, else by the model's current name.
func (r *Ranker) nameOf(model *issuetype.Model, t int64) string {
	if r.typeName != nil {
		return r.typeName(t)
	}
	return model.TypeName(t)
}

// reasons explains candidate i to people; meaning is its embedding's
// cosine to the query's (0 without embeddings).
func (r *Ranker) reasons(model *issuetype.Model, q *Query, i int, cands []search.Hit, c issuetype.Comparison, meaning float64) []string {
	var out []string
	if meaning >= 0.5 {
		out = append(out, "similar meaning (embeddings)")
	}
	if model != nil {
		if w := model.SharedWordsVec(q.Type, cands[i].ID, 5); len(w) > 0 {
			out = append(out, "shared terms: "+strings.Join(w, ", "))
		}
		if t := c.Type[i]; t != 0 && t == c.Predicted {
			if name := r.nameOf(model, t); name != "" {
				out = append(out, "same issue type: "+name)
			}
		}
		if c.Similarity[i] >= 0.5 {
			out = append(out, "similar wording (character n-grams)")
		}
	}
	if len(out) == 0 && cands[i].Similarity > 0 {
		out = append(out, "shared terms")
	}
	if len(out) == 0 {
		out = append(out, "similar meaning (embeddings)")
	}
	return out
}
