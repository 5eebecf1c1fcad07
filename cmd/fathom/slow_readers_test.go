package main

import (
	"os"
	"testing"
)

// TestSlowReadersMemory measures the resident memory of a real "fathom
// serve" while 200 slow clients read one 2 MiB conversation (64 messages
// of 32 KiB): the slow-readers trial of "fathom bench reliability", run
// with its figures in the test log. It runs only with
// FATHOM_SLOW_READERS=1; FATHOM_SLOW_READERS_BIN measures another build
// of fathom (an older one, to compare).
//
//	FATHOM_SLOW_READERS=1 go test ./cmd/fathom -run TestSlowReadersMemory -v
func TestSlowReadersMemory(t *testing.T) {
	if os.Getenv("FATHOM_SLOW_READERS") != "1" {
		t.Skip("a measurement; set FATHOM_SLOW_READERS=1")
	}
	runTrialForTest(t, "FATHOM_SLOW_READERS_BIN", "slow-readers", false)
}

// TestReliabilityQuick runs two trials of "fathom bench reliability
// --quick" end to end, so that the command cannot rot: the SIGKILL trial
// (nothing acknowledged lost) and the malformed-input fuzzer.
func TestReliabilityQuick(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and attacks a real server for about a minute")
	}
	runTrialForTest(t, "", "kill", true)
	runTrialForTest(t, "", "fuzz", true)
}
