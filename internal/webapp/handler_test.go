package webapp

import (
	"testing"

	"github.com/fathom-oss/fathom/internal/csrf"
)

// The signing key is required: no key, or a short one, is refused rather
// than signing forms with an empty key anyone could forge.
func TestNewRequiresTheKey(t *testing.T) {
	for _, k := range [][]byte{nil, []byte("short")} {
		if _, err := New(nil, nil, nil, nil, k, Config{}); err == nil {
			t.Errorf("New took a %d-byte key", len(k))
		}
	}
	if _, err := New(nil, nil, nil, nil, make([]byte, csrf.MinKeyBytes), Config{}); err != nil {
		t.Errorf("New refused a %d-byte key: %v", csrf.MinKeyBytes, err)
	}
}
