package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"

	"github.com/goevm/goevm/asm"
	"github.com/goevm/goevm/internal/inputfile"
)

const disasmUsage = `usage: goevm disasm HEX|FILE

Disassembles EVM code given as hex, or a file holding hex ("-" for stdin).
Creation code is split into constructor and runtime where the CODECOPY +
RETURN pattern compilers emit reveals it; a Solidity/Vyper metadata trailer
is decoded and not listed as instructions. The listing assembles back to the
same bytes with "goevm asm".
`

func init() {
	register(&command{name: "disasm", summary: "disassemble bytecode (constructor/runtime split, metadata trailer)", run: disasmMain})
}

func disasmMain(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("disasm", flag.ContinueOnError)
	fs.SetOutput(stderr)
	maxInput := inputfile.NewFlag()
	fs.Var(maxInput, "max-input", inputfile.Usage)
	fs.Usage = func() { fmt.Fprint(stderr, disasmUsage); fs.PrintDefaults() }
	if err := fs.Parse(args); err != nil {
		if err == flag.ErrHelp {
			return 0
		}
		return 2
	}
	if fs.NArg() != 1 {
		fmt.Fprint(stderr, disasmUsage)
		return 2
	}
	code, err := readHexOrFile(fs.Arg(0), maxInput.N)
	if err != nil {
		fmt.Fprintf(stderr, "goevm disasm: %v\n", err)
		return 2
	}
	if err := asm.WriteListing(stdout, code); err != nil {
		fmt.Fprintf(stderr, "goevm disasm: %v\n", err)
		return 1
	}
	// Truncated push data is legal code (the EVM reads zeros), so it is
	// listed, not refused; say so where a person will see it.
	layout := asm.Analyze(code)
	ins := asm.Disassemble(layout.Body())
	if n := len(ins); n > 0 && ins[n-1].Truncated() {
		last := ins[n-1]
		fmt.Fprintf(stderr, "goevm disasm: warning: %s at byte offset %d is missing %d of its data bytes (code ends)\n",
			last.Op, last.Offset, last.Missing)
	}
	return 0
}

// readHexOrFile reads an argument that is either hex or the name of a file
// holding hex. An existing file wins; "-" is stdin. An argument that is
// neither is reported as what it most likely was meant to be: a missing
// file when it looks like a path (looksLikePath), bad hex otherwise.
func readHexOrFile(arg string, maxInput int64) ([]byte, error) {
	if arg == "-" {
		return hexFile("stdin", "-", maxInput)
	}
	_, statErr := os.Stat(arg)
	if statErr == nil {
		return hexFile("file", arg, maxInput)
	}
	code, hexErr := hexArg("hex argument", arg)
	switch {
	case hexErr == nil:
		return code, nil
	case !errors.Is(statErr, fs.ErrNotExist): // there, but cannot be looked at (permissions)
		return nil, fmt.Errorf("file: %w", statErr)
	case looksLikePath(arg):
		return nil, fmt.Errorf("%s: no such file (and not hex code either)", arg)
	default:
		return nil, fmt.Errorf("%w (and no file of that name)", hexErr)
	}
}

// looksLikePath: an argument with a directory or an extension, or one that
// does not even start as hex, was meant as a file name; "0x60zz" or
// "60016x" are hex with a typo.
func looksLikePath(arg string) bool {
	if strings.HasPrefix(arg, "0x") || strings.HasPrefix(arg, "0X") {
		return false
	}
	if strings.ContainsAny(arg, `/\.`) {
		return true
	}
	c := arg[0] // not empty: the empty argument is valid (empty) hex
	return !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F')
}
