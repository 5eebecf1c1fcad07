package webhook

import (
	"fmt"
	"strings"
	"unicode/utf16"
)

// invalidChar marks a character outside the base64 alphabet, as in
// @stablelib/base64.
const invalidChar = 256

// decodeSecret turns a "whsec_<base64>" secret into the HMAC key exactly as
// standardwebhooks 1.0.0 does under svix 1.99 (the code Fathom.verifyWebhook
// runs): an empty secret is refused, the prefix is optional, and the rest is
// decoded by @stablelib/base64. That decoder is not Go's StdEncoding: it
// works on UTF-16 code units, requires at least four characters and at most
// two '=' of padding, rejects '-', '_' and other non-alphabet characters,
// ignores a lone trailing character, and does not check the unused bits of
// the last character. Porting it, instead of using StdEncoding, keeps Sign and
// Verify accepting exactly the secrets the SDK accepts; canonical secrets
// (NewSecret's) decode identically either way.
func decodeSecret(secret string) ([]byte, error) {
	if secret == "" {
		return nil, fmt.Errorf("%w: empty", ErrBadSecret)
	}
	s := utf16.Encode([]rune(strings.TrimPrefix(secret, SecretPrefix)))
	if len(s) == 0 {
		// "whsec_" alone: standardwebhooks 1.0.0 accepts an empty key.
		return []byte{}, nil
	}
	pad := 0
	for i := len(s) - 1; i >= 0 && s[i] == '='; i-- {
		pad++
	}
	if len(s) < 4 || pad > 2 {
		return nil, fmt.Errorf("%w: incorrect padding", ErrBadSecret)
	}
	n := len(s) - pad
	out := make([]byte, n*3/4)
	op, bad := 0, 0
	put := func(b int) {
		if op < len(out) { // a JS typed array drops out-of-range writes
			out[op] = byte(b)
		}
		op++
	}
	var v0, v1, v2, v3 int
	i := 0
	for ; i < n-4; i += 4 {
		v0, v1, v2, v3 = decodeChar(s[i]), decodeChar(s[i+1]), decodeChar(s[i+2]), decodeChar(s[i+3])
		put(v0<<2 | v1>>4)
		put(v1<<4 | v2>>2)
		put(v2<<6 | v3)
		bad |= (v0 | v1 | v2 | v3) & invalidChar
	}
	if i < n-1 {
		v0, v1 = decodeChar(s[i]), decodeChar(s[i+1])
		put(v0<<2 | v1>>4)
		bad |= (v0 | v1) & invalidChar
	}
	if i < n-2 {
		v2 = decodeChar(s[i+2])
		put(v1<<4 | v2>>2)
		bad |= v2 & invalidChar
	}
	if i < n-3 {
		v3 = decodeChar(s[i+3])
		put(v2<<6 | v3)
		bad |= v3 & invalidChar
	}
	if bad != 0 {
		return nil, fmt.Errorf("%w: incorrect characters for decoding", ErrBadSecret)
	}
	return out, nil
}

// decodeChar maps a standard base64 character to its 6-bit value, or to
// invalidChar.
func decodeChar(c uint16) int {
	switch {
	case c >= 'A' && c <= 'Z':
		return int(c - 'A')
	case c >= 'a' && c <= 'z':
		return int(c-'a') + 26
	case c >= '0' && c <= '9':
		return int(c-'0') + 52
	case c == '+':
		return 62
	case c == '/':
		return 63
	}
	return invalidChar
}
