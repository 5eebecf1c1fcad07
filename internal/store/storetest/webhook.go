package storetest

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"testing"
	"time"

	"github.com/fathom-oss/fathom/internal/fathom"
	"github.com/fathom-oss/fathom/internal/store"
)

func testWebhooks(t *testing.T, st store.Store) {
	ctx := context.Background()
	tn, u := seedTenant(t, st, "wh")
	other, ou := seedTenant(t, st, "wh2")
	var v *fathom.User
	write(t, st, func(tx store.Tx) (err error) {
		v, err = tx.UserCreate(ctx, &store.UserCreateParams{TenantID: tn.ID, Email: "v@wh.test", CreatedAt: now})
		return err
	})
	hooks := []*fathom.Webhook{
		{ID: "wh_b", TenantID: tn.ID, UserID: u.ID, URL: "https://a.test/hook", Secret: "whsec_1",
			Include: fathom.Include{Transcript: true, CRMMatches: true}, TriggeredFor: []string{fathom.TriggerMyRecordings, fathom.TriggerSharedTeam}, CreatedAt: now},
		{ID: "wh_a", TenantID: tn.ID, UserID: v.ID, URL: "https://b.test/hook", Secret: "whsec_2",
			Include: fathom.Include{Summary: true, ActionItems: true}, TriggeredFor: []string{fathom.TriggerSharedExternal}, CreatedAt: now},
		{ID: "wh_c", TenantID: tn.ID, UserID: u.ID, URL: "https://c.test/hook", Secret: "whsec_3",
			Include: fathom.Include{Summary: true}, TriggeredFor: fathom.Triggers, CreatedAt: now.Add(time.Second)},
		{ID: "wh_o", TenantID: other.ID, UserID: ou.ID, URL: "https://o.test/hook", Secret: "whsec_4",
			Include: fathom.Include{Summary: true}, TriggeredFor: []string{fathom.TriggerMyRecordings}, CreatedAt: now},
	}
	for _, w := range hooks {
		write(t, st, func(tx store.Tx) error { return tx.WebhookCreate(ctx, w) })
	}
	err := st.Write(ctx, func(tx store.Tx) error { c := *hooks[0]; return tx.WebhookCreate(ctx, &c) })
	if !errors.Is(err, store.ErrDuplicate) {
		t.Fatalf("duplicate webhook id err = %v, want ErrDuplicate", err)
	}
	got := must(st.WebhookGet(ctx, tn.ID, "wh_c"))
	if !got.CreatedAt.Equal(hooks[2].CreatedAt) {
		t.Fatalf("CreatedAt = %v", got.CreatedAt)
	}
	got.CreatedAt = hooks[2].CreatedAt
	if !reflect.DeepEqual(got, hooks[2]) {
		t.Fatalf("WebhookGet = %+v, want %+v", got, hooks[2])
	}
	if _, err := st.WebhookGet(ctx, other.ID, "wh_c"); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("webhook of another tenant err = %v", err)
	}
	ids := func(ws []*fathom.Webhook) string {
		out := ""
		for _, w := range ws {
			out += w.ID + " "
		}
		return out
	}
	if l := ids(must(st.WebhookList(ctx, tn.ID, 0))); l != "wh_b wh_a wh_c " {
		t.Fatalf("WebhookList(tenant) = %s, want oldest first", l)
	}
	if l := ids(must(st.WebhookList(ctx, tn.ID, u.ID))); l != "wh_b wh_c " {
		t.Fatalf("WebhookList(user) = %s", l)
	}
	if l := must(st.WebhookList(ctx, tn.ID, u.ID)); fmt.Sprint(l[0].TriggeredFor) != fmt.Sprint(hooks[0].TriggeredFor) || l[0].Include != hooks[0].Include {
		t.Fatalf("listed webhook = %+v", l[0])
	}

	for name, del := range map[string]func(tx store.Tx) error{
		"another user's":   func(tx store.Tx) error { return tx.WebhookDelete(ctx, tn.ID, v.ID, "wh_b", now) },
		"another tenant's": func(tx store.Tx) error { return tx.WebhookDelete(ctx, other.ID, u.ID, "wh_b", now) },
		"no such":          func(tx store.Tx) error { return tx.WebhookDelete(ctx, tn.ID, u.ID, "wh_none", now) },
	} {
		if err := st.Write(ctx, del); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("deleting %s webhook err = %v, want ErrNotFound", name, err)
		}
	}
	write(t, st, func(tx store.Tx) error { return tx.WebhookDelete(ctx, tn.ID, u.ID, "wh_b", now) })
	if _, err := st.WebhookGet(ctx, tn.ID, "wh_b"); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("deleted webhook err = %v, want ErrNotFound", err)
	}
	if err := st.Write(ctx, func(tx store.Tx) error { return tx.WebhookDelete(ctx, tn.ID, u.ID, "wh_b", now) }); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("second delete err = %v, want ErrNotFound", err)
	}
	if l := ids(must(st.WebhookList(ctx, tn.ID, 0))); l != "wh_a wh_c " {
		t.Fatalf("WebhookList after delete = %s", l)
	}
}

func testDeliveries(t *testing.T, st store.Store) {
	ctx := context.Background()
	tn, u := seedTenant(t, st, "dl")
	other, _ := seedTenant(t, st, "dl2")
	write(t, st, func(tx store.Tx) error {
		return tx.WebhookCreate(ctx, &fathom.Webhook{ID: "wh_1", TenantID: tn.ID, UserID: u.ID, URL: "https://a.test",
			Secret: "s", TriggeredFor: fathom.Triggers, CreatedAt: now})
	})
	var ds []*fathom.Delivery
	write(t, st, func(tx store.Tx) error {
		for i := range 5 {
			d := &fathom.Delivery{TenantID: tn.ID, UserID: u.ID, Kind: fathom.DeliveryWebhook, WebhookID: "wh_1", MeetingID: int64(100 + i),
				URL: "https://a.test", Secret: "s", MessageID: fmt.Sprint("msg_", i), Body: []byte(fmt.Sprintf(`{"n":%d}`, i)),
				Status: fathom.DeliveryPending, CreatedAt: now.Add(time.Duration(i) * time.Second)}
			if err := tx.DeliveryCreate(ctx, d); err != nil {
				return err
			}
			ds = append(ds, d)
		}
		cb := &fathom.Delivery{TenantID: tn.ID, UserID: u.ID, Kind: fathom.DeliveryCallback, URL: "https://cb.test",
			MessageID: "msg_cb", Body: []byte("{}"), Status: fathom.DeliveryPending, CreatedAt: now}
		return tx.DeliveryCreate(ctx, cb)
	})
	if ds[0].ID == 0 || ds[1].ID <= ds[0].ID {
		t.Fatalf("DeliveryCreate ids = %d, %d", ds[0].ID, ds[1].ID)
	}
	err := st.Write(ctx, func(tx store.Tx) error { d := *ds[0]; return tx.DeliveryCreate(ctx, &d) })
	if !errors.Is(err, store.ErrDuplicate) {
		t.Fatalf("duplicate message id err = %v, want ErrDuplicate", err)
	}
	got := must(st.DeliveryGet(ctx, tn.ID, ds[2].ID))
	if !got.CreatedAt.Equal(ds[2].CreatedAt) || got.DeliveredAt != nil {
		t.Fatalf("DeliveryGet times = %v, %v", got.CreatedAt, got.DeliveredAt)
	}
	got.CreatedAt = ds[2].CreatedAt
	if !reflect.DeepEqual(got, ds[2]) {
		t.Fatalf("DeliveryGet = %+v, want %+v", got, ds[2])
	}
	if _, err := st.DeliveryGet(ctx, other.ID, ds[2].ID); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("delivery of another tenant err = %v", err)
	}
	page := func(before int64, limit int) string {
		out := ""
		for _, d := range must(st.DeliveryList(ctx, "wh_1", before, limit)) {
			out += d.MessageID + " "
		}
		return out
	}
	if p := page(0, 2); p != "msg_4 msg_3 " {
		t.Fatalf("first page = %s", p)
	}
	if p := page(ds[3].ID, 2); p != "msg_2 msg_1 " {
		t.Fatalf("page before %d = %s", ds[3].ID, p)
	}
	if p := page(ds[1].ID, 2); p != "msg_0 " {
		t.Fatalf("last page = %s", p)
	}
	if p := page(0, 10); p != "msg_4 msg_3 msg_2 msg_1 msg_0 " {
		t.Fatalf("whole list = %s (callbacks and other webhooks must not appear)", p)
	}

	d := ds[4]
	at := now.Add(time.Minute)
	write(t, st, func(tx store.Tx) error {
		return tx.DeliveryRecord(ctx, &fathom.DeliveryAttempt{DeliveryID: d.ID, Attempt: 1, At: at, StatusCode: 503,
			Error: "HTTP 503", Duration: 250 * time.Millisecond, Response: "busy"}, fathom.DeliveryPending)
	})
	if g := must(st.DeliveryGet(ctx, tn.ID, d.ID)); g.Attempts != 1 || g.LastStatus != 503 || g.LastError != "HTTP 503" ||
		g.Status != fathom.DeliveryPending || g.DeliveredAt != nil {
		t.Fatalf("after a failed attempt = %+v", g)
	}
	write(t, st, func(tx store.Tx) error {
		return tx.DeliveryRecord(ctx, &fathom.DeliveryAttempt{DeliveryID: d.ID, Attempt: 2, At: at.Add(time.Minute), StatusCode: 200,
			Duration: 40 * time.Millisecond, Response: "ok"}, fathom.DeliveryDelivered)
	})
	g := must(st.DeliveryGet(ctx, tn.ID, d.ID))
	if g.Attempts != 2 || g.LastStatus != 200 || g.LastError != "" || g.Status != fathom.DeliveryDelivered ||
		g.DeliveredAt == nil || !g.DeliveredAt.Equal(at.Add(time.Minute)) {
		t.Fatalf("after delivery = %+v", g)
	}
	err = st.Write(ctx, func(tx store.Tx) error {
		return tx.DeliveryRecord(ctx, &fathom.DeliveryAttempt{DeliveryID: d.ID, Attempt: 2, At: at}, fathom.DeliveryFailed)
	})
	if !errors.Is(err, store.ErrDuplicate) {
		t.Fatalf("recording attempt 2 twice err = %v, want ErrDuplicate", err)
	}
	as := must(st.DeliveryAttemptList(ctx, d.ID))
	if len(as) != 2 || as[0].Attempt != 1 || as[1].Attempt != 2 {
		t.Fatalf("attempts = %+v", as)
	}
	a := as[0]
	if a.DeliveryID != d.ID || !a.At.Equal(at) || a.StatusCode != 503 || a.Error != "HTTP 503" || a.Duration != 250*time.Millisecond || a.Response != "busy" {
		t.Fatalf("first attempt = %+v", a)
	}
	if as := must(st.DeliveryAttemptList(ctx, ds[0].ID)); len(as) != 0 {
		t.Fatalf("attempts of an untried delivery = %+v", as)
	}
	// A failed delivery keeps no delivered time.
	write(t, st, func(tx store.Tx) error {
		return tx.DeliveryRecord(ctx, &fathom.DeliveryAttempt{DeliveryID: ds[0].ID, Attempt: 1, At: at, Error: "timeout"}, fathom.DeliveryFailed)
	})
	if g := must(st.DeliveryGet(ctx, tn.ID, ds[0].ID)); g.Status != fathom.DeliveryFailed || g.DeliveredAt != nil || g.LastError != "timeout" || g.LastStatus != 0 {
		t.Fatalf("failed delivery = %+v", g)
	}
}
