// Command goevm is the command-line face of the goevm library: it runs
// conformance fixtures, bytecode and benchmarks. It is a thin dispatcher;
// each subcommand lives in its own file and registers itself from init.
package main

import (
	"fmt"
	"io"
	"os"
	"sort"
)

// command is one subcommand. run gets the arguments after the command name
// and returns the process exit status: 0 success, 1 a failed check, 2 bad
// usage.
type command struct {
	name    string
	summary string // one line for `goevm help`
	run     func(args []string, stdout, stderr io.Writer) int
}

// commands is filled by register calls in each subcommand's init.
var commands = map[string]*command{}

// register adds a subcommand; a duplicate name is a programming error.
func register(c *command) {
	if _, dup := commands[c.name]; dup {
		panic("goevm: command registered twice: " + c.name)
	}
	commands[c.name] = c
}

// Exit statuses.
const (
	exitOK     = 0
	exitFailed = 1
	exitUsage  = 2
)

func main() {
	os.Exit(dispatch(os.Args[1:], os.Stdout, os.Stderr))
}

func dispatch(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		usage(stderr)
		return exitUsage
	}
	switch args[0] {
	case "help", "-h", "-help", "--help":
		if len(args) > 1 {
			if c, ok := commands[args[1]]; ok {
				return c.run([]string{"-h"}, stdout, stderr)
			}
		}
		usage(stdout)
		return exitOK
	}
	c, ok := commands[args[0]]
	if !ok {
		fmt.Fprintf(stderr, "goevm: unknown command %q\n\n", args[0])
		usage(stderr)
		return exitUsage
	}
	return c.run(args[1:], stdout, stderr)
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "Usage: goevm <command> [flags] [arguments]")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Commands:")
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-10s %s\n", n, commands[n].summary)
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, `Run "goevm help <command>" for a command's flags.`)
}
