package types

import (
	"encoding/json"
	"fmt"

	"github.com/holiman/uint256"
)

// JSON for block access lists, in the field names of execution-spec-tests'
// models (geth's core/types/bal JSON has the same): every number a hex
// quantity, slots and storage values quantities too, code hex bytes.

type balJSONAccount struct {
	Address        Address         `json:"address"`
	StorageChanges []balJSONSlot   `json:"storageChanges"`
	StorageReads   []string        `json:"storageReads"`
	BalanceChanges []balJSONChange `json:"balanceChanges"`
	NonceChanges   []balJSONChange `json:"nonceChanges"`
	CodeChanges    []balJSONCode   `json:"codeChanges"`
}

type balJSONSlot struct {
	Slot    string          `json:"slot"`
	Changes []balJSONChange `json:"slotChanges"`
}

type balJSONChange struct {
	Index       Uint64 `json:"blockAccessIndex"`
	PostValue   string `json:"postValue,omitempty"`
	PostBalance string `json:"postBalance,omitempty"`
	PostNonce   string `json:"postNonce,omitempty"`
}

type balJSONCode struct {
	Index   Uint64 `json:"blockAccessIndex"`
	NewCode Bytes  `json:"newCode"`
}

func wordQuantity(w Hash) string {
	var v uint256.Int
	v.SetBytes(w[:])
	return v.Hex()
}

func parseWord(s string) (Hash, error) {
	v, err := ParseU256(s)
	if err != nil {
		return Hash{}, err
	}
	return v.Bytes32(), nil
}

// MarshalJSON writes the account's changes with hex quantities.
func (a AccountChanges) MarshalJSON() ([]byte, error) {
	out := balJSONAccount{Address: a.Address, StorageChanges: []balJSONSlot{}, StorageReads: []string{},
		BalanceChanges: []balJSONChange{}, NonceChanges: []balJSONChange{}, CodeChanges: []balJSONCode{}}
	for _, s := range a.StorageChanges {
		js := balJSONSlot{Slot: wordQuantity(s.Slot), Changes: []balJSONChange{}}
		for _, c := range s.Changes {
			js.Changes = append(js.Changes, balJSONChange{Index: Uint64(c.Index), PostValue: wordQuantity(c.Value)})
		}
		out.StorageChanges = append(out.StorageChanges, js)
	}
	for _, r := range a.StorageReads {
		out.StorageReads = append(out.StorageReads, wordQuantity(r))
	}
	for _, c := range a.BalanceChanges {
		out.BalanceChanges = append(out.BalanceChanges, balJSONChange{Index: Uint64(c.Index), PostBalance: c.Balance.Hex()})
	}
	for _, c := range a.NonceChanges {
		out.NonceChanges = append(out.NonceChanges, balJSONChange{Index: Uint64(c.Index), PostNonce: fmt.Sprintf("%#x", c.Nonce)})
	}
	for _, c := range a.CodeChanges {
		out.CodeChanges = append(out.CodeChanges, balJSONCode{Index: Uint64(c.Index), NewCode: c.Code})
	}
	return json.Marshal(out)
}

// UnmarshalJSON reads the form MarshalJSON writes; slots and values may
// also be written as 32-byte hex words.
func (a *AccountChanges) UnmarshalJSON(data []byte) error {
	var in balJSONAccount
	if err := json.Unmarshal(data, &in); err != nil {
		return err
	}
	out := AccountChanges{Address: in.Address}
	index := func(q Uint64) (uint32, error) {
		if q > 1<<32-1 {
			return 0, fmt.Errorf("block access index %d out of range", q)
		}
		return uint32(q), nil
	}
	for _, js := range in.StorageChanges {
		slot, err := parseWord(js.Slot)
		if err != nil {
			return fmt.Errorf("account %s slot: %w", in.Address, err)
		}
		sc := SlotChanges{Slot: slot}
		for _, c := range js.Changes {
			i, err := index(c.Index)
			if err != nil {
				return err
			}
			v, err := parseWord(c.PostValue)
			if err != nil {
				return fmt.Errorf("account %s slot %s value: %w", in.Address, js.Slot, err)
			}
			sc.Changes = append(sc.Changes, StorageChange{Index: i, Value: v})
		}
		out.StorageChanges = append(out.StorageChanges, sc)
	}
	for _, r := range in.StorageReads {
		w, err := parseWord(r)
		if err != nil {
			return fmt.Errorf("account %s storage read: %w", in.Address, err)
		}
		out.StorageReads = append(out.StorageReads, w)
	}
	for _, c := range in.BalanceChanges {
		i, err := index(c.Index)
		if err != nil {
			return err
		}
		v, err := ParseU256(c.PostBalance)
		if err != nil {
			return fmt.Errorf("account %s balance: %w", in.Address, err)
		}
		out.BalanceChanges = append(out.BalanceChanges, BalanceChange{Index: i, Balance: *v})
	}
	for _, c := range in.NonceChanges {
		i, err := index(c.Index)
		if err != nil {
			return err
		}
		n, err := ParseUint64(c.PostNonce)
		if err != nil {
			return fmt.Errorf("account %s nonce: %w", in.Address, err)
		}
		out.NonceChanges = append(out.NonceChanges, NonceChange{Index: i, Nonce: n})
	}
	for _, c := range in.CodeChanges {
		i, err := index(c.Index)
		if err != nil {
			return err
		}
		out.CodeChanges = append(out.CodeChanges, CodeChange{Index: i, Code: append([]byte{}, c.NewCode...)})
	}
	*a = out
	return nil
}
