package main

import (
	"bytes"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// TestSlowReadersMemory measures the resident memory of a real "fathom
// serve" while 200 slow clients read one 2 MiB conversation (64 messages
// of 32 KiB): each sends the read and then takes 1 KiB every 250 ms
// through a 4 KiB receive buffer, so the server cannot finish writing
// any answer. It is a measurement, not a check: it runs only with
// FATHOM_SLOW_READERS=1 and prints its figures. FATHOM_SLOW_READERS_BIN
// measures another build of fathom (an older one, to compare);
// FATHOM_SLOW_READERS_N sets the number of readers (0 measures the server
// alone); FATHOM_SLOW_READERS_WORKERS=0 leaves the analysis of the tracked
// messages queued, so that only the reads are measured (the analysis of
// one 2 MiB conversation alone takes the server to about 480 MiB).
//
//	FATHOM_SLOW_READERS=1 go test ./cmd/fathom -run TestSlowReadersMemory -v
func TestSlowReadersMemory(t *testing.T) {
	if os.Getenv("FATHOM_SLOW_READERS") != "1" {
		t.Skip("a measurement; set FATHOM_SLOW_READERS=1")
	}
	bin := attackBinary(t, "FATHOM_SLOW_READERS_BIN")
	readers, seconds := 200, 20
	if n, err := strconv.Atoi(os.Getenv("FATHOM_SLOW_READERS_N")); err == nil {
		readers = n
	}
	dir := t.TempDir()
	env := append(os.Environ(), "FATHOM_DATA_DIR="+filepath.Join(dir, "data"), "FATHOM_DATABASE_URL=",
		"FATHOM_RATE_LIMIT=0", "FATHOM_ADDRESS_RATE_LIMIT=0")
	if w := os.Getenv("FATHOM_SLOW_READERS_WORKERS"); w != "" {
		env = append(env, "FATHOM_WORKERS="+w)
	}
	create := exec.Command(bin, "keys", "create", "--create", "--tenant", "acme")
	create.Env = env
	out, err := create.CombinedOutput()
	if err != nil {
		t.Fatalf("keys create: %v\n%s", err, out)
	}
	key := cliSecretRe.FindString(string(out))
	if key == "" {
		t.Fatalf("no key in %s", out)
	}

	addr, pid := attackServer(t, bin, env)
	base := "http://" + addr

	content := strings.Repeat("The card was declined again at checkout. ", 800)[:32<<10]
	for i := 0; i < 64; i += 8 {
		var msgs []string
		for j := i; j < i+8; j++ {
			msgs = append(msgs, fmt.Sprintf(`{"role":"user","content":"%d %s"}`, j, content[:len(content)-8]))
		}
		req, _ := http.NewRequest(http.MethodPost, base+"/api/v1/context/track",
			strings.NewReader(`{"conversationId":"big","messages":[`+strings.Join(msgs, ",")+`]}`))
		req.Header.Set("X-API-Key", key)
		req.Header.Set("Content-Type", "application/json")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 {
			t.Fatalf("track: %d %s", resp.StatusCode, body)
		}
	}
	full := readAll(t, base, key)
	// Let the analysis of the tracked messages finish and the heap settle.
	for last := int64(0); ; {
		time.Sleep(time.Second)
		now := rss(t, pid)
		if now-last < 1<<20 && last-now < 1<<20 {
			break
		}
		last = now
	}
	settled := hwm(t, pid)
	idle := rss(t, pid)
	before := healthLatency(t, base, 40)

	var stop atomic.Bool
	var received atomic.Int64
	var wg sync.WaitGroup
	request := "GET /api/v1/context/conversations/big HTTP/1.1\r\nHost: " + addr + "\r\nX-API-Key: " + key + "\r\n\r\n"
	for range readers {
		wg.Go(func() {
			conn, err := net.Dial("tcp", addr)
			if err != nil {
				t.Error(err)
				return
			}
			defer conn.Close()
			_ = conn.(*net.TCPConn).SetReadBuffer(4 << 10)
			if _, err := io.WriteString(conn, request); err != nil {
				return
			}
			buf := make([]byte, 1<<10)
			for !stop.Load() {
				_ = conn.SetReadDeadline(time.Now().Add(time.Second))
				n, _ := conn.Read(buf)
				received.Add(int64(n))
				time.Sleep(250 * time.Millisecond)
			}
		})
	}
	peak, median := sampleAttack(t, pid, base, seconds, idle)
	stop.Store(true)
	wg.Wait()
	t.Logf("binary %s: %d slow readers of a %d-byte answer for %ds (read %d KiB in all); resident memory peak %d MiB before the attack, idle %d MiB, peak %d MiB; /healthz median %s before, %s during",
		bin, readers, full, seconds, received.Load()>>10, settled>>20, idle>>20, peak>>20, before, median)
}

// readAll reads the conversation once at full speed and returns the size
// of the answer.
func readAll(t *testing.T, base, key string) int {
	req, _ := http.NewRequest(http.MethodGet, base+"/api/v1/context/conversations/big", nil)
	req.Header.Set("X-API-Key", key)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 || !bytes.Contains(body, []byte(`"messageCount":64`)) {
		t.Fatalf("read: %d %.200s", resp.StatusCode, body)
	}
	return len(body)
}
