package fuzzer

import (
	"errors"
	"math/big"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core"
	"github.com/ethereum/go-ethereum/core/rawdb"
	gstate "github.com/ethereum/go-ethereum/core/state"
	"github.com/ethereum/go-ethereum/core/tracing"
	gtypes "github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/core/vm"
	"github.com/ethereum/go-ethereum/params"
	"github.com/ethereum/go-ethereum/triedb"
	"github.com/goevm/goevm/fork"
	"github.com/goevm/goevm/types"
	"github.com/holiman/uint256"
)

// gethConfig is a chain configuration with every fork up to f active from
// genesis (block 0 or time 0), and none after it.
func gethConfig(f fork.Fork) *params.ChainConfig {
	c := &params.ChainConfig{ChainID: big.NewInt(ChainID)}
	block := func(g fork.Fork) *big.Int {
		if f >= g {
			return big.NewInt(0)
		}
		return nil
	}
	t0 := uint64(0)
	time := func(g fork.Fork) *uint64 {
		if f >= g {
			return &t0
		}
		return nil
	}
	c.HomesteadBlock = block(fork.Homestead)
	c.EIP150Block = block(fork.TangerineWhistle)
	c.EIP155Block, c.EIP158Block = block(fork.SpuriousDragon), block(fork.SpuriousDragon)
	c.ByzantiumBlock = block(fork.Byzantium)
	c.ConstantinopleBlock = block(fork.Constantinople)
	c.PetersburgBlock = block(fork.Petersburg)
	if f == fork.Constantinople {
		// Geth reads a nil Petersburg block as "with Constantinople"
		// (mainnet never ran EIP-1283); a block never reached keeps it off.
		c.PetersburgBlock = new(big.Int).SetUint64(1 << 62)
	}
	c.IstanbulBlock = block(fork.Istanbul)
	c.MuirGlacierBlock = block(fork.MuirGlacier)
	c.BerlinBlock = block(fork.Berlin)
	c.LondonBlock = block(fork.London)
	c.ArrowGlacierBlock = block(fork.ArrowGlacier)
	c.GrayGlacierBlock = block(fork.GrayGlacier)
	if f >= fork.Paris {
		c.TerminalTotalDifficulty = big.NewInt(0)
	}
	c.ShanghaiTime = time(fork.Shanghai)
	c.CancunTime = time(fork.Cancun)
	c.PragueTime = time(fork.Prague)
	c.OsakaTime = time(fork.Osaka)
	c.AmsterdamTime = time(fork.Amsterdam)
	if f >= fork.Cancun {
		c.BlobScheduleConfig = &params.BlobScheduleConfig{Cancun: params.DefaultCancunBlobConfig, Prague: params.DefaultPragueBlobConfig}
	}
	return c
}

func isPostMerge(f fork.Fork) bool { return f >= fork.Paris }

// gethPre is a case's pre-state committed to an in-memory database, from
// which each fork's run opens its own StateDB.
type gethPre struct {
	root common.Hash
	db   gstate.Database
}

func newGethPre(c *Case, preimages bool) (*gethPre, error) {
	sdb := gstate.NewDatabaseForTesting()
	if preimages { // for dumps that name accounts and slots
		db := rawdb.NewMemoryDatabase()
		sdb = gstate.NewDatabase(triedb.NewDatabase(db, &triedb.Config{Preimages: true}), gstate.NewCodeDB(db))
	}
	st, err := gstate.New(gtypes.EmptyRootHash, sdb)
	if err != nil {
		return nil, err
	}
	for addr, a := range c.Pre {
		ga := common.Address(addr)
		st.SetBalance(ga, new(uint256.Int).Set(&a.Balance.Int), tracing.BalanceChangeUnspecified)
		st.SetNonce(ga, a.Nonce, tracing.NonceChangeUnspecified)
		if len(a.Code) > 0 {
			st.SetCode(ga, a.Code, tracing.CodeChangeUnspecified)
		}
		for k, v := range a.Storage {
			st.SetState(ga, common.Hash(k), common.Hash(v))
		}
	}
	// Committed and reopened per run, so storage reads as original and no
	// account counts as created in the transaction. The commit runs under
	// pre-EIP-161 rules so that empty accounts of the pre-state stay, as
	// they do in goevm's pre-state (state tests have them too).
	root, err := st.Commit(params.Rules{}, 0)
	if err != nil {
		return nil, err
	}
	return &gethPre{root: root, db: sdb}, nil
}

func gethMessage(t *Tx, baseFee *uint256.Int) (*core.Message, error) {
	msg := &core.Message{
		From: common.Address(t.From), Nonce: t.Nonce, Value: new(uint256.Int).Set(&t.Value.Int),
		GasLimit: t.Gas, Data: t.Data,
	}
	if t.To != nil {
		to := common.Address(*t.To)
		msg.To = &to
	}
	price, tip := new(uint256.Int).Set(&t.GasPrice.Int), new(uint256.Int).Set(&t.TipCap.Int)
	msg.GasPrice, msg.GasFeeCap, msg.GasTipCap = price, price, price
	if t.Type >= types.DynamicFeeTxType {
		msg.GasFeeCap, msg.GasTipCap = price, tip
		eff := new(uint256.Int).Add(tip, baseFee)
		if eff.Cmp(price) > 0 {
			eff.Set(price)
		}
		msg.GasPrice = eff
	}
	if t.Type >= types.AccessListTxType {
		msg.AccessList = gtypes.AccessList{}
		for _, e := range t.AccessList {
			tuple := gtypes.AccessTuple{Address: common.Address(e.Address), StorageKeys: []common.Hash{}}
			for _, k := range e.StorageKeys {
				tuple.StorageKeys = append(tuple.StorageKeys, common.Hash(k))
			}
			msg.AccessList = append(msg.AccessList, tuple)
		}
	}
	if t.Type == types.BlobTxType {
		msg.BlobGasFeeCap = new(uint256.Int).Set(&t.BlobFeeCap.Int)
		msg.BlobHashes = []common.Hash{}
		for _, h := range t.BlobHashes {
			msg.BlobHashes = append(msg.BlobHashes, common.Hash(h))
		}
	}
	if t.Type == types.SetCodeTxType {
		msg.SetCodeAuthorizations = []gtypes.SetCodeAuthorization{}
		for _, a := range t.Auths {
			s, err := a.sign()
			if err != nil {
				return nil, err
			}
			msg.SetCodeAuthorizations = append(msg.SetCodeAuthorizations, gtypes.SetCodeAuthorization{
				ChainID: *uint256.NewInt(a.ChainID), Address: common.Address(a.Address), Nonce: a.Nonce,
				V: s.YParity, R: s.R, S: s.S,
			})
		}
	}
	return msg, nil
}

// RunGeth applies the case's transaction with go-ethereum under f and
// returns the outcome and the state after it. hooks may be nil.
func RunGeth(c *Case, f fork.Fork, hooks *tracing.Hooks) (*Outcome, *gstate.StateDB) {
	out, st, _ := runGeth(c, f, hooks, false)
	return out, st
}

func runGeth(c *Case, f fork.Fork, hooks *tracing.Hooks, preimages bool) (*Outcome, *gstate.StateDB, params.Rules) {
	pre, err := newGethPre(c, preimages)
	if err != nil {
		return &Outcome{Invalid: "geth pre-state: " + err.Error()}, nil, params.Rules{}
	}
	return runGethOn(pre, c, f, hooks)
}

// runGethOn runs the case on an already committed pre-state.
func runGethOn(pre *gethPre, c *Case, f fork.Fork, hooks *tracing.Hooks) (*Outcome, *gstate.StateDB, params.Rules) {
	cfg := gethConfig(f)
	b := &c.Block
	ctx := vm.BlockContext{
		CanTransfer: core.CanTransfer,
		Transfer:    core.Transfer,
		GetHash:     func(n uint64) common.Hash { return common.Hash(blockHash(n)) },
		Coinbase:    common.Address(b.Coinbase),
		GasLimit:    b.GasLimit,
		BlockNumber: new(big.Int).SetUint64(b.Number),
		Time:        b.Time,
		Difficulty:  b.Difficulty.ToBig(),
		BaseFee:     b.BaseFee.ToBig(),
		BlobBaseFee: b.BlobBaseFee.ToBig(),
		SlotNum:     b.SlotNumber, // EIP-7843
		// EIP-8037's COST_PER_STATE_BYTE, as core.NewEVMBlockContext sets
		// it (read only under Amsterdam's rules): left zero, geth charged no
		// state gas at all.
		CostPerStateByte: params.CostPerStateByte,
	}
	if isPostMerge(f) {
		r := common.Hash(b.PrevRandao)
		ctx.Random = &r
		ctx.Difficulty = new(big.Int)
	}
	rules := cfg.Rules(ctx.BlockNumber, ctx.Random != nil, ctx.Time)
	st, err := gstate.New(pre.root, pre.db)
	if err != nil {
		return &Outcome{Invalid: "geth pre-state: " + err.Error()}, nil, rules
	}
	// The refund granted is reported only through the gas-change hook; the
	// hook makes geth run its traced loop, so it is installed only when
	// tracing anyway or when the refund cannot be worked out without it.
	var refund uint64
	var h *tracing.Hooks
	if hooks != nil || forceRefundHook(c) {
		h = &tracing.Hooks{}
		if hooks != nil {
			*h = *hooks
		}
		inner := h.OnGasChange
		h.OnGasChange = func(old, new uint64, reason tracing.GasChangeReason) {
			if reason == tracing.GasChangeTxRefunds {
				refund = new - old
			}
			if inner != nil {
				inner(old, new, reason)
			}
		}
	}
	evm := vm.NewEVM(ctx, st, cfg, vm.Config{Tracer: h})
	gp := core.NewGasPool(b.GasLimit)
	var first *Outcome
	for i, t := range c.txs() {
		if i > 0 {
			st.Finalise(rules) // between transactions, as block processing does
		}
		refund = 0
		o, rerun := gethApply(st, evm, gp, h, t, i, b, rules, f, &refund)
		if rerun {
			return runGethOn(pre, withRefundHook(c), f, hooks)
		}
		if i == 0 {
			first = o
		} else {
			first.Next = append(first.Next, o)
		}
		if o.Invalid != "" {
			break // the block is invalid: nothing after counts
		}
	}
	first.Root = types.Hash(st.IntermediateRoot(rules))
	return first, st, rules
}

// gethApply applies transaction number i. It asks for a rerun with the
// refund hook when the refund cannot be worked out without it.
func gethApply(st *gstate.StateDB, evm *vm.EVM, gp *core.GasPool, h *tracing.Hooks, t *Tx, i int, b *Block,
	rules params.Rules, f fork.Fork, refund *uint64) (out *Outcome, rerun bool) {
	msg, err := gethMessage(t, &b.BaseFee.Int)
	if err != nil {
		return &Outcome{Invalid: err.Error()}, false
	}
	txHash := common.Hash{31: byte(i + 1)}
	st.SetTxContext(txHash, i, 0)
	if h != nil && h.OnTxStart != nil { // geth's JSON logger reads the refund through it
		h.OnTxStart(evm.GetVMContext(), gtypes.NewTx(&gtypes.LegacyTx{}), msg.From)
	}
	res, err := core.ApplyMessage(evm, msg, gp)
	if err != nil {
		return &Outcome{Invalid: err.Error()}, false
	}
	if h == nil {
		// The counter is still there (geth clears it when it finalises),
		// and before the EIP-7623 floor MaxUsedGas is the gas used before
		// the refund. When the floor may have raised it (Prague on, and no
		// refund visible), run again with the hook to be sure.
		counter := st.GetRefund()
		if counter > 0 && rules.IsPrague && res.UsedGas == res.MaxUsedGas {
			return nil, true
		}
		quotient := uint64(2)
		if rules.IsLondon {
			quotient = 5
		}
		*refund = min(counter, res.MaxUsedGas/quotient)
	}
	out = &Outcome{
		Err:        topErrClass(res.Err, toPrecompile(t, f.Rules())),
		GasUsed:    res.UsedGas,
		Refund:     *refund,
		ReturnData: res.ReturnData,
	}
	normalizeGeth(out, t, rules, res.Err)
	for _, l := range st.GetLogs(txHash, b.Number, common.Hash{}, b.Time) {
		lg := Log{Address: types.Address(l.Address), Data: l.Data}
		for _, t := range l.Topics {
			lg.Topics = append(lg.Topics, types.Hash(t))
		}
		out.Logs = append(out.Logs, lg)
	}
	return out, false
}

// normalizeGeth takes out where geth's ExecutionResult departs from the
// execution specs in fields no receipt or state root carries:
//
//  1. A creation that halts exceptionally (code deposit out of gas, code
//     too large, 0xEF prefix, ...) has empty output in the spec
//     (process_create_message sets evm.output = b""); geth returns what the
//     initcode returned.
//  2. Before Homestead a code deposit that cannot be paid is no failure:
//     the contract stays, with empty code, and the gas is kept (EIP-2
//     changed that); geth keeps the state too but still reports
//     ErrCodeStoreOutOfGas.
func normalizeGeth(out *Outcome, t *Tx, rules params.Rules, err error) {
	if t.To == nil && err != nil && !errors.Is(err, vm.ErrExecutionReverted) {
		out.ReturnData = nil
	}
	if !rules.IsHomestead && errors.Is(err, vm.ErrCodeStoreOutOfGas) {
		out.Err = ""
	}
}

// withRefundHook marks a case so that runGethOn installs the refund hook.
// The mark is a copy of the case that forceRefundHook recognises.
func withRefundHook(c *Case) *Case {
	out := *c
	out.refundHook = true
	return &out
}

func forceRefundHook(c *Case) bool { return c.refundHook }
