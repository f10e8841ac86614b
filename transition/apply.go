package transition

import (
	"github.com/goevm/goevm/evm"
	"github.com/goevm/goevm/fork"
	"github.com/goevm/goevm/state"
	"github.com/goevm/goevm/trace"
	"github.com/goevm/goevm/types"
	"github.com/holiman/uint256"
)

// StateDB is the state a transaction is applied to: the interpreter's view
// plus the transaction boundary. *state.Memory implements it.
type StateDB interface {
	state.StateDB
	// BeginTx clears per-transaction data: logs, refund counter, warm sets,
	// transient storage.
	BeginTx()
	// Finalise ends the transaction, deleting self-destructed accounts and,
	// with deleteEmpty (EIP-161), touched empty ones.
	Finalise(deleteEmpty bool)
	// Logs returns the current transaction's logs.
	Logs() []*types.Log
}

// Apply runs tx, signed by from, against db in the block env describes. An
// invalid transaction returns an error wrapping one of the TxError
// sentinels and changes nothing: among them a chain id other than
// env.Config.ChainID, and with env.VerifySender a signature not by from
// (sender.go); otherwise from is taken on trust. A valid one returns its
// Result, whatever happened in execution, and leaves the state finalised:
// the next transaction of the block can follow.
func Apply(db StateDB, env *Env, tx *types.Transaction, from types.Address) (res *Result, err error) {
	rules := &env.Rules
	if tracesTx(env.Config.Tracer) { // tx_hooks.go; untraced runs skip all of it
		var end func(*Result, error)
		db, end = beginTracedTx(db, env, tx, from)
		defer func() { end(res, err) }()
	}
	if err := checkSigner(env, tx, from); err != nil { // sender.go
		return nil, err
	}
	db.BeginTx()
	c, err := validate(db, env, tx, from)
	if err != nil {
		return nil, err
	}

	// Buy gas: the sender pays for all of it now and gets the unused part back.
	var upfront uint256.Int
	mulOverflow(&upfront, &c.gasPrice, tx.Gas) // bounded by the balance check
	upfront.Add(&upfront, &c.blobFee)
	subBalance(db, from, &upfront, trace.BalanceDecreaseGasBuy)

	cfg := env.Config
	txCtx := evm.TxContext{Origin: from, GasPrice: c.gasPrice, BlobHashes: tx.BlobHashes}
	vm := evm.New(env.Block, txCtx, db, env.Rules, cfg)

	if tx.To != nil {
		// A creation's nonce is bumped by Create, which derives the new
		// address from the current nonce.
		db.SetNonce(from, tx.Nonce+1)
	}
	warm(db, env, tx, from, vm)

	if tx.Type == types.SetCodeTxType && !rules.Has(2780) { // EIP-2780 charges them as they apply: run2780
		applyAuthorizations(db, env.Config.ChainID, tx.AuthList)
		// The top-level call runs the delegate's code; its address is warm
		// without charge (EIP-7702).
		if target, ok := types.ParseDelegation(db.GetCode(*tx.To)); ok {
			db.AddAddressToAccessList(target)
		}
	}

	res = &Result{BlobGasUsed: c.blobGas}
	gas := tx.Gas - c.intrinsic
	env.Config.Tracer.GasChange(0, tx.Gas, trace.GasChangeTxInitialBalance)
	env.Config.Tracer.GasChange(tx.Gas, gas, trace.GasChangeTxIntrinsicGas)
	var gasLeft uint64
	if rules.Has(8037) {
		// EIP-8037: gas above the execution cap is the state-gas reservoir.
		var reservoir uint64
		gas, reservoir = splitStateGas(gas, c.intrinsic, env.uncappedExecution())
		vm.SetStateGasReservoir(reservoir)
	}
	switch {
	case rules.Has(2780):
		gasLeft = run2780(db, env, vm, tx, from, gas, res)
	case tx.To == nil:
		var addr types.Address
		res.ReturnData, addr, gasLeft, res.Err = vm.Create(from, tx.Data, gas, &tx.Value)
		res.ContractAddress = &addr
	default:
		res.ReturnData, gasLeft, res.Err = vm.Call(from, *tx.To, tx.Data, gas, &tx.Value)
	}
	if rules.Has(8037) {
		// EIP-8037: what the reservoir kept is returned like the gas left;
		// the block counts execution and state gas apart, before refunds.
		gasLeft += vm.StateGasReservoir()
		state := uint64(max(vm.StateGasUsed(), 0))
		res.BlockStateGas = state
		res.BlockExecutionGas = max(tx.Gas-gasLeft-state, c.floor)
	}

	// Refund: capped share of the gas used, then the EIP-7623 floor.
	used := tx.Gas - gasLeft
	beforeRefund := used
	res.Refund = min(db.GetRefund(), used/rules.RefundQuotient())
	env.Config.Tracer.GasChange(gasLeft, gasLeft+res.Refund, trace.GasChangeTxRefunds)
	used -= res.Refund
	if rules.Has(7623) && used < c.floor {
		env.Config.Tracer.GasChange(tx.Gas-used, tx.Gas-c.floor, trace.GasChangeTxDataFloor)
		used = c.floor
	}
	res.GasUsed = used
	res.BlockGasUsed = used
	if rules.Has(7778) {
		// EIP-7778: the block counts the gas before the refund (still at
		// least the floor); the sender pays, and the receipt shows, GasUsed.
		res.BlockGasUsed = max(beforeRefund, c.floor)
	}
	env.Config.Tracer.GasChange(tx.Gas-used, 0, trace.GasChangeTxLeftOverReturned)

	var back uint256.Int
	mulOverflow(&back, &c.gasPrice, tx.Gas-used)
	addBalance(db, from, &back, trace.BalanceIncreaseGasReturn)

	// The block producer gets the priority fee (all of the gas price before
	// London); the base fee and the blob fee are burned. A zero fee still
	// touches the coinbase, which EIP-161 then deletes if it is empty.
	// An unpriced simulated transaction (Env.NoBaseFee) pays nothing and
	// leaves the coinbase untouched, as geth.
	if !env.unpriced(tx) {
		tip := c.gasPrice
		if rules.Has(1559) {
			tip.Sub(&tip, &env.Block.BaseFee)
		}
		var fee uint256.Int
		mulOverflow(&fee, &tip, used)
		addBalance(db, env.Block.Coinbase, &fee, trace.BalanceIncreaseRewardTransactionFee)
	}

	db.Finalise(rules.Has(161)) // EIP-161: touched empty accounts are deleted
	res.Logs = db.Logs()
	return res, nil
}

// warm fills the EIP-2929 access lists at the start of the transaction:
// sender, recipient, precompiles, the EIP-2930 access list, and from
// Shanghai the coinbase (EIP-3651).
func warm(db StateDB, env *Env, tx *types.Transaction, from types.Address, vm *evm.EVM) {
	if !env.Rules.Has(2929) {
		return
	}
	db.AddAddressToAccessList(from)
	if tx.To != nil {
		db.AddAddressToAccessList(*tx.To)
	}
	for _, a := range vm.ActivePrecompiles() {
		db.AddAddressToAccessList(a)
	}
	for _, t := range tx.AccessList {
		db.AddAddressToAccessList(t.Address)
		for _, k := range t.StorageKeys {
			db.AddSlotToAccessList(t.Address, k)
		}
	}
	if env.Rules.Has(3651) {
		db.AddAddressToAccessList(env.Block.Coinbase)
	}
}

// intrinsicCost is the intrinsic gas and the EIP-7623 floor (zero before Prague).
func intrinsicCost(tx *types.Transaction, from types.Address, rules *fork.Rules) (intrinsic, floor uint64, err error) {
	intrinsic = TxIntrinsicGas(tx, from, rules)
	if rules.Has(7623) {
		floor = FloorDataGas(FloorBase(tx, from, rules), tx.Data, tx.AccessList, rules)
	}
	return intrinsic, floor, nil
}
