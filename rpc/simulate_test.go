package rpc

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/goevm/goevm/types"
	"github.com/holiman/uint256"
)

// eth_simulateV1 beyond the execution-apis files (which the conformance
// runner replays against geth's answers): bad input, the chain left alone,
// and the semantics the spec (execution-apis src/eth/execute.yaml,
// docs/reference/eth_simulateV1) states, checked on a dev node.

// simResult is the part of a simulated block the tests read.
type simResult struct {
	Number       string       `json:"number"`
	Hash         types.Hash   `json:"hash"`
	ParentHash   types.Hash   `json:"parentHash"`
	Timestamp    string       `json:"timestamp"`
	StateRoot    types.Hash   `json:"stateRoot"`
	GasUsed      string       `json:"gasUsed"`
	BaseFee      string       `json:"baseFeePerGas"`
	Miner        string       `json:"miner"`
	Transactions []types.Hash `json:"transactions"`
	Calls        []struct {
		ReturnData string `json:"returnData"`
		GasUsed    string `json:"gasUsed"`
		Status     string `json:"status"`
		Logs       []struct {
			Address         types.Address `json:"address"`
			Topics          []types.Hash  `json:"topics"`
			Data            string        `json:"data"`
			BlockHash       types.Hash    `json:"blockHash"`
			TransactionHash types.Hash    `json:"transactionHash"`
		} `json:"logs"`
		Error *struct {
			Code    int    `json:"code"`
			Message string `json:"message"`
			Data    string `json:"data"`
		} `json:"error"`
	} `json:"calls"`
}

func (n *testNode) simulate(opts map[string]any, tag any) []simResult {
	n.t.Helper()
	var out []simResult
	n.call(&out, "eth_simulateV1", opts, tag)
	return out
}

// TestSimulateBadInput: each malformed or over-limit request gets the error
// code the spec gives (execution-apis execute.yaml: -38020 block numbers,
// -38021 timestamps, -38026 client limits; -32602 for bad parameters) with
// a message naming the problem, and the node keeps serving, its chain
// unchanged.
func TestSimulateBadInput(t *testing.T) {
	n := newNode(t)
	n.send(map[string]any{"from": devAddr0, "to": types.Address{1}, "value": "0x1"})
	before := n.snap()
	head := n.blockNumber()
	blocks := func(k int) []any {
		out := make([]any, k)
		for i := range out {
			out[i] = map[string]any{}
		}
		return out
	}
	manyCalls := make([]any, maxSimulateCallsPerBlock+1)
	for i := range manyCalls {
		manyCalls[i] = map[string]any{}
	}
	num := func(v uint64) map[string]any {
		return map[string]any{"blockOverrides": map[string]any{"number": "0x" + uint256.NewInt(v).Hex()[2:]}}
	}
	cases := []struct {
		name   string
		params []any
		code   int
		msg    string
	}{
		{"no params", []any{}, -32602, "missing value for required argument 0"},
		{"opts not an object", []any{"0x1"}, -32602, "invalid argument 0"},
		{"blockStateCalls not an array", []any{map[string]any{"blockStateCalls": "x"}}, -32602, "blockStateCalls"},
		{"call gas not a quantity", []any{map[string]any{"blockStateCalls": []any{map[string]any{"calls": []any{map[string]any{"gas": true}}}}}}, -32602, "blockStateCalls[0].calls[0].gas"},
		{"state override balance not a quantity", []any{map[string]any{"blockStateCalls": []any{map[string]any{}, map[string]any{"stateOverrides": map[string]any{
			"0xc000000000000000000000000000000000000000": map[string]any{"balance": "lots"},
		}}}}}, -32602, "blockStateCalls[1].stateOverrides[0xc000000000000000000000000000000000000000].balance"},
		{"block override not an object", []any{map[string]any{"blockStateCalls": []any{map[string]any{"blockOverrides": 7}}}}, -32602, "blockStateCalls[0].blockOverrides"},
		{"bad block tag", []any{map[string]any{"blockStateCalls": blocks(1)}, "newest"}, -32602, "invalid argument 1"},
		{"extra argument", []any{map[string]any{"blockStateCalls": blocks(1)}, "latest", 1}, -32602, "too many arguments"},
		{"empty blockStateCalls", []any{map[string]any{"blockStateCalls": []any{}}}, -32602, "empty input"},
		{"257 blocks", []any{map[string]any{"blockStateCalls": blocks(257)}}, -38026, "too many blocks"},
		{"5001 calls in a block", []any{map[string]any{"blockStateCalls": []any{map[string]any{"calls": manyCalls}}}}, -38026, "too many calls"},
		{"number past base+256", []any{map[string]any{"blockStateCalls": []any{num(head + 257)}}}, -38026, "too many blocks"},
		{"number beyond 64 bits", []any{map[string]any{"blockStateCalls": []any{map[string]any{"blockOverrides": map[string]any{"number": "0x10000000000000000"}}}}}, -38026, "too many blocks"},
		{"numbers out of order", []any{map[string]any{"blockStateCalls": []any{num(head + 5), num(head + 3)}}}, -38020, "block numbers must be in order"},
		{"number not after base", []any{map[string]any{"blockStateCalls": []any{num(head)}}}, -38020, "block numbers must be in order"},
		{"times out of order", []any{map[string]any{"blockStateCalls": []any{
			map[string]any{"blockOverrides": map[string]any{"time": "0xffff0000"}},
			map[string]any{"blockOverrides": map[string]any{"time": "0xffff0000"}},
		}}}, -38021, "block timestamps must be in order"},
		{"unknown base block", []any{map[string]any{"blockStateCalls": blocks(1)}, "0xffff"}, -32000, "header not found"},
		{"move a non-precompile", []any{map[string]any{"blockStateCalls": []any{map[string]any{"stateOverrides": map[string]any{
			"0xc000000000000000000000000000000000000000": map[string]any{"movePrecompileToAddress": "0xc100000000000000000000000000000000000000"},
		}}}}}, -32000, "not a precompile"},
		{"call over the block's gas", []any{map[string]any{"blockStateCalls": []any{map[string]any{
			"blockOverrides": map[string]any{"gasLimit": "0x5208"},
			"calls":          []any{map[string]any{"from": devAddr0, "to": types.Address{1}, "gas": "0x5209"}},
		}}}}, -38015, "block gas limit reached"},
		{"no funds", []any{map[string]any{"blockStateCalls": []any{map[string]any{
			"calls": []any{map[string]any{"from": "0xc000000000000000000000000000000000000000", "to": types.Address{1}, "value": "0x1"}},
		}}}}, -38014, "insufficient funds"},
		{"intrinsic gas", []any{map[string]any{"blockStateCalls": []any{map[string]any{
			"calls": []any{map[string]any{"from": devAddr0, "to": types.Address{1}, "gas": "0x5207"}},
		}}}}, -38013, "intrinsic gas"},
		{"nonce too low with validation", []any{map[string]any{"validation": true, "blockStateCalls": []any{map[string]any{
			"calls": []any{map[string]any{"from": devAddr0, "to": types.Address{1}, "nonce": "0x0", "maxFeePerGas": "0x3b9aca000"}},
		}}}}, -38010, "nonce too low"},
	}
	for _, c := range cases {
		res, e := n.do("eth_simulateV1", c.params...)
		checkErr(t, c.name, res, e, c.code, c.msg)
	}
	n.unchanged(before, "failed eth_simulateV1 requests")
}

// TestSimulateLeavesChainAlone: a simulated transfer shows in the
// simulated blocks (the recipient's balance read by a later block's call)
// but not on the chain.
func TestSimulateLeavesChainAlone(t *testing.T) {
	n := newNode(t)
	before := n.snap()
	to := types.MustHexToAddress("0xc100000000000000000000000000000000000000")
	// PUSH20 to BALANCE PUSH0 MSTORE PUSH1 32 PUSH0 RETURN
	balanceOf := "0x73" + strings.TrimPrefix(to.Hex(), "0x") + "315f5260205ff3"
	reader := types.MustHexToAddress("0xc200000000000000000000000000000000000000")
	out := n.simulate(map[string]any{"blockStateCalls": []any{
		map[string]any{"calls": []any{map[string]any{"from": devAddr0, "to": to, "value": "0x3e8"}}},
		map[string]any{
			"stateOverrides": map[string]any{reader.Hex(): map[string]any{"code": balanceOf}},
			"calls":          []any{map[string]any{"from": devAddr0, "to": reader}},
		},
	}}, "latest")
	if len(out) != 2 {
		t.Fatalf("%d blocks, want 2", len(out))
	}
	// The second block sees the first's transfer: 1000 wei.
	if got := out[1].Calls[0].ReturnData; got != hexOf(word(1000)) {
		t.Errorf("balance read in block 2: %s, want 1000", got)
	}
	// A plain transfer costs 21,000 gas (yellow paper G_transaction).
	if out[0].Calls[0].GasUsed != "0x5208" || out[0].Calls[0].Status != "0x1" {
		t.Errorf("transfer: gasUsed %s status %s, want 0x5208 0x1", out[0].Calls[0].GasUsed, out[0].Calls[0].Status)
	}
	n.unchanged(before, "eth_simulateV1")
	if b := n.balance(to); !b.IsZero() {
		t.Errorf("recipient's balance on the chain: %s, want 0", b.Dec())
	}
}

// TestSimulateBlockSequence: blocks follow the base by number, 12 seconds
// apart by default (the spec's default timestamp increment), each naming
// the previous as parent; BLOCKHASH of a simulated block answers its
// simulated hash; a number gap is filled with empty blocks.
func TestSimulateBlockSequence(t *testing.T) {
	n := newNode(t)
	var head struct {
		Number    string     `json:"number"`
		Hash      types.Hash `json:"hash"`
		Timestamp string     `json:"timestamp"`
	}
	n.call(&head, "eth_getBlockByNumber", "latest", false)
	base := hexU64(t, json.RawMessage(`"`+head.Number+`"`))
	baseTime := hexU64(t, json.RawMessage(`"`+head.Timestamp+`"`))
	// NUMBER PUSH1 1 SWAP1 SUB BLOCKHASH PUSH0 MSTORE PUSH1 32 PUSH0 RETURN
	prevHash := "0x436001900340" + "5f5260205ff3"
	code := types.MustHexToAddress("0xc300000000000000000000000000000000000000")
	call := map[string]any{"from": devAddr0, "to": code}
	out := n.simulate(map[string]any{"blockStateCalls": []any{
		map[string]any{"stateOverrides": map[string]any{code.Hex(): map[string]any{"code": prevHash}}, "calls": []any{call}},
		map[string]any{"calls": []any{call}},
		map[string]any{"blockOverrides": map[string]any{"number": "0x" + uint256.NewInt(base + 5).Hex()[2:]}, "calls": []any{call}},
	}}, "latest")
	if len(out) != 5 {
		t.Fatalf("%d blocks, want 5 (3 asked, 2 filling the gap)", len(out))
	}
	parent := head.Hash
	for i, b := range out {
		if got := hexU64(t, json.RawMessage(`"`+b.Number+`"`)); got != base+1+uint64(i) {
			t.Errorf("block %d: number %d, want %d", i, got, base+1+uint64(i))
		}
		if got := hexU64(t, json.RawMessage(`"`+b.Timestamp+`"`)); got != baseTime+12*(1+uint64(i)) {
			t.Errorf("block %d: timestamp %d, want %d", i, got, baseTime+12*(1+uint64(i)))
		}
		if b.ParentHash != parent {
			t.Errorf("block %d: parent %s, want %s", i, b.ParentHash, parent)
		}
		parent = b.Hash
	}
	// Each call reads the hash of the block before its own.
	want := []types.Hash{head.Hash, out[0].Hash, out[3].Hash}
	for i, b := range []simResult{out[0], out[1], out[4]} {
		if got := b.Calls[0].ReturnData; got != want[i].Hex() {
			t.Errorf("BLOCKHASH(number-1) in call %d: %s, want %s", i, got, want[i])
		}
	}
	if len(out[2].Calls) != 0 || len(out[2].Transactions) != 0 {
		t.Errorf("gap block has calls: %+v", out[2])
	}
}

// TestSimulateOldBase: a simulation on an older block gives what the same
// simulation gave when that block was the head (the state root is computed
// from the block's own state, not the newest).
func TestSimulateOldBase(t *testing.T) {
	n := newNode(t)
	opts := map[string]any{"blockStateCalls": []any{map[string]any{
		"calls": []any{map[string]any{"from": devAddr0, "to": types.Address{9}, "value": "0x1"}},
	}}}
	head := n.blockNumber()
	atHead := n.simulate(opts, "latest")
	n.send(map[string]any{"from": devAddr0, "to": types.Address{1}, "value": "0x1"})
	if n.blockNumber() == head {
		t.Fatal("no block mined")
	}
	later := n.simulate(opts, "0x"+uint256.NewInt(head).Hex()[2:])
	if atHead[0].StateRoot != later[0].StateRoot || atHead[0].Hash != later[0].Hash {
		t.Errorf("on block %d as head: root %s hash %s; later: root %s hash %s",
			head, atHead[0].StateRoot, atHead[0].Hash, later[0].StateRoot, later[0].Hash)
	}
}

// TestSimulateTraceTransfers: with traceTransfers an ether transfer is an
// ERC-7528 log (address 0xeee...e, the ERC-20 Transfer topic, from, to, the
// value as data); without it there is none (execution-apis
// eth_simulateV1 docs). Log block hashes are the simulated block's.
func TestSimulateTraceTransfers(t *testing.T) {
	n := newNode(t)
	to := types.MustHexToAddress("0xc100000000000000000000000000000000000000")
	opts := func(trace bool) map[string]any {
		return map[string]any{"traceTransfers": trace, "blockStateCalls": []any{map[string]any{
			"calls": []any{map[string]any{"from": devAddr0, "to": to, "value": "0x3e8"}},
		}}}
	}
	if out := n.simulate(opts(false), "latest"); len(out[0].Calls[0].Logs) != 0 {
		t.Errorf("logs without traceTransfers: %+v", out[0].Calls[0].Logs)
	}
	out := n.simulate(opts(true), "latest")
	logs := out[0].Calls[0].Logs
	if len(logs) != 1 {
		t.Fatalf("%d logs, want 1", len(logs))
	}
	l := logs[0]
	// keccak256("Transfer(address,address,uint256)"), as in ERC-20.
	topic := types.MustHexToHash("0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef")
	wantTopics := []types.Hash{topic, types.BytesToHash(devAddr0[:]), types.BytesToHash(to[:])}
	if l.Address != types.MustHexToAddress("0xEeeeeEeeeEeEeeEeEeEeeEEEeeeeEeeeeeeeEEeE") {
		t.Errorf("log address %s", l.Address)
	}
	if len(l.Topics) != 3 || l.Topics[0] != wantTopics[0] || l.Topics[1] != wantTopics[1] || l.Topics[2] != wantTopics[2] {
		t.Errorf("topics %v, want %v", l.Topics, wantTopics)
	}
	if l.Data != hexOf(word(1000)) || l.BlockHash != out[0].Hash || l.TransactionHash != out[0].Transactions[0] {
		t.Errorf("log %+v: want data 1000, block %s, tx %s", l, out[0].Hash, out[0].Transactions[0])
	}
}

// TestSimulateCallFailures: a failed call is in the block with status 0
// and an error: code 3 with the revert data for a revert, -32015 for any
// other failure (execution-apis execute.yaml CallResultFailure).
func TestSimulateCallFailures(t *testing.T) {
	n := newNode(t)
	reverter := types.MustHexToAddress("0xc400000000000000000000000000000000000000")
	looper := types.MustHexToAddress("0xc500000000000000000000000000000000000000")
	out := n.simulate(map[string]any{"blockStateCalls": []any{map[string]any{
		"stateOverrides": map[string]any{
			reverter.Hex(): map[string]any{"code": "0x60aa5f5260205ffd"}, // PUSH1 0xaa PUSH0 MSTORE PUSH1 32 PUSH0 REVERT
			looper.Hex():   map[string]any{"code": "0x5b5f56"},           // JUMPDEST PUSH0 JUMP: runs out of gas
		},
		"calls": []any{
			map[string]any{"from": devAddr0, "to": reverter},
			map[string]any{"from": devAddr0, "to": looper, "gas": "0x186a0"},
		},
	}}}, "latest")
	calls := out[0].Calls
	if len(calls) != 2 || len(out[0].Transactions) != 2 {
		t.Fatalf("calls %d, transactions %d; want 2 and 2", len(calls), len(out[0].Transactions))
	}
	if c := calls[0]; c.Status != "0x0" || c.Error == nil || c.Error.Code != 3 || c.Error.Data != hexOf(word(0xaa)) || c.ReturnData != "0x" {
		t.Errorf("revert: %+v (error %+v)", c, c.Error)
	}
	if c := calls[1]; c.Status != "0x0" || c.Error == nil || c.Error.Code != -32015 || c.Error.Message != "out of gas" || c.GasUsed != "0x186a0" {
		t.Errorf("out of gas: %+v (error %+v)", c, c.Error)
	}
}

// TestSimulateFeesAndWithdrawals: without validation the base fee is 0
// (the spec: so calls without a price run); with it, the EIP-1559 base fee
// after the parent (gas used 0: 7/8 of the parent's), and an unpriced call
// is refused with -38012. A withdrawal override credits its amount in gwei
// (EIP-4895), visible to the next block.
func TestSimulateFeesAndWithdrawals(t *testing.T) {
	n := newNode(t)
	var head struct {
		BaseFee string `json:"baseFeePerGas"`
		GasUsed string `json:"gasUsed"`
	}
	n.call(&head, "eth_getBlockByNumber", "latest", false)
	if head.GasUsed != "0x0" {
		t.Fatalf("head gas used %s, want an empty head", head.GasUsed)
	}
	parentFee := hexU64(t, json.RawMessage(`"`+head.BaseFee+`"`))

	free := n.simulate(map[string]any{"blockStateCalls": []any{map[string]any{
		"calls": []any{map[string]any{"from": devAddr0, "to": types.Address{1}}},
	}}}, "latest")
	if free[0].BaseFee != "0x0" || free[0].Calls[0].Status != "0x1" {
		t.Errorf("without validation: base fee %s, call status %s; want 0x0 and 0x1", free[0].BaseFee, free[0].Calls[0].Status)
	}

	priced := n.simulate(map[string]any{"validation": true, "blockStateCalls": []any{map[string]any{
		"calls": []any{map[string]any{"from": devAddr0, "to": types.Address{1}, "maxFeePerGas": "0x174876e800"}},
	}}}, "latest")
	if got := hexU64(t, json.RawMessage(`"`+priced[0].BaseFee+`"`)); got != parentFee-parentFee/8 {
		t.Errorf("with validation: base fee %d, want %d (7/8 of %d)", got, parentFee-parentFee/8, parentFee)
	}
	n.fail(-38012, "", "eth_simulateV1", map[string]any{"validation": true, "blockStateCalls": []any{map[string]any{
		"calls": []any{map[string]any{"from": devAddr0, "to": types.Address{1}}},
	}}}, "latest")

	who := types.MustHexToAddress("0xc600000000000000000000000000000000000000")
	reader := types.MustHexToAddress("0xc700000000000000000000000000000000000000")
	out := n.simulate(map[string]any{"blockStateCalls": []any{
		map[string]any{"blockOverrides": map[string]any{"withdrawals": []any{
			map[string]any{"index": "0x0", "validatorIndex": "0x1", "address": who, "amount": "0x2"},
		}}},
		map[string]any{
			"stateOverrides": map[string]any{reader.Hex(): map[string]any{"code": "0x73" + strings.TrimPrefix(who.Hex(), "0x") + "315f5260205ff3"}},
			"calls":          []any{map[string]any{"from": devAddr0, "to": reader}},
		},
	}}, "latest")
	if got := out[1].Calls[0].ReturnData; got != hexOf(word(2_000_000_000)) {
		t.Errorf("balance after a 2 gwei withdrawal: %s, want 2e9 wei", got)
	}
}
