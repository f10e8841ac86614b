package rpc

import (
	"testing"

	"github.com/goevm/goevm/types"
)

// With traceTransfers a SELFDESTRUCT's balance is an ERC-7528 transfer
// log, from the contract to the beneficiary, as geth's simulator logs it
// from the tracer's SELFDESTRUCT frame (internal/ethapi logtracer onEnter).
// The simulator sets only OnEnter/OnExit, so the interpreter's fast loop
// runs and must report that frame itself.
func TestSimulateTraceTransfersSelfdestruct(t *testing.T) {
	n := newNode(t)
	contract := types.MustHexToAddress("0xc600000000000000000000000000000000000000")
	bene := types.MustHexToAddress("0x00000000000000000000000000000000000000bb")
	out := n.simulate(map[string]any{"traceTransfers": true, "blockStateCalls": []any{map[string]any{
		"stateOverrides": map[string]any{
			contract.Hex(): map[string]any{"code": "0x60bbff", "balance": "0x3e8"}, // PUSH1 0xbb SELFDESTRUCT
		},
		"calls": []any{map[string]any{"from": devAddr0, "to": contract}},
	}}}, "latest")
	logs := out[0].Calls[0].Logs
	if len(logs) != 1 {
		t.Fatalf("%d logs, want 1: %+v", len(logs), logs)
	}
	l := logs[0]
	if l.Address != types.MustHexToAddress("0xEeeeeEeeeEeEeeEeEeEeeEEEeeeeEeeeeeeeEEeE") || len(l.Topics) != 3 ||
		l.Topics[1] != types.BytesToHash(contract[:]) || l.Topics[2] != types.BytesToHash(bene[:]) || l.Data != hexOf(word(1000)) {
		t.Errorf("log %+v, want an ERC-7528 Transfer of 1000 from %s to %s", l, contract, bene)
	}
}
