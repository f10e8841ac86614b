package spectest

import (
	"encoding/json"
	"errors"
	"fmt"
	"math/big"

	"github.com/goevm/goevm/fork"
	"github.com/goevm/goevm/rlp"
	"github.com/goevm/goevm/state"
	"github.com/goevm/goevm/transition"
	"github.com/goevm/goevm/types"
	"github.com/holiman/uint256"
)

// T8nInput is what `goevm t8n` reads: the pre-state, the block environment
// and the transactions, either as JSON (Txs) or as the hex RLP list that
// --output.body writes (TxsRLP).
type T8nInput struct {
	Alloc  Alloc           `json:"alloc"`
	Env    T8nEnv          `json:"env"`
	Txs    json.RawMessage `json:"txs"`
	TxsRLP []byte          `json:"-"`
}

// T8nOptions are the --state.* flags.
type T8nOptions struct {
	Fork    string // --state.fork: a fork or a transition network name
	ChainID uint64 // --state.chainid
	// Reward is --state.reward in wei; negative disables rewards, nil means 0.
	Reward *big.Int
	// StateTest skips block-level work (system calls, withdrawals, requests,
	// rewards), so the result is a state test's post-state.
	StateTest bool
}

// T8nResult is result.json.
type T8nResult struct {
	StateRoot       types.Hash    `json:"stateRoot"`
	TxRoot          types.Hash    `json:"txRoot"`
	ReceiptsRoot    types.Hash    `json:"receiptsRoot"`
	LogsHash        types.Hash    `json:"logsHash"`
	LogsBloom       types.Bloom   `json:"logsBloom"`
	Receipts        []t8nReceipt  `json:"receipts"`
	Rejected        []t8nRejected `json:"rejected,omitempty"`
	Difficulty      *types.U256   `json:"currentDifficulty"`
	GasUsed         types.Uint64  `json:"gasUsed"`
	BaseFee         *types.U256   `json:"currentBaseFee,omitempty"`
	WithdrawalsRoot *types.Hash   `json:"withdrawalsRoot,omitempty"`
	ExcessBlobGas   *types.Uint64 `json:"currentExcessBlobGas,omitempty"`
	BlobGasUsed     *types.Uint64 `json:"blobGasUsed,omitempty"`
	RequestsHash    *types.Hash   `json:"requestsHash,omitempty"`
	Requests        []types.Bytes `json:"requests,omitempty"`
	// BlockAccessList is the EIP-7928 list's RLP and BlockAccessListHash
	// its keccak256, as geth's t8n writes them (Amsterdam on).
	BlockAccessList     types.Bytes `json:"blockAccessList,omitempty"`
	BlockAccessListHash *types.Hash `json:"blockAccessListHash,omitempty"`
}

type t8nRejected struct {
	Index int    `json:"index"`
	Error string `json:"error"`
}

type t8nReceipt struct {
	Type              types.Uint64  `json:"type"`
	Root              types.Bytes   `json:"root"`
	Status            types.Uint64  `json:"status"`
	CumulativeGasUsed types.Uint64  `json:"cumulativeGasUsed"`
	LogsBloom         types.Bloom   `json:"logsBloom"`
	Logs              []*types.Log  `json:"logs"`
	TransactionHash   types.Hash    `json:"transactionHash"`
	ContractAddress   types.Address `json:"contractAddress"`
	GasUsed           types.Uint64  `json:"gasUsed"`
	BlockHash         types.Hash    `json:"blockHash"`
	TransactionIndex  types.Uint64  `json:"transactionIndex"`
}

// T8nAccount is one account of the output alloc; empty fields are left out.
type T8nAccount struct {
	Balance types.U256                `json:"balance"`
	Nonce   types.Uint64              `json:"nonce,omitempty"`
	Code    types.Bytes               `json:"code,omitempty"`
	Storage map[types.Hash]types.Hash `json:"storage,omitempty"`
}

// T8nOutput is everything t8n produces.
type T8nOutput struct {
	Alloc  map[types.Address]T8nAccount `json:"alloc"`
	Result *T8nResult                   `json:"result"`
	// Body is the RLP list of the included transactions (--output.body).
	Body types.Bytes `json:"body"`
}

// T8nError carries the exit code the t8n interface assigns to a failure:
// 3 for a bad configuration (unknown fork), 10 for bad input.
type T8nError struct {
	Code int
	Err  error
}

func (e *T8nError) Error() string { return e.Err.Error() }
func (e *T8nError) Unwrap() error { return e.Err }

// Exit codes of the t8n interface.
const (
	T8nExitConfig = 3
	// T8nExitMissingBlockhash: BLOCKHASH asked for a block within its
	// 256-block window whose hash env.blockHashes does not give, so the
	// result would rest on a guess.
	T8nExitMissingBlockhash = 4
	T8nExitInput            = 10
	T8nExitIO               = 11
)

// ErrT8nInput marks malformed t8n input.
var ErrT8nInput = errors.New("invalid t8n input")

// ErrT8nMissingBlockhash: see T8nExitMissingBlockhash.
var ErrT8nMissingBlockhash = errors.New("env.blockHashes lacks a hash BLOCKHASH asked for")

func inputErr(err error) error {
	return &T8nError{Code: T8nExitInput, Err: fmt.Errorf("%w: %w", ErrT8nInput, err)}
}

// RunT8n applies the input's transactions to its alloc in its env, as one
// block of fork opts.Fork, and returns the post-state and result. Invalid
// transactions are left out and listed in Result.Rejected with the reason.
func RunT8n(in *T8nInput, opts T8nOptions) (*T8nOutput, error) {
	net, err := ParseFixtureNetwork(opts.Fork, opts.ChainID)
	if err != nil {
		return nil, &T8nError{Code: T8nExitConfig, Err: fmt.Errorf("--state.fork: %w", err)}
	}
	cfg := net.Config
	for _, a := range cfg.Later {
		if a.TotalDifficulty != nil {
			// One block has no branch to total difficulties over.
			return nil, &T8nError{Code: T8nExitConfig, Err: fmt.Errorf("--state.fork %s: t8n cannot place a Merge at a total difficulty; name the fork of the block", opts.Fork)}
		}
	}
	switch {
	case opts.Reward == nil:
		cfg.Reward = new(uint256.Int)
	case opts.Reward.Sign() < 0:
		cfg.NoReward = true
	default:
		r, overflow := uint256.FromBig(opts.Reward)
		if overflow {
			return nil, &T8nError{Code: T8nExitConfig, Err: fmt.Errorf("--state.reward %s exceeds 256 bits", opts.Reward)}
		}
		cfg.Reward = r
	}
	env, d, err := in.Env.blockEnv(net)
	if err != nil {
		return nil, inputErr(err)
	}
	txs := [][]byte{}
	if in.TxsRLP != nil {
		if txs, err = decodeTxsRLP(in.TxsRLP); err != nil {
			return nil, inputErr(err)
		}
	} else if txs, err = decodeT8nTxs(in.Txs, opts.ChainID); err != nil {
		return nil, inputErr(err)
	}
	pre, err := in.Alloc.prepare()
	if err != nil {
		return nil, inputErr(fmt.Errorf("alloc: %w", err))
	}
	db := state.FromAlloc(pre)

	res, err := transition.ExecuteBody(db, env, txs, true, opts.StateTest)
	if err != nil {
		return nil, &T8nError{Code: 2, Err: err}
	}
	if d.missingHash != nil {
		return nil, &T8nError{Code: T8nExitMissingBlockhash, Err: fmt.Errorf("%w: block %d", ErrT8nMissingBlockhash, *d.missingHash)}
	}
	out := &T8nOutput{Alloc: dumpAlloc(db), Result: t8nResult(env, d, res, txs)}
	out.Result.StateRoot = db.IntermediateRoot(env.Fork >= fork.SpuriousDragon)
	var body []byte
	for _, tx := range res.Transactions {
		body = types.AppendTxForBlock(body, tx)
	}
	out.Body = rlp.WrapList(body)
	return out, nil
}

func t8nResult(env *transition.BlockEnv, d *derived, res *transition.ExecResult, txs [][]byte) *T8nResult {
	r := &T8nResult{
		TxRoot:          res.TxRoot,
		ReceiptsRoot:    res.ReceiptRoot,
		LogsBloom:       res.Bloom,
		Receipts:        []t8nReceipt{},
		Difficulty:      d.difficulty,
		GasUsed:         types.Uint64(res.GasUsed),
		BaseFee:         d.baseFee,
		WithdrawalsRoot: res.WithdrawalsRoot,
		ExcessBlobGas:   d.excessBlobGas,
		RequestsHash:    res.RequestsHash,
	}
	if res.AccessListHash != nil {
		r.BlockAccessList, r.BlockAccessListHash = res.AccessList.EncodeRLP(), res.AccessListHash
	}
	if env.BaseFee != nil && r.BaseFee == nil {
		r.BaseFee = &types.U256{Int: *env.BaseFee}
	}
	if env.ExcessBlobGas != nil {
		v, used := types.Uint64(*env.ExcessBlobGas), types.Uint64(res.BlobGasUsed)
		r.ExcessBlobGas, r.BlobGasUsed = &v, &used
	}
	for _, req := range res.Requests {
		r.Requests = append(r.Requests, req)
	}
	var logs []*types.Log
	prevGas := uint64(0)
	for i, rc := range res.Receipts {
		tx, _ := types.DecodeTx(res.Transactions[i]) // decoded once already by ExecuteBody
		out := t8nReceipt{
			Type: types.Uint64(rc.Type), Root: rc.PostState, CumulativeGasUsed: types.Uint64(rc.CumulativeGasUsed),
			LogsBloom: rc.Bloom, Logs: rc.Logs, GasUsed: types.Uint64(rc.CumulativeGasUsed - prevGas),
			TransactionIndex: types.Uint64(i),
		}
		if rc.Status {
			out.Status = 1
		}
		if tx != nil {
			out.TransactionHash = tx.Hash()
		}
		if res.ContractAddresses != nil && res.ContractAddresses[i] != nil {
			out.ContractAddress = *res.ContractAddresses[i]
		}
		prevGas = rc.CumulativeGasUsed
		logs = append(logs, rc.Logs...)
		r.Receipts = append(r.Receipts, out)
	}
	r.LogsHash = LogsHash(logs)
	for _, rj := range res.Rejected {
		r.Rejected = append(r.Rejected, t8nRejected{Index: rj.Index, Error: rj.Err.Error()})
	}
	return r
}

// decodeTxsRLP splits the RLP list of transactions --output.body writes.
func decodeTxsRLP(b []byte) ([][]byte, error) {
	list, rest, err := rlp.SplitList(b)
	if err != nil {
		return nil, fmt.Errorf("txs rlp: %w", err)
	}
	if len(rest) != 0 {
		return nil, fmt.Errorf("txs rlp: %d trailing bytes", len(rest))
	}
	var txs [][]byte
	for i := 0; len(list) > 0; i++ {
		kind, content, more, err := rlp.Split(list)
		if err != nil {
			return nil, fmt.Errorf("txs rlp: transaction %d: %w", i, err)
		}
		if kind == rlp.List {
			txs = append(txs, list[:len(list)-len(more)])
		} else {
			txs = append(txs, content)
		}
		list = more
	}
	return txs, nil
}

// dumpAlloc is the post-state in alloc.json form.
func dumpAlloc(db *state.Memory) map[types.Address]T8nAccount {
	out := make(map[types.Address]T8nAccount)
	for addr, a := range db.Dump() {
		acc := T8nAccount{Balance: types.U256{Int: a.Balance}, Nonce: types.Uint64(a.Nonce), Code: a.Code}
		if len(a.Storage) > 0 {
			acc.Storage = a.Storage
		}
		out[addr] = acc
	}
	return out
}
