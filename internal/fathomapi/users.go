package fathomapi

import (
	"cmp"
	"context"
	"net/http"

	"github.com/fathom-oss/fathom/internal/fathom"
	"github.com/fathom-oss/fathom/internal/meeting"
)

func (h *Handler) listMeetingTypes(ctx context.Context, c *meeting.Caller, r *http.Request) (int, any, error) {
	filter := filterHash("meeting_types")
	after, err := decodeIDCursor(query{r.URL.Query()}.cursor(), filter)
	if err != nil {
		return 0, nil, err
	}
	mts, next, err := h.meetings.MeetingTypes(ctx, c, after)
	if err != nil {
		return 0, nil, err
	}
	out := listJSON[meetingTypeJSON]{Limit: meeting.MeetingTypePageSize, Items: make([]meetingTypeJSON, len(mts)),
		NextCursor: idCursor(filter, next)}
	for i, mt := range mts {
		out.Items[i] = meetingTypeJSON{Name: mt.Name, Status: mt.Status, CreatedAt: timeJSON(mt.CreatedAt)}
	}
	return http.StatusOK, out, nil
}

func (h *Handler) listUsers(ctx context.Context, c *meeting.Caller, r *http.Request) (int, any, error) {
	q := query{r.URL.Query()}
	var p meeting.UserListParams
	var err error
	if p.Team, err = q.text("team"); err != nil {
		return 0, nil, err
	}
	p.Status, p.SettingsAccess = q.str("status"), q.str("settings_access")
	filter := filterHash("users", p.Team, p.Status, p.SettingsAccess)
	if p.After, err = decodeUserCursor(q.cursor(), filter); err != nil {
		return 0, nil, err
	}
	page, err := h.meetings.Users(ctx, c, p)
	if err != nil {
		return 0, nil, err
	}
	out := listJSON[workspaceUserJSON]{Limit: meeting.ListPageSize, Items: make([]workspaceUserJSON, 0, len(page.Members)+len(page.Invitations))}
	for _, m := range page.Members {
		view := "own_and_shared"
		if m.TeamID != 0 {
			view = "team"
		}
		out.Items = append(out.Items, workspaceUserJSON{Name: cmp.Or(m.Name, m.Email), Email: m.Email, Team: strPtr(m.TeamName),
			Status: m.Status, CreatedAt: timeJSON(m.CreatedAt),
			Permissions: &permissionsJSON{SettingsAccess: m.SettingsAccess, ViewAccess: view}})
	}
	for _, inv := range page.Invitations {
		out.Items = append(out.Items, workspaceUserJSON{Name: cmp.Or(inv.Name, inv.Email), Email: inv.Email,
			Team: strPtr(inv.TeamName), Status: fathom.UserInvited, CreatedAt: timeJSON(inv.CreatedAt)})
	}
	if n := page.Next; n != nil {
		phase := "m"
		if n.Invitations {
			phase = "i"
		}
		out.NextCursor = encodeCursor(filter, phase, n.AfterID)
	}
	return http.StatusOK, out, nil
}

// decodeUserCursor reads a users cursor: the phase ("m" members, "i"
// invitations) and the last id listed in it.
func decodeUserCursor(s, filter string) (meeting.UserPosition, error) {
	if s == "" {
		return meeting.UserPosition{}, nil
	}
	key, err := decodeCursor(s, filter)
	if err != nil || len(key) != 2 {
		return meeting.UserPosition{}, errCursor
	}
	phase, ok1 := key[0].(string)
	id, ok2 := key[1].(float64)
	if !ok1 || !ok2 || id < 0 || (phase != "m" && phase != "i") || (phase == "m" && id == 0) {
		return meeting.UserPosition{}, errCursor
	}
	return meeting.UserPosition{Invitations: phase == "i", AfterID: int64(id)}, nil
}
