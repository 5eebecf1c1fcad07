package server

import (
	"net/http"
	"strings"
	"time"
)

// Observer is told of every request once it is answered: the route it
// matched (the mux pattern without its method and host, "" when no route
// matched, so that a path never becomes a label), its method, the status
// the access log shows and how long it took.
type Observer func(route, method string, status int, elapsed time.Duration)

// routeOf is a mux pattern's path: "GET /x/{id}" is "/x/{id}".
func routeOf(pattern string) string {
	if pattern == fallback {
		return ""
	}
	if i := strings.IndexByte(pattern, ' '); i >= 0 {
		pattern = strings.TrimLeft(pattern[i+1:], " \t")
	}
	if i := strings.IndexByte(pattern, '/'); i > 0 {
		pattern = pattern[i:] // a host before the path
	}
	return pattern
}

// observe tells the observer of a request the mux has routed.
func (s *Server) observe(r *http.Request, status int, elapsed time.Duration) {
	if s.observer != nil {
		s.observer(routeOf(r.Pattern), r.Method, status, elapsed)
	}
}

// observeRefused tells the observer of a request answered before the mux
// saw it, under the route the mux would have chosen.
func (s *Server) observeRefused(r *http.Request, status int, elapsed time.Duration) {
	if s.observer != nil {
		_, pattern := s.mux.Handler(r)
		s.observer(routeOf(pattern), r.Method, status, elapsed)
	}
}
