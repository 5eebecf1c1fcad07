package fathom

import "time"

// WebSession is a person signed in to the web pages. Only a hash of the
// session's token is kept, so that a copy of the database signs no one in.
type WebSession struct {
	Hash      string
	TenantID  int64
	UserID    int64
	CreatedAt time.Time
	ExpiresAt time.Time
}
