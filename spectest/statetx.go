package spectest

import (
	"fmt"

	"github.com/goevm/goevm/crypto"
	"github.com/goevm/goevm/types"
	"github.com/holiman/uint256"
)

// build makes the transaction that post entry idx describes, and its
// sender. Its type follows from which fields the fixture sets, as
// execution-spec-tests fills them: an authorization list makes a set-code
// transaction, blob hashes a blob transaction, fee caps a dynamic-fee one,
// and an access list (not null) for the data index an access-list one.
func (st *stTransaction) build(idx stIndexes) (*types.Transaction, types.Address, error) {
	var tx types.Transaction
	if idx.Data < 0 || idx.Data >= len(st.Data) || idx.Gas < 0 || idx.Gas >= len(st.GasLimit) ||
		idx.Value < 0 || idx.Value >= len(st.Value) {
		return nil, types.Address{}, fmt.Errorf("%w: post indexes data %d, gas %d, value %d; the transaction has %d data, %d gasLimit and %d value entries",
			ErrMalformedFixture, idx.Data, idx.Gas, idx.Value, len(st.Data), len(st.GasLimit), len(st.Value))
	}
	var err error
	if tx.Data, err = types.DecodeHex(st.Data[idx.Data]); err != nil {
		return nil, types.Address{}, fmt.Errorf("data[%d]: %w", idx.Data, err)
	}
	if tx.Gas, err = types.ParseUint64(st.GasLimit[idx.Gas]); err != nil {
		return nil, types.Address{}, fmt.Errorf("gasLimit[%d]: %w", idx.Gas, err)
	}
	if err = parseU256(&tx.Value, st.Value[idx.Value]); err != nil {
		return nil, types.Address{}, fmt.Errorf("value[%d]: %w", idx.Value, err)
	}
	if tx.Nonce, err = types.ParseUint64(st.Nonce); err != nil {
		return nil, types.Address{}, fmt.Errorf("nonce: %w", err)
	}
	if st.To != "" {
		to, err := types.HexToAddress(st.To)
		if err != nil {
			return nil, types.Address{}, fmt.Errorf("to: %w", err)
		}
		tx.To = &to
	}
	if idx.Data < len(st.AccessLists) && st.AccessLists[idx.Data] != nil {
		tx.AccessList = *st.AccessLists[idx.Data]
		tx.Type = types.AccessListTxType
	}
	if st.GasPrice != nil {
		if err = parseU256(&tx.GasPrice, *st.GasPrice); err != nil {
			return nil, types.Address{}, fmt.Errorf("gasPrice: %w", err)
		}
	}
	if st.MaxFeePerGas != nil {
		tx.Type = types.DynamicFeeTxType
		if err = parseU256(&tx.GasFeeCap, *st.MaxFeePerGas); err != nil {
			return nil, types.Address{}, fmt.Errorf("maxFeePerGas: %w", err)
		}
		if st.MaxPriorityFeePerGas != nil {
			if err = parseU256(&tx.GasTipCap, *st.MaxPriorityFeePerGas); err != nil {
				return nil, types.Address{}, fmt.Errorf("maxPriorityFeePerGas: %w", err)
			}
		}
	}
	if st.BlobVersionedHashes != nil {
		tx.Type = types.BlobTxType
		tx.BlobHashes = *st.BlobVersionedHashes
		if st.MaxFeePerBlobGas != nil {
			if err = parseU256(&tx.BlobFeeCap, *st.MaxFeePerBlobGas); err != nil {
				return nil, types.Address{}, fmt.Errorf("maxFeePerBlobGas: %w", err)
			}
		}
	}
	if st.AuthorizationList != nil {
		tx.Type = types.SetCodeTxType
		tx.AuthList = make([]types.Authorization, len(*st.AuthorizationList))
		for i, a := range *st.AuthorizationList {
			if err := a.build(&tx.AuthList[i]); err != nil {
				return nil, types.Address{}, fmt.Errorf("authorizationList[%d]: %w", i, err)
			}
		}
	}

	if st.Sender != nil && len(st.SecretKey) == 0 {
		return &tx, *st.Sender, nil
	}
	from, err := addressFromKey(st.SecretKey)
	if err != nil {
		return nil, types.Address{}, fmt.Errorf("%w: secretKey: %w", ErrMalformedFixture, err)
	}
	// A fixture naming both must name the same account: the key signs
	// txbytes, the sender pays.
	if st.Sender != nil && *st.Sender != from {
		return nil, types.Address{}, fmt.Errorf("%w: secretKey is the key of %s, but sender is %s", ErrMalformedFixture, from, *st.Sender)
	}
	return &tx, from, nil
}

func (a *stAuthorization) build(out *types.Authorization) error {
	out.Address = a.Address
	var err error
	if out.Nonce, err = types.ParseUint64(a.Nonce); err != nil {
		return fmt.Errorf("nonce: %w", err)
	}
	if err = parseU256(&out.ChainID, a.ChainID); err != nil {
		return fmt.Errorf("chainId: %w", err)
	}
	v, err := types.ParseUint64(a.V)
	if err != nil || v > 0xff {
		return fmt.Errorf("v %q is not a y parity", a.V)
	}
	out.YParity = uint8(v)
	if err = parseU256(&out.R, a.R); err != nil {
		return fmt.Errorf("r: %w", err)
	}
	if err = parseU256(&out.S, a.S); err != nil {
		return fmt.Errorf("s: %w", err)
	}
	return nil
}

func parseU256(dst *uint256.Int, s string) error {
	v, err := types.ParseU256(s)
	if err != nil {
		return err
	}
	*dst = *v
	return nil
}

// addressFromKey derives the sender's address from the fixture's secret key,
// for fixtures that do not name the sender.
func addressFromKey(secret []byte) (types.Address, error) {
	key, err := crypto.ToPrivateKey(secret)
	if err != nil {
		return types.Address{}, err
	}
	return crypto.KeyAddress(key), nil
}
