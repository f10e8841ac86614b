package rpc

import (
	"fmt"
	"maps"
	"slices"

	"github.com/goevm/goevm/evm"
	"github.com/goevm/goevm/evm/precompile"
	"github.com/goevm/goevm/fork"
	"github.com/goevm/goevm/transition"
	"github.com/goevm/goevm/types"
	"github.com/holiman/uint256"
)

// simTx is one simulated call as included in its block.
type simTx struct {
	tx   *types.Transaction
	hash types.Hash
	from types.Address
}

// header is the simulated block's header before execution: geth's
// makeHeaders and the parent-dependent part of processBlock. The fee
// recipient, gas limit and difficulty carry over from the previous
// simulated block; prevRandao, base fee and beacon root do not.
func (sim *simulator) header(p *plannedBlock, parent *types.Header) *types.Header {
	ov := p.block.BlockOverrides
	if ov == nil {
		ov = &simBlockOverrides{}
	}
	h := &types.Header{
		ParentHash: parent.Hash(), OmmersHash: transition.EmptyOmmersHash, Coinbase: parent.Coinbase,
		Difficulty: parent.Difficulty, Number: p.number, GasLimit: parent.GasLimit, Time: p.time, Extra: []byte{},
	}
	f := sim.s.chain.ForkAt(h.Number, h.Time)
	rules := f.Rules()
	if rules.IsParis {
		h.Difficulty.Clear()
	}
	if ov.Difficulty != nil {
		h.Difficulty = ov.Difficulty.Int
	}
	if ov.GasLimit != nil {
		h.GasLimit = uint64(*ov.GasLimit)
	}
	if ov.FeeRecipient != nil {
		h.Coinbase = types.Address(*ov.FeeRecipient)
	} else if ov.Coinbase != nil {
		h.Coinbase = types.Address(*ov.Coinbase)
	}
	if ov.PrevRandao != nil {
		h.MixDigest = types.Hash(*ov.PrevRandao)
	}
	if rules.IsLondon {
		switch {
		case ov.BaseFeePerGas != nil:
			h.BaseFee = new(uint256.Int).Set(&ov.BaseFeePerGas.Int)
		case sim.opts.Validation:
			h.BaseFee = transition.CalcBaseFee(parent)
		default:
			// Without validation the base fee is 0, so that calls with no
			// price are not below it.
			h.BaseFee = new(uint256.Int)
		}
	}
	if rules.IsCancun {
		var excess uint64
		if sim.s.chain.ForkAt(parent.Number, parent.Time).Rules().IsCancun {
			excess = transition.CalcExcessBlobGas(f, sim.s.chain.BlobParamsAt(h.Number, h.Time), parent)
		}
		h.ExcessBlobGas = &excess
		root := types.Hash{}
		if ov.BeaconRoot != nil {
			root = types.Hash(*ov.BeaconRoot)
		}
		h.ParentBeaconBlockRoot = &root
	}
	if rules.Has(7843) { // the parent's slot plus one, as geth's simulator (0 after a parent without one)
		var slot uint64
		if parent.SlotNumber != nil {
			slot = *parent.SlotNumber + 1
		}
		h.SlotNumber = &slot
	}
	return h
}

// withdrawals are the block's withdrawals override, empty by default.
func (p *plannedBlock) withdrawals() []*types.Withdrawal {
	ws := []*types.Withdrawal{}
	if ov := p.block.BlockOverrides; ov != nil && ov.Withdrawals != nil {
		for _, w := range *ov.Withdrawals {
			ws = append(ws, &types.Withdrawal{Index: uint64(w.Index), ValidatorIndex: uint64(w.ValidatorIndex), Address: w.Address, Amount: uint64(w.Amount)})
		}
	}
	return ws
}

// processBlock applies the block's state overrides, runs its system calls
// and calls, and assembles it.
func (sim *simulator) processBlock(p *plannedBlock, parent *types.Header) (*simBlockResult, error) {
	h := sim.header(p, parent)
	tcfg := sim.s.chain.TransitionConfigAt(h.Number, h.Time)
	rules := tcfg.ForkAt(h.Number, h.Time).Rules()
	var ws []*types.Withdrawal
	if rules.IsShanghai {
		ws = p.withdrawals()
	}
	env := transition.EnvFromHeader(tcfg, &types.Block{Header: h, Withdrawals: ws})
	env.GetHash = sim.getHash()
	env.NoCodeSizeLimit = sim.s.chain.Config().DisableCodeSizeLimit
	blk := env.BlockContext()
	if ov := p.block.BlockOverrides; ov != nil && ov.BlobBaseFee != nil {
		blk.BlobBaseFee = ov.BlobBaseFee.Int
	}

	precompiles, err := sim.applyStateOverrides(p.block.StateOverrides, &rules)
	if err != nil {
		return nil, err
	}
	// EIP-7928: the block's accesses are recorded as a block's are (geth's
	// simulator builds the list the same way and commits to it in the
	// header): index 0 for the system calls before the calls, i+1 for the
	// i-th call, n+1 for the withdrawals and requests after them. State
	// overrides, applied above, are no accesses.
	var (
		base transition.BlockStateDB = sim.st
		bal  *transition.AccessListRecorder
	)
	if rules.Has(7928) {
		bal = transition.NewAccessListRecorder(sim.st)
		base = bal.State()
	}
	if err := transition.BeginBlock(base, env); err != nil {
		return nil, err
	}

	// With EIP-7708 the protocol logs every transfer itself; traceTransfers'
	// own logs would report each twice (geth's simulator drops them too).
	tracer := &simLogTracer{transfers: sim.opts.TraceTransfers && !rules.Has(7708)}
	db := &simLogState{BlockStateDB: base, tracer: tracer}
	if rules.IsBerlin {
		active := precompile.ForFork(&rules)
		db.prewarm = slices.Collect(maps.Keys(active))
		for a := range precompiles {
			if _, own := active[a]; !own {
				if db.moved == nil {
					db.moved = map[types.Address]bool{}
				}
				db.moved[a] = true
			}
		}
	}
	txEnv := &transition.Env{
		Block: blk, Rules: rules, Blobs: tcfg.Blobs, Simulation: true, NoBaseFee: !sim.opts.Validation,
		// With validation EIP-8037's execution cap holds, as in a block;
		// without it the whole gas limit is execution gas (geth's
		// simulator sets SkipExecutionGasCapCheck only then).
		CapExecutionGas: sim.opts.Validation && rules.Has(8037),
		Config:          evm.Config{ChainID: tcfg.ChainID, NoCodeSizeLimit: env.NoCodeSizeLimit, Tracer: tracer.hooks(), Precompiles: precompiles},
	}
	var (
		txs                  []simTx
		receipts             []*types.Receipt
		calls                = []simCallResult{}
		callLogs             [][]simLog
		okLogs               []*types.Log
		gasUsed, blobGasUsed uint64
		receiptGasUsed       uint64 // the receipts' cumulativeGasUsed: gasUsed before EIP-7778
		execGas, stateGas    uint64 // EIP-8037's two dimensions
	)
	for i := range p.block.Calls {
		tx, from, err := sim.prepareCall(&p.block.Calls[i], h, sim.gasLeft(h.GasLimit, gasUsed, execGas, stateGas, &rules), &rules)
		if err != nil {
			return nil, err
		}
		hash := tx.Hash()
		tracer.startTx(i, hash)
		db.keep = warmedByTx(tx, from, h.Coinbase)
		run := tx
		if !sim.opts.Validation {
			// Any nonce goes: the call runs with the sender's (geth bumps the
			// state's nonce, not the call's).
			c := *tx
			c.Nonce = sim.st.GetNonce(from)
			run = &c
		}
		if bal != nil {
			bal.SetIndex(uint32(i + 1))
		}
		txEnv.GasAvailable = max(h.GasLimit-gasUsed, 1)
		if txEnv.CapExecutionGas {
			// EIP-8037's two dimensions, each reserved apart (geth's
			// GasPool.CheckGasAmsterdam): the whole gas limit in the state
			// dimension, at most TX_MAX_GAS_LIMIT in the execution one.
			txEnv.GasAvailable = max(h.GasLimit-min(stateGas, h.GasLimit), 1)
			txEnv.ExecGasAvailable = max(h.GasLimit-min(execGas, h.GasLimit), 1)
		}
		txEnv.BlobGasUsed = blobGasUsed
		res, err := transition.Apply(db, txEnv, run, from)
		if err == nil {
			err = sim.st.Err()
		}
		if err != nil {
			return nil, txError(fmt.Errorf("%w (supplied gas %d)", err, tx.Gas))
		}
		if rules.Has(8037) {
			// EIP-8037: the block's gas used is the larger of its execution
			// and state dimensions (geth's GasPool.Used).
			execGas += res.BlockExecutionGas
			stateGas += res.BlockStateGas
			gasUsed = max(execGas, stateGas)
		} else {
			gasUsed += res.BlockGasUsed // EIP-7778: the block counts gas before refunds
		}
		receiptGasUsed += res.GasUsed
		blobGasUsed += res.BlobGasUsed
		sim.budget -= min(sim.budget, res.GasUsed)
		receipt := &types.Receipt{Type: tx.Type, Status: !res.Failed(), CumulativeGasUsed: receiptGasUsed, Logs: res.Logs, Bloom: types.LogsBloom(res.Logs)}
		if !rules.IsByzantium {
			root, err := sim.stateRoot(rules.IsSpuriousDragon)
			if err != nil {
				return nil, err
			}
			receipt.PostState = root[:]
		}
		receipts = append(receipts, receipt)
		txs = append(txs, simTx{tx: tx, hash: hash, from: from})
		logs := tracer.logs()
		callLogs = append(callLogs, logs)
		calls = append(calls, newSimCallResult(res))
		if !res.Failed() {
			for _, l := range logs {
				okLogs = append(okLogs, l.log)
			}
		}
	}

	h.GasUsed = gasUsed
	if rules.IsCancun {
		h.BlobGasUsed = &blobGasUsed
	}
	var allLogs []*types.Log
	for _, r := range receipts {
		allLogs = append(allLogs, r.Logs...)
	}
	h.Bloom = types.LogsBloom(allLogs)
	fin := &transition.ExecResult{}
	if bal != nil {
		bal.SetIndex(uint32(len(p.block.Calls) + 1))
	}
	if err := transition.FinishBlock(base, env, okLogs, fin); err != nil {
		return nil, err
	}
	if bal != nil {
		hash := bal.List().Hash()
		h.BlockAccessListHash = &hash
	}
	h.WithdrawalsRoot, h.RequestsHash = fin.WithdrawalsRoot, fin.RequestsHash
	raw := make([][]byte, len(txs))
	for i, t := range txs {
		raw[i], _ = t.tx.MarshalBinary()
	}
	h.TxRoot = transition.ListRoot(len(raw), func(i int) []byte { return raw[i] })
	h.ReceiptRoot = transition.ListRoot(len(receipts), func(i int) []byte { return receipts[i].EncodeBinary() })
	if h.StateRoot, err = sim.stateRoot(rules.IsSpuriousDragon); err != nil {
		return nil, err
	}
	block := &types.Block{Header: h, Transactions: raw, Withdrawals: ws}
	return sim.result(block, txs, calls, callLogs), nil
}

// gasLeft is the gas a call may ask for in the block, and gets when it
// names none: the gas limit less the gas used (under EIP-8037 the larger
// of the two dimensions). With validation under EIP-8037 it is geth's
// GasPool.Available: a transaction reserves at most TX_MAX_GAS_LIMIT of
// execution gas, so while that much execution gas is left the state
// dimension alone bounds it.
func (sim *simulator) gasLeft(limit, gasUsed, execGas, stateGas uint64, rules *fork.Rules) uint64 {
	if !sim.opts.Validation || !rules.Has(8037) {
		return limit - min(gasUsed, limit)
	}
	exec, state := limit-min(execGas, limit), limit-min(stateGas, limit)
	if exec >= fork.TxMaxGas8037 {
		return state
	}
	return min(exec, state)
}

// prepareCall fills the call's defaults as geth's simulator does and
// builds its transaction: the sender's nonce, the block's remaining gas
// (within what is left of the RPC gas cap), zero fees, the chain's id; a
// fee-market transaction unless the call names a gasPrice (legacy), blob
// hashes or an authorization list.
func (sim *simulator) prepareCall(a *txArgs, h *types.Header, remaining uint64, rules *fork.Rules) (*types.Transaction, types.Address, error) {
	from := a.from()
	gas := remaining
	if a.Gas != nil {
		gas = uint64(*a.Gas)
	}
	if gas > remaining {
		return nil, from, errorf(codeSimBlockGasLimit, "block gas limit reached: remaining: %d, required: %d", remaining, gas)
	}
	gas = min(gas, sim.budget)
	f := sim.s.chain.ForkAt(h.Number, h.Time)
	tx, err := a.toTx(sim.s.chain.Config().ChainID, f)
	if err != nil {
		return nil, from, errorf(codeServer, "%v", err)
	}
	tx.Gas = gas
	if a.Nonce == nil {
		tx.Nonce = sim.st.GetNonce(from)
	}
	if sim.opts.Validation {
		if err := checkNonce(sim.st.GetNonce(from), tx.Nonce, from); err != nil {
			return nil, from, txError(fmt.Errorf("%w (supplied gas %d)", err, gas))
		}
	}
	switch {
	case a.GasPrice != nil:
		tx.Type = types.LegacyTxType
		tx.AccessList = nil
	case a.AuthorizationList != nil:
		tx.Type = types.SetCodeTxType
	case a.BlobVersionedHashes != nil:
		tx.Type = types.BlobTxType
	case rules.IsLondon:
		tx.Type = types.DynamicFeeTxType
	case a.AccessList != nil:
		tx.Type = types.AccessListTxType
	default:
		tx.Type = types.LegacyTxType
	}
	if tx.Type == types.LegacyTxType {
		tx.ChainID.Clear() // unsigned: not EIP-155 protected
	} else if tx.AccessList == nil {
		tx.AccessList = types.AccessList{}
	}
	return tx, from, nil
}

// applyStateOverrides applies a block's state overrides, moving
// precompiles first, and returns the block's precompiles: the fork's, less
// those overridden or moved, plus those moved to their new addresses.
// As geth: accounts in address order, an address a precompile moved to
// cannot be overridden, and a precompile cannot move onto an overridden
// address.
func (sim *simulator) applyStateOverrides(ov map[address]simAccountOverride, rules *fork.Rules) (map[types.Address]precompile.Contract, error) {
	active := precompile.ForFork(rules)
	if len(ov) == 0 {
		return active, nil
	}
	pcs := maps.Clone(active)
	addrs := slices.SortedFunc(maps.Keys(ov), func(x, y address) int { return slices.Compare(x[:], y[:]) })
	movedTo := map[types.Address]bool{}
	plain := map[address]accountOverride{}
	for _, a := range addrs {
		addr := types.Address(a)
		o := ov[a]
		if movedTo[addr] {
			return nil, fmt.Errorf("account %s has already been overridden by a precompile", addr)
		}
		p, isPrecompile := pcs[addr]
		if o.MovePrecompileTo != nil {
			if !isPrecompile {
				return nil, fmt.Errorf("account %s is not a precompile", addr)
			}
			dst := types.Address(*o.MovePrecompileTo)
			if _, overridden := ov[*o.MovePrecompileTo]; overridden {
				return nil, fmt.Errorf("account %s is already overridden", dst)
			}
			pcs[dst] = p
			movedTo[dst] = true
		}
		if isPrecompile {
			delete(pcs, addr)
		}
		plain[a] = o.accountOverride
	}
	if err := applyOverrides(&stateWithHeader{Memory: sim.st}, plain); err != nil {
		return nil, err
	}
	return pcs, nil
}
