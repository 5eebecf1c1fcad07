package tenant_test

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/fathom-oss/fathom/internal/fathom"
	"github.com/fathom-oss/fathom/internal/store/sqlite"
	"github.com/fathom-oss/fathom/internal/store/sqlite/sqlitetest"
	"github.com/fathom-oss/fathom/internal/tenant"
)

var now = time.Date(2026, 3, 15, 10, 30, 0, 0, time.UTC)

func setup(t *testing.T) (*tenant.Service, *sqlite.DB, string) {
	t.Helper()
	dir := t.TempDir()
	db := sqlitetest.Open(t, dir)
	return tenant.NewService(db, func() time.Time { return now }), db, dir
}

func createKey(t *testing.T, svc *tenant.Service, p tenant.CreateKeyParams) *tenant.CreatedKey {
	t.Helper()
	k, err := svc.CreateKey(context.Background(), p)
	if err != nil {
		t.Fatal(err)
	}
	return k
}

func wantCode(t *testing.T, err error, code string) {
	t.Helper()
	var fe *fathom.Error
	if !errors.As(err, &fe) || fe.Code != code {
		t.Errorf("err = %v, want a *fathom.Error with code %q", err, code)
	}
}

var secretRe = regexp.MustCompile(`^fth_[a-z2-7]{32}$`)

func TestCreateKeyReusesTenantAndUser(t *testing.T) {
	t.Parallel()
	svc, db, _ := setup(t)
	ctx := context.Background()
	a1 := createKey(t, svc, tenant.CreateKeyParams{Tenant: "acme", UserEmail: "a@acme.test", Name: "ci"})
	a2 := createKey(t, svc, tenant.CreateKeyParams{Tenant: " acme ", UserEmail: "a@acme.test"})
	b := createKey(t, svc, tenant.CreateKeyParams{Tenant: "acme", UserEmail: "b@acme.test"})
	other := createKey(t, svc, tenant.CreateKeyParams{Tenant: "globex", UserEmail: "a@acme.test"})

	if a1.Key.TenantID != a2.Key.TenantID || a1.Key.UserID != a2.Key.UserID {
		t.Errorf("same tenant and email: keys %+v and %+v differ in tenant or user", a1.Key, a2.Key)
	}
	if a1.Key.ID == a2.Key.ID || a1.Secret == a2.Secret {
		t.Error("two keys share an id or a secret")
	}
	if b.Key.TenantID != a1.Key.TenantID || b.Key.UserID == a1.Key.UserID {
		t.Errorf("new email: tenant %d user %d, want tenant %d and a new user", b.Key.TenantID, b.Key.UserID, a1.Key.TenantID)
	}
	if other.Key.TenantID == a1.Key.TenantID || other.Key.UserID == a1.Key.UserID {
		t.Error("a user of another tenant shares the tenant or user")
	}
	k := a1.Key
	if k.TenantName != "acme" || k.UserEmail != "a@acme.test" || k.Name != "ci" || !k.CreatedAt.Equal(now) || k.RevokedAt != nil {
		t.Errorf("created key = %+v", k)
	}
	tenants, err := svc.ListTenants(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(tenants) != 2 || tenants[0].Name != "acme" || tenants[1].Name != "globex" {
		t.Errorf("tenants = %+v, want acme and globex", tenants)
	}
	if n, err := db.APIKeyCount(ctx); err != nil || n != 4 {
		t.Errorf("APIKeyCount = %d, %v; want 4", n, err)
	}
}

func TestCreateKeyDefaultsAndValidation(t *testing.T) {
	t.Parallel()
	svc, _, _ := setup(t)
	k := createKey(t, svc, tenant.CreateKeyParams{})
	if k.Key.TenantName != tenant.DefaultTenant || k.Key.UserEmail != tenant.DefaultEmail {
		t.Errorf("defaults: tenant %q email %q", k.Key.TenantName, k.Key.UserEmail)
	}
	for _, p := range []tenant.CreateKeyParams{
		{Tenant: "acme", UserEmail: "not an email"},
		{Tenant: strings.Repeat("t", 129), UserEmail: "a@acme.test"},
	} {
		_, err := svc.CreateKey(context.Background(), p)
		wantCode(t, err, fathom.EINVALID)
	}
	if _, err := svc.CreateKey(context.Background(), tenant.CreateKeyParams{Tenant: strings.Repeat("t", 128)}); err != nil {
		t.Errorf("128-character tenant: %v", err)
	}
}

func TestSecretIsStoredOnlyAsHash(t *testing.T) {
	t.Parallel()
	svc, db, dir := setup(t)
	ctx := context.Background()
	k := createKey(t, svc, tenant.CreateKeyParams{Tenant: "acme", UserEmail: "a@acme.test"})
	if !secretRe.MatchString(k.Secret) {
		t.Errorf("secret %q does not look like fth_ + 32 base32 characters", k.Secret)
	}
	if len(k.Key.Prefix) != 12 || !strings.HasPrefix(k.Secret, k.Key.Prefix) || !strings.HasPrefix(k.Key.Prefix, tenant.KeyPrefix) {
		t.Errorf("prefix %q is not the first 12 characters of %q", k.Key.Prefix, k.Secret)
	}
	if k.Key.Hash != tenant.HashKey(k.Secret) || k.Key.Hash == k.Secret {
		t.Errorf("hash = %q, want HashKey(secret)", k.Key.Hash)
	}
	got, err := db.APIKeyGetByHash(ctx, tenant.HashKey(k.Secret))
	if err != nil || got.ID != k.Key.ID {
		t.Fatalf("APIKeyGetByHash = %+v, %v; want key %d", got, err, k.Key.ID)
	}
	// Nothing in the database files holds the secret or its random part.
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "test.db*"))
	if len(files) == 0 {
		t.Fatal("no database files found")
	}
	hashFound := false
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if bytes.Contains(b, []byte(k.Secret[len(k.Key.Prefix):])) {
			t.Errorf("%s contains the secret", filepath.Base(f))
		}
		hashFound = hashFound || bytes.Contains(b, []byte(k.Key.Hash))
	}
	if !hashFound {
		t.Error("the hash is in no database file: the scan read nothing")
	}
}

func TestAuthenticate(t *testing.T) {
	t.Parallel()
	svc, _, _ := setup(t)
	ctx := context.Background()
	k := createKey(t, svc, tenant.CreateKeyParams{Tenant: "acme", UserEmail: "a@acme.test"})
	revoked := createKey(t, svc, tenant.CreateKeyParams{Tenant: "acme", UserEmail: "a@acme.test"})
	if err := svc.RevokeKey(ctx, revoked.Key.ID); err != nil {
		t.Fatal(err)
	}

	p, err := svc.Authenticate(ctx, k.Secret)
	if err != nil {
		t.Fatalf("Authenticate(valid) = %v", err)
	}
	if want := (fathom.Principal{TenantID: k.Key.TenantID, UserID: k.Key.UserID, KeyID: k.Key.ID}); *p != want {
		t.Errorf("principal = %+v, want %+v", *p, want)
	}
	tests := []struct{ name, secret string }{
		{"empty", ""},
		{"unknown", "fth_" + strings.Repeat("a", 32)},
		{"wrong prefix", "ftx_" + k.Secret[4:]},
		{"upper-case prefix", "FTH_" + k.Secret[4:]},
		{"no prefix", k.Secret[4:]},
		{"too long", k.Secret + strings.Repeat("a", 129-len(k.Secret))},
		{"truncated", k.Secret[:len(k.Secret)-1]},
		{"revoked", revoked.Secret},
	}
	for _, tt := range tests {
		p, err := svc.Authenticate(ctx, tt.secret)
		if p != nil {
			t.Errorf("%s: principal %+v, want nil", tt.name, p)
		}
		wantCode(t, err, fathom.EUNAUTHORIZED)
		if fathom.ErrorMessage(err) != "invalid or missing API key" {
			t.Errorf("%s: message %q reveals more than the others", tt.name, fathom.ErrorMessage(err))
		}
	}
}

func TestRevokeKey(t *testing.T) {
	t.Parallel()
	svc, _, _ := setup(t)
	ctx := context.Background()
	k := createKey(t, svc, tenant.CreateKeyParams{Tenant: "acme", UserEmail: "a@acme.test"})
	wantCode(t, svc.RevokeKey(ctx, k.Key.ID+100), fathom.ENOTFOUND)
	if err := svc.RevokeKey(ctx, k.Key.ID); err != nil {
		t.Fatal(err)
	}
	wantCode(t, svc.RevokeKey(ctx, k.Key.ID), fathom.ENOTFOUND) // already revoked
	keys, err := svc.ListKeys(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(keys) != 1 || keys[0].RevokedAt == nil || !keys[0].RevokedAt.Equal(now) {
		t.Errorf("keys after revoke = %+v, want one revoked at %v", keys, now)
	}
}

func TestBootstrap(t *testing.T) {
	t.Parallel()
	svc, db, _ := setup(t)
	ctx := context.Background()
	k, err := svc.Bootstrap(ctx)
	if err != nil || k == nil {
		t.Fatalf("Bootstrap on empty DB = %v, %v; want a key", k, err)
	}
	if k.Key.TenantName != tenant.DefaultTenant || k.Key.UserEmail != tenant.DefaultEmail || k.Key.Name != "first key" {
		t.Errorf("bootstrap key = %+v", k.Key)
	}
	if _, err := svc.Authenticate(ctx, k.Secret); err != nil {
		t.Errorf("bootstrap key does not authenticate: %v", err)
	}
	for range 2 {
		if k, err := svc.Bootstrap(ctx); k != nil || err != nil {
			t.Errorf("Bootstrap again = %v, %v; want nil, nil", k, err)
		}
	}
	if n, _ := db.APIKeyCount(ctx); n != 1 {
		t.Errorf("APIKeyCount = %d, want 1", n)
	}

	// A database whose only key is revoked still has a key: no new one.
	svc2, _, _ := setup(t)
	r := createKey(t, svc2, tenant.CreateKeyParams{Tenant: "acme", UserEmail: "a@acme.test"})
	if err := svc2.RevokeKey(ctx, r.Key.ID); err != nil {
		t.Fatal(err)
	}
	if k, err := svc2.Bootstrap(ctx); k != nil || err != nil {
		t.Errorf("Bootstrap with a revoked key = %v, %v; want nil, nil", k, err)
	}
}

func TestSetQuota(t *testing.T) {
	t.Parallel()
	svc, db, _ := setup(t)
	ctx := context.Background()
	createKey(t, svc, tenant.CreateKeyParams{Tenant: "acme", UserEmail: "a@acme.test"})
	tests := []struct {
		name, tenant string
		q            fathom.Quota
		code         string
	}{
		{"unknown tenant", "nobody", fathom.Quota{Requests: 5}, fathom.ENOTFOUND},
		{"negative requests", "acme", fathom.Quota{Requests: -1}, fathom.EINVALID},
		{"negative tokens", "acme", fathom.Quota{Tokens: -1}, fathom.EINVALID},
		{"negative retrievals", "acme", fathom.Quota{Retrievals: -1}, fathom.EINVALID},
		{"negative on unknown tenant", "nobody", fathom.Quota{Requests: -1}, fathom.EINVALID},
		{"valid", "acme", fathom.Quota{Requests: 5, Tokens: 1000, Retrievals: 7}, ""},
	}
	for _, tt := range tests {
		err := svc.SetQuota(ctx, tt.tenant, tt.q)
		if tt.code == "" {
			if err != nil {
				t.Errorf("%s: %v", tt.name, err)
			}
			continue
		}
		wantCode(t, err, tt.code)
	}
	tn, err := db.TenantGetByName(ctx, "acme")
	if err != nil {
		t.Fatal(err)
	}
	if want := (fathom.Quota{Requests: 5, Tokens: 1000, Retrievals: 7}); tn.Quota != want {
		t.Errorf("quota = %+v, want %+v (invalid calls must not change it)", tn.Quota, want)
	}
}
