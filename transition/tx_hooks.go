package transition

import (
	"github.com/goevm/goevm/evm"
	"github.com/goevm/goevm/fork"
	"github.com/goevm/goevm/state"
	"github.com/goevm/goevm/trace"
	"github.com/goevm/goevm/types"
	"github.com/holiman/uint256"
)

// hookedState is a transaction's state seen through the tracer's state
// hooks: the interpreter's view reports its changes (state.Hooked), the
// transaction boundary passes through, and Finalise first reports what it
// does to self-destructed accounts.
type hookedState struct {
	*state.Hooked
	raw StateDB
}

func (h hookedState) BeginTx()           { h.raw.BeginTx() }
func (h hookedState) Logs() []*types.Log { return h.raw.Logs() }
func (h hookedState) Finalise(deleteEmpty bool) {
	h.FinaliseHooks()
	h.raw.Finalise(deleteEmpty)
}

// withStateHooks wraps db when hooks wants state changes; otherwise it
// returns db itself, so untraced runs never see the wrapper.
func withStateHooks(db StateDB, hooks *trace.Hooks) StateDB {
	if !hooks.HasStateHooks() {
		return db
	}
	return hookedState{Hooked: state.NewHooked(db, hooks), raw: db}
}

// tracesTx reports whether hooks wants anything Apply itself reports:
// transaction start and end, gas changes or state changes.
func tracesTx(h *trace.Hooks) bool {
	return h != nil && (h.OnTxStart != nil || h.OnTxEnd != nil || h.OnGasChange != nil || h.HasStateHooks())
}

// beginTracedTx wraps db for the state hooks, calls OnTxStart, and returns
// the state to run on and the function that reports the end.
func beginTracedTx(db StateDB, env *Env, tx *types.Transaction, from types.Address) (StateDB, func(*Result, error)) {
	hooks := env.Config.Tracer
	wrapped := withStateHooks(db, hooks)
	if hooks.OnTxStart != nil {
		hooks.OnTxStart(vmContext(db, &env.Block, env.Rules, env.Config), tx, from)
	}
	return wrapped, func(res *Result, err error) {
		if hooks.OnTxEnd == nil {
			return
		}
		if err != nil {
			hooks.OnTxEnd(nil, err)
			return
		}
		hooks.OnTxEnd(&trace.TxResult{GasUsed: res.GasUsed, Err: res.Err, ReturnData: res.ReturnData,
			ContractAddress: res.ContractAddress, Logs: res.Logs}, nil)
	}
}

// vmContext is what OnTxStart and OnSystemCallStart tell a tracer of the
// block and its state.
func vmContext(db StateDB, b *evm.BlockContext, rules fork.Rules, cfg evm.Config) *trace.VMContext {
	db = unwrapBAL(db) // what a tracer reads is no access of the block's (EIP-7928)
	c := &trace.VMContext{Coinbase: b.Coinbase, BlockNumber: b.Number, Time: b.Time, BaseFee: b.BaseFee,
		StateDB: db, Rules: &rules}
	if rules.Has(4399) {
		r := b.PrevRandao
		c.Random = &r
	}
	c.Precompiles = evm.New(*b, evm.TxContext{}, db, rules, cfg).ActivePrecompiles()
	return c
}

// beginSystemCall tells the tracer a system call starts and wraps db for
// its state hooks; the returned function reports the end.
func beginSystemCall(db StateDB, env *BlockEnv) (StateDB, func()) {
	hooks := env.Tracer
	if hooks == nil {
		return db, func() {}
	}
	if hooks.OnSystemCallStart != nil {
		b := env.BlockContext()
		hooks.OnSystemCallStart(vmContext(db, &b, env.rules(), env.evmConfig()))
	}
	return withStateHooks(db, hooks), func() {
		if hooks.OnSystemCallEnd != nil {
			hooks.OnSystemCallEnd()
		}
	}
}

// balanceReasoner is a state that reports why a balance changes
// (state.Hooked).
type balanceReasoner interface {
	AddBalanceReason(addr types.Address, amount *uint256.Int, reason trace.BalanceChangeReason)
	SubBalanceReason(addr types.Address, amount *uint256.Int, reason trace.BalanceChangeReason)
}

// addBalance credits amount, telling a hooked state why.
func addBalance(db state.StateDB, addr types.Address, amount *uint256.Int, reason trace.BalanceChangeReason) {
	if r, ok := db.(balanceReasoner); ok {
		r.AddBalanceReason(addr, amount, reason)
		return
	}
	db.AddBalance(addr, amount)
}

// subBalance debits amount, telling a hooked state why.
func subBalance(db state.StateDB, addr types.Address, amount *uint256.Int, reason trace.BalanceChangeReason) {
	if r, ok := db.(balanceReasoner); ok {
		r.SubBalanceReason(addr, amount, reason)
		return
	}
	db.SubBalance(addr, amount)
}
