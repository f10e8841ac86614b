package state

import (
	"errors"
	"maps"
	"math/rand/v2"
	"testing"

	"github.com/goevm/goevm/types"
	"github.com/holiman/uint256"
)

// randomTx applies the same random transaction (the operations of
// TestDatabaseReadThrough) to every state given.
func randomTx(rng *rand.Rand, states ...*Memory) {
	ops := make([]int, 1+rng.IntN(6))
	args := make([][3]byte, len(ops))
	for i := range ops {
		ops[i] = rng.IntN(8)
		v := byte(0)
		if rng.IntN(3) != 0 {
			v = byte(1 + rng.IntN(200))
		}
		args[i] = [3]byte{byte(rng.IntN(12)), byte(rng.IntN(6)), v}
	}
	for _, s := range states {
		s.BeginTx()
		snap := -1
		for i, op := range ops {
			applyOp(s, op, types.Address{19: args[i][0]}, types.Hash{31: args[i][1]}, types.Hash{31: args[i][2]}, &snap)
		}
		s.Finalise(true)
	}
}

func seeded() *Memory {
	m := New()
	for i := 0; i < 8; i++ {
		a := types.Address{19: byte(i)}
		m.SetBalance(a, uint256.NewInt(uint64(i)))
		m.SetState(a, types.Hash{31: 1}, types.Hash{31: byte(i + 1)})
	}
	m.Commit()
	return m
}

func sameDump(t *testing.T, what string, got, want map[types.Address]DumpAccount) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s: %d accounts, want %d", what, len(got), len(want))
	}
	for a, w := range want {
		g := got[a]
		if g.Balance != w.Balance || g.Nonce != w.Nonce || string(g.Code) != string(w.Code) || !maps.Equal(g.Storage, w.Storage) {
			t.Fatalf("%s: account %s: %+v, want %+v", what, a, g, w)
		}
	}
}

// TestCopyMatchesPlainState runs random transactions on a plain Memory and
// on a chain of copies (each transaction on a fresh copy of the last, which
// is sometimes merged back); the copies must read like the plain state, and
// a copy left behind must keep the state it was taken from.
func TestCopyMatchesPlainState(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	plain, cur := seeded(), seeded()
	type kept struct {
		m    *Memory
		want map[types.Address]DumpAccount
	}
	var old []kept
	for tx := 0; tx < 400; tx++ {
		next := cur.Copy()
		if tx%25 == 0 {
			old = append(old, kept{cur.Copy(), plain.Dump()})
		}
		// Several transactions on one copy: deletions leave entries that
		// must keep hiding the base's account through a revert.
		for range 1 + rng.IntN(3) {
			if rng.IntN(3) == 0 {
				_ = next.Copy() // freezes next's own accounts into a layer Merge must carry over
			}
			randomTx(rng, plain, next)
		}
		if rng.IntN(2) == 0 {
			if err := cur.Merge(next); err != nil {
				t.Fatalf("tx %d: merge: %v", tx, err)
			}
		} else {
			cur = next
		}
		if tx%40 == 39 {
			// The root reads the base layers in place; Dump then flattens
			// the copy, and the next transactions go on from there.
			if got, want := cur.IntermediateRoot(true), plain.IntermediateRoot(true); got != want {
				t.Fatalf("tx %d: root %s, want %s", tx, got, want)
			}
			sameDump(t, "copy", cur.Dump(), plain.Dump())
		}
	}
	for _, k := range old {
		sameDump(t, "kept copy", k.m.Dump(), k.want)
	}
}

// TestCopyOverDatabase: a copy of a Memory reading through a Database
// reports, with Changes, what differs from the Database.
func TestCopyOverDatabase(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	plain := seeded()
	db := mapDB(plain.Dump())
	cur := NewWithDatabase(db)
	for tx := 0; tx < 200; tx++ {
		next := cur.Copy()
		randomTx(rng, plain, next)
		cur = next
	}
	if err := cur.Err(); err != nil {
		t.Fatal(err)
	}
	db.apply(cur.Changes())
	sameDump(t, "store", db, plain.Dump())
}

func TestMergeRefusesStaleCopy(t *testing.T) {
	m := preState()
	c := m.Copy()
	m.BeginTx()
	m.AddBalance(alice, u(1))
	m.Finalise(true)
	if err := m.Merge(c); !errors.Is(err, ErrMergeStale) {
		t.Fatalf("merge after the parent changed: %v, want ErrMergeStale", err)
	}
	if err := New().Merge(m.Copy()); !errors.Is(err, ErrMergeStale) {
		t.Fatalf("merge into another state: %v, want ErrMergeStale", err)
	}
}

func TestDiff(t *testing.T) {
	m := preState() // alice: balance 100, nonce 1, slot1 = val1
	c := m.Copy()
	c.BeginTx()
	c.AddBalance(alice, u(5))
	c.SetState(alice, key1, types.Hash{})
	c.SetState(alice, key2, val2)
	c.SetBalance(bob, u(7))
	_ = c.GetBalance(types.Address{0xcc}) // read only: no diff
	c.Finalise(true)

	diffs := map[types.Address]AccountDiff{}
	for _, d := range c.Diff() {
		diffs[d.Address] = d
	}
	if len(diffs) != 2 {
		t.Fatalf("%d accounts differ, want 2 (alice, bob): %+v", len(diffs), diffs)
	}
	a := diffs[alice]
	if a.Before.Balance.Uint64() != 100 || a.After.Balance.Uint64() != 105 {
		t.Errorf("alice balance %v -> %v, want 100 -> 105", &a.Before.Balance, &a.After.Balance)
	}
	want := map[types.Hash]SlotDiff{key1: {val1, types.Hash{}}, key2: {types.Hash{}, val2}}
	if !maps.Equal(a.Storage, want) {
		t.Errorf("alice storage %v, want %v", a.Storage, want)
	}
	if b := diffs[bob]; b.Before != nil || b.After == nil || b.After.Balance.Uint64() != 7 {
		t.Errorf("bob %+v, want created with balance 7", b)
	}
	if bal := m.GetBalance(alice); bal.Uint64() != 100 || m.GetState(alice, key2) != (types.Hash{}) || m.Exist(bob) {
		t.Error("the copy's changes leaked into the original")
	}
}

// BenchmarkCopy100k copies a state of 100k accounts (3 slots each) and
// changes one account in the copy: the cost must not grow with the state.
func BenchmarkCopy100k(b *testing.B) {
	m := bigState(100_000, 3)
	addr := types.Address{19: 1}
	b.ReportAllocs()
	for b.Loop() {
		c := m.Copy()
		c.BeginTx()
		c.AddBalance(addr, u(1))
		c.Finalise(true)
	}
}

// An account deleted in a copy and re-created in a later transaction whose
// creation is reverted must stay deleted, not reappear from the base.
func TestCopyDeletedStaysDeletedThroughRevert(t *testing.T) {
	c := preState().Copy()
	c.BeginTx()
	c.SelfDestruct(alice)
	c.Finalise(true)
	c.BeginTx()
	snap := c.Snapshot()
	c.AddBalance(alice, u(1))
	c.RevertToSnapshot(snap)
	c.Finalise(true)
	if c.Exist(alice) {
		t.Fatal("alice came back from the base layer after a reverted re-creation")
	}
}

// BenchmarkCopy100kRoot is Copy, one change, then the state root: the root
// pulls every shared account into the copy (flatten), the price of O(1)
// copies. Compare BenchmarkStateRoot100kWarm.
func BenchmarkCopy100kRoot(b *testing.B) {
	m := bigState(100_000, 3)
	m.IntermediateRoot(true)
	addr := types.Address{19: 1}
	b.ReportAllocs()
	for b.Loop() {
		c := m.Copy()
		c.BeginTx()
		c.AddBalance(addr, u(1))
		c.IntermediateRoot(true)
	}
}

func TestDiffDeletedAccount(t *testing.T) {
	c := preState().Copy() // alice: balance 100, slot1 = val1
	c.BeginTx()
	c.SelfDestruct(alice)
	c.Finalise(true)
	d := c.Diff()
	if len(d) != 1 || d[0].Address != alice || d[0].Before == nil || d[0].After != nil {
		t.Fatalf("diff %+v, want alice deleted", d)
	}
	if want := map[types.Hash]SlotDiff{key1: {val1, types.Hash{}}}; !maps.Equal(d[0].Storage, want) {
		t.Fatalf("storage %v, want %v", d[0].Storage, want)
	}
	if New().Diff() != nil {
		t.Error("Diff of a state that is not a copy should be nil")
	}
}
