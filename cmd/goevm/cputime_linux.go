package main

import (
	"time"

	"golang.org/x/sys/unix"
)

// threadCPUTime is the CPU time (user + system) the calling OS thread has
// used; callers lock the goroutine to its thread around the measurement.
// It is what Google Benchmark's cpu_time reports for evmone-bench, so the
// two can be compared without the other processes on a busy machine
// counting against either. CLOCK_THREAD_CPUTIME_ID is exact where
// getrusage(RUSAGE_THREAD) counts in scheduler ticks (4 ms here, so a
// short --time read 0).
func threadCPUTime() (time.Duration, bool) {
	var ts unix.Timespec
	if err := unix.ClockGettime(unix.CLOCK_THREAD_CPUTIME_ID, &ts); err != nil {
		return 0, false
	}
	return time.Duration(ts.Nano()), true
}
