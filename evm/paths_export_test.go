package evm

import (
	"github.com/goevm/goevm/fork"
	"github.com/goevm/goevm/types"
)

// ComparePaths runs code as the called contract of the path-comparison
// world (paths_test.go) under fk, through the fast, checked and traced
// loops, and describes the first difference, or returns "". For tests in
// package evm_test, which can use the assembler (asm imports evm).
func ComparePaths(fk fork.Fork, code, input []byte, gas uint64) string {
	w := &pathsWorld{fork: fk, code: map[types.Address][]byte{pathsA: code}, input: input, gas: gas}
	return w.comparePaths()
}
