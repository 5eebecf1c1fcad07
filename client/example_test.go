package client_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"time"

	"github.com/fathom-oss/fathom/client"
	"github.com/fathom-oss/fathom/internal/webhook"
)

// A webhook handler checks each delivery before trusting it.
func ExampleVerifyWebhook() {
	secret := "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw" // from CreateWebhook
	body := []byte(`{"recording_id":123}`)
	// What a delivery carries (made here as the server makes it).
	now := time.Now()
	sig, _ := webhook.Sign(secret, "msg_2x2zwLOcWaRTzsLK8KtbQt1FTk9", now, body)
	h := http.Header{}
	h.Set("webhook-id", "msg_2x2zwLOcWaRTzsLK8KtbQt1FTk9")
	h.Set("webhook-timestamp", strconv.FormatInt(now.Unix(), 10))
	h.Set("webhook-signature", sig)

	fmt.Println(client.VerifyWebhook(secret, h, body))
	fmt.Println(client.VerifyWebhook(secret, h, []byte(`{"recording_id":666}`)) != nil)
	// Output:
	// <nil>
	// true
}

// Listing teams follows every page; here against a stand-in server.
func ExampleClient_Teams() {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		if r.URL.Query().Get("cursor") == "" {
			fmt.Fprint(w, `{"limit":25,"next_cursor":"p2","items":[{"name":"Sales","created_at":"2025-03-01T17:01:30Z"}]}`)
			return
		}
		fmt.Fprint(w, `{"limit":25,"next_cursor":null,"items":[{"name":"Engineering","created_at":"2025-03-02T09:00:00Z"}]}`)
	}))
	defer srv.Close()
	c, _ := client.New(client.WithBaseURL(srv.URL), client.WithAPIKey("KEY"), client.WithRateLimit(0, 0))
	for team, err := range c.Teams(context.Background()) {
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println(team.Name)
	}
	// Output:
	// Sales
	// Engineering
}
