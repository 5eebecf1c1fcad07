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
// every ten percent, so that logs of long runs stay readable.
type progress struct {
	w        io.Writer
	total    int
	tty      bool
	mu       sync.Mutex
	n        int
	start    time.Time
	lastTick int
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
		fmt.Fprintf(p.w, "%d/%d (%d%%) %s\n", p.n, p.total, tick*10, time.Since(p.start).Round(time.Second))
	}
}

func (p *progress) done() {
	if p.tty && p.total >= 2 {
		fmt.Fprintln(p.w)
	}
}
