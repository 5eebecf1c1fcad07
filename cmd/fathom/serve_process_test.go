package main

import (
	"log/slog"
	"testing"
)

// TestLogBelow: a warn-level log file keeps warnings, errors and whatever
// is not a log record (a panic's trace), and leaves out info and debug.
func TestLogBelow(t *testing.T) {
	for _, tt := range []struct {
		line string
		min  slog.Level
		want bool
	}{
		{`time=2026-12-05T10:00:00Z level=INFO msg=request status=200`, slog.LevelWarn, true},
		{`time=2026-12-05T10:00:00Z level=DEBUG msg=x`, slog.LevelWarn, true},
		{`time=2026-12-05T10:00:00Z level=WARN msg=request status=429`, slog.LevelWarn, false},
		{`time=2026-12-05T10:00:00Z level=ERROR msg="job failed"`, slog.LevelWarn, false},
		{`time=2026-12-05T10:00:00Z level=INFO msg="fathom listening"`, slog.LevelInfo, false},
		{`panic: runtime error: index out of range`, slog.LevelWarn, false},
		{`goroutine 1 [running]: level=INFO`, slog.LevelWarn, false},
		{`time=2026-12-05T10:00:00Z level=LOUD msg=x`, slog.LevelWarn, false},
	} {
		if got := logBelow(tt.line, tt.min); got != tt.want {
			t.Errorf("logBelow(%q, %s) = %v, want %v", tt.line, tt.min, got, tt.want)
		}
	}
}
