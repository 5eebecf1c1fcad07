package quota_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"sync"
	"testing"
	"time"

	"github.com/fathom-oss/fathom/internal/fathom"
	"github.com/fathom-oss/fathom/internal/quota"
	"github.com/fathom-oss/fathom/internal/store"
	"github.com/fathom-oss/fathom/internal/store/sqlite"
	"github.com/fathom-oss/fathom/internal/store/sqlite/sqlitetest"
)

// clock is a controllable time source.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time          { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) set(t time.Time)         { c.mu.Lock(); c.t = t; c.mu.Unlock() }
func (c *clock) advance(d time.Duration) { c.set(c.now().Add(d)) }

var march15 = time.Date(2026, 3, 15, 10, 0, 0, 0, time.UTC)
var april1 = time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC)

func openDB(t *testing.T) *sqlite.DB { return sqlitetest.Open(t, t.TempDir()) }

func newTenant(t *testing.T, db store.Store, name string, q fathom.Quota) int64 {
	t.Helper()
	ctx := context.Background()
	var id int64
	err := db.Write(ctx, func(tx store.Tx) error {
		tn, err := tx.TenantCreate(ctx, &store.TenantCreateParams{Name: name, CreatedAt: march15})
		if err != nil {
			return err
		}
		id = tn.ID
		return tx.TenantSetQuota(ctx, tn.ID, q)
	})
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func newMeter(db store.Store, cfg quota.Config, c *clock) *quota.Meter {
	return quota.New(db, cfg, c.now, slog.New(slog.NewTextHandler(io.Discard, nil)))
}

func quotaErr(t *testing.T, err error) *fathom.QuotaError {
	t.Helper()
	var qe *fathom.QuotaError
	if !errors.As(err, &qe) {
		t.Fatalf("err = %v, want *fathom.QuotaError", err)
	}
	if fathom.ErrorCode(err) != fathom.ERATELIMIT {
		t.Errorf("ErrorCode = %q, want %q", fathom.ErrorCode(err), fathom.ERATELIMIT)
	}
	return qe
}

func admitN(t *testing.T, m *quota.Meter, tenantID int64, op quota.Op, n int) {
	t.Helper()
	for i := range n {
		if _, err := m.Admit(context.Background(), tenantID, op); err != nil {
			t.Fatalf("call %d: %v", i+1, err)
		}
	}
}

func usage(t *testing.T, db store.Store, tenantID int64, period string) store.Usage {
	t.Helper()
	u, err := db.UsageGet(context.Background(), tenantID, period)
	if errors.Is(err, store.ErrNotFound) {
		return store.Usage{TenantID: tenantID, Period: period}
	}
	if err != nil {
		t.Fatal(err)
	}
	return *u
}

func TestRequestsQuota(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		now   time.Time
		reset time.Time
	}{
		{"mid-month", march15, april1},
		{"last second of year", time.Date(2026, 12, 31, 23, 59, 59, 0, time.UTC), time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)},
		// 22:00 on 31 March at UTC-5 is already April in UTC.
		{"non-UTC clock", time.Date(2026, 3, 31, 22, 0, 0, 0, time.FixedZone("EST", -5*3600)), time.Date(2026, 5, 1, 0, 0, 0, 0, time.UTC)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			db := openDB(t)
			id := newTenant(t, db, "acme", fathom.Quota{Requests: 3})
			m := newMeter(db, quota.Config{}, &clock{t: tt.now})
			for i := int64(1); i <= 3; i++ {
				st, err := m.Admit(context.Background(), id, quota.OpRead)
				if err != nil {
					t.Fatalf("call %d: %v", i, err)
				}
				if want := (quota.Status{Limit: 3, Remaining: 3 - i, Reset: tt.reset}); st != want {
					t.Errorf("call %d: status = %+v, want %+v", i, st, want)
				}
			}
			st, err := m.Admit(context.Background(), id, quota.OpRead)
			qe := quotaErr(t, err)
			want := fathom.QuotaError{Limit: fathom.LimitRequests, Used: 3, Quota: 3, ResetAt: tt.reset, RetryAfter: tt.reset.Sub(tt.now)}
			if *qe != want {
				t.Errorf("QuotaError = %+v, want %+v", *qe, want)
			}
			if !qe.ResetAt.Equal(tt.reset) || qe.ResetAt.Location() != time.UTC {
				t.Errorf("ResetAt = %v, want %v in UTC", qe.ResetAt, tt.reset)
			}
			if st.Limit != 3 || st.Remaining != 0 || !st.Reset.Equal(tt.reset) {
				t.Errorf("refusal status = %+v", st)
			}
		})
	}
}

func TestRetrievalsCountedOnlyForRetrievals(t *testing.T) {
	t.Parallel()
	db := openDB(t)
	id := newTenant(t, db, "acme", fathom.Quota{Retrievals: 2})
	m := newMeter(db, quota.Config{}, &clock{t: march15})
	admitN(t, m, id, quota.OpRead, 5)
	admitN(t, m, id, quota.OpWrite, 2)
	admitN(t, m, id, quota.OpRetrieval, 2)
	_, err := m.Admit(context.Background(), id, quota.OpRetrieval)
	qe := quotaErr(t, err)
	if qe.Limit != fathom.LimitRetrievals || qe.Used != 2 || qe.Quota != 2 || !qe.ResetAt.Equal(april1) {
		t.Errorf("QuotaError = %+v", *qe)
	}
	admitN(t, m, id, quota.OpRead, 1) // other operations still pass
	if err := m.Flush(context.Background()); err != nil {
		t.Fatal(err)
	}
	if got, want := usage(t, db, id, "2026-03"), (store.Usage{TenantID: id, Period: "2026-03", Requests: 10, Retrievals: 2}); got != want {
		t.Errorf("usage = %+v, want %+v (refused calls not counted)", got, want)
	}
}

func TestTokensQuota(t *testing.T) {
	t.Parallel()
	tests := []struct {
		tokens      int64
		refuseWrite bool
	}{{9, false}, {10, true}, {25, true}}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("tokens=%d", tt.tokens), func(t *testing.T) {
			t.Parallel()
			db := openDB(t)
			id := newTenant(t, db, "acme", fathom.Quota{Tokens: 10})
			m := newMeter(db, quota.Config{}, &clock{t: march15})
			ctx := context.Background()
			if !m.LimitsTokens(ctx, id) {
				t.Error("LimitsTokens = false for a plan with a token quota")
			}
			m.AddTokens(ctx, id, tt.tokens)
			m.AddTokens(ctx, id, -5) // ignored
			_, err := m.Admit(ctx, id, quota.OpWrite)
			if !tt.refuseWrite {
				if err != nil {
					t.Fatalf("write after %d tokens: %v", tt.tokens, err)
				}
			} else {
				qe := quotaErr(t, err)
				if qe.Limit != fathom.LimitTokens || qe.Used != tt.tokens || qe.Quota != 10 {
					t.Errorf("QuotaError = %+v", *qe)
				}
			}
			admitN(t, m, id, quota.OpRead, 1)
			admitN(t, m, id, quota.OpRetrieval, 1)
		})
	}
	db := openDB(t)
	id := newTenant(t, db, "free", fathom.Quota{})
	if newMeter(db, quota.Config{}, &clock{t: march15}).LimitsTokens(context.Background(), id) {
		t.Error("LimitsTokens = true for a plan without a token quota")
	}
}

func TestFlushPersistsAndNewMeterContinues(t *testing.T) {
	t.Parallel()
	db := openDB(t)
	id := newTenant(t, db, "acme", fathom.Quota{Requests: 5})
	ctx := context.Background()
	m := newMeter(db, quota.Config{}, &clock{t: march15})
	admitN(t, m, id, quota.OpRead, 2)
	admitN(t, m, id, quota.OpRetrieval, 1)
	m.AddTokens(ctx, id, 7)
	for range 2 { // a second flush has nothing left to add
		if err := m.Flush(ctx); err != nil {
			t.Fatal(err)
		}
	}
	if got, want := usage(t, db, id, "2026-03"), (store.Usage{TenantID: id, Period: "2026-03", Requests: 3, Tokens: 7, Retrievals: 1}); got != want {
		t.Fatalf("usage = %+v, want %+v", got, want)
	}
	m2 := newMeter(db, quota.Config{}, &clock{t: march15.Add(time.Hour)})
	st, err := m2.Admit(ctx, id, quota.OpRead)
	if err != nil || st.Remaining != 1 {
		t.Fatalf("new meter: status %+v, err %v; want remaining 1", st, err)
	}
	admitN(t, m2, id, quota.OpRead, 1)
	_, err = m2.Admit(ctx, id, quota.OpRead)
	if qe := quotaErr(t, err); qe.Used != 5 {
		t.Errorf("Used = %d, want 5", qe.Used)
	}
	if err := m2.Flush(ctx); err != nil {
		t.Fatal(err)
	}
	if got := usage(t, db, id, "2026-03"); got.Requests != 5 || got.Tokens != 7 {
		t.Errorf("usage after second meter = %+v, want 5 requests, 7 tokens", got)
	}
}

func TestMonthRolloverResets(t *testing.T) {
	t.Parallel()
	db := openDB(t)
	id := newTenant(t, db, "acme", fathom.Quota{Requests: 2})
	c := &clock{t: time.Date(2026, 3, 31, 23, 59, 59, 0, time.UTC)}
	m := newMeter(db, quota.Config{}, c)
	ctx := context.Background()
	admitN(t, m, id, quota.OpRead, 2)
	if err := m.Flush(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := m.Admit(ctx, id, quota.OpRead); quotaErr(t, err).Limit != fathom.LimitRequests {
		t.Fatal("third call in March not refused for requests")
	}
	c.set(april1)
	st, err := m.Admit(ctx, id, quota.OpRead)
	if err != nil {
		t.Fatalf("first call in April: %v", err)
	}
	if want := (quota.Status{Limit: 2, Remaining: 1, Reset: time.Date(2026, 5, 1, 0, 0, 0, 0, time.UTC)}); st != want {
		t.Errorf("status = %+v, want %+v", st, want)
	}
	if err := m.Flush(ctx); err != nil {
		t.Fatal(err)
	}
	if mar, apr := usage(t, db, id, "2026-03"), usage(t, db, id, "2026-04"); mar.Requests != 2 || apr.Requests != 1 {
		t.Errorf("usage March %d, April %d; want 2 and 1", mar.Requests, apr.Requests)
	}
}

// Counts made in the last moments of a month, not yet flushed when the
// month rolls over, belong to that month and must still be written.
func TestMonthRolloverKeepsUnflushedCounts(t *testing.T) {
	t.Parallel()
	db := openDB(t)
	id := newTenant(t, db, "acme", fathom.Quota{})
	c := &clock{t: time.Date(2026, 3, 31, 23, 59, 59, 0, time.UTC)}
	m := newMeter(db, quota.Config{}, c)
	admitN(t, m, id, quota.OpRetrieval, 2)
	c.set(april1)
	admitN(t, m, id, quota.OpRead, 1)
	if err := m.Flush(context.Background()); err != nil {
		t.Fatal(err)
	}
	if mar := usage(t, db, id, "2026-03"); mar.Requests != 2 || mar.Retrievals != 2 {
		t.Errorf("March usage = %+v, want 2 requests and 2 retrievals", mar)
	}
	if apr := usage(t, db, id, "2026-04"); apr.Requests != 1 {
		t.Errorf("April usage = %+v, want 1 request", apr)
	}
}

// TestServersShareTheQuota: two servers on one database each meter their
// own requests, and each sees the other's flushed counts once it reads the
// plan again, so the tenant does not get its quota once per server.
func TestServersShareTheQuota(t *testing.T) {
	t.Parallel()
	db := openDB(t)
	id := newTenant(t, db, "acme", fathom.Quota{Requests: 5})
	ctx := context.Background()
	ca, cb := &clock{t: march15}, &clock{t: march15}
	a, b := newMeter(db, quota.Config{}, ca), newMeter(db, quota.Config{}, cb)
	admitN(t, b, id, quota.OpRead, 1)
	admitN(t, a, id, quota.OpRead, 3)
	if err := a.Flush(ctx); err != nil {
		t.Fatal(err)
	}
	admitN(t, b, id, quota.OpRead, 1) // before the refresh: b knows only its own
	cb.advance(11 * time.Second)      // past the default QuotaRefresh
	_, err := b.Admit(ctx, id, quota.OpRead)
	if qe := quotaErr(t, err); qe.Used != 5 {
		t.Fatalf("Used = %d, want 5 (3 flushed by the other server, 2 here)", qe.Used)
	}
	if err := b.Flush(ctx); err != nil {
		t.Fatal(err)
	}
	if got := usage(t, db, id, "2026-03"); got.Requests != 5 {
		t.Fatalf("stored requests = %d, want 5", got.Requests)
	}
}
