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

// operation is one entry of a fork's jump table, built by newTable from
// the opcode's OpSpec and its behaviour.
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
	// immediate: EIP-8024's immediate byte follows (DUPN, SWAPN,
	// EXCHANGE); the body steps over it, jump-destination analysis does not.
	immediate bool
	// gethWhole: geth prices the base gas with the dynamic gas (OpSpec.GethWhole);
	// gethChecksStatic: geth finds a write in a static frame while pricing
	// (OpSpec.GethChecksStatic). Read by the traced loop only.
	gethWhole, gethChecksStatic bool
}

type jumpTable [256]operation

// behaviour is the fork-independent code of an opcode: its body and its
// dynamic gas. Fork-dependent pricing is read from ruleFlags inside. Every
// other fact about the opcode is in its OpSpec (opcodes.go).
type behaviour struct {
	execute    executionFunc
	dynamicGas dynamicGasFunc
}

var behaviours [256]behaviour

// init registers the per-family bodies (see the instr_*.go files).
func init() {
	for _, reg := range []func(*[256]behaviour){
		registerArithmetic, registerEnvironment, registerMemory, registerStorage,
		registerFlow, registerStackOps, registerStackN, registerLogs, registerSystem,
	} {
		reg(&behaviours)
	}
	if err := validateSpecs(); err != nil {
		panic(err)
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
			execute:          b.execute,
			constantGas:      s.BaseGas(rules),
			dynamicGas:       b.dynamicGas,
			memorySize:       memorySizeOf(s.Memory),
			minStack:         s.Pops,
			maxStack:         stackLimit + s.Pops - s.Pushes,
			inBlock:          !s.EndsBlock() && b.dynamicGas == nil,
			standard:         true,
			immediate:        s.Immediates > 0 && !OpCode(i).IsPush(),
			gethWhole:        s.PricedWholeByGeth(rules),
			gethChecksStatic: s.GethChecksStatic,
		}
	}
	if err := validateTable(t); err != nil {
		panic(fmt.Sprintf("evm: jump table for %v: %v", rules.Fork, err))
	}
	return t
}

// memorySizeOf builds the memory-size function of an opcode touching
// ranges: the end of the furthest range, rounded up to a word. Specialised
// for one and two ranges (every opcode today) so each stays one call.
func memorySizeOf(ranges []MemRange) memorySizeFunc {
	switch {
	case len(ranges) == 0:
		return nil
	case len(ranges) == 1 && ranges[0].Size < 0:
		return memWord(ranges[0].Offset, ranges[0].Fixed)
	case len(ranges) == 1:
		return memAt(ranges[0].Offset, ranges[0].Size)
	case len(ranges) == 2 && ranges[0].Size >= 0 && ranges[1].Size >= 0:
		o1, s1, o2, s2 := ranges[0].Offset, ranges[0].Size, ranges[1].Offset, ranges[1].Size
		return func(s *Stack) (uint64, bool) {
			a, overflow := memSize(s.back(o1), s.back(s1))
			if overflow {
				return 0, true
			}
			b, overflow := memSize(s.back(o2), s.back(s2))
			return max(a, b), overflow
		}
	}
	fns := make([]memorySizeFunc, len(ranges))
	for i := range ranges {
		fns[i] = memorySizeOf(ranges[i : i+1])
	}
	return func(s *Stack) (uint64, bool) {
		var end uint64
		for _, fn := range fns {
			n, overflow := fn(s)
			if overflow {
				return 0, true
			}
			end = max(end, n)
		}
		return end, false
	}
}

// tableFor returns the (shared, read-only) jump table for rules.
func tableFor(rules *fork.Rules) *jumpTable { return cachedForRules(rules).table }

func opUndefined(pc *uint64, e *EVM, f *frame) ([]byte, error) {
	return nil, fmt.Errorf("%w: %v", ErrInvalidOpcode, OpCode(f.code[*pc]))
}
