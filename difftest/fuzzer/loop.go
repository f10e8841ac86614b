package fuzzer

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/goevm/goevm/fork"
)

// Config sets up a fuzzing run.
type Config struct {
	Forks    []fork.Fork
	Seed     uint64
	Count    int64         // programs to generate; 0 means no limit
	Duration time.Duration // 0 means no limit
	Workers  int
	// Minimize budget: checks spent shrinking each new kind of difference
	// (0 leaves findings as generated).
	Minimize int
	// MaxFindings caps the distinct differences explained and kept.
	MaxFindings int
	// OnFinding, if set, is called for each new distinct difference.
	OnFinding func(*Finding)
	// OnRepeat, if set, is called for a difference whose signature was
	// seen before (not minimised or explained, only counted).
	OnRepeat func(*Finding)
	// Progress, if set, is called about once a second.
	Progress func(Stats)
}

// Stats count a run's work.
type Stats struct {
	Programs, Runs, Diffs int64
	Elapsed               time.Duration
}

func (s Stats) String() string {
	rate := float64(s.Programs) / max(s.Elapsed.Seconds(), 1e-9)
	return fmt.Sprintf("%d programs, %d runs, %d differences (%.0f programs/s, %s)",
		s.Programs, s.Runs, s.Diffs, rate, s.Elapsed.Round(time.Second))
}

// Finding is one distinct difference.
type Finding struct {
	Seed      uint64 // the program's own seed: NewGen(Seed).Case(Generator)
	Generator string
	Fork      fork.Fork
	Diff      string
	Trace     string
	Case      *Case // minimised when Config.Minimize > 0
}

// ProgramSeed is the seed of program i of a run seeded with seed.
func ProgramSeed(seed uint64, i int64) uint64 {
	return seed*0x9e3779b97f4a7c15 + uint64(i)*0xbf58476d1ce4e5b9 + 1
}

// GeneratorFor is the generator program i uses: every fourth is raw bytes.
func GeneratorFor(i int64) string {
	if i%4 == 3 {
		return GenRaw
	}
	return GenStructured
}

// Run generates and checks programs until Count or Duration is reached or
// ctx is done, and returns the totals and the distinct findings.
func Run(ctx context.Context, cfg Config) (Stats, []*Finding) {
	if cfg.Workers < 1 {
		cfg.Workers = 1
	}
	if cfg.Duration > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, cfg.Duration)
		defer cancel()
	}
	var (
		next, programs, runs, diffs atomic.Int64
		mu                          sync.Mutex
		findings                    []*Finding
		seen                        = map[string]bool{}
		wg                          sync.WaitGroup
		start                       = time.Now()
	)
	stats := func() Stats {
		return Stats{Programs: programs.Load(), Runs: runs.Load(), Diffs: diffs.Load(), Elapsed: time.Since(start)}
	}
	for range cfg.Workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for ctx.Err() == nil {
				i := next.Add(1) - 1
				if cfg.Count > 0 && i >= cfg.Count {
					return
				}
				seed, kind := ProgramSeed(cfg.Seed, i), GeneratorFor(i)
				c := NewGen(seed).Case(kind)
				ds := CheckForks(c, cfg.Forks)
				runs.Add(int64(len(ds)))
				for j, f := range cfg.Forks {
					fc, d := ForFork(c, f), ds[j]
					if d == "" {
						continue
					}
					diffs.Add(1)
					fd := &Finding{Seed: seed, Generator: kind, Fork: f, Diff: d, Case: fc}
					sig := signature(fd)
					mu.Lock()
					isNew := !seen[sig] && (cfg.MaxFindings == 0 || len(findings) < cfg.MaxFindings)
					seen[sig] = true
					mu.Unlock()
					if !isNew {
						if cfg.OnRepeat != nil {
							cfg.OnRepeat(fd)
						}
						continue
					}
					if cfg.Minimize > 0 {
						fd.Case = Minimize(fc, f, cfg.Minimize)
						if d2 := Check(fd.Case, f); d2 != "" {
							fd.Diff = d2
						}
					}
					fd.Trace = FirstTraceDiff(fd.Case, f)
					mu.Lock()
					findings = append(findings, fd)
					mu.Unlock()
					if cfg.OnFinding != nil {
						cfg.OnFinding(fd)
					}
				}
				programs.Add(1)
			}
		}()
	}
	if cfg.Progress != nil {
		done := make(chan struct{})
		go func() {
			t := time.NewTicker(time.Second)
			defer t.Stop()
			for {
				select {
				case <-done:
					return
				case <-t.C:
					cfg.Progress(stats())
				}
			}
		}()
		wg.Wait()
		close(done)
	} else {
		wg.Wait()
	}
	return stats(), findings
}

// signature groups differences that are probably the same bug: the fork
// and the field that differs, and for errors and panics the two texts
// (numbers such as gas or roots would make every case distinct). A state
// root difference adds the first differing account field, a gas or refund
// difference the first differing trace field and opcode, so that a second
// bug showing in the same field still gets its own finding.
func signature(f *Finding) string {
	d := f.Diff
	switch k := Kind(d); k {
	case "panic", "error", "validity":
		d, _, _ = strings.Cut(d, "\n")
		return f.Fork.String() + "|" + d
	case "stateRoot":
		first, _, _ := strings.Cut(StateDiff(f.Case, f.Fork), "\n")
		addr, field, _ := strings.Cut(first, ": ")
		field, _, _ = strings.Cut(field, " ")
		return f.Fork.String() + "|" + k + "|" + addr + "|" + field
	default:
		return f.Fork.String() + "|" + k + "|" + traceSignature(FirstTraceDiff(f.Case, f.Fork))
	}
}

// traceSignature is the differing field and the opcode of a trace diff.
func traceSignature(t string) string {
	_, rest, ok := strings.Cut(t, "differs: ")
	if !ok {
		return ""
	}
	field, _, _ := strings.Cut(rest, ":")
	op := ""
	if _, line, ok := strings.Cut(rest, "\ngoevm: "); ok {
		if i := strings.Index(line, `"opName":"`); i >= 0 {
			op, _, _ = strings.Cut(line[i+len(`"opName":"`):], `"`)
		}
	}
	return field + "|" + op
}
