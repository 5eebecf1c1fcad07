package app_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

func track(id string, msgs ...string) string {
	type m struct {
		Role    string `json:"role"`
		Content string `json:"content"`
	}
	var list []m
	for i, c := range msgs {
		role := "user"
		if i%2 == 1 {
			role = "assistant"
		}
		list = append(list, m{role, c})
	}
	return mustJSON(map[string]any{"conversationId": id, "messages": list})
}

// TestBadInput walks every invalid field of the contract: each gets a 400
// whose message names the field, in the vendor's error envelope.
func TestBadInput(t *testing.T) {
	s := start(t, testConfig(t))
	key := s.newKey(t, "acme")
	long := strings.Repeat("x", 257)
	big := strings.Repeat("y", 32<<10+1)
	msgs11 := `[` + strings.TrimSuffix(strings.Repeat(`{"role":"user","content":"a"},`, 11), ",") + `]`
	cases := []struct {
		name, path, body, field string
	}{
		{"empty body", "/track", ``, "request body"},
		{"not json", "/track", `{"conversationId":`, "request body"},
		{"array body", "/track", `[1,2]`, "request body"},
		{"two objects", "/track", `{} {}`, "request body"},
		{"missing conversationId", "/track", `{"messages":[{"role":"user","content":"a"}]}`, "conversationId"},
		{"numeric conversationId", "/track", `{"conversationId":5,"messages":[{"role":"user","content":"a"}]}`, "conversationId"},
		{"empty conversationId", "/track", `{"conversationId":"","messages":[{"role":"user","content":"a"}]}`, "conversationId"},
		{"long conversationId", "/track", `{"conversationId":"` + long + `","messages":[{"role":"user","content":"a"}]}`, "conversationId"},
		{"missing messages", "/track", `{"conversationId":"c"}`, "messages"},
		{"messages not array", "/track", `{"conversationId":"c","messages":"hi"}`, "messages"},
		{"no messages", "/track", `{"conversationId":"c","messages":[]}`, "messages"},
		{"eleven messages", "/track", `{"conversationId":"c","messages":` + msgs11 + `}`, "messages"},
		{"message not object", "/track", `{"conversationId":"c","messages":["hi"]}`, "messages[0]"},
		{"bad role", "/track", `{"conversationId":"c","messages":[{"role":"user","content":"a"},{"role":"bot","content":"b"}]}`, "messages[1].role"},
		{"missing role", "/track", `{"conversationId":"c","messages":[{"content":"a"}]}`, "messages[0].role"},
		{"empty content", "/track", `{"conversationId":"c","messages":[{"role":"user","content":"  "}]}`, "messages[0].content"},
		{"numeric content", "/track", `{"conversationId":"c","messages":[{"role":"user","content":3}]}`, "messages[0].content"},
		{"content too long", "/track", `{"conversationId":"c","messages":[{"role":"user","content":"` + big + `"}]}`, "messages[0].content"},
		{"userId not string", "/track", `{"conversationId":"c","userId":7,"messages":[{"role":"user","content":"a"}]}`, "userId"},
		{"userId too long", "/track", `{"conversationId":"c","userId":"` + long + `","messages":[{"role":"user","content":"a"}]}`, "userId"},
		{"resolve without id", "/resolve", `{"resolutionNotes":"x"}`, "conversationId"},
		{"resolve notes not string", "/resolve", `{"conversationId":"c","resolutionNotes":1}`, "resolutionNotes"},
		{"similarity without message", "/similarity", `{"limit":3}`, "message"},
		{"similarity empty message", "/similarity", `{"message":" "}`, "message"},
		{"similarity long message", "/similarity", `{"message":"` + strings.Repeat("z", 8<<10+1) + `"}`, "message"},
		{"limit zero", "/similarity", `{"message":"a","limit":0}`, "limit"},
		{"limit negative", "/similarity", `{"message":"a","limit":-1}`, "limit"},
		{"limit too big", "/similarity", `{"message":"a","limit":101}`, "limit"},
		{"limit fractional", "/similarity", `{"message":"a","limit":2.5}`, "limit"},
		{"limit string", "/similarity", `{"message":"a","limit":"5"}`, "limit"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := s.post(t, "/api/v1/context"+tc.path, key, tc.body)
			if r.Status != http.StatusBadRequest {
				t.Fatalf("status %d, want 400: %s", r.Status, r.Raw)
			}
			if r.Body["success"] != false || r.Body["requestId"] == "" || !strings.Contains(r.message(), tc.field) {
				t.Fatalf("body %s does not name %q in the error envelope", r.Raw, tc.field)
			}
		})
	}
	// A body over the size limit is a 413, and the server keeps serving.
	huge := `{"conversationId":"c","messages":[{"role":"user","content":"` + strings.Repeat("q", 2<<20) + `"}]}`
	if r := s.post(t, "/api/v1/context/track", key, huge); r.Status != 413 || !strings.Contains(r.message(), "request body must be at most") {
		t.Fatalf("huge body: %d %s", r.Status, r.Raw)
	}
	if r := s.post(t, "/api/v1/context/track", key, track("ok", "still serving")); r.Status != 200 {
		t.Fatalf("after bad input: %d %s", r.Status, r.Raw)
	}
}

func TestAuth(t *testing.T) {
	s := start(t, testConfig(t))
	key := s.newKey(t, "acme")
	body := track("c1", "hello")
	for name, k := range map[string]string{"missing": "", "unknown": "fth_notakey", "garbage": "Bearer x"} {
		r := s.post(t, "/api/v1/context/track", k, body)
		if r.Status != 401 || r.Body["success"] != false || !strings.Contains(r.message(), "API key") {
			t.Errorf("%s key: %d %s", name, r.Status, r.Raw)
		}
	}
	if r := s.post(t, "/api/v1/context/track", key, body); r.Status != 200 {
		t.Fatalf("valid key: %d %s", r.Status, r.Raw)
	}
	keys, _ := s.Tenants.ListKeys(t.Context())
	if err := s.Tenants.RevokeKey(t.Context(), keys[len(keys)-1].ID); err != nil {
		t.Fatal(err)
	}
	if r := s.post(t, "/api/v1/context/track", key, body); r.Status != 401 {
		t.Fatalf("revoked key: %d %s", r.Status, r.Raw)
	}
}

func TestTrackResendIdempotencyResolveReopen(t *testing.T) {
	s := start(t, testConfig(t))
	key := s.newKey(t, "acme")
	const api = "/api/v1/context"

	r := s.post(t, api+"/track", key, track("conv-001", "My payment is being declined", "Can you check if your card is expired?"))
	if r.Status != 200 || r.Body["success"] != true || r.message() != "Conversation tracking initiated" {
		t.Fatalf("first track: %d %s", r.Status, r.Raw)
	}
	d := r.data()
	if d["conversationId"] != "conv-001" || d["messagesReceived"] != 2.0 || d["isIncremental"] != true {
		t.Fatalf("first track data: %v", d)
	}
	if id := r.Header.Get("X-Request-Id"); id == "" || id != r.Body["requestId"] {
		t.Fatalf("X-Request-Id %q vs requestId %v", id, r.Body["requestId"])
	}

	// Incremental: only the new message.
	r = s.post(t, api+"/track", key, mustJSON(map[string]any{"conversationId": "conv-001",
		"messages": []map[string]string{{"role": "user", "content": "Yes it expired last month"}}}))
	if d := r.data(); d["isIncremental"] != true || d["messagesAppended"] != 1.0 {
		t.Fatalf("incremental track: %s", r.Raw)
	}

	// Resend of the whole history plus one new message: only the suffix.
	full := mustJSON(map[string]any{"conversationId": "conv-001", "messages": []map[string]string{
		{"role": "user", "content": "My payment is being declined"},
		{"role": "assistant", "content": "Can you check if your card is expired?"},
		{"role": "user", "content": "Yes it expired last month"},
		{"role": "assistant", "content": "Please update the card in billing settings."}}})
	r = s.post(t, api+"/track", key, full)
	if d := r.data(); d["isIncremental"] != false || d["messagesReceived"] != 4.0 || d["messagesAppended"] != 1.0 {
		t.Fatalf("resend: %s", r.Raw)
	}
	// The same resend again appends nothing.
	r = s.post(t, api+"/track", key, full)
	if d := r.data(); d["isIncremental"] != false || d["messagesAppended"] != 0.0 {
		t.Fatalf("second resend: %s", r.Raw)
	}

	// Idempotency-Key: the retry is a no-op that returns the first answer.
	body := mustJSON(map[string]any{"conversationId": "conv-002",
		"messages": []map[string]string{{"role": "user", "content": "I cannot log in"}}})
	first := s.post(t, api+"/track", key, body, "Idempotency-Key", "retry-1")
	again := s.post(t, api+"/track", key, body, "Idempotency-Key", "retry-1")
	if first.Status != 200 || again.Status != 200 || mustJSON(first.data()) != mustJSON(again.data()) {
		t.Fatalf("idempotent retry differs:\n%s\n%s", first.Raw, again.Raw)
	}
	if again.Header.Get("Idempotent-Replayed") != "true" || first.Header.Get("Idempotent-Replayed") != "" {
		t.Fatalf("Idempotent-Replayed headers: first %q again %q", first.Header.Get("Idempotent-Replayed"), again.Header.Get("Idempotent-Replayed"))
	}
	// Without the key, the same body is a resend and appends nothing new
	// either; with the key reused on another body it is a 409.
	other := s.post(t, api+"/track", key, track("conv-003", "different"), "Idempotency-Key", "retry-1")
	if other.Status != 409 || !strings.Contains(other.message(), "Idempotency-Key") {
		t.Fatalf("reused key: %d %s", other.Status, other.Raw)
	}

	// Resolve: 404 unknown, 200, then 409.
	if r := s.post(t, api+"/resolve", key, `{"conversationId":"nope"}`); r.Status != 404 || !strings.Contains(r.message(), "conversationId") {
		t.Fatalf("resolve unknown: %d %s", r.Status, r.Raw)
	}
	r = s.post(t, api+"/resolve", key, `{"conversationId":"conv-001","resolutionNotes":"Resolved by updating expired card"}`)
	if r.Status != 200 || r.message() != "Conversation marked as resolved" || r.data()["resolutionNotes"] != "Resolved by updating expired card" {
		t.Fatalf("resolve: %d %s", r.Status, r.Raw)
	}
	if r := s.post(t, api+"/resolve", key, `{"conversationId":"conv-001"}`); r.Status != 409 {
		t.Fatalf("resolve twice: %d %s", r.Status, r.Raw)
	}
	// Generated notes when none are given.
	r = s.post(t, api+"/resolve", key, `{"conversationId":"conv-002"}`)
	if notes, _ := r.data()["resolutionNotes"].(string); r.Status != 200 || !strings.HasPrefix(notes, "Cannot log in") {
		t.Fatalf("generated notes: %s", r.Raw)
	}

	// Tracking after resolve reopens the conversation.
	r = s.post(t, api+"/track", key, mustJSON(map[string]any{"conversationId": "conv-001",
		"messages": []map[string]string{{"role": "user", "content": "It is declined again"}}}))
	if d := r.data(); d["reopened"] != true || d["status"] != "open" {
		t.Fatalf("reopen: %s", r.Raw)
	}
	if r := s.post(t, api+"/resolve", key, `{"conversationId":"conv-001"}`); r.Status != 200 {
		t.Fatalf("resolve after reopen: %d %s", r.Status, r.Raw)
	}
}

func TestSimilarityAndTenantIsolation(t *testing.T) {
	s := start(t, testConfig(t))
	a, b := s.newKey(t, "acme"), s.newKey(t, "globex")
	const api = "/api/v1/context"

	// No history: 200 with empty lists.
	r := s.post(t, api+"/similarity", a, `{"message":"payment declined"}`)
	if r.Status != 200 || r.data()["totalFound"] != 0.0 || len(r.data()["conversations"].([]any)) != 0 {
		t.Fatalf("empty similarity: %d %s", r.Status, r.Raw)
	}
	texts := []string{
		"My card payment was declined at the shop",
		"Payment declined again, card keeps failing",
		"How do I reset my password?",
		"The app crashes when I open settings",
	}
	for i, txt := range texts {
		s.post(t, api+"/track", a, track(fmt.Sprintf("a-%d", i), txt, "Let me check that for you."))
	}
	s.post(t, api+"/resolve", a, `{"conversationId":"a-0","resolutionNotes":"Card was expired; customer updated it."}`)
	s.post(t, api+"/track", b, track("b-0", "payment declined card"))

	var d map[string]any
	eventually(t, "acme's payment conversations are searchable", func() bool {
		d = s.post(t, api+"/similarity", a, `{"message":"Customer says their card payment is declined","limit":1}`).data()
		return d["totalFound"] == 2.0
	})
	convs := d["conversations"].([]any)
	if len(convs) != 1 {
		t.Fatalf("limit 1 returned %d conversations", len(convs))
	}
	top := convs[0].(map[string]any)
	sim := top["similarity"].(float64)
	if id := top["conversationId"]; id != "a-0" && id != "a-1" || sim <= 0 || sim > 1 {
		t.Fatalf("top match %v", top)
	}
	for _, field := range []string{"status", "resolutionNotes", "issueDetails", "attemptedSolutions"} {
		if _, ok := top[field]; !ok {
			t.Errorf("conversation item lacks %q: %v", field, top)
		}
	}
	rec := d["recommendations"].(map[string]any)
	for _, field := range []string{"issueType", "recommendedActions", "escalationPoint", "historicalSuccessRate", "similarResolutions"} {
		if _, ok := rec[field]; !ok {
			t.Errorf("recommendations lack %q: %v", field, rec)
		}
	}
	d = s.post(t, api+"/similarity", a, `{"message":"card payment declined","limit":10}`).data()
	res := d["recommendations"].(map[string]any)["similarResolutions"].([]any)
	if len(res) != 1 || res[0].(map[string]any)["conversationId"] != "a-0" {
		t.Fatalf("similarResolutions = %v", res)
	}

	// Globex sees only its own conversation, and cannot resolve acme's.
	eventually(t, "globex's conversation is searchable", func() bool {
		return s.post(t, api+"/similarity", b, `{"message":"card payment declined"}`).data()["totalFound"] == 1.0
	})
	d = s.post(t, api+"/similarity", b, `{"message":"card payment declined"}`).data()
	if id := d["conversations"].([]any)[0].(map[string]any)["conversationId"]; id != "b-0" {
		t.Fatalf("globex saw %v", id)
	}
	if r := s.post(t, api+"/resolve", b, `{"conversationId":"a-1"}`); r.Status != 404 {
		t.Fatalf("cross-tenant resolve: %d", r.Status)
	}
}

func TestRoutingAndRequestID(t *testing.T) {
	s := start(t, testConfig(t))
	key := s.newKey(t, "acme")
	req, _ := http.NewRequest(http.MethodGet, s.URL+"/api/v1/context/track", nil)
	req.Header.Set("X-API-Key", key)
	if r := do(t, req); r.Status != 405 || r.Header.Get("Allow") != "POST" || r.Body["success"] != false {
		t.Fatalf("GET track: %d %s", r.Status, r.Raw)
	}
	if r := s.post(t, "/api/v1/context/nothing", key, `{}`); r.Status != 404 || r.Body["success"] != false {
		t.Fatalf("unknown endpoint: %d %s", r.Status, r.Raw)
	}
	r := s.post(t, "/api/v1/context/similarity", key, `{"message":"x"}`, "X-Request-Id", "client-id-42")
	if r.Header.Get("X-Request-Id") != "client-id-42" || r.Body["requestId"] != "client-id-42" {
		t.Fatalf("client request id not echoed: %v %s", r.Header.Get("X-Request-Id"), r.Raw)
	}
	r = s.post(t, "/api/v1/context/similarity", key, `{"message":"x"}`, "X-Request-Id", "bad id with spaces")
	if id := r.Header.Get("X-Request-Id"); id == "bad id with spaces" || !strings.HasPrefix(id, "req_") {
		t.Fatalf("unsafe request id echoed: %q", id)
	}
	for _, path := range []string{"/healthz", "/readyz"} {
		req, _ := http.NewRequest(http.MethodGet, s.URL+path, nil)
		if r := do(t, req); r.Status != 200 {
			t.Errorf("%s: %d", path, r.Status)
		}
	}
	// The readiness probe names the engine the server runs on.
	req, _ = http.NewRequest(http.MethodGet, s.URL+"/readyz", nil)
	if r := do(t, req); r.Body["database"] != s.cfg.Engine() {
		t.Errorf("/readyz = %s, want database %q", r.Raw, s.cfg.Engine())
	}
}

func TestQuotaAndRateLimit(t *testing.T) {
	cfg := testConfig(t)
	cfg.RateLimit, cfg.RateBurst = 1, 2
	s := start(t, cfg)
	key := s.newKey(t, "acme")
	body := `{"message":"hello"}`
	ok := s.post(t, "/api/v1/context/similarity", key, body)
	if ok.Status != 200 || ok.Header.Get("RateLimit-Limit") != "2" {
		t.Fatalf("first: %d headers %v", ok.Status, ok.Header)
	}
	s.post(t, "/api/v1/context/similarity", key, body)
	r := s.post(t, "/api/v1/context/similarity", key, body)
	if r.Status != 429 || r.Body["limit"] != "rate" || r.Header.Get("Retry-After") == "" || r.Header.Get("RateLimit-Remaining") != "0" {
		t.Fatalf("over rate: %d %v %s", r.Status, r.Header, r.Raw)
	}

	cfg2 := testConfig(t)
	s2 := start(t, cfg2)
	key2 := s2.newKey(t, "small")
	if err := s2.Tenants.SetQuota(t.Context(), "small", quotaOf(2, 0, 1)); err != nil {
		t.Fatal(err)
	}
	if r := s2.post(t, "/api/v1/context/similarity", key2, body); r.Status != 200 {
		t.Fatalf("within quota: %d %s", r.Status, r.Raw)
	}
	r = s2.post(t, "/api/v1/context/similarity", key2, body)
	if r.Status != 429 || r.Body["limit"] != "retrievals" || r.Body["used"] != 1.0 || r.Body["quota"] != 1.0 || r.Body["resetAt"] == nil {
		t.Fatalf("over retrievals: %d %s", r.Status, r.Raw)
	}
	s2.post(t, "/api/v1/context/track", key2, track("q", "x"))
	r = s2.post(t, "/api/v1/context/track", key2, track("q", "y"))
	if r.Status != 429 || r.Body["limit"] != "requests" {
		t.Fatalf("over requests: %d %s", r.Status, r.Raw)
	}
}

func TestReadAndDeleteConversation(t *testing.T) {
	s := start(t, testConfig(t))
	key, other := s.newKey(t, "acme"), s.newKey(t, "globex")
	s.post(t, "/api/v1/context/track", key, track("conv/with spaces", "parcel lost in transit", "I have opened a claim."))
	get := func(k, id string) reply {
		req, _ := http.NewRequest(http.MethodGet, s.URL+"/api/v1/context/conversations/"+url.PathEscape(id), nil)
		req.Header.Set("X-API-Key", k)
		return do(t, req)
	}
	del := func(k, id string) reply {
		req, _ := http.NewRequest(http.MethodDelete, s.URL+"/api/v1/context/conversations/"+url.PathEscape(id), nil)
		req.Header.Set("X-API-Key", k)
		return do(t, req)
	}
	r := get(key, "conv/with spaces")
	msgs, _ := r.data()["messages"].([]any)
	if r.Status != 200 || r.data()["status"] != "open" || len(msgs) != 2 || msgs[1].(map[string]any)["role"] != "assistant" {
		t.Fatalf("get: %d %s", r.Status, r.Raw)
	}
	if r := get(other, "conv/with spaces"); r.Status != 404 {
		t.Fatalf("other tenant read it: %d", r.Status)
	}
	if r := del(other, "conv/with spaces"); r.Status != 404 {
		t.Fatalf("other tenant deleted it: %d", r.Status)
	}
	eventually(t, "the conversation is searchable", func() bool {
		return s.post(t, "/api/v1/context/similarity", key, `{"message":"parcel lost"}`).data()["totalFound"] == 1.0
	})
	if r := del(key, "conv/with spaces"); r.Status != 200 {
		t.Fatalf("delete: %d %s", r.Status, r.Raw)
	}
	if r := get(key, "conv/with spaces"); r.Status != 404 {
		t.Fatalf("get after delete: %d", r.Status)
	}
	if r := del(key, "conv/with spaces"); r.Status != 404 {
		t.Fatalf("second delete: %d", r.Status)
	}
	if d := s.post(t, "/api/v1/context/similarity", key, `{"message":"parcel lost"}`).data(); d["totalFound"] != 0.0 {
		t.Fatalf("deleted conversation still found: %v", d)
	}
	req, _ := http.NewRequest(http.MethodPut, s.URL+"/api/v1/context/conversations/x", nil)
	req.Header.Set("X-API-Key", key)
	if r := do(t, req); r.Status != 405 || r.Header.Get("Allow") != "GET, HEAD, DELETE" {
		t.Fatalf("PUT: %d %v", r.Status, r.Header.Get("Allow"))
	}
	// The read-only paths too, in the envelope, and an unknown path is a 404.
	for _, c := range []struct {
		method, path string
		status       int
		allow        string
	}{
		{http.MethodPost, "/api/v1/context/issues", 405, "GET, HEAD"},
		{http.MethodDelete, "/api/v1/context/issues/x", 405, "GET, HEAD"},
		{http.MethodPut, "/api/v1/context/graph", 405, "GET, HEAD"},
		{http.MethodGet, "/api/v1/context/nothing", 404, ""},
	} {
		req, _ := http.NewRequest(c.method, s.URL+c.path, nil)
		req.Header.Set("X-API-Key", key)
		if r := do(t, req); r.Status != c.status || r.Header.Get("Allow") != c.allow || r.Body["success"] != false {
			t.Errorf("%s %s: %d Allow %q %v, want %d Allow %q in the envelope", c.method, c.path, r.Status, r.Header.Get("Allow"), r.Body, c.status, c.allow)
		}
	}
}
