// Package trace holds the hooks the interpreter and the transaction layer
// call while they run, and tracers built on them (the EIP-3155 JSON logger).
// The interpreter imports this package, never the other way round, so
// opcodes appear here as bytes with their mnemonic alongside.
//
// The hooks cover what go-ethereum's core/tracing.Hooks reports for a
// transaction (geth's documented live-tracing hooks), so geth tracers port
// over: transaction start and end, frames, opcodes and faults, gas changes
// with a reason, state changes (balance, nonce, code, storage, logs) and the
// protocol's system calls. Every hook is optional and a nil *Hooks costs
// nothing; the state hooks are served by wrapping the state (state.Hooked)
// only when one of them is set.
package trace

import (
	"sync/atomic"

	"github.com/goevm/goevm/fork"
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
	// Address is the frame's ADDRESS (whose storage and balance the code
	// sees) and Caller its CALLER, as geth's OpContext gives them.
	Address, Caller types.Address
}

// StateReader is a read-only view of the world state, handed to OnTxStart
// and valid until OnTxEnd returns (geth's tracing.StateDB). At OnTxStart it
// shows the state before the transaction; at OnTxEnd, after it (finalised).
type StateReader interface {
	Exist(addr types.Address) bool
	GetBalance(addr types.Address) uint256.Int
	GetNonce(addr types.Address) uint64
	GetCode(addr types.Address) []byte
	GetCodeHash(addr types.Address) types.Hash // zero Hash for a non-existent account
	GetState(addr types.Address, key types.Hash) types.Hash
	GetTransientState(addr types.Address, key types.Hash) types.Hash
	GetRefund() uint64
}

// VMContext is the block a transaction or system call runs in, and its
// state (geth's tracing.VMContext, plus what a tracer needs to know of
// the rules without importing the interpreter).
type VMContext struct {
	Coinbase    types.Address
	BlockNumber uint64
	Time        uint64
	Random      *types.Hash // PREVRANDAO from the Merge, nil before
	BaseFee     uint256.Int
	StateDB     StateReader
	Rules       *fork.Rules
	// Precompiles are the active precompiled contracts' addresses, in
	// ascending order (the 4byte tracer leaves calls to them out).
	Precompiles []types.Address
}

// IsPrecompile reports whether addr is one of c.Precompiles.
func (c *VMContext) IsPrecompile(addr types.Address) bool {
	for _, p := range c.Precompiles {
		if p == addr {
			return true
		}
	}
	return false
}

// TxResult is what a valid transaction ended with (the receipt's content
// before it is placed in a block).
type TxResult struct {
	GasUsed         uint64 // charged to the sender, after refund and EIP-7623 floor
	Err             error  // the top-level frame's failure; nil on success
	ReturnData      []byte
	ContractAddress *types.Address // set for a creation
	Logs            []*types.Log
}

// Failed reports whether execution failed (receipt status 0).
func (r *TxResult) Failed() bool { return r.Err != nil }

// Hooks is a set of optional callbacks; nil fields are skipped. A nil *Hooks
// in the interpreter's config costs nothing.
type Hooks struct {
	// OnTxStart is called when a transaction (or a simulated call) begins,
	// before it is checked: the state is the one it starts from.
	OnTxStart func(vm *VMContext, tx *types.Transaction, from types.Address)
	// OnTxEnd is called when it ends, after the state is finalised. err is
	// set (and res nil) when the transaction was invalid and changed nothing.
	OnTxEnd func(res *TxResult, err error)

	// OnOpcode is called before each opcode executes.
	OnOpcode func(s *Step)
	// OnFault is called when an opcode fails before or during execution;
	// s.Err says why. The frame then ends with that error.
	OnFault func(s *Step)
	// OnEnter is called when a frame starts (depth 1 for the top level),
	// with from and to as geth's core/tracing OnEnter has them: from is the
	// contract that made the call and to the address it named. For a
	// DELEGATECALL or CALLCODE, to is therefore the code's address (the
	// library), not the storage context, which is from itself (Step.Address
	// inside the frame); a DELEGATECALL's value is the caller's own value,
	// which it inherits and does not move. For CREATE and CREATE2, to is the
	// new address; for SELFDESTRUCT, the beneficiary. to is the address as
	// named, before an EIP-7702 delegation is followed. value is read-only
	// (it may be shared): never modify it.
	OnEnter func(depth int, kind byte, from, to types.Address, input []byte, gas uint64, value *uint256.Int)
	// OnExit is called when a frame ends. reverted is true when its state
	// changes were undone (REVERT or any error).
	OnExit func(depth int, output []byte, gasUsed uint64, err error, reverted bool)

	// OnGasChange reports a change of the gas available to the transaction
	// or a frame, outside the opcodes' own charges (which OnOpcode shows).
	OnGasChange func(old, new uint64, reason GasChangeReason)

	// OnBalanceChange, OnNonceChange, OnCodeChange, OnStorageChange and
	// OnLog report state changes as they are made. Changes a frame makes
	// and later reverts are reported too, and not undone: a tracer that
	// cares watches OnExit's reverted flag.
	OnBalanceChange func(addr types.Address, prev, new *uint256.Int, reason BalanceChangeReason)
	OnNonceChange   func(addr types.Address, prev, new uint64)
	OnCodeChange    func(addr types.Address, prevCodeHash types.Hash, prevCode []byte, codeHash types.Hash, code []byte)
	// OnStorageChange is called only when the value actually changes.
	OnStorageChange func(addr types.Address, slot, prev, new types.Hash)
	OnLog           func(log *types.Log)

	// OnSystemCallStart and OnSystemCallEnd bracket a call the protocol
	// makes at a block boundary (EIP-4788 beacon root, EIP-2935 block
	// hash, EIP-7002 and EIP-7251 request queues). Between them come the
	// call's OnEnter/OnExit and state hooks, but no OnTxStart/OnTxEnd.
	OnSystemCallStart func(vm *VMContext)
	OnSystemCallEnd   func()

	// Interrupt, when set, lets whoever owns the tracer stop the run from
	// another goroutine: once it holds true, each running frame ends at its
	// next JUMP or JUMPI with evm.ErrInterrupted (geth's evm.Cancel, which
	// its debug_trace* timeout uses). Frames of a run with Interrupt set go
	// through the per-instruction loop, so an untraced run, or a traced one
	// without it, pays nothing for it.
	Interrupt *atomic.Bool
}

// HasStateHooks reports whether any state-change hook is set: only then is
// the state wrapped to report changes.
func (h *Hooks) HasStateHooks() bool {
	return h != nil && (h.OnBalanceChange != nil || h.OnNonceChange != nil || h.OnCodeChange != nil ||
		h.OnStorageChange != nil || h.OnLog != nil)
}

// GasChange calls OnGasChange when it is set and the gas changed.
func (h *Hooks) GasChange(old, new uint64, reason GasChangeReason) {
	if h != nil && h.OnGasChange != nil && old != new {
		h.OnGasChange(old, new, reason)
	}
}
