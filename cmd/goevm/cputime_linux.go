package main

import (
	"syscall"
	"time"
)

// threadCPUTime is the CPU time (user + system) the calling OS thread has
// used; callers lock the goroutine to its thread around the measurement.
// It is what Google Benchmark's cpu_time reports for evmone-bench, so the
// two can be compared without the other processes on a busy machine
// counting against either.
func threadCPUTime() (time.Duration, bool) {
	var ru syscall.Rusage
	if err := syscall.Getrusage(rusageThread, &ru); err != nil {
		return 0, false
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano()), true
}

// rusageThread is Linux's RUSAGE_THREAD (since 2.6.26), which the syscall
// package does not name.
const rusageThread = 1
