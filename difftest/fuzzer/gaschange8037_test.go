package fuzzer

import (
	"fmt"
	"reflect"
	"testing"

	"github.com/ethereum/go-ethereum/core/tracing"
	"github.com/goevm/goevm/fork"
	"github.com/goevm/goevm/state"
	"github.com/goevm/goevm/trace"
	"github.com/goevm/goevm/types"
)

// repaidCase turns c into the one program that makes a caller's debt
// repaid (StateGasRepaid), which the generators do not reach: 50000 gas
// above 2^24 is the reservoir; SSTORE(0, 1) takes it and lends 47920 of
// execution gas; a DELEGATECALL clearing the slot again (0 -> 1 -> 0)
// refills the reservoir with 97920, which repays the 47920.
func repaidCase(c *Case) *Case {
	target, helper := types.Address{0xdd, 1}, types.Address{0xdd, 2}
	c.Pre[target] = &Account{Code: append(append([]byte{0x60, 0x01, 0x5f, 0x55, 0x5f, 0x5f, 0x5f, 0x5f, 0x73}, helper[:]...), 0x5a, 0xf4, 0x00)}
	c.Pre[helper] = &Account{Code: []byte{0x5f, 0x5f, 0x55, 0x00}}
	c.Block.GasLimit = 30_000_000
	c.Tx = Tx{Type: 0, From: Sender, To: &target, Nonce: c.Pre[Sender].Nonce, Gas: 1<<24 + 50_000, GasPrice: c.Block.BaseFee}
	c.Next = nil
	return c
}

// TestStateGasChangeReasons: the EIP-8037/EIP-2780 gas-change reasons
// (geth's core/tracing 20-23 and 25) goevm's hooks report equal geth
// v1.17.10's, reason and execution-gas change, in order, on generated
// Amsterdam programs. geth reports some with no execution-gas change (the
// reservoir covered them); goevm reports only changes, so those are left
// out of geth's list.
func TestStateGasChangeReasons(t *testing.T) {
	stateReason := func(r byte) bool { return r >= 20 && r <= 25 && r != 24 }
	n, seen := 300, 0
	byReason := map[string]int{}
	if testing.Short() {
		n = 60
	}
	for seed := uint64(0); seed <= uint64(n); seed++ {
		kind := GenStructured
		if seed%3 == 0 {
			kind = GenRaw
		}
		c := ForFork(NewGen(seed).Case(kind), fork.Amsterdam)
		if seed == 0 {
			c = repaidCase(c)
		}
		var ours, theirs []string
		RunGoevm(c, fork.Amsterdam, func(*state.Memory) *trace.Hooks {
			return &trace.Hooks{OnGasChange: func(old, new uint64, r trace.GasChangeReason) {
				if stateReason(byte(r)) {
					ours = append(ours, fmt.Sprintf("%d->%d %d", old, new, r))
				}
			}}
		})
		RunGeth(c, fork.Amsterdam, &tracing.Hooks{OnGasChange: func(old, new uint64, r tracing.GasChangeReason) {
			if stateReason(byte(r)) && old != new {
				theirs = append(theirs, fmt.Sprintf("%d->%d %d", old, new, r))
				byReason[r.String()]++
			}
		}})
		seen += len(theirs)
		if !reflect.DeepEqual(ours, theirs) {
			t.Errorf("seed %d (%s): goevm %q, geth %q", seed, kind, ours, theirs)
		}
	}
	if seen == 0 {
		t.Errorf("no state-gas movements in %d programs: the test compares nothing", n)
	}
	t.Logf("%d state-gas gas changes compared: %v", seen, byReason)
}
