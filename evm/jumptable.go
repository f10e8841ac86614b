package evm

import (
	"fmt"

	"github.com/goevm/goevm/fork"
)

type (
	// executionFunc runs an opcode body. pc points at the opcode; the loop
	// advances it by one afterwards (jumps and pushes adjust it themselves).
	executionFunc func(pc *uint64, e *EVM, f *frame) ([]byte, error)
	// dynamicGasFunc prices what the base gas does not (copy words, cold
	// access, SSTORE, calls). Memory expansion has already been charged.
	dynamicGasFunc func(e *EVM, f *frame, memSize uint64) (uint64, error)
	// memorySizeFunc is the memory size an opcode needs; overflow means the
	// size does not fit in memory the EVM could ever pay for.
	memorySizeFunc func(s *Stack) (size uint64, overflow bool)
)

// operation is one entry of a fork's jump table.
type operation struct {
	execute     executionFunc
	constantGas uint64
	dynamicGas  dynamicGasFunc
	memorySize  memorySizeFunc
	minStack    int // items needed on the stack
	maxStack    int // most items allowed before the opcode runs
	// inBlock: the opcode may sit inside a basic block (blocks.go). False
	// for undefined and custom opcodes, whose zero value it is.
	inBlock bool
	// standard: the opcode's own body, which the fast loop may run inline;
	// false for undefined and custom opcodes.
	standard bool
}

type jumpTable [256]operation

// behaviour is the fork-independent part of an opcode: its body, dynamic
// gas and memory size. Fork-dependent pricing is read from ruleFlags inside.
type behaviour struct {
	execute    executionFunc
	dynamicGas dynamicGasFunc
	memorySize memorySizeFunc
}

var behaviours [256]behaviour

// init registers the per-family bodies (see the instr_*.go files).
func init() {
	for _, reg := range []func(*[256]behaviour){
		registerArithmetic, registerEnvironment, registerMemory, registerStorage,
		registerFlow, registerStackOps, registerLogs, registerSystem,
	} {
		reg(&behaviours)
	}
	for i := range specs {
		if specs[i].Name != "" && behaviours[i].execute == nil {
			panic(fmt.Sprintf("evm: opcode %s has no body", specs[i].Name))
		}
	}
}

// newTable builds the jump table for rules from the metadata table: an
// opcode is present once its EIP is in force, at the base gas its history
// gives for the EIPs in force. So each fork's table is the previous fork's
// plus its EIPs' changes, and an extra EIP enabled for an experiment takes
// effect the same way.
func newTable(rules *fork.Rules) *jumpTable {
	t := new(jumpTable)
	for i := range t {
		s := &specs[i]
		if !s.EnabledIn(rules) {
			t[i] = operation{execute: opUndefined, maxStack: stackLimit}
			continue
		}
		b := behaviours[i]
		t[i] = operation{
			execute:     b.execute,
			constantGas: s.BaseGas(rules),
			dynamicGas:  b.dynamicGas,
			memorySize:  b.memorySize,
			minStack:    s.Pops,
			maxStack:    stackLimit + s.Pops - s.Pushes,
			inBlock:     !s.Halts && b.dynamicGas == nil && !endsBlockAlways(OpCode(i)),
			standard:    true,
		}
	}
	return t
}

// tableFor returns the (shared, read-only) jump table for rules.
func tableFor(rules *fork.Rules) *jumpTable { return cachedForRules(rules).table }

func opUndefined(pc *uint64, e *EVM, f *frame) ([]byte, error) {
	return nil, fmt.Errorf("%w: %v", ErrInvalidOpcode, OpCode(f.code[*pc]))
}
