package rpcdb

import (
	"context"
	"fmt"

	"github.com/goevm/goevm/types"
)

// rpcHeader is a block's header as eth_getBlockByNumber answers it (the
// execution-apis' Block object without its transactions).
type rpcHeader struct {
	Hash                  *types.Hash    `json:"hash"`
	ParentHash            *types.Hash    `json:"parentHash"`
	OmmersHash            *types.Hash    `json:"sha3Uncles"`
	Coinbase              *types.Address `json:"miner"`
	StateRoot             *types.Hash    `json:"stateRoot"`
	TxRoot                *types.Hash    `json:"transactionsRoot"`
	ReceiptRoot           *types.Hash    `json:"receiptsRoot"`
	Bloom                 *types.Bloom   `json:"logsBloom"`
	Difficulty            *types.U256    `json:"difficulty"`
	Number                *types.Uint64  `json:"number"`
	GasLimit              *types.Uint64  `json:"gasLimit"`
	GasUsed               *types.Uint64  `json:"gasUsed"`
	Time                  *types.Uint64  `json:"timestamp"`
	Extra                 *types.Bytes   `json:"extraData"`
	MixDigest             *types.Hash    `json:"mixHash"`
	Nonce                 *types.Bytes   `json:"nonce"`
	BaseFee               *types.U256    `json:"baseFeePerGas"`
	WithdrawalsRoot       *types.Hash    `json:"withdrawalsRoot"`
	BlobGasUsed           *types.Uint64  `json:"blobGasUsed"`
	ExcessBlobGas         *types.Uint64  `json:"excessBlobGas"`
	ParentBeaconBlockRoot *types.Hash    `json:"parentBeaconBlockRoot"`
	RequestsHash          *types.Hash    `json:"requestsHash"`
	BlockAccessListHash   *types.Hash    `json:"blockAccessListHash"` // EIP-7928
	SlotNumber            *types.Uint64  `json:"slotNumber"`          // EIP-7843
}

// Header fetches the header of block tag ("latest", or a number as a
// quantity) and checks that it hashes to the hash the node gave, so every
// field was understood: a header with fields this package does not know
// (another chain's extensions) is refused rather than misread.
func (c *Client) Header(ctx context.Context, tag string) (*types.Header, error) {
	var r rpcHeader
	found, err := c.Call(ctx, &r, "eth_getBlockByNumber", tag, false)
	if err != nil {
		return nil, err
	}
	if !found {
		return nil, fmt.Errorf("eth_getBlockByNumber: block %s not found on %s", tag, c.url)
	}
	missing := ""
	for name, ok := range map[string]bool{
		"hash": r.Hash != nil, "parentHash": r.ParentHash != nil, "sha3Uncles": r.OmmersHash != nil,
		"miner": r.Coinbase != nil, "stateRoot": r.StateRoot != nil, "transactionsRoot": r.TxRoot != nil,
		"receiptsRoot": r.ReceiptRoot != nil, "logsBloom": r.Bloom != nil, "difficulty": r.Difficulty != nil,
		"number": r.Number != nil, "gasLimit": r.GasLimit != nil, "gasUsed": r.GasUsed != nil,
		"timestamp": r.Time != nil, "extraData": r.Extra != nil,
	} {
		if !ok {
			missing = name
		}
	}
	if missing != "" {
		return nil, fmt.Errorf("eth_getBlockByNumber %s: %w: the block has no %s", tag, ErrBadAnswer, missing)
	}
	h := &types.Header{
		ParentHash: *r.ParentHash, OmmersHash: *r.OmmersHash, Coinbase: *r.Coinbase, StateRoot: *r.StateRoot,
		TxRoot: *r.TxRoot, ReceiptRoot: *r.ReceiptRoot, Bloom: *r.Bloom, Difficulty: r.Difficulty.Int,
		Number: uint64(*r.Number), GasLimit: uint64(*r.GasLimit), GasUsed: uint64(*r.GasUsed),
		Time: uint64(*r.Time), Extra: []byte(*r.Extra),
		WithdrawalsRoot: r.WithdrawalsRoot, ParentBeaconBlockRoot: r.ParentBeaconBlockRoot, RequestsHash: r.RequestsHash,
		BlockAccessListHash: r.BlockAccessListHash,
	}
	if r.SlotNumber != nil {
		slot := uint64(*r.SlotNumber)
		h.SlotNumber = &slot
	}
	if r.MixDigest != nil {
		h.MixDigest = *r.MixDigest
	}
	if r.Nonce != nil {
		if len(*r.Nonce) != 8 {
			return nil, fmt.Errorf("eth_getBlockByNumber %s: %w: nonce of %d bytes, want 8", tag, ErrBadAnswer, len(*r.Nonce))
		}
		copy(h.Nonce[:], *r.Nonce)
	}
	if r.BaseFee != nil {
		v := r.BaseFee.Int
		h.BaseFee = &v
	}
	if r.BlobGasUsed != nil {
		v := uint64(*r.BlobGasUsed)
		h.BlobGasUsed = &v
	}
	if r.ExcessBlobGas != nil {
		v := uint64(*r.ExcessBlobGas)
		h.ExcessBlobGas = &v
	}
	if got := h.Hash(); got != *r.Hash {
		return nil, fmt.Errorf("eth_getBlockByNumber %s: %w: the header's fields hash to %s, the node says %s (fields this client does not know?)",
			tag, ErrBadAnswer, got, *r.Hash)
	}
	return h, nil
}
