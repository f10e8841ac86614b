package chain

import (
	"bufio"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"strconv"

	"github.com/cockroachdb/pebble"
	"github.com/goevm/goevm/crypto"
	"github.com/goevm/goevm/transition"
	"github.com/goevm/goevm/types"
	"github.com/holiman/uint256"
)

// A state dump is anvil's SerializableState (foundry crates/anvil/src/eth/
// backend/db.rs) without its block history:
//
//	{"block": {"number": "0x5", "beneficiary": "0x…", "timestamp": "0x…",
//	           "gas_limit": 30000000, "basefee": 875000000, "difficulty": "0x0",
//	           "prevrandao": "0x…", "blob_excess_gas_and_price":
//	           {"excess_blob_gas": 0, "blob_gasprice": 1}},
//	 "accounts": {"0xaddr": {"nonce": 1, "balance": "0x…", "code": "0x…",
//	              "storage": {"0xslot": "0xvalue"}}},
//	 "best_block_number": 5}
//
// The accounts are a geth-style allocation. The block context is the head's,
// in revm's BlockEnv field names; anvil reads numbers there as hex strings
// or JSON numbers, and so does LoadState.

// ErrBadDump is returned for a state dump LoadState cannot read; the
// message names the field and the byte offset.
var ErrBadDump = errors.New("bad state dump")

// DumpBlock is a dump's block context: the head block when it was written.
type DumpBlock struct {
	Number        uint64
	Coinbase      types.Address
	Timestamp     uint64
	GasLimit      uint64
	BaseFee       *uint256.Int // nil before London
	Difficulty    uint256.Int
	PrevRandao    types.Hash
	ExcessBlobGas *uint64 // nil before Cancun
	BlobGasPrice  *uint256.Int
}

// DumpState writes the newest state (the head's plus dev edits since) to w
// as JSON, account by account, so the dump never sits in memory whole. It
// holds the chain's read lock while it writes.
func (c *Chain) DumpState(w io.Writer) error {
	c.mu.RLock()
	defer c.mu.RUnlock()
	bw := bufio.NewWriterSize(w, 64<<10)
	bw.WriteString(`{"block":`)
	c.headDumpBlock().writeJSON(bw)
	bw.WriteString(`,"accounts":{`)
	first := true
	n := c.headNum + 1
	err := c.accountsAt(n, func(addr types.Address, acc *types.Account) error {
		if !first {
			bw.WriteByte(',')
		}
		first = false
		return c.writeDumpAccount(bw, addr, acc, n)
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(bw, `},"best_block_number":%d}`, c.headNum)
	bw.WriteByte('\n')
	return bw.Flush()
}

// headDumpBlock is the head block's context. The caller holds c.mu.
func (c *Chain) headDumpBlock() DumpBlock {
	h := c.head.Header
	b := DumpBlock{Number: h.Number, Coinbase: h.Coinbase, Timestamp: h.Time, GasLimit: h.GasLimit,
		BaseFee: h.BaseFee, Difficulty: h.Difficulty, PrevRandao: h.MixDigest}
	if h.ExcessBlobGas != nil {
		excess := *h.ExcessBlobGas
		b.ExcessBlobGas = &excess
		frac := c.cfg.BlobParamsAt(h.Number, h.Time).UpdateFraction
		b.BlobGasPrice = transition.BlobBaseFee(excess, frac)
	}
	return b
}

// writeJSON writes the block context in revm's BlockEnv shape: 256-bit
// values as hex strings, 64-bit ones as JSON numbers.
func (b DumpBlock) writeJSON(w *bufio.Writer) {
	fmt.Fprintf(w, `{"number":"%#x","beneficiary":"%s","timestamp":"%#x","gas_limit":%d`,
		b.Number, b.Coinbase.Hex(), b.Timestamp, b.GasLimit)
	if b.BaseFee != nil {
		w.WriteString(`,"basefee":`)
		writeU256Number(w, b.BaseFee)
	}
	fmt.Fprintf(w, `,"difficulty":"%s","prevrandao":"%s"`, b.Difficulty.Hex(), b.PrevRandao.Hex())
	if b.ExcessBlobGas != nil {
		fmt.Fprintf(w, `,"blob_excess_gas_and_price":{"excess_blob_gas":%d,"blob_gasprice":`, *b.ExcessBlobGas)
		writeU256Number(w, b.BlobGasPrice)
		w.WriteByte('}')
	}
	w.WriteByte('}')
}

// writeU256Number writes v as a JSON number if it fits 64 bits (revm's
// u64 and u128 fields), else as a hex string.
func writeU256Number(w *bufio.Writer, v *uint256.Int) {
	if v.IsUint64() {
		w.WriteString(strconv.FormatUint(v.Uint64(), 10))
		return
	}
	fmt.Fprintf(w, `"%s"`, v.Hex())
}

// writeDumpAccount writes one "address": {account} entry, its code hex
// encoded straight to w and its storage slot by slot.
func (c *Chain) writeDumpAccount(w *bufio.Writer, addr types.Address, acc *types.Account, n uint64) error {
	fmt.Fprintf(w, `"%s":{"nonce":%d,"balance":"%s","code":"0x`, addr.Hex(), acc.Nonce, acc.Balance.Hex())
	if acc.CodeHash != crypto.EmptyCodeHash {
		code, err := historyDB{s: c.store}.Code(addr, acc.CodeHash)
		if err != nil {
			return err
		}
		enc := hex.NewEncoder(w)
		if _, err := enc.Write(code); err != nil {
			return err
		}
	}
	w.WriteString(`","storage":{`)
	if acc.Root != crypto.EmptyRootHash {
		first := true
		err := c.forEachSlotAt(addr, n, func(slot, v types.Hash) error {
			if !first {
				w.WriteByte(',')
			}
			first = false
			_, err := fmt.Fprintf(w, `"%s":"%s"`, slot.Hex(), v.Hex())
			return err
		})
		if err != nil {
			return err
		}
	}
	_, err := w.WriteString("}}")
	return err
}

// forEachSlotAt calls fn with every non-zero storage slot of addr as of
// the end of block n (n = head+1 is the newest state), in slot order: the
// newest value of each slot at or below n, skipping slots written before
// the account's last storage wipe (storageTrieAt reads the same way).
func (c *Chain) forEachSlotAt(addr types.Address, n uint64, fn func(slot, v types.Hash) error) error {
	_, wipedAt, wiped, err := c.store.latestAtOrBelow(append([]byte{prefixWipe}, addr[:]...), n)
	if err != nil {
		return err
	}
	prefix := append([]byte{prefixSlot}, addr[:]...)
	it, err := c.store.db.NewIter(&pebble.IterOptions{LowerBound: prefix, UpperBound: prefixEnd(prefix)})
	if err != nil {
		return fmt.Errorf("%w: %w", ErrStore, err)
	}
	defer it.Close()
	var slot, val types.Hash
	have := false
	var at uint64
	flush := func() error {
		if !have || (wiped && wipedAt > at) || val.IsZero() {
			return nil
		}
		return fn(slot, val)
	}
	for it.First(); it.Valid(); it.Next() {
		k := it.Key()
		if len(k) != 1+20+32+8 {
			continue
		}
		kAt := binary.BigEndian.Uint64(k[53:])
		if kAt > n {
			continue
		}
		s := types.BytesToHash(k[21:53])
		if have && s != slot {
			if err := flush(); err != nil {
				return err
			}
		}
		slot, val, at, have = s, types.BytesToHash(it.Value()), kAt, true
	}
	if err := flush(); err != nil {
		return err
	}
	return it.Error()
}
