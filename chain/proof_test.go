package chain

import (
	"errors"
	"testing"

	"github.com/goevm/goevm/crypto"
	"github.com/goevm/goevm/rlp"
	"github.com/goevm/goevm/trie"
	"github.com/goevm/goevm/types"
	"github.com/holiman/uint256"
)

// checkProof verifies p with trie.VerifyProof (which needs no chain) against
// root, and its fields against the state the chain reads from its history
// at block n (c.State).
func checkProof(t *testing.T, c *Chain, p *AccountProof, root types.Hash, n uint64) {
	t.Helper()
	k := crypto.Keccak256(p.Address[:])
	enc, err := trie.VerifyProof(root, k[:], p.AccountProof)
	if err != nil {
		t.Fatalf("block %d account %s: %v", n, p.Address, err)
	}
	st := c.State(n)
	if enc == nil {
		if st.Exist(p.Address) || !p.Balance.IsZero() || p.CodeHash != types.EmptyCodeHash || p.StorageHash != types.EmptyRootHash {
			t.Fatalf("block %d: absence of %s proven, proof says %+v", n, p.Address, p)
		}
	} else {
		acc, err := types.DecodeAccountRLP(enc)
		if err != nil {
			t.Fatal(err)
		}
		bal := st.GetBalance(p.Address)
		if acc.Balance != p.Balance || acc.Nonce != p.Nonce || acc.CodeHash != p.CodeHash || acc.Root != p.StorageHash ||
			bal != p.Balance || st.GetNonce(p.Address) != p.Nonce {
			t.Fatalf("block %d %s: proven %+v, proof %+v, state balance %s", n, p.Address, acc, p, &bal)
		}
	}
	for _, sp := range p.StorageProof {
		sk := crypto.Keccak256(sp.Key[:])
		v, err := trie.VerifyProof(p.StorageHash, sk[:], sp.Proof)
		if err != nil {
			t.Fatalf("block %d %s slot %s: %v", n, p.Address, sp.Key, err)
		}
		var proven uint256.Int
		if v != nil {
			content, _, err := rlp.SplitString(v)
			if err != nil {
				t.Fatal(err)
			}
			proven.SetBytes(content)
		}
		want := st.GetState(p.Address, sp.Key)
		if proven != sp.Value || sp.Value.Bytes32() != want {
			t.Fatalf("block %d %s slot %s: proven %s, proof %s, state %s", n, p.Address, sp.Key, &proven, &sp.Value, want)
		}
	}
}

// TestProof proves accounts and slots (present and absent) in the newest
// state, in the pending state with dev edits, and in older blocks whose
// slots later changed, each against the state root of its block's header.
func TestProof(t *testing.T) {
	c, from := testChain(t, "")
	defer c.Close()
	to := types.Address{19: 0x42}
	absent := types.Address{19: 0x99}
	slot1, slot2 := types.Hash{31: 1}, types.Hash{31: 2}
	slots := []types.Hash{slot1, slot2, {0: 0xff}}

	proveAll := func(n uint64, root types.Hash) {
		t.Helper()
		for _, a := range []types.Address{from, to, absent} {
			p, err := c.Proof(a, slots, n)
			if err != nil {
				t.Fatal(err)
			}
			checkProof(t, c, p, root, n)
		}
	}
	proveAll(0, c.Head().Header.StateRoot)

	// Block 1: a transfer; block 2: slot1 = 7; block 3: slot1 = 9, slot2 =
	// 1; block 4: slot1 cleared, another transfer.
	if _, err := c.SendTransaction(signedTransfer(t, c, from, 0, to, 1000, nil)); err != nil {
		t.Fatal(err)
	}
	edits := []map[types.Hash]types.Hash{
		{slot1: {31: 7}},
		{slot1: {31: 9}, slot2: {31: 1}},
		{slot1: {}},
	}
	for _, e := range edits {
		for s, v := range e {
			if err := c.SetStorageAt(to, s, v); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := c.Mine(1, 0, nil); err != nil {
			t.Fatal(err)
		}
		head := c.Head().Header
		proveAll(head.Number, head.StateRoot)
	}
	if _, err := c.SendTransaction(signedTransfer(t, c, from, 1, to, 5, nil)); err != nil {
		t.Fatal(err)
	}
	headNum := c.Head().Header.Number
	for n := uint64(0); n <= headNum; n++ {
		blk, err := c.BlockByNumber(n)
		if err != nil {
			t.Fatal(err)
		}
		proveAll(n, blk.Header.StateRoot)
	}

	// A dev edit lands in the pending block: head+1 proves it (against the
	// tries' root, which the next block will start from), the head does not.
	if err := c.SetBalance(to, uint256.NewInt(12345)); err != nil {
		t.Fatal(err)
	}
	p, err := c.Proof(to, slots, headNum+1)
	if err != nil {
		t.Fatal(err)
	}
	if p.Balance.Uint64() != 12345 {
		t.Fatalf("pending balance %s", &p.Balance)
	}
	c.mu.Lock()
	pendingRoot := c.tries.root()
	c.mu.Unlock()
	checkProof(t, c, p, pendingRoot, headNum+1)
	proveAll(headNum, c.Head().Header.StateRoot)

	if _, err := c.Proof(to, nil, headNum+2); !errors.Is(err, ErrUnknownBlock) {
		t.Fatalf("proof beyond the pending block: %v", err)
	}
}
