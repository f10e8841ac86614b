package types

import (
	"errors"
	"fmt"

	"github.com/goevm/goevm/rlp"
	"github.com/holiman/uint256"
)

// EmptyRootHash is the root of an empty trie, keccak256(rlp("")), and
// EmptyCodeHash is keccak256 of no code. (crypto has the same values; types
// cannot import crypto.)
var (
	EmptyRootHash = MustHexToHash("0x56e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421")
	EmptyCodeHash = MustHexToHash("0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470")
)

// ErrAccountDecode wraps every failure to decode an account's RLP.
var ErrAccountDecode = errors.New("invalid account RLP")

// Account is an account as the state trie stores it (Yellow Paper 4.1).
type Account struct {
	Nonce    uint64
	Balance  uint256.Int
	Root     Hash // storage trie root
	CodeHash Hash
}

// NewAccount is an account with no storage and no code.
func NewAccount() Account {
	return Account{Root: EmptyRootHash, CodeHash: EmptyCodeHash}
}

// EncodeRLP returns rlp([nonce, balance, storageRoot, codeHash]).
func (a *Account) EncodeRLP() []byte {
	var p [1 + 9 + 33 + 33 + 33]byte
	b := rlp.AppendUint64(p[:0], a.Nonce)
	b = rlp.AppendU256(b, &a.Balance)
	b = rlp.AppendString(b, a.Root[:])
	b = rlp.AppendString(b, a.CodeHash[:])
	return rlp.WrapList(b)
}

// DecodeAccountRLP decodes an account strictly.
func DecodeAccountRLP(b []byte) (*Account, error) {
	payload, rest, err := rlp.SplitList(b)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrAccountDecode, err)
	}
	if len(rest) != 0 {
		return nil, fmt.Errorf("%w: %d trailing bytes", ErrAccountDecode, len(rest))
	}
	if n, err := rlp.CountItems(payload); err != nil || n != 4 {
		if err == nil {
			err = fmt.Errorf("%d fields, want 4", n)
		}
		return nil, fmt.Errorf("%w: %w", ErrAccountDecode, err)
	}
	r := &txReader{rest: payload}
	a := new(Account)
	a.Nonce = r.uint64("nonce")
	r.u256("balance", &a.Balance)
	r.fixedHash("storageRoot", &a.Root)
	r.fixedHash("codeHash", &a.CodeHash)
	if r.err != nil {
		return nil, fmt.Errorf("%w: %w", ErrAccountDecode, r.err)
	}
	return a, nil
}
