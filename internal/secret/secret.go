// Package secret encrypts small secrets at rest (OAuth tokens of gateway
// connections) with the server's key, and loads or makes that key.
//
// It uses AES-256-GCM with a random nonce per message and the caller's
// associated data, so that a ciphertext copied to another row or column
// fails to open. It must never log, print or put a key or a plaintext in
// an error message.
package secret

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// KeySize is the length of a key: AES-256.
const KeySize = 32

// version is the first byte of every sealed message, so that a later key
// or algorithm can be told apart.
const version byte = 1

// ErrOpen is returned when a ciphertext does not open with this key and
// associated data: it was made with another key, for another row, or was
// altered.
var ErrOpen = errors.New("secret: ciphertext does not open with this key")

// Box seals and opens messages with one key. It is safe for concurrent use.
type Box struct{ aead cipher.AEAD }

// NewBox returns a Box for a 32-byte key.
func NewBox(key []byte) (*Box, error) {
	if len(key) != KeySize {
		return nil, fmt.Errorf("secret: key must be %d bytes, got %d", KeySize, len(key))
	}
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, fmt.Errorf("secret: %w", err)
	}
	aead, err := cipher.NewGCM(block)
	if err != nil {
		return nil, fmt.Errorf("secret: %w", err)
	}
	return &Box{aead: aead}, nil
}

// Seal encrypts plaintext bound to ad (which is authenticated, not
// encrypted). An empty plaintext seals to nil: nothing to store.
func (b *Box) Seal(plaintext, ad string) ([]byte, error) {
	if plaintext == "" {
		return nil, nil
	}
	out := make([]byte, 1+b.aead.NonceSize(), 1+b.aead.NonceSize()+len(plaintext)+b.aead.Overhead())
	out[0] = version
	if _, err := rand.Read(out[1:]); err != nil {
		return nil, fmt.Errorf("secret: nonce: %w", err)
	}
	return b.aead.Seal(out, out[1:], []byte(plaintext), []byte(ad)), nil
}

// Open decrypts what Seal made with the same ad; nil opens to "".
func (b *Box) Open(sealed []byte, ad string) (string, error) {
	if len(sealed) == 0 {
		return "", nil
	}
	n := b.aead.NonceSize()
	if len(sealed) < 1+n+b.aead.Overhead() || sealed[0] != version {
		return "", ErrOpen
	}
	pt, err := b.aead.Open(nil, sealed[1:1+n], sealed[1+n:], []byte(ad))
	if err != nil {
		return "", ErrOpen
	}
	return string(pt), nil
}

// ParseKey reads a key written as base64 (standard or URL alphabet, padded
// or not) or hex. The error names neither the key nor any part of it.
func ParseKey(s string) ([]byte, error) {
	s = strings.TrimSpace(s)
	if len(s) == 2*KeySize {
		if k, err := hex.DecodeString(s); err == nil {
			return k, nil
		}
	}
	for _, enc := range []*base64.Encoding{base64.StdEncoding, base64.RawStdEncoding, base64.URLEncoding, base64.RawURLEncoding} {
		if k, err := enc.DecodeString(s); err == nil && len(k) == KeySize {
			return k, nil
		}
	}
	return nil, fmt.Errorf("must be %d bytes written as base64 or hex (%d characters read)", KeySize, len(s))
}

// LoadOrCreateKey returns the configured key when configured is not empty,
// else the key in file, made the first time: 32 random bytes written as
// base64, mode 0600, created atomically so that two processes starting
// together end up with the same key.
func LoadOrCreateKey(configured, file string) ([]byte, error) {
	if strings.TrimSpace(configured) != "" {
		k, err := ParseKey(configured)
		if err != nil {
			return nil, fmt.Errorf("--secret-key (FATHOM_SECRET_KEY): %w", err)
		}
		return k, nil
	}
	if raw, err := os.ReadFile(file); err == nil {
		k, err := ParseKey(string(raw))
		if err != nil {
			return nil, fmt.Errorf("secret key file %s: %w", file, err)
		}
		return k, nil
	} else if !errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("read secret key: %w", err)
	}
	k := make([]byte, KeySize)
	if _, err := rand.Read(k); err != nil {
		return nil, fmt.Errorf("generate secret key: %w", err)
	}
	if err := writeNew(file, []byte(base64.StdEncoding.EncodeToString(k)+"\n")); err != nil {
		if errors.Is(err, os.ErrExist) { // another process made it first
			return LoadOrCreateKey("", file)
		}
		return nil, fmt.Errorf("write secret key: %w", err)
	}
	return k, nil
}

// writeNew writes data to a temporary file and links it to path, which
// fails with os.ErrExist if path exists: the file appears whole or not at
// all, and never replaces another.
func writeNew(path string, data []byte) error {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(dir, ".secret-key-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if err := tmp.Chmod(0o600); err != nil {
		tmp.Close()
		return err
	}
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Link(tmp.Name(), path)
}
