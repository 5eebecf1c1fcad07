package store

import (
	"context"
	"time"
)

// The search index is saved in chunks so that a start loads it instead of
// reading and tokenising every conversation: chunk n of a tenant holds the
// index's documents with conversation ids in [n·width, (n+1)·width), as
// the search package encodes them, each tagged with the stamp of the
// conversation it was made from. A saved document is used only while its
// conversation's stamp is unchanged, so a chunk may lag the conversations
// (a crash between a write and the next save) without harm.

// ConversationStamp is what changes whenever a conversation's text may
// have: its version, bumped by every update, and its creation time, since
// an engine may give a deleted conversation's id to a new one.
type ConversationStamp struct {
	ID        int64
	TenantID  int64
	Version   int64
	CreatedAt time.Time
}

// SearchChunkReader holds the reads of the saved search index.
type SearchChunkReader interface {
	// ConversationStampScan calls fn for up to limit conversations of
	// every tenant with ID > afterID, in id order.
	ConversationStampScan(ctx context.Context, afterID int64, limit int, fn func(ConversationStamp) error) error
	// SearchChunkScan calls fn for each tenant's saved chunk number chunk.
	// data is valid only until fn returns.
	SearchChunkScan(ctx context.Context, chunk int64, fn func(tenantID int64, data []byte) error) error
}

// SearchChunkTx holds the writes of the saved search index.
type SearchChunkTx interface {
	// SearchChunkPut stores the tenant's chunk, replacing it; empty Data
	// deletes it.
	SearchChunkPut(ctx context.Context, p *SearchChunkPutParams) error
}

// SearchChunkPutParams are one saved chunk of a tenant's search index.
type SearchChunkPutParams struct {
	TenantID int64
	Chunk    int64
	Data     []byte
	At       time.Time
}
