package server

import (
	"net/http"

	"github.com/fathom-oss/fathom/internal/fathom"
)

// DeclaredTooLarge is the error for a request whose Content-Length is over
// max bytes, nil otherwise. It is checked before a byte is read, so that a
// client that asked first (Expect: 100-continue) never sends the body, and
// one that did not is answered before it has sent much of it.
func DeclaredTooLarge(r *http.Request, max int64) error {
	if r.ContentLength > max {
		return fathom.Errorf(fathom.ETOOLARGE, "request body must be at most %d bytes", max)
	}
	return nil
}
