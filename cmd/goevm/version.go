package main

import (
	"fmt"
	"io"
	"runtime"
)

func init() {
	register(&command{name: "version", summary: "print the module version and commit goevm was built from", run: runVersion})
}

func runVersion(args []string, stdout, stderr io.Writer) int {
	if len(args) > 0 {
		fmt.Fprintln(stderr, "Usage: goevm version")
		if args[0] == "-h" || args[0] == "--help" || args[0] == "-help" {
			return exitOK
		}
		return exitUsage
	}
	fmt.Fprintf(stdout, "goevm %s (%s %s/%s)\n", moduleVersion(), runtime.Version(), runtime.GOOS, runtime.GOARCH)
	return exitOK
}
