// Package store defines the storage contract: one interface that every
// database engine implements and that one conformance suite (storetest)
// exercises. It only reads and writes; rules such as validation, tenant
// scoping decisions and resend detection live in the services above it.
//
// Methods are named noun first (ConversationGet, MessageList) so that a
// reader finds every operation on a table together.
package store

import (
	"context"
	"errors"
	"time"

	"github.com/fathom-oss/fathom/internal/fathom"
)

// ErrNotFound is returned, wrapped, when a row asked for by key is absent.
var ErrNotFound = errors.New("store: not found")

// ErrDuplicate is returned, wrapped, when an insert would break a unique key.
var ErrDuplicate = errors.New("store: duplicate")

// ErrUnavailable is returned by Write, joined with the driver's error, when
// the database cannot store data now: its disk is full, it cannot write its
// files, or the connection to it is lost. Its code is EUNAVAILABLE, so that
// clients get 503 and the driver's error stays in the chain for the log.
var ErrUnavailable = fathom.Errorf(fathom.EUNAVAILABLE,
	"the server cannot store data right now (disk full or database unavailable); retry after the time in Retry-After")

// Store is a database. Reads on it see committed data; writes happen only
// inside Write.
type Store interface {
	Reader

	// Write runs fn in a write transaction and commits it before returning
	// nil. If fn returns an error, nothing it wrote is kept. An engine may
	// commit several callers' functions in one transaction (group commit);
	// each still succeeds or fails on its own.
	//
	// fn may run more than once: an engine whose transactions run side by
	// side (PostgreSQL) runs it again, in a new transaction, when the
	// database aborted the last one for a conflict with another (a deadlock
	// or a serialization failure, in a statement or at commit); nothing of
	// the aborted run is kept. So fn must have no effects outside the
	// transaction other than through Tx.AfterCommit, and must set what it
	// reports to its caller afresh on each run (assign, never append).
	Write(ctx context.Context, fn func(tx Tx) error) error

	// Snapshot runs fn with a Reader whose reads all see one committed
	// state of the database, whatever commits meanwhile. What is read in
	// several statements and was written in one transaction (a knowledge
	// model saved in chunks, with its names and solutions) is then read as
	// one version: reads on the Store itself may each see a later commit.
	// fn must not keep r once it returns.
	Snapshot(ctx context.Context, fn func(r Reader) error) error

	// Close waits for pending writes and closes the database.
	Close() error
}

// Tx is a write transaction. Its reads see its own writes.
//
// Several servers may write to one database at once, so the reads of a Tx
// are for writing: a row a Tx reads stays as read until the Tx ends (it is
// locked where transactions run side by side), and a key read and found
// missing (a conversation's external id, a tenant's name, a user's email,
// an idempotency key) is held too, so that a concurrent Tx reading the
// same key waits and then finds the row this one inserts. Read-then-write
// functions therefore need no retry of their own; the storetest races
// check it on every engine.
type Tx interface {
	Reader
	MeetingTx
	OAuthTx
	WebSessionTx
	GatewayTx
	FeedbackTx
	ChangeTx
	SearchChunkTx
	VectorChunkTx
	AnalyticsTx
	MediaTx

	// AfterCommit registers f to run once the transaction has committed.
	AfterCommit(f func())

	TenantCreate(ctx context.Context, p *TenantCreateParams) (*fathom.Tenant, error)
	TenantSetQuota(ctx context.Context, tenantID int64, q fathom.Quota) error
	// TenantMarkAnalysisPending sets the tenant's analysis-pending flag and
	// reports whether it was clear before (so that the caller enqueues one
	// analysis job instead of one per write).
	TenantMarkAnalysisPending(ctx context.Context, tenantID int64) (wasClear bool, err error)
	TenantClearAnalysisPending(ctx context.Context, tenantID int64) error

	UserCreate(ctx context.Context, p *UserCreateParams) (*fathom.User, error)
	UserSetCallbackSecret(ctx context.Context, userID int64, secret string) error
	APIKeyCreate(ctx context.Context, p *APIKeyCreateParams) (*fathom.APIKey, error)
	APIKeyRevoke(ctx context.Context, keyID int64, at time.Time) error

	ConversationCreate(ctx context.Context, p *ConversationCreateParams) (*fathom.Conversation, error)
	ConversationUpdate(ctx context.Context, c *fathom.Conversation) error
	// ConversationMarkAnalyzed clears the conversation's dirty flag and
	// records how many messages were analysed, if its version is still the
	// one analysed; it reports whether it did.
	ConversationMarkAnalyzed(ctx context.Context, conversationID, version int64, analyzedCount int) (bool, error)
	// ConversationMarkAnalyzedMany does what ConversationMarkAnalyzed does
	// for each mark, in one round trip where the engine allows;
	// current[i] reports whether marks[i] was applied.
	ConversationMarkAnalyzedMany(ctx context.Context, marks []AnalyzedMark) (current []bool, err error)
	// ConversationMarkDirty queues conversations for analysis again.
	ConversationMarkDirty(ctx context.Context, conversationIDs []int64) error
	// ConversationDelete removes a conversation and everything derived
	// from it (messages, analysis) by cascade.
	ConversationDelete(ctx context.Context, conversationID int64) error
	MessageInsertMany(ctx context.Context, conversationID int64, msgs []fathom.Message) error

	KnowledgeModelPut(ctx context.Context, tenantID int64, kind string, model []byte, at time.Time) error
	// KnowledgeModelDelete removes a model saved whole; missing is no error.
	KnowledgeModelDelete(ctx context.Context, tenantID int64, kind string) error
	// KnowledgeChunkPut stores chunk number chunk of the tenant's model of
	// kind, replacing it.
	KnowledgeChunkPut(ctx context.Context, p *KnowledgeChunkPutParams) error
	// KnowledgeChunkTrim deletes the chunks of kind numbered from on.
	KnowledgeChunkTrim(ctx context.Context, tenantID int64, kind string, from int) error
	// SolutionUpsert returns the tenant's solution with s.Key, creating it
	// from s when new.
	SolutionUpsert(ctx context.Context, s *fathom.Solution) (*fathom.Solution, error)
	SolutionUpdate(ctx context.Context, s *fathom.Solution) error
	// SolutionDeleteUnused deletes the tenant's solutions that no attempt
	// points at (retired after the solutions were learned again) and
	// returns their ids.
	SolutionDeleteUnused(ctx context.Context, tenantID int64) ([]int64, error)
	// AnalysisReplace stores a conversation's analysis and attempts,
	// replacing whatever was stored before.
	AnalysisReplace(ctx context.Context, a *fathom.Analysis) error
	// AnalysisReplaceMany does what AnalysisReplace does for analyses of
	// distinct conversations, in one round trip where the engine allows.
	AnalysisReplaceMany(ctx context.Context, as []*fathom.Analysis) error

	IdempotencyInsert(ctx context.Context, r *IdempotencyRecord) error
	IdempotencyDeleteBefore(ctx context.Context, before time.Time) (int64, error)

	UsageAdd(ctx context.Context, p *UsageAddParams) error
}

// Reader holds the reads, available both on the Store and inside a Tx.
type Reader interface {
	MeetingReader
	OAuthReader
	WebSessionReader
	GatewayReader
	FeedbackReader
	ChangeReader
	SearchChunkReader
	VectorChunkReader
	AnalyticsReader
	MediaReader

	TenantGet(ctx context.Context, id int64) (*fathom.Tenant, error)
	TenantGetByName(ctx context.Context, name string) (*fathom.Tenant, error)
	TenantList(ctx context.Context) ([]*fathom.Tenant, error)

	UserGetByEmail(ctx context.Context, tenantID int64, email string) (*fathom.User, error)
	// UserCallbackSecret returns the secret that signs the user's
	// callbacks, "" if none was made yet. Inside a Tx it also holds the
	// user against other writers until the commit, so that a secret is
	// made once.
	UserCallbackSecret(ctx context.Context, userID int64) (string, error)

	APIKeyGetByHash(ctx context.Context, hash string) (*fathom.APIKey, error)
	APIKeyList(ctx context.Context) ([]*fathom.APIKey, error)
	APIKeyCount(ctx context.Context) (int, error)

	ConversationGetByExternalID(ctx context.Context, tenantID int64, externalID string) (*fathom.Conversation, error)
	ConversationListByIDs(ctx context.Context, tenantID int64, ids []int64) ([]*fathom.Conversation, error)
	// ConversationListDirty returns up to limit conversations of the tenant
	// changed since they were last analysed, in id order (the order they
	// were created in): the order analysis learns them in then does not
	// depend on when each was last written.
	ConversationListDirty(ctx context.Context, tenantID int64, limit int) ([]*fathom.Conversation, error)
	// ConversationCountDirty counts conversations of every tenant waiting
	// for analysis: the analysis backlog.
	ConversationCountDirty(ctx context.Context) (int, error)
	// ConversationBacklog measures the analysis backlog of every tenant:
	// the conversations waiting, the messages analysis has not seen in
	// them, and the oldest last change among them.
	ConversationBacklog(ctx context.Context) (*ConversationBacklog, error)
	// MeetingCountProcessing counts recordings of every tenant waiting for
	// processing: the processing backlog.
	MeetingCountProcessing(ctx context.Context) (int, error)
	// ConversationScan calls fn for each conversation with ID > afterID in
	// ID order, at most limit of them, with the conversation's messages.
	ConversationScan(ctx context.Context, p *ConversationScanParams, fn func(c *fathom.Conversation, msgs []fathom.Message) error) error

	// MessageList returns messages with Seq >= fromSeq in order; limit <= 0
	// means all.
	MessageList(ctx context.Context, conversationID int64, fromSeq, limit int) ([]fathom.Message, error)
	// MessageBytes is the total size in bytes of a conversation's
	// message contents.
	MessageBytes(ctx context.Context, conversationID int64) (int64, error)
	// MessageListMany returns every message of each of the conversations,
	// in Seq order, keyed by conversation id, in one query whatever their
	// number; a conversation without messages has no entry.
	MessageListMany(ctx context.Context, conversationIDs []int64) (map[int64][]fathom.Message, error)

	IdempotencyGet(ctx context.Context, tenantID int64, scope, key string) (*IdempotencyRecord, error)

	KnowledgeModelGet(ctx context.Context, tenantID int64, kind string) ([]byte, error)
	// KnowledgeChunkScan calls fn for each chunk of the tenant's model of
	// kind in chunk order. data is valid only until fn returns (a start
	// reads the whole model through it: no copy of it is kept).
	KnowledgeChunkScan(ctx context.Context, tenantID int64, kind string, fn func(chunk int, data []byte) error) error
	SolutionList(ctx context.Context, tenantID int64) ([]*fathom.Solution, error)
	// AnalysisListByIDs returns the tenant's stored analyses of the given
	// conversations, with their attempts, in conversation id order; a
	// conversation without one is left out.
	AnalysisListByIDs(ctx context.Context, tenantID int64, conversationIDs []int64) ([]*fathom.Analysis, error)
	// AnalysisScan calls fn for up to limit analyses of the tenant with
	// ConversationID > afterID, in id order, attempts included.
	AnalysisScan(ctx context.Context, tenantID, afterID int64, limit int, fn func(a *fathom.Analysis) error) error
	// AnalysisScanAll calls fn for up to limit analyses of every tenant
	// with ConversationID > afterID, in id order, attempts included, as
	// AnalysisScan reads them but with AnalyzedAt left zero: what a start
	// needs to restore the knowledge, read in one ordered pass over the
	// table.
	AnalysisScanAll(ctx context.Context, afterID int64, limit int, fn func(a *fathom.Analysis) error) error

	UsageGet(ctx context.Context, tenantID int64, period string) (*Usage, error)
}

// TenantCreateParams are the fields of a new tenant.
type TenantCreateParams struct {
	Name      string
	CreatedAt time.Time
}

// UserCreateParams are the fields of a new user.
type UserCreateParams struct {
	TenantID  int64
	Email     string
	Name      string
	CreatedAt time.Time
}

// APIKeyCreateParams are the fields of a new key; Hash is of the secret.
type APIKeyCreateParams struct {
	TenantID  int64
	UserID    int64
	Name      string
	Prefix    string
	Hash      string
	CreatedAt time.Time
}

// ConversationCreateParams are the fields of a new conversation.
type ConversationCreateParams struct {
	TenantID   int64
	ExternalID string
	UserID     string
	CreatedAt  time.Time
}

// ConversationScanParams bound a scan.
type ConversationScanParams struct {
	TenantID int64 // 0 scans every tenant
	AfterID  int64
	Limit    int
}

// AnalyzedMark is one conversation to mark analysed: its dirty flag is
// cleared and AnalyzedCount recorded only if its version is still Version.
type AnalyzedMark struct {
	ConversationID int64
	Version        int64
	AnalyzedCount  int
}

// IdempotencyRecord is the stored first response to a request made with an
// Idempotency-Key, keyed by tenant, scope (the operation) and key.
type IdempotencyRecord struct {
	TenantID    int64
	Scope       string
	Key         string
	Fingerprint string
	Response    []byte
	CreatedAt   time.Time
}

// Usage is a tenant's metered use in one period ("2026-11").
type Usage struct {
	TenantID   int64
	Period     string
	Requests   int64
	Tokens     int64
	Retrievals int64
}

// UsageAddParams adds deltas to a tenant's usage in a period.
type UsageAddParams struct {
	TenantID   int64
	Period     string
	Requests   int64
	Tokens     int64
	Retrievals int64
}

// KnowledgeChunkPutParams is one chunk of a knowledge model to store.
type KnowledgeChunkPutParams struct {
	TenantID int64
	Kind     string
	Chunk    int
	Data     []byte
	At       time.Time
}
