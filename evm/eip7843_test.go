package evm

import (
	"errors"
	"testing"

	"github.com/goevm/goevm/fork"
	"github.com/goevm/goevm/trace"
	"github.com/holiman/uint256"
)

// TestSLOTNUM pins EIP-7843: SLOTNUM (0x4b) pushes the block's slot number
// as a uint64, for a fixed fee of 2 gas; before Amsterdam 0x4b is undefined.
func TestSLOTNUM(t *testing.T) {
	const slot = 0x0102030405060708
	for _, path := range []interpreterPath{pathFast, pathChecked, pathTraced} {
		e, db := newTestEVM(t, fork.Amsterdam)
		e.Block.SlotNumber = slot
		e.checkedOnly = path == pathChecked
		if path == pathTraced {
			e.tracer = trace.NoopHooks()
		}
		install(db, testContract, code("4b"+returnTop))
		ret, left, err := e.Call(testSender, testContract, nil, 100_000, new(uint256.Int))
		if err != nil || word(ret).Uint64() != slot {
			t.Errorf("%v: SLOTNUM gave %x, %v", path, ret, err)
		}
		// SLOTNUM 2, PUSH1 3, MSTORE 3 + 3 (one word of memory), PUSH1 PUSH1 3+3, RETURN 0.
		if used := 100_000 - left; used != 2+3+3+3+3+3 {
			t.Errorf("%v: used %d gas", path, used)
		}
	}
	if _, _, err, _ := runAt(t, fork.Osaka, "4b", 100_000); !errors.Is(err, ErrInvalidOpcode) {
		t.Errorf("Osaka: %v", err)
	}
}
