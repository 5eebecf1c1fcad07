package fathom

import "time"

// Tenant is a workspace: every conversation, key and statistic belongs to
// exactly one, and no read or write ever crosses two.
type Tenant struct {
	ID        int64
	Name      string
	CreatedAt time.Time
	Quota     Quota
}

// Quota is a tenant's monthly plan. Zero means unlimited.
type Quota struct {
	Requests   int64
	Tokens     int64
	Retrievals int64
}

// User is a person in a tenant. Keys belong to users so that APIs scoped by
// user (the meetings API) and by tenant (the Context API) share one key.
type User struct {
	ID        int64
	TenantID  int64
	Email     string
	Name      string
	CreatedAt time.Time
}

// APIKey is the stored form of a key: the secret itself is never kept, only
// its hash and a short prefix that lets a person recognise it in a list.
type APIKey struct {
	ID         int64
	TenantID   int64
	UserID     int64
	Name       string
	Prefix     string
	Hash       string
	CreatedAt  time.Time
	RevokedAt  *time.Time
	UserEmail  string // filled by lists, for display
	TenantName string // filled by lists, for display
}

// Principal is who a request acts as, resolved from its credentials.
type Principal struct {
	TenantID int64
	UserID   int64
	KeyID    int64
	// AppID is the OAuth app an access token was granted to (0 for an
	// API key).
	AppID int64
}
