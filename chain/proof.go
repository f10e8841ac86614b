package chain

import (
	"fmt"

	"github.com/goevm/goevm/crypto"
	"github.com/goevm/goevm/rlp"
	"github.com/goevm/goevm/trie"
	"github.com/goevm/goevm/types"
	"github.com/holiman/uint256"
)

// AccountProof is an account's Merkle proof as eth_getProof (EIP-1186)
// returns it: the account's fields, the state trie nodes on the path to its
// key (keccak of the address), and a proof per requested storage slot
// against the account's storage root. An absent account has the empty code
// hash and the empty storage root, as geth reports it.
type AccountProof struct {
	Address      types.Address
	AccountProof [][]byte
	Balance      uint256.Int
	CodeHash     types.Hash
	Nonce        uint64
	StorageHash  types.Hash
	StorageProof []StorageProof
}

// StorageProof is one slot's value and the storage trie nodes on the path
// to its key (keccak of the slot). An empty storage has an empty proof.
type StorageProof struct {
	Key   types.Hash
	Value uint256.Int
	Proof [][]byte
}

// Proof returns addr's proof, with slots', in the state at the end of block
// (block = head+1 is the pending state: the head's plus dev edits). The
// newest state is proved from the chain's tries; an older one from tries
// built from the history at that block, which takes time in proportion to
// the number of accounts.
func (c *Chain) Proof(addr types.Address, slots []types.Hash, block uint64) (*AccountProof, error) {
	if c.fork != nil {
		return nil, ErrForkProof
	}
	c.mu.RLock()
	defer c.mu.RUnlock()
	if block > c.headNum+1 {
		return nil, fmt.Errorf("%w: number %d (head is %d)", ErrUnknownBlock, block, c.headNum)
	}
	if block == c.headNum+1 || (block == c.headNum && len(c.pendingCh) == 0) {
		// Prove leaves the tries' caches alone, so the read lock suffices.
		return prove(&c.tries.accounts, c.tries.storage[addr], addr, slots)
	}
	accounts := trie.New()
	err := c.accountsAt(block, func(a types.Address, acc *types.Account) error {
		k := crypto.Keccak256(a[:])
		accounts.Put(k[:], acc.EncodeRLP())
		return nil
	})
	if err != nil {
		return nil, err
	}
	accounts.Hash() // a private trie: cache every reference once, not per proof
	storage, err := c.storageTrieAt(addr, block)
	if err != nil {
		return nil, err
	}
	if storage != nil {
		storage.Hash()
	}
	return prove(accounts, storage, addr, slots)
}

// prove reads addr's proof from the state trie accounts and addr's storage
// trie (nil if empty).
func prove(accounts, storage *trie.Trie, addr types.Address, slots []types.Hash) (*AccountProof, error) {
	k := crypto.Keccak256(addr[:])
	p := &AccountProof{Address: addr, CodeHash: types.EmptyCodeHash, StorageHash: types.EmptyRootHash}
	var err error
	if p.AccountProof, err = accounts.Prove(k[:]); err != nil {
		return nil, fmt.Errorf("account %s: %w", addr, err)
	}
	if enc := accounts.Get(k[:]); enc != nil {
		acc, err := types.DecodeAccountRLP(enc)
		if err != nil {
			return nil, fmt.Errorf("%w: account %s: %w", ErrStore, addr, err)
		}
		p.Balance, p.CodeHash, p.Nonce, p.StorageHash = acc.Balance, acc.CodeHash, acc.Nonce, acc.Root
	} else {
		storage = nil
	}
	p.StorageProof = make([]StorageProof, len(slots))
	for i, slot := range slots {
		sp := &p.StorageProof[i]
		sp.Key, sp.Proof = slot, [][]byte{}
		if storage == nil {
			continue
		}
		sk := crypto.Keccak256(slot[:])
		if sp.Proof, err = storage.Prove(sk[:]); err != nil {
			return nil, fmt.Errorf("slot %s of %s: %w", slot, addr, err)
		}
		if enc := storage.Get(sk[:]); enc != nil {
			v, _, err := rlp.SplitString(enc)
			if err == nil && len(v) > 32 {
				err = fmt.Errorf("%d bytes", len(v))
			}
			if err != nil {
				return nil, fmt.Errorf("%w: slot %s of %s: value %x: %w", ErrStore, slot, addr, enc, err)
			}
			sp.Value.SetBytes(v)
		}
	}
	if p.AccountProof == nil {
		p.AccountProof = [][]byte{}
	}
	return p, nil
}
