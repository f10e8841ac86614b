package rpc

import (
	"fmt"
	"strings"
	"testing"

	"github.com/goevm/goevm/chain"
	"github.com/goevm/goevm/fork"
	"github.com/goevm/goevm/types"
)

// amsterdamBlock is the part of a block these tests compare.
type amsterdamBlock struct {
	Number              string      `json:"number"`
	Timestamp           string      `json:"timestamp"`
	Miner               string      `json:"miner"`
	MixHash             types.Hash  `json:"mixHash"`
	ParentBeaconRoot    types.Hash  `json:"parentBeaconBlockRoot"`
	StateRoot           types.Hash  `json:"stateRoot"`
	GasUsed             string      `json:"gasUsed"`
	BlockAccessListHash *types.Hash `json:"blockAccessListHash"`
	Hash                types.Hash  `json:"hash"`
}

// TestSimulateBlockAccessListHash: under EIP-7928 a simulated block commits
// to its access list as a mined one does (geth's simulator builds it from
// the pre-execution system calls, each call and the post-execution ones,
// and AssembleBlock sets blockAccessListHash). The expected value is the
// mined block's: the node mines a call writing a slot and moving value,
// then eth_simulateV1 with validation replays that call on the block's
// parent with the block's environment; the access list hash, state root
// and gas used must be the mined block's (whose access list the
// differential tests hold equal to geth's for such blocks).
func TestSimulateBlockAccessListHash(t *testing.T) {
	n := newNode(t, func(c *chain.Config) { c.Fork = fork.Amsterdam })
	// runtime: SSTORE(0, CALLVALUE); STOP
	r := n.send(map[string]any{"from": devAddr0, "input": types.EncodeHex(initCode([]byte{0x34, 0x60, 0x00, 0x55, 0x00}))})
	if r.Status != "0x1" || r.ContractAddress == nil {
		t.Fatalf("deploy: %+v", r)
	}
	to := *r.ContractAddress
	call := map[string]any{"from": devAddr0, "to": to, "value": "0x5", "gas": "0x7a120", "maxFeePerGas": "0x174876e800", "maxPriorityFeePerGas": "0x3b9aca00"}
	var nonce string
	n.call(&nonce, "eth_getTransactionCount", devAddr0, "latest")
	call["nonce"] = nonce
	mined := n.send(call)
	if mined.Status != "0x1" {
		t.Fatalf("call: %+v", mined)
	}
	var b, parent amsterdamBlock
	n.call(&b, "eth_getBlockByNumber", mined.BlockNumber, false)
	n.call(&parent, "eth_getBlockByNumber", fmt.Sprintf("0x%x", hexU64(t, []byte(`"`+mined.BlockNumber+`"`))-1), false)
	if b.BlockAccessListHash == nil {
		t.Fatalf("mined Amsterdam block without blockAccessListHash: %+v", b)
	}
	var out []amsterdamBlock
	n.call(&out, "eth_simulateV1", map[string]any{"validation": true, "blockStateCalls": []any{map[string]any{
		"blockOverrides": map[string]any{"time": b.Timestamp, "feeRecipient": b.Miner, "prevRandao": b.MixHash, "beaconRoot": b.ParentBeaconRoot, "withdrawals": []any{}},
		"calls":          []any{call},
	}}}, parent.Number)
	if len(out) != 1 {
		t.Fatalf("%d simulated blocks, want 1", len(out))
	}
	s := out[0]
	if s.BlockAccessListHash == nil || *s.BlockAccessListHash != *b.BlockAccessListHash {
		t.Errorf("simulated blockAccessListHash %v, mined %v", s.BlockAccessListHash, b.BlockAccessListHash)
	}
	if s.StateRoot != b.StateRoot || s.GasUsed != b.GasUsed {
		t.Errorf("simulated state root %s gas %s, mined %s gas %s", s.StateRoot, s.GasUsed, b.StateRoot, b.GasUsed)
	}
	if s.Hash != b.Hash {
		t.Logf("simulated hash %s, mined %s (other header fields may differ)", s.Hash, b.Hash)
	}

	// Before Amsterdam a simulated block has no blockAccessListHash.
	o := newNode(t)
	var osaka []amsterdamBlock
	o.call(&osaka, "eth_simulateV1", map[string]any{"blockStateCalls": []any{map[string]any{
		"calls": []any{map[string]any{"from": devAddr0, "to": to, "value": "0x5"}},
	}}}, "latest")
	if osaka[0].BlockAccessListHash != nil {
		t.Errorf("Osaka simulated block with blockAccessListHash %s", osaka[0].BlockAccessListHash)
	}
}

// TestSimulateExecutionGasCapEIP8037: with validation eth_simulateV1 keeps
// EIP-8037's execution cap (geth v1.17.10's simulator sets
// SkipExecutionGasCapCheck only without validation): gas above
// TX_MAX_GAS_LIMIT is the state-gas reservoir, given back when the call
// halts, and the block reserves at most 2^24 execution gas per call
// (GasPool.Available/CheckGasAmsterdam); without validation the whole gas
// limit is execution gas and burns, and the block's remaining gas is the
// limit less the larger dimension.
func TestSimulateExecutionGasCapEIP8037(t *testing.T) {
	n := newNode(t, func(c *chain.Config) { c.Fork = fork.Amsterdam })
	loop := types.MustHexToAddress("0xc800000000000000000000000000000000000000")
	fresh := types.MustHexToAddress("0xc900000000000000000000000000000000000000")
	overrides := map[string]any{loop.Hex(): map[string]any{"code": "0x5b5f56"}} // JUMPDEST PUSH0 JUMP
	const capGas = 1 << 24
	looping := func(gas uint64) map[string]any {
		return map[string]any{"from": devAddr0, "to": loop, "gas": fmt.Sprintf("0x%x", gas), "maxFeePerGas": "0x174876e800"}
	}
	for _, c := range []struct {
		validation bool
		used       uint64
	}{
		{true, capGas},              // 2^24 of execution burned; the reservoir's 1,000,000 returns
		{false, capGas + 1_000_000}, // all execution, all burned
	} {
		out := n.simulate(map[string]any{"validation": c.validation, "blockStateCalls": []any{map[string]any{
			"stateOverrides": overrides, "calls": []any{looping(capGas + 1_000_000)},
		}}}, "latest")
		call := out[0].Calls[0]
		if call.Status != "0x0" || call.GasUsed != fmt.Sprintf("0x%x", c.used) || out[0].GasUsed != fmt.Sprintf("0x%x", c.used) {
			t.Errorf("validation %v: status %s, call gasUsed %s, block gasUsed %s; want 0x0 and %#x", c.validation, call.Status, call.GasUsed, out[0].GasUsed, c.used)
		}
	}

	// A 40M block after a call that used 2^24 execution gas and no state
	// gas: with validation 40M - 2^24 execution gas is still at least
	// 2^24, so a call may ask for the whole state dimension (40M);
	// without validation only 40M - 2^24.
	second := map[string]any{"from": devAddr0, "to": fresh, "gas": fmt.Sprintf("0x%x", 30_000_000), "maxFeePerGas": "0x174876e800"}
	block := func(validation bool) map[string]any {
		return map[string]any{"validation": validation, "blockStateCalls": []any{map[string]any{
			"blockOverrides": map[string]any{"gasLimit": fmt.Sprintf("0x%x", 40_000_000)},
			"stateOverrides": overrides, "calls": []any{looping(capGas), second},
		}}}
	}
	out := n.simulate(block(true), "latest")
	if c := out[0].Calls; len(c) != 2 || c[0].GasUsed != fmt.Sprintf("0x%x", capGas) || c[1].Status != "0x1" || c[1].GasUsed != "0x3a98" {
		t.Errorf("validation: calls %+v; want the loop at 2^24 and a 15000-gas call", c)
	}
	n.fail(codeSimBlockGasLimit, "block gas limit reached", "eth_simulateV1", block(false), "latest")

	// A calldata floor above 2^24 (EIP-7976: 300000 bytes x 4 tokens x 16
	// = 19.2M): with validation the call is refused as geth refuses it
	// (ErrFloorDataGas, no code of its own: -32603); without, it runs.
	data := "0x" + strings.Repeat("ab", 300_000)
	floorCall := map[string]any{"from": devAddr0, "to": fresh, "input": data, "gas": fmt.Sprintf("0x%x", 20_000_000), "maxFeePerGas": "0x174876e800"}
	n.fail(codeInternal, "above the execution cap", "eth_simulateV1", map[string]any{"validation": true, "blockStateCalls": []any{map[string]any{"calls": []any{floorCall}}}}, "latest")
	out = n.simulate(map[string]any{"blockStateCalls": []any{map[string]any{"calls": []any{floorCall}}}}, "latest")
	if c := out[0].Calls[0]; c.Status != "0x1" || c.GasUsed != fmt.Sprintf("0x%x", 15000+300_000*4*16) {
		t.Errorf("without validation: %+v; want success at the floor", c)
	}
}
