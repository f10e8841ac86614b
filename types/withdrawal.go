package types

import (
	"encoding/json"
	"fmt"

	"github.com/goevm/goevm/rlp"
)

// Withdrawal is a validator withdrawal pushed from the consensus layer
// (EIP-4895). Amount is in gwei; the execution layer credits Amount * 1e9 wei.
type Withdrawal struct {
	Index          uint64  `json:"index"`
	ValidatorIndex uint64  `json:"validatorIndex"`
	Address        Address `json:"address"`
	Amount         uint64  `json:"amount"`
}

var withdrawalFieldNames = []string{"index", "validatorIndex", "address", "amount"}

// EncodeRLP returns rlp([index, validatorIndex, address, amount]).
func (w *Withdrawal) EncodeRLP() []byte {
	var p []byte
	p = rlp.AppendUint64(p, w.Index)
	p = rlp.AppendUint64(p, w.ValidatorIndex)
	p = rlp.AppendString(p, w.Address[:])
	p = rlp.AppendUint64(p, w.Amount)
	return rlp.WrapList(p)
}

// SplitWithdrawal decodes the withdrawal at the front of b. Errors name the field.
func SplitWithdrawal(b []byte) (*Withdrawal, []byte, error) {
	payload, rest, err := rlp.SplitList(b)
	if err != nil {
		return nil, nil, fmt.Errorf("withdrawal: %w", err)
	}
	n, err := rlp.CountItems(payload)
	if err != nil {
		return nil, nil, fmt.Errorf("withdrawal: %w", err)
	}
	if n != 4 {
		return nil, nil, fmt.Errorf("withdrawal: %d fields, want 4", n)
	}
	w := new(Withdrawal)
	d := fieldDecoder{rest: payload, names: withdrawalFieldNames, what: "withdrawal"}
	w.Index = d.uint64()
	w.ValidatorIndex = d.uint64()
	d.fixed(w.Address[:])
	w.Amount = d.uint64()
	if d.err != nil {
		return nil, nil, d.err
	}
	return w, rest, nil
}

// UnmarshalJSON reads the fixtures' and t8n's form, where every number is a
// hex quantity.
func (w *Withdrawal) UnmarshalJSON(data []byte) error {
	var raw struct {
		Index          *Uint64  `json:"index"`
		ValidatorIndex *Uint64  `json:"validatorIndex"`
		Address        *Address `json:"address"`
		Amount         *Uint64  `json:"amount"`
	}
	if err := json.Unmarshal(data, &raw); err != nil {
		return fmt.Errorf("withdrawal: %w", err)
	}
	switch {
	case raw.Index == nil:
		return fmt.Errorf("withdrawal: missing field index")
	case raw.ValidatorIndex == nil:
		return fmt.Errorf("withdrawal: missing field validatorIndex")
	case raw.Address == nil:
		return fmt.Errorf("withdrawal: missing field address")
	case raw.Amount == nil:
		return fmt.Errorf("withdrawal: missing field amount")
	}
	*w = Withdrawal{uint64(*raw.Index), uint64(*raw.ValidatorIndex), *raw.Address, uint64(*raw.Amount)}
	return nil
}

// MarshalJSON writes numbers as hex quantities.
func (w Withdrawal) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		Index          Uint64  `json:"index"`
		ValidatorIndex Uint64  `json:"validatorIndex"`
		Address        Address `json:"address"`
		Amount         Uint64  `json:"amount"`
	}{Uint64(w.Index), Uint64(w.ValidatorIndex), w.Address, Uint64(w.Amount)})
}
