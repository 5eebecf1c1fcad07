package webapp

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/fathom-oss/fathom/internal/conversation"
	"github.com/fathom-oss/fathom/internal/knowledge"
)

// The knowledge dashboard: what the Context API learned from the
// signed-in user's tenant's conversations, read through the conversation
// service.

// trendWeeks is how many weeks the trend lines cover.
const trendWeeks = 12

// conversationsShown is the conversation browser's page size.
const conversationsShown = 25

// typeView is an issue type with its solutions and trend.
type typeView struct {
	*knowledge.Recommendation
	Trend      []int
	TrendLine  string // the trend's polyline points in a 120×32 box
	TrendTotal int
	Solutions  []solutionView
	Minutes    float64 // time to resolve with the top fix, 0 when unknown
	Graph      *graphView
}

// solutionView is a solution with its success bar's width (of 100).
type solutionView struct {
	knowledge.SolutionInfo
	Bar   int
	Share int // success probability in percent
}

// knowledgeView is the dashboard.
type knowledgeView struct {
	Types   []typeView
	Message string
	Similar *conversation.SimilarResult
	Actions []solutionView
}

func (h *Handler) knowledge(w http.ResponseWriter, r *http.Request, v *viewer) {
	ctx, tenant := r.Context(), v.caller.TenantID
	trends, err := h.conversations.Trends(ctx, tenant, trendWeeks, time.Now())
	if err != nil {
		h.fail(w, r, v, err)
		return
	}
	kv := &knowledgeView{}
	for _, it := range h.conversations.IssueTypes(ctx, tenant) {
		rec, err := h.conversations.IssueType(ctx, tenant, it.Name)
		if err != nil {
			continue // renamed or merged since it was listed
		}
		kv.Types = append(kv.Types, newTypeView(rec, trends[it.Name]))
	}
	if q := r.URL.Query(); q.Has("message") {
		kv.Message = q.Get("message")
		res, err := h.conversations.Similar(ctx, tenant, conversation.SimilarParams{Message: kv.Message})
		if err != nil {
			h.fail(w, r, v, err)
			return
		}
		kv.Similar = res
		if res.Recommendation != nil {
			kv.Actions = solutionViews(res.Recommendation.Actions)
		}
	}
	h.render(w, r, http.StatusOK, "knowledge", page{Title: "Knowledge", User: v.caller.Email, CSRF: v.csrf, Nav: "knowledge", Data: kv})
}

func (h *Handler) knowledgeType(w http.ResponseWriter, r *http.Request, v *viewer) {
	ctx, tenant := r.Context(), v.caller.TenantID
	rec, err := h.conversations.IssueType(ctx, tenant, r.PathValue("name"))
	if err != nil {
		h.fail(w, r, v, err)
		return
	}
	trends, err := h.conversations.Trends(ctx, tenant, trendWeeks, time.Now())
	if err != nil {
		h.fail(w, r, v, err)
		return
	}
	tv := newTypeView(rec, trends[rec.IssueType.Name])
	tv.Graph = newGraphView(rec)
	h.render(w, r, http.StatusOK, "issuetype", page{Title: rec.IssueType.Name, User: v.caller.Email, CSRF: v.csrf, Nav: "knowledge", Data: &tv})
}

func (h *Handler) knowledgeConversations(w http.ResponseWriter, r *http.Request, v *viewer) {
	var after int64
	if s := r.URL.Query().Get("after"); s != "" {
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil || n < 0 {
			h.errorPage(w, r, v, http.StatusBadRequest, "after must be a non-negative integer, got "+strconv.Quote(s))
			return
		}
		after = n
	}
	p, err := h.conversations.Browse(r.Context(), v.caller.TenantID, after, conversationsShown)
	if err != nil {
		h.fail(w, r, v, err)
		return
	}
	h.render(w, r, http.StatusOK, "conversations", page{Title: "Conversations", User: v.caller.Email, CSRF: v.csrf,
		Nav: "knowledge", Data: p})
}

func newTypeView(rec *knowledge.Recommendation, trend []int) typeView {
	if trend == nil {
		trend = make([]int, trendWeeks)
	}
	tv := typeView{Recommendation: rec, Trend: trend, TrendLine: polyline(trend, 120, 32), Solutions: solutionViews(rec.Actions)}
	for _, n := range trend {
		tv.TrendTotal += n
	}
	if len(rec.Actions) > 0 {
		tv.Minutes = rec.Actions[0].Stats.MinutesToResolve
	}
	return tv
}

func solutionViews(list []knowledge.SolutionInfo) []solutionView {
	out := make([]solutionView, 0, len(list))
	for _, s := range list {
		out = append(out, solutionView{SolutionInfo: s, Bar: int(s.Stats.SuccessRate*100 + 0.5),
			Share: int(s.Stats.SuccessProbability*100 + 0.5)})
	}
	return out
}

// polyline draws counts as the points of an SVG polyline in a w×h box,
// the largest count at the top (a flat line at the bottom when all are 0).
func polyline(counts []int, w, h float64) string {
	top := 1
	for _, n := range counts {
		top = max(top, n)
	}
	step := w
	if len(counts) > 1 {
		step = w / float64(len(counts)-1)
	}
	pts := make([]string, len(counts))
	for i, n := range counts {
		y := (h - 2) - float64(n)/float64(top)*(h-4)
		pts[i] = fmt.Sprintf("%.1f,%.1f", float64(i)*step, y)
	}
	return strings.Join(pts, " ")
}
