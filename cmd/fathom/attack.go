package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"regexp"
	"slices"
	"sync"
	"syscall"
	"time"
)

// The harness of the attacks that "fathom bench reliability" runs and the
// tests measure: a "fathom serve" as a separate process on a loopback
// port, whose resident memory is read from /proc, and a client that times
// /healthz beside the attack, as another client of the server would see it.

// listenRe finds the address in the server's "fathom listening" log line.
var listenRe = regexp.MustCompile(`msg="fathom listening" addr=(\S+)`)

// attackProcess is a "fathom serve" under attack.
type attackProcess struct {
	cmd  *exec.Cmd
	addr string
	pid  int
	done chan struct{} // closed when the process has exited
	err  error         // its exit status, once done is closed

	mu   sync.Mutex
	logs bytes.Buffer
}

// startAttackProcess runs "bin serve" with env on a free loopback port
// and returns once it listens (it listens only after loading its data).
// Its log (info level) is kept, and appended to serverLog when set.
func startAttackProcess(ctx context.Context, bin string, env []string, serverLog string) (*attackProcess, error) {
	cmd := exec.Command(bin, "serve", "--addr", "127.0.0.1:0", "--bootstrap-key=false", "--log-level", "info")
	cmd.Env = env
	stderr, err := cmd.StderrPipe()
	if err != nil {
		return nil, err
	}
	var logFile *os.File
	if serverLog != "" {
		if logFile, err = os.OpenFile(serverLog, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644); err != nil {
			return nil, err
		}
	}
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	p := &attackProcess{cmd: cmd, pid: cmd.Process.Pid, done: make(chan struct{})}
	addrCh := make(chan string, 1)
	read := make(chan struct{})
	go func() {
		defer close(read)
		sc := bufio.NewScanner(stderr)
		sc.Buffer(make([]byte, 64<<10), 1<<20)
		for sc.Scan() {
			line := sc.Text()
			p.mu.Lock()
			p.logs.WriteString(line + "\n")
			p.mu.Unlock()
			if logFile != nil {
				_, _ = io.WriteString(logFile, line+"\n")
			}
			if m := listenRe.FindStringSubmatch(line); m != nil {
				select {
				case addrCh <- m[1]:
				default:
				}
			}
		}
		_, _ = io.Copy(io.Discard, stderr)
	}()
	go func() {
		<-read // Wait closes the pipe: read it to the end first
		p.err = cmd.Wait()
		if logFile != nil {
			logFile.Close()
		}
		close(p.done)
	}()
	select {
	case p.addr = <-addrCh:
		return p, nil
	case <-p.done:
		return nil, fmt.Errorf("server exited while starting (%v):\n%s", p.err, p.logText())
	case <-ctx.Done():
		p.kill()
		return nil, ctx.Err()
	case <-time.After(2 * time.Minute):
		p.kill()
		return nil, fmt.Errorf("server did not listen within 2 minutes:\n%s", p.logText())
	}
}

// base is the server's URL.
func (p *attackProcess) base() string { return "http://" + p.addr }

func (p *attackProcess) logText() string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.logs.String()
}

// exited reports whether the process has ended.
func (p *attackProcess) exited() bool {
	select {
	case <-p.done:
		return true
	default:
		return false
	}
}

// kill ends the process with SIGKILL and waits for it.
func (p *attackProcess) kill() {
	_ = p.cmd.Process.Signal(syscall.SIGKILL)
	<-p.done
}

// probeClient is the other client whose latency an attack must not move
// much: its own connections, a timeout well above any bound.
var probeClient = &http.Client{Timeout: 30 * time.Second}

// healthLatency times one /healthz; an error or another status than 200
// is a failure.
func healthLatency(base string) (time.Duration, error) {
	begin := time.Now()
	resp, err := probeClient.Get(base + "/healthz")
	if err != nil {
		return 0, err
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return 0, fmt.Errorf("/healthz answered %d", resp.StatusCode)
	}
	return time.Since(begin), nil
}

// latencies are /healthz times of one phase (before or during an attack).
type latencies struct {
	times    []time.Duration
	failures int
}

// percentile is the p-th percentile (0 to 100) of the times, 0 when none.
func (l latencies) percentile(p int) time.Duration {
	if len(l.times) == 0 {
		return 0
	}
	s := slices.Sorted(slices.Values(l.times))
	return s[min(len(s)-1, len(s)*p/100)]
}

func (l latencies) String() string {
	out := fmt.Sprintf("p50 %s p99 %s", roundLatency(l.percentile(50)), roundLatency(l.percentile(99)))
	if l.failures > 0 {
		out += fmt.Sprintf(" (%d failed)", l.failures)
	}
	return out
}

func roundLatency(d time.Duration) time.Duration {
	switch {
	case d >= time.Second:
		return d.Round(10 * time.Millisecond)
	case d >= time.Millisecond:
		return d.Round(100 * time.Microsecond)
	default:
		return d.Round(time.Microsecond)
	}
}

// probeHealth times n calls of /healthz one after the other.
func probeHealth(base string, n int) latencies {
	var l latencies
	for range n {
		if d, err := healthLatency(base); err != nil {
			l.failures++
		} else {
			l.times = append(l.times, d)
		}
	}
	return l
}

// attackSample is what sampleAttack saw: the peak resident memory and
// the /healthz latencies.
type attackSample struct {
	peak   int64
	health latencies
}

// sampleAttack reads the server's resident memory and times its /healthz
// every 100 ms for d while an attack runs (or until ctx ends), and returns
// the peak resident memory (VmHWM at the end, which no sample can miss)
// and the latencies.
func sampleAttack(ctx context.Context, pid int, base string, d time.Duration) attackSample {
	var s attackSample
	deadline := time.Now().Add(d)
	for time.Now().Before(deadline) && ctx.Err() == nil {
		rss, _ := residentMemory(pid)
		s.peak = max(s.peak, rss)
		if d, err := healthLatency(base); err != nil {
			s.health.failures++
		} else {
			s.health.times = append(s.health.times, d)
		}
		time.Sleep(100 * time.Millisecond)
	}
	_, hwm := residentMemory(pid)
	s.peak = max(s.peak, hwm)
	return s
}

// errExited says the server under attack is gone.
var errExited = errors.New("the server exited during the attack")
