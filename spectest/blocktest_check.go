package spectest

import (
	"bytes"
	"errors"
	"fmt"
	"sort"
	"strconv"

	"github.com/goevm/goevm/types"
	"github.com/holiman/uint256"
)

// ErrHeaderMismatch and ErrTxMismatch are a fixture whose JSON header or
// transactions do not describe the block its RLP holds (geth's runner checks
// the headers the same way, in validateHeader).
var (
	ErrHeaderMismatch = errors.New("block header differs from the fixture's JSON header")
	ErrTxMismatch     = errors.New("block transactions differ from the fixture's JSON transactions")
)

// checkHeader compares every field the fixture's JSON header writes with the
// decoded header; a field the JSON omits is not checked, one it writes that
// the header lacks (a post-London field on an older block) is a mismatch.
func checkHeader(h *types.Header, fields map[string]string) error {
	keys := make([]string, 0, len(fields))
	for k := range fields {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if err := checkHeaderField(h, k, fields[k]); err != nil {
			return fmt.Errorf("%w: %s: %w", ErrHeaderMismatch, k, err)
		}
	}
	return nil
}

func checkHeaderField(h *types.Header, k, s string) error {
	switch k {
	case "parentHash":
		return eqHash(s, &h.ParentHash)
	case "uncleHash":
		return eqHash(s, &h.OmmersHash)
	case "coinbase":
		a, err := types.HexToAddress(s)
		if err == nil && a != h.Coinbase {
			err = fmt.Errorf("JSON %s, RLP %s", a, h.Coinbase)
		}
		return err
	case "stateRoot":
		return eqHash(s, &h.StateRoot)
	case "transactionsTrie":
		return eqHash(s, &h.TxRoot)
	case "receiptTrie":
		return eqHash(s, &h.ReceiptRoot)
	case "bloom":
		return eqBytes(s, h.Bloom[:])
	case "difficulty":
		return eqU256(s, &h.Difficulty)
	case "number":
		return eqUint64(s, &h.Number)
	case "gasLimit":
		return eqUint64(s, &h.GasLimit)
	case "gasUsed":
		return eqUint64(s, &h.GasUsed)
	case "timestamp":
		return eqUint64(s, &h.Time)
	case "extraData":
		return eqBytes(s, h.Extra)
	case "mixHash":
		return eqHash(s, &h.MixDigest)
	case "nonce":
		return eqBytes(s, h.Nonce[:])
	case "baseFeePerGas":
		return eqU256(s, h.BaseFee)
	case "withdrawalsRoot":
		return eqHash(s, h.WithdrawalsRoot)
	case "blobGasUsed":
		return eqUint64(s, h.BlobGasUsed)
	case "excessBlobGas":
		return eqUint64(s, h.ExcessBlobGas)
	case "parentBeaconBlockRoot":
		return eqHash(s, h.ParentBeaconBlockRoot)
	case "requestsHash":
		return eqHash(s, h.RequestsHash)
	case "slotNumber": // EIP-7843
		return eqUint64(s, h.SlotNumber)
	}
	return nil // hash (checked by the caller) and fields goevm does not model
}

var errAbsent = errors.New("the JSON sets it, the RLP header has no such field")

func eqHash(s string, want *types.Hash) error {
	return eqParsed(s, want, types.HexToHash, (*types.Hash).Hex)
}

func eqUint64(s string, want *uint64) error {
	return eqParsed(s, want, types.ParseUint64, func(v *uint64) string { return strconv.FormatUint(*v, 10) })
}

func eqU256(s string, want *uint256.Int) error {
	parse := func(s string) (uint256.Int, error) {
		v, err := types.ParseU256(s)
		if err != nil {
			return uint256.Int{}, err
		}
		return *v, nil
	}
	return eqParsed(s, want, parse, (*uint256.Int).Dec)
}

// eqParsed holds what a hash, a number and a 256-bit word have in common:
// want is nil where the block's fork has no such field, which is a
// mismatch whatever the JSON's value (errAbsent).
func eqParsed[T comparable](s string, want *T, parse func(string) (T, error), show func(*T) string) error {
	v, err := parse(s)
	switch {
	case err != nil:
		return err
	case want == nil:
		return errAbsent
	case v != *want:
		return fmt.Errorf("JSON %s, RLP %s", show(&v), show(want))
	}
	return nil
}

func eqBytes(s string, want []byte) error {
	v, err := types.DecodeHex(s)
	if err == nil && !bytes.Equal(v, want) {
		err = fmt.Errorf("JSON %s, RLP %s", types.Quote(types.EncodeHex(v)), types.Quote(types.EncodeHex(want)))
	}
	return err
}

// checkTransactions compares the fixture's JSON transactions with the
// block's: their number, and each one's nonce, gas limit, recipient, value
// and data.
func checkTransactions(b *types.Block, txs []map[string]any) error {
	if txs == nil {
		return nil // the fixture lists none to compare
	}
	if len(txs) != len(b.Transactions) {
		return fmt.Errorf("%w: the JSON lists %d, the RLP holds %d", ErrTxMismatch, len(txs), len(b.Transactions))
	}
	for i, j := range txs {
		tx, err := types.DecodeTx(b.Transactions[i])
		if err != nil {
			return fmt.Errorf("%w: transactions[%d]: %w", ErrTxMismatch, i, err)
		}
		if err := checkTx(tx, j); err != nil {
			return fmt.Errorf("%w: transactions[%d].%w", ErrTxMismatch, i, err)
		}
	}
	return nil
}

func checkTx(tx *types.Transaction, j map[string]any) error {
	str := func(k string) (string, bool, error) {
		v, ok := j[k]
		if !ok || v == nil {
			return "", false, nil
		}
		s, isStr := v.(string)
		if !isStr {
			return "", false, fmt.Errorf("%s: not a string", k)
		}
		return s, true, nil
	}
	for _, c := range []struct {
		k     string
		check func(string) error
	}{
		{"nonce", func(s string) error { return eqUint64(s, &tx.Nonce) }},
		{"gasLimit", func(s string) error { return eqUint64(s, &tx.Gas) }},
		{"value", func(s string) error { return eqU256(s, &tx.Value) }},
		{"data", func(s string) error { return eqBytes(s, tx.Data) }},
		{"to", func(s string) error {
			if s == "" { // a creation, as the fixtures write it
				if tx.To != nil {
					return fmt.Errorf("JSON a creation, RLP a call to %s", tx.To)
				}
				return nil
			}
			a, err := types.HexToAddress(s)
			switch {
			case err != nil:
				return err
			case tx.To == nil:
				return fmt.Errorf("JSON a call to %s, RLP a creation", a)
			case a != *tx.To:
				return fmt.Errorf("JSON %s, RLP %s", a, *tx.To)
			}
			return nil
		}},
	} {
		s, ok, err := str(c.k)
		if err == nil && ok {
			err = c.check(s)
		}
		if err != nil {
			return fmt.Errorf("%s: %w", c.k, err)
		}
	}
	return nil
}
