package types

import (
	"errors"
	"fmt"

	"github.com/goevm/goevm/rlp"
)

// ErrBlockDecode wraps every failure to decode a block's RLP.
var ErrBlockDecode = errors.New("invalid block RLP")

// Block is a header and its body. Transactions are kept in their canonical
// binary form (a legacy transaction's RLP list, or type byte || payload for a
// typed one, EIP-2718): that form is what the transactions trie commits to,
// and decoding it is the transaction code's job.
type Block struct {
	Header       *Header
	Transactions [][]byte
	Ommers       []*Header
	// Withdrawals is nil when the body has no withdrawals list (before
	// Shanghai) and non-nil, possibly empty, when it has one (EIP-4895).
	Withdrawals []*Withdrawal
	// AccessList is the EIP-7928 block access list when the block comes
	// with one (a fixture's or the engine API's), nil otherwise. It travels
	// beside the body, not in the block's RLP (geth's Block.AccessList,
	// execution-specs' Block).
	AccessList BlockAccessList
}

// Hash is the hash of the block's header.
func (b *Block) Hash() Hash { return b.Header.Hash() }

// EncodeRLP returns rlp([header, transactions, ommers(, withdrawals)]).
func (b *Block) EncodeRLP() []byte {
	p := b.Header.EncodeRLP()
	var txs []byte
	for _, tx := range b.Transactions {
		txs = AppendTxForBlock(txs, tx)
	}
	p = append(p, rlp.WrapList(txs)...)
	p = append(p, EncodeOmmers(b.Ommers)...)
	if b.Withdrawals != nil {
		var ws []byte
		for _, w := range b.Withdrawals {
			ws = append(ws, w.EncodeRLP()...)
		}
		p = append(p, rlp.WrapList(ws)...)
	}
	return rlp.WrapList(p)
}

// EncodeOmmers returns the RLP list of the ommer headers, whose Keccak-256 is
// the header's ommersHash.
func EncodeOmmers(ommers []*Header) []byte {
	var p []byte
	for _, o := range ommers {
		p = append(p, o.EncodeRLP()...)
	}
	return rlp.WrapList(p)
}

// AppendTxForBlock appends a transaction's binary form as a block body item:
// a legacy transaction (an RLP list) as is, a typed one wrapped as a string.
func AppendTxForBlock(dst, tx []byte) []byte {
	if len(tx) > 0 && tx[0] >= 0xc0 {
		return append(dst, tx...)
	}
	return rlp.AppendString(dst, tx)
}

// DecodeBlockRLP decodes a block. Errors name the part and field at fault.
func DecodeBlockRLP(b []byte) (*Block, error) {
	payload, rest, err := rlp.SplitList(b)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrBlockDecode, err)
	}
	if len(rest) != 0 {
		return nil, fmt.Errorf("%w: %d trailing bytes after the block", ErrBlockDecode, len(rest))
	}
	n, err := rlp.CountItems(payload)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrBlockDecode, err)
	}
	if n != 3 && n != 4 {
		return nil, fmt.Errorf("%w: %d items, want [header, transactions, ommers] or with withdrawals", ErrBlockDecode, n)
	}
	blk := new(Block)
	if blk.Header, payload, err = SplitHeader(payload); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrBlockDecode, err)
	}
	if blk.Transactions, payload, err = splitTxList(payload); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrBlockDecode, err)
	}
	if blk.Ommers, payload, err = splitOmmers(payload); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrBlockDecode, err)
	}
	if n == 4 {
		if blk.Withdrawals, _, err = splitWithdrawals(payload); err != nil {
			return nil, fmt.Errorf("%w: %w", ErrBlockDecode, err)
		}
	}
	return blk, nil
}

func splitTxList(b []byte) ([][]byte, []byte, error) {
	list, rest, err := rlp.SplitList(b)
	if err != nil {
		return nil, nil, fmt.Errorf("transactions: %w", err)
	}
	txs := [][]byte{}
	for i := 0; len(list) > 0; i++ {
		kind, content, more, err := rlp.Split(list)
		if err != nil {
			return nil, nil, fmt.Errorf("transaction %d: %w", i, err)
		}
		if kind == rlp.List {
			// A legacy transaction: its whole encoding is its binary form.
			txs = append(txs, list[:len(list)-len(more)])
		} else {
			// A typed transaction (EIP-2718): the string holds type || payload,
			// and the type byte must be a valid type, below 0x80.
			if len(content) == 0 || content[0] >= 0x80 {
				return nil, nil, fmt.Errorf("transaction %d: typed envelope without a valid type byte", i)
			}
			txs = append(txs, content)
		}
		list = more
	}
	return txs, rest, nil
}

func splitOmmers(b []byte) ([]*Header, []byte, error) {
	list, rest, err := rlp.SplitList(b)
	if err != nil {
		return nil, nil, fmt.Errorf("ommers: %w", err)
	}
	ommers := []*Header{}
	for i := 0; len(list) > 0; i++ {
		h, more, err := SplitHeader(list)
		if err != nil {
			return nil, nil, fmt.Errorf("ommer %d: %w", i, err)
		}
		ommers = append(ommers, h)
		list = more
	}
	return ommers, rest, nil
}

func splitWithdrawals(b []byte) ([]*Withdrawal, []byte, error) {
	list, rest, err := rlp.SplitList(b)
	if err != nil {
		return nil, nil, fmt.Errorf("withdrawals: %w", err)
	}
	ws := []*Withdrawal{}
	for i := 0; len(list) > 0; i++ {
		w, more, err := SplitWithdrawal(list)
		if err != nil {
			return nil, nil, fmt.Errorf("withdrawal %d: %w", i, err)
		}
		ws = append(ws, w)
		list = more
	}
	return ws, rest, nil
}
