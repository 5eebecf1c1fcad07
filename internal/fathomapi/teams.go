package fathomapi

import (
	"context"
	"net/http"

	"github.com/fathom-oss/fathom/internal/meeting"
)

func (h *Handler) listTeams(ctx context.Context, c *meeting.Caller, r *http.Request) (int, any, error) {
	filter := filterHash("teams")
	after, err := decodeIDCursor(query{r.URL.Query()}.cursor(), filter)
	if err != nil {
		return 0, nil, err
	}
	teams, next, err := h.meetings.Teams(ctx, c, after)
	if err != nil {
		return 0, nil, err
	}
	out := listJSON[teamJSON]{Limit: meeting.ListPageSize, Items: make([]teamJSON, len(teams)), NextCursor: idCursor(filter, next)}
	for i, t := range teams {
		out.Items[i] = teamJSON{Name: t.Name, CreatedAt: timeJSON(t.CreatedAt)}
	}
	return http.StatusOK, out, nil
}

func (h *Handler) listMembers(ctx context.Context, c *meeting.Caller, r *http.Request) (int, any, error) {
	q := query{r.URL.Query()}
	team := q.str("team")
	filter := filterHash("team_members", team)
	after, err := decodeIDCursor(q.cursor(), filter)
	if err != nil {
		return 0, nil, err
	}
	members, next, err := h.meetings.Members(ctx, c, team, after)
	if err != nil {
		return 0, nil, err
	}
	out := listJSON[teamMemberJSON]{Limit: meeting.ListPageSize, Items: make([]teamMemberJSON, len(members)),
		NextCursor: idCursor(filter, next)}
	for i, m := range members {
		out.Items[i] = teamMemberJSON{Name: m.Name, Email: m.Email, CreatedAt: timeJSON(m.CreatedAt)}
		if m.Name == "" {
			out.Items[i].Name = m.Email
		}
	}
	return http.StatusOK, out, nil
}
