package main

import (
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"time"
)

// progress draws a one-line bar on a terminal, and on anything else a line
// every ten percent, so that logs of long runs stay readable. With an
// unknown total (0) it counts instead: a live count on a terminal, a line
// every 100 elsewhere.
type progress struct {
	w        io.Writer
	total    int
	tty      bool
	mu       sync.Mutex
	n        int
	start    time.Time
	lastTick int
	unit     string // what a counter counts
}

func newProgress(w io.Writer, total int) *progress {
	p := &progress{w: w, total: total, start: time.Now()}
	if f, ok := w.(*os.File); ok {
		if info, err := f.Stat(); err == nil && info.Mode()&os.ModeCharDevice != 0 {
			p.tty = true
		}
	}
	return p
}

func (p *progress) add() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.n++
	if p.total == 0 {
		p.count()
		return
	}
	if p.total < 2 {
		return
	}
	if p.tty {
		const width = 30
		filled := p.n * width / p.total
		fmt.Fprintf(p.w, "\r[%s%s] %d/%d %s", strings.Repeat("#", filled), strings.Repeat(".", width-filled), p.n, p.total,
			time.Since(p.start).Round(time.Second))
		return
	}
	if tick := p.n * 10 / p.total; tick > p.lastTick {
		p.lastTick = tick
		fmt.Fprintf(p.w, "%d/%d (%d%%) %s\n", p.n, p.total, p.n*100/p.total, time.Since(p.start).Round(time.Second))
	}
}

func (p *progress) count() {
	rate := float64(p.n) / max(time.Since(p.start).Seconds(), 1e-3)
	switch {
	case p.tty:
		fmt.Fprintf(p.w, "\r%d %s, %.0f/s, %s", p.n, p.unit, rate, time.Since(p.start).Round(time.Second))
	case p.n%100 == 0:
		fmt.Fprintf(p.w, "%d %s, %.0f/s, %s\n", p.n, p.unit, rate, time.Since(p.start).Round(time.Second))
	}
}

func (p *progress) done() {
	if p.tty && (p.total >= 2 || p.total == 0) {
		fmt.Fprintln(p.w)
	}
}
