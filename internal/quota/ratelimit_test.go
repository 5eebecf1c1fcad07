package quota_test

import (
	"context"
	"testing"
	"time"

	"github.com/fathom-oss/fathom/internal/fathom"
	"github.com/fathom-oss/fathom/internal/quota"
)

func TestRateLimit(t *testing.T) {
	t.Parallel()
	db := openDB(t)
	id := newTenant(t, db, "acme", fathom.Quota{})
	other := newTenant(t, db, "other", fathom.Quota{})
	c := &clock{t: march15}
	m := newMeter(db, quota.Config{Rate: 2, Burst: 2}, c)
	ctx := context.Background()
	for i, remaining := range []int64{1, 0} {
		st, err := m.Admit(ctx, id, quota.OpRead)
		if err != nil {
			t.Fatalf("call %d: %v", i+1, err)
		}
		if st.Limit != 2 || st.Remaining != remaining {
			t.Errorf("call %d: status %+v, want limit 2 remaining %d", i+1, st, remaining)
		}
	}
	st, err := m.Admit(ctx, id, quota.OpRead)
	qe := quotaErr(t, err)
	want := fathom.QuotaError{Limit: fathom.LimitRate, Used: 2, Quota: 2, ResetAt: march15.Add(500 * time.Millisecond), RetryAfter: 500 * time.Millisecond}
	if *qe != want {
		t.Errorf("QuotaError = %+v, want %+v", *qe, want)
	}
	if st != (quota.Status{Limit: 2, Remaining: 0, Reset: march15.Add(500 * time.Millisecond)}) {
		t.Errorf("refusal status = %+v", st)
	}
	admitN(t, m, other, quota.OpRead, 2) // buckets are per tenant
	c.advance(time.Second)
	if st, err := m.Admit(ctx, id, quota.OpRead); err != nil || st.Remaining != 1 {
		t.Fatalf("after 1s: status %+v, err %v; want admitted with 1 remaining", st, err)
	}
	if err := m.Flush(ctx); err != nil {
		t.Fatal(err)
	}
	if got := usage(t, db, id, "2026-03"); got.Requests != 3 {
		t.Errorf("requests = %d, want 3 (the refused call is not counted)", got.Requests)
	}
}

func TestStatus(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		cfg   quota.Config
		quota fathom.Quota
		calls int
		want  quota.Status
	}{
		{"no limits", quota.Config{}, fathom.Quota{}, 3, quota.Status{}},
		{"tokens quota only", quota.Config{}, fathom.Quota{Tokens: 100}, 1, quota.Status{}},
		{"requests quota", quota.Config{}, fathom.Quota{Requests: 10}, 4, quota.Status{Limit: 10, Remaining: 6, Reset: april1}},
		// Burst defaults to the rate rounded up; a token returns every 1/1.5 s.
		{"rate, default burst", quota.Config{Rate: 1.5}, fathom.Quota{}, 1,
			quota.Status{Limit: 2, Remaining: 1, Reset: march15.Add(time.Second * 2 / 3)}},
		// The status reports the tighter limit: 1 request left this month.
		{"quota tighter than rate", quota.Config{Rate: 10, Burst: 10}, fathom.Quota{Requests: 3}, 2,
			quota.Status{Limit: 3, Remaining: 1, Reset: april1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			db := openDB(t)
			id := newTenant(t, db, "acme", tt.quota)
			m := newMeter(db, tt.cfg, &clock{t: march15})
			var st quota.Status
			for range tt.calls {
				var err error
				if st, err = m.Admit(context.Background(), id, quota.OpRead); err != nil {
					t.Fatal(err)
				}
			}
			if st.Limit != tt.want.Limit || st.Remaining != tt.want.Remaining || st.Reset.Sub(tt.want.Reset).Abs() > time.Microsecond {
				t.Errorf("status = %+v, want %+v", st, tt.want)
			}
		})
	}
}

func TestCountTokens(t *testing.T) {
	t.Parallel()
	tests := []struct {
		text string
		want int64
	}{{"", 0}, {"hello world", 2}, {"hello", 1}, {"Hello, world!", 4}}
	for _, tt := range tests {
		if got := quota.CountTokens(tt.text); got != tt.want {
			t.Errorf("CountTokens(%q) = %d, want %d", tt.text, got, tt.want)
		}
	}
}
