package webhook

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// DefaultTimeout bounds one delivery attempt, from dialing to reading the
// response snippet (spec §10.2).
const DefaultTimeout = 15 * time.Second

// snippetBytes is how much of a response body the delivery log keeps.
const snippetBytes = 1024

// ErrNotAcknowledged: the endpoint answered with a status other than 2xx,
// including a redirect, which is never followed.
var ErrNotAcknowledged = errors.New("webhook: endpoint did not acknowledge the delivery")

// Request is one delivery attempt.
type Request struct {
	// URL is the destination; the Sender's Guard checks it before sending.
	URL string
	// Secret signs the delivery; "" sends it unsigned (no
	// webhook-signature header), as callbacks without a configured secret
	// are (spec §11).
	Secret string
	// MessageID is the webhook-id header: the same for every attempt of one
	// event (use NewMessageID once per event).
	MessageID string
	// Body is the JSON payload, sent and signed byte for byte.
	Body []byte
}

// Result is the outcome of one attempt, for the delivery log and the retry
// decision.
type Result struct {
	// StatusCode is the response status, 0 when there was no response.
	StatusCode int
	// Err is nil exactly when the endpoint acknowledged with a 2xx status.
	Err error
	// Duration is how long the attempt took.
	Duration time.Duration
	// ResponseSnippet is the first 1 KiB of the response body, made valid
	// UTF-8 and free of NUL bytes so that any database can store it.
	ResponseSnippet string
}

// Sender makes delivery attempts. Build it with NewSender; it is safe for
// concurrent use.
type Sender struct {
	// Client sends requests. NewSender's client dials through the Guard,
	// uses no proxy (a proxy would connect where the Guard cannot see), never
	// follows redirects and gives up on an attempt after DefaultTimeout.
	Client *http.Client
	// UserAgent is the User-Agent header, "<product>/<version>".
	UserAgent string
	// Guard checks every URL before it is sent to. NewSender's dialer keeps
	// the Guard it was given; to change the policy, build a new Sender.
	Guard Guard

	now func() time.Time
}

// Option changes a Sender built by NewSender.
type Option func(*Sender)

// WithTimeout sets the per-attempt timeout (default DefaultTimeout).
func WithTimeout(d time.Duration) Option {
	return func(s *Sender) { s.Client.Timeout = d }
}

// WithClock sets the clock that stamps webhook-timestamp (default time.Now).
func WithClock(now func() time.Time) Option {
	return func(s *Sender) { s.now = now }
}

// NewSender returns a Sender whose connections are all checked by guard.
func NewSender(guard Guard, userAgent string, opts ...Option) *Sender {
	transport := &http.Transport{
		Proxy:                 nil,
		DialContext:           guard.dialer().DialContext,
		ForceAttemptHTTP2:     true,
		MaxIdleConns:          100,
		MaxIdleConnsPerHost:   2,
		IdleConnTimeout:       90 * time.Second,
		TLSHandshakeTimeout:   10 * time.Second,
		ExpectContinueTimeout: time.Second,
	}
	s := &Sender{
		Client: &http.Client{
			Transport: transport,
			Timeout:   DefaultTimeout,
			CheckRedirect: func(*http.Request, []*http.Request) error {
				return http.ErrUseLastResponse
			},
		},
		UserAgent: userAgent,
		Guard:     guard,
		now:       time.Now,
	}
	for _, opt := range opts {
		opt(s)
	}
	return s
}

// Send makes one attempt to deliver r: a POST with the headers of spec
// §10.2, stamped with the time of this attempt and signed when r.Secret is
// set. Any 2xx status acknowledges the delivery; everything else, including
// a refused URL, a timeout and a redirect, is returned in Result.Err.
func (s *Sender) Send(ctx context.Context, r Request) Result {
	start := time.Now()
	res := s.send(ctx, r)
	res.Duration = time.Since(start)
	return res
}

func (s *Sender) send(ctx context.Context, r Request) Result {
	req, err := s.newRequest(ctx, r)
	if err != nil {
		return Result{Err: err}
	}
	resp, err := s.Client.Do(req)
	if err != nil {
		return Result{Err: fmt.Errorf("webhook: deliver: %w", err)}
	}
	defer resp.Body.Close()
	// A 2xx whose body then fails to arrive still counts as acknowledged:
	// the status said so; the log keeps whatever part of the body came.
	res := Result{StatusCode: resp.StatusCode, ResponseSnippet: readSnippet(resp.Body)}
	switch {
	case resp.StatusCode >= 300 && resp.StatusCode < 400:
		res.Err = fmt.Errorf("%w: redirect (status %d) not followed", ErrNotAcknowledged, resp.StatusCode)
	case resp.StatusCode < 200 || resp.StatusCode >= 300:
		res.Err = fmt.Errorf("%w: status %d", ErrNotAcknowledged, resp.StatusCode)
	}
	return res
}

// newRequest checks r and builds the signed POST.
func (s *Sender) newRequest(ctx context.Context, r Request) (*http.Request, error) {
	if _, err := s.Guard.CheckURL(r.URL); err != nil {
		return nil, fmt.Errorf("webhook: destination URL %w", err)
	}
	if !printableASCII(r.MessageID) {
		return nil, ErrBadMessageID
	}
	if !utf8.Valid(r.Body) || !json.Valid(r.Body) {
		// The SDK's verifier would reject it after every retry.
		return nil, ErrInvalidPayload
	}
	now := time.Now
	if s.now != nil {
		now = s.now
	}
	ts := now()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, r.URL, bytes.NewReader(r.Body))
	if err != nil {
		return nil, fmt.Errorf("webhook: new request: %w", err)
	}
	// Canonical names ("Webhook-Id"): header names are case-insensitive,
	// receivers (Node, svix) lower-case them, and the transport looks for
	// "User-Agent" by its canonical key before adding its own.
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Webhook-Id", r.MessageID)
	req.Header.Set("Webhook-Timestamp", strconv.FormatInt(ts.Unix(), 10))
	if r.Secret != "" {
		sig, err := Sign(r.Secret, r.MessageID, ts, r.Body)
		if err != nil {
			return nil, err
		}
		req.Header.Set("Webhook-Signature", sig)
	}
	if s.UserAgent != "" {
		req.Header.Set("User-Agent", s.UserAgent)
	}
	return req, nil
}

// readSnippet keeps the first snippetBytes of body, made storable, and
// drains a little more so the connection can be reused.
func readSnippet(body io.Reader) string {
	b, _ := io.ReadAll(io.LimitReader(body, snippetBytes))
	io.Copy(io.Discard, io.LimitReader(body, 64<<10))
	if len(b) == snippetBytes { // the limit may have cut the last rune
		i := len(b) - 1
		for i > 0 && len(b)-i < utf8.UTFMax && !utf8.RuneStart(b[i]) {
			i--
		}
		if !utf8.FullRune(b[i:]) {
			b = b[:i]
		}
	}
	s := strings.ToValidUTF8(string(b), "\uFFFD")
	return strings.ReplaceAll(s, "\x00", "")
}
