package main

import (
	"bytes"
	"fmt"
	"runtime"
	"time"

	"github.com/goevm/goevm/state"
)

// benchTarget is how long --bench keeps repeating the run (tests shorten it).
var benchTarget = time.Second

type benchResult struct {
	Runs         int     `json:"runs"`
	NsPerRun     float64 `json:"nsPerRun"`
	GasPerSecond float64 `json:"gasPerSecond"`
	AllocsPerRun float64 `json:"allocsPerRun"`
	BytesPerRun  float64 `json:"bytesPerRun"`
}

func (b *benchResult) perRun() time.Duration { return time.Duration(b.NsPerRun) }

// benchmark repeats the run, each time on a fresh copy of the starting
// state, in growing batches until benchTarget has passed. Only execution is
// timed and counted: the states of a batch are built before its clock
// starts. Every run must give the same result as first.
func (env *runEnv) benchmark(first runResult) (*benchResult, error) {
	var (
		runs           int
		elapsed        time.Duration
		mallocs, bytes uint64
		before, after  runtime.MemStats
	)
	for batch := 1; elapsed < benchTarget; batch = min(batch*2, 1024) {
		dbs := make([]*state.Memory, batch)
		for i := range dbs {
			db, err := env.newState()
			if err != nil {
				return nil, err
			}
			dbs[i] = db
		}
		runtime.ReadMemStats(&before)
		start := time.Now()
		results := make([]runResult, 0, batch)
		for _, db := range dbs {
			results = append(results, env.executeOn(db, nil))
		}
		elapsed += time.Since(start)
		runtime.ReadMemStats(&after)
		mallocs += after.Mallocs - before.Mallocs
		bytes += after.TotalAlloc - before.TotalAlloc
		runs += batch
		for _, r := range results {
			if err := sameResult(first, r); err != nil {
				return nil, err
			}
		}
	}
	// The results slice is one allocation per batch, not per run: small
	// enough to leave in.
	b := &benchResult{
		Runs:         runs,
		NsPerRun:     float64(elapsed.Nanoseconds()) / float64(runs),
		AllocsPerRun: float64(mallocs) / float64(runs),
		BytesPerRun:  float64(bytes) / float64(runs),
	}
	if elapsed > 0 {
		b.GasPerSecond = float64(first.gasUsed) * float64(runs) / elapsed.Seconds()
	}
	return b, nil
}

func sameResult(a, b runResult) error {
	switch {
	case !bytes.Equal(a.output, b.output):
		return fmt.Errorf("a repeated run returned %x, the first %x", b.output, a.output)
	case a.gasUsed != b.gasUsed:
		return fmt.Errorf("a repeated run used %d gas, the first %d", b.gasUsed, a.gasUsed)
	case (a.err == nil) != (b.err == nil) || (a.err != nil && a.err.Error() != b.err.Error()):
		return fmt.Errorf("a repeated run ended with %v, the first with %v", b.err, a.err)
	}
	return nil
}
