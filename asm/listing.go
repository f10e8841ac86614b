package asm

import (
	"encoding/hex"
	"fmt"
	"io"
	"strings"

	"github.com/goevm/goevm/evm"
)

// Listing is the disassembly of code as text, one instruction a line:
//
//	0x0000  PUSH1 0x80
//
// Offsets are relative to the start of the section being listed (the
// runtime's offsets are those the deployed code will see). Comment lines
// (";") mark the constructor and runtime sections, the metadata trailer and
// trailing constructor arguments; bytes that are not instructions (the
// trailer, undefined opcodes, push data cut off by the end of the code) are
// ".data" lines, so the listing assembles back to exactly the input.
func Listing(code []byte) string {
	var sb strings.Builder
	WriteListing(&sb, code)
	return sb.String()
}

// WriteListing writes Listing(code) to w.
func WriteListing(w io.Writer, code []byte) error {
	lw := &listWriter{w: w}
	l := Analyze(code)
	if l.Constructor != nil {
		lw.printf("; creation code: constructor 0x0000-0x%04x (%d bytes), runtime 0x%04x-0x%04x (%d bytes)",
			len(l.Constructor)-1, len(l.Constructor), l.RuntimeOffset, l.RuntimeOffset+len(l.Runtime)-1, len(l.Runtime))
		if len(l.Args) > 0 {
			lw.printf(", then %d bytes of data", len(l.Args))
		}
		lw.printf("\n; constructor\n")
		lw.instructions(l.Constructor)
		lw.printf("; runtime code: bytes 0x%04x-0x%04x of the input; offsets below are relative to its start\n",
			l.RuntimeOffset, l.RuntimeOffset+len(l.Runtime)-1)
	}
	lw.instructions(l.Body())
	if l.Metadata != nil {
		lw.printf("; metadata trailer (%d bytes): %s\n", l.Metadata.Size, l.Metadata)
		lw.data(len(l.Runtime)-l.Metadata.Size, l.Runtime[len(l.Runtime)-l.Metadata.Size:], "")
	} else if l.MetadataErr != nil {
		lw.printf("; the last bytes look like a metadata trailer but do not decode: %v\n", l.MetadataErr)
	}
	if len(l.Args) > 0 {
		lw.printf("; %d bytes after the runtime code (constructor arguments?); offsets relative to the input\n", len(l.Args))
		lw.data(l.RuntimeOffset+len(l.Runtime), l.Args, "")
	}
	return lw.err
}

type listWriter struct {
	w   io.Writer
	err error
}

func (lw *listWriter) printf(format string, args ...any) {
	if lw.err == nil {
		_, lw.err = fmt.Fprintf(lw.w, format, args...)
	}
}

func (lw *listWriter) instructions(code []byte) {
	for _, in := range Disassemble(code) {
		lw.instruction(in)
	}
}

func (lw *listWriter) instruction(in Instruction) {
	switch {
	case !in.Defined():
		lw.data(in.Offset, []byte{byte(in.Op)}, fmt.Sprintf("undefined opcode %#02x", byte(in.Op)))
	case in.Truncated():
		raw := append([]byte{byte(in.Op)}, in.Imm...)
		lw.data(in.Offset, raw, fmt.Sprintf("TRUNCATED %s: code ends after %d of its %d data bytes",
			in.Op, len(in.Imm), len(in.Imm)+in.Missing))
	case in.BadImmediate:
		lw.data(in.Offset, []byte{byte(in.Op)}, fmt.Sprintf("INVALID_%s: the next byte is no valid immediate (EIP-8024) but an instruction", in.Op))
	case len(in.Imm) > 0:
		lw.printf("0x%04x  %s\n", in.Offset, Mnemonic(in))
	default:
		lw.printf("0x%04x  %s\n", in.Offset, in.Op)
	}
}

// data writes raw bytes as .data lines of at most 32 bytes.
func (lw *listWriter) data(offset int, b []byte, comment string) {
	for len(b) > 0 {
		n := min(len(b), 32)
		lw.printf("0x%04x  .data 0x%s", offset, hex.EncodeToString(b[:n]))
		if comment != "" {
			lw.printf("  ; %s", comment)
			comment = ""
		}
		lw.printf("\n")
		b, offset = b[n:], offset+n
	}
}

// Mnemonic is the text of one instruction without its offset, as Listing
// writes it for a defined opcode ("PUSH2 0x01c6", "ADD"). EIP-8024's
// immediates are written as the depths they decode to, as the EIP's test
// cases write them: "DUPN 17", "EXCHANGE 2 3".
func Mnemonic(in Instruction) string {
	name, _, _ := evm.OpInfo(in.Op)
	if len(in.Imm) == 0 {
		return name
	}
	if !in.Op.IsPush() {
		if n, ok := evm.DecodeSingle(in.Imm[0]); ok && (in.Op == evm.DUPN || in.Op == evm.SWAPN) {
			return fmt.Sprintf("%s %d", name, n)
		}
		if n, m, ok := evm.DecodePair(in.Imm[0]); ok && in.Op == evm.EXCHANGE {
			return fmt.Sprintf("%s %d %d", name, n, m)
		}
	}
	return name + " 0x" + hex.EncodeToString(in.Imm)
}
