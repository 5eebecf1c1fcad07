package secret

import (
	"bytes"
	"encoding/hex"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestSealOpen(t *testing.T) {
	t.Parallel()
	box, err := NewBox(bytes.Repeat([]byte{7}, KeySize))
	if err != nil {
		t.Fatal(err)
	}
	const token = "at_plaintext-token"
	a, err := box.Seal(token, "conn-1/access")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := box.Seal(token, "conn-1/access")
	if bytes.Equal(a, b) {
		t.Fatal("two seals of one plaintext are equal: the nonce is not random")
	}
	if bytes.Contains(a, []byte(token)) {
		t.Fatal("sealed message contains the plaintext")
	}
	if got, err := box.Open(a, "conn-1/access"); err != nil || got != token {
		t.Fatalf("Open = %q, %v", got, err)
	}
	other, _ := NewBox(bytes.Repeat([]byte{8}, KeySize))
	tampered := bytes.Clone(a)
	tampered[len(tampered)-1] ^= 1
	for name, open := range map[string]func() (string, error){
		"another row":    func() (string, error) { return box.Open(a, "conn-2/access") },
		"another column": func() (string, error) { return box.Open(a, "conn-1/refresh") },
		"another key":    func() (string, error) { return other.Open(a, "conn-1/access") },
		"tampered":       func() (string, error) { return box.Open(tampered, "conn-1/access") },
		"truncated":      func() (string, error) { return box.Open(a[:10], "conn-1/access") },
	} {
		if got, err := open(); !errors.Is(err, ErrOpen) || got != "" {
			t.Errorf("%s: Open = %q, %v; want ErrOpen", name, got, err)
		}
	}
	if s, _ := box.Seal("", "x"); s != nil {
		t.Fatalf("Seal(\"\") = %v, want nil", s)
	}
	if got, err := box.Open(nil, "x"); got != "" || err != nil {
		t.Fatalf("Open(nil) = %q, %v", got, err)
	}
}

func TestLoadOrCreateKey(t *testing.T) {
	t.Parallel()
	file := filepath.Join(t.TempDir(), "data", "secret.key")
	k1, err := LoadOrCreateKey("", file)
	if err != nil || len(k1) != KeySize {
		t.Fatalf("first start: %d bytes, %v", len(k1), err)
	}
	fi, err := os.Stat(file)
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("key file mode = %v, %v; want 0600", fi.Mode().Perm(), err)
	}
	k2, err := LoadOrCreateKey("", file)
	if err != nil || !bytes.Equal(k1, k2) {
		t.Fatal("second start made another key")
	}
	hexKey := hex.EncodeToString(bytes.Repeat([]byte{9}, KeySize))
	if k, err := LoadOrCreateKey(hexKey, file); err != nil || !bytes.Equal(k, bytes.Repeat([]byte{9}, KeySize)) {
		t.Fatalf("configured hex key: %v", err)
	}
	_, err = LoadOrCreateKey("not-a-key-but-a-secret", file)
	if err == nil || strings.Contains(err.Error(), "not-a-key") || !strings.Contains(err.Error(), "--secret-key") {
		t.Fatalf("bad key err = %v; want one naming the flag and not the value", err)
	}
}
