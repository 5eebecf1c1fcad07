// Package fathom holds the domain of the server: tenants, users, API keys,
// conversations and their messages, and the error type every layer shares.
//
// It imports only the standard library and must know nothing of HTTP, SQL or
// the job queue: those live in their own packages and depend on this one.
package fathom
