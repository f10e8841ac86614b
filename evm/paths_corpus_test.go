package evm_test

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/goevm/goevm/asm"
	"github.com/goevm/goevm/evm"
	"github.com/goevm/goevm/fork"
)

// TestInterpreterPathsCorpus runs the hand-written programs of the
// difftest corpus (../difftest/corpus: one or more uses of every opcode,
// each with the gas and input its ";!" lines give) through the fast,
// checked and traced loops under every fork, and requires the same
// outcome and state from each (evm/paths_test.go).
func TestInterpreterPathsCorpus(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("..", "difftest", "corpus", "*.asm"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no corpus under ../difftest/corpus: %v", err)
	}
	for _, file := range files {
		src, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		gas, input := uint64(1_000_000), []byte(nil)
		for _, line := range strings.Split(string(src), "\n") {
			key, val, _ := strings.Cut(strings.TrimSpace(strings.TrimPrefix(line, ";!")), " ")
			if !strings.HasPrefix(line, ";!") {
				continue
			}
			switch val = strings.TrimSpace(val); key {
			case "gas":
				gas, err = strconv.ParseUint(val, 10, 64)
			case "input":
				input, err = asm.DecodeHexCode(val)
			}
			if err != nil {
				t.Fatalf("%s: %q: %v", file, line, err)
			}
		}
		code, err := asm.Assemble(string(src))
		if err != nil {
			t.Fatalf("%s: %v", file, err)
		}
		for _, fk := range fork.All() {
			// The corpus's gas, and a tenth of it, so the programs also
			// run out part-way.
			for _, g := range []uint64{gas, gas / 10} {
				if d := evm.ComparePaths(fk, code, input, g); d != "" {
					t.Errorf("%s: %s", filepath.Base(file), d)
				}
			}
		}
	}
}
