package rpc

import (
	"fmt"
	"testing"

	"github.com/goevm/goevm/chain"
	"github.com/goevm/goevm/fork"
	"github.com/goevm/goevm/types"
)

// TestEstimateGasAboveExecutionCap: under EIP-8037 a transaction's gas may
// exceed 2^24 (the rest is the state-gas reservoir), and geth v1.17.10's
// estimator caps at 2^24 only for Osaka, not Amsterdam
// (eth/gasestimator). A creation returning 12288 bytes needs more: its
// intrinsic cost 24000 (EIP-2780: TX_BASE_COST + CREATE_ACCESS) + 72
// calldata + 2 initcode word, execution 6 + memory of 384 words 1440 + code
// hashing 384 x 6 = 2304 (27824), and state gas for the account 120 x 1530
// and the code 12288 x 1530 (18984240): 19012064 in all. The estimate is
// that, and the transaction sent with it deploys the code.
func TestEstimateGasAboveExecutionCap(t *testing.T) {
	n := newNode(t, func(c *chain.Config) { c.Fork = fork.Amsterdam })
	initcode := "0x6130006000f3" // PUSH2 0x3000 PUSH1 0 RETURN
	var est string
	n.call(&est, "eth_estimateGas", map[string]any{"from": devAddr0, "input": initcode})
	const want = 27824 + 120*1530 + 12288*1530
	if est != fmt.Sprintf("0x%x", want) {
		t.Fatalf("eth_estimateGas %s, want %#x (%d)", est, want, want)
	}
	r := n.send(map[string]any{"from": devAddr0, "input": initcode, "gas": est})
	if r.Status != "0x1" || r.GasUsed != est || r.ContractAddress == nil {
		t.Fatalf("sent with the estimate: %+v", r)
	}
	var code string
	n.call(&code, "eth_getCode", *r.ContractAddress, "latest")
	if len(code) != 2+2*12288 {
		t.Errorf("deployed %d bytes, want 12288", (len(code)-2)/2)
	}
	// Osaka keeps EIP-7825's 2^24 cap: the same creation (200 gas a byte
	// there, 2.5M) fits, but asking for more than 2^24 is capped, not refused.
	o := newNode(t)
	var capped string
	o.call(&capped, "eth_estimateGas", map[string]any{"from": devAddr0, "to": types.Address{1}, "gas": "0x2000000"})
	if capped != "0x5208" {
		t.Errorf("Osaka transfer estimate %s, want 0x5208", capped)
	}
}

// TestCreateAccessListExecutionCap: eth_createAccessList keeps EIP-8037's
// execution cap as geth v1.17.10 does (its message leaves
// SkipExecutionGasCapCheck off): a call that never stops burns 2^24 of
// execution gas and the reservoir above it comes back, so its gasUsed is
// 2^24 whatever gas it was given (geth's default is its RPC gas cap, 50M;
// goevm's the block's 30M). eth_call runs all its gas as execution.
func TestCreateAccessListExecutionCap(t *testing.T) {
	n := newNode(t, func(c *chain.Config) { c.Fork = fork.Amsterdam })
	r := n.send(map[string]any{"from": devAddr0, "input": types.EncodeHex(initCode([]byte{0x5b, 0x5f, 0x56}))}) // JUMPDEST PUSH0 JUMP
	if r.Status != "0x1" || r.ContractAddress == nil {
		t.Fatalf("deploy: %+v", r)
	}
	for _, gas := range []any{nil, fmt.Sprintf("0x%x", 1<<24+1_000_000)} {
		call := map[string]any{"from": devAddr0, "to": *r.ContractAddress}
		if gas != nil {
			call["gas"] = gas
		}
		var out struct {
			GasUsed string `json:"gasUsed"`
			Error   string `json:"error"`
		}
		n.call(&out, "eth_createAccessList", call, "latest")
		if out.GasUsed != "0x1000000" || out.Error == "" {
			t.Errorf("gas %v: gasUsed %s, error %q; want 2^24 and out of gas", gas, out.GasUsed, out.Error)
		}
	}
}
