package rpc

import (
	"errors"
	"fmt"

	"github.com/goevm/goevm/fork"
	"github.com/goevm/goevm/types"
	"github.com/holiman/uint256"
)

// txArgs is a transaction as eth_call, eth_estimateGas and
// eth_sendTransaction take it (execution-apis GenericTransaction).
type txArgs struct {
	From                 *address          `json:"from"`
	To                   *address          `json:"to"`
	Gas                  *quantity         `json:"gas"`
	GasPrice             *big              `json:"gasPrice"`
	MaxFeePerGas         *big              `json:"maxFeePerGas"`
	MaxPriorityFeePerGas *big              `json:"maxPriorityFeePerGas"`
	MaxFeePerBlobGas     *big              `json:"maxFeePerBlobGas"`
	Value                *big              `json:"value"`
	Nonce                *quantity         `json:"nonce"`
	Data                 *data             `json:"data"`
	Input                *data             `json:"input"`
	AccessList           *types.AccessList `json:"accessList"`
	ChainID              *big              `json:"chainId"`
	Type                 *quantity         `json:"type"`
	BlobVersionedHashes  []types.Hash      `json:"blobVersionedHashes"`
	AuthorizationList    []authArg         `json:"authorizationList"`
}

type authArg struct {
	ChainID big      `json:"chainId"`
	Address address  `json:"address"`
	Nonce   quantity `json:"nonce"`
	YParity quantity `json:"yParity"`
	R       big      `json:"r"`
	S       big      `json:"s"`
}

var errDataInput = errors.New(`both "data" and "input" are set and not equal. Please use "input" to pass transaction call data`)

func (a *txArgs) input() ([]byte, error) {
	switch {
	case a.Input != nil && a.Data != nil && string(*a.Input) != string(*a.Data):
		return nil, errDataInput
	case a.Input != nil:
		return *a.Input, nil
	case a.Data != nil:
		return *a.Data, nil
	}
	return nil, nil
}

func (a *txArgs) from() types.Address {
	if a.From == nil {
		return types.Address{}
	}
	return types.Address(*a.From)
}

// hasPrice reports whether the caller named a non-zero gas price; zero
// prices run like none, with BASEFEE 0 (geth skips the fee checks of a call
// whose price fields are all zero).
func (a *txArgs) hasPrice() bool {
	nonZero := func(b *big) bool { return b != nil && !b.Int.IsZero() }
	return nonZero(a.GasPrice) || nonZero(a.MaxFeePerGas) || nonZero(a.MaxPriorityFeePerGas)
}

// toTx builds the transaction the arguments describe. Fields the caller
// left out stay zero: the caller fills nonce, gas and fees as the method
// requires. The type follows geth's choice: explicit, else set-code with an
// authorization list, blob with blob hashes, fee-market with fee caps or
// no gas price, access-list with an access list and a gas price, else legacy.
func (a *txArgs) toTx(chainID uint64, f fork.Fork) (*types.Transaction, error) {
	input, err := a.input()
	if err != nil {
		return nil, err
	}
	if a.GasPrice != nil && (a.MaxFeePerGas != nil || a.MaxPriorityFeePerGas != nil) {
		return nil, errors.New("both gasPrice and (maxFeePerGas or maxPriorityFeePerGas) specified")
	}
	tx := &types.Transaction{Data: input, ChainID: *uint256.NewInt(chainID)}
	if a.ChainID != nil {
		if !a.ChainID.Int.Eq(uint256.NewInt(chainID)) {
			return nil, fmt.Errorf("chainId %s does not match the node's %d", a.ChainID.Int.Dec(), chainID)
		}
	}
	if a.To != nil {
		to := types.Address(*a.To)
		tx.To = &to
	}
	if a.Gas != nil {
		tx.Gas = uint64(*a.Gas)
	}
	if a.Value != nil {
		tx.Value = a.Value.Int
	}
	if a.Nonce != nil {
		tx.Nonce = uint64(*a.Nonce)
	}
	if a.AccessList != nil {
		tx.AccessList = *a.AccessList
	}
	rules := f.Rules()
	switch {
	case a.Type != nil:
		tx.Type = uint8(*a.Type)
	case len(a.AuthorizationList) > 0:
		tx.Type = types.SetCodeTxType
	case len(a.BlobVersionedHashes) > 0:
		tx.Type = types.BlobTxType
	case a.MaxFeePerGas != nil || a.MaxPriorityFeePerGas != nil || (a.GasPrice == nil && rules.IsLondon):
		tx.Type = types.DynamicFeeTxType
	case a.AccessList != nil && rules.IsBerlin:
		tx.Type = types.AccessListTxType
	default:
		tx.Type = types.LegacyTxType
	}
	if tx.Type > types.SetCodeTxType {
		return nil, fmt.Errorf("transaction type %d not supported", tx.Type)
	}
	if a.GasPrice != nil {
		tx.GasPrice = a.GasPrice.Int
		if tx.Type >= types.DynamicFeeTxType {
			tx.GasFeeCap, tx.GasTipCap = a.GasPrice.Int, a.GasPrice.Int
		}
	}
	if a.MaxFeePerGas != nil {
		tx.GasFeeCap = a.MaxFeePerGas.Int
	}
	if a.MaxPriorityFeePerGas != nil {
		tx.GasTipCap = a.MaxPriorityFeePerGas.Int
	}
	if a.MaxFeePerBlobGas != nil {
		tx.BlobFeeCap = a.MaxFeePerBlobGas.Int
	}
	tx.BlobHashes = a.BlobVersionedHashes
	for _, au := range a.AuthorizationList {
		tx.AuthList = append(tx.AuthList, types.Authorization{ChainID: au.ChainID.Int, Address: types.Address(au.Address),
			Nonce: uint64(au.Nonce), YParity: uint8(au.YParity), R: au.R.Int, S: au.S.Int})
	}
	return tx, nil
}
