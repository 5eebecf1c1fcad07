package store

import (
	"context"
	"time"
)

// The conversations' embedding vectors are saved in chunks of conversation
// ids, as the search index is (see searchchunk.go): chunk n of a tenant
// holds the vectors of its conversations with ids in [n·width,
// (n+1)·width), as the search package encodes them, each tagged with the
// stamp of the conversation it was embedded from. A chunk belongs to one
// vector space (the model's name); a start loads only the chunks of the
// configured model's space.

// VectorChunkReader holds the reads of the saved vectors.
type VectorChunkReader interface {
	// VectorChunkScan calls fn for every saved chunk of space, of every
	// tenant, in (chunk, tenant) order. data is valid only until fn
	// returns.
	VectorChunkScan(ctx context.Context, space string, fn func(tenantID, chunk int64, data []byte) error) error
	// VectorChunkGet returns the tenant's saved chunk if it is of space,
	// nil when there is none of that space: what a server reads when
	// another saved the chunk (the change feed's ChangeVectors) or before
	// a backfill resumes what another server began. Inside a write
	// transaction it locks the chunk, whatever its space and whether it
	// exists, until the transaction ends: a server merging its vectors
	// into the saved chunk and writing it back does not overwrite those
	// another server merged meanwhile (SQLite's one writer needs no lock).
	VectorChunkGet(ctx context.Context, tenantID, chunk int64, space string) ([]byte, error)
}

// VectorChunkTx holds the writes of the saved vectors.
type VectorChunkTx interface {
	// VectorChunkPut stores the tenant's chunk, replacing it whatever its
	// space was; empty Data deletes it.
	VectorChunkPut(ctx context.Context, p *VectorChunkPutParams) error
}

// VectorChunkPutParams are one saved chunk of a tenant's vectors.
type VectorChunkPutParams struct {
	TenantID int64
	Chunk    int64
	Space    string
	Data     []byte
	At       time.Time
}
