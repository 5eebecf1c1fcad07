// Package tenant holds the rules for tenants, users and API keys: how keys
// are made, stored (hashed) and checked, and how the first key is created on
// a fresh install. It knows nothing of HTTP.
package tenant

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base32"
	"encoding/hex"
	"errors"
	"fmt"
	"net/mail"
	"strings"
	"time"

	"github.com/fathom-oss/fathom/internal/fathom"
	"github.com/fathom-oss/fathom/internal/store"
)

// KeyPrefix starts every API key, so that secret scanners and people can
// recognise one.
const KeyPrefix = "fth_"

// Defaults used when a key is created without naming its owner.
const (
	DefaultTenant = "default"
	DefaultEmail  = "admin@localhost"
)

// Service manages tenants, users and keys.
type Service struct {
	store store.Store
	now   func() time.Time
}

// NewService returns a Service on st. now may be nil (time.Now).
func NewService(st store.Store, now func() time.Time) *Service {
	if now == nil {
		now = time.Now
	}
	return &Service{store: st, now: now}
}

// CreateKeyParams name the key's owner; empty fields take the defaults.
type CreateKeyParams struct {
	Tenant    string
	UserEmail string
	UserName  string
	Name      string
}

// CreatedKey is a new key. Secret is shown once and never stored.
type CreatedKey struct {
	Secret string
	Key    *fathom.APIKey
}

// CreateKey creates a key for a user of a tenant, creating the tenant and
// user if they do not exist yet.
func (s *Service) CreateKey(ctx context.Context, p CreateKeyParams) (*CreatedKey, error) {
	p, err := p.withDefaults()
	if err != nil {
		return nil, err
	}
	secret, err := newSecret()
	if err != nil {
		return nil, err
	}
	var out *CreatedKey
	err = s.store.Write(ctx, func(tx store.Tx) (err error) {
		out, err = s.createKey(ctx, tx, p, secret)
		return err
	})
	return out, err
}

func (p CreateKeyParams) withDefaults() (CreateKeyParams, error) {
	p.Tenant = strings.TrimSpace(p.Tenant)
	if p.Tenant == "" {
		p.Tenant = DefaultTenant
	}
	if p.UserEmail == "" {
		p.UserEmail = DefaultEmail
	}
	if len(p.Tenant) > 128 {
		return p, fathom.Errorf(fathom.EINVALID, "tenant must be at most 128 characters")
	}
	if _, err := mail.ParseAddress(p.UserEmail); err != nil && p.UserEmail != DefaultEmail {
		return p, fathom.Errorf(fathom.EINVALID, "email %q is not a valid address", p.UserEmail)
	}
	return p, nil
}

// createKey creates the key in tx. Reading the tenant and the user in the
// transaction holds them, or their missing names (store.Tx), so that keys
// created at once for a new tenant share one tenant and one user.
func (s *Service) createKey(ctx context.Context, tx store.Tx, p CreateKeyParams, secret string) (*CreatedKey, error) {
	now := s.now()
	t, err := tx.TenantGetByName(ctx, p.Tenant)
	if errors.Is(err, store.ErrNotFound) {
		t, err = tx.TenantCreate(ctx, &store.TenantCreateParams{Name: p.Tenant, CreatedAt: now})
	}
	if err != nil {
		return nil, err
	}
	u, err := tx.UserGetByEmail(ctx, t.ID, p.UserEmail)
	if errors.Is(err, store.ErrNotFound) {
		u, err = tx.UserCreate(ctx, &store.UserCreateParams{TenantID: t.ID, Email: p.UserEmail, Name: p.UserName, CreatedAt: now})
	}
	if err != nil {
		return nil, err
	}
	k, err := tx.APIKeyCreate(ctx, &store.APIKeyCreateParams{TenantID: t.ID, UserID: u.ID, Name: p.Name,
		Prefix: secret[:len(KeyPrefix)+8], Hash: HashKey(secret), CreatedAt: now})
	if err != nil {
		return nil, err
	}
	return &CreatedKey{Secret: secret, Key: k}, nil
}

// Bootstrap creates a first key when none exists, so that a fresh install
// can be used at once; its user is the workspace's account admin. It
// returns nil when keys already exist.
//
// Several servers may start at once on a fresh database: the default
// tenant is read first in the transaction, which holds it (or its missing
// name) until the end, so the servers decide one after the other and only
// the first creates a key.
func (s *Service) Bootstrap(ctx context.Context) (*CreatedKey, error) {
	if n, err := s.store.APIKeyCount(ctx); err != nil || n > 0 {
		return nil, err // the usual case, decided without a write
	}
	p, err := CreateKeyParams{Name: "first key"}.withDefaults()
	if err != nil {
		return nil, err
	}
	secret, err := newSecret()
	if err != nil {
		return nil, err
	}
	var out *CreatedKey
	err = s.store.Write(ctx, func(tx store.Tx) error {
		out = nil
		_, err := tx.TenantGetByName(ctx, p.Tenant)
		if err != nil && !errors.Is(err, store.ErrNotFound) {
			return err
		}
		if n, err := tx.APIKeyCount(ctx); err != nil || n > 0 {
			return err
		}
		if out, err = s.createKey(ctx, tx, p, secret); err != nil {
			return err
		}
		// The first user made the install: it is the workspace's account
		// admin (it may list the users through the meetings API).
		return tx.UserAccessSet(ctx, out.Key.UserID, fathom.UserActive, fathom.SettingsAccountAdmin)
	})
	return out, err
}

// ListKeys lists every key, revoked ones included.
func (s *Service) ListKeys(ctx context.Context) ([]*fathom.APIKey, error) {
	return s.store.APIKeyList(ctx)
}

// RevokeKey revokes a key by id; a revoked key stops working at once.
func (s *Service) RevokeKey(ctx context.Context, id int64) error {
	err := s.store.Write(ctx, func(tx store.Tx) error { return tx.APIKeyRevoke(ctx, id, s.now()) })
	if errors.Is(err, store.ErrNotFound) {
		return fathom.Errorf(fathom.ENOTFOUND, "no active key with id %d (fathom keys list shows the ids)", id)
	}
	return err
}

// SetQuota sets a tenant's whole monthly plan by tenant name.
func (s *Service) SetQuota(ctx context.Context, tenantName string, q fathom.Quota) error {
	if q.Requests < 0 || q.Tokens < 0 || q.Retrievals < 0 {
		return fathom.Errorf(fathom.EINVALID, "quotas must be zero (unlimited) or positive")
	}
	_, err := s.UpdateQuota(ctx, tenantName, func(have *fathom.Quota) { *have = q })
	return err
}

// UpdateQuota changes a tenant's monthly plan by tenant name: change is
// given the current plan and alters only the limits it means to, in the
// same transaction, so that setting one limit keeps the others. It returns
// the plan as stored.
func (s *Service) UpdateQuota(ctx context.Context, tenantName string, change func(*fathom.Quota)) (fathom.Quota, error) {
	var q fathom.Quota
	err := s.store.Write(ctx, func(tx store.Tx) error {
		t, err := tx.TenantGetByName(ctx, tenantName)
		if err != nil {
			return err
		}
		q = t.Quota
		change(&q)
		if q.Requests < 0 || q.Tokens < 0 || q.Retrievals < 0 {
			return fathom.Errorf(fathom.EINVALID, "quotas must be zero (unlimited) or positive")
		}
		return tx.TenantSetQuota(ctx, t.ID, q)
	})
	if errors.Is(err, store.ErrNotFound) {
		return q, fathom.Errorf(fathom.ENOTFOUND, "no tenant named %q", tenantName)
	}
	return q, err
}

// Authenticate resolves a presented key to its principal. Any failure is
// EUNAUTHORIZED with the same message, so a caller learns nothing about
// which keys exist.
func (s *Service) Authenticate(ctx context.Context, secret string) (*fathom.Principal, error) {
	if !strings.HasPrefix(secret, KeyPrefix) || len(secret) > 128 {
		return nil, errUnauthorized
	}
	k, err := s.store.APIKeyGetByHash(ctx, HashKey(secret))
	if errors.Is(err, store.ErrNotFound) || (err == nil && k.RevokedAt != nil) {
		return nil, errUnauthorized
	}
	if err != nil {
		return nil, fmt.Errorf("authenticate: %w", err)
	}
	return &fathom.Principal{TenantID: k.TenantID, UserID: k.UserID, KeyID: k.ID}, nil
}

var errUnauthorized = fathom.Errorf(fathom.EUNAUTHORIZED, "invalid or missing API key")

// HashKey is how keys are stored. Keys carry 160 random bits, so a fast
// hash is enough: there is nothing to brute-force that a slow hash would
// protect.
func HashKey(secret string) string {
	sum := sha256.Sum256([]byte(secret))
	return hex.EncodeToString(sum[:])
}

var keyEncoding = base32.StdEncoding.WithPadding(base32.NoPadding)

func newSecret() (string, error) {
	b := make([]byte, 20)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("generate key: %w", err)
	}
	return KeyPrefix + strings.ToLower(keyEncoding.EncodeToString(b)), nil
}

// ListTenants lists every tenant with its plan.
func (s *Service) ListTenants(ctx context.Context) ([]*fathom.Tenant, error) {
	return s.store.TenantList(ctx)
}
