package server

import (
	"encoding/json"
	"net/http"
	"strings"
)

// ErrorWriter writes an error that the server answers itself, before or
// instead of an API's handler (an address over its unauthenticated limit,
// a panic), in the error format of the API the request was for.
type ErrorWriter func(w http.ResponseWriter, r *http.Request, status int, code, message string)

type errorRoute struct {
	prefix string
	write  ErrorWriter
}

// SetErrorWriter makes the server's own errors for paths under prefix use
// write; the longest matching prefix wins, and paths under none get the
// Context API's envelope. Call it before Serve.
func (s *Server) SetErrorWriter(prefix string, write ErrorWriter) {
	s.errorWriters = append(s.errorWriters, errorRoute{prefix: prefix, write: write})
}

// WriteError answers an error of the server's own (not of an API's
// operation) in the format of the request's API.
func (s *Server) WriteError(w http.ResponseWriter, r *http.Request, status int, code, message string) {
	s.writeError(w, r, status, code, message)
}

// writeError answers the server's own error in the format of the request's
// API.
func (s *Server) writeError(w http.ResponseWriter, r *http.Request, status int, code, message string) {
	write, longest := ErrorWriter(writeEnvelope), -1
	for _, e := range s.errorWriters {
		if strings.HasPrefix(r.URL.Path, e.prefix) && len(e.prefix) > longest {
			write, longest = e.write, len(e.prefix)
		}
	}
	write(w, r, status, code, message)
}

// writeEnvelope is the Context API's error envelope, the default.
func writeEnvelope(w http.ResponseWriter, r *http.Request, status int, _ string, message string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	b, _ := json.Marshal(map[string]any{"success": false, "requestId": Info(r.Context()).ID, "message": message})
	_, _ = w.Write(append(b, '\n'))
}
