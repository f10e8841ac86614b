package main

import (
	"fmt"
	"io"
	"runtime"
	"runtime/debug"
	"strings"
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

// moduleVersion is the module version and commit the binary was built
// from (the node's web3_clientVersion carries it too: clientVersion).
func moduleVersion() string {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return "(devel)"
	}
	return versionOf(bi)
}

// versionOf reads the version from build info: the main module's version
// (a tag or pseudo-version for "go install ...@version"; "(devel)" for a
// build in the repository, or since Go 1.24 a pseudo-version made from the
// commit), then the first 12 hex digits of the VCS commit the go command
// stamps into a build from a checkout, unless the version names it already,
// marked "-dirty" when the tree had uncommitted changes (as git describe
// marks it).
func versionOf(bi *debug.BuildInfo) string {
	v := bi.Main.Version
	if v == "" {
		v = "(devel)" // a test binary's build info names no version
	}
	var rev string
	dirty := false
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			dirty = s.Value == "true"
		}
	}
	if len(rev) >= 12 && !strings.Contains(v, rev[:12]) {
		v += " " + rev[:12]
		if dirty {
			v += "-dirty"
		}
	}
	return v
}
