package main

import (
	"flag"
	"fmt"
	"io"
	"os"

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
// holding hex. An existing file wins; "-" is stdin.
func readHexOrFile(arg string, maxInput int64) ([]byte, error) {
	if arg == "-" {
		return hexFile("stdin", "-", maxInput)
	}
	if _, err := os.Stat(arg); err == nil {
		return hexFile("file", arg, maxInput)
	}
	return hexArg("hex argument", arg)
}
