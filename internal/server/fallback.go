package server

import (
	"net/http"
	"strings"
)

// fallback is the pattern of the route every path no API claims falls
// through to; it is not listed among the routes and is no metrics label.
const fallback = "/"

// methods are those a path may be allowed for, in an Allow header.
var methods = []string{http.MethodGet, http.MethodHead, http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete}

// handleUnmatched answers a request no route took in the format of its
// API: a 405 naming the allowed methods when the path has routes for other
// methods, a 404 otherwise (Go's own answers are plain text).
func (s *Server) handleUnmatched(w http.ResponseWriter, r *http.Request) {
	var allowed []string
	for _, m := range methods {
		probe := r.Clone(r.Context())
		probe.Method = m
		if _, pattern := s.mux.Handler(probe); pattern != "" && pattern != fallback {
			allowed = append(allowed, m)
		}
	}
	if len(allowed) > 0 {
		w.Header().Set("Allow", strings.Join(allowed, ", "))
		s.writeError(w, r, http.StatusMethodNotAllowed, "method_not_allowed", r.Method+" is not allowed on "+r.URL.Path+"; use "+strings.Join(allowed, " or "))
		return
	}
	s.writeError(w, r, http.StatusNotFound, "not_found", "no route "+r.URL.Path)
}
