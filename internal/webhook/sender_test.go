package webhook

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"
	"unicode/utf8"
)

const testSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"

// received is what a test endpoint saw.
type received struct {
	header http.Header
	body   []byte
}

// endpoint starts a server that records each request and answers with
// handler (nil: 200 "ok").
func endpoint(t *testing.T, handler http.HandlerFunc) (*httptest.Server, <-chan received) {
	t.Helper()
	got := make(chan received, 10)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		got <- received{r.Header.Clone(), body}
		if handler == nil {
			io.WriteString(w, "ok")
			return
		}
		handler(w, r)
	}))
	t.Cleanup(srv.Close)
	return srv, got
}

func TestSendSigned(t *testing.T) {
	t.Parallel()
	srv, got := endpoint(t, nil)
	clock := time.Unix(1712345678, 0)
	s := NewSender(Guard{AllowPrivate: true}, "fathom-oss/test", WithClock(func() time.Time { return clock }))
	body := []byte(`{"recording_id":123456789,"title":"Weekly"}`)
	id := NewMessageID()

	for attempt, at := range []time.Time{clock, clock.Add(5 * time.Second)} {
		clock = at
		res := s.Send(context.Background(), Request{URL: srv.URL + "/hook?connectionId=7", Secret: testSecret, MessageID: id, Body: body})
		if res.Err != nil || res.StatusCode != 200 || res.ResponseSnippet != "ok" || res.Duration <= 0 {
			t.Fatalf("attempt %d: %+v", attempt+1, res)
		}
		r := <-got
		h := r.header
		for name, want := range map[string]string{
			"Content-Type":      "application/json",
			"Webhook-Id":        id,
			"Webhook-Timestamp": strconv.FormatInt(at.Unix(), 10),
			"User-Agent":        "fathom-oss/test",
		} {
			if h.Get(name) != want {
				t.Errorf("attempt %d: %s = %q, want %q", attempt+1, name, h.Get(name), want)
			}
		}
		if string(r.body) != string(body) {
			t.Errorf("body = %q", r.body)
		}
		if err := Verify(testSecret, h, r.body, at); err != nil {
			t.Errorf("attempt %d: Verify: %v", attempt+1, err)
		}
		if err := Verify(testSecret, h, r.body, at.Add(10*time.Minute)); !errors.Is(err, ErrTimestampTooOld) {
			t.Errorf("attempt %d: stale delivery verified: %v", attempt+1, err)
		}
	}
}

func TestSendUnsigned(t *testing.T) {
	t.Parallel()
	srv, got := endpoint(t, func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(http.StatusNoContent) })
	s := NewSender(Guard{AllowPrivate: true}, "fathom-oss/test")
	res := s.Send(context.Background(), Request{URL: srv.URL, MessageID: "msg_1", Body: []byte(`{}`)})
	if res.Err != nil || res.StatusCode != http.StatusNoContent {
		t.Fatalf("%+v", res)
	}
	h := (<-got).header
	if _, ok := h["Webhook-Signature"]; ok || h.Get("Webhook-Id") != "msg_1" || h.Get("Webhook-Timestamp") == "" {
		t.Errorf("unsigned delivery headers: %v", h)
	}
}

func TestSendFailures(t *testing.T) {
	t.Parallel()
	var privateHits atomic.Int32
	private := httptest.NewServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { privateHits.Add(1) }))
	t.Cleanup(private.Close)
	tlsSrv := httptest.NewTLSServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) {}))
	t.Cleanup(tlsSrv.Close)
	refused := closedAddr(t)

	failing, _ := endpoint(t, func(w http.ResponseWriter, _ *http.Request) {
		w.WriteHeader(http.StatusInternalServerError)
		io.WriteString(w, `{"error":"boom"}`)
	})
	redirecting, _ := endpoint(t, func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, private.URL+"/internal", http.StatusFound)
	})
	hanging, _ := endpoint(t, func(_ http.ResponseWriter, r *http.Request) { <-r.Context().Done() })

	open := NewSender(Guard{AllowPrivate: true}, "ua", WithTimeout(100*time.Millisecond))
	strict := NewSender(Guard{}, "ua")
	isTimeout := func(err error) bool {
		var ne net.Error
		return errors.As(err, &ne) && ne.Timeout()
	}
	tests := []struct {
		name   string
		sender *Sender
		url    string
		status int
		check  func(error) bool
	}{
		{"500", open, failing.URL, 500, func(err error) bool { return errors.Is(err, ErrNotAcknowledged) }},
		{"redirect not followed", open, redirecting.URL, 302, func(err error) bool { return errors.Is(err, ErrNotAcknowledged) }},
		{"timeout", open, hanging.URL, 0, isTimeout},
		{"connection refused", open, "http://" + refused, 0, func(err error) bool { return err != nil && !isTimeout(err) }},
		{"loopback refused", strict, tlsSrv.URL, 0, func(err error) bool { return errors.Is(err, ErrPrivateAddress) }},
		{"localhost refused", strict, strings.Replace(tlsSrv.URL, "127.0.0.1", "localhost", 1), 0, func(err error) bool { return errors.Is(err, ErrPrivateAddress) }},
		{"plain http refused", strict, "http://example.com/", 0, func(err error) bool { return errors.Is(err, ErrInvalidURL) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			res := tt.sender.Send(context.Background(), Request{URL: tt.url, Secret: testSecret, MessageID: "msg_1", Body: []byte(`{}`)})
			if res.StatusCode != tt.status || !tt.check(res.Err) {
				t.Errorf("Send(%s) = %+v", tt.url, res)
			}
		})
	}
	if n := privateHits.Load(); n != 0 {
		t.Errorf("redirect was followed %d times", n)
	}
}

// TestSenderDialGuard goes past CheckURL to show that the Sender's own
// client refuses a name resolving to loopback at connect time, which is
// what defeats DNS rebinding.
func TestSenderDialGuard(t *testing.T) {
	t.Parallel()
	srv, _ := endpoint(t, nil)
	url := strings.Replace(srv.URL, "127.0.0.1", "localhost", 1)
	for _, tt := range []struct {
		guard Guard
		want  error
	}{{Guard{}, ErrPrivateAddress}, {Guard{AllowPrivate: true}, nil}} {
		resp, err := NewSender(tt.guard, "ua").Client.Get(url)
		if resp != nil {
			resp.Body.Close()
		}
		if !errors.Is(err, tt.want) || (tt.want == nil) != (err == nil) {
			t.Errorf("AllowPrivate=%v: Get(%s) = %v, want %v", tt.guard.AllowPrivate, url, err, tt.want)
		}
	}
}

func TestSendRejectsBadRequests(t *testing.T) {
	t.Parallel()
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { hits.Add(1) }))
	t.Cleanup(srv.Close)
	s := NewSender(Guard{AllowPrivate: true}, "ua")
	tests := []struct {
		name string
		req  Request
		want error
	}{
		{"no message id", Request{URL: srv.URL, MessageID: "", Body: []byte(`{}`)}, ErrBadMessageID},
		{"body not JSON", Request{URL: srv.URL, MessageID: "msg_1", Body: []byte(`{`)}, ErrInvalidPayload},
		{"body not UTF-8", Request{URL: srv.URL, MessageID: "msg_1", Body: []byte("\"\xff\"")}, ErrInvalidPayload},
		{"bad secret", Request{URL: srv.URL, Secret: "whsec_abc", MessageID: "msg_1", Body: []byte(`{}`)}, ErrBadSecret},
		{"bad URL", Request{URL: "ftp://x", MessageID: "msg_1", Body: []byte(`{}`)}, ErrInvalidURL},
	}
	for _, tt := range tests {
		if res := s.Send(context.Background(), tt.req); !errors.Is(res.Err, tt.want) {
			t.Errorf("%s: Err = %v, want %v", tt.name, res.Err, tt.want)
		}
	}
	if hits.Load() != 0 {
		t.Errorf("a bad request was sent")
	}
}

func TestResponseSnippet(t *testing.T) {
	t.Parallel()
	long := strings.Repeat("é", 700) + "\x00tail" // 1400 bytes of two-byte runes
	srv, _ := endpoint(t, func(w http.ResponseWriter, _ *http.Request) {
		w.WriteHeader(http.StatusBadRequest)
		io.WriteString(w, "\x00"+long)
	})
	res := NewSender(Guard{AllowPrivate: true}, "ua").Send(context.Background(), Request{URL: srv.URL, MessageID: "msg_1", Body: []byte(`{}`)})
	snip := res.ResponseSnippet
	if res.StatusCode != 400 || len(snip) > snippetBytes || len(snip) < snippetBytes-4 || !utf8.ValidString(snip) || strings.Contains(snip, "\x00") {
		t.Errorf("snippet of %d bytes (valid UTF-8 %v): %q", len(snip), utf8.ValidString(snip), snip)
	}
}

// closedAddr returns a local address nothing listens on.
func closedAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	return addr
}
