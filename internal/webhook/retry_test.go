package webhook

import (
	"testing"
	"time"
)

func TestRetryDelay(t *testing.T) {
	t.Parallel()
	tests := []struct {
		attempt int
		want    time.Duration
		ok      bool
	}{
		{0, 0, false},
		{1, 0, true},
		{2, 5 * time.Second, true},
		{3, 5 * time.Minute, true},
		{4, 30 * time.Minute, true},
		{5, 2 * time.Hour, true},
		{6, 5 * time.Hour, true},
		{7, 10 * time.Hour, true},
		{8, 10 * time.Hour, true},
		{9, 0, false},
		{-1, 0, false},
	}
	for _, tt := range tests {
		got, ok := RetryDelay(tt.attempt)
		if got != tt.want || ok != tt.ok {
			t.Errorf("RetryDelay(%d) = %v, %v; want %v, %v", tt.attempt, got, ok, tt.want, tt.ok)
		}
	}
	if MaxAttempts != 8 {
		t.Errorf("MaxAttempts = %d, want 8", MaxAttempts)
	}
}
