//go:build !linux

package main

import "time"

// threadCPUTime is not measured outside Linux; goevm bench then prints
// only wall time.
func threadCPUTime() (time.Duration, bool) { return 0, false }
