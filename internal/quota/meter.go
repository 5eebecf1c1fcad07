// Package quota meters each tenant's use against its monthly plan
// (requests, tokens, retrievals) and an optional per-second rate limit.
//
// Counts are kept in memory and flushed to the database every few seconds
// and at shutdown, so that metering adds no write to a read request. A
// crash can forget at most one flush interval of counts; that errs in the
// tenant's favour and is documented. Several servers on one database add
// their counts to the same rows, and each reads the committed total again
// with the plan (Config.QuotaRefresh), so between two reads a tenant can
// exceed its quota by at most what the other servers admitted meanwhile.
package quota

import (
	"context"
	"errors"
	"log/slog"
	"math"
	"sync"
	"time"

	"golang.org/x/time/rate"

	"github.com/fathom-oss/fathom/internal/fathom"
	"github.com/fathom-oss/fathom/internal/store"
)

// Op is the kind of request being admitted.
type Op int

// The operations that count differently.
const (
	OpRead      Op = iota // counts a request
	OpWrite               // counts a request; refused when the token quota is spent
	OpRetrieval           // counts a request and a retrieval
)

// Config sets the per-tenant rate limit; Rate 0 disables it.
type Config struct {
	Rate          float64       // requests per second per tenant
	Burst         int           // default: Rate rounded up
	FlushInterval time.Duration // default 2s
	QuotaRefresh  time.Duration // how often plans are re-read (default 10s)
}

// Status describes the limit closest to biting, for RateLimit-* headers.
// Limit 0 means no limit applies.
type Status struct {
	Limit     int64
	Remaining int64
	Reset     time.Time
}

// Meter admits and counts requests.
type Meter struct {
	store  store.Store
	cfg    Config
	now    func() time.Time
	logger *slog.Logger

	mu      sync.Mutex
	tenants map[int64]*tenantState
}

type tenantState struct {
	mu        sync.Mutex
	period    string
	loaded    bool
	used      store.Usage   // committed plus pending
	pending   store.Usage   // not yet flushed
	earlier   []store.Usage // unflushed counts of past periods
	quota     fathom.Quota
	quotaRead time.Time
	limiter   *rate.Limiter
}

// New returns a meter on st. now may be nil.
func New(st store.Store, cfg Config, now func() time.Time, logger *slog.Logger) *Meter {
	if cfg.Burst <= 0 {
		cfg.Burst = int(math.Ceil(cfg.Rate))
	}
	if cfg.FlushInterval <= 0 {
		cfg.FlushInterval = 2 * time.Second
	}
	if cfg.QuotaRefresh <= 0 {
		cfg.QuotaRefresh = 10 * time.Second
	}
	if now == nil {
		now = time.Now
	}
	if logger == nil {
		logger = slog.Default()
	}
	return &Meter{store: st, cfg: cfg, now: now, logger: logger, tenants: map[int64]*tenantState{}}
}

func period(t time.Time) string { return t.UTC().Format("2006-01") }

func periodEnd(t time.Time) time.Time {
	t = t.UTC()
	return time.Date(t.Year(), t.Month()+1, 1, 0, 0, 0, 0, time.UTC)
}

func (m *Meter) state(tenantID int64) *tenantState {
	m.mu.Lock()
	defer m.mu.Unlock()
	st, ok := m.tenants[tenantID]
	if !ok {
		st = &tenantState{}
		if m.cfg.Rate > 0 {
			st.limiter = rate.NewLimiter(rate.Limit(m.cfg.Rate), m.cfg.Burst)
		}
		m.tenants[tenantID] = st
	}
	return st
}

// sync loads the period's committed usage and refreshes the plan; st.mu held.
//
// The committed usage is read again with the plan, every QuotaRefresh:
// other servers on the same database flush their counts too, and a tenant
// must not get its quota once per server. Between two reads a server
// counts only its own requests.
func (m *Meter) sync(ctx context.Context, tenantID int64, st *tenantState, now time.Time) error {
	if p := period(now); st.period != p {
		if st.pending.Requests+st.pending.Tokens+st.pending.Retrievals > 0 {
			st.earlier = append(st.earlier, st.pending)
		}
		st.period, st.loaded = p, false
		st.pending = store.Usage{TenantID: tenantID, Period: p}
		st.used = store.Usage{TenantID: tenantID, Period: p}
	}
	refresh := now.Sub(st.quotaRead) > m.cfg.QuotaRefresh
	if !st.loaded || refresh {
		u, err := m.store.UsageGet(ctx, tenantID, st.period)
		if errors.Is(err, store.ErrNotFound) {
			u, err = &store.Usage{TenantID: tenantID, Period: st.period}, nil
		}
		if err != nil {
			return err
		}
		// Committed plus what is not flushed yet; but never less than
		// counted here, since a flush under way is in neither.
		st.used.Requests = max(st.used.Requests, u.Requests+st.pending.Requests)
		st.used.Tokens = max(st.used.Tokens, u.Tokens+st.pending.Tokens)
		st.used.Retrievals = max(st.used.Retrievals, u.Retrievals+st.pending.Retrievals)
		st.loaded = true
	}
	if refresh {
		t, err := m.store.TenantGet(ctx, tenantID)
		if err != nil {
			return err
		}
		st.quota, st.quotaRead = t.Quota, now
	}
	return nil
}

// Admit checks the tenant's limits for op and, if it is allowed, counts it.
// A refusal is a *fathom.QuotaError.
func (m *Meter) Admit(ctx context.Context, tenantID int64, op Op) (Status, error) {
	now := m.now()
	st := m.state(tenantID)
	st.mu.Lock()
	defer st.mu.Unlock()
	if err := m.sync(ctx, tenantID, st, now); err != nil {
		return Status{}, err
	}
	reset := periodEnd(now)
	over := func(l fathom.Limit, used, quota int64) error {
		return &fathom.QuotaError{Limit: l, Used: used, Quota: quota, ResetAt: reset, RetryAfter: reset.Sub(now)}
	}
	if q := st.quota.Requests; q > 0 && st.used.Requests >= q {
		return Status{Limit: q, Reset: reset}, over(fathom.LimitRequests, st.used.Requests, q)
	}
	if q := st.quota.Retrievals; op == OpRetrieval && q > 0 && st.used.Retrievals >= q {
		return Status{}, over(fathom.LimitRetrievals, st.used.Retrievals, q)
	}
	if q := st.quota.Tokens; op == OpWrite && q > 0 && st.used.Tokens >= q {
		return Status{}, over(fathom.LimitTokens, st.used.Tokens, q)
	}
	if st.limiter != nil {
		r := st.limiter.ReserveN(now, 1)
		if d := r.DelayFrom(now); d > 0 {
			r.CancelAt(now)
			return Status{Limit: int64(m.cfg.Burst), Remaining: 0, Reset: now.Add(d)},
				&fathom.QuotaError{Limit: fathom.LimitRate, Used: int64(m.cfg.Burst), Quota: int64(math.Ceil(m.cfg.Rate)),
					ResetAt: now.Add(d), RetryAfter: d}
		}
	}
	st.used.Requests++
	st.pending.Requests++
	if op == OpRetrieval {
		st.used.Retrievals++
		st.pending.Retrievals++
	}
	return m.status(st, now, reset), nil
}

// status reports the tighter of the rate limit and the monthly request quota.
func (m *Meter) status(st *tenantState, now, reset time.Time) Status {
	var s Status
	if q := st.quota.Requests; q > 0 {
		s = Status{Limit: q, Remaining: max(0, q-st.used.Requests), Reset: reset}
	}
	if st.limiter != nil {
		tokens := st.limiter.TokensAt(now)
		r := Status{Limit: int64(m.cfg.Burst), Remaining: int64(max(0, math.Floor(tokens))),
			Reset: now.Add(time.Duration((float64(m.cfg.Burst) - tokens) / m.cfg.Rate * float64(time.Second)))}
		if s.Limit == 0 || r.Remaining < s.Remaining {
			s = r
		}
	}
	return s
}

// LimitsTokens reports whether the tenant's plan has a token quota; only
// then are tokens counted.
func (m *Meter) LimitsTokens(ctx context.Context, tenantID int64) bool {
	st := m.state(tenantID)
	st.mu.Lock()
	defer st.mu.Unlock()
	if err := m.sync(ctx, tenantID, st, m.now()); err != nil {
		m.logger.Warn("read token quota", "tenant", tenantID, "err", err)
		return true
	}
	return st.quota.Tokens > 0
}

// AddTokens counts text tokens processed by analysis.
func (m *Meter) AddTokens(ctx context.Context, tenantID, n int64) {
	if n <= 0 {
		return
	}
	st := m.state(tenantID)
	st.mu.Lock()
	defer st.mu.Unlock()
	if err := m.sync(ctx, tenantID, st, m.now()); err != nil {
		m.logger.Warn("meter tokens", "tenant", tenantID, "err", err)
	}
	st.used.Tokens += n
	st.pending.Tokens += n
}

// Flush writes pending counts to the database.
func (m *Meter) Flush(ctx context.Context) error {
	m.mu.Lock()
	states := make(map[int64]*tenantState, len(m.tenants))
	for id, st := range m.tenants {
		states[id] = st
	}
	m.mu.Unlock()
	var adds []store.UsageAddParams
	for id, st := range states {
		st.mu.Lock()
		for _, p := range append(st.earlier, st.pending) {
			if p.Requests+p.Tokens+p.Retrievals > 0 {
				adds = append(adds, store.UsageAddParams{TenantID: id, Period: p.Period,
					Requests: p.Requests, Tokens: p.Tokens, Retrievals: p.Retrievals})
			}
		}
		st.earlier, st.pending = nil, store.Usage{TenantID: id, Period: st.pending.Period}
		st.mu.Unlock()
	}
	if len(adds) == 0 {
		return nil
	}
	return m.store.Write(ctx, func(tx store.Tx) error {
		for i := range adds {
			if err := tx.UsageAdd(ctx, &adds[i]); err != nil {
				return err
			}
		}
		return nil
	})
}

// Run flushes every FlushInterval until ctx ends, then flushes once more.
func (m *Meter) Run(ctx context.Context) {
	t := time.NewTicker(m.cfg.FlushInterval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			if err := m.Flush(context.WithoutCancel(ctx)); err != nil {
				m.logger.Error("flush usage", "err", err)
			}
			return
		case <-t.C:
			if err := m.Flush(ctx); err != nil {
				m.logger.Error("flush usage", "err", err)
			}
		}
	}
}
