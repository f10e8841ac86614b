package evm

import (
	"testing"

	"github.com/goevm/goevm/fork"
	"github.com/holiman/uint256"
)

// EIP-8038's SSTORE table and EIP-8037's reservoir, with the values of the
// EIP texts (STORAGE_WRITE 10000, COLD_STORAGE_ACCESS 2100, WARM_ACCESS 100,
// STATE_BYTES_PER_STORAGE_SET 64 × CPSB 1530 = 97920) and the scenarios of
// geth's core/vm/eip8037_test.go (reservoir first, spill into execution gas
// when it is empty, inline refill of 0->A->0, refill on revert).
func TestSStoreStateGas8037(t *testing.T) {
	const gas = 1_000_000
	cases := []struct {
		name            string
		code            string
		reservoir       uint64
		wantUsed        uint64 // execution gas used
		wantReservoir   uint64
		wantState       int64
		wantErrReverted bool
	}{
		// New slot, cold: 2 PUSH1 + COLD_STORAGE_ACCESS + STORAGE_WRITE, state from the reservoir.
		{"new slot, reservoir", "6001600055", 200_000, 6 + 2100 + 10000, 200_000 - 97920, 97920, false},
		// Reservoir empty: the state gas spills into execution gas.
		{"new slot, spill", "6001600055", 0, 6 + 2100 + 10000 + 97920, 0, 97920, false},
		// 0 -> 1 -> 0: WARM_ACCESS for the second write, state gas refilled inline.
		{"0->A->0", "60016000556000600055", 200_000, 12 + 12100 + 100, 200_000, 0, false},
		// A revert gives back what it lent to state gas.
		{"revert", "600160005560006000fd", 0, 12 + 12100, 0, 0, true},
	}
	for _, c := range cases {
		e, db := newTestEVM(t, fork.Amsterdam)
		install(db, testContract, code(c.code))
		e.SetStateGasReservoir(c.reservoir)
		_, left, err := e.Call(testSender, testContract, nil, gas, new(uint256.Int))
		if (err == ErrExecutionReverted) != c.wantErrReverted || (err != nil && !c.wantErrReverted) {
			t.Fatalf("%s: err %v", c.name, err)
		}
		if used := gas - left; used != c.wantUsed {
			t.Errorf("%s: execution gas used %d, want %d", c.name, used, c.wantUsed)
		}
		if r := e.StateGasReservoir(); r != c.wantReservoir {
			t.Errorf("%s: reservoir %d, want %d", c.name, r, c.wantReservoir)
		}
		if s := e.StateGasUsed(); s != c.wantState {
			t.Errorf("%s: state gas %d, want %d", c.name, s, c.wantState)
		}
	}
}

// EIP-8038's SSTORE refunds: STORAGE_WRITE back on a 0->A->0 reset.
func TestSStoreRefund8038(t *testing.T) {
	e, db := newTestEVM(t, fork.Amsterdam)
	install(db, testContract, code("60016000556000600055"))
	e.SetStateGasReservoir(200_000)
	if _, _, err := e.Call(testSender, testContract, nil, 1_000_000, new(uint256.Int)); err != nil {
		t.Fatal(err)
	}
	if r := db.GetRefund(); r != fork.StorageWrite8038 {
		t.Errorf("refund %d, want STORAGE_WRITE %d", r, fork.StorageWrite8038)
	}
}

// Osaka keeps EIP-2929's SSTORE: a new cold slot costs 22100.
func TestSStoreOsakaUnchanged(t *testing.T) {
	_, left, err, _ := runAt(t, fork.Osaka, "6001600055", 100_000)
	if err != nil {
		t.Fatal(err)
	}
	if used := 100_000 - left; used != 6+22100 {
		t.Errorf("Osaka SSTORE used %d, want %d", used, 6+22100)
	}
}

// EIP-8038's account prices and EIP-8037's new-account state gas, per
// opcode: COLD_ACCOUNT_ACCESS 3000 (BALANCE, EXTCODEHASH), a WARM_ACCESS
// more for EXTCODESIZE's second read, CALL_VALUE 11300 and a new account
// (120 × 1530 = 183600 state gas) for CALL with value to an empty account,
// ACCOUNT_WRITE 9000 and the new account for SELFDESTRUCT funding one,
// CREATE_ACCESS 12000 and the new account for CREATE.
func TestAccountPrices8038(t *testing.T) {
	const gas, reservoir = 1_000_000, 200_000
	cases := []struct {
		name      string
		code      string
		wantUsed  uint64
		wantState int64
	}{
		{"BALANCE cold", "60bb3100", 3 + 3000, 0},
		{"EXTCODEHASH cold", "60bb3f00", 3 + 3000, 0},
		{"EXTCODESIZE cold", "60bb3b00", 3 + 3000 + 100, 0},
		{"CALL value to a new account", "6000600060006000600160bb6000f100", 7*3 + 3000 + 11300 - 2300, 183600}, // the stipend comes back unused
		{"SELFDESTRUCT to a new account", "60bbff", 3 + 5000 + 3000 + 9000, 183600},
		{"CREATE", "600060006000f000", 3*3 + 12000, 183600},
	}
	for _, c := range cases {
		e, db := newTestEVM(t, fork.Amsterdam)
		install(db, testContract, code(c.code))
		db.SetBalance(testContract, uint256.NewInt(10))
		e.SetStateGasReservoir(reservoir)
		_, left, err := e.Call(testSender, testContract, nil, gas, new(uint256.Int))
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if used := gas - left; used != c.wantUsed {
			t.Errorf("%s: execution gas used %d, want %d", c.name, used, c.wantUsed)
		}
		if s := e.StateGasUsed(); s != c.wantState {
			t.Errorf("%s: state gas %d, want %d", c.name, s, c.wantState)
		}
		if r := e.StateGasReservoir(); r != reservoir-uint64(c.wantState) {
			t.Errorf("%s: reservoir %d, want %d", c.name, r, reservoir-uint64(c.wantState))
		}
	}
}
