package transition

import (
	"errors"
	"fmt"

	"github.com/goevm/goevm/crypto"
	"github.com/goevm/goevm/evm"
	"github.com/goevm/goevm/fork"
	"github.com/goevm/goevm/trace"
	"github.com/goevm/goevm/types"
	"github.com/holiman/uint256"
)

// EIP-8037 and EIP-2780 at the transaction level: the split of the gas
// left after the intrinsic cost into execution gas and the state-gas
// reservoir, the charges EIP-2780 makes when the transaction starts to run
// (its recipient's new account and delegation, its authorizations), and the
// settlement in two dimensions. The interpreter's side is evm/state_gas.go.

// splitStateGas divides the gas left after the intrinsic cost: execution
// gas up to TX_MAX_GAS_LIMIT less the intrinsic cost, the rest the state-gas
// reservoir (EIP-8037). A simulation spends all of it on execution, as
// geth's calls do (SkipExecutionGasCapCheck).
func splitStateGas(gas, intrinsic uint64, simulation bool) (execution, reservoir uint64) {
	if simulation || intrinsic >= fork.TxMaxGas8037 {
		return gas, 0
	}
	execution = min(fork.TxMaxGas8037-intrinsic, gas)
	return execution, gas - execution
}

// ErrIntrinsicAboveCap is ErrIntrinsicGas for an intrinsic cost or
// calldata floor above EIP-8037's execution cap, told apart for
// eth_simulateV1, which reports it as geth does (ErrFloorDataGas there, an
// internal error, not the intrinsic-gas code).
var ErrIntrinsicAboveCap = fmt.Errorf("%w: above the execution cap", ErrIntrinsicGas)

// checkIntrinsicCap: under EIP-8037 the intrinsic cost and the calldata
// floor must fit the execution cap, though the gas limit may exceed it.
func checkIntrinsicCap(intrinsic, floor uint64, rules *fork.Rules, simulation bool) error {
	if !rules.Has(8037) || simulation {
		return nil
	}
	if m := max(intrinsic, floor); m > fork.TxMaxGas8037 {
		return fmt.Errorf("%w %d (EIP-8037): intrinsic %d, floor %d", ErrIntrinsicAboveCap, uint64(fork.TxMaxGas8037), intrinsic, floor)
	}
	return nil
}

// authTrack is what an authority's earlier authorizations in the same
// transaction already paid (EIP-2780).
type authTrack struct {
	written bool // ACCOUNT_WRITE paid
	base    bool // the delegation's bytes exist (at the start, or paid)
}

// applyAuthorizations2780 applies an EIP-7702 authorization list charging,
// as each valid one is applied, what EIP-2780 leaves to run time: the first
// write to an authority (ACCOUNT_WRITE; not for the sender, nor for a
// recipient whose write TX_VALUE_COST paid), a new account's state gas and,
// once per authority, the delegation's bytes (STATE_BYTES_PER_AUTH_BASE).
// It reports false when the gas left cannot pay a charge.
func applyAuthorizations2780(db StateDB, vm *evm.EVM, gas *uint64, tx *types.Transaction, from types.Address, chainID uint64) bool {
	chain := uint256.NewInt(chainID)
	tracks := map[types.Address]*authTrack{}
	for i := range tx.AuthList {
		auth := &tx.AuthList[i]
		authority, code, ok := validAuthority(db, chain, auth)
		if !ok {
			continue
		}
		delegated := len(code) > 0 // validAuthority passes only empty code or a delegation
		t := tracks[authority]
		if t == nil {
			t = &authTrack{base: delegated}
			tracks[authority] = t
		}
		var exec, state uint64
		valued := !tx.Value.IsZero()
		if !t.written && authority != from && (authority != *tx.To || !valued) {
			exec += fork.AccountWrite8038
			t.written = true
		}
		if db.Empty(authority) {
			state += fork.StateGasNewAccount
		}
		if auth.Address != (types.Address{}) && !t.base {
			state += fork.StateGasAuthBase
			t.base = true
		}
		if !chargeTx(vm, gas, exec, state) {
			return false
		}
		db.SetNonce(authority, auth.Nonce+1)
		if auth.Address == (types.Address{}) {
			if delegated {
				db.SetCode(authority, nil)
			}
		} else if old, _ := types.ParseDelegation(code); !delegated || old != auth.Address {
			db.SetCode(authority, types.DelegationCode(auth.Address))
		}
	}
	return true
}

// chargeTx charges exec execution gas and state state gas at the
// transaction level, both or neither.
func chargeTx(vm *evm.EVM, gas *uint64, exec, state uint64) bool {
	if *gas < exec {
		return false
	}
	left := *gas - exec
	if state > 0 && !vm.ChargeStateGas(&left, state) {
		return false
	}
	vm.TraceGasChange(*gas, left, trace.GasChangeTxRuntimeGas)
	*gas = left
	return true
}

// refundNewAccount gives back a new account's state gas charged when the
// transaction started, the account not having been created (EIP-8037).
func refundNewAccount(vm *evm.EVM, gasLeft *uint64) {
	before := *gasLeft
	vm.RefundStateGas(gasLeft, fork.StateGasNewAccount)
	vm.TraceGasChange(before, *gasLeft, trace.GasChangeRefundAccountCreation)
}

// chargeRecipient2780 charges the recipient of a message call when the
// transaction starts (EIP-2780): a new account's state gas if value goes to
// an empty one, and the access to its delegation's target (warm or cold),
// which is warmed only once paid.
func chargeRecipient2780(db StateDB, vm *evm.EVM, gas *uint64, to types.Address, value *uint256.Int) bool {
	if !value.IsZero() && db.Empty(to) {
		if !chargeTx(vm, gas, 0, fork.StateGasNewAccount) {
			return false
		}
	}
	if target, ok := types.ParseDelegation(db.GetCode(to)); ok {
		cost := uint64(fork.ColdAccountAccess8038)
		if db.AddressInAccessList(target) {
			cost = fork.WarmAccess8038
		}
		if !chargeTx(vm, gas, cost, 0) {
			return false
		}
		db.AddAddressToAccessList(target)
	}
	return true
}

// run2780 runs the transaction's frame under EIP-2780/EIP-8037: the
// runtime charges first (a creation's new account; a call's authorizations
// and recipient), a transaction that cannot pay them halting before its
// frame, then the frame, then the refill of a new account that was not
// created and the burn of the execution gas left by a frame that halted.
func run2780(db StateDB, env *Env, vm *evm.EVM, tx *types.Transaction, from types.Address, gas uint64, res *Result) (gasLeft uint64) {
	value := &tx.Value
	if tx.To == nil {
		addr := crypto.CreateAddress(from, db.GetNonce(from))
		charged := false
		if db.Empty(addr) {
			if !chargeTx(vm, &gas, 0, fork.StateGasNewAccount) {
				db.SetNonce(from, db.GetNonce(from)+1) // the creation's nonce bump still happens
				vm.TraceHaltedFrame(trace.KindCreate, from, addr, tx.Data, gas, value)
				vm.HaltStateGas(&gas)
				res.Err = evm.ErrOutOfGas
				res.ContractAddress = &addr
				return gas
			}
			charged = true
		}
		res.ReturnData, addr, gasLeft, res.Err = vm.Create(from, tx.Data, gas, value)
		res.ContractAddress = &addr
		if charged && res.Err != nil {
			refundNewAccount(vm, &gasLeft)
		}
	} else {
		snap := db.Snapshot()
		ok := tx.Type != types.SetCodeTxType || applyAuthorizations2780(db, vm, &gas, tx, from, env.Config.ChainID)
		if ok {
			ok = chargeRecipient2780(db, vm, &gas, *tx.To, value)
		}
		if !ok {
			db.RevertToSnapshot(snap)
			vm.TraceHaltedFrame(trace.KindCall, from, *tx.To, tx.Data, gas, value)
			vm.HaltStateGas(&gas)
			res.Err = evm.ErrOutOfGas
			return gas
		}
		res.ReturnData, gasLeft, res.Err = vm.Call(from, *tx.To, tx.Data, gas, value)
		if res.Err != nil && !value.IsZero() && db.Empty(*tx.To) {
			refundNewAccount(vm, &gasLeft)
		}
	}
	if res.Err != nil && !errors.Is(res.Err, evm.ErrExecutionReverted) {
		vm.TraceGasChange(gasLeft, 0, trace.GasChangeCallFailedExecution)
		gasLeft = 0 // a halt burns the execution gas, the refill's too
	}
	return gasLeft
}
