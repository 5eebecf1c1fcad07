package server

import (
	"net/http"
	"slices"
	"sync"
)

// Mux is the route table API packages register on: an http.ServeMux that
// also keeps the patterns registered, so that tools (the malformed-input
// fuzzer of "fathom bench reliability") list the routes from the table
// itself rather than from a hand-kept copy.
type Mux struct {
	*http.ServeMux
	mu       sync.Mutex
	patterns []string
}

// NewMux returns an empty route table.
func NewMux() *Mux { return &Mux{ServeMux: http.NewServeMux()} }

// Handle registers h for pattern (a Go 1.22 ServeMux pattern).
func (m *Mux) Handle(pattern string, h http.Handler) {
	m.ServeMux.Handle(pattern, h)
	m.mu.Lock()
	m.patterns = append(m.patterns, pattern)
	m.mu.Unlock()
}

// HandleFunc registers f for pattern.
func (m *Mux) HandleFunc(pattern string, f func(http.ResponseWriter, *http.Request)) {
	m.Handle(pattern, http.HandlerFunc(f))
}

// Patterns lists the registered patterns, sorted.
func (m *Mux) Patterns() []string {
	m.mu.Lock()
	defer m.mu.Unlock()
	return slices.Sorted(slices.Values(m.patterns))
}
