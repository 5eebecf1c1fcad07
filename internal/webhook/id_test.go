package webhook

import (
	"encoding/base64"
	"encoding/hex"
	"regexp"
	"strings"
	"testing"
	"time"
)

func TestNewSecret(t *testing.T) {
	t.Parallel()
	seen := map[string]bool{}
	for range 100 {
		s, err := NewSecret()
		if err != nil {
			t.Fatal(err)
		}
		b64, ok := strings.CutPrefix(s, SecretPrefix)
		if !ok || len(b64) != 32 || strings.Contains(b64, "_") {
			t.Fatalf("NewSecret() = %q, want whsec_ and 32 base64 characters without '_'", s)
		}
		key, err := base64.StdEncoding.Strict().DecodeString(b64)
		if err != nil || len(key) != 24 {
			t.Fatalf("NewSecret() = %q: %d bytes, %v", s, len(key), err)
		}
		if got, err := decodeSecret(s); err != nil || string(got) != string(key) {
			t.Fatalf("decodeSecret(%q) = %x, %v", s, got, err)
		}
		if seen[s] {
			t.Fatalf("NewSecret repeated %q", s)
		}
		seen[s] = true
	}
}

func TestNewID(t *testing.T) {
	t.Parallel()
	re := regexp.MustCompile(`^[0-9A-Za-z]{16}$`)
	seen := map[string]bool{}
	for range 1000 {
		id := NewID()
		if !re.MatchString(id) || seen[id] {
			t.Fatalf("NewID() = %q (repeated: %v)", id, seen[id])
		}
		seen[id] = true
	}
}

func TestNewMessageID(t *testing.T) {
	t.Parallel()
	re := regexp.MustCompile(`^msg_[0-9A-Za-z]{27}$`)
	a, b := NewMessageID(), NewMessageID()
	if !re.MatchString(a) || !re.MatchString(b) || a == b {
		t.Fatalf("NewMessageID() = %q, %q", a, b)
	}
	if !printableASCII(a) {
		t.Fatalf("%q is not a valid webhook-id", a)
	}
}

// TestKSUID checks the encoding against segmentio/ksuid's documented values
// and that later seconds sort later.
func TestKSUID(t *testing.T) {
	t.Parallel()
	payload := func(s string) (p [16]byte) {
		b, _ := hex.DecodeString(s)
		copy(p[:], b)
		return p
	}
	tests := []struct {
		unix    int64
		payload [16]byte
		want    string
	}{
		{ksuidEpoch + 107608047, payload("B5A1CD34B5F99D1154FB6853345C9735"), "0ujtsYcgvSTl8PAuAdqWYSMnLOv"},
		{ksuidEpoch, [16]byte{}, "000000000000000000000000000"},
		{ksuidEpoch + 1<<32 - 1, payload("ffffffffffffffffffffffffffffffff"), "aWgEPTl1tmebfsQzFP4bxwgy80V"},
	}
	for _, tt := range tests {
		if got := ksuid(time.Unix(tt.unix, 0), tt.payload); got != tt.want {
			t.Errorf("ksuid(%d) = %q, want %q", tt.unix, got, tt.want)
		}
	}
	now := time.Now()
	hi := ksuid(now, payload("ffffffffffffffffffffffffffffffff"))
	lo := ksuid(now.Add(time.Second), [16]byte{})
	if hi >= lo {
		t.Errorf("ids are not time-ordered: %q >= %q", hi, lo)
	}
}
