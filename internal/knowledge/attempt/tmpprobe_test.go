package attempt

import (
	"fmt"
	"os"
	"strings"
	"testing"
)

func TestTmpProbe(t *testing.T) {
	in := os.Getenv("PROBE")
	if in == "" {
		t.Skip()
	}
	for _, turn := range strings.Split(in, "|") {
		p, steps, _, ok := parseTurn(turn)
		fmt.Printf("%-6v %-30s %q kind=%d steps=%q\n", ok, p.phrase().Key(), p.text, p.kind, steps)
	}
}

func TestTmpProbeNote(t *testing.T) {
	for _, turn := range strings.Split(os.Getenv("PROBE"), "|") {
		p, ok := parseNote(turn)
		fmt.Printf("%-6v %-30s %q\n", ok, p.phrase().Key(), p.text)
	}
}
