package conversation

import (
	"context"
	"time"

	"github.com/fathom-oss/fathom/internal/store"
)

// analysisLease is how long a server's hold on a tenant's analysis lasts
// without renewal. It renews at every round of analysis, so it only runs
// out when the server died or stalled; another server then takes over.
const analysisLease = 30 * time.Second

// takeLease makes this server the one analysing the tenant, after applying
// whatever the previous holder saved; errBusy if another server holds it,
// or another job of this server is analysing the tenant (it would reload
// the model under this one's feet). release gives it back.
func (s *Service) takeLease(ctx context.Context, tenantID int64) (release func(), err error) {
	unclaim, err := s.claim(tenantID)
	if err != nil {
		return nil, err
	}
	if err := s.renewLease(ctx, tenantID); err != nil {
		unclaim()
		return nil, err
	}
	if err := s.catchUpForLease(ctx, tenantID); err != nil {
		unclaim()
		s.releaseLease(tenantID)
		return nil, err
	}
	// From now on the feed holds no model save of the tenant by another
	// server, unless this server's lease lapsed (see applyTenant).
	s.leaseMu.Lock()
	s.leases[tenantID] = true
	s.leaseMu.Unlock()
	return func() {
		unclaim()
		s.releaseLease(tenantID)
	}, nil
}

// claim makes the calling job the one of this server analysing the
// tenant; errBusy if another job of this server is at it. unclaim gives
// it back. Two jobs at once would read the same dirty conversations and
// analyse each of them twice, racing to place them.
func (s *Service) claim(tenantID int64) (unclaim func(), err error) {
	s.leaseMu.Lock()
	defer s.leaseMu.Unlock()
	if s.claimed[tenantID] {
		return nil, errBusy{tenantID}
	}
	s.claimed[tenantID] = true
	return func() {
		s.leaseMu.Lock()
		delete(s.claimed, tenantID)
		delete(s.leases, tenantID)
		s.leaseMu.Unlock()
	}, nil
}

// renewLease takes or extends the lease; errBusy if another server holds
// it.
func (s *Service) renewLease(ctx context.Context, tenantID int64) error {
	var ok bool
	now := s.now()
	err := s.store.Write(ctx, func(tx store.Tx) (err error) {
		ok, err = tx.AnalysisLeaseAcquire(ctx, &store.AnalysisLeaseParams{TenantID: tenantID, Server: s.cfg.Server,
			Now: now, Until: now.Add(analysisLease)})
		return err
	})
	if err == nil && !ok {
		err = errBusy{tenantID}
	}
	return err
}

func (s *Service) releaseLease(tenantID int64) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	err := s.store.Write(ctx, func(tx store.Tx) error { return tx.AnalysisLeaseRelease(ctx, tenantID, s.cfg.Server) })
	if err != nil {
		s.logger.Warn("release analysis lease", "tenant", tenantID, "err", err)
	}
}

// holdsLease reports whether an analysis of the tenant runs on this server.
func (s *Service) holdsLease(tenantID int64) bool {
	s.leaseMu.Lock()
	defer s.leaseMu.Unlock()
	return s.leases[tenantID]
}
