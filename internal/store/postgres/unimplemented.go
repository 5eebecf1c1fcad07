package postgres

import "github.com/fathom-oss/fathom/internal/store"

// unimplemented is scaffolding while the engine is written in parts: its
// nil embedded Tx supplies the methods not written yet (calling one
// panics). It is deleted, with its embedding in queries, once every method
// is written; the conformance suite then proves the engine complete.
type unimplemented struct{ store.Tx }
