package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"unicode/utf8"

	"github.com/goevm/goevm/asm"
	"github.com/goevm/goevm/internal/inputfile"
)

const asmUsage = `usage: goevm asm FILE

Assembles FILE ("-" for stdin) and prints the bytecode as hex. The language:
one or more mnemonics a line; comments after ";" or "//"; PUSH1..PUSH32
with a decimal or 0x-hex value, PUSH alone for the smallest size; DUPN n
and SWAPN n (17..235) and EXCHANGE n m (EIP-8024) with their depths; "name:"
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
	maxInput := inputfile.NewFlag()
	fs.Var(maxInput, "max-input", inputfile.Usage)
	fs.Usage = func() { fmt.Fprint(stderr, asmUsage); fs.PrintDefaults() }
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
		src, err = inputfile.ReadAll(stdin, name, maxInput.N)
	} else {
		src, err = inputfile.Read(name, maxInput.N)
	}
	if err != nil {
		fmt.Fprintf(stderr, "goevm asm: %v\n", err)
		return 2
	}
	if off, ok := firstNonText(src); ok {
		fmt.Fprintf(stderr, "goevm asm: %s: not assembly source: byte 0x%02x at offset %d is not text\n", name, src[off], off)
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

// firstNonText finds the first byte that cannot be in assembly source (a
// NUL or other control character than tab, CR and LF, or invalid UTF-8),
// so a binary file is refused in one line instead of echoed as a mnemonic.
func firstNonText(src []byte) (int, bool) {
	for off := 0; off < len(src); {
		r, size := utf8.DecodeRune(src[off:])
		if r == utf8.RuneError && size <= 1 || r < 0x20 && r != '\t' && r != '\n' && r != '\r' || r == 0x7f {
			return off, true
		}
		off += size
	}
	return 0, false
}
