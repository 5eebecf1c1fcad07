//go:build pgmeet_scaffold

package postgres

// Until the tenant and user methods land (branch pgcore), this gives the
// meeting, OAuth and gateway conformance cases the two they seed with. It
// builds only with -tags pgmeet_scaffold, so it never collides with them.

import (
	"context"
	"fmt"

	"github.com/fathom-oss/fathom/internal/fathom"
	"github.com/fathom-oss/fathom/internal/store"
)

func (t *tx) TenantCreate(ctx context.Context, p *store.TenantCreateParams) (*fathom.Tenant, error) {
	tn := &fathom.Tenant{Name: p.Name, CreatedAt: p.CreatedAt}
	err := t.q.QueryRow(ctx, `INSERT INTO tenants (name, created_at) VALUES ($1, $2) RETURNING id`, p.Name, p.CreatedAt).Scan(&tn.ID)
	if err != nil {
		return nil, fmt.Errorf("create tenant: %w", interpretError(err))
	}
	return tn, nil
}

func (t *tx) UserCreate(ctx context.Context, p *store.UserCreateParams) (*fathom.User, error) {
	u := &fathom.User{TenantID: p.TenantID, Email: p.Email, Name: p.Name, CreatedAt: p.CreatedAt}
	err := t.q.QueryRow(ctx, `INSERT INTO users (tenant_id, email, name, created_at) VALUES ($1, $2, $3, $4) RETURNING id`,
		p.TenantID, p.Email, p.Name, p.CreatedAt).Scan(&u.ID)
	if err != nil {
		return nil, fmt.Errorf("create user: %w", interpretError(err))
	}
	return u, nil
}
