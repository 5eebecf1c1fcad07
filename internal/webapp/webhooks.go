package webapp

import (
	"net/http"
	"strconv"

	"github.com/fathom-oss/fathom/internal/fathom"
	"github.com/fathom-oss/fathom/internal/meeting"
)

// deliveriesShown is how many deliveries of each webhook the page lists.
const deliveriesShown = 20

// webhookView is one of the user's webhooks with its latest deliveries.
type webhookView struct {
	*fathom.Webhook
	Deliveries []*meeting.DeliveryLog
}

// webhooksView is the webhooks page.
type webhooksView struct {
	Webhooks    []webhookView
	Redelivered string // the delivery just queued again, from ?redelivered=
}

func (h *Handler) webhooks(w http.ResponseWriter, r *http.Request, v *viewer) {
	hooks, err := h.meetings.Webhooks(r.Context(), v.caller)
	if err != nil {
		h.fail(w, r, v, err)
		return
	}
	wv := &webhooksView{Redelivered: r.URL.Query().Get("redelivered")}
	for _, hk := range hooks {
		ds, err := h.meetings.Deliveries(r.Context(), v.caller, hk.ID, 0, deliveriesShown)
		if err != nil {
			h.fail(w, r, v, err)
			return
		}
		wv.Webhooks = append(wv.Webhooks, webhookView{Webhook: hk, Deliveries: ds})
	}
	h.render(w, r, http.StatusOK, "webhooks", page{Title: "Webhooks", User: v.caller.Email, CSRF: v.csrf, Nav: "webhooks", Data: wv})
}

// redeliver queues a logged delivery again and goes back to the page.
func (h *Handler) redeliver(w http.ResponseWriter, r *http.Request, v *viewer) {
	if !h.checkForm(w, r) {
		return
	}
	id, err := strconv.ParseInt(r.PathValue("delivery"), 10, 64)
	if err != nil {
		h.errorPage(w, r, v, http.StatusNotFound, "no delivery "+r.PathValue("delivery"))
		return
	}
	d, err := h.meetings.Redeliver(r.Context(), v.caller, r.PathValue("id"), id)
	if err != nil {
		h.fail(w, r, v, err)
		return
	}
	http.Redirect(w, r, "/webhooks?redelivered="+strconv.FormatInt(d.ID, 10), http.StatusSeeOther)
}
