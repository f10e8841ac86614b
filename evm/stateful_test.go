package evm

import (
	"errors"
	"testing"

	"github.com/goevm/goevm/fork"
	"github.com/goevm/goevm/state"
	"github.com/goevm/goevm/types"
	"github.com/holiman/uint256"
)

var counterAddr = types.Address{18: 0x0b} // 0x…0b00: clear of the fork's precompiles

// counter is a stateful precompile keeping a counter in slot 0 of its own
// storage: each call costs 5000 gas, adds one and returns the new value.
var counter = StatefulPrecompileFunc(func(env *PrecompileEnv, _ []byte) ([]byte, uint64, error) {
	gas := env.Gas
	if err := UseGas(&gas, 5000); err != nil {
		return nil, 0, err
	}
	n := new(uint256.Int).SetBytes(env.GetState(types.Hash{}).Bytes())
	n.AddUint64(n, 1)
	if err := env.SetState(types.Hash{}, n.Bytes32()); err != nil {
		return nil, 0, err
	}
	out := n.Bytes32()
	return out[:], gas, nil
})

// Calls to counterAddr, hand-assembled: CALL(gas, 0x0b00, 0, 0, 0, 0, 0) and
// STATICCALL(gas, 0x0b00, 0, 0, 0, 0); each leaves the success flag.
const (
	callCounter       = "6000 6000 6000 6000 6000 610b00 5a f1"
	staticCallCounter = "6000 6000 6000 6000 610b00 5a fa"
)

func newCounterEVM(t *testing.T, prog string) (*EVM, *state.Memory) {
	t.Helper()
	db := state.New()
	db.SetBalance(testSender, uint256.NewInt(1e18))
	db.SetCode(testContract, code(prog))
	db.Commit()
	db.BeginTx()
	cfg := Config{ChainID: 1, StatefulPrecompiles: map[types.Address]StatefulPrecompile{counterAddr: counter}}
	return New(BlockContext{Number: 1, GasLimit: 30_000_000}, TxContext{Origin: testSender}, db, fork.Osaka.Rules(), cfg), db
}

func counterValue(db *state.Memory) uint64 {
	v := db.GetState(counterAddr, types.Hash{})
	return new(uint256.Int).SetBytes(v[:]).Uint64()
}

func TestStatefulPrecompileCounts(t *testing.T) {
	e, db := newCounterEVM(t, callCounter+callCounter+returnTop)
	ret, _, err := e.Call(testSender, testContract, nil, 1_000_000, nil)
	if err != nil || word(ret).Uint64() != 1 {
		t.Fatalf("call: ret %x err %v, want success flag 1", ret, err)
	}
	if got := counterValue(db); got != 2 {
		t.Fatalf("counter = %d after two calls, want 2", got)
	}
	// The end of the transaction must not delete the precompile's account
	// as empty (EIP-161), storage and all.
	db.Finalise(true)
	if got := counterValue(db); got != 2 {
		t.Fatalf("counter = %d after Finalise, want 2", got)
	}
	if !contains(e.ActivePrecompiles(), counterAddr) {
		t.Error("ActivePrecompiles leaves out the stateful precompile; EIP-2929 warms every precompile")
	}
}

// The precompile's write is journaled: the REVERT of the frame that called
// it undoes the write, as it would a contract's SSTORE.
func TestStatefulPrecompileRevertedByOuterRevert(t *testing.T) {
	e, db := newCounterEVM(t, callCounter+"50 6000 6000 fd") // CALL; POP; REVERT(0, 0)
	_, left, err := e.Call(testSender, testContract, nil, 1_000_000, nil)
	if !errors.Is(err, ErrExecutionReverted) || left == 0 {
		t.Fatalf("err %v gas left %d, want a revert that keeps gas", err, left)
	}
	if got := counterValue(db); got != 0 {
		t.Fatalf("counter = %d after the caller reverted, want 0", got)
	}
}

// EIP-214: a write inside STATICCALL fails the call, using its gas.
func TestStatefulPrecompileStaticWriteRefused(t *testing.T) {
	e, db := newCounterEVM(t, staticCallCounter+returnTop)
	ret, _, err := e.Call(testSender, testContract, nil, 1_000_000, nil)
	if err != nil || word(ret).Uint64() != 0 {
		t.Fatalf("ret %x err %v, want success and a failed STATICCALL (flag 0)", ret, err)
	}
	if got := counterValue(db); got != 0 {
		t.Fatalf("counter = %d after a refused static write, want 0", got)
	}
	// The top-level StaticCall is refused the same way.
	if _, left, err := e.StaticCall(testSender, counterAddr, nil, 100_000); !errors.Is(err, ErrWriteProtection) || left != 0 {
		t.Fatalf("StaticCall: err %v left %d, want ErrWriteProtection with all gas used", err, left)
	}
}

func TestStatefulPrecompileOutOfGas(t *testing.T) {
	e, db := newCounterEVM(t, "00")
	if _, left, err := e.Call(testSender, counterAddr, nil, 4999, nil); !errors.Is(err, ErrOutOfGas) || left != 0 {
		t.Fatalf("err %v left %d, want ErrOutOfGas", err, left)
	}
	ret, left, err := e.Call(testSender, counterAddr, nil, 5000, nil)
	if err != nil || left != 0 || word(ret).Uint64() != 1 || counterValue(db) != 1 {
		t.Fatalf("ret %x left %d err %v counter %d, want 1, 0 left", ret, left, err, counterValue(db))
	}
}

func contains(list []types.Address, a types.Address) bool {
	for _, x := range list {
		if x == a {
			return true
		}
	}
	return false
}
