package webhook

import (
	"crypto/rand"
	"encoding/base64"
	"encoding/binary"
	"fmt"
	"time"
)

// SecretPrefix starts every signing secret, as in Standard Webhooks.
const SecretPrefix = "whsec_"

// secretBytes is svix's key length: 24 bytes encode to 32 base64 characters
// with no padding.
const secretBytes = 24

// base62 is ordered as ASCII so that base62 strings of equal length sort like
// the numbers they encode (what makes KSUIDs time-ordered).
const base62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"

// NewSecret returns a new signing secret: "whsec_" followed by the standard,
// padded base64 of 24 random bytes. The standard alphabet has no '_', so
// receivers that do secret.split('_')[1], as Fathom's docs show, get the key.
func NewSecret() (string, error) {
	b := make([]byte, secretBytes)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("webhook: new secret: %w", err)
	}
	return SecretPrefix + base64.StdEncoding.EncodeToString(b), nil
}

// NewID returns a webhook id: 16 random alphanumeric characters, like
// Fathom's "ikEoQ4bVoq4JYUmc".
func NewID() string {
	const n = 16
	out := make([]byte, 0, n)
	buf := make([]byte, 2*n)
	for len(out) < n {
		rand.Read(buf) // never fails since Go 1.24
		for _, b := range buf {
			// 248 = 4*62: rejecting larger bytes keeps every character equally likely.
			if b < 248 && len(out) < n {
				out = append(out, base62[b%62])
			}
		}
	}
	return string(out)
}

// NewMessageID returns a delivery id for the webhook-id header: "msg_"
// followed by a 27-character KSUID (a 4-byte timestamp and 16 random bytes in
// base62), so ids sort by creation second like svix's.
func NewMessageID() string {
	var payload [16]byte
	rand.Read(payload[:]) // never fails since Go 1.24
	return "msg_" + ksuid(time.Now(), payload)
}

// ksuidEpoch is KSUID's epoch (2014-05-13), which keeps the 32-bit timestamp
// valid until 2150.
const ksuidEpoch = 1400000000

// ksuid encodes t's KSUID timestamp and payload as 27 base62 characters.
func ksuid(t time.Time, payload [16]byte) string {
	var raw [20]byte
	binary.BigEndian.PutUint32(raw[:4], uint32(t.Unix()-ksuidEpoch))
	copy(raw[4:], payload[:])
	// Long division of the 160-bit big-endian number by 62, in five
	// 32-bit words; 62^27 > 2^160, so 27 digits always suffice.
	var words [5]uint32
	for i := range words {
		words[i] = binary.BigEndian.Uint32(raw[4*i:])
	}
	var out [27]byte
	for pos := len(out) - 1; pos >= 0; pos-- {
		var rem uint64
		for i := range words {
			cur := rem<<32 | uint64(words[i])
			words[i] = uint32(cur / 62)
			rem = cur % 62
		}
		out[pos] = base62[rem]
	}
	return string(out[:])
}
