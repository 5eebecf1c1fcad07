package meeting

import (
	"context"
	"errors"
	"strings"

	"github.com/fathom-oss/fathom/internal/fathom"
	"github.com/fathom-oss/fathom/internal/store"
)

// MeetingTypePageSize is the page size of meeting-type lists (spec §7).
const MeetingTypePageSize = 10

// MaxMeetingTypeName bounds a meeting type's name.
const MaxMeetingTypeName = 128

// MeetingTypes returns a page of the workspace's meeting types after
// afterID, active and inactive, in creation order; next is 0 on the last
// page.
func (s *Service) MeetingTypes(ctx context.Context, c *Caller, afterID int64) (mts []*fathom.MeetingType, next int64, err error) {
	mts, err = s.store.MeetingTypeList(ctx, c.TenantID, afterID, MeetingTypePageSize+1)
	if err != nil {
		return nil, 0, err
	}
	if len(mts) > MeetingTypePageSize {
		mts = mts[:MeetingTypePageSize]
		next = mts[MeetingTypePageSize-1].ID
	}
	return mts, next, nil
}

// meetingTypeName checks a meeting type's name; field names it in errors.
func meetingTypeName(field, name string) (string, error) {
	name = strings.TrimSpace(name)
	if name == "" || len(name) > MaxMeetingTypeName {
		return "", fathom.Errorf(fathom.EINVALID, "%s must be 1 to %d characters", field, MaxMeetingTypeName)
	}
	return name, nil
}

// AddMeetingType adds a meeting type to a workspace, active; created is
// false when one by that name exists (it is left as it is).
func (s *Service) AddMeetingType(ctx context.Context, tenantID int64, name string) (mt *fathom.MeetingType, created bool, err error) {
	if name, err = meetingTypeName("meeting type name", name); err != nil {
		return nil, false, err
	}
	err = s.store.Write(ctx, func(tx store.Tx) (err error) {
		mt, created, err = tx.MeetingTypeEnsure(ctx, tenantID, name, s.now().UTC().Truncate(1e9))
		return err
	})
	return mt, created, err
}

// SetMeetingTypeStatus makes a meeting type active or inactive. Inactive
// types are still listed and still filter meetings; they only say that the
// workspace no longer uses them for new meetings.
func (s *Service) SetMeetingTypeStatus(ctx context.Context, tenantID int64, name, status string) error {
	if status != fathom.MeetingTypeActive && status != fathom.MeetingTypeInactive {
		return fathom.Errorf(fathom.EINVALID, "status must be active or inactive")
	}
	err := s.store.Write(ctx, func(tx store.Tx) error { return tx.MeetingTypeStatusSet(ctx, tenantID, name, status) })
	if errors.Is(err, store.ErrNotFound) {
		return fathom.Errorf(fathom.ENOTFOUND, "no meeting type named %q", name)
	}
	return err
}
