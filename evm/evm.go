package evm

import (
	"slices"
	"sync/atomic"

	"github.com/goevm/goevm/evm/precompile"
	"github.com/goevm/goevm/fork"
	"github.com/goevm/goevm/state"
	"github.com/goevm/goevm/trace"
	"github.com/goevm/goevm/types"
)

// Config holds the optional parts of an EVM.
type Config struct {
	Tracer      *trace.Hooks                          // nil: no tracing, zero cost
	Precompiles map[types.Address]precompile.Contract // nil: precompile.ForFork(&rules)
	ChainID     uint64
	// StatefulPrecompiles are the embedder's own precompiles, which see the
	// call and the state (stateful.go). They take precedence over a
	// stateless one at the same address and are warm like them (EIP-2929).
	StatefulPrecompiles map[types.Address]StatefulPrecompile
	// CustomOps add or replace opcodes for experiments. A bad definition
	// makes New panic: it is a programming error.
	CustomOps []CustomOp
	// MemoryLimit caps the bytes the live frames of a call may hold at once
	// in memory and return data; growing past it ends the call with
	// ErrMemoryLimit. 0 means DefaultMemoryLimit.
	MemoryLimit uint64
	// NoCodeSizeLimit lifts the EIP-170 deployed code and EIP-3860 initcode
	// size limits (anvil's --disable-code-size-limit, for test mocks);
	// initcode is still charged per word.
	NoCodeSizeLimit bool
}

// DefaultMemoryLimit is 2 GiB: far above what any transaction of a real
// block can hold, and twice what the largest conformance fixture needs, so
// it never changes a consensus result, while gas of 2^64 (goevm run,
// eth_call), which could pay for 128 GiB in one frame, fails cleanly
// instead of killing the process.
//
// The arithmetic (memlimit_test.go checks it). A frame pays 3w + w²/512 gas
// for w words, so one frame of 60M gas holds at most 5.6 MB. What the frames
// of a call hold at once is memory and return data, each return data a copy
// of a finished frame's paid memory or a precompile's output (no larger than
// memory bought with the same gas): at most 3075 paid memories (1025 live
// frames, 1025 finished children, 1025 precompile outputs). The words bought
// grow as the square root of the gas, so an even split of the gas maximizes
// their sum: 60M gas over 3075 memories bounds it by 244 MB, even ignoring
// call costs and the 63/64 rule (with them, the best chain found
// numerically holds about 53 MB); the bound reaches 2 GiB only at about
// 2.8 billion gas. State tests, though, give transactions up to 10^12 gas:
// static_Call1MB1024Calldepth nests 1024 STATICCALLs each passing 1 MB of
// input, 1.02 GB held at once. That sets the default, not real blocks.
const DefaultMemoryLimit = 2 << 30

// EVM runs message calls and contract creations for one transaction at a
// time against a StateDB. It is not safe for concurrent use.
type EVM struct {
	Block BlockContext
	Tx    TxContext

	db          state.StateDB
	rules       fork.Rules
	is          ruleFlags
	table       *jumpTable
	cfg         Config
	tracer      *trace.Hooks
	precompiles map[types.Address]precompile.Contract
	// precompilesLow: every precompile address has its first 18 bytes
	// zero, so call need not look up any other (precompileAt).
	precompilesLow bool
	stateful       map[types.Address]StatefulPrecompile // nil unless Config has some
	// interrupt is the tracer's Interrupt flag (nil without one): JUMP and
	// JUMPI's table bodies end the frame once it is raised. The fast loop
	// runs its jumps inline and never sees it: run sends a frame to the
	// checked loop when it is set.
	interrupt *atomic.Bool

	depth int // depth of the running frame; 0 is the transaction's own
	// EIP-8037 (state_gas.go): the state-gas reservoir, the transaction
	// level's account, and the account of the frame that ended last (for
	// its parent to absorb).
	reservoir uint64
	txState   stateAcct
	lastState stateAcct
	mem       memoryBudget  // bytes the live frames hold, against Config.MemoryLimit
	lastCode  codeInfoEntry // the analysis this EVM used last (analysis.go)
	fast      fastState     // the fast loop's caches (run_fast.go)
	// checkedOnly runs every frame through runChecked, the per-instruction
	// loop, instead of the fast one: set only by tests that compare the
	// interpreter's paths (paths_test.go).
	checkedOnly bool
}

// New makes an EVM for a block under rules. Extra EIPs enabled on rules
// (rules.Enable) change the opcode table and gas as they would in their fork.
func New(block BlockContext, tx TxContext, db state.StateDB, rules fork.Rules, cfg Config) *EVM {
	e := &EVM{
		Block:  block,
		Tx:     tx,
		db:     db,
		rules:  rules,
		cfg:    cfg,
		tracer: cfg.Tracer,
	}
	if cfg.Tracer != nil {
		e.interrupt = cfg.Tracer.Interrupt
	}
	e.mem.limit = cfg.MemoryLimit
	if e.mem.limit == 0 {
		e.mem.limit = DefaultMemoryLimit
	}
	cached := cachedForRules(&e.rules)
	e.is = cached.is
	if cfg.NoCodeSizeLimit {
		e.is.maxCodeSize, e.is.maxInitCodeSize = 0, 0
	}
	e.table = cached.table
	if len(cfg.CustomOps) > 0 {
		t, err := withCustomOps(e.table, cfg.CustomOps)
		if err != nil {
			panic(err)
		}
		e.table = t
	}
	// A caller's own map keeps the plain lookup: it is the caller's, and
	// may gain an address with high bytes after New.
	e.precompiles, e.precompilesLow = cfg.Precompiles, false
	if e.precompiles == nil {
		e.precompiles, e.precompilesLow = cached.precompiles, cached.precompilesLow
	}
	if len(cfg.StatefulPrecompiles) > 0 {
		e.stateful = cfg.StatefulPrecompiles
	}
	return e
}

// SetTxContext switches to the next transaction of the block.
func (e *EVM) SetTxContext(tx TxContext) { e.Tx = tx }

// Rules are the fork rules the EVM runs under.
func (e *EVM) Rules() *fork.Rules { return &e.rules }

// StateDB is the state the EVM reads and writes.
func (e *EVM) StateDB() state.StateDB { return e.db }

// ActivePrecompiles lists the precompiled contracts' addresses in ascending
// order, for EIP-2929 warming by the transaction layer.
func (e *EVM) ActivePrecompiles() []types.Address {
	out := make([]types.Address, 0, len(e.precompiles)+len(e.stateful))
	for a := range e.precompiles {
		out = append(out, a)
	}
	for a := range e.stateful {
		if _, dup := e.precompiles[a]; !dup {
			out = append(out, a)
		}
	}
	slices.SortFunc(out, func(x, y types.Address) int { return slices.Compare(x[:], y[:]) })
	return out
}

// ruleFlags are the EIPs the instruction bodies consult, read once from the
// rules so a body tests a field instead of searching a list.
type ruleFlags struct {
	homestead       bool // EIP-2: failed code deposit fails the creation
	eip150          bool // all but one 64th; new-account charges
	eip158          bool // EIP-161: empty accounts, contract nonce starts at 1
	eip160          bool // EXP byte cost 50
	maxCodeSize     int  // EIP-170's deployed code limit; 0: none (or Config.NoCodeSizeLimit)
	eip1283         bool // net gas metering (Constantinople only)
	eip2200         bool // net gas metering with stipend sentry (Istanbul)
	eip2929         bool // warm/cold access
	eip3529         bool // reduced refunds, no SELFDESTRUCT refund
	eip3541         bool // reject code starting with 0xEF
	eip3860         bool // initcode word cost
	maxInitCodeSize int  // EIP-3860's initcode limit; 0: none (or Config.NoCodeSizeLimit)
	eip4399         bool // PREVRANDAO
	eip6780         bool // SELFDESTRUCT only in the creating transaction
	eip7702         bool // delegation designators
	eip7708         bool // ETH transfers emit a log
	eip8246         bool // SELFDESTRUCT no longer burns
	eip8037         bool // state gas: state creation paid from the reservoir (state_gas.go)
	eip8038         bool // state-access repricing (SSTORE's write/refund shape, EXTCODESIZE/COPY's second read)

	coldAccountCost  uint64 // a cold account access priced whole (EIP-2929 2600, EIP-8038 3000)
	coldAccountExtra uint64 // the same above the warm base already charged
	callValueGas     uint64 // CALL/CALLCODE moving value (9000; EIP-8038 CALL_VALUE 11300)
}

func flagsFor(r *fork.Rules) ruleFlags {
	return ruleFlags{
		homestead:       r.Has(2),
		eip150:          r.Has(150),
		eip158:          r.Has(161),
		eip160:          r.Has(160),
		maxCodeSize:     r.MaxCodeSize(),
		eip1283:         r.Has(1283),
		eip2200:         r.Has(2200),
		eip2929:         r.Has(2929),
		eip3529:         r.Has(3529),
		eip3541:         r.Has(3541),
		eip3860:         r.Has(3860),
		maxInitCodeSize: r.MaxInitCodeSize(),
		eip4399:         r.Has(4399),
		eip6780:         r.Has(6780),
		eip7702:         r.Has(7702),
		eip7708:         r.Has(7708),
		eip8246:         r.Has(8246),
		eip8037:         r.Has(8037),
		eip8038:         r.Has(8038),

		coldAccountCost:  r.ColdAccountAccessGas(),
		coldAccountExtra: r.ColdAccountAccessGas() - warmAccessCost,
		callValueGas:     r.CallValueGas(),
	}
}
