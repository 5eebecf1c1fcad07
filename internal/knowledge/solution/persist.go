package solution

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
)

// Version is the version of how proposals are read and grouped. A model
// saved under another version must not be loaded: its solutions were
// learned by other rules, and the conversations must be read again.
const Version = 1

// state is the saved form of a Model.
type state struct {
	Version  int                       `json:"version"`
	Clusters []*cluster                `json:"clusters"`
	Alias    map[string]string         `json:"alias"`
	DF       map[string]int            `json:"df"`
	N        int                       `json:"n"`
	Forms    map[string]map[string]int `json:"forms"`
	// VerbForms are absent from a model saved before verbs' forms were
	// counted apart: its verbs are named by spelling rules until new
	// proposals are counted.
	VerbForms map[string]map[string]int `json:"verbForms,omitempty"`
	// Groups are the usage groups (see MergeByUsage), by solution key.
	Groups map[string]string `json:"groups,omitempty"`
}

// MarshalBinary saves the model.
func (m *Model) MarshalBinary() ([]byte, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	st := state{Version: Version, Alias: m.alias, DF: m.df, N: m.n, Forms: m.forms, VerbForms: m.verbForms, Groups: m.group}
	for _, c := range m.clusters {
		st.Clusters = append(st.Clusters, c)
	}
	// By key, so that one model always saves as the same bytes.
	slices.SortFunc(st.Clusters, func(a, b *cluster) int { return strings.Compare(a.Key, b.Key) })
	return json.Marshal(st)
}

// ErrVersion is returned by UnmarshalBinary for a model saved under
// another Version.
var ErrVersion = errors.New("solution model of another version")

// UnmarshalBinary replaces the model with a saved one. It returns
// ErrVersion, and leaves the model empty, if the saved one is of another
// Version.
func (m *Model) UnmarshalBinary(b []byte) error {
	var st state
	if err := json.Unmarshal(b, &st); err != nil {
		return fmt.Errorf("decode solution model: %w", err)
	}
	if st.Version != Version {
		return ErrVersion
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	m.clusters, m.byVerb = map[string]*cluster{}, map[string][]string{}
	for _, c := range st.Clusters {
		if c.Features == nil {
			c.Features = map[string]float64{}
		}
		c.restemVerbs()
		m.clusters[c.Key] = c
		m.byVerb[c.Verb] = append(m.byVerb[c.Verb], c.Key)
		for verb := range c.Other {
			m.byVerb[verb] = append(m.byVerb[verb], c.Key)
		}
	}
	m.alias, m.df, m.n, m.forms, m.verbForms = st.Alias, st.DF, st.N, st.Forms, st.VerbForms
	if m.alias == nil {
		m.alias = map[string]string{}
	}
	if m.df == nil {
		m.df = map[string]int{}
	}
	if m.forms == nil {
		m.forms = map[string]map[string]int{}
	}
	if m.verbForms == nil {
		m.verbForms = map[string]map[string]int{}
	}
	m.group = map[string]string{}
	m.regroup(st.Groups)
	return nil
}

// restemVerbs brings the verbs of a cluster saved before irregular forms
// were taken back to their base under today's verbStem: a form under
// another verb that now stems like the cluster's own joins its features.
// The next consolidation then merges the clusters that now share a verb.
func (c *cluster) restemVerbs() {
	c.Verb = restem(c.Verb)
	if len(c.Other) == 0 {
		return
	}
	other := make(map[string]*form, len(c.Other))
	for verb, f := range c.Other {
		verb = restem(verb)
		into := other[verb]
		if verb == c.Verb {
			for k, w := range f.Features {
				c.Features[k] += w
			}
			continue
		}
		if into == nil {
			other[verb] = f
			continue
		}
		for k, w := range f.Features {
			into.Features[k] += w
		}
		into.Size += f.Size
	}
	c.Other = other
}
