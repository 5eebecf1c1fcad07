// Package app wires the server together from its parts: database, job
// queue, services, APIs and HTTP server. It is what `fathom serve` runs and
// what end-to-end tests start on a free port with a temporary data
// directory. It holds no rules of its own.
package app

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"runtime/debug"
	"sync"
	"time"

	"github.com/fathom-oss/fathom/internal/config"
	"github.com/fathom-oss/fathom/internal/contextapi"
	"github.com/fathom-oss/fathom/internal/conversation"
	"github.com/fathom-oss/fathom/internal/fathom"
	"github.com/fathom-oss/fathom/internal/fathomapi"
	"github.com/fathom-oss/fathom/internal/gatewayapi"
	"github.com/fathom-oss/fathom/internal/health"
	"github.com/fathom-oss/fathom/internal/job"
	"github.com/fathom-oss/fathom/internal/knowledge"
	"github.com/fathom-oss/fathom/internal/knowledge/issuetype"
	"github.com/fathom-oss/fathom/internal/media"
	"github.com/fathom-oss/fathom/internal/meeting"
	"github.com/fathom-oss/fathom/internal/metrics"
	"github.com/fathom-oss/fathom/internal/oauth"
	"github.com/fathom-oss/fathom/internal/oauthapi"
	"github.com/fathom-oss/fathom/internal/openapi"
	"github.com/fathom-oss/fathom/internal/quota"
	"github.com/fathom-oss/fathom/internal/search"
	"github.com/fathom-oss/fathom/internal/server"
	"github.com/fathom-oss/fathom/internal/store"
	"github.com/fathom-oss/fathom/internal/store/sqlite"
	"github.com/fathom-oss/fathom/internal/tenant"
	"github.com/fathom-oss/fathom/internal/webhook"
)

// App is a running server.
type App struct {
	cfg    config.Config
	logger *slog.Logger
	out    io.Writer // where the first key is printed

	// DB is the storage contract; db is the same database with its
	// engine's parts (the queue's engine, its name for logs).
	DB            store.Store
	db            *Database
	Queue         *job.Queue
	Tenants       *tenant.Service
	Conversations *conversation.Service
	Knowledge     *knowledge.Engine
	Meter         *quota.Meter
	Meetings      *meeting.Service
	OAuth         *oauth.Service
	server        *server.Server
	health        *health.Monitor
	catalog       *search.Catalog // the similarity indexes, sized by metrics

	metrics         *metrics.Registry
	metricsServer   *http.Server // --metrics-addr's listener (nil: none)
	metricsListener net.Listener

	stopMeter  context.CancelFunc
	meterDone  chan struct{}
	stopFollow context.CancelFunc
	followDone chan struct{}
	indexSaved chan struct{} // closed when the save after the start is done
	serveErr   chan error
	closeOnce  sync.Once

	// lock is the claim on a SQLite database, held while serving (nil on
	// PostgreSQL, where servers share the database).
	lock *sqlite.ServerLock

	// secret is the server's secret key, loaded once by Open for the APIs
	// that seal or sign with it or with keys derived from it.
	secret []byte
}

// New returns an unstarted app.
func New(cfg config.Config, logger *slog.Logger, out io.Writer) *App {
	return &App{cfg: cfg, logger: logger, out: out}
}

// Open starts everything; the server is listening when it returns. When it
// fails, whatever it had started is stopped again, last started first: no
// goroutine, listener, file or lock outlives a failed Open, and Close is
// then a no-op.
func (a *App) Open(ctx context.Context) (err error) {
	if err := a.cfg.Validate(); err != nil {
		return err
	}
	if a.cfg.MemoryLimit > 0 {
		// The process is this server: the limit is the runtime's, as
		// GOMEMLIMIT would set it.
		debug.SetMemoryLimit(a.cfg.MemoryLimit)
	}
	var undo []func()
	started := func(stop func()) { undo = append(undo, stop) }
	defer func() {
		if err == nil {
			return
		}
		for i := len(undo) - 1; i >= 0; i-- {
			undo[i]()
		}
		a.closeOnce.Do(func() {}) // nothing left for Close to stop
	}()
	if a.cfg.Engine() == config.EngineSQLite {
		if a.lock, err = lockServe(a.cfg); err != nil {
			return err
		}
		started(func() { _ = a.lock.Release() })
	}
	if a.db, err = openDB(ctx, a.cfg, a.cfg.AutoMigrate, a.lock); err != nil {
		return err
	}
	a.health = a.openHealth()
	a.DB = health.Watch(a.db, a.health)
	started(func() { _ = a.DB.Close() })
	a.Tenants = tenant.NewService(a.DB, nil)
	if a.lock != nil {
		// This process alone runs the database's jobs: those still
		// running were cut off when the last server died.
		n, err := job.RequeueOrphans(ctx, a.db.Jobs)
		if err != nil {
			return err
		}
		if n > 0 {
			a.logger.Info("jobs interrupted by the last stop run again", "jobs", n)
		}
	}
	if a.Queue, err = job.New(a.db.Jobs, job.Config{Workers: a.cfg.Workers, Logger: a.logger, Pause: a.health.Paused,
		Failing: a.health.Failing}); err != nil {
		return err
	}
	a.Meter = quota.New(a.DB, quota.Config{Rate: a.cfg.RateLimit, Burst: a.cfg.RateBurst}, nil, a.logger)
	a.Knowledge = knowledge.New(issuetype.Config{})
	trusted, _ := a.cfg.TrustedProxyPrefixes() // checked by Validate
	a.metrics, a.catalog = a.newMetrics(), search.NewCatalog()
	a.server = server.New(server.Config{ReadTimeout: a.cfg.ReadTimeout, WriteTimeout: a.cfg.WriteTimeout,
		IdleTimeout: a.cfg.IdleTimeout, ShutdownTimeout: a.cfg.ShutdownTimeout, Database: a.db.Engine,
		TrustedProxies: trusted, AddressRateLimit: a.cfg.AddressRateLimit, AddressRateBurst: a.cfg.AddressRateBurst,
		Background: a.health.Paused, Observe: a.metrics.ObserveRequest}, a.logger, a.ready)
	emb, err := a.embedder()
	if err != nil {
		return err
	}
	a.Conversations = conversation.NewService(conversation.Deps{Store: a.DB, Queue: a.Queue, Index: a.catalog,
		Knowledge: a.Knowledge, Tokens: a.Meter, Activity: a.server, Logger: a.logger, Embedder: emb, Backfills: a.Queue},
		conversation.Config{MinSimilarity: a.cfg.MinSimilarity, IdempotencyTTL: a.cfg.IdempotencyTTL, AnalysisDuty: a.cfg.AnalysisDuty,
			Server: a.serverName(), FeedPoll: a.cfg.FeedPoll,
			MaxConversationMessages: a.cfg.MaxConversationMessages, MaxConversationBytes: a.cfg.MaxConversationBytes,
			EmbeddingsTimeout: a.cfg.EmbeddingsTimeout, IssueTypesByMeaning: a.cfg.IssueTypesByMeaning,
			SolutionMeaningWeight: a.cfg.SolutionMeaningWeight})
	a.Queue.SetAnalyzer(a.Conversations)
	a.Queue.SetPurger(a.Conversations)
	a.Queue.SetBackfiller(a.Conversations)

	if err := a.load(ctx); err != nil {
		return err
	}
	// What the start indexed from text (all of it on a database saved by
	// older code) is saved now, in the background, so the next start and
	// the stop need not.
	a.indexSaved = make(chan struct{})
	go func() {
		defer close(a.indexSaved)
		if err := a.Conversations.SaveIndex(context.WithoutCancel(ctx)); err != nil {
			a.logger.Warn("search index not saved", "err", err)
		}
	}()
	started(func() { <-a.indexSaved })

	meterCtx, stop := context.WithCancel(context.WithoutCancel(ctx))
	a.stopMeter, a.meterDone = stop, make(chan struct{})
	go func() { defer close(a.meterDone); a.Meter.Run(meterCtx) }()
	started(func() { stop(); <-a.meterDone })
	followCtx, stopFollow := context.WithCancel(context.WithoutCancel(ctx))
	a.stopFollow, a.followDone = stopFollow, make(chan struct{})
	go func() {
		defer close(a.followDone)
		embedded := make(chan struct{})
		go func() { defer close(embedded); a.Conversations.RunEmbeddings(followCtx) }()
		a.Conversations.Follow(followCtx)
		<-embedded
	}()
	started(func() { stopFollow(); <-a.followDone })

	// Listen before the meetings API is made: its links need the address.
	if err := a.server.Listen(a.cfg.Addr); err != nil {
		return fmt.Errorf("--addr %s: %w", a.cfg.Addr, err)
	}
	started(func() { _ = a.server.CloseListener() })
	if a.lock != nil {
		if err := a.lock.SetAddr(a.Addr()); err != nil {
			return err
		}
	}
	openapi.Register(a.server.Mux())
	// The server's own errors (a refused address, a panic) in each API's format.
	a.server.SetErrorWriter("/external/v1/", fathomapi.WriteError)
	a.server.SetErrorWriter("/external/v1/oauth2/", oauthapi.WriteError)
	for _, prefix := range []string{"/connections", "/connect", "/fathom/"} {
		a.server.SetErrorWriter(prefix, gatewayapi.WriteError)
	}
	contextapi.New(a.Conversations, a.Tenants, a.Meter, a.cfg.MaxBodyBytes, a.logger).Register(a.server.Mux())
	if a.secret, err = a.loadSecretKey(); err != nil {
		return err
	}
	for _, open := range []func() error{a.openOAuth, a.openMeetings, a.openGateway, a.openWeb} {
		if err := open(); err != nil {
			return err
		}
	}
	if err := a.serveMetrics(); err != nil {
		return err
	}
	started(func() { _ = a.closeMetrics(context.WithoutCancel(ctx)) })
	if err := a.Queue.Start(context.WithoutCancel(ctx)); err != nil {
		return err
	}
	started(func() { _ = a.Queue.Stop(context.WithoutCancel(ctx)) })
	if a.cfg.BootstrapKey {
		if err := a.bootstrap(ctx); err != nil {
			return err
		}
	}
	a.serveErr = make(chan error, 1)
	go func() { a.serveErr <- a.server.Serve() }()
	a.logger.Info("fathom listening", "addr", a.Addr(), "database", a.db.Engine, "data", a.db.Location, "workers", a.cfg.Workers)
	if limit := debug.SetMemoryLimit(-1); limit != math.MaxInt64 {
		a.logger.Info("memory limit", "bytes", limit)
	}
	return nil
}

// openHealth follows the storage: write failures on either engine, and on
// SQLite the free space of the database's file system against
// --min-free-disk, with a file written there as the probe that ends an
// incident when no client writes. On PostgreSQL the probe is an empty
// write transaction (it fails while the connection is lost).
func (a *App) openHealth() *health.Monitor {
	hc := health.Config{Logger: a.logger}
	if a.db.Engine == config.EngineSQLite {
		hc.Dir, hc.MinFree = filepath.Dir(a.cfg.SQLiteFile()), a.cfg.MinFreeDisk
		hc.Probe = health.FileProbe(hc.Dir)
	} else {
		hc.Probe = func(ctx context.Context) error {
			return a.db.Write(ctx, func(store.Tx) error { return nil })
		}
	}
	return health.New(hc)
}

// ready is /readyz's check and fathom_ready's: the server is not shutting
// down, writes are not known to fail and the database answers a read.
func (a *App) ready(ctx context.Context) error {
	if a.server != nil && a.server.Stopping() {
		return fathom.Errorf(fathom.EUNAVAILABLE, "the server is shutting down")
	}
	if err := a.health.Ready(ctx); err != nil {
		return err
	}
	_, err := a.DB.APIKeyCount(ctx)
	return a.cfg.RedactError(err)
}

// load rebuilds the in-memory state from the database: the search index and
// the knowledge engine, side by side since they read different tables, and
// the term associations learned from both.
func (a *App) load(ctx context.Context) error {
	start := time.Now()
	// Before reading anything: the changes other servers commit from now
	// on are applied on top of what the load reads.
	if err := a.Conversations.OpenFeed(ctx); err != nil {
		return fmt.Errorf("change feed: %w", err)
	}
	indexed := make(chan error, 1)
	loaded := 0 // conversations indexed; read after indexed is received
	go func() {
		n, err := a.Conversations.RebuildIndex(ctx)
		loaded = n
		if err == nil {
			a.logger.Info("search index loaded", "conversations", n, "duration", time.Since(start).Round(time.Millisecond))
		}
		indexed <- err
	}()
	// The term associations are learned as soon as the index and the
	// issue types are in, beside the recount of the knowledge.
	err := a.Conversations.RecoverBesideIndex(ctx, indexed)
	if err == nil {
		a.logger.Info("knowledge loaded", "duration", time.Since(start).Round(time.Millisecond))
		a.Conversations.ReleaseLoadMemory(loaded)
	}
	return err
}

// serverName is the server's name in the change feed, "" when it is alone
// on its database (SQLite). The default is new at every start, so that two
// servers never share a name by accident (each skips its own changes).
func (a *App) serverName() string {
	if !a.cfg.SharedDatabase() {
		return ""
	}
	if a.cfg.ServerName != "" {
		return a.cfg.ServerName
	}
	host, _ := os.Hostname()
	b := make([]byte, 4)
	_, _ = rand.Read(b)
	return fmt.Sprintf("%s:%d:%s", host, os.Getpid(), hex.EncodeToString(b))
}

// webhookUserAgent identifies the server's deliveries.
const webhookUserAgent = "fathom-oss-webhooks/1"

// openMeetings wires the meetings API: service, renderer, job workers and
// routes.
func (a *App) openMeetings() error {
	dir, err := media.Open(a.cfg.MediaPath(), a.cfg.MediaMaxBytes)
	if err != nil {
		return err
	}
	if err := a.sweepMedia(dir); err != nil {
		return err
	}
	urlKey := a.derivedKey("fathom recording download links") // links made by one server are served by any
	model, err := a.summariser()
	if err != nil {
		return err
	}
	links := meeting.Links{Base: a.cfg.BaseURL(a.Addr())}
	render := fathomapi.NewRenderer(links)
	a.Meetings = meeting.NewService(meeting.Deps{Store: a.DB, Queue: a.Queue, Renderer: render,
		Sender:  webhook.NewSender(webhook.Guard{AllowPrivate: a.cfg.AllowPrivateTargets}, webhookUserAgent),
		Learner: a.Conversations, Logger: a.logger, Media: dir, Summariser: model}, meeting.Config{Links: links, AllowPrivateTargets: a.cfg.AllowPrivateTargets, URLKey: urlKey})
	a.Queue.SetMeetings(a.Meetings)
	fathomapi.New(a.Meetings, render, a.Tenants, fathomapi.Config{RateLimit: a.cfg.MeetingsRateLimit,
		HeavyRateLimit: a.cfg.MeetingsHeavyRateLimit, DownloadRateLimit: a.cfg.MeetingsDownloadRateLimit,
		MaxBodyBytes: a.cfg.MeetingsMaxBodyBytes, HeavyUploads: a.cfg.MeetingsHeavyUploads, Tokens: a.OAuth},
		a.logger).Register(a.server.Mux())
	return nil
}

func (a *App) bootstrap(ctx context.Context) error {
	k, err := a.Tenants.Bootstrap(ctx)
	if err != nil || k == nil {
		return err
	}
	fmt.Fprintf(a.out, `
Fathom created a first API key for tenant %q (shown only this once; keep it):

    %s

Try it:

    curl -sS http://%s/api/v1/context/track \
      -H 'X-API-Key: %s' -H 'Content-Type: application/json' \
      -d '{"conversationId":"conv-001","messages":[{"role":"user","content":"My payment is being declined"}]}'

`, tenant.DefaultTenant, k.Secret, a.Addr(), k.Secret)
	return nil
}

// Addr is the address the server listens on.
func (a *App) Addr() string { return a.server.Addr().String() }

// Wait returns when the server stops serving on its own (an error).
func (a *App) Wait() <-chan error { return a.serveErr }

// Close shuts down gracefully: no new requests, in-flight requests
// finished, running jobs finished (or cancelled and left for the next
// start at ctx's deadline), usage flushed, database closed.
func (a *App) Close(ctx context.Context) error {
	var errs []error
	a.closeOnce.Do(func() {
		// Each step's duration is logged: a slow stop says which part held it.
		var steps []any
		step := func(name string, f func() error) {
			start := time.Now()
			if err := f(); err != nil {
				errs = append(errs, err)
			}
			steps = append(steps, name, time.Since(start).Round(time.Millisecond))
		}
		if a.server != nil {
			step("http", func() error { return a.server.Shutdown(ctx) })
		}
		if a.metricsServer != nil {
			step("metrics", func() error { return a.closeMetrics(ctx) })
		}
		if a.Queue != nil {
			step("jobs", func() error { return a.Queue.Stop(ctx) })
		}
		if a.stopFollow != nil {
			step("follow", func() error { a.stopFollow(); <-a.followDone; return nil })
		}
		if a.Conversations != nil {
			step("save_models", func() error { return a.Conversations.SaveModels(ctx) })
			step("save_index", func() error {
				if a.indexSaved != nil {
					<-a.indexSaved
				}
				return a.Conversations.SaveIndex(ctx)
			})
		}
		if a.stopMeter != nil {
			step("meter", func() error { a.stopMeter(); <-a.meterDone; return nil })
		}
		if a.DB != nil {
			step("database", a.DB.Close)
		}
		errs = append(errs, a.lock.Release())
		a.logger.Info("closed", steps...)
	})
	return errors.Join(errs...)
}

// Routes lists the patterns of every route the server registered, sorted;
// it is valid once Open has returned.
func (a *App) Routes() []string { return a.server.Routes() }
