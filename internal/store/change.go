package store

import (
	"context"
	"time"
)

// The change feed is how several servers on one database keep their
// in-memory state (search index, knowledge) current: a write that changes
// what servers derive appends a Change in the same transaction, and every
// server tails the feed and applies the changes other servers made.

// Change kinds.
const (
	// ChangeAnalysis: conversation Ref was analysed; its text and stored
	// analysis are current in the database.
	ChangeAnalysis = "analysis"
	// ChangeTracked: messages were appended to conversation Ref, or a
	// resolve wrote notes into its text; its searchable text may have
	// changed (servers index it again at once, before its analysis).
	ChangeTracked = "tracked"
	// ChangeDelete: conversation Ref was deleted.
	ChangeDelete = "delete"
	// ChangeModel: the tenant's saved knowledge model (issue types, names,
	// learned solutions) changed.
	ChangeModel = "model"
	// ChangeNames: the tenant's pinned issue-type names were saved alone,
	// for types founded since the model was last saved.
	ChangeNames = "names"
	// ChangeVectors: the tenant's saved chunk Ref of embedding vectors
	// changed (a backfill or a track embedded conversations in it).
	ChangeVectors = "vectors"
)

// Change is one entry of the change feed.
type Change struct {
	ID        int64
	TenantID  int64
	Kind      string
	Ref       int64
	Server    string // the server that made it
	CreatedAt time.Time
}

// ChangeReader holds the reads of the change feed.
type ChangeReader interface {
	// ChangeList returns up to limit changes with ID > afterID in id
	// order. Ids are unique and increasing but may have gaps, and on an
	// engine with concurrent writers a lower id may commit after a higher
	// one was seen: tailers must allow for both.
	ChangeList(ctx context.Context, afterID int64, limit int) ([]*Change, error)
	// ChangeFirstID is the lowest id still kept (0 if the feed is empty):
	// a cursor below it may have missed pruned changes.
	ChangeFirstID(ctx context.Context) (int64, error)
	// ChangeLastID is the highest id created before t (0 if none).
	ChangeLastID(ctx context.Context, before time.Time) (int64, error)
}

// ChangeTx holds the writes of the change feed and of analysis leases.
type ChangeTx interface {
	ChangeAppend(ctx context.Context, c *Change) error
	// ChangeAppendMany appends the changes in their order, in one round
	// trip where the engine allows, and sets their IDs (increasing).
	ChangeAppendMany(ctx context.Context, cs []*Change) error
	// ChangeDeleteBefore prunes changes created before t and returns how
	// many it deleted.
	ChangeDeleteBefore(ctx context.Context, before time.Time) (int64, error)
	// AnalysisLeaseAcquire gives the tenant's analysis lease to p.Server
	// until p.Until if it is free, expired (before p.Now) or already that
	// server's; it reports whether p.Server holds it now. One server at a
	// time analyses a tenant, so that its model is learned in one place.
	AnalysisLeaseAcquire(ctx context.Context, p *AnalysisLeaseParams) (bool, error)
	// AnalysisLeaseRelease frees the lease if server holds it.
	AnalysisLeaseRelease(ctx context.Context, tenantID int64, server string) error
	// AnalysisLeaseHeld reports whether some server holds the tenant's
	// lease at now (taken and not expired).
	AnalysisLeaseHeld(ctx context.Context, tenantID int64, now time.Time) (bool, error)
}

// AnalysisLeaseParams ask for a tenant's analysis lease.
type AnalysisLeaseParams struct {
	TenantID int64
	Server   string
	Now      time.Time
	Until    time.Time
}
