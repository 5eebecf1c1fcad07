package storetest

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/fathom-oss/fathom/internal/fathom"
	"github.com/fathom-oss/fathom/internal/store"
)

// Several servers may share one database. Where a service reads a row in a
// write transaction and then updates it (redeeming a code, rotating a
// refresh token, storing a refreshed gateway token, numbering a delivery
// attempt, making a callback secret), two transactions doing that at once
// must decide one after the other: the second must read what the first
// wrote. These cases run two such transactions against each other.

// holdFor is how long the first transaction of a race waits, after its
// read, for the second to read too. An engine that locks what a
// transaction reads keeps the second waiting until the first commits, so
// the wait runs out; an engine that does not lets the second read the old
// row at once, and the case fails. The outcome never depends on the
// duration, only how long a correct engine makes the case take.
const holdFor = 300 * time.Millisecond

// overlap runs fn in two concurrent write transactions. fn calls read
// right after its read of the contested row; the first transaction then
// holds until the second has read too, or holdFor has passed. It returns
// the two Write errors.
func overlap(t *testing.T, st store.Store, fn func(tx store.Tx, second bool, read func()) error) (firstErr, secondErr error) {
	t.Helper()
	ctx := context.Background()
	firstRead, secondRead := make(chan struct{}), make(chan struct{})
	var firstOnce, secondOnce sync.Once
	done := make(chan struct{})
	go func() {
		defer close(done)
		firstErr = st.Write(ctx, func(tx store.Tx) error {
			return fn(tx, false, func() {
				firstOnce.Do(func() { close(firstRead) })
				select {
				case <-secondRead:
				case <-time.After(holdFor):
				}
			})
		})
		firstOnce.Do(func() { close(firstRead) }) // fn failed before its read
	}()
	<-firstRead
	secondErr = st.Write(ctx, func(tx store.Tx) error {
		return fn(tx, true, func() { secondOnce.Do(func() { close(secondRead) }) })
	})
	<-done
	return firstErr, secondErr
}

func testReadThenUpdate(t *testing.T, open func(t *testing.T) store.Store) {
	t.Run("OAuthCodeRedeemedOnce", func(t *testing.T) { t.Parallel(); raceOAuthCode(t, open(t)) })
	t.Run("RefreshTokenRotatedOnce", func(t *testing.T) { t.Parallel(); raceRefreshToken(t, open(t)) })
	t.Run("GatewayTokenRefreshedOnce", func(t *testing.T) { t.Parallel(); raceGatewayRefresh(t, open(t)) })
	t.Run("DeliveryAttemptsNumbered", func(t *testing.T) { t.Parallel(); raceDeliveryAttempt(t, open(t)) })
	t.Run("CallbackSecretMadeOnce", func(t *testing.T) { t.Parallel(); raceCallbackSecret(t, open(t)) })
	t.Run("MeetingIngestedOnceByKey", func(t *testing.T) { t.Parallel(); raceMeetingKey(t, open(t)) })
	t.Run("TenantDomainsReplaced", func(t *testing.T) { t.Parallel(); raceTenantDomains(t, open(t)) })
}

// seedOAuthApp makes an app and a grant of the tenant's user.
func seedOAuthApp(t *testing.T, st store.Store, tn *fathom.Tenant, u *fathom.User) (*fathom.OAuthApp, *fathom.OAuthGrant) {
	t.Helper()
	ctx := context.Background()
	var app *fathom.OAuthApp
	grant := &fathom.OAuthGrant{TenantID: tn.ID, UserID: u.ID, Scope: fathom.OAuthScope, CreatedAt: now}
	write(t, st, func(tx store.Tx) (err error) {
		app, err = tx.OAuthAppCreate(ctx, &store.OAuthAppCreateParams{ClientID: "race", SecretHash: "sh", Name: "Race",
			RedirectURIs: []string{"https://app.test/cb"}, CreatedAt: now})
		if err != nil {
			return err
		}
		grant.AppID = app.ID
		return tx.OAuthGrantCreate(ctx, grant)
	})
	return app, grant
}

func raceOAuthCode(t *testing.T, st store.Store) {
	ctx := context.Background()
	tn, u := seedTenant(t, st, "race-code")
	app, _ := seedOAuthApp(t, st, tn, u)
	write(t, st, func(tx store.Tx) error {
		return tx.OAuthCodeCreate(ctx, &fathom.OAuthCode{Hash: "code", AppID: app.ID, TenantID: tn.ID, UserID: u.ID,
			RedirectURI: "https://app.test/cb", Scope: fathom.OAuthScope, CreatedAt: now, ExpiresAt: now.Add(time.Minute)})
	})
	var secondSawUsed bool
	err1, err2 := overlap(t, st, func(tx store.Tx, second bool, read func()) error {
		c, err := tx.OAuthCodeGetByHash(ctx, "code")
		if err != nil {
			return err
		}
		read()
		if c.UsedAt != nil {
			secondSawUsed = second
			return nil // the service revokes the first exchange's grant here
		}
		g := &fathom.OAuthGrant{AppID: app.ID, TenantID: tn.ID, UserID: u.ID, Scope: fathom.OAuthScope, CreatedAt: now}
		if err := tx.OAuthGrantCreate(ctx, g); err != nil {
			return err
		}
		return tx.OAuthCodeUse(ctx, "code", g.ID, now)
	})
	if err1 != nil || err2 != nil || !secondSawUsed {
		t.Fatalf("two exchanges of one code: errors %v, %v; second saw the code used: %v (want no errors, and the second to see the first's use as a replay)",
			err1, err2, secondSawUsed)
	}
}

func raceRefreshToken(t *testing.T, st store.Store) {
	ctx := context.Background()
	tn, u := seedTenant(t, st, "race-refresh")
	_, grant := seedOAuthApp(t, st, tn, u)
	write(t, st, func(tx store.Tx) error {
		return tx.OAuthTokenCreate(ctx, &fathom.OAuthToken{GrantID: grant.ID, Kind: fathom.TokenRefresh, Hash: "r0", CreatedAt: now})
	})
	var secondSawRotated bool
	err1, err2 := overlap(t, st, func(tx store.Tx, second bool, read func()) error {
		old, err := tx.OAuthTokenGetByHash(ctx, "r0")
		if err != nil {
			return err
		}
		read()
		if old.RotatedAt != nil {
			secondSawRotated = second
			return nil // the service answers with the successor here
		}
		next := &fathom.OAuthToken{GrantID: grant.ID, Kind: fathom.TokenRefresh, Hash: fmt.Sprint("r1-", second), CreatedAt: now}
		if err := tx.OAuthTokenCreate(ctx, next); err != nil {
			return err
		}
		return tx.OAuthTokenRotate(ctx, &store.OAuthTokenRotateParams{TokenID: old.ID, ReplacedBy: next.ID, Successor: []byte("s"), At: now})
	})
	if err1 != nil || err2 != nil || !secondSawRotated {
		t.Fatalf("two refreshes of one token: errors %v, %v; second saw it rotated: %v (want no errors, and the second to see the first's rotation)",
			err1, err2, secondSawRotated)
	}
	if n := len(must(st.OAuthTokenList(ctx, grant.ID))); n != 2 {
		t.Fatalf("after two refreshes the grant has %d tokens, want 2 (one successor)", n)
	}
}

func raceGatewayRefresh(t *testing.T, st store.Store) {
	ctx := context.Background()
	tn, u := seedTenant(t, st, "race-gw")
	c := &store.ConnectionRow{
		Connection: fathom.Connection{ID: "conn", TenantID: tn.ID, UserID: u.ID, App: fathom.AppFathom, Method: fathom.MethodOAuth2,
			Status: fathom.ConnectionActive, CreatedAt: now, UpdatedAt: now, Metadata: map[string]string{}},
		SessionHash: "sess", Sealed: store.SealedSecrets{SessionToken: []byte("s"), RefreshToken: []byte("old")},
	}
	write(t, st, func(tx store.Tx) error { return tx.ConnectionCreate(ctx, c) })
	var secondSawNew bool
	err1, err2 := overlap(t, st, func(tx store.Tx, second bool, read func()) error {
		cur, err := tx.ConnectionGet(ctx, tn.ID, u.ID, "conn")
		if err != nil {
			return err
		}
		read()
		if string(cur.Sealed.RefreshToken) != "old" {
			secondSawNew = second
			return nil // the gateway uses the token the other refresh stored
		}
		cur.Sealed.RefreshToken = []byte(fmt.Sprint("new-", second))
		return tx.ConnectionUpdate(ctx, cur)
	})
	got := must(st.ConnectionGet(ctx, tn.ID, u.ID, "conn"))
	if err1 != nil || err2 != nil || !secondSawNew || string(got.Sealed.RefreshToken) != "new-false" {
		t.Fatalf("two refreshes of one connection: errors %v, %v; second saw the new token: %v; stored %q (want the first's, new-false)",
			err1, err2, secondSawNew, got.Sealed.RefreshToken)
	}
}

func raceDeliveryAttempt(t *testing.T, st store.Store) {
	ctx := context.Background()
	tn, u := seedTenant(t, st, "race-dl")
	d := &fathom.Delivery{TenantID: tn.ID, UserID: u.ID, Kind: fathom.DeliveryCallback, URL: "https://cb.test",
		MessageID: "msg_race", Body: []byte("{}"), CreatedAt: now}
	write(t, st, func(tx store.Tx) error { return tx.DeliveryCreate(ctx, d) })
	err1, err2 := overlap(t, st, func(tx store.Tx, second bool, read func()) error {
		cur, err := tx.DeliveryGet(ctx, tn.ID, d.ID)
		if err != nil {
			return err
		}
		read()
		return tx.DeliveryRecord(ctx, &fathom.DeliveryAttempt{DeliveryID: d.ID, Attempt: cur.Attempts + 1, At: now,
			Error: "timeout"}, fathom.DeliveryPending)
	})
	as := must(st.DeliveryAttemptList(ctx, d.ID))
	if err1 != nil || err2 != nil || len(as) != 2 || as[1].Attempt != 2 {
		t.Fatalf("two attempts of one delivery: errors %v, %v; %d attempts logged (want attempts 1 and 2, the second numbered after the first)",
			err1, err2, len(as))
	}
}

func raceCallbackSecret(t *testing.T, st store.Store) {
	ctx := context.Background()
	_, u := seedTenant(t, st, "race-cb")
	var handedOut [2]string
	err1, err2 := overlap(t, st, func(tx store.Tx, second bool, read func()) error {
		secret, err := tx.UserCallbackSecret(ctx, u.ID)
		if err != nil {
			return err
		}
		read()
		if secret == "" {
			secret = fmt.Sprint("whsec_", second)
			if err := tx.UserSetCallbackSecret(ctx, u.ID, secret); err != nil {
				return err
			}
		}
		handedOut[map[bool]int{false: 0, true: 1}[second]] = secret
		return nil
	})
	stored := must(st.UserCallbackSecret(ctx, u.ID))
	if err1 != nil || err2 != nil || handedOut[0] != stored || handedOut[1] != stored {
		t.Fatalf("two first uses of a callback secret: errors %v, %v; handed out %q, stored %q (want one secret for both)",
			err1, err2, handedOut, stored)
	}
}

// raceMeetingKey is two servers ingesting one recording: a meeting
// created meanwhile under the same external key is ErrDuplicate, and the
// transaction stays usable to read it.
func raceMeetingKey(t *testing.T, st store.Store) {
	ctx := context.Background()
	tn, u := seedTenant(t, st, "race-key")
	var ids [2]int64
	err1, err2 := overlap(t, st, func(tx store.Tx, second bool, read func()) error {
		slot := map[bool]int{false: 0, true: 1}[second]
		m, err := tx.MeetingGetByExternalKey(ctx, tn.ID, "rec-1")
		if err == nil {
			read()
			ids[slot] = m.ID
			return nil
		} else if !errors.Is(err, store.ErrNotFound) {
			return err
		}
		read()
		m = &fathom.Meeting{TenantID: tn.ID, RecorderID: u.ID, ExternalKey: "rec-1", Title: fmt.Sprint("take ", slot),
			ShareToken: fmt.Sprint("tok", slot), CreatedAt: now, RecordingStart: now, RecordingEnd: now}
		if err := tx.MeetingCreate(ctx, m); errors.Is(err, store.ErrDuplicate) {
			if m, err = tx.MeetingGetByExternalKey(ctx, tn.ID, "rec-1"); err != nil {
				return fmt.Errorf("read the meeting that took the key: %w", err)
			}
		} else if err != nil {
			return err
		}
		ids[slot] = m.ID
		return nil
	})
	all := must(st.MeetingList(ctx, &store.MeetingListParams{Viewer: store.Viewer{TenantID: tn.ID, UserID: u.ID}, Limit: 10}))
	if err1 != nil || err2 != nil || ids[0] == 0 || ids[0] != ids[1] || len(all) != 1 {
		t.Fatalf("two ingests of one key: errors %v, %v; meetings %v; %d stored (want one meeting for both)", err1, err2, ids, len(all))
	}
}

// raceTenantDomains replaces the set from several writers at once: the
// result is one of the sets, never a mix.
func raceTenantDomains(t *testing.T, st store.Store) {
	ctx := context.Background()
	tn, _ := seedTenant(t, st, "race-dom")
	sets := [][]string{{"a.test", "b.test"}, {"b.test", "c.test"}, {"d.test"}, {"a.test", "c.test", "e.test"}}
	for round := range 5 {
		var wg sync.WaitGroup
		errs := make([]error, len(sets))
		for i, set := range sets {
			wg.Go(func() {
				errs[i] = st.Write(ctx, func(tx store.Tx) error { return tx.TenantDomainsSet(ctx, tn.ID, set) })
			})
		}
		wg.Wait()
		got := must(st.TenantDomains(ctx, tn.ID))
		if err := errors.Join(errs...); err != nil || !slices.ContainsFunc(sets, func(s []string) bool { return slices.Equal(s, got) }) {
			t.Fatalf("round %d: concurrent TenantDomainsSet left %v (errors: %v), want exactly one of %v", round, got, err, sets)
		}
	}
}
