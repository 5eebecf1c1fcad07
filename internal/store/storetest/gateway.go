package storetest

import (
	"bytes"
	"context"
	"errors"
	"testing"
	"time"

	"github.com/fathom-oss/fathom/internal/fathom"
	"github.com/fathom-oss/fathom/internal/store"
)

func testGateway(t *testing.T, st store.Store) {
	ctx := context.Background()
	tn, u := seedTenant(t, st, "gw")
	other, ou := seedTenant(t, st, "gw2")
	var v *fathom.User
	write(t, st, func(tx store.Tx) (err error) {
		v, err = tx.UserCreate(ctx, &store.UserCreateParams{TenantID: tn.ID, Email: "v@gw.test", CreatedAt: now})
		return err
	})
	row := func(id string, tenantID, userID int64, status string, created time.Time) *store.ConnectionRow {
		return &store.ConnectionRow{
			Connection: fathom.Connection{ID: id, TenantID: tenantID, UserID: userID, App: fathom.AppFathom,
				Method: fathom.MethodOAuth2, Status: status, CreatedAt: created, UpdatedAt: created,
				Metadata: map[string]string{}},
			SessionHash: "sess-" + id,
			Sealed:      store.SealedSecrets{SessionToken: []byte("sealed-session-" + id)},
		}
	}
	rows := []*store.ConnectionRow{
		row("c-2", tn.ID, u.ID, fathom.ConnectionPending, now.Add(time.Second)),
		row("c-1", tn.ID, u.ID, fathom.ConnectionActive, now),
		row("c-3", tn.ID, u.ID, fathom.ConnectionActive, now.Add(2*time.Second)),
		row("c-v", tn.ID, v.ID, fathom.ConnectionActive, now),
		row("c-o", other.ID, ou.ID, fathom.ConnectionActive, now),
	}
	rows[1].Sealed.AccessToken, rows[1].Sealed.RefreshToken = []byte{1, 2, 3}, []byte{4, 5}
	rows[1].ExpiresAt = now.Add(time.Hour)
	for _, c := range rows {
		write(t, st, func(tx store.Tx) error { return tx.ConnectionCreate(ctx, c) })
	}
	err := st.Write(ctx, func(tx store.Tx) error { c := *rows[0]; c.SessionHash = "new"; return tx.ConnectionCreate(ctx, &c) })
	if !errors.Is(err, store.ErrDuplicate) {
		t.Fatalf("duplicate connection id err = %v, want ErrDuplicate", err)
	}
	err = st.Write(ctx, func(tx store.Tx) error { c := *rows[0]; c.ID = "c-new"; return tx.ConnectionCreate(ctx, &c) })
	if !errors.Is(err, store.ErrDuplicate) {
		t.Fatalf("duplicate session hash err = %v, want ErrDuplicate", err)
	}

	got := must(st.ConnectionGet(ctx, tn.ID, u.ID, "c-1"))
	if got.Status != fathom.ConnectionActive || got.App != fathom.AppFathom || got.Method != fathom.MethodOAuth2 ||
		!got.CreatedAt.Equal(now) || !got.ExpiresAt.Equal(now.Add(time.Hour)) || got.StateHash != "" ||
		!bytes.Equal(got.Sealed.AccessToken, []byte{1, 2, 3}) || !bytes.Equal(got.Sealed.RefreshToken, []byte{4, 5}) ||
		got.Sealed.Verifier != nil || got.Metadata == nil || got.AccessToken != "" {
		t.Fatalf("ConnectionGet = %+v", got)
	}
	if got := must(st.ConnectionGet(ctx, tn.ID, u.ID, "c-2")); !got.ExpiresAt.IsZero() || got.Sealed.AccessToken != nil {
		t.Fatalf("pending connection = %+v, want no expiry and no token", got)
	}
	for name, get := range map[string]func() (*store.ConnectionRow, error){
		"another user's":   func() (*store.ConnectionRow, error) { return st.ConnectionGet(ctx, tn.ID, v.ID, "c-1") },
		"another tenant's": func() (*store.ConnectionRow, error) { return st.ConnectionGet(ctx, other.ID, u.ID, "c-1") },
		"no such":          func() (*store.ConnectionRow, error) { return st.ConnectionGet(ctx, tn.ID, u.ID, "c-none") },
		"empty state":      func() (*store.ConnectionRow, error) { return st.ConnectionGetByState(ctx, "") },
	} {
		if _, err := get(); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("getting %s connection err = %v, want ErrNotFound", name, err)
		}
	}
	if got := must(st.ConnectionGetBySession(ctx, "sess-c-2")); got.ID != "c-2" ||
		!bytes.Equal(got.Sealed.SessionToken, []byte("sealed-session-c-2")) {
		t.Fatalf("ConnectionGetBySession = %+v", got)
	}

	ids := func(cs []*store.ConnectionRow) string {
		out := ""
		for _, c := range cs {
			out += c.ID + " "
		}
		return out
	}
	list := func(app, status string) string {
		return ids(must(st.ConnectionList(ctx, &store.ConnectionListParams{TenantID: tn.ID, UserID: u.ID, App: app, Status: status})))
	}
	if l := list("", ""); l != "c-1 c-2 c-3 " {
		t.Fatalf("ConnectionList = %s, want the user's, oldest first", l)
	}
	if l := list(fathom.AppFathom, fathom.ConnectionActive); l != "c-1 c-3 " {
		t.Fatalf("ConnectionList(ACTIVE) = %s", l)
	}
	if l := list("other", ""); l != "" {
		t.Fatalf("ConnectionList(app other) = %s", l)
	}

	up := *must(st.ConnectionGet(ctx, tn.ID, u.ID, "c-2"))
	up.Status, up.StateHash, up.UpdatedAt = fathom.ConnectionActive, "state-1", now.Add(time.Minute)
	up.Sealed.Verifier, up.Sealed.AccessToken, up.Sealed.RefreshToken = []byte("v"), []byte("a"), []byte("r")
	up.ExpiresAt, up.Metadata = now.Add(2*time.Hour), map[string]string{"k": "v"}
	write(t, st, func(tx store.Tx) error { return tx.ConnectionUpdate(ctx, &up) })
	got = must(st.ConnectionGetByState(ctx, "state-1"))
	if got.ID != "c-2" || got.Status != fathom.ConnectionActive || !got.UpdatedAt.Equal(now.Add(time.Minute)) ||
		!got.CreatedAt.Equal(now.Add(time.Second)) || string(got.Sealed.AccessToken) != "a" ||
		string(got.Sealed.RefreshToken) != "r" || string(got.Sealed.Verifier) != "v" ||
		!got.ExpiresAt.Equal(now.Add(2*time.Hour)) || got.Metadata["k"] != "v" {
		t.Fatalf("after update = %+v", got)
	}
	up.StateHash = ""
	write(t, st, func(tx store.Tx) error { return tx.ConnectionUpdate(ctx, &up) })
	if _, err := st.ConnectionGetByState(ctx, "state-1"); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("cleared state err = %v, want ErrNotFound", err)
	}
	missing := up
	missing.ID = "c-none"
	if err := st.Write(ctx, func(tx store.Tx) error { return tx.ConnectionUpdate(ctx, &missing) }); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("update of missing connection err = %v, want ErrNotFound", err)
	}

	for name, del := range map[string]func(tx store.Tx) error{
		"another user's":   func(tx store.Tx) error { return tx.ConnectionDelete(ctx, tn.ID, v.ID, "c-1") },
		"another tenant's": func(tx store.Tx) error { return tx.ConnectionDelete(ctx, other.ID, u.ID, "c-1") },
		"no such":          func(tx store.Tx) error { return tx.ConnectionDelete(ctx, tn.ID, u.ID, "c-none") },
	} {
		if err := st.Write(ctx, del); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("deleting %s connection err = %v, want ErrNotFound", name, err)
		}
	}
	write(t, st, func(tx store.Tx) error { return tx.ConnectionDelete(ctx, tn.ID, u.ID, "c-1") })
	if _, err := st.ConnectionGet(ctx, tn.ID, u.ID, "c-1"); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("deleted connection err = %v, want ErrNotFound", err)
	}
	if l := list("", ""); l != "c-2 c-3 " {
		t.Fatalf("ConnectionList after delete = %s", l)
	}
}
