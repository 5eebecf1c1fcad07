package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"syscall"
	"time"
)

// serveProcess is a "fathom serve" of this binary that a benchmark runs
// as a separate process, as an operator would.
type serveProcess struct {
	cmd  *exec.Cmd
	url  string
	done chan error
}

// startServeProcess runs "fathom serve" of exe (this binary when empty)
// with args on a free loopback port,
// without a first key, and returns once it answers /healthz (it listens
// only after loading its data), with the time that took. Its log, at
// level (info when empty), is appended to serverLog, or only warnings are
// shown on stderr when serverLog is empty.
func startServeProcess(ctx context.Context, exe, serverLog, level string, args ...string) (*serveProcess, time.Duration, error) {
	var err error
	if exe == "" {
		if exe, err = os.Executable(); err != nil {
			return nil, 0, err
		}
	}
	addr, err := freeAddr()
	if err != nil {
		return nil, 0, err
	}
	var logFile *os.File
	switch {
	case serverLog == "":
		level = "warn"
	case level == "":
		level = "info"
	}
	if serverLog != "" {
		if logFile, err = os.OpenFile(serverLog, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644); err != nil {
			return nil, 0, err
		}
		defer logFile.Close() // the child has its own descriptor
	}
	args = append([]string{"serve", "--addr", addr, "--bootstrap-key=false", "--log-level", level, "--shutdown-timeout", "5m"}, args...)
	cmd := exec.Command(exe, args...)
	cmd.Stdout, cmd.Stderr = io.Discard, os.Stderr
	if logFile != nil {
		cmd.Stderr = logFile
	}
	begin := time.Now()
	if err := cmd.Start(); err != nil {
		return nil, 0, err
	}
	s := &serveProcess{cmd: cmd, url: "http://" + addr, done: make(chan error, 1)}
	go func() { s.done <- cmd.Wait() }()
	for {
		select {
		case err := <-s.done:
			return nil, 0, fmt.Errorf("server exited while starting: %v", err)
		case <-ctx.Done():
			_, _ = s.stop()
			return nil, 0, ctx.Err()
		case <-time.After(5 * time.Millisecond):
		}
		resp, err := http.Get(s.url + "/healthz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return s, time.Since(begin), nil
			}
		}
	}
}

// stop sends SIGTERM and returns how long the server took to exit.
func (s *serveProcess) stop() (time.Duration, error) {
	begin := time.Now()
	if err := s.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		return 0, err
	}
	err := <-s.done
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		return time.Since(begin), fmt.Errorf("server stopped with %v", err)
	}
	return time.Since(begin), err
}

// freeAddr returns a loopback address with a port free a moment ago.
func freeAddr() (string, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer ln.Close()
	return ln.Addr().String(), nil
}
