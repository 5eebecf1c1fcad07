package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestDiskFullOnTmpfs runs a real `fathom serve` on SQLite in an 8 MiB
// tmpfs, fills the file system, and checks what clients and the operator
// see: 503 with Retry-After and a message saying the server cannot store
// data, /readyz not ready with the cause and paused background work, one
// log line per incident; then frees the space and checks that the server
// recovers without a restart and that every acknowledged message is there.
// It mounts a file system, so it needs root and FATHOM_TEST_DISKFULL=1.
func TestDiskFullOnTmpfs(t *testing.T) {
	if os.Getenv("FATHOM_TEST_DISKFULL") == "" {
		t.Skip("set FATHOM_TEST_DISKFULL=1 (and run as root) to fill a real tmpfs under a real server")
	}
	if os.Geteuid() != 0 {
		t.Skip("FATHOM_TEST_DISKFULL needs root to mount a tmpfs")
	}
	mnt := filepath.Join(t.TempDir(), "fs")
	if err := os.Mkdir(mnt, 0o700); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", mnt).CombinedOutput(); err != nil {
		t.Fatalf("mount tmpfs: %v %s", err, out)
	}
	// Registered first, so it runs after the server is stopped.
	t.Cleanup(func() {
		if out, err := exec.Command("umount", mnt).CombinedOutput(); err != nil {
			t.Errorf("umount %s: %v %s", mnt, err, out)
		}
	})
	t.Setenv("FATHOM_MIN_FREE_DISK", fmt.Sprint(2<<20))
	t.Setenv("FATHOM_SQLITE_SYNCHRONOUS", "full")
	p := startServe(t, filepath.Join(mnt, "data"), "")
	if p.key == "" {
		t.Fatalf("no bootstrap key printed:\n%s", p.logText())
	}
	if code, body := ready(t, p); code != http.StatusOK || strings.Contains(body, "background") {
		t.Fatalf("readyz before filling: %d %s", code, body)
	}

	acked := map[string]string{} // conversation id -> message acknowledged with 200
	n := 0
	send := func() (int, http.Header, string) {
		n++
		id := fmt.Sprintf("conv-%04d", n)
		content := fmt.Sprintf("message %d: ", n) + strings.Repeat(fmt.Sprintf("payment %d declined again ", n), 150)
		code, h, body := postTrack(t, p, id, content)
		if code == http.StatusOK {
			acked[id] = content
		}
		return code, h, body
	}
	for range 20 {
		if code, _, body := send(); code != http.StatusOK {
			t.Fatalf("track before filling: %d %s", code, body)
		}
	}

	// Fill the file system to the last byte.
	filler := filepath.Join(mnt, "filler")
	fill(t, filler)

	var refused int
	var last struct {
		header http.Header
		body   string
	}
	for range 2000 {
		code, h, body := send()
		switch code {
		case http.StatusOK:
			continue
		case http.StatusServiceUnavailable:
			refused++
			last.header, last.body = h, body
		default:
			t.Fatalf("track on a full disk: %d %s, want 200 or 503", code, body)
		}
		if refused == 20 {
			break
		}
	}
	if refused == 0 {
		t.Fatalf("no write refused after filling the disk (%d sent)", n)
	}
	if last.header.Get("Retry-After") == "" || !strings.Contains(last.body, "cannot store data right now") {
		t.Fatalf("503 on a full disk: Retry-After %q body %s", last.header.Get("Retry-After"), last.body)
	}
	code, body := ready(t, p)
	if code != http.StatusServiceUnavailable || !strings.Contains(body, "writes are failing") || !strings.Contains(body, `"background"`) {
		t.Fatalf("readyz on a full disk: %d %s, want 503 naming failing writes and paused background work", code, body)
	}
	// Free space is measured every 5 s: the floor shows at the next measure.
	for deadline := time.Now().Add(15 * time.Second); !strings.Contains(body, "below --min-free-disk"); {
		if time.Now().After(deadline) {
			t.Fatalf("readyz 15 s after filling the disk does not report the free-space floor: %s", body)
		}
		time.Sleep(200 * time.Millisecond)
		_, body = ready(t, p)
	}
	t.Logf("full disk: %d acknowledged, %d refused with 503; readyz %s", len(acked), refused, body)

	// Free the space: the server recovers by itself.
	if err := os.Remove(filler); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(30 * time.Second)
	for {
		code, body = ready(t, p)
		if code == http.StatusOK && !strings.Contains(body, "background") {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("readyz 30 s after freeing space: %d %s", code, body)
		}
		time.Sleep(200 * time.Millisecond)
	}
	for range 10 {
		if code, _, body := send(); code != http.StatusOK {
			t.Fatalf("track after freeing space: %d %s", code, body)
		}
	}

	// Every acknowledged message is stored.
	for id, content := range acked {
		got := getConversation(t, p, id)
		if !strings.Contains(got, content[:40]) {
			t.Fatalf("acknowledged conversation %s lost its message: %.200s", id, got)
		}
	}
	logs := p.logText()
	starts, ends := strings.Count(logs, "database writes failing"), strings.Count(logs, "database writes succeed again")
	if starts < 1 || starts != ends || starts > refused/5+1 {
		t.Fatalf("incidents logged: %d starts, %d ends for %d refused writes; want one pair per incident:\n%s", starts, ends, refused, logs)
	}
	for _, want := range []string{"free disk below --min-free-disk", "free disk back above --min-free-disk"} {
		if strings.Count(logs, want) != 1 {
			t.Fatalf("want one %q in the log:\n%s", want, logs)
		}
	}
	// Besides one line per refused request, the incident says what it is
	// in a few lines; the job queue's errors, which would repeat at every
	// poll, are held back while the incident is open.
	var errorLines []string
	for _, l := range strings.Split(logs, "\n") {
		if strings.Contains(l, "level=ERROR") && !strings.Contains(l, "msg=request") {
			errorLines = append(errorLines, l)
		}
	}
	t.Logf("recovered without a restart: %d acknowledged messages all stored; %d incident(s) logged; %d error lines besides requests",
		len(acked), starts, len(errorLines))
	if len(errorLines) > 10 {
		t.Fatalf("%d error lines for one incident, want a few:\n%s", len(errorLines), strings.Join(errorLines, "\n"))
	}
}

// fill writes path until the file system has no byte left.
func fill(t *testing.T, path string) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	chunk := make([]byte, 64<<10)
	for len(chunk) > 0 {
		if _, err := f.Write(chunk); err != nil {
			if !errors.Is(err, syscall.ENOSPC) {
				t.Fatal(err)
			}
			chunk = chunk[:len(chunk)/2]
		}
	}
	if err := f.Sync(); err != nil && !errors.Is(err, syscall.ENOSPC) {
		t.Fatal(err)
	}
}

func postTrack(t *testing.T, p *serveProcess, id, content string) (int, http.Header, string) {
	t.Helper()
	body, err := json.Marshal(map[string]any{"conversationId": id,
		"messages": []map[string]string{{"role": "user", "content": content}}})
	if err != nil {
		t.Fatal(err)
	}
	req, err := http.NewRequest(http.MethodPost, p.url+"/api/v1/context/track", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("X-API-Key", p.key)
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("track %s: reading the %d answer: %v", id, resp.StatusCode, err)
	}
	return resp.StatusCode, resp.Header, string(raw)
}

func ready(t *testing.T, p *serveProcess) (int, string) {
	t.Helper()
	resp, err := http.Get(p.url + "/readyz")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("/readyz: reading the %d answer: %v", resp.StatusCode, err)
	}
	return resp.StatusCode, string(raw)
}

func getConversation(t *testing.T, p *serveProcess, id string) string {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, p.url+"/api/v1/context/conversations/"+id, nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("X-API-Key", p.key)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("get conversation %s: reading the %d answer: %v", id, resp.StatusCode, err)
	}
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("get acknowledged conversation %s: %d %s", id, resp.StatusCode, raw)
	}
	return string(raw)
}
