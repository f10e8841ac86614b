package spectest

import (
	"encoding/json"
	"fmt"

	"github.com/goevm/goevm/crypto"
	"github.com/goevm/goevm/types"
	"github.com/holiman/uint256"
)

// t8nTx is one transaction of txs.json, in the JSON-RPC shape geth's t8n
// reads. A transaction with a secretKey is signed by t8n (EIP-155 protected
// unless "protected" is false); otherwise v, r and s are taken as given.
type t8nTx struct {
	Type                 *types.Uint64    `json:"type"`
	ChainID              *types.U256      `json:"chainId"`
	Nonce                *types.Uint64    `json:"nonce"`
	GasPrice             *types.U256      `json:"gasPrice"`
	MaxPriorityFeePerGas *types.U256      `json:"maxPriorityFeePerGas"`
	MaxFeePerGas         *types.U256      `json:"maxFeePerGas"`
	Gas                  *types.Uint64    `json:"gas"`
	GasLimit             *types.Uint64    `json:"gasLimit"` // alias some fillers write
	To                   *string          `json:"to"`
	Value                *types.U256      `json:"value"`
	Input                *types.Bytes     `json:"input"`
	Data                 *types.Bytes     `json:"data"` // alias of input
	AccessList           types.AccessList `json:"accessList"`
	MaxFeePerBlobGas     *types.U256      `json:"maxFeePerBlobGas"`
	BlobVersionedHashes  []types.Hash     `json:"blobVersionedHashes"`
	AuthorizationList    []t8nAuthJSON    `json:"authorizationList"`
	V                    *types.U256      `json:"v"`
	R                    *types.U256      `json:"r"`
	S                    *types.U256      `json:"s"`
	YParity              *types.U256      `json:"yParity"`
	SecretKey            *types.Bytes     `json:"secretKey"`
	Protected            *bool            `json:"protected"`
}

type t8nAuthJSON struct {
	ChainID types.U256    `json:"chainId"`
	Address types.Address `json:"address"`
	Nonce   types.Uint64  `json:"nonce"`
	V       *types.U256   `json:"v"`
	YParity *types.U256   `json:"yParity"`
	R       types.U256    `json:"r"`
	S       types.U256    `json:"s"`
}

// decodeT8nTxs reads txs.json (an array of transactions) and returns each
// transaction's canonical binary form, signing those given a secretKey.
// A transaction that cannot be built is an error naming its index and field.
func decodeT8nTxs(raw json.RawMessage, chainID uint64) ([][]byte, error) {
	if len(raw) == 0 || string(raw) == "null" {
		return nil, nil
	}
	var list []json.RawMessage
	if err := json.Unmarshal(raw, &list); err != nil {
		return nil, fmt.Errorf("txs: not a JSON array of transactions: %w", err)
	}
	out := make([][]byte, 0, len(list))
	for i, item := range list {
		var j t8nTx
		if err := DecodeJSON(item, &j); err != nil {
			return nil, fmt.Errorf("txs[%d]: %w", i, err)
		}
		tx, err := j.build(chainID)
		if err != nil {
			return nil, fmt.Errorf("txs[%d]: %w", i, err)
		}
		b, err := tx.MarshalBinary()
		if err != nil {
			return nil, fmt.Errorf("txs[%d]: %w", i, err)
		}
		out = append(out, b)
	}
	return out, nil
}

func (j *t8nTx) build(chainID uint64) (*types.Transaction, error) {
	tx := &types.Transaction{}
	if j.Type != nil {
		if *j.Type > types.SetCodeTxType {
			return nil, fmt.Errorf("type: unknown transaction type %d", uint64(*j.Type))
		}
		tx.Type = uint8(*j.Type)
	}
	if j.ChainID != nil {
		tx.ChainID = j.ChainID.Int
	} else if tx.Type != types.LegacyTxType {
		tx.ChainID.SetUint64(chainID)
	}
	if j.Nonce == nil {
		return nil, fmt.Errorf("missing field nonce")
	}
	tx.Nonce = uint64(*j.Nonce)
	switch {
	case j.Gas != nil:
		tx.Gas = uint64(*j.Gas)
	case j.GasLimit != nil:
		tx.Gas = uint64(*j.GasLimit)
	default:
		return nil, fmt.Errorf("missing field gas")
	}
	// A creation has "to" null or absent, as in geth's transaction JSON;
	// "to": "" or "0x" is not an address (state tests, unlike t8n, write "").
	if j.To != nil {
		to, err := types.HexToAddress(*j.To)
		if err != nil {
			return nil, fmt.Errorf("to: %w", err)
		}
		tx.To = &to
	}
	setU256(&tx.Value, j.Value)
	switch {
	case j.Input != nil:
		tx.Data = *j.Input
	case j.Data != nil:
		tx.Data = *j.Data
	}
	if tx.Type == types.LegacyTxType || tx.Type == types.AccessListTxType {
		if j.GasPrice == nil {
			return nil, fmt.Errorf("missing field gasPrice")
		}
		tx.GasPrice = j.GasPrice.Int
	} else {
		if j.MaxFeePerGas == nil || j.MaxPriorityFeePerGas == nil {
			return nil, fmt.Errorf("missing field maxFeePerGas or maxPriorityFeePerGas")
		}
		tx.GasFeeCap, tx.GasTipCap = j.MaxFeePerGas.Int, j.MaxPriorityFeePerGas.Int
	}
	tx.AccessList = j.AccessList
	if tx.Type == types.BlobTxType {
		setU256(&tx.BlobFeeCap, j.MaxFeePerBlobGas)
		tx.BlobHashes = j.BlobVersionedHashes
	}
	for i, a := range j.AuthorizationList {
		auth := types.Authorization{ChainID: a.ChainID.Int, Address: a.Address, Nonce: uint64(a.Nonce), R: a.R.Int, S: a.S.Int}
		parity := a.YParity
		if parity == nil {
			parity = a.V
		}
		if parity != nil {
			if !parity.IsUint64() || parity.Uint64() > 0xff {
				return nil, fmt.Errorf("authorizationList[%d]: yParity %s", i, parity.Dec())
			}
			auth.YParity = uint8(parity.Uint64())
		}
		tx.AuthList = append(tx.AuthList, auth)
	}

	if j.SecretKey != nil && len(*j.SecretKey) > 0 {
		key, err := crypto.ToPrivateKey(*j.SecretKey)
		if err != nil {
			return nil, fmt.Errorf("secretKey: %w", err)
		}
		signer := types.LatestSigner(chainID)
		if j.Protected != nil && !*j.Protected {
			signer.EIP155 = false
		}
		if err := signer.SignTx(tx, key); err != nil {
			return nil, fmt.Errorf("signing: %w", err)
		}
		return tx, nil
	}
	v := j.V
	if v == nil {
		v = j.YParity
	}
	setU256(&tx.V, v)
	setU256(&tx.R, j.R)
	setU256(&tx.S, j.S)
	return tx, nil
}

func setU256(dst *uint256.Int, v *types.U256) {
	if v != nil {
		*dst = v.Int
	}
}
