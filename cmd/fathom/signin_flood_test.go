package main

import (
	"bufio"
	"fmt"
	"html"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// TestSignInFloodMemory measures the resident memory of a real "fathom
// serve" while 128 clients send wrong-password sign-ins as fast as they
// can (each an Argon2id hash of 19 MiB), and how much slower another
// client's /healthz gets. It is a measurement, not a check: it runs only
// with FATHOM_SIGNIN_FLOOD=1 and prints its figures. FATHOM_SIGNIN_FLOOD_BIN
// measures another build of fathom (an older release, to compare). The
// per-address and sign-in limits are lifted so that only the bound on
// hashing work is measured: the attack comes from one loopback address.
//
//	FATHOM_SIGNIN_FLOOD=1 go test ./cmd/fathom -run TestSignInFloodMemory -v
func TestSignInFloodMemory(t *testing.T) {
	if os.Getenv("FATHOM_SIGNIN_FLOOD") != "1" {
		t.Skip("a measurement; set FATHOM_SIGNIN_FLOOD=1")
	}
	bin := attackBinary(t, "FATHOM_SIGNIN_FLOOD_BIN")
	workers, seconds := 128, 15
	dir := t.TempDir()
	env := append(os.Environ(), "FATHOM_DATA_DIR="+filepath.Join(dir, "data"), "FATHOM_DATABASE_URL=",
		"FATHOM_ADDRESS_RATE_LIMIT=0", "FATHOM_SIGNIN_PAIR_FAILURES=1000000",
		"FATHOM_SIGNIN_ADDRESS_FAILURES=1000000", "FATHOM_SIGNIN_ACCOUNT_FAILURES=1000000")
	create := exec.Command(bin, "apps", "create", "--create", "--name", "Flood", "--redirect-uri", "https://app.example.com/cb")
	create.Env = env
	out, err := create.CombinedOutput()
	if err != nil {
		t.Fatalf("apps create: %v\n%s", err, out)
	}
	m := regexp.MustCompile(`client_id:\s+(\S+)`).FindSubmatch(out)
	if m == nil {
		t.Fatalf("no client id in %s", out)
	}
	clientID := string(m[1])

	addr, pid := attackServer(t, bin, env)
	base := "http://" + addr
	authorize := base + "/external/v1/oauth2/authorize?client_id=" + clientID +
		"&redirect_uri=https%3A%2F%2Fapp.example.com%2Fcb&scope=public_api&state=s&response_type=code"
	idle := rss(t, pid)
	before := healthLatency(t, base, 40)

	hidden := regexp.MustCompile(`<input type="hidden" name="([^"]+)" value="([^"]*)">`)
	var stop atomic.Bool
	var statusMu sync.Mutex
	statuses := map[int]int{}
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			jar, _ := cookiejar.New(nil)
			c := &http.Client{Jar: jar, Timeout: time.Minute}
			resp, err := c.Get(authorize)
			if err != nil {
				return
			}
			page, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			form := url.Values{}
			for _, m := range hidden.FindAllStringSubmatch(string(page), -1) {
				form.Set(m[1], html.UnescapeString(m[2]))
			}
			form.Set("action", "signin")
			form.Set("workspace", "default")
			form.Set("email", fmt.Sprintf("nobody%d@example.com", w))
			form.Set("password", "not the password")
			for !stop.Load() {
				resp, err := c.PostForm(base+"/external/v1/oauth2/authorize", form)
				if err != nil {
					continue
				}
				_, _ = io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				statusMu.Lock()
				statuses[resp.StatusCode]++
				statusMu.Unlock()
			}
		})
	}
	peak, median := sampleAttack(t, pid, base, seconds, idle)
	stop.Store(true)
	wg.Wait()
	t.Logf("binary %s: %d clients for %ds; resident memory idle %d MiB, peak %d MiB; /healthz median %s before, %s during (%.1fx); answers %v",
		bin, workers, seconds, idle>>20, peak>>20, before, median, float64(median)/float64(max(before, time.Microsecond)), statuses)
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

// attackServer runs "bin serve" with env on a free loopback port until the
// test ends, and returns its address once it listens, and its pid.
func attackServer(t *testing.T, bin string, env []string) (addr string, pid int) {
	t.Helper()
	cmd := exec.Command(bin, "serve", "--addr", "127.0.0.1:0", "--log-level", "info")
	cmd.Env = env
	stderr, _ := cmd.StderrPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
	addrCh := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			if m := listenRe.FindStringSubmatch(sc.Text()); m != nil {
				addrCh <- m[1]
			}
		}
	}()
	select {
	case addr = <-addrCh:
	case <-time.After(60 * time.Second):
		t.Fatal("server did not start")
	}
	return addr, cmd.Process.Pid
}

// sampleAttack reads the server's resident memory and the latency of its
// /healthz every 100 ms for seconds while an attack runs, and returns the
// peak (from idle on) and the median latency.
func sampleAttack(t *testing.T, pid int, base string, seconds int, idle int64) (peak int64, median time.Duration) {
	t.Helper()
	peak = idle
	var during []time.Duration
	deadline := time.Now().Add(time.Duration(seconds) * time.Second)
	for time.Now().Before(deadline) {
		peak = max(peak, rss(t, pid))
		during = append(during, healthLatency(t, base, 1))
		time.Sleep(100 * time.Millisecond)
	}
	slices.Sort(during)
	return max(peak, hwm(t, pid)), during[len(during)/2]
}

// healthLatency is the median time of n /healthz calls.
func healthLatency(t *testing.T, base string, n int) time.Duration {
	var ds []time.Duration
	for range n {
		begin := time.Now()
		resp, err := http.Get(base + "/healthz")
		if err != nil {
			t.Fatal(err)
		}
		_, _ = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		ds = append(ds, time.Since(begin))
	}
	slices.Sort(ds)
	return ds[len(ds)/2]
}

// rss and hwm read the current and peak resident set of a process, in bytes.
func rss(t *testing.T, pid int) int64 { return procStatus(t, pid, "VmRSS:") }
func hwm(t *testing.T, pid int) int64 { return procStatus(t, pid, "VmHWM:") }

func procStatus(t *testing.T, pid int, field string) int64 {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		t.Skipf("no /proc: %v", err)
	}
	for _, line := range strings.Split(string(b), "\n") {
		if rest, ok := strings.CutPrefix(line, field); ok {
			kb, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
			return kb << 10
		}
	}
	return 0
}
