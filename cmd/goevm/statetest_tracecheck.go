package main

import (
	"sync/atomic"

	"github.com/goevm/goevm/spectest"
	"github.com/goevm/goevm/trace"
	"github.com/goevm/goevm/types"
	"github.com/holiman/uint256"
)

// traceCheck attaches tracing hooks that do nothing to every case of
// `goevm statetest --trace-check`. A step hook makes the interpreter run
// its traced loop (runTraced) instead of the fast one, and the state hooks
// put the transaction layer's hooked state in front of the real one, so
// the suite checks that tracing changes no post-state root and no logs
// hash: a gas slip in the traced loop would otherwise corrupt every
// --trace and debug_traceTransaction without failing a test. It counts the
// steps the hooks saw, so a run that never reached the traced loop shows.
type traceCheck struct{ steps atomic.Uint64 }

func (c *traceCheck) install(cfg *spectest.StateRunConfig) {
	cfg.Tracer = func(name, fork string, index int) *trace.Hooks {
		var steps uint64 // one case runs on one goroutine
		return &trace.Hooks{
			OnTxStart:       func(*trace.VMContext, *types.Transaction, types.Address) {},
			OnTxEnd:         func(*trace.TxResult, error) { c.steps.Add(steps); steps = 0 },
			OnOpcode:        func(*trace.Step) { steps++ },
			OnFault:         func(*trace.Step) {},
			OnEnter:         func(int, byte, types.Address, types.Address, []byte, uint64, *uint256.Int) {},
			OnExit:          func(int, []byte, uint64, error, bool) {},
			OnGasChange:     func(uint64, uint64, trace.GasChangeReason) {},
			OnBalanceChange: func(types.Address, *uint256.Int, *uint256.Int, trace.BalanceChangeReason) {},
			OnNonceChange:   func(types.Address, uint64, uint64) {},
			OnCodeChange:    func(types.Address, types.Hash, []byte, types.Hash, []byte) {},
			OnStorageChange: func(types.Address, types.Hash, types.Hash, types.Hash) {},
			OnLog:           func(*types.Log) {},
		}
	}
}
