package rpc

import (
	"testing"

	"github.com/goevm/goevm/chain"
	"github.com/goevm/goevm/fork"
	"github.com/goevm/goevm/types"
)

// With EIP-7708 (Amsterdam) the protocol logs an ether transfer itself,
// from SYSTEM_ADDRESS; traceTransfers adds no ERC-7528 log of its own, or
// each transfer would be reported twice (geth's simulator drops them too).
func TestSimulateTransferLogsEIP7708(t *testing.T) {
	n := newNode(t, func(c *chain.Config) { c.Fork = fork.Amsterdam })
	to := types.MustHexToAddress("0xc100000000000000000000000000000000000000")
	for _, trace := range []bool{false, true} {
		out := n.simulate(map[string]any{"traceTransfers": trace, "blockStateCalls": []any{map[string]any{
			"calls": []any{map[string]any{"from": devAddr0, "to": to, "value": "0x3e8"}},
		}}}, "latest")
		logs := out[0].Calls[0].Logs
		if len(logs) != 1 {
			t.Fatalf("traceTransfers %v: %d logs, want 1: %+v", trace, len(logs), logs)
		}
		l := logs[0]
		if l.Address != types.MustHexToAddress("0xfffffffffffffffffffffffffffffffffffffffe") || len(l.Topics) != 3 ||
			l.Topics[1] != types.BytesToHash(devAddr0[:]) || l.Topics[2] != types.BytesToHash(to[:]) || l.Data != hexOf(word(1000)) {
			t.Errorf("traceTransfers %v: log %+v, want EIP-7708's Transfer of 1000 from SYSTEM_ADDRESS", trace, l)
		}
	}
}
