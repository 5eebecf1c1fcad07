package provider

import (
	"slices"
	"strings"
	"testing"
)

// TestAppendFields checks the .vec reader's field splitting against
// strings.Fields on lines of ASCII white space.
func TestAppendFields(t *testing.T) {
	for _, line := range []string{"", " ", "a", "the 0.1 -0.2", "  wifi\t1e-3  2 \r", "x\v\f y"} {
		var got []string
		for _, f := range appendFields(nil, []byte(line)) {
			got = append(got, string(f))
		}
		if want := strings.Fields(line); !slices.Equal(got, want) {
			t.Errorf("appendFields(%q) = %q, want %q", line, got, want)
		}
	}
}
