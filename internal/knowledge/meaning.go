package knowledge

import (
	"github.com/fathom-oss/fathom/internal/knowledge/attempt"
	"github.com/fathom-oss/fathom/internal/knowledge/issuetype"
	"github.com/fathom-oss/fathom/internal/knowledge/solution"
)

// ProposalEmbedder returns one L2-normalised vector per text, in order
// (nil or empty for a text it cannot embed). The engine calls it while it
// analyses, so it must compute in the process: the service hands in a
// local model, never a network call.
type ProposalEmbedder func(texts []string) [][]float32

// SolutionsByMeaning makes every tenant's solution model compare the
// proposals' vectors too, from embed, giving them the share weight of a
// similarity (solution.Config.DenseWeight). It must be called before
// the engine holds a tenant (the service calls it as it is made); a weight
// of 0 or a nil embed leaves solutions grouped by their words alone.
func (e *Engine) SolutionsByMeaning(weight float64, embed ProposalEmbedder) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if weight <= 0 || embed == nil {
		e.solCfg, e.embed = solution.Config{}, nil
		return
	}
	e.solCfg, e.embed = solution.Config{DenseWeight: weight}, embed
}

// newTenant is an empty tenant's knowledge under the engine's
// configuration.
func (e *Engine) newTenant() *tenantKnowledge {
	k := newTenantKnowledge(issuetype.NewModel(e.cfg))
	k.learner, k.embed = solution.NewModel(e.solCfg), e.embed
	return k
}

// proposal is a proposal as the tenant's learner takes it: with the
// vector of its phrase when the engine embeds proposals.
func (k *tenantKnowledge) proposal(ph attempt.Phrase, text string, escalation bool) solution.Proposal {
	p := solution.Proposal{Phrase: ph, Text: text, Escalation: escalation}
	if k.embed == nil {
		return p
	}
	if t := solution.EmbedText(ph); t != "" {
		if vs := k.embed([]string{t}); len(vs) == 1 {
			p.Vector = vs[0]
		}
	}
	return p
}
