package webhook

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"errors"
	"net/http"
	"strconv"
	"testing"
	"time"
	"unicode/utf8"
)

// vectors are the spec's §10.3 test vectors: svix's published one and one
// made with Fathom's example secret, both checked against the Node SDK.
var vectors = []struct {
	secret, id string
	ts         int64
	body, sig  string
}{
	{"whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330,
		`{"test": 2432232314}`, "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="},
	{"whsec_x6EV6NIAAz3ldclszNJTwrow", "msg_2x2zwLOcWaRTzsLK8KtbQt1FTk9", 1712345678,
		`{"recording_id":123456789}`, "v1,eBCvk7vFfcLdRK6ESoeNYitDGVr8jWMR2EidBIBURg0="},
}

func TestSignVectors(t *testing.T) {
	t.Parallel()
	for _, v := range vectors {
		got, err := Sign(v.secret, v.id, time.Unix(v.ts, 0), []byte(v.body))
		if err != nil || got != v.sig {
			t.Errorf("Sign(%s) = %q, %v; want %q", v.id, got, err, v.sig)
		}
	}
}

// hdr builds a header map with the exact keys given, as a hand-built map or
// a Node-style lower-cased one would have.
func hdr(kv ...string) http.Header {
	h := http.Header{}
	for i := 0; i < len(kv); i += 2 {
		h[kv[i]] = append(h[kv[i]], kv[i+1])
	}
	return h
}

func TestVerify(t *testing.T) {
	t.Parallel()
	v := vectors[0]
	ts := "1614265330"
	now := time.Unix(v.ts, 0)
	sig300, _ := Sign(v.secret, v.id, now.Add(-300*time.Second), []byte(v.body))
	sigNotJSON, _ := Sign(v.secret, v.id, now, []byte("not json"))
	sigBadUTF8, _ := Sign(v.secret, v.id, now, []byte("\"\xff\""))
	tests := []struct {
		name   string
		secret string
		header http.Header
		body   string
		now    time.Time
		want   error
	}{
		{"vector", v.secret, hdr("Webhook-Id", v.id, "Webhook-Timestamp", ts, "Webhook-Signature", v.sig), v.body, now, nil},
		{"lower-case keys", v.secret, hdr("webhook-id", v.id, "webhook-timestamp", ts, "webhook-signature", v.sig), v.body, now, nil},
		{"mixed-case keys", v.secret, hdr("WEBHOOK-ID", v.id, "webHook-Timestamp", ts, "Webhook-Signature", v.sig), v.body, now, nil},
		{"svix headers", v.secret, hdr("Svix-Id", v.id, "Svix-Timestamp", ts, "Svix-Signature", v.sig), v.body, now, nil},
		{"svix header wins", v.secret, hdr("Svix-Id", v.id, "Webhook-Id", "msg_other", "Webhook-Timestamp", ts, "Webhook-Signature", v.sig), v.body, now, nil},
		{"empty svix header wins", v.secret, hdr("Svix-Id", "", "Webhook-Id", v.id, "Webhook-Timestamp", ts, "Webhook-Signature", v.sig), v.body, now, ErrMissingHeaders},
		{"secret without prefix", v.secret[len("whsec_"):], hdr("Webhook-Id", v.id, "Webhook-Timestamp", ts, "Webhook-Signature", v.sig), v.body, now, nil},
		{"bogus signature first", v.secret, hdr("Webhook-Id", v.id, "Webhook-Timestamp", ts, "Webhook-Signature", "v1,xxx "+v.sig), v.body, now, nil},
		{"other version skipped", v.secret, hdr("Webhook-Id", v.id, "Webhook-Timestamp", ts, "Webhook-Signature", "v2,abc v1a,x "+v.sig), v.body, now, nil},
		{"extra comma field ignored", v.secret, hdr("Webhook-Id", v.id, "Webhook-Timestamp", ts, "Webhook-Signature", v.sig+",extra"), v.body, now, nil},
		{"repeated signature header", v.secret, hdr("Webhook-Id", v.id, "Webhook-Timestamp", ts, "Webhook-Signature", "v1,xxx", "Webhook-Signature", v.sig), v.body, now, nil},
		{"fractional timestamp", v.secret, hdr("Webhook-Id", v.id, "Webhook-Timestamp", ts+".9", "Webhook-Signature", v.sig), v.body, now, nil},
		{"exactly 300 s old", v.secret, hdr("Webhook-Id", v.id, "Webhook-Timestamp", "1614265030", "Webhook-Signature", sig300), v.body, now, nil},
		{"comma-separated is not a list", v.secret, hdr("Webhook-Id", v.id, "Webhook-Timestamp", ts, "Webhook-Signature", "v1,xxx,"+v.sig[3:]), v.body, now, ErrInvalidSignature},
		{"two spaces still split once each", v.secret, hdr("Webhook-Id", v.id, "Webhook-Timestamp", ts, "Webhook-Signature", "v1,xxx  "+v.sig), v.body, now, nil},
		{"missing id", v.secret, hdr("Webhook-Timestamp", ts, "Webhook-Signature", v.sig), v.body, now, ErrMissingHeaders},
		{"empty signature", v.secret, hdr("Webhook-Id", v.id, "Webhook-Timestamp", ts, "Webhook-Signature", ""), v.body, now, ErrMissingHeaders},
		{"no headers", v.secret, http.Header{}, v.body, now, ErrMissingHeaders},
		{"timestamp not a number", v.secret, hdr("Webhook-Id", v.id, "Webhook-Timestamp", "abc", "Webhook-Signature", v.sig), v.body, now, ErrInvalidTimestamp},
		{"400 s old", v.secret, hdr("Webhook-Id", v.id, "Webhook-Timestamp", ts, "Webhook-Signature", v.sig), v.body, now.Add(400 * time.Second), ErrTimestampTooOld},
		{"301 s new", v.secret, hdr("Webhook-Id", v.id, "Webhook-Timestamp", ts, "Webhook-Signature", v.sig), v.body, now.Add(-301 * time.Second), ErrTimestampTooNew},
		{"huge timestamp", v.secret, hdr("Webhook-Id", v.id, "Webhook-Timestamp", "99999999999999999999999", "Webhook-Signature", v.sig), v.body, now, ErrTimestampTooNew},
		{"tampered body", v.secret, hdr("Webhook-Id", v.id, "Webhook-Timestamp", ts, "Webhook-Signature", v.sig), `{"test": 2432232315}`, now, ErrInvalidSignature},
		{"wrong id", v.secret, hdr("Webhook-Id", "msg_x", "Webhook-Timestamp", ts, "Webhook-Signature", v.sig), v.body, now, ErrInvalidSignature},
		{"body not JSON", v.secret, hdr("Webhook-Id", v.id, "Webhook-Timestamp", ts, "Webhook-Signature", sigNotJSON), "not json", now, ErrInvalidPayload},
		{"body not UTF-8", v.secret, hdr("Webhook-Id", v.id, "Webhook-Timestamp", ts, "Webhook-Signature", sigBadUTF8), "\"\xff\"", now, ErrInvalidPayload},
		{"short secret", "whsec_abc", hdr("Webhook-Id", v.id, "Webhook-Timestamp", ts, "Webhook-Signature", v.sig), v.body, now, ErrBadSecret},
		{"empty secret", "", hdr("Webhook-Id", v.id, "Webhook-Timestamp", ts, "Webhook-Signature", v.sig), v.body, now, ErrBadSecret},
		{"URL-safe secret", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLa_w", hdr("Webhook-Id", v.id, "Webhook-Timestamp", ts, "Webhook-Signature", v.sig), v.body, now, ErrBadSecret},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			err := Verify(tt.secret, tt.header, []byte(tt.body), tt.now)
			if !errors.Is(err, tt.want) || (tt.want == nil) != (err == nil) {
				t.Errorf("Verify = %v, want %v", err, tt.want)
			}
		})
	}
	w := vectors[1]
	if err := Verify(w.secret, hdr("webhook-id", w.id, "webhook-timestamp", "1712345678", "webhook-signature", w.sig),
		[]byte(w.body), time.Unix(w.ts, 0)); err != nil {
		t.Errorf("second vector: %v", err)
	}
}

func TestSignRejects(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, secret, id string
		want             error
	}{
		{"empty secret", "", "msg_1", ErrBadSecret},
		{"bad padding", "whsec_abc", "msg_1", ErrBadSecret},
		{"empty id", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "", ErrBadMessageID},
		{"id with space", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg 1", ErrBadMessageID},
		{"non-ASCII id", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg_é", ErrBadMessageID},
	}
	for _, tt := range tests {
		if _, err := Sign(tt.secret, tt.id, time.Unix(1, 0), []byte("{}")); !errors.Is(err, tt.want) {
			t.Errorf("%s: err = %v, want %v", tt.name, err, tt.want)
		}
	}
}

// TestDecodeSecret pins @stablelib/base64's behaviour, including where it
// differs from encoding/base64 (each case was checked with Node).
func TestDecodeSecret(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   string
		want string // the decoded bytes
		ok   bool
	}{
		{"whsec_", "", true},
		{"whsec_QUJD", "ABC", true},
		{"QUJD", "ABC", true},
		{"whsec_QUI=", "AB", true},
		{"whsec_QQ==", "A", true},
		{"whsec_QUJDRA", "ABCD", true},  // no padding, accepted
		{"whsec_QUJDR", "ABC", true},    // lone trailing character ignored
		{"whsec_QUJD!", "ABC", true},    // even when it is not base64
		{"whsec_QR==", "A", true},       // unused bits not checked
		{"whsec_QUJD\n", "ABC", true},   // a trailing newline is a lone character
		{"", "", false},                 // empty secret
		{"whsec_abc", "", false},        // shorter than four characters
		{"whsec_A===", "", false},       // three padding characters
		{"whsec_QU=D", "", false},       // padding inside
		{"whsec_QU-D", "", false},       // URL-safe alphabet
		{"whsec_QU_D", "", false},       // URL-safe alphabet
		{"whsec_QU\nJD", "", false},     // embedded newline (Go would skip it)
		{"whsec_QUéD", "", false},       // non-ASCII in a checked position
		{"whsec_QUJDé", "ABC", true},    // one UTF-16 unit, ignored like any lone character
		{"whsec_whsec_QUJD", "", false}, // prefix stripped once
	}
	for _, tt := range tests {
		got, err := decodeSecret(tt.in)
		if (err == nil) != tt.ok || (tt.ok && string(got) != tt.want) {
			t.Errorf("decodeSecret(%q) = %q, %v; want %q, ok=%v", tt.in, got, err, tt.want, tt.ok)
		}
	}
}

func TestParseInt(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   string
		want int64
		ok   bool
	}{
		{"1614265330", 1614265330, true},
		{" \t\xa01614265330", 1614265330, true},
		{"+12", 12, true},
		{"-12", -12, true},
		{"12abc", 12, true},
		{"1.5e3", 1, true},
		{"0x10", 0, true},
		{"00012", 12, true},
		{"", 0, false},
		{"-", 0, false},
		{"abc", 0, false},
		{"\u00a012", 0, false}, // U+00A0 in UTF-8 is two bytes Node reads as "Â\xa0"
	}
	for _, tt := range tests {
		got, ok := parseInt(tt.in)
		if ok != tt.ok || got != tt.want {
			t.Errorf("parseInt(%q) = %d, %v; want %d, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

// FuzzVerify checks that Verify never panics on any input, and that a
// signature made by Sign always verifies (or, for a body the SDK cannot
// parse, fails only as ErrInvalidPayload) whatever junk precedes it.
func FuzzVerify(f *testing.F) {
	for _, v := range vectors {
		f.Add(v.secret, []byte("key"), v.id, "1614265330", v.sig, []byte(v.body), int64(1614265330), int64(0))
	}
	f.Add("whsec_abc", []byte{}, "msg", "x", "v1,xxx v2,yyy", []byte("{}"), int64(1), int64(-300))
	f.Add("", []byte{0}, "", "", "", []byte{}, int64(0), int64(300))
	f.Fuzz(func(t *testing.T, secret string, key []byte, id, ts, sigs string, body []byte, now, skew int64) {
		h := hdr("webhook-id", id, "Svix-Timestamp", ts, "webhook-signature", sigs)
		_ = Verify(secret, h, body, time.Unix(now, 0)) // must not panic

		if !printableASCII(id) {
			return
		}
		now = now & (1<<40 - 1) // a plausible clock
		skew %= 301
		sent := time.Unix(now+skew, 0)
		good := SecretPrefix + base64.StdEncoding.EncodeToString(key)
		sig, err := Sign(good, id, sent, body)
		if err != nil {
			t.Fatalf("Sign(%q): %v", good, err)
		}
		h = hdr("Webhook-Id", id, "Webhook-Timestamp", strconv.FormatInt(sent.Unix(), 10), "Webhook-Signature", sigs+" "+sig)
		err = Verify(good, h, body, time.Unix(now, 0))
		if err != nil && !errors.Is(err, ErrInvalidPayload) {
			t.Fatalf("Verify(Sign(...)) = %v", err)
		}
		if errors.Is(err, ErrInvalidPayload) && utf8.Valid(body) && json.Valid(body) {
			t.Fatalf("valid JSON %q rejected", body)
		}
	})
}

// FuzzDecodeSecret checks that every secret encoding/base64 decodes strictly
// decodes to the same key here.
func FuzzDecodeSecret(f *testing.F) {
	f.Add("QUJD")
	f.Add("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")
	f.Add("QQ==")
	f.Add("ab-_")
	f.Fuzz(func(t *testing.T, s string) {
		got, err := decodeSecret(SecretPrefix + s)
		want, werr := base64.StdEncoding.Strict().DecodeString(s)
		if werr != nil || bytes.ContainsAny([]byte(s), "\r\n") {
			return
		}
		if err != nil || !bytes.Equal(got, want) {
			t.Fatalf("decodeSecret(%q) = %x, %v; encoding/base64 gives %x", s, got, err, want)
		}
	})
}
