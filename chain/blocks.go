package chain

import (
	"encoding/binary"
	"encoding/json"
	"fmt"

	"github.com/cockroachdb/pebble"
	"github.com/goevm/goevm/types"
	"github.com/holiman/uint256"
)

// Receipt is a mined transaction's receipt with everything the JSON-RPC
// receipt object carries besides the consensus fields.
type Receipt struct {
	Type   uint8 `json:"type"`
	Status bool  `json:"status"`
	// PostState is the state root after the transaction, which receipts
	// carry instead of a status before Byzantium (EIP-658).
	PostState         types.Bytes    `json:"postState,omitempty"`
	CumulativeGasUsed uint64         `json:"cumulativeGasUsed"`
	GasUsed           uint64         `json:"gasUsed"`
	Logs              []*types.Log   `json:"logs"`
	Bloom             types.Bloom    `json:"logsBloom"`
	TxHash            types.Hash     `json:"transactionHash"`
	From              types.Address  `json:"from"`
	To                *types.Address `json:"to"`
	ContractAddress   *types.Address `json:"contractAddress"`
	EffectiveGasPrice uint256.Int    `json:"effectiveGasPrice"`
	BlobGasUsed       uint64         `json:"blobGasUsed,omitempty"`
	BlobGasPrice      *uint256.Int   `json:"blobGasPrice,omitempty"`
	// RevertData is the output of a failed transaction (not part of the
	// consensus receipt; kept for the console and the debugger).
	RevertData types.Bytes `json:"revertData,omitempty"`

	BlockNumber uint64     `json:"blockNumber"`
	BlockHash   types.Hash `json:"blockHash"`
	TxIndex     int        `json:"transactionIndex"`
	// FirstLogIndex is the block-wide index of this receipt's first log.
	FirstLogIndex int `json:"firstLogIndex"`
}

// writeBlock adds a block, its receipts and change list to the batch and
// makes it the head.
func (c *Chain) writeBlock(b *pebble.Batch, blk *types.Block, receipts []*Receipt, changes []byte) error {
	n, hash := blk.Header.Number, blk.Hash()
	for i, r := range receipts {
		r.BlockNumber, r.BlockHash = n, hash
		loc := binary.BigEndian.AppendUint32(binary.BigEndian.AppendUint64(nil, n), uint32(i))
		if err := b.Set(hashKey(prefixTxIndex, r.TxHash), loc, nil); err != nil {
			return fmt.Errorf("%w: %w", ErrStore, err)
		}
	}
	rj, err := json.Marshal(receipts)
	if err != nil {
		return fmt.Errorf("%w: receipts: %w", ErrStore, err)
	}
	for _, kv := range [][2][]byte{
		{u64Key(prefixNumber, n), hash[:]},
		{hashKey(prefixBlock, hash), blk.EncodeRLP()},
		{hashKey(prefixReceipt, hash), rj},
		{u64Key(prefixChanges, n), changes},
		{keyHead, headValue(n)},
	} {
		if err := b.Set(kv[0], kv[1], nil); err != nil {
			return fmt.Errorf("%w: %w", ErrStore, err)
		}
	}
	return nil
}

func (c *Chain) receipts(h types.Hash) ([]*Receipt, error) {
	raw, err := c.store.get(hashKey(prefixReceipt, h))
	if err != nil {
		return nil, err
	}
	if raw == nil {
		return nil, fmt.Errorf("%w: hash %s", ErrUnknownBlock, h)
	}
	var rs []*Receipt
	if err := json.Unmarshal(raw, &rs); err != nil {
		return nil, fmt.Errorf("%w: receipts of %s: %w", ErrStore, h, err)
	}
	return rs, nil
}
