package transition

import (
	"fmt"

	"github.com/goevm/goevm/trace"
	"github.com/goevm/goevm/types"
	"github.com/holiman/uint256"
)

// RejectedTx is a transaction t8n left out of its block, with the reason.
type RejectedTx struct {
	Index int
	Err   error
}

// ExecResult is the outcome of executing a block body.
type ExecResult struct {
	Transactions [][]byte // the included transactions, binary form
	Receipts     []*types.Receipt
	// Results holds, per included transaction, its execution result
	// (return or revert data, gas, error).
	Results []*Result
	// ContractAddresses holds, per included transaction, the address a
	// creation made (nil for calls).
	ContractAddresses []*types.Address
	Rejected          []RejectedTx
	// GasUsed is the block's gas used, the header's gasUsed: the sum of the
	// transactions' Result.BlockGasUsed (before refunds with EIP-7778).
	GasUsed uint64
	// receiptGasUsed sums the transactions' Result.GasUsed, the receipts'
	// cumulativeGasUsed; it is GasUsed before EIP-7778.
	receiptGasUsed uint64
	// execGas and stateGas sum EIP-8037's two dimensions; GasUsed is then
	// the larger.
	execGas, stateGas uint64
	BlobGasUsed       uint64
	Bloom             types.Bloom

	TxRoot          types.Hash
	ReceiptRoot     types.Hash
	WithdrawalsRoot *types.Hash // Shanghai on
	// Requests are the EIP-7685 requests (type byte || data), empty ones left
	// out, and RequestsHash their commitment (Prague on).
	Requests     [][]byte
	RequestsHash *types.Hash
	// AccessList is the block's EIP-7928 access list and AccessListHash
	// keccak256 of its RLP, the header's blockAccessListHash (Amsterdam on).
	AccessList     types.BlockAccessList
	AccessListHash *types.Hash
}

// ExecuteBody runs a block body on db: the pre-block system calls (EIP-4788
// beacon root, EIP-2935 block hash), the transactions in order, withdrawals
// (EIP-4895), proof-of-work rewards, and the Prague request collection
// (EIP-6110 deposits, EIP-7002 and EIP-7251 system calls).
//
// With skipInvalid false (block import) the first invalid transaction fails
// the whole body; with skipInvalid true (t8n) invalid transactions, and ones
// that do not decode, are left out and listed in Rejected. txsOnly runs the
// transactions alone, without system calls, withdrawals, rewards or
// requests: a state test's transition.
func ExecuteBody(db BlockStateDB, env *BlockEnv, txs [][]byte, skipInvalid, txsOnly bool) (*ExecResult, error) {
	rules := env.rules()
	res := &ExecResult{Transactions: [][]byte{}, Receipts: []*types.Receipt{}}

	// EIP-7928: the block's accesses are recorded through its state, under
	// block access index 0 for the pre-execution system calls, i+1 for the
	// i-th included transaction and n+1 for what follows them.
	var bal *balRecorder
	if rules.Has(7928) && !txsOnly {
		bal = newBALRecorder(db)
		db = bal
	}
	if !txsOnly {
		if err := preBlockCalls(db, env); err != nil {
			return nil, err
		}
	}

	txEnv := &Env{Block: env.BlockContext(), Rules: rules, Config: env.evmConfig(), Blobs: env.Config.Blobs, Impersonated: env.Impersonated}
	var allLogs []*types.Log
	for i, raw := range txs {
		if bal != nil {
			bal.setIndex(uint32(len(res.Transactions) + 1))
		}
		receipt, created, err := applyOne(db, env, txEnv, res, i, raw)
		if err != nil {
			if !skipInvalid {
				return nil, txInBlockError(i, err)
			}
			if bal != nil {
				bal.reset() // a rejected transaction accessed nothing of the block's
			}
			res.Rejected = append(res.Rejected, RejectedTx{Index: i, Err: err})
			continue
		}
		res.Transactions = append(res.Transactions, raw)
		res.Receipts = append(res.Receipts, receipt)
		res.ContractAddresses = append(res.ContractAddresses, created)
		allLogs = append(allLogs, receipt.Logs...)
	}
	res.Bloom = types.LogsBloom(allLogs)

	if txsOnly {
		res.TxRoot = ListRoot(len(res.Transactions), func(i int) []byte { return res.Transactions[i] })
		res.ReceiptRoot = ListRoot(len(res.Receipts), func(i int) []byte { return res.Receipts[i].EncodeBinary() })
		return res, nil
	}
	if bal != nil {
		bal.setIndex(uint32(len(res.Transactions) + 1))
	}
	if err := FinishBlock(db, env, allLogs, res); err != nil {
		return nil, err
	}
	if bal != nil {
		res.AccessList = bal.list()
		h := res.AccessList.Hash()
		res.AccessListHash = &h
	}
	res.TxRoot = ListRoot(len(res.Transactions), func(i int) []byte { return res.Transactions[i] })
	res.ReceiptRoot = ListRoot(len(res.Receipts), func(i int) []byte { return res.Receipts[i].EncodeBinary() })
	return res, nil
}

// FinishBlock does what follows a block's transactions: withdrawals
// (EIP-4895, setting res.WithdrawalsRoot), proof-of-work rewards, and the
// Prague requests from logs, the block's successful logs (setting
// res.Requests and res.RequestsHash). eth_simulateV1 runs its own
// transactions between BeginBlock and FinishBlock.
func FinishBlock(db BlockStateDB, env *BlockEnv, logs []*types.Log, res *ExecResult) error {
	rules := env.rules()
	if rules.Has(4895) {
		applyWithdrawals(withStateHooks(db, env.Tracer), env.Withdrawals)
		root := WithdrawalsRoot(env.Withdrawals)
		res.WithdrawalsRoot = &root
	}
	if !rules.Has(3675) {
		payRewards(withStateHooks(db, env.Tracer), env)
	}
	if rules.Has(7685) {
		return collectRequests(db, env, logs, res)
	}
	return nil
}

// BeginBlock runs the system calls before a block's transactions (EIP-4788
// beacon root, EIP-2935 parent hash).
func BeginBlock(db BlockStateDB, env *BlockEnv) error { return preBlockCalls(db, env) }

// preBlockCalls are the state changes before a block's transactions: the
// DAO fork's balance moves at its block (EIP-779), and the system calls of
// the EIP-4788 beacon root and the EIP-2935 parent hash.
func preBlockCalls(db BlockStateDB, env *BlockEnv) error {
	rules := env.rules()
	if env.Config.isDAOForkBlock(env.Number) {
		applyDAOFork(db, env)
	}
	if rules.Has(4788) && env.ParentBeaconRoot != nil {
		if _, err := systemCall(db, env, BeaconRootsAddress, env.ParentBeaconRoot[:], false); err != nil {
			return err
		}
	}
	if rules.Has(2935) && env.Number > 0 {
		if _, err := systemCall(db, env, HistoryStorageAddress, env.ParentHash[:], false); err != nil {
			return err
		}
	}
	return nil
}

// TraceTx re-runs transaction n of a block for a tracer: db holds the
// parent's state; the pre-block system calls and transactions 0..n-1 run
// untraced, then transaction n with hooks (debug_traceTransaction).
func TraceTx(db BlockStateDB, env *BlockEnv, txs [][]byte, n int, hooks *trace.Hooks) (*Result, error) {
	if n < 0 || n >= len(txs) {
		return nil, fmt.Errorf("transaction index %d out of range: the block has %d", n, len(txs))
	}
	if err := preBlockCalls(db, env); err != nil {
		return nil, err
	}
	res := &ExecResult{}
	txEnv := &Env{Block: env.BlockContext(), Rules: env.rules(), Config: env.evmConfig(), Blobs: env.Config.Blobs, Impersonated: env.Impersonated}
	txEnv.Config.Tracer = nil
	for i := 0; i < n; i++ {
		if _, _, err := applyOne(db, env, txEnv, res, i, txs[i]); err != nil {
			return nil, txInBlockError(i, err)
		}
	}
	txEnv.Config.Tracer = hooks
	if _, _, err := applyOne(db, env, txEnv, res, n, txs[n]); err != nil {
		return nil, txInBlockError(n, err)
	}
	return res.Results[len(res.Results)-1], nil
}

// applyOne decodes, recovers and applies one transaction, and builds its receipt.
func applyOne(db BlockStateDB, env *BlockEnv, txEnv *Env, res *ExecResult, i int, raw []byte) (*types.Receipt, *types.Address, error) {
	tx, err := types.DecodeTx(raw)
	if err != nil {
		return nil, nil, err
	}
	var from types.Address
	if env.Senders != nil {
		from = env.Senders[i]
	} else {
		signer := types.Signer{ChainID: env.Config.ChainID, Homestead: txEnv.Rules.Has(2), EIP155: txEnv.Rules.Has(155)}
		if from, err = signer.Sender(tx); err != nil {
			return nil, nil, err
		}
	}
	// GasAvailable zero means "the whole block" to Apply, so a full block
	// is refused here.
	available := env.GasLimit - res.GasUsed
	twoD := txEnv.Rules.Has(8037)
	if twoD {
		// EIP-8037: each dimension has the whole block limit.
		available = env.GasLimit - res.stateGas
		txEnv.ExecGasAvailable = env.GasLimit - res.execGas
		if txEnv.ExecGasAvailable == 0 {
			return nil, nil, fmt.Errorf("%w: tx %d, block execution gas all used", ErrGasLimitReached, tx.Gas)
		}
	}
	if available == 0 {
		return nil, nil, fmt.Errorf("%w: tx %d, block has 0", ErrGasLimitReached, tx.Gas)
	}
	txEnv.GasAvailable = available
	txEnv.BlobGasUsed = res.BlobGasUsed
	r, err := Apply(db, txEnv, tx, from)
	if err != nil {
		return nil, nil, err
	}
	if twoD {
		// EIP-8037: the block's gas used is the larger of its execution
		// and state dimensions (both before refunds).
		execGas, stateGas := res.execGas+r.BlockExecutionGas, res.stateGas+r.BlockStateGas
		if used := max(execGas, stateGas); used > env.GasLimit {
			return nil, nil, fmt.Errorf("%w: block gas used %d (execution %d, state %d) above the limit %d", ErrGasLimitReached, used, execGas, stateGas, env.GasLimit)
		}
		res.execGas, res.stateGas = execGas, stateGas
		res.GasUsed = max(execGas, stateGas)
	} else {
		res.GasUsed += r.BlockGasUsed // EIP-7778: before refunds
	}
	res.receiptGasUsed += r.GasUsed
	res.BlobGasUsed += r.BlobGasUsed
	res.Results = append(res.Results, r)
	receipt := &types.Receipt{
		Type:              tx.Type,
		Status:            !r.Failed(),
		CumulativeGasUsed: res.receiptGasUsed, // what the senders paid for
		Logs:              r.Logs,
	}
	if !txEnv.Rules.Has(658) {
		// Before EIP-658 a receipt carried the intermediate state root.
		root := db.IntermediateRoot(txEnv.Rules.Has(161))
		receipt.PostState = root[:]
	}
	receipt.Bloom = types.LogsBloom(r.Logs)
	return receipt, r.ContractAddress, nil
}

// gweiToWei is the withdrawal amount unit (EIP-4895 amounts are in gwei).
var gweiToWei = uint256.NewInt(1_000_000_000)

// applyWithdrawals credits each withdrawal, gwei to wei, without gas (EIP-4895).
// A zero withdrawal to a missing account leaves no account behind.
func applyWithdrawals(db StateDB, ws []*types.Withdrawal) {
	db.BeginTx()
	for _, w := range ws {
		amount := new(uint256.Int).Mul(uint256.NewInt(w.Amount), gweiToWei)
		addBalance(db, w.Address, amount, trace.BalanceIncreaseWithdrawal)
	}
	db.Finalise(true)
}

// payRewards credits the proof-of-work block and ommer rewards: the miner
// gets R plus R/32 per ommer, an ommer's miner (8 - delta) * R / 8.
func payRewards(db StateDB, env *BlockEnv) {
	rules := env.rules()
	reward := env.Config.rewardFor(&rules)
	db.BeginTx()
	miner := new(uint256.Int).Set(reward)
	perOmmer := new(uint256.Int).Rsh(reward, 5)
	for _, o := range env.Ommers {
		miner.Add(miner, perOmmer)
		if o.Delta < 8 {
			r := new(uint256.Int).Mul(reward, uint256.NewInt(8-o.Delta))
			r.Rsh(r, 3)
			addBalance(db, o.Coinbase, r, trace.BalanceIncreaseRewardMineUncle)
		}
	}
	addBalance(db, env.Coinbase, miner, trace.BalanceIncreaseRewardMineBlock)
	db.Finalise(rules.Has(161))
}

// WithdrawalsRoot is the root of the trie of withdrawals keyed by index (EIP-4895).
func WithdrawalsRoot(ws []*types.Withdrawal) types.Hash {
	return ListRoot(len(ws), func(i int) []byte { return ws[i].EncodeRLP() })
}
