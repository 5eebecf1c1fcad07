package meeting

import (
	"strconv"

	"github.com/fathom-oss/fathom/internal/fathom"
)

// Links makes the URLs of a meeting on this server.
type Links struct {
	// Base is the server's address as users reach it, without a
	// trailing slash (e.g. "http://127.0.0.1:8080").
	Base string
}

// CallURL is a meeting's own page.
func (l Links) CallURL(m *fathom.Meeting) string {
	return l.Base + "/calls/" + strconv.FormatInt(m.ID, 10)
}

// ShareURL is where a meeting is shared; summary links point into it.
func (l Links) ShareURL(m *fathom.Meeting) string { return l.Base + "/share/" + m.ShareToken }
