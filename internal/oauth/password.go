package oauth

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"fmt"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/crypto/argon2"

	"github.com/fathom-oss/fathom/internal/fathom"
)

// Passwords are hashed with Argon2id (RFC 9106) at OWASP's recommended
// minimum (19 MiB, 2 passes, 1 lane) and stored in the PHC string format,
// so that the parameters can be raised later without breaking old hashes:
//
//	$argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>
type argonParams struct {
	memory  uint32 // KiB
	time    uint32
	threads uint8
}

var defaultArgon = argonParams{memory: 19 * 1024, time: 2, threads: 1}

const (
	saltLen = 16
	keyLen  = 32
)

var b64 = base64.RawStdEncoding

// hashPassword returns the PHC-encoded Argon2id hash of password.
func hashPassword(password string) (string, error) {
	salt := make([]byte, saltLen)
	if _, err := rand.Read(salt); err != nil {
		return "", fmt.Errorf("password salt: %w", err)
	}
	p := defaultArgon
	key := argon2.IDKey([]byte(password), salt, p.time, p.memory, p.threads, keyLen)
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, p.memory, p.time, p.threads,
		b64.EncodeToString(salt), b64.EncodeToString(key)), nil
}

// checkPassword reports whether password matches encoded, comparing in
// constant time. A malformed or empty hash never matches.
func checkPassword(encoded, password string) bool {
	parts := strings.Split(encoded, "$")
	if len(parts) != 6 || parts[0] != "" || parts[1] != "argon2id" {
		return false
	}
	var version int
	if _, err := fmt.Sscanf(parts[2], "v=%d", &version); err != nil || version != argon2.Version {
		return false
	}
	var p argonParams
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &p.memory, &p.time, &p.threads); err != nil ||
		p.memory == 0 || p.memory > 1<<20 || p.time == 0 || p.time > 16 || p.threads == 0 {
		return false
	}
	salt, err := b64.DecodeString(parts[4])
	if err != nil {
		return false
	}
	want, err := b64.DecodeString(parts[5])
	if err != nil || len(want) < 16 || len(want) > 64 {
		return false
	}
	got := argon2.IDKey([]byte(password), salt, p.time, p.memory, p.threads, uint32(len(want)))
	return subtle.ConstantTimeCompare(got, want) == 1
}

// dummyHash is checked against when a sign-in names no user with a
// password, so that the answer takes as long as for a real user.
var dummyHash = sync.OnceValue(func() string {
	h, _ := hashPassword("no user has this password")
	return h
})

// ErrBusy is returned when every password-hashing slot is taken and the
// queue behind them is full: the caller should answer 503 with
// Retry-After and let the client try again in a moment.
var ErrBusy = fathom.Errorf(fathom.EUNAVAILABLE, "too many sign-ins at once; try again in a moment")

// hashGate bounds the Argon2id work in flight. Each hash holds 19 MiB for
// tens of milliseconds, so without a bound the memory held grows with the
// number of parallel sign-ins an attacker sends (128 reached gigabytes).
// slots hashes run at once, one per core by default, since more would only
// share the cores; up to queue callers wait for a slot, at most maxWait;
// the rest are refused at once with ErrBusy. A waiting caller holds no
// hash memory.
type hashGate struct {
	slots   chan struct{}
	queue   int64
	maxWait time.Duration
	waiting atomic.Int64
}

// newHashGate returns a gate with slots concurrent hashes (0: the number
// of usable cores) and queue waiting callers (0: four per slot).
func newHashGate(slots, queue int) *hashGate {
	if slots <= 0 {
		slots = runtime.GOMAXPROCS(0)
	}
	if queue <= 0 {
		queue = 4 * slots
	}
	return &hashGate{slots: make(chan struct{}, slots), queue: int64(queue), maxWait: 5 * time.Second}
}

// do runs f in a slot, waiting for one if the queue has room.
func (g *hashGate) do(ctx context.Context, f func()) error {
	select {
	case g.slots <- struct{}{}:
	default:
		if g.waiting.Add(1) > g.queue {
			g.waiting.Add(-1)
			return ErrBusy
		}
		t := time.NewTimer(g.maxWait)
		select {
		case g.slots <- struct{}{}:
			g.waiting.Add(-1)
			t.Stop()
		case <-t.C:
			g.waiting.Add(-1)
			return ErrBusy
		case <-ctx.Done():
			g.waiting.Add(-1)
			t.Stop()
			return ctx.Err()
		}
	}
	defer func() { <-g.slots }()
	f()
	return nil
}
