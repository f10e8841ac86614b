package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"os/signal"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/goevm/goevm/debugger"
	"github.com/goevm/goevm/internal/inputfile"
)

const debugUsage = `usage: goevm debug [flags] [CODE]
       goevm debug --rpc URL --tx HASH [flags]

Opens the step debugger in the browser: the disassembly, stack, memory,
storage, return data and call tree at every step, forward and backward,
with breakpoints, a gas profile and, with --sources, the Solidity line of
each instruction.

It debugs code, with the inputs of goevm run (--code, --codefile, --input,
--value, --gas, --fork, --prestate, --create, --sender, --receiver, ...),
or a transaction on a node (--rpc, --tx), re-executed on the state before
it. The page is served on 127.0.0.1 until the command is interrupted.

flags:
  --port N        port to serve on (default 0: a free one)
  --no-open       print the URL without opening a browser
  --rpc URL       JSON-RPC endpoint of a node: without --tx, the page
                  lists its recent transactions to open
  --tx HASH       transaction to debug
  --sources FILE  solc --standard-json output (or a Hardhat/Foundry
                  build-info file) with source maps

and goevm run's flags:
`

// debugOpts are the flags goevm debug adds to goevm run's.
type debugOpts struct {
	port    int
	noOpen  bool
	rpc, tx string
	sources string
}

// splitDebugFlags takes goevm debug's own flags out of args and leaves the
// rest for goevm run's parser, so both commands read code and inputs the
// same way.
func splitDebugFlags(args []string) (debugOpts, []string, error) {
	o := debugOpts{}
	var rest []string
	takesValue := map[string]bool{"port": true, "rpc": true, "tx": true, "sources": true}
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			rest = append(rest, args[i:]...)
			break
		}
		if !strings.HasPrefix(a, "-") || a == "-" {
			rest = append(rest, a)
			continue
		}
		name, val, hasVal := strings.Cut(strings.TrimLeft(a, "-"), "=")
		switch {
		case name == "no-open":
			o.noOpen = !hasVal || val == "true"
			continue
		case !takesValue[name]:
			rest = append(rest, a)
			continue
		}
		if !hasVal {
			if i+1 >= len(args) {
				return o, nil, fmt.Errorf("flag needs an argument: --%s", name)
			}
			i++
			val = args[i]
		}
		switch name {
		case "port":
			p, err := strconv.Atoi(val)
			if err != nil || p < 0 || p > 65535 {
				return o, nil, fmt.Errorf("--port %q: not a port number", val)
			}
			o.port = p
		case "rpc":
			o.rpc = val
		case "tx":
			o.tx = val
		case "sources":
			o.sources = val
		}
	}
	return o, rest, nil
}

func init() {
	register(&command{name: "debug", summary: "step debugger in the browser, for code or a node's transaction", run: debugMain})
}

func debugMain(args []string, stdout, stderr io.Writer) int {
	for _, a := range args {
		if a == "-h" || a == "-help" || a == "--help" {
			fmt.Fprint(stderr, debugUsage)
			var runHelp bytes.Buffer
			parseRunFlags([]string{"-h"}, &runHelp)
			// Only the flag list of run's help, not its text.
			if _, list, ok := strings.Cut(runHelp.String(), "\nflags:\n"); ok {
				fmt.Fprint(stderr, list)
			}
			return 0
		}
	}
	o, rest, err := splitDebugFlags(args)
	if err != nil {
		fmt.Fprintf(stderr, "goevm debug: %v\n", err)
		return 2
	}
	// goevm run's flags are read in both modes: --fork applies to a
	// transaction too (a node's JSON-RPC does not say its fork).
	env, _, err := parseRunFlags(rest, stderr)
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	if o.tx != "" && o.rpc == "" {
		err = errors.New("--tx needs --rpc: the node holding the transaction")
	}
	if err != nil {
		fmt.Fprintf(stderr, "goevm debug: %v\n", err)
		return 2
	}

	if o.rpc != "" && o.tx == "" {
		// The node's recent transactions, each opening the debugger.
		b := debugger.NewNodeBrowser(o.rpc, env.fork, func(s *debugger.Session) {
			if o.sources != "" {
				addSources(s, o.sources)
			}
		})
		return serveDebugger(b, o, stdout, stderr)
	}
	var sess *debugger.Session
	if o.rpc != "" {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
		sess = debugger.TxSession(ctx, o.rpc, o.tx, env.fork)
		cancel()
	} else {
		sess, err = debugCode(env)
		if err != nil {
			fmt.Fprintf(stderr, "goevm debug: %v\n", err)
			return 2
		}
	}
	if o.sources != "" {
		addSources(sess, o.sources)
	}
	if sess.Error != "" {
		fmt.Fprintf(stderr, "goevm debug: %s\n", sess.Error)
	}
	for _, w := range sess.Warnings {
		fmt.Fprintf(stderr, "goevm debug: warning: %s\n", w)
	}
	if sess.Trace != nil {
		fmt.Fprintf(stderr, "goevm debug: %s: %d steps, %d frames\n", sess.Title, sess.Trace.Len(), len(sess.Trace.Frames))
	}
	return serveDebugger(debugger.NewServer(sess).Handler(), o, stdout, stderr)
}

// debugCode runs the code the way goevm run does, recording it.
func debugCode(env *runEnv) (*debugger.Session, error) {
	db, err := env.newState()
	if err != nil {
		return nil, err
	}
	rec := debugger.NewRecorder(db)
	res := env.executeOn(db, rec.Hooks())
	t := rec.Trace()
	t.Result = debugger.Result{Output: res.output, GasUsed: res.gasUsed}
	if res.err != nil {
		t.Result.Error = res.err.Error()
	} else if env.create {
		addr := res.address
		t.Result.Address = &addr
	}
	what := "call to " + env.receiver.Hex()
	if env.create {
		what = "creation"
	}
	title := fmt.Sprintf("%s, %d bytes of code, %s", what, len(env.code), env.fork)
	return &debugger.Session{Title: title, Calldata: env.input, Trace: t}, nil
}

// addSources loads --sources; a problem there leaves the trace usable and
// is shown as a warning.
func addSources(sess *debugger.Session, path string) {
	raw, err := inputfile.Read(path, 4*inputfile.DefaultMaxSize) // build-info files run large
	if err != nil {
		sess.Warnings = append(sess.Warnings, fmt.Sprintf("--sources: %v", err))
		return
	}
	src, err := debugger.LoadSources(path, raw)
	if err != nil {
		sess.Warnings = append(sess.Warnings, fmt.Sprintf("--sources: %v", err))
		return
	}
	sess.Sources = src
	sess.Warnings = append(sess.Warnings, src.Warnings...)
	if sess.Trace == nil {
		return
	}
	matched, err := src.Attach(sess.Trace)
	if err != nil {
		sess.Warnings = append(sess.Warnings, fmt.Sprintf("--sources: %v", err))
	}
	if len(matched) == 0 {
		sess.Warnings = append(sess.Warnings, fmt.Sprintf("--sources: no contract in %s has the code that ran (compiled with other settings?)", path))
	}
}

func serveDebugger(h http.Handler, o debugOpts, stdout, stderr io.Writer) int {
	ln, err := net.Listen("tcp", net.JoinHostPort("127.0.0.1", strconv.Itoa(o.port)))
	if err != nil {
		fmt.Fprintf(stderr, "goevm debug: %v\n", err)
		return 1
	}
	url := "http://" + ln.Addr().String() + "/"
	fmt.Fprintf(stdout, "goevm debug: serving %s (Ctrl-C to stop)\n", url)
	if !o.noOpen {
		openBrowser(url, stderr)
	}
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}
	stop := make(chan os.Signal, 1)
	signal.Notify(stop, os.Interrupt, syscall.SIGTERM)
	go func() {
		<-stop
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		srv.Shutdown(ctx)
	}()
	if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
		fmt.Fprintf(stderr, "goevm debug: %v\n", err)
		return 1
	}
	return 0
}

// openBrowser asks the desktop to open url; failing that, the URL printed
// is enough.
func openBrowser(url string, stderr io.Writer) {
	var cmd *exec.Cmd
	switch runtime.GOOS {
	case "darwin":
		cmd = exec.Command("open", url)
	case "windows":
		cmd = exec.Command("rundll32", "url.dll,FileProtocolHandler", url)
	default:
		cmd = exec.Command("xdg-open", url)
	}
	if err := cmd.Start(); err != nil {
		fmt.Fprintf(stderr, "goevm debug: could not open a browser (%v); open the URL yourself\n", err)
		return
	}
	go cmd.Wait()
}
