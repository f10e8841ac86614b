package trace

import (
	"github.com/goevm/goevm/types"
	"github.com/holiman/uint256"
)

// NoopHooks returns hooks that are all set and do nothing. Setting them
// makes the interpreter run its traced loop and the transaction layer put
// its hooked state in front of the real one, so comparing a run with them
// against a run without checks that tracing changes no result (evm's
// interpreter-path tests, `goevm statetest --trace-check`). Callers may
// replace single fields, e.g. to count steps.
func NoopHooks() *Hooks {
	return &Hooks{
		OnTxStart:         func(*VMContext, *types.Transaction, types.Address) {},
		OnTxEnd:           func(*TxResult, error) {},
		OnOpcode:          func(*Step) {},
		OnFault:           func(*Step) {},
		OnEnter:           func(int, byte, types.Address, types.Address, []byte, uint64, *uint256.Int) {},
		OnExit:            func(int, []byte, uint64, error, bool) {},
		OnGasChange:       func(uint64, uint64, GasChangeReason) {},
		OnBalanceChange:   func(types.Address, *uint256.Int, *uint256.Int, BalanceChangeReason) {},
		OnNonceChange:     func(types.Address, uint64, uint64) {},
		OnCodeChange:      func(types.Address, types.Hash, []byte, types.Hash, []byte) {},
		OnStorageChange:   func(types.Address, types.Hash, types.Hash, types.Hash) {},
		OnLog:             func(*types.Log) {},
		OnSystemCallStart: func(*VMContext) {},
		OnSystemCallEnd:   func() {},
	}
}
