package fuzzer

import (
	"strconv"

	"github.com/goevm/goevm/crypto"
	"github.com/goevm/goevm/evm"
	"github.com/goevm/goevm/evm/precompile"
	"github.com/goevm/goevm/fork"
	"github.com/goevm/goevm/state"
	"github.com/goevm/goevm/trace"
	"github.com/goevm/goevm/transition"
	"github.com/goevm/goevm/types"
	"github.com/holiman/uint256"
)

// blockHash answers BLOCKHASH on both clients: keccak256 of the number in
// decimal, as geth's evm run does.
func blockHash(n uint64) types.Hash { return crypto.Keccak256([]byte(strconv.FormatUint(n, 10))) }

// goevmState loads the case's pre-state into a fresh state.Memory.
func goevmState(c *Case) *state.Memory {
	alloc := make(state.Alloc, len(c.Pre))
	for addr, a := range c.Pre {
		alloc[addr] = state.DumpAccount{Balance: a.Balance.Int, Nonce: a.Nonce, Code: a.Code, Storage: a.Storage}
	}
	return state.FromAlloc(alloc)
}

// goevmTx is the case's transaction as goevm's transition takes it.
func goevmTx(t *Tx) (*types.Transaction, error) {
	tx := &types.Transaction{
		Type: t.Type, Nonce: t.Nonce, Gas: t.Gas, To: t.To, Value: t.Value.Int, Data: t.Data,
		AccessList: t.AccessList, BlobHashes: t.BlobHashes, BlobFeeCap: t.BlobFeeCap.Int,
	}
	tx.ChainID.SetUint64(ChainID)
	if t.Type >= types.DynamicFeeTxType {
		tx.GasFeeCap, tx.GasTipCap = t.GasPrice.Int, t.TipCap.Int
	} else {
		tx.GasPrice = t.GasPrice.Int
	}
	for _, a := range t.Auths {
		s, err := a.sign()
		if err != nil {
			return nil, err
		}
		tx.AuthList = append(tx.AuthList, types.Authorization{
			ChainID: *uint256.NewInt(a.ChainID), Address: a.Address, Nonce: a.Nonce,
			YParity: s.YParity, R: s.R, S: s.S,
		})
	}
	if t.Type == types.SetCodeTxType && tx.AuthList == nil {
		tx.AuthList = []types.Authorization{}
	}
	return tx, nil
}

// plantedPrecompiles, set only by the harness's own test, replaces goevm's
// precompiles to plant a bug the fuzzer must find.
var plantedPrecompiles func(*fork.Rules) map[types.Address]precompile.Contract

// RunGoevm applies the case's transaction with goevm under f and returns
// the outcome and the state after it. tracer, if not nil, makes the hooks
// to install, given the state (the JSON logger reads its refund counter).
func RunGoevm(c *Case, f fork.Fork, tracer func(*state.Memory) *trace.Hooks) (*Outcome, *state.Memory) {
	db := goevmState(c)
	var hooks *trace.Hooks
	if tracer != nil {
		hooks = tracer(db)
	}
	rules := f.Rules()
	b := &c.Block
	env := &transition.Env{
		Block: evm.BlockContext{
			Coinbase: b.Coinbase, Number: b.Number, Time: b.Time, GasLimit: b.GasLimit,
			Difficulty: b.Difficulty.Int, PrevRandao: b.PrevRandao, BaseFee: b.BaseFee.Int,
			BlobBaseFee: b.BlobBaseFee.Int, SlotNumber: b.SlotNumber, GetHash: blockHash,
		},
		Rules:  rules,
		Config: evm.Config{ChainID: ChainID, Tracer: hooks},
	}
	if plantedPrecompiles != nil {
		env.Config.Precompiles = plantedPrecompiles(&rules)
	}
	var first *Outcome
	var gas blockGas
	for i, t := range c.txs() {
		o := gas.apply(db, env, t, rules, b.GasLimit)
		if i == 0 {
			first = o
		} else {
			first.Next = append(first.Next, o)
		}
		if o.Invalid != "" {
			break // the block is invalid: nothing after counts
		}
	}
	first.Root = db.IntermediateRoot(rules.IsSpuriousDragon)
	return first, db
}

// blockGas is the block gas the case's earlier transactions used, as
// transition.ExecuteBody keeps it: one figure, or under EIP-8037 an
// execution and a state dimension, each with the whole block limit (geth's
// GasPool does the same for the geth side). It binds once transactions ask
// for more than 2^24 gas.
type blockGas struct{ used, exec, state uint64 }

func (g *blockGas) apply(db *state.Memory, env *transition.Env, t *Tx, rules fork.Rules, limit uint64) *Outcome {
	env.GasAvailable, env.ExecGasAvailable = limit-g.used, 0
	if rules.Has(8037) {
		env.GasAvailable, env.ExecGasAvailable = limit-g.state, limit-g.exec
	}
	if env.GasAvailable == 0 || (rules.Has(8037) && env.ExecGasAvailable == 0) {
		// Apply reads zero as "the whole block".
		return &Outcome{Invalid: transition.ErrGasLimitReached.Error()}
	}
	o, res := goevmApply(db, env, t, rules)
	if res != nil {
		g.used += res.BlockGasUsed
		g.exec += res.BlockExecutionGas
		g.state += res.BlockStateGas
	}
	return o
}

func goevmApply(db *state.Memory, env *transition.Env, t *Tx, rules fork.Rules) (*Outcome, *transition.Result) {
	tx, err := goevmTx(t)
	if err != nil {
		return &Outcome{Invalid: err.Error()}, nil
	}
	res, err := transition.Apply(db, env, tx, t.From)
	if err != nil {
		return &Outcome{Invalid: err.Error()}, nil
	}
	out := &Outcome{
		Err:        topErrClass(res.Err, toPrecompile(t, rules)),
		GasUsed:    res.GasUsed,
		Refund:     res.Refund,
		ReturnData: res.ReturnData,
	}
	for _, l := range res.Logs {
		out.Logs = append(out.Logs, Log{Address: l.Address, Topics: l.Topics, Data: l.Data})
	}
	return out, res
}
