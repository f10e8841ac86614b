package main

import (
	"fmt"
	"io"
	"os"
	"sync"
	"time"
)

// progress prints "files done/total" on stderr while a long run goes on,
// only when stderr is a terminal, so pipes and logs stay clean.
type progress struct {
	mu    sync.Mutex
	w     io.Writer
	on    bool
	done  int
	total int
	last  time.Time
}

func newProgress(w io.Writer, total int) *progress {
	return &progress{w: w, on: isTerminal(w), total: total}
}

func (p *progress) fileDone() {
	if !p.on {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.done++
	if now := time.Now(); now.Sub(p.last) > 200*time.Millisecond || p.done == p.total {
		p.last = now
		fmt.Fprintf(p.w, "\r%d/%d files", p.done, p.total)
	}
}

// finish clears the progress line.
func (p *progress) finish() {
	if p.on {
		fmt.Fprint(p.w, "\r\033[K")
	}
}

// isTerminal reports whether w is a character device (a TTY).
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	info, err := f.Stat()
	return err == nil && info.Mode()&os.ModeCharDevice != 0
}
