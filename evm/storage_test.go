package evm

import (
	"errors"
	"testing"

	"github.com/goevm/goevm/fork"
	"github.com/goevm/goevm/types"
	"github.com/holiman/uint256"
)

type sstoreCase struct {
	code     string
	used     uint64
	refund   uint64
	original byte
}

// runSStore runs c with slot 0 committed to c.original, returning gas used and refund.
func runSStore(t *testing.T, f fork.Fork, c sstoreCase, warm bool) (uint64, uint64) {
	t.Helper()
	e, db := newTestEVM(t, f)
	db.SetCode(testContract, code(c.code))
	db.SetState(testContract, types.Hash{}, types.Hash{31: c.original})
	db.Commit()
	db.BeginTx()
	if warm {
		db.AddSlotToAccessList(testContract, types.Hash{})
	}
	_, left, err := e.Call(testSender, testContract, nil, 100000, new(uint256.Int))
	if err != nil {
		t.Fatalf("%s: %v", c.code, err)
	}
	return 100000 - left, db.GetRefund()
}

// TestSStoreEIP1283 is the table in EIP-1283 (Constantinople).
func TestSStoreEIP1283(t *testing.T) {
	for _, c := range []sstoreCase{
		{"60006000556000600055", 412, 0, 0},
		{"60006000556001600055", 20212, 0, 0},
		{"60016000556000600055", 20212, 19800, 0},
		{"60016000556002600055", 20212, 0, 0},
		{"60016000556001600055", 20212, 0, 0},
		{"60006000556000600055", 5212, 15000, 1},
		{"60006000556001600055", 5212, 4800, 1},
		{"60006000556002600055", 5212, 0, 1},
		{"60026000556000600055", 5212, 15000, 1},
		{"60026000556003600055", 5212, 0, 1},
		{"60026000556001600055", 5212, 4800, 1},
		{"60026000556002600055", 5212, 0, 1},
		{"60016000556000600055", 5212, 15000, 1},
		{"60016000556002600055", 5212, 0, 1},
		{"60016000556001600055", 412, 0, 1},
		{"600160005560006000556001600055", 40218, 19800, 0},
		{"600060005560016000556000600055", 10218, 19800, 1},
	} {
		used, refund := runSStore(t, fork.Constantinople, c, false)
		if used != c.used || refund != c.refund {
			t.Errorf("%s (original %d): used %d refund %d, want %d %d", c.code, c.original, used, refund, c.used, c.refund)
		}
	}
}

// TestSStoreEIP2200 is the table in EIP-2200 (Istanbul).
func TestSStoreEIP2200(t *testing.T) {
	for _, c := range []sstoreCase{
		{"60006000556000600055", 1612, 0, 0},
		{"60006000556001600055", 20812, 0, 0},
		{"60016000556000600055", 20812, 19200, 0},
		{"60016000556002600055", 20812, 0, 0},
		{"60016000556001600055", 20812, 0, 0},
		{"60006000556000600055", 5812, 15000, 1},
		{"60006000556001600055", 5812, 4200, 1},
		{"60006000556002600055", 5812, 0, 1},
		{"60026000556000600055", 5812, 15000, 1},
		{"60026000556003600055", 5812, 0, 1},
		{"60026000556001600055", 5812, 4200, 1},
		{"60026000556002600055", 5812, 0, 1},
		{"60016000556000600055", 5812, 15000, 1},
		{"60016000556002600055", 5812, 0, 1},
		{"60016000556001600055", 1612, 0, 1},
		{"600160005560006000556001600055", 40818, 19200, 0},
		{"600060005560016000556000600055", 10818, 19200, 1},
	} {
		used, refund := runSStore(t, fork.Istanbul, c, false)
		if used != c.used || refund != c.refund {
			t.Errorf("%s (original %d): used %d refund %d, want %d %d", c.code, c.original, used, refund, c.used, c.refund)
		}
	}
	// Petersburg withdrew EIP-1283: back to Frontier pricing (20000 set, 5000 otherwise).
	used, refund := runSStore(t, fork.Petersburg, sstoreCase{"60016000556000600055", 0, 0, 0}, false)
	if used != 12+20000+5000 || refund != 15000 {
		t.Errorf("Petersburg: used %d refund %d", used, refund)
	}
}

// TestSStoreLondon prices by hand from EIP-2929 and EIP-3529: warm read 100,
// cold slot +2100, reset 5000-2100 = 2900, clear refund 4800.
func TestSStoreLondon(t *testing.T) {
	cases := []struct {
		c    sstoreCase
		warm bool
	}{
		{sstoreCase{"60006000556000600055", 12 + 100 + 100, 0, 0}, true},
		{sstoreCase{"60006000556000600055", 12 + 2100 + 100 + 100, 0, 0}, false},
		{sstoreCase{"60016000556000600055", 12 + 20000 + 100, 20000 - 100, 0}, true},
		{sstoreCase{"60006000556000600055", 12 + 2900 + 100, 4800, 1}, true},
		{sstoreCase{"60006000556001600055", 12 + 2900 + 100, 4800 - 4800 + 2900 - 100, 1}, true},
		{sstoreCase{"60006000556001600055", 12 + 2100 + 2900 + 100, 2800, 1}, false},
	}
	for _, c := range cases {
		used, refund := runSStore(t, fork.London, c.c, c.warm)
		if used != c.c.used || refund != c.c.refund {
			t.Errorf("%s (original %d, warm %v): used %d refund %d, want %d %d", c.c.code, c.c.original, c.warm, used, refund, c.c.used, c.c.refund)
		}
	}
}

// TestSStoreSentry: EIP-2200 makes SSTORE fail with 2300 gas or less left.
func TestSStoreSentry(t *testing.T) {
	// PUSH1 1 PUSH1 0 SSTORE with 6+2300 gas: 2300 left at the SSTORE.
	_, _, err, _ := runAt(t, fork.Istanbul, "6001600055", 2306)
	if !errors.Is(err, ErrOutOfGas) {
		t.Errorf("err = %v, want out of gas", err)
	}
}

func TestSloadColdWarm(t *testing.T) {
	// SLOAD slot 5 twice: 2100 cold then 100 warm (+ 2×PUSH1, POP).
	_, left, err, _ := runAt(t, fork.Berlin, "600554 50 600554", 100000)
	if used := 100000 - left; err != nil || used != 3+2100+2+3+100 {
		t.Errorf("used %d, %v", used, err)
	}
	_, left, _, _ = runAt(t, fork.Istanbul, "600554", 100000)
	if used := 100000 - left; used != 803 {
		t.Errorf("Istanbul SLOAD used %d, want 803", used)
	}
	_, left, _, _ = runAt(t, fork.Frontier, "600554", 100000)
	if used := 100000 - left; used != 53 {
		t.Errorf("Frontier SLOAD used %d, want 53", used)
	}
}

func TestTransientStorage(t *testing.T) {
	// TSTORE(1, 42) TLOAD(1) -> 42
	ret, left, err, db := runAt(t, fork.Cancun, "602a 6001 5d 6001 5c"+returnTop, 100000)
	if err != nil || !word(ret).Eq(u(42)) {
		t.Fatalf("TLOAD = %v, %v", word(ret), err)
	}
	if used := 100000 - left; used != 3+3+100+3+100+3+6+3+3 {
		t.Errorf("used %d", used)
	}
	if v := db.GetState(testContract, types.Hash{31: 1}); !v.IsZero() {
		t.Error("TSTORE wrote persistent storage")
	}
}
