package evm

import (
	"testing"

	"github.com/goevm/goevm/fork"
	"github.com/goevm/goevm/types"
	"github.com/holiman/uint256"
)

// TestBlockAndTxEnvironment checks each environment opcode reads the field
// its EIP names, and PREVRANDAO replaces DIFFICULTY at the Merge (EIP-4399).
func TestBlockAndTxEnvironment(t *testing.T) {
	randao := types.Hash{31: 0x77}
	blob := types.Hash{0: 0x01, 31: 0x42}
	block := BlockContext{
		Coinbase: types.Address{19: 0xc0}, Number: 1000, Time: 12345, GasLimit: 8_000_000,
		Difficulty: *uint256.NewInt(131072), PrevRandao: randao,
		BaseFee: *uint256.NewInt(7), BlobBaseFee: *uint256.NewInt(3),
		GetHash: func(n uint64) types.Hash { return types.Hash{30: byte(n >> 8), 31: byte(n)} },
	}
	tx := TxContext{Origin: testSender, GasPrice: *uint256.NewInt(9), BlobHashes: []types.Hash{blob}}
	run := func(f fork.Fork, prog string) *uint256.Int {
		t.Helper()
		_, db := newTestEVM(t, f)
		install(db, testContract, code(prog+returnTop))
		e := New(block, tx, db, f.Rules(), Config{ChainID: 5})
		ret, _, err := e.Call(testSender, testContract, nil, 100000, new(uint256.Int))
		if err != nil {
			t.Fatalf("%v %s: %v", f, prog, err)
		}
		return word(ret)
	}
	cases := []struct {
		f    fork.Fork
		prog string
		want *uint256.Int
	}{
		{fork.Cancun, "41", u(0xc0)},
		{fork.Cancun, "42", u(12345)},
		{fork.Cancun, "43", u(1000)},
		{fork.Cancun, "45", u(8_000_000)},
		{fork.London, "44", u(131072)}, // DIFFICULTY
		{fork.Paris, "44", u(0x77)},    // PREVRANDAO
		{fork.Cancun, "46", u(5)},
		{fork.Cancun, "48", u(7)},
		{fork.Cancun, "4a", u(3)},
		{fork.Cancun, "3a", u(9)},
		{fork.Cancun, "32", new(uint256.Int).SetBytes(testSender[:])},
		{fork.Cancun, "6000 49", new(uint256.Int).SetBytes(blob[:])},
		{fork.Cancun, "6001 49", u(0)},
		{fork.Cancun, "6103e7 40", u(999)}, // the previous block
		{fork.Cancun, "6102e8 40", u(744)}, // 256 back: the oldest available
		{fork.Cancun, "6102e7 40", u(0)},   // 257 back: too old
		{fork.Cancun, "6103e8 40", u(0)},   // the current block: zero
	}
	for _, c := range cases {
		if got := run(c.f, c.prog); !got.Eq(c.want) {
			t.Errorf("%v %s = %v, want %v", c.f, c.prog, got, c.want)
		}
	}
}

func TestCallDataAndCode(t *testing.T) {
	_, db := newTestEVM(t, fork.Cancun)
	prog := "6001 35" + returnTop // CALLDATALOAD(1): bytes 1..32, zero-padded
	install(db, testContract, code(prog))
	e := New(BlockContext{}, TxContext{}, db, fork.Cancun.Rules(), Config{})
	ret, _, err := e.Call(testSender, testContract, []byte{0xaa, 0xbb, 0xcc}, 100000, new(uint256.Int))
	want := make([]byte, 32)
	want[0], want[1] = 0xbb, 0xcc
	if err != nil || string(ret) != string(want) {
		t.Errorf("CALLDATALOAD = %x, %v", ret, err)
	}
	// CODECOPY(0, 0, 40) of an 8-byte program pads with zeros; return word 1.
	ret, _, err, _ = runAt(t, fork.Cancun, "6028 6000 6000 39 6020 6020 f3", 100000)
	if err != nil || !word(ret).IsZero() || len(ret) != 32 {
		t.Errorf("CODECOPY padding = %x, %v", ret, err)
	}
	// RETURNDATACOPY past the (empty) return data fails.
	if _, _, err, _ := runAt(t, fork.Cancun, "6001 6000 6000 3e", 100000); err != ErrReturnDataOutOfBounds {
		t.Errorf("RETURNDATACOPY: %v", err)
	}
}

// TestCustomOp: an experimental opcode at an unused byte (0x0c) doubles the top.
func TestCustomOp(t *testing.T) {
	_, db := newTestEVM(t, fork.Cancun)
	install(db, testContract, code("6015 0c"+returnTop))
	double := CustomOp{Op: 0x0c, Pops: 1, Pushes: 1, Gas: 4, Run: func(s *Scope) error {
		v := s.Pop()
		v.Lsh(&v, 1)
		s.Push(&v)
		return nil
	}}
	e := New(BlockContext{}, TxContext{}, db, fork.Cancun.Rules(), Config{CustomOps: []CustomOp{double}})
	ret, left, err := e.Call(testSender, testContract, nil, 1000, new(uint256.Int))
	if err != nil || !word(ret).Eq(u(42)) || 1000-left != 3+4+3+6+3+3 {
		t.Errorf("custom op = %v (used %d), %v", word(ret), 1000-left, err)
	}
	plain := New(BlockContext{}, TxContext{}, db, fork.Cancun.Rules(), Config{})
	if _, _, err := plain.Call(testSender, testContract, nil, 1000, new(uint256.Int)); err == nil {
		t.Error("custom op leaked into the shared table")
	}
}
