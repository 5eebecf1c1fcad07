package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"time"
)

// A "fathom serve" run as a separate process, as an operator runs it: the
// one way the tests, "fathom bench memory", "fathom bench servers" and
// "fathom bench reliability" start a server. A separate process is what
// makes their figures honest (resident memory is the server's alone, a
// restart starts from an empty heap, a SIGKILL kills only the server).

// listenRe finds the address in the server's "fathom listening" log line.
var listenRe = regexp.MustCompile(`msg="fathom listening" addr=(\S+)`)

// apiKeyRe finds an API key in a command's output.
var apiKeyRe = regexp.MustCompile(`\bfth_[a-z2-7]{32}\b`)

// serveOptions says how to run "fathom serve".
type serveOptions struct {
	// exe is the fathom binary; this one when empty.
	exe string
	// env is the process's environment; nil: this process's.
	env []string
	// args are flags after the ones every start sets (a loopback address
	// the kernel picks, the info level and text format of the log, and
	// --bootstrap-key).
	args []string
	// firstKey lets the server create and print a first API key when the
	// database has none, kept in serveProcess.key.
	firstKey bool
	// logFile is where the log is appended: a file, "-" for this
	// process's stderr, "" for nowhere. Lines of a level below logLevel
	// are left out of it.
	logFile  string
	logLevel slog.Level
	// keepLog keeps the whole log in memory, for logText.
	keepLog bool
}

// serveProcess is a running "fathom serve".
type serveProcess struct {
	cmd  *exec.Cmd
	pid  int
	addr string // the address it listens on, host:port
	url  string // "http://" + addr
	key  string // the first API key it printed (serveOptions.firstKey)

	done chan struct{} // closed when the process has exited
	err  error         // its exit status, once done is closed

	mu      sync.Mutex
	keepLog bool
	logs    bytes.Buffer
}

// startServeProcess runs "fathom serve" as o says and returns once it
// listens (it listens only after loading its data), with the time that
// took. It gives up when ctx ends or the process exits first; the error
// then holds the end of its log.
func startServeProcess(ctx context.Context, o serveOptions) (*serveProcess, time.Duration, error) {
	exe := o.exe
	if exe == "" {
		var err error
		if exe, err = os.Executable(); err != nil {
			return nil, 0, err
		}
	}
	// The server runs at info level whatever logLevel asks: its "fathom
	// listening" line gives the address the kernel picked.
	args := append([]string{"serve", "--addr", "127.0.0.1:0", "--log-level", "info", "--log-format", "text",
		fmt.Sprintf("--bootstrap-key=%t", o.firstKey)}, o.args...)
	cmd := exec.Command(exe, args...)
	cmd.Env = o.env
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, 0, err
	}
	stderr, err := cmd.StderrPipe()
	if err != nil {
		return nil, 0, err
	}
	var logOut io.Writer
	var logFile *os.File
	switch o.logFile {
	case "":
	case "-":
		logOut = os.Stderr
	default:
		if logFile, err = os.OpenFile(o.logFile, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644); err != nil {
			return nil, 0, err
		}
		logOut = logFile
	}
	begin := time.Now()
	if err := cmd.Start(); err != nil {
		if logFile != nil {
			logFile.Close()
		}
		return nil, 0, err
	}
	// The log is kept until the server listens in any case: an error
	// says how its start failed.
	p := &serveProcess{cmd: cmd, pid: cmd.Process.Pid, done: make(chan struct{}), keepLog: true}
	addrCh, keyCh := make(chan string, 1), make(chan string, 1)
	var reading sync.WaitGroup
	reading.Add(2)
	go func() {
		defer reading.Done()
		scanLines(stdout, func(line string) {
			if k := apiKeyRe.FindString(line); k != "" {
				offer(keyCh, k)
			}
		})
	}()
	go func() {
		defer reading.Done()
		scanLines(stderr, func(line string) {
			p.mu.Lock()
			if p.keepLog {
				p.logs.WriteString(line + "\n")
			}
			p.mu.Unlock()
			if logOut != nil && !logBelow(line, o.logLevel) {
				_, _ = io.WriteString(logOut, line+"\n")
			}
			if m := listenRe.FindStringSubmatch(line); m != nil {
				offer(addrCh, m[1])
			}
		})
	}()
	go func() {
		reading.Wait() // Wait closes the pipes: read them to the end first
		p.err = cmd.Wait()
		if logFile != nil {
			logFile.Close()
		}
		close(p.done)
	}()
	select {
	case p.addr = <-addrCh:
	case <-p.done:
		return nil, 0, fmt.Errorf("server exited while starting (%v):\n%s", p.err, tail(p.logText(), 20))
	case <-ctx.Done():
		_ = p.kill()
		return nil, 0, fmt.Errorf("server did not listen: %w\n%s", ctx.Err(), tail(p.logText(), 20))
	}
	started := time.Since(begin)
	p.url = "http://" + p.addr
	if !o.keepLog {
		p.mu.Lock()
		p.keepLog, p.logs = false, bytes.Buffer{}
		p.mu.Unlock()
	}
	if o.firstKey {
		// The key is printed before the server listens, on the other pipe.
		select {
		case p.key = <-keyCh:
		case <-time.After(time.Second): // the database had keys already
		}
	}
	return p, started, nil
}

// scanLines calls line for each line of r, then drains r.
func scanLines(r io.Reader, line func(string)) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for sc.Scan() {
		line(sc.Text())
	}
	_, _ = io.Copy(io.Discard, r)
}

// offer sends v on ch unless ch is full.
func offer(ch chan string, v string) {
	select {
	case ch <- v:
	default:
	}
}

// logBelow reports whether line is a log record of a level below min.
// Lines that are not records (a panic's trace) are never below.
func logBelow(line string, min slog.Level) bool {
	if !strings.HasPrefix(line, "time=") {
		return false
	}
	_, rest, ok := strings.Cut(line, " level=")
	if !ok {
		return false
	}
	name, _, _ := strings.Cut(rest, " ")
	var level slog.Level
	if err := level.UnmarshalText([]byte(name)); err != nil {
		return false
	}
	return level < min
}

// logText is the log so far (serveOptions.keepLog).
func (p *serveProcess) logText() string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.logs.String()
}

// exited reports whether the process has ended.
func (p *serveProcess) exited() bool {
	select {
	case <-p.done:
		return true
	default:
		return false
	}
}

// kill ends the process with SIGKILL and waits for it; the error says the
// process had exited already.
func (p *serveProcess) kill() error { return p.signal(syscall.SIGKILL) }

// signal sends sig and waits for the process to exit, whatever its exit
// status; the error says the signal could not be sent (the process had
// exited already).
func (p *serveProcess) signal(sig os.Signal) error {
	err := p.cmd.Process.Signal(sig)
	<-p.done
	return err
}

// stop sends SIGTERM and returns how long the server took to exit; an
// exit status other than 0 is an error.
func (p *serveProcess) stop() (time.Duration, error) {
	begin := time.Now()
	if err := p.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		return 0, err
	}
	<-p.done
	var exit *exec.ExitError
	if errors.As(p.err, &exit) {
		return time.Since(begin), fmt.Errorf("server stopped with %v", p.err)
	}
	return time.Since(begin), p.err
}

// tail is the last n lines of s.
func tail(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	return strings.Join(lines[max(0, len(lines)-n):], "\n")
}
