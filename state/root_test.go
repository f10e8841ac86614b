package state

import (
	"encoding/json"
	"path/filepath"
	"testing"

	"github.com/goevm/goevm/crypto"
	"github.com/goevm/goevm/internal/fixtures"
	"github.com/goevm/goevm/types"
)

type allocAccount struct {
	Balance string            `json:"balance"`
	Nonce   string            `json:"nonce"`
	Code    string            `json:"code"`
	Storage map[string]string `json:"storage"`
}

// loadAlloc builds a committed state from a fixture allocation with
// FromAlloc, so the fixture roots below check FromAlloc too.
func loadAlloc(t *testing.T, fixture map[string]allocAccount) *Memory {
	t.Helper()
	alloc := make(Alloc, len(fixture))
	for a, acc := range fixture {
		addr, err := types.HexToAddress(a)
		if err != nil {
			t.Fatal(err)
		}
		bal, err := types.ParseU256(acc.Balance)
		if err != nil {
			t.Fatal(err)
		}
		nonce, err := types.ParseUint64(acc.Nonce)
		if err != nil {
			t.Fatal(err)
		}
		code, err := types.DecodeHex(acc.Code)
		if err != nil {
			t.Fatal(err)
		}
		d := DumpAccount{Balance: *bal, Nonce: nonce, Code: code, Storage: map[types.Hash]types.Hash{}}
		for k, v := range acc.Storage {
			d.Storage[types.MustHexToHash(k)] = types.MustHexToHash(v)
		}
		alloc[addr] = d
	}
	return FromAlloc(alloc)
}

// TestStateRootsOfBlockchainFixtures checks IntermediateRoot against the
// state roots recorded in blockchain tests: the genesis header's root for
// "pre", and the last block's root for "postState".
func TestStateRootsOfBlockchainFixtures(t *testing.T) {
	dir := fixtures.Dir(t, "legacytests/Cancun/BlockchainTests/ValidBlocks")
	if testing.Short() {
		dir = filepath.Join(dir, "bcStateTests")
	}
	type header struct {
		StateRoot types.Hash `json:"stateRoot"`
		Hash      types.Hash `json:"hash"`
	}
	var checked int
	fixtures.EachJSON(t, dir, func(path string, data []byte) {
		var tests map[string]struct {
			Genesis   header                  `json:"genesisBlockHeader"`
			Pre       map[string]allocAccount `json:"pre"`
			Post      map[string]allocAccount `json:"postState"`
			LastBlock types.Hash              `json:"lastblockhash"`
			Blocks    []struct {
				Header *header `json:"blockHeader"`
			} `json:"blocks"`
		}
		if err := json.Unmarshal(data, &tests); err != nil {
			t.Errorf("%s: %v", path, err)
			return
		}
		for name, tc := range tests {
			if got := loadAlloc(t, tc.Pre).IntermediateRoot(false); got != tc.Genesis.StateRoot {
				t.Errorf("%s pre: root %s, want %s", name, got, tc.Genesis.StateRoot)
			}
			checked++
			if tc.Post == nil {
				continue
			}
			want := tc.Genesis.StateRoot
			for _, b := range tc.Blocks {
				if b.Header != nil && b.Header.Hash == tc.LastBlock {
					want = b.Header.StateRoot
				}
			}
			if got := loadAlloc(t, tc.Post).IntermediateRoot(false); got != want {
				t.Errorf("%s post: root %s, want %s", name, got, want)
			}
			checked++
		}
	})
	t.Logf("checked %d state roots", checked)
}

func TestEmptyStateRoot(t *testing.T) {
	if got := New().IntermediateRoot(true); got != crypto.EmptyRootHash {
		t.Errorf("empty state root %s", got)
	}
}

// TestStorageRootCacheFollowsChanges: after storage changes in a later
// transaction, the root must equal that of a state loaded fresh with the
// resulting values.
func TestStorageRootCacheFollowsChanges(t *testing.T) {
	m := preState()
	m.IntermediateRoot(true) // fills the caches
	m.BeginTx()
	m.SetState(alice, key1, types.Hash{})
	m.SetState(alice, key2, val2)
	got := m.IntermediateRoot(true)

	fresh := New()
	fresh.SetBalance(alice, u(100))
	fresh.SetNonce(alice, 1)
	fresh.SetCode(alice, []byte{0x60})
	fresh.SetState(alice, key2, val2)
	fresh.Commit()
	if want := fresh.IntermediateRoot(true); got != want {
		t.Errorf("root after change %s, fresh %s", got, want)
	}
}
