package fathom

import (
	"errors"
	"fmt"
	"time"
)

// Error codes. Each layer returns these; the HTTP packages map them to
// statuses in one table, so a code means the same thing everywhere.
const (
	EINVALID       = "invalid"                // the caller sent something wrong (400)
	EUNAUTHORIZED  = "unauthorized"           // missing or unknown credentials (401)
	EFORBIDDEN     = "forbidden"              // known credentials that may not do this (403)
	ENOTFOUND      = "not_found"              // the named thing does not exist for this tenant (404)
	ECONFLICT      = "conflict"               // the request contradicts the current state (409)
	ERATELIMIT     = "rate_limited"           // a rate limit or plan quota was reached (429)
	ETOOLARGE      = "too_large"              // the request body is over its size limit (413)
	EMEDIATYPE     = "unsupported_media_type" // a file of a type the call does not take (415)
	EUNPROCESSABLE = "unprocessable"          // well formed, but nothing to act on (422)
	EGONE          = "gone"                   // existed once and is no longer available (410)
	EUNAVAILABLE   = "unavailable"            // the server is shutting down or not ready (503)
	EINTERNAL      = "internal"               // anything else; never shown to clients (500)
)

// Error is an application error with a code and a message safe to show to
// the client. Errors without this type are internal.
type Error struct {
	Code    string
	Message string
}

func (e *Error) Error() string {
	return fmt.Sprintf("fathom error: code=%s message=%s", e.Code, e.Message)
}

// Errorf returns an *Error with the code and a formatted message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of the first *Error or *QuotaError in err's
// chain, EINTERNAL for any other non-nil error, and "" for nil.
func ErrorCode(err error) string {
	var e *Error
	var q *QuotaError
	switch {
	case err == nil:
		return ""
	case errors.As(err, &e):
		return e.Code
	case errors.As(err, &q):
		return ERATELIMIT
	}
	return EINTERNAL
}

// ErrorMessage returns the client-safe message of err: the *Error's message,
// or "internal error" for anything that is not an application error.
func ErrorMessage(err error) string {
	var e *Error
	var q *QuotaError
	switch {
	case err == nil:
		return ""
	case errors.As(err, &e):
		return e.Message
	case errors.As(err, &q):
		return q.Error()
	}
	return "internal error"
}

// Limit names a quota or rate limit, as the 429 body reports it.
type Limit string

// The limits a tenant can reach.
const (
	LimitRequests   Limit = "requests"   // API calls per month
	LimitTokens     Limit = "tokens"     // text tokens processed by analysis per month
	LimitRetrievals Limit = "retrievals" // similarity searches per month
	LimitRate       Limit = "rate"       // requests per second
)

// QuotaError reports a reached limit with the figures a client needs to back
// off: how much was used of how much, and when the window resets.
type QuotaError struct {
	Limit      Limit
	Used       int64
	Quota      int64
	ResetAt    time.Time
	RetryAfter time.Duration
}

func (e *QuotaError) Error() string {
	if e.Limit == LimitRate {
		return fmt.Sprintf("rate limit exceeded: %d requests per second", e.Quota)
	}
	return fmt.Sprintf("monthly %s quota exceeded: %d of %d used", e.Limit, e.Used, e.Quota)
}
