package evm

import (
	"slices"
	"testing"

	"github.com/goevm/goevm/fork"
	"github.com/goevm/goevm/types"
	"github.com/holiman/uint256"
)

// FuzzInvariantsRevert runs random code against a random world (two
// contracts that can call each other, storage, balances) under a random
// fork, inside a journal snapshot. Whatever the code does: no panic, the
// gas left never exceeds the gas given, and reverting the snapshot gives
// back the exact state root from before the call.
func FuzzInvariantsRevert(f *testing.F) {
	f.Add(code("6001 6000 55 6000 6000 6000 6000 6000 73000000000000000000000000000000000000bb 5a f1"), []byte{1, 2, 3, 4}, byte(17), uint32(100_000))
	f.Add(code("30 ff"), []byte{9, 9}, byte(10), uint32(50_000))
	f.Add(code("6020 6000 6000 f0 6000 6000 a0 5d"), []byte{}, byte(16), uint32(300_000))
	f.Fuzz(func(t *testing.T, prog, world []byte, forkByte byte, gas32 uint32) {
		if len(prog) > 4096 || len(world) > 256 {
			return
		}
		fk := fork.Fork(int(forkByte) % (int(fork.Latest) + 1))
		other := types.MustHexToAddress("0x00000000000000000000000000000000000000bb")
		e, db := newTestEVM(t, fk)
		db.SetCode(testContract, prog)
		rev := slices.Clone(prog)
		slices.Reverse(rev)
		db.SetCode(other, rev)
		for i := 0; i+1 < len(world); i += 2 {
			db.SetState(testContract, types.Hash{31: world[i] % 8}, types.Hash{31: world[i+1]})
			db.SetBalance(other, uint256.NewInt(uint64(world[i])))
		}
		db.Commit()
		before := db.IntermediateRoot(fk >= fork.SpuriousDragon)
		db.BeginTx()

		gas := uint64(gas32 % 2_000_000)
		id := db.Snapshot()
		_, left, _ := e.Call(testSender, testContract, world, gas, uint256.NewInt(uint64(len(world))))
		if left > gas {
			t.Fatalf("gas left %d > gas given %d", left, gas)
		}
		db.RevertToSnapshot(id)
		if after := db.IntermediateRoot(fk >= fork.SpuriousDragon); after != before {
			t.Fatalf("root after revert %s, before %s (fork %v, code %x)", after, before, fk, prog)
		}
	})
}
