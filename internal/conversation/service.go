// Package conversation holds the rules of the Context API once: validation,
// tenant scoping, resend detection, idempotency, reopen on track after
// resolve, resolution, similarity search, and the analysis that follows a
// write. It talks to storage through store.Store and knows nothing of HTTP.
package conversation

import (
	"context"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	"github.com/fathom-oss/fathom/internal/knowledge"
	"github.com/fathom-oss/fathom/internal/knowledge/issuetype"
	"github.com/fathom-oss/fathom/internal/search"
	"github.com/fathom-oss/fathom/internal/store"
)

// Queue enqueues analysis in the same transaction as the write causing it.
type Queue interface {
	EnqueueAnalysisTx(ctx context.Context, tx store.Tx, tenantID int64) error
}

// TokenMeter counts the text tokens analysis processes, for the tenant's
// monthly token quota. Counting costs about 1 µs a token, so analysis asks
// first whether the tenant's plan limits tokens at all.
type TokenMeter interface {
	LimitsTokens(ctx context.Context, tenantID int64) bool
	AddTokens(ctx context.Context, tenantID, n int64)
}

// Activity reports the requests being served now and those received since
// start (server.Server implements it). Background analysis yields to
// requests while there are any and runs flat out when there are none.
type Activity interface {
	Activity() (inFlight int64, started uint64)
}

// Deps are the service's collaborators. Now, Logger and Activity may be
// nil; without Activity analysis is always paced by AnalysisDuty.
type Deps struct {
	Store     store.Store
	Queue     Queue
	Index     *search.Catalog
	Knowledge *knowledge.Engine
	Tokens    TokenMeter
	Activity  Activity
	Now       func() time.Time
	Logger    *slog.Logger
	// Embedder, when set, gives every conversation a vector and makes
	// similarity hybrid (see vectors.go); nil: lexical only.
	Embedder Embedder
	// Backfills, when set, runs the embeddings backfill as a durable job
	// per tenant (BackfillTenant), once for every server on the database;
	// nil: RunEmbeddings backfills every tenant itself at start.
	Backfills BackfillQueue
}

// BackfillQueue enqueues a tenant's embeddings backfill in the space
// (Embedder.Name) of the server asking; a job of the same tenant and
// space pending or running already makes it do nothing.
type BackfillQueue interface {
	EnqueueBackfill(ctx context.Context, tenantID int64, space string) error
}

// Config tunes the service; zero values take the documented defaults.
type Config struct {
	// MinSimilarity is the relevance threshold of similarity results and
	// of totalFound (default 0.1).
	MinSimilarity float64
	// IdempotencyTTL is how long an Idempotency-Key is remembered
	// (default 24h).
	IdempotencyTTL time.Duration
	// AnalysisDuty is the share of one core background analysis may use
	// while requests are being served, in (0, 1] (default 0.5): after a
	// round of analysis during which a request arrived or was in flight,
	// it rests in proportion. Rounds with no request in sight are not
	// paced, so a backlog drains at full speed on an idle server. 1 never
	// rests.
	AnalysisDuty float64
	// Server names this server in the change feed. Empty (the default)
	// means the server is alone on its database: it neither writes nor
	// tails the feed (see feed.go). Servers sharing a database need
	// distinct names.
	Server string
	// FeedPoll is how often a shared server reads the change feed
	// (default 150ms).
	FeedPoll time.Duration
	// FeedGapWait is how long a missing id in the feed is waited for
	// before the cursor moves past it (default 10s): a write that took an
	// id and commits later than that is not applied by the other servers.
	FeedGapWait time.Duration
	// FeedKeep is how long changes are kept in the feed (default 1h). A
	// server that could not read the feed for longer reloads everything.
	FeedKeep time.Duration
	// MaxConversationMessages and MaxConversationBytes cap one
	// conversation: a track that would take it past either is refused
	// with a 413 naming the limit (defaults 10,000 messages and 8 MiB of
	// message content).
	MaxConversationMessages int
	MaxConversationBytes    int64
	// AnalysisRoundWork bounds the work of one round of analysis while
	// requests are served and analysis keeps up (default 250ms): such a
	// round stops taking chunks of changed conversations once it has
	// worked that long, and the rest wait for the next round, so a write
	// waits for at most the round under way, its rest and its own round
	// (see analyze.go).
	AnalysisRoundWork time.Duration
	// ModelSaveEvery is how often a shared server analysing a tenant saves
	// its issue-type model (default 2s), and so how often every other
	// server loads it (modelfollow.go). Analyses are in the feed as soon
	// as they are stored and counted by every server under the types they
	// were stored with, and the names of new types are saved after each
	// round, so this bounds only how far the other servers' models lag in
	// documents. The model is also saved after each consolidation and
	// before the tenant's analysis ends.
	ModelSaveEvery time.Duration
	// EmbeddingsTimeout bounds the wait for a similarity query's vector
	// from a remote Embedder (default 1s); past it the answer is lexical.
	EmbeddingsTimeout time.Duration
	// IssueTypesByMeaning gives the issue-type model the conversations'
	// vectors (knowledge.Engine.AnalyzeDense, AttachVector); off, the
	// vectors serve similarity only.
	IssueTypesByMeaning bool
	// SolutionMeaningWeight, above 0, gives the solution models the
	// vectors of the proposals' phrases with that share of a similarity
	// (knowledge.Engine.SolutionsByMeaning), when the Embedder is local;
	// 0 (the default): solutions group by their words alone.
	SolutionMeaningWeight float64
	// BackfillSaveEvery is how often a backfill saves the vectors it has
	// made (default 5s; also every 10,240 conversations and when it
	// stops): the most work a killed backfill loses.
	BackfillSaveEvery time.Duration
	// EmbeddingsHandoff is how long a shared server with a remote
	// Embedder waits for another server's vector of a text that server
	// tracked (default 1m; see vectorshare.go): past it, the tenant's
	// backfill job is enqueued (without a job queue, the server embeds
	// the text itself). It covers a server killed between a track and the
	// save of its vector.
	EmbeddingsHandoff time.Duration
}

// Defaults of the conversation size caps.
const (
	DefaultMaxConversationMessages = 10_000
	DefaultMaxConversationBytes    = 8 << 20
)

// Service implements the Context API's operations.
type Service struct {
	store  store.Store
	queue  Queue
	index  *search.Catalog
	know   *knowledge.Engine
	tokens TokenMeter
	busy   Activity
	cfg    Config
	now    func() time.Time
	logger *slog.Logger
	// analysing counts the AnalyzeTenant calls under way (see AnalysisIdle).
	analysing atomic.Int64
	// indexSavedAt is when analysis last saved the search index, in Unix
	// nanoseconds (see saveIndexEvery).
	indexSavedAt atomic.Int64
	// feed is the knowledge follower's position in the change feed; claimed the
	// tenants one of its jobs is analysing, leases those whose analysis
	// lease it holds and whose feed it applied (all only when shared).
	feed feed
	// indexFeed is the index follower's position (see feed.go), and
	// modelFeed the model follower's (see modelfollow.go).
	indexFeed feed
	modelFeed feed
	leaseMu   sync.Mutex
	claimed   map[int64]bool
	leases    map[int64]bool
	// Under leaseMu: per tenant, the id in the feed of the last model save
	// by another server that the knowledge follower read, and of the save
	// the model in use was loaded from (see modelBehind).
	modelSaved, modelLoaded map[int64]int64
	// loadLater holds the own saves the model follower passed over while
	// a job of this server analysed the tenant (see applyModels).
	loadLater map[int64]int64
	// Under leaseMu, for the tenants this server analyses: the model
	// holds what its last save does not (unsaved), and when that save was
	// (savedAt); see modelsave.go.
	unsaved map[int64]bool
	savedAt map[int64]time.Time
	// saved tracks the search index's chunks changed since they were
	// saved (see SaveIndex).
	saved indexSaver
	// gone holds the tombstones of conversations deleted lately (see
	// indexgone.go).
	gone gone
	// vec holds the conversations' vectors; nil without an Embedder.
	vec *vectors
	// backfills runs the embeddings backfill as jobs; nil: at start.
	backfills BackfillQueue
}

// NewService returns a service.
func NewService(d Deps, cfg Config) *Service {
	if cfg.MinSimilarity <= 0 {
		cfg.MinSimilarity = 0.1
	}
	if cfg.IdempotencyTTL <= 0 {
		cfg.IdempotencyTTL = 24 * time.Hour
	}
	if cfg.AnalysisDuty <= 0 || cfg.AnalysisDuty > 1 {
		cfg.AnalysisDuty = 0.5
	}
	if cfg.AnalysisRoundWork <= 0 {
		cfg.AnalysisRoundWork = 250 * time.Millisecond
	}
	if cfg.ModelSaveEvery <= 0 {
		cfg.ModelSaveEvery = 2 * time.Second
	}
	if cfg.FeedPoll <= 0 {
		cfg.FeedPoll = 150 * time.Millisecond
	}
	if cfg.FeedGapWait <= 0 {
		cfg.FeedGapWait = 10 * time.Second
	}
	if cfg.FeedKeep <= 0 {
		cfg.FeedKeep = time.Hour
	}
	if cfg.BackfillSaveEvery <= 0 {
		cfg.BackfillSaveEvery = 5 * time.Second
	}
	if cfg.EmbeddingsHandoff <= 0 {
		cfg.EmbeddingsHandoff = time.Minute
	}
	if cfg.MaxConversationMessages <= 0 {
		cfg.MaxConversationMessages = DefaultMaxConversationMessages
	}
	if cfg.MaxConversationBytes <= 0 {
		cfg.MaxConversationBytes = DefaultMaxConversationBytes
	}
	if d.Now == nil {
		d.Now = time.Now
	}
	if d.Logger == nil {
		d.Logger = slog.Default()
	}
	if d.Knowledge == nil {
		d.Knowledge = knowledge.New(issuetype.Config{})
	}
	s := &Service{store: d.Store, queue: d.Queue, index: d.Index, know: d.Knowledge, tokens: d.Tokens, busy: d.Activity, cfg: cfg, now: d.Now, logger: d.Logger,
		claimed: map[int64]bool{}, leases: map[int64]bool{}, modelSaved: map[int64]int64{}, modelLoaded: map[int64]int64{}, loadLater: map[int64]int64{},
		unsaved: map[int64]bool{}, savedAt: map[int64]time.Time{}, backfills: d.Backfills}
	if d.Embedder != nil {
		s.vec = newVectors(d.Embedder, cfg.EmbeddingsTimeout)
		s.embedProposals(d.Embedder)
	}
	return s
}

// markForAnalysis makes sure one analysis job is pending for the tenant:
// the first write since the last analysis enqueues it, the rest only set
// their conversation's dirty flag (done by ConversationUpdate).
func (s *Service) markForAnalysis(ctx context.Context, tx store.Tx, tenantID int64) error {
	wasClear, err := tx.TenantMarkAnalysisPending(ctx, tenantID)
	if err != nil || !wasClear {
		return err
	}
	return s.queue.EnqueueAnalysisTx(ctx, tx, tenantID)
}

// enqueueWhateverTheFlag sets the tenant's pending flag and enqueues an
// analysis job whatever the flag said, for a job that may have been lost
// (discarded, or gone with its server); a job too many finds nothing to
// do. It reports whether the flag was clear.
func (s *Service) enqueueWhateverTheFlag(ctx context.Context, tx store.Tx, tenantID int64) (wasClear bool, err error) {
	if wasClear, err = tx.TenantMarkAnalysisPending(ctx, tenantID); err != nil {
		return false, err
	}
	return wasClear, s.queue.EnqueueAnalysisTx(ctx, tx, tenantID)
}

// Purge deletes idempotency records older than the TTL, and changes older
// than FeedKeep from the change feed.
func (s *Service) Purge(ctx context.Context) error {
	if err := s.PruneChanges(ctx); err != nil {
		return err
	}
	return s.store.Write(ctx, func(tx store.Tx) error {
		n, err := tx.IdempotencyDeleteBefore(ctx, s.now().Add(-s.cfg.IdempotencyTTL))
		if n > 0 {
			s.logger.Info("purged idempotency keys", "count", n)
		}
		return err
	})
}
