package webhook

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// Tolerance is how far a webhook-timestamp may be from the verifier's clock,
// either way, as in Standard Webhooks.
const Tolerance = 5 * time.Minute

// Errors returned by Sign and Verify. Verify returns them in the order the
// SDK checks: secret, headers, timestamp, signature, payload.
var (
	// ErrBadSecret: the secret is empty or not "whsec_" plus standard base64.
	ErrBadSecret = errors.New("webhook: bad secret")
	// ErrBadMessageID: Sign was given an id that is empty or not printable
	// ASCII, which a receiver could not read back byte for byte.
	ErrBadMessageID = errors.New("webhook: message id must be non-empty printable ASCII")
	// ErrMissingHeaders: webhook-id, webhook-timestamp or webhook-signature
	// (or their svix-* forms) is missing or empty.
	ErrMissingHeaders = errors.New("webhook: missing required headers")
	// ErrInvalidTimestamp: webhook-timestamp does not start with an integer.
	ErrInvalidTimestamp = errors.New("webhook: invalid timestamp header")
	// ErrTimestampTooOld: the timestamp is more than Tolerance in the past.
	ErrTimestampTooOld = errors.New("webhook: message timestamp too old")
	// ErrTimestampTooNew: the timestamp is more than Tolerance in the future.
	ErrTimestampTooNew = errors.New("webhook: message timestamp too new")
	// ErrInvalidSignature: no v1 signature in the header matches.
	ErrInvalidSignature = errors.New("webhook: no matching signature found")
	// ErrInvalidPayload: the signature matches but the body is not valid
	// UTF-8 JSON, which the SDK's JSON.parse would reject.
	ErrInvalidPayload = errors.New("webhook: payload is not valid JSON")
)

// Sign returns the webhook-signature value for one delivery attempt:
// "v1," and the standard base64 HMAC-SHA256 of "<msgID>.<unix ts>.<body>",
// keyed with the secret decoded as standardwebhooks decodes it. body must be
// the exact bytes sent.
func Sign(secret, msgID string, ts time.Time, body []byte) (string, error) {
	key, err := decodeSecret(secret)
	if err != nil {
		return "", err
	}
	if !printableASCII(msgID) {
		return "", ErrBadMessageID
	}
	return "v1," + signature(key, msgID, ts.Unix(), body), nil
}

// signature is the base64 HMAC without the version prefix.
func signature(key []byte, msgID string, ts int64, body []byte) string {
	m := hmac.New(sha256.New, key)
	m.Write([]byte(msgID))
	m.Write([]byte("." + strconv.FormatInt(ts, 10) + "."))
	m.Write(body)
	return base64.StdEncoding.EncodeToString(m.Sum(nil))
}

// Verify checks a received webhook as svix 1.99's Webhook.verify (and so
// Fathom.verifyWebhook) does when it runs in a Node receiver:
//
//  1. header names are matched case-insensitively; the svix-* form of a
//     header wins over the webhook-* form when present;
//  2. all three headers must be present and non-empty;
//  3. the timestamp is read like JavaScript's parseInt(s, 10) and must be
//     within Tolerance of now;
//  4. the secret is decoded as standardwebhooks decodes it;
//  5. the signed content is "<id>.<timestamp as integer>.<body>";
//  6. the expected value is the standard base64 HMAC-SHA256 of it;
//  7. webhook-signature is split on single spaces, entries whose version
//     (before the first comma) is not "v1" are skipped, and the value (up to
//     the next comma) is compared in constant time; any match is valid;
//  8. the body must then be valid JSON (and UTF-8: Node decodes the body as
//     UTF-8 text before it is signed and parsed).
//
// Header values are bytes as on the wire, which Node reads as Latin-1; a
// repeated header is joined with ", " as Node does.
func Verify(secret string, header http.Header, body []byte, now time.Time) error {
	key, err := decodeSecret(secret)
	if err != nil {
		return err
	}
	id, ts, sigs := requiredHeaders(header)
	if id == "" || ts == "" || sigs == "" {
		return ErrMissingHeaders
	}
	t, ok := parseInt(ts)
	if !ok {
		return ErrInvalidTimestamp
	}
	tol, n := int64(Tolerance/time.Second), now.Unix()
	if n-t > tol {
		return ErrTimestampTooOld
	}
	if t > n+tol {
		return ErrTimestampTooNew
	}
	expected := []byte(signature(key, latin1(id), t, body))
	for _, versioned := range strings.Split(sigs, " ") {
		parts := strings.Split(versioned, ",")
		if parts[0] != "v1" || len(parts) < 2 {
			continue
		}
		if hmac.Equal([]byte(parts[1]), expected) {
			if !utf8.Valid(body) || !json.Valid(body) {
				return ErrInvalidPayload
			}
			return nil
		}
	}
	return ErrInvalidSignature
}

// requiredHeaders returns the id, timestamp and signature headers, taking
// each svix-* header when it is present and the webhook-* one otherwise, as
// svix's wrapper does.
func requiredHeaders(h http.Header) (id, ts, sig string) {
	pick := func(name string) string {
		if v, ok := headerValue(h, "svix-"+name); ok {
			return v
		}
		v, _ := headerValue(h, "webhook-"+name)
		return v
	}
	return pick("id"), pick("timestamp"), pick("signature")
}

// headerValue finds a header whatever the case of its key (a hand-built
// http.Header may hold non-canonical keys) and joins repeated values with
// ", ", as Node presents them to JavaScript.
func headerValue(h http.Header, name string) (string, bool) {
	var keys []string
	for k, vs := range h {
		if len(vs) > 0 && strings.EqualFold(k, name) {
			keys = append(keys, k)
		}
	}
	if len(keys) == 0 {
		return "", false
	}
	slices.Sort(keys)
	var vals []string
	for _, k := range keys {
		vals = append(vals, h[k]...)
	}
	return strings.Join(vals, ", "), true
}

// parseInt reads s as JavaScript's parseInt(s, 10) does for a Latin-1 header
// value: leading white space, an optional sign, then the longest run of
// decimal digits; false when there are no digits (NaN). Values too large to
// matter saturate, so they fail the tolerance check as in JavaScript.
func parseInt(s string) (int64, bool) {
	i := 0
	for i < len(s) && strings.IndexByte("\t\n\v\f\r \xa0", s[i]) >= 0 {
		i++
	}
	neg := false
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		neg = s[i] == '-'
		i++
	}
	start := i
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	digits := strings.TrimLeft(s[start:i], "0")
	if i == start {
		return 0, false
	}
	var v int64 = 1 << 62
	if len(digits) <= 18 {
		v, _ = strconv.ParseInt("0"+digits, 10, 64)
	}
	if neg {
		v = -v
	}
	return v, true
}

// latin1 returns s's bytes read as Latin-1 and encoded as UTF-8: what Node
// signs for a header value that is not ASCII.
func latin1(s string) string {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			var b strings.Builder
			for _, c := range []byte(s) {
				b.WriteRune(rune(c))
			}
			return b.String()
		}
	}
	return s
}

// printableASCII reports whether s is non-empty and only visible ASCII.
func printableASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] <= ' ' || s[i] > '~' {
			return false
		}
	}
	return s != ""
}
