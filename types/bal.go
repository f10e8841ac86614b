package types

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"

	"github.com/goevm/goevm/rlp"
	"github.com/holiman/uint256"
)

// BlockAccessList is EIP-7928's block-level access list: every account the
// block's execution accessed, in address order, each with the post-values
// of what changed, keyed by block access index (0 for the pre-execution
// system calls, i for transaction i counted from 1, n+1 for withdrawals and
// the post-execution system calls).
//
// RLP: [AccountChanges, ...], each AccountChanges
// [address, storage_changes, storage_reads, balance_changes, nonce_changes,
// code_changes]. Storage keys and values, balances, nonces and indices are
// RLP integers (execution-specs rlp_utils: Uint(slot), Uint(new_value)).
type BlockAccessList []AccountChanges

// AccountChanges is one account's entry.
type AccountChanges struct {
	Address        Address         `json:"address"`
	StorageChanges []SlotChanges   `json:"storageChanges"`
	StorageReads   []Hash          `json:"storageReads"` // slots read and not changed, ascending
	BalanceChanges []BalanceChange `json:"balanceChanges"`
	NonceChanges   []NonceChange   `json:"nonceChanges"`
	CodeChanges    []CodeChange    `json:"codeChanges"`
}

// SlotChanges are the post-values a slot took, by block access index.
type SlotChanges struct {
	Slot    Hash            `json:"slot"`
	Changes []StorageChange `json:"slotChanges"`
}

// StorageChange is a slot's value after the block access index's step.
type StorageChange struct {
	Index uint32 `json:"blockAccessIndex"`
	Value Hash   `json:"postValue"`
}

// BalanceChange is an account's balance after the step.
type BalanceChange struct {
	Index   uint32      `json:"blockAccessIndex"`
	Balance uint256.Int `json:"postBalance"`
}

// NonceChange is an account's nonce after the step.
type NonceChange struct {
	Index uint32 `json:"blockAccessIndex"`
	Nonce uint64 `json:"postNonce"`
}

// CodeChange is an account's code after the step.
type CodeChange struct {
	Index uint32 `json:"blockAccessIndex"`
	Code  []byte `json:"newCode"`
}

// EmptyBlockAccessListHash is keccak256(rlp([])), the blockAccessListHash
// of a block that accessed nothing (EIP-7928).
var EmptyBlockAccessListHash = keccak256([]byte{0xc0})

// appendWordInt appends a 32-byte word as an RLP integer: no leading zeros.
func appendWordInt(dst []byte, w *Hash) []byte {
	i := 0
	for i < len(w) && w[i] == 0 {
		i++
	}
	return rlp.AppendString(dst, w[i:])
}

// EncodeRLP returns the list's RLP encoding.
func (l BlockAccessList) EncodeRLP() []byte {
	var out []byte
	for i := range l {
		out = append(out, l[i].encodeRLP()...)
	}
	return rlp.WrapList(out)
}

func (a *AccountChanges) encodeRLP() []byte {
	p := rlp.AppendString(nil, a.Address[:])
	var sc []byte
	for i := range a.StorageChanges {
		s := &a.StorageChanges[i]
		var changes []byte
		for j := range s.Changes {
			c := &s.Changes[j]
			e := rlp.AppendUint64(nil, uint64(c.Index))
			e = appendWordInt(e, &c.Value)
			changes = append(changes, rlp.WrapList(e)...)
		}
		e := appendWordInt(nil, &s.Slot)
		e = append(e, rlp.WrapList(changes)...)
		sc = append(sc, rlp.WrapList(e)...)
	}
	p = append(p, rlp.WrapList(sc)...)
	var reads []byte
	for i := range a.StorageReads {
		reads = appendWordInt(reads, &a.StorageReads[i])
	}
	p = append(p, rlp.WrapList(reads)...)
	var bal []byte
	for i := range a.BalanceChanges {
		e := rlp.AppendUint64(nil, uint64(a.BalanceChanges[i].Index))
		e = rlp.AppendU256(e, &a.BalanceChanges[i].Balance)
		bal = append(bal, rlp.WrapList(e)...)
	}
	p = append(p, rlp.WrapList(bal)...)
	var nonces []byte
	for i := range a.NonceChanges {
		e := rlp.AppendUint64(nil, uint64(a.NonceChanges[i].Index))
		e = rlp.AppendUint64(e, a.NonceChanges[i].Nonce)
		nonces = append(nonces, rlp.WrapList(e)...)
	}
	p = append(p, rlp.WrapList(nonces)...)
	var codes []byte
	for i := range a.CodeChanges {
		e := rlp.AppendUint64(nil, uint64(a.CodeChanges[i].Index))
		e = rlp.AppendString(e, a.CodeChanges[i].Code)
		codes = append(codes, rlp.WrapList(e)...)
	}
	p = append(p, rlp.WrapList(codes)...)
	return rlp.WrapList(p)
}

// Hash is keccak256(rlp(l)), the header's blockAccessListHash.
func (l BlockAccessList) Hash() Hash { return keccak256(l.EncodeRLP()) }

// ItemCount is what EIP-7928's size limit counts: the accounts plus, per
// account, the slots changed and the slots read (a slot changed by several
// transactions counts once).
func (l BlockAccessList) ItemCount() uint64 {
	n := uint64(len(l))
	for i := range l {
		n += uint64(len(l[i].StorageChanges)) + uint64(len(l[i].StorageReads))
	}
	return n
}

// ErrBlockAccessListShape is the error of a list that breaks EIP-7928's
// ordering, uniqueness or bounds.
var ErrBlockAccessListShape = errors.New("malformed block access list")

// Validate checks the shape EIP-7928 requires: accounts strictly ascending
// by address; within each, changed slots strictly ascending with at least
// one change each and the changes strictly ascending by index, reads
// strictly ascending and disjoint from the changed slots, balance, nonce and
// code changes strictly ascending by index; no index above maxIndex (the
// block's transaction count + 1); no code longer than maxCode (0: no
// limit). Errors wrap ErrBlockAccessListShape and name the account.
func (l BlockAccessList) Validate(maxIndex uint32, maxCode int) error {
	for i := range l {
		a := &l[i]
		if i > 0 && bytes.Compare(l[i-1].Address[:], a.Address[:]) >= 0 {
			return fmt.Errorf("%w: account %s not after %s", ErrBlockAccessListShape, a.Address, l[i-1].Address)
		}
		if err := a.validate(maxIndex, maxCode); err != nil {
			return fmt.Errorf("%w: account %s: %w", ErrBlockAccessListShape, a.Address, err)
		}
	}
	return nil
}

func (a *AccountChanges) validate(maxIndex uint32, maxCode int) error {
	written := make(map[Hash]bool, len(a.StorageChanges))
	for i := range a.StorageChanges {
		s := &a.StorageChanges[i]
		if i > 0 && bytes.Compare(a.StorageChanges[i-1].Slot[:], s.Slot[:]) >= 0 {
			return fmt.Errorf("storage change slot %s not after %s", s.Slot, a.StorageChanges[i-1].Slot)
		}
		if len(s.Changes) == 0 {
			return fmt.Errorf("slot %s has no changes", s.Slot)
		}
		if err := ascending(s.Changes, func(c StorageChange) uint32 { return c.Index }, maxIndex); err != nil {
			return fmt.Errorf("slot %s: %w", s.Slot, err)
		}
		written[s.Slot] = true
	}
	for i := range a.StorageReads {
		r := &a.StorageReads[i]
		if i > 0 && bytes.Compare(a.StorageReads[i-1][:], r[:]) >= 0 {
			return fmt.Errorf("storage read %s not after %s", r, a.StorageReads[i-1])
		}
		if written[*r] {
			return fmt.Errorf("slot %s both read and changed", r)
		}
	}
	if err := ascending(a.BalanceChanges, func(c BalanceChange) uint32 { return c.Index }, maxIndex); err != nil {
		return fmt.Errorf("balance changes: %w", err)
	}
	if err := ascending(a.NonceChanges, func(c NonceChange) uint32 { return c.Index }, maxIndex); err != nil {
		return fmt.Errorf("nonce changes: %w", err)
	}
	if err := ascending(a.CodeChanges, func(c CodeChange) uint32 { return c.Index }, maxIndex); err != nil {
		return fmt.Errorf("code changes: %w", err)
	}
	for _, c := range a.CodeChanges {
		if maxCode > 0 && len(c.Code) > maxCode {
			return fmt.Errorf("code change at index %d is %d bytes, limit %d", c.Index, len(c.Code), maxCode)
		}
	}
	return nil
}

// ascending checks that the indices idx gives are strictly ascending and at
// most maxIndex.
func ascending[T any](s []T, idx func(T) uint32, maxIndex uint32) error {
	for i, c := range s {
		if i > 0 && cmp.Compare(idx(s[i-1]), idx(c)) >= 0 {
			return fmt.Errorf("index %d not after %d", idx(c), idx(s[i-1]))
		}
		if idx(c) > maxIndex {
			return fmt.Errorf("index %d above the block's last, %d", idx(c), maxIndex)
		}
	}
	return nil
}

// DecodeBlockAccessList decodes an RLP block access list strictly
// (canonical integers, no trailing bytes, the field counts the EIP gives).
// It does not check ordering: Validate does.
func DecodeBlockAccessList(b []byte) (BlockAccessList, error) {
	payload, rest, err := rlp.SplitList(b)
	if err != nil {
		return nil, fmt.Errorf("block access list: %w", err)
	}
	if len(rest) != 0 {
		return nil, fmt.Errorf("block access list: %d trailing bytes", len(rest))
	}
	l := BlockAccessList{}
	for len(payload) > 0 {
		var a AccountChanges
		if payload, err = a.split(payload); err != nil {
			return nil, fmt.Errorf("block access list account %d: %w", len(l), err)
		}
		l = append(l, a)
	}
	return l, nil
}

// splitWord reads an RLP integer of at most 32 bytes into a word.
func splitWord(b []byte) (Hash, []byte, error) {
	v, rest, err := rlp.SplitU256(b)
	if err != nil {
		return Hash{}, nil, err
	}
	return v.Bytes32(), rest, nil
}

// splitIndex reads a block access index (at most 32 bits).
func splitIndex(b []byte) (uint32, []byte, error) {
	v, rest, err := rlp.SplitUint64(b)
	if err != nil {
		return 0, nil, err
	}
	if v > 1<<32-1 {
		return 0, nil, fmt.Errorf("block access index %d out of range", v)
	}
	return uint32(v), rest, nil
}

// eachItem calls f on every item of the list at the front of b, f consuming
// it and returning what follows.
func eachItem(b []byte, what string, f func([]byte) ([]byte, error)) ([]byte, error) {
	payload, rest, err := rlp.SplitList(b)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	for len(payload) > 0 {
		if payload, err = f(payload); err != nil {
			return nil, fmt.Errorf("%s: %w", what, err)
		}
	}
	return rest, nil
}

// pair reads a two-item list [index, x] and hands x to second.
func pair(b []byte, second func([]byte) ([]byte, error)) (uint32, []byte, error) {
	payload, rest, err := rlp.SplitList(b)
	if err != nil {
		return 0, nil, err
	}
	idx, payload, err := splitIndex(payload)
	if err != nil {
		return 0, nil, err
	}
	if payload, err = second(payload); err != nil {
		return 0, nil, err
	}
	if len(payload) != 0 {
		return 0, nil, errors.New("change has more than two items")
	}
	return idx, rest, nil
}

func (a *AccountChanges) split(b []byte) ([]byte, error) {
	payload, rest, err := rlp.SplitList(b)
	if err != nil {
		return nil, err
	}
	if n, err := rlp.CountItems(payload); err != nil {
		return nil, err
	} else if n != 6 {
		return nil, fmt.Errorf("%d fields, want 6", n)
	}
	addr, payload, err := rlp.SplitString(payload)
	if err != nil {
		return nil, fmt.Errorf("address: %w", err)
	}
	if len(addr) != AddressLength {
		return nil, fmt.Errorf("address: %d bytes, want 20", len(addr))
	}
	copy(a.Address[:], addr)

	payload, err = eachItem(payload, "storage changes", func(b []byte) ([]byte, error) {
		sp, rest, err := rlp.SplitList(b)
		if err != nil {
			return nil, err
		}
		var s SlotChanges
		if s.Slot, sp, err = splitWord(sp); err != nil {
			return nil, fmt.Errorf("slot: %w", err)
		}
		sp, err = eachItem(sp, "slot changes", func(b []byte) ([]byte, error) {
			var c StorageChange
			idx, rest, err := pair(b, func(p []byte) (r []byte, err error) {
				c.Value, r, err = splitWord(p)
				return r, err
			})
			c.Index = idx
			s.Changes = append(s.Changes, c)
			return rest, err
		})
		if err != nil {
			return nil, err
		}
		if len(sp) != 0 {
			return nil, errors.New("slot changes entry has more than two items")
		}
		a.StorageChanges = append(a.StorageChanges, s)
		return rest, nil
	})
	if err != nil {
		return nil, err
	}
	payload, err = eachItem(payload, "storage reads", func(b []byte) ([]byte, error) {
		w, rest, err := splitWord(b)
		a.StorageReads = append(a.StorageReads, w)
		return rest, err
	})
	if err != nil {
		return nil, err
	}
	payload, err = eachItem(payload, "balance changes", func(b []byte) ([]byte, error) {
		var c BalanceChange
		idx, rest, err := pair(b, func(p []byte) ([]byte, error) {
			v, r, err := rlp.SplitU256(p)
			if err == nil {
				c.Balance = *v
			}
			return r, err
		})
		c.Index = idx
		a.BalanceChanges = append(a.BalanceChanges, c)
		return rest, err
	})
	if err != nil {
		return nil, err
	}
	payload, err = eachItem(payload, "nonce changes", func(b []byte) ([]byte, error) {
		var c NonceChange
		idx, rest, err := pair(b, func(p []byte) (r []byte, err error) {
			c.Nonce, r, err = rlp.SplitUint64(p)
			return r, err
		})
		c.Index = idx
		a.NonceChanges = append(a.NonceChanges, c)
		return rest, err
	})
	if err != nil {
		return nil, err
	}
	_, err = eachItem(payload, "code changes", func(b []byte) ([]byte, error) {
		var c CodeChange
		idx, rest, err := pair(b, func(p []byte) (r []byte, err error) {
			code, r, err := rlp.SplitString(p)
			c.Code = append([]byte{}, code...)
			return r, err
		})
		c.Index = idx
		a.CodeChanges = append(a.CodeChanges, c)
		return rest, err
	})
	if err != nil {
		return nil, err
	}
	return rest, nil
}

// Diff describes the first difference between l (computed) and other
// (claimed), naming the account and the field, or "" when they are equal.
func (l BlockAccessList) Diff(other BlockAccessList) string {
	if d := l.Diffs(other, 1); len(d) > 0 {
		return d[0]
	}
	return ""
}

// Diffs lists up to max differences (all with max <= 0) between l
// (computed) and other (claimed), one per account, naming the field.
func (l BlockAccessList) Diffs(other BlockAccessList, max int) []string {
	var out []string
	i, j := 0, 0
	for (i < len(l) || j < len(other)) && (max <= 0 || len(out) < max) {
		switch {
		case j == len(other) || (i < len(l) && bytes.Compare(l[i].Address[:], other[j].Address[:]) < 0):
			out = append(out, fmt.Sprintf("account %s missing from the claimed list", l[i].Address))
			i++
			continue
		case i == len(l) || bytes.Compare(l[i].Address[:], other[j].Address[:]) > 0:
			out = append(out, fmt.Sprintf("account %s in the claimed list was not accessed", other[j].Address))
			j++
			continue
		}
		if d := l[i].diff(&other[j]); d != "" {
			out = append(out, fmt.Sprintf("account %s: %s", l[i].Address, d))
		}
		i++
		j++
	}
	return out
}

func (a *AccountChanges) diff(b *AccountChanges) string {
	if x, y := rlpOfField(a, 1), rlpOfField(b, 1); !bytes.Equal(x, y) {
		return fmt.Sprintf("storage changes differ: computed %s, claimed %s", fmtSlots(a.StorageChanges), fmtSlots(b.StorageChanges))
	}
	if x, y := rlpOfField(a, 2), rlpOfField(b, 2); !bytes.Equal(x, y) {
		return fmt.Sprintf("storage reads differ: computed %v, claimed %v", a.StorageReads, b.StorageReads)
	}
	if x, y := rlpOfField(a, 3), rlpOfField(b, 3); !bytes.Equal(x, y) {
		return fmt.Sprintf("balance changes differ: computed %s, claimed %s", fmtBalances(a.BalanceChanges), fmtBalances(b.BalanceChanges))
	}
	if x, y := rlpOfField(a, 4), rlpOfField(b, 4); !bytes.Equal(x, y) {
		return fmt.Sprintf("nonce changes differ: computed %v, claimed %v", a.NonceChanges, b.NonceChanges)
	}
	if x, y := rlpOfField(a, 5), rlpOfField(b, 5); !bytes.Equal(x, y) {
		return fmt.Sprintf("code changes differ: computed %d, claimed %d", len(a.CodeChanges), len(b.CodeChanges))
	}
	return ""
}

// rlpOfField is the RLP of field n of the account's encoding.
func rlpOfField(a *AccountChanges, n int) []byte {
	payload, _, _ := rlp.SplitList(a.encodeRLP())
	for k := 0; k < n; k++ {
		_, _, payload, _ = rlp.Split(payload)
	}
	_, _, rest, _ := rlp.Split(payload)
	return payload[:len(payload)-len(rest)]
}

func fmtSlots(s []SlotChanges) string {
	var b bytes.Buffer
	b.WriteByte('[')
	for i, sc := range s {
		if i > 0 {
			b.WriteByte(' ')
		}
		fmt.Fprintf(&b, "%s:", sc.Slot)
		for _, c := range sc.Changes {
			fmt.Fprintf(&b, "{%d %s}", c.Index, c.Value)
		}
	}
	b.WriteByte(']')
	return b.String()
}

func fmtBalances(s []BalanceChange) string {
	var b bytes.Buffer
	b.WriteByte('[')
	for i, c := range s {
		if i > 0 {
			b.WriteByte(' ')
		}
		fmt.Fprintf(&b, "{%d %s}", c.Index, c.Balance.Dec())
	}
	b.WriteByte(']')
	return b.String()
}
