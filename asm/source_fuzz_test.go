package asm

import (
	"bytes"
	"testing"
)

// FuzzAssembleSource feeds arbitrary source to the assembler (issue 19: the
// runners' inputs get fuzz targets). It must refuse with an error or
// return code whose listing assembles back to the same bytes; never panic.
func FuzzAssembleSource(f *testing.F) {
	for _, s := range []string{
		"PUSH1 1\nPUSH1 2\nADD\n",
		"start:\nPUSH @start\nJUMP ; loop\n",
		"PUSH2 @end\nJUMP\nend:\nSTOP\n.data 0xdeadbeef\n",
		"PUSH32 0xffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff\n",
		"PUSH 256 // smallest push\nRETURN",
		"BOGUS\n", "\x00\xff", "PUSH1 0x1ff\n", "a:\na:\n", "PUSH @nowhere\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		code, err := Assemble(src)
		if err != nil {
			if err.Error() == "" {
				t.Fatal("empty error")
			}
			return
		}
		back, err := Assemble(Listing(code))
		if err != nil || !bytes.Equal(back, code) {
			t.Fatalf("listing of %x assembles to %x, %v", code, back, err)
		}
	})
}
