package debugger

import (
	"context"
	"fmt"
	"strconv"
	"sync"

	"github.com/goevm/goevm/fork"
	"github.com/goevm/goevm/state"
	"github.com/goevm/goevm/state/rpcdb"
	"github.com/goevm/goevm/transition"
	"github.com/goevm/goevm/types"
)

// rpcTx is a transaction as eth_getTransactionByHash and full blocks give
// it (geth's field names).
type rpcTx struct {
	Hash                 types.Hash         `json:"hash"`
	BlockNumber          *types.Uint64      `json:"blockNumber"`
	TransactionIndex     *types.Uint64      `json:"transactionIndex"`
	From                 types.Address      `json:"from"`
	Type                 types.Uint64       `json:"type"`
	ChainID              *types.U256        `json:"chainId"`
	Nonce                types.Uint64       `json:"nonce"`
	Gas                  types.Uint64       `json:"gas"`
	GasPrice             *types.U256        `json:"gasPrice"`
	MaxFeePerGas         *types.U256        `json:"maxFeePerGas"`
	MaxPriorityFeePerGas *types.U256        `json:"maxPriorityFeePerGas"`
	MaxFeePerBlobGas     *types.U256        `json:"maxFeePerBlobGas"`
	To                   *types.Address     `json:"to"`
	Value                types.U256         `json:"value"`
	Input                types.Bytes        `json:"input"`
	AccessList           types.AccessList   `json:"accessList"`
	BlobVersionedHashes  []types.Hash       `json:"blobVersionedHashes"`
	AuthorizationList    []rpcAuthorization `json:"authorizationList"`
	V, R, S              types.U256
}

type rpcAuthorization struct {
	ChainID types.U256    `json:"chainId"`
	Address types.Address `json:"address"`
	Nonce   types.Uint64  `json:"nonce"`
	YParity types.Uint64  `json:"yParity"`
	R, S    types.U256
}

func (r *rpcTx) tx() *types.Transaction {
	tx := &types.Transaction{
		Type: uint8(r.Type), Nonce: uint64(r.Nonce), Gas: uint64(r.Gas), To: r.To, Value: r.Value.Int,
		Data: r.Input, AccessList: r.AccessList, BlobHashes: r.BlobVersionedHashes, V: r.V.Int, R: r.R.Int, S: r.S.Int,
	}
	if r.ChainID != nil {
		tx.ChainID = r.ChainID.Int
	}
	if tx.Type >= types.DynamicFeeTxType {
		if r.MaxFeePerGas != nil {
			tx.GasFeeCap = r.MaxFeePerGas.Int
		}
		if r.MaxPriorityFeePerGas != nil {
			tx.GasTipCap = r.MaxPriorityFeePerGas.Int
		}
	} else if r.GasPrice != nil {
		tx.GasPrice = r.GasPrice.Int
	}
	if r.MaxFeePerBlobGas != nil {
		tx.BlobFeeCap = r.MaxFeePerBlobGas.Int
	}
	for _, a := range r.AuthorizationList {
		tx.AuthList = append(tx.AuthList, types.Authorization{ChainID: a.ChainID.Int, Address: a.Address,
			Nonce: uint64(a.Nonce), YParity: uint8(a.YParity), R: a.R.Int, S: a.S.Int})
	}
	return tx
}

type rpcBlock struct {
	Number                types.Uint64  `json:"number"`
	Hash                  types.Hash    `json:"hash"`
	ParentHash            types.Hash    `json:"parentHash"`
	Miner                 types.Address `json:"miner"`
	Timestamp             types.Uint64  `json:"timestamp"`
	GasLimit              types.Uint64  `json:"gasLimit"`
	Difficulty            types.U256    `json:"difficulty"`
	MixHash               types.Hash    `json:"mixHash"`
	BaseFeePerGas         *types.U256   `json:"baseFeePerGas"`
	ExcessBlobGas         *types.Uint64 `json:"excessBlobGas"`
	ParentBeaconBlockRoot *types.Hash   `json:"parentBeaconBlockRoot"`
	SlotNumber            *types.Uint64 `json:"slotNumber"` // EIP-7843
	Transactions          []rpcTx       `json:"transactions"`
}

type rpcReceipt struct {
	GasUsed types.Uint64 `json:"gasUsed"`
	Status  types.Uint64 `json:"status"`
}

// TxSession re-executes a node's transaction on the state before it: the
// state after the previous block, read over JSON-RPC, then the block's
// system calls and earlier transactions replayed without tracing, as
// geth's debug_traceTransaction does. Problems become the session's error,
// which the page and the terminal both show. f is the node's fork: its
// JSON-RPC does not say which it runs.
func TxSession(ctx context.Context, url, hash string, f fork.Fork) *Session {
	sess := &Session{Title: fmt.Sprintf("transaction %s on %s", hash, url)}
	fail := func(format string, args ...any) *Session {
		sess.Error = fmt.Sprintf(format, args...)
		return sess
	}
	h, err := types.HexToHash(hash)
	if err != nil {
		return fail("--tx %q: not a transaction hash: %v", hash, err)
	}
	c := rpcdb.Dial(url)
	var tx rpcTx
	found, err := c.Call(ctx, &tx, "eth_getTransactionByHash", h)
	if err != nil {
		return fail("%v", err)
	}
	if !found {
		return fail("transaction %s not found on %s", h, url)
	}
	if tx.BlockNumber == nil || tx.TransactionIndex == nil {
		return fail("transaction %s is pending on %s: it is in no block yet", h, url)
	}
	n, idx := uint64(*tx.BlockNumber), int(*tx.TransactionIndex)
	var blk rpcBlock
	if found, err = c.Call(ctx, &blk, "eth_getBlockByNumber", *tx.BlockNumber, true); err != nil || !found {
		return fail("block %d of transaction %s: %v", n, h, orNotFound(err))
	}
	if n == 0 || idx >= len(blk.Transactions) || blk.Transactions[idx].Hash != h {
		return fail("block %d does not hold transaction %s at index %d", n, h, idx)
	}
	var chainID types.Uint64
	if _, err = c.Call(ctx, &chainID, "eth_chainId"); err != nil {
		return fail("%v", err)
	}
	sess.Title = fmt.Sprintf("transaction %s (block %d, index %d) on %s, %s", h, n, idx, url, f)
	sess.Calldata = tx.Input

	db := state.NewWithDatabase(rpcdb.New(ctx, c, n-1))
	cfg := &transition.ChainConfig{ChainID: uint64(chainID), Base: f}
	env := &transition.BlockEnv{
		Config: cfg, Fork: f, Coinbase: blk.Miner, Number: n, Time: uint64(blk.Timestamp), GasLimit: uint64(blk.GasLimit),
		Difficulty: blk.Difficulty.Int, PrevRandao: blk.MixHash, ParentHash: blk.ParentHash, ParentBeaconRoot: blk.ParentBeaconBlockRoot,
		GetHash: rpcBlockHashes(ctx, c, n),
	}
	if blk.BaseFeePerGas != nil {
		env.BaseFee = &blk.BaseFeePerGas.Int
	}
	if blk.SlotNumber != nil {
		env.SlotNumber = uint64(*blk.SlotNumber)
	}
	if blk.ExcessBlobGas != nil {
		x := uint64(*blk.ExcessBlobGas)
		env.ExcessBlobGas = &x
	}
	raws := make([][]byte, idx+1)
	senders := make([]types.Address, idx+1)
	for i := range raws {
		raws[i], _ = blk.Transactions[i].tx().MarshalBinary()
		senders[i] = blk.Transactions[i].From
	}

	// The block's pre-transaction system calls (EIP-4788, EIP-2935): run
	// with no transactions. ExecuteBody then also runs the post-block work
	// early, so withdrawals are left out of it.
	pre := *env
	pre.Withdrawals = nil
	if _, err := transition.ExecuteBody(db, &pre, nil, false, false); err != nil {
		return fail("replaying block %d's system calls: %v", n, err)
	}
	if idx > 0 {
		before := *env
		before.Senders = senders[:idx]
		if _, err := transition.ExecuteBody(db, &before, raws[:idx], false, true); err != nil {
			return fail("replaying the %d transactions before it in block %d: %v", idx, n, err)
		}
	}
	if err := db.Err(); err != nil {
		return fail("reading the state of block %d: %v", n-1, err)
	}
	rec := NewRecorder(db)
	target := *env
	target.Senders, target.Tracer = senders[idx:], rec.Hooks()
	res, err := transition.ExecuteBody(db, &target, raws[idx:], false, true)
	if err == nil {
		err = db.Err()
	}
	if err != nil {
		return fail("re-executing transaction %s: %v", h, err)
	}
	t := rec.Trace()
	r := res.Results[0]
	t.Result = Result{Output: r.ReturnData, GasUsed: r.GasUsed, Address: r.ContractAddress}
	if r.Err != nil {
		t.Result.Error = r.Err.Error()
	}
	if idx > 0 {
		t.Result.Note = fmt.Sprintf("replayed the %d transactions before it in block %d", idx, n)
	}
	sess.Trace = t

	var rc rpcReceipt
	if found, err := c.Call(ctx, &rc, "eth_getTransactionReceipt", h); err == nil && found {
		if uint64(rc.GasUsed) != r.GasUsed || (rc.Status == 1) == r.Failed() {
			sess.Warnings = append(sess.Warnings, fmt.Sprintf(
				"the re-execution differs from the node's receipt (gas used %d, status %d; here %d, failed %v): is the node's fork %s? (--fork)",
				rc.GasUsed, rc.Status, r.GasUsed, r.Failed(), f))
		}
	}
	return sess
}

func orNotFound(err error) error {
	if err != nil {
		return err
	}
	return fmt.Errorf("not found")
}

// rpcBlockHashes answers BLOCKHASH from the node, for the 256 blocks
// before number, asking once per block.
func rpcBlockHashes(ctx context.Context, c *rpcdb.Client, number uint64) func(uint64) types.Hash {
	var mu sync.Mutex
	cache := map[uint64]types.Hash{}
	return func(n uint64) types.Hash {
		if n >= number || number-n > 256 {
			return types.Hash{}
		}
		mu.Lock()
		defer mu.Unlock()
		if h, ok := cache[n]; ok {
			return h
		}
		var b struct {
			Hash types.Hash `json:"hash"`
		}
		c.Call(ctx, &b, "eth_getBlockByNumber", "0x"+strconv.FormatUint(n, 16), false)
		cache[n] = b.Hash
		return b.Hash
	}
}
