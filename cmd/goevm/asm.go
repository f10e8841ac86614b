package main

import (
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/goevm/goevm/asm"
)

const asmUsage = `usage: goevm asm FILE

Assembles FILE ("-" for stdin) and prints the bytecode as hex. The language:
one or more mnemonics a line; comments after ";" or "//"; PUSH1..PUSH32
with a decimal or 0x-hex value, PUSH alone for the smallest size; "name:"
names a JUMPDEST (inserting one unless written), "PUSH @name" or
"PUSH2 @name" pushes its offset; ".data 0x..." emits raw bytes. The output
of "goevm disasm" assembles back to the same bytes.
`

func init() {
	register(&command{name: "asm", summary: "assemble mnemonics with labels into bytecode", run: func(args []string, stdout, stderr io.Writer) int {
		return asmMain(args, os.Stdin, stdout, stderr)
	}})
}

func asmMain(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("asm", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { fmt.Fprint(stderr, asmUsage) }
	if err := fs.Parse(args); err != nil {
		if err == flag.ErrHelp {
			return 0
		}
		return 2
	}
	if fs.NArg() != 1 {
		fmt.Fprint(stderr, asmUsage)
		return 2
	}
	name := fs.Arg(0)
	var src []byte
	var err error
	if name == "-" {
		name = "stdin"
		src, err = io.ReadAll(stdin)
	} else {
		src, err = os.ReadFile(name)
	}
	if err != nil {
		fmt.Fprintf(stderr, "goevm asm: %v\n", err)
		return 2
	}
	code, err := asm.Assemble(string(src))
	if err != nil {
		// "file:line:col: problem", the form editors jump to.
		fmt.Fprintf(stderr, "%s:%v\n", name, err)
		return 2
	}
	fmt.Fprintf(stdout, "0x%x\n", code)
	return 0
}
