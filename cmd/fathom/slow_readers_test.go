package main

import (
	"os"
	"testing"

	"github.com/fathom-oss/fathom/internal/store/postgres/pgtest"
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

// TestReliabilityQuick runs three trials of "fathom bench reliability
// --quick" end to end, so that the command cannot rot: the SIGKILL trial
// (nothing acknowledged lost), the gateway's refreshes against a fake
// upstream, and the malformed-input fuzzer.
func TestReliabilityQuick(t *testing.T) {
	engineIndependent(t)
	if testing.Short() {
		t.Skip("builds the binary and attacks a real server for about a minute")
	}
	runTrialForTest(t, "", "kill", true)
	runTrialForTest(t, "", "gateway", true)
	runTrialForTest(t, "", "fuzz", true)
}

// TestReliabilityQuickOnPostgres runs the SIGKILL trial with
// --database-url: on a throwaway PostgreSQL database, nothing acknowledged
// is lost. It is skipped when PostgreSQL is not reachable.
func TestReliabilityQuickOnPostgres(t *testing.T) {
	engineIndependent(t)
	if testing.Short() {
		t.Skip("builds the binary and attacks a real server")
	}
	pgtest.NewDatabase(t) // skips when PostgreSQL is not reachable
	runTrialForTest(t, "", "kill", true, "--database-url", pgtest.ServerURL())
}
