package main

import (
	"syscall"
	"testing"
	"time"
)

// TestKill9IndexFindsUnsaved: a server saves its search index (analysis,
// then a stop), a second one acknowledges a new conversation and is killed
// with SIGKILL before anything saves it; the third start must find both
// conversations at once, the saved one from the saved index and the other
// from its text, before any analysis runs again.
func TestKill9IndexFindsUnsaved(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	dataDir := t.TempDir()
	p := startProcess(t, dataDir)
	key := p.key
	if _, status, err := p.track("saved-1", []string{"my card payment was declined at the till", "let me check the card"}); err != nil || status != 200 {
		t.Fatalf("track: %d %v", status, err)
	}
	deadline := time.Now().Add(60 * time.Second)
	for !p.finds("card payment declined", "saved-1") {
		if time.Now().After(deadline) {
			t.Fatalf("the first conversation was never analysed:\n%s", p.logText())
		}
		time.Sleep(50 * time.Millisecond)
	}
	if err := p.signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}

	p = startProcess(t, dataDir)
	p.key = key
	if _, status, err := p.track("unsaved-1", []string{"a zebrafish ate my boarding pass"}); err != nil || status != 200 {
		t.Fatalf("track: %d %v", status, err)
	}
	if err := p.kill(); err != nil {
		t.Fatal(err)
	}

	p = startProcess(t, dataDir)
	p.key = key
	if !p.finds("zebrafish boarding pass", "unsaved-1") {
		t.Errorf("the conversation acknowledged before the kill is not found after the restart:\n%s", p.logText())
	}
	if !p.finds("card payment declined", "saved-1") {
		t.Errorf("the saved conversation is not found after the restart:\n%s", p.logText())
	}
}
