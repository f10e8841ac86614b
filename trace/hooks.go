// Package trace holds the hooks the interpreter calls while it runs, and
// tracers built on them (the EIP-3155 JSON logger). The interpreter imports
// this package, never the other way round, so opcodes appear here as bytes
// with their mnemonic alongside.
package trace

import (
	"github.com/goevm/goevm/types"
	"github.com/holiman/uint256"
)

// Frame kinds passed to OnEnter: the opcode that opened the frame. A
// transaction's top-level frame is CALL or CREATE.
const (
	KindCreate       byte = 0xf0
	KindCall         byte = 0xf1
	KindCallCode     byte = 0xf2
	KindDelegateCall byte = 0xf4
	KindCreate2      byte = 0xf5
	KindStaticCall   byte = 0xfa
	// KindSelfdestruct opens a frame of no code and no gas that moves the
	// destroyed account's balance to the beneficiary (value), reported
	// right after the SELFDESTRUCT step as geth's tracers see it.
	KindSelfdestruct byte = 0xff
)

// Step is the machine state just before an opcode runs, after its gas cost
// is known. The slices alias interpreter memory: copy what you keep, and
// never modify them.
type Step struct {
	PC         uint64
	Op         byte
	OpName     string
	Gas        uint64 // gas left before the opcode is charged
	Cost       uint64 // base + dynamic gas of the opcode (for calls, includes the gas passed on)
	Stack      []uint256.Int
	Memory     []byte // len(Memory) is the memory size before this step
	ReturnData []byte // return data of the last completed call
	Depth      int    // 1 for the transaction's top-level frame (EIP-3155)
	Refund     uint64 // the transaction's refund counter so far
	Err        error  // set by OnFault: the step failed (out of gas, stack error, ...)
}

// Hooks is a set of optional callbacks; nil fields are skipped. A nil *Hooks
// in the interpreter's config costs nothing.
type Hooks struct {
	// OnOpcode is called before each opcode executes.
	OnOpcode func(s *Step)
	// OnFault is called when an opcode fails before or during execution;
	// s.Err says why. The frame then ends with that error.
	OnFault func(s *Step)
	// OnEnter is called when a frame starts (depth 1 for the top level).
	OnEnter func(depth int, kind byte, from, to types.Address, input []byte, gas uint64, value *uint256.Int)
	// OnExit is called when a frame ends. reverted is true when its state
	// changes were undone (REVERT or any error).
	OnExit func(depth int, output []byte, gasUsed uint64, err error, reverted bool)
}
