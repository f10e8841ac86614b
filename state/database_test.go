package state

import (
	"maps"
	"math/rand/v2"
	"testing"

	"github.com/goevm/goevm/crypto"
	"github.com/goevm/goevm/types"
	"github.com/holiman/uint256"
)

// mapDB is the simplest Database: a dump of a state.
type mapDB map[types.Address]DumpAccount

func (d mapDB) Account(addr types.Address) (*types.Account, error) {
	a, ok := d[addr]
	if !ok {
		return nil, nil
	}
	acc := types.NewAccount()
	acc.Nonce, acc.Balance = a.Nonce, a.Balance
	if len(a.Code) > 0 {
		acc.CodeHash = crypto.Keccak256(a.Code)
	}
	if len(a.Storage) > 0 {
		acc.Root = types.Hash{1} // any non-empty root
	}
	return &acc, nil
}

func (d mapDB) Code(addr types.Address, _ types.Hash) ([]byte, error) { return d[addr].Code, nil }

func (d mapDB) Storage(addr types.Address, slot types.Hash) (types.Hash, error) {
	return d[addr].Storage[slot], nil
}

// apply writes Changes into the dump, as a chain's store would.
func (d mapDB) apply(changes []AccountChange) {
	for _, c := range changes {
		if c.Deleted {
			delete(d, c.Address)
			continue
		}
		old := d[c.Address]
		st := map[types.Hash]types.Hash{}
		if !c.StorageWiped {
			maps.Copy(st, old.Storage)
		}
		for k, v := range c.Storage {
			if v.IsZero() {
				delete(st, k)
			} else {
				st[k] = v
			}
		}
		code := old.Code
		if c.CodeChanged {
			code = c.Code
		}
		d[c.Address] = DumpAccount{Balance: c.Balance, Nonce: c.Nonce, Code: code, Storage: st}
	}
}

// TestDatabaseReadThrough runs the same random transactions on a plain
// Memory and on a Memory reading through a Database that holds the same
// pre-state; the Database updated with Changes must equal the plain
// Memory's Dump after every transaction, and so must the state roots.
func TestDatabaseReadThrough(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	addr := func() types.Address { return types.Address{19: byte(rng.IntN(12))} }
	slot := func() types.Hash { return types.Hash{31: byte(rng.IntN(6))} }
	val := func() types.Hash {
		if rng.IntN(3) == 0 {
			return types.Hash{}
		}
		return types.Hash{31: byte(1 + rng.IntN(200))}
	}

	plain := New()
	for i := 0; i < 8; i++ {
		a := types.Address{19: byte(i)}
		plain.SetBalance(a, uint256.NewInt(uint64(i)))
		plain.SetState(a, types.Hash{31: 1}, types.Hash{31: byte(i + 1)})
	}
	plain.Commit()
	db := mapDB(plain.Dump())

	for tx := 0; tx < 300; tx++ {
		backed := NewWithDatabase(db)
		for _, s := range []*Memory{plain, backed} {
			s.BeginTx()
		}
		ops := make([]int, 1+rng.IntN(6))
		args := make([][3]any, len(ops))
		for i := range ops {
			ops[i] = rng.IntN(8)
			args[i] = [3]any{addr(), slot(), val()}
		}
		for _, s := range []*Memory{plain, backed} {
			snap := -1
			for i, op := range ops {
				applyOp(s, op, args[i][0].(types.Address), args[i][1].(types.Hash), args[i][2].(types.Hash), &snap)
			}
			s.Finalise(true)
		}
		if err := backed.Err(); err != nil {
			t.Fatal(err)
		}
		db.apply(backed.Changes())
		want := plain.Dump()
		if len(want) != len(db) {
			t.Fatalf("tx %d: %d accounts in the store, %d in plain state", tx, len(db), len(want))
		}
		for a, w := range want {
			g := db[a]
			if g.Balance != w.Balance || g.Nonce != w.Nonce || string(g.Code) != string(w.Code) || !maps.Equal(g.Storage, w.Storage) {
				t.Fatalf("tx %d: account %s: store %+v, plain %+v", tx, a, g, w)
			}
		}
	}
}

// applyOp applies one of the random operations the differential state
// tests share (op 0..7), then reads the slot back; *snap is the open
// snapshot, -1 when there is none.
func applyOp(s *Memory, op int, a types.Address, k, v types.Hash, snap *int) {
	switch op {
	case 0:
		s.AddBalance(a, uint256.NewInt(uint64(v[31])))
	case 1, 2:
		s.SetState(a, k, v)
	case 3:
		s.SelfDestruct(a)
	case 4:
		s.CreateAccount(a)
	case 5:
		s.SetCode(a, []byte{v[31]})
	case 6:
		*snap = s.Snapshot()
	case 7:
		if *snap >= 0 {
			s.RevertToSnapshot(*snap)
			*snap = -1
		}
	}
	_ = s.GetState(a, k)
}
