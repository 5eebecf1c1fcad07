package main

import (
	"context"
	"os"
	"strings"
	"testing"
)

// TestSignInFloodMemory measures the resident memory of a real "fathom
// serve" while 128 clients send wrong-password sign-ins as fast as they
// can (each an Argon2id hash of 19 MiB), and how much slower another
// client's /healthz gets: the signin-flood trial of "fathom bench
// reliability", run with its figures in the test log. It runs only with
// FATHOM_SIGNIN_FLOOD=1; FATHOM_SIGNIN_FLOOD_BIN measures another build of
// fathom (an older release, to compare).
//
//	FATHOM_SIGNIN_FLOOD=1 go test ./cmd/fathom -run TestSignInFloodMemory -v
func TestSignInFloodMemory(t *testing.T) {
	if os.Getenv("FATHOM_SIGNIN_FLOOD") != "1" {
		t.Skip("a measurement; set FATHOM_SIGNIN_FLOOD=1")
	}
	runTrialForTest(t, "FATHOM_SIGNIN_FLOOD_BIN", "signin-flood", false)
}

// attackBinary is the fathom an attack measures: the build named by the
// environment variable env (an older one, to compare), or this one.
func attackBinary(t *testing.T, env string) string {
	t.Helper()
	if bin := os.Getenv(env); bin != "" {
		return bin
	}
	bin, err := buildBinary()
	if err != nil {
		t.Fatal(err)
	}
	return bin
}

// runTrialForTest runs one trial of the reliability suite on the binary
// named by binEnv (or this one) and fails the test when the trial fails.
// Latencies are reported, not bounded: tests run on busy machines.
func runTrialForTest(t *testing.T, binEnv, name string, quick bool, extra ...string) {
	t.Helper()
	bin := attackBinary(t, binEnv)
	var out strings.Builder
	env := &environment{stdout: &out, stderr: &out, getenv: os.Getenv}
	args := append([]string{"--only", name, "--bin", bin, "--latency-bound", "0"}, extra...)
	if quick {
		args = append(args, "--quick")
	}
	err := runReliability(context.Background(), env, args)
	t.Log(out.String())
	if err != nil {
		t.Fatal(err)
	}
}
