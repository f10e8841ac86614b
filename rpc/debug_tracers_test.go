package rpc

import (
	"testing"

	"github.com/goevm/goevm/types"
	"github.com/holiman/uint256"
)

// prestateAccount is an account of geth's prestateTracer output.
type prestateAccount struct {
	Balance  string                `json:"balance"`
	Nonce    uint64                `json:"nonce"`
	Code     *string               `json:"code"`
	CodeHash *string               `json:"codeHash"`
	Storage  map[string]types.Hash `json:"storage"`
}

// TestTracePrestate traces a creation whose initcode is SSTORE(1, 42);
// SLOAD(1); STOP with geth's prestateTracer (format and rules:
// eth/tracers/native/prestate.go, geth.ethereum.org/docs/developers/
// evm-tracing/built-in-tracers). Before it only the sender existed (10,000
// ether, nonce 0: left out); the new account was empty and is left out. In
// diff mode the sender's post balance is what it paid less (gasUsed times
// effectiveGasPrice from the receipt) with nonce 1, and the new account
// shows its nonce (EIP-161: 1) and its slot; no code, so no code hash.
func TestTracePrestate(t *testing.T) {
	n := newNode(t)
	r := n.send(map[string]any{"from": devAddr0, "input": "0x602a60015560015400"})
	created := *r.ContractAddress

	var pre map[types.Address]prestateAccount
	n.call(&pre, "debug_traceTransaction", r.TransactionHash, map[string]any{"tracer": "prestateTracer"})
	if len(pre) != 1 || pre[devAddr0].Balance != "0x21e19e0c9bab2400000" || pre[devAddr0].Nonce != 0 {
		t.Fatalf("prestate %+v, want only the sender with 10000 ether", pre)
	}

	var diff struct {
		Pre, Post map[types.Address]prestateAccount
	}
	n.call(&diff, "debug_traceTransaction", r.TransactionHash, map[string]any{"tracer": "prestateTracer", "tracerConfig": map[string]any{"diffMode": true}})
	if len(diff.Pre) != 1 || diff.Pre[devAddr0].Balance != "0x21e19e0c9bab2400000" {
		t.Errorf("pre %+v", diff.Pre)
	}
	gasUsed, price := uint256.MustFromHex(r.GasUsed), uint256.MustFromHex(r.EffectiveGasPrice)
	paid := new(uint256.Int).Mul(gasUsed, price)
	want := new(uint256.Int).Sub(uint256.MustFromHex("0x21e19e0c9bab2400000"), paid)
	if s := diff.Post[devAddr0]; s.Balance != want.Hex() || s.Nonce != 1 {
		t.Errorf("sender post %+v, want balance %s nonce 1", s, want.Hex())
	}
	c := diff.Post[created]
	slot1 := "0x0000000000000000000000000000000000000000000000000000000000000001"
	if c.Nonce != 1 || c.Code != nil || c.CodeHash != nil || c.Storage[slot1] != types.Hash(uint256.NewInt(42).Bytes32()) {
		t.Errorf("created post %+v", c)
	}

	// debug_traceCall of the same initcode: the sender now has nonce 1.
	var callPre map[types.Address]prestateAccount
	n.call(&callPre, "debug_traceCall", map[string]any{"from": devAddr0, "input": "0x602a60015560015400"}, "latest", map[string]any{"tracer": "prestateTracer"})
	if s, ok := callPre[devAddr0]; !ok || s.Nonce != 1 {
		t.Errorf("traceCall prestate %+v, want the sender with nonce 1", callPre)
	}
}

// TestTraceFourByteAndGasProfiler: a plain transfer with calldata
// 0xa9059cbb + 4 bytes counts as one call of that selector with 4 bytes
// after it (geth's 4byteTracer keys); the gas profile of the same
// transaction is all intrinsic (21000 + 16 per non-zero calldata byte,
// 4 per zero one: 21000 + 4*16 + 4*4 = 21080, yellow paper G_txdata), and
// the gas used is raised to the EIP-7623 floor (the dev chain is past
// Prague): 21000 + 10 per token, 4 tokens a non-zero byte: 21000 + 10*20.
func TestTraceFourByteAndGasProfiler(t *testing.T) {
	n := newNode(t)
	to := types.MustHexToAddress("0x00000000000000000000000000000000000000aa")
	r := n.send(map[string]any{"from": devAddr0, "to": to, "input": "0xa9059cbb00000000"})
	var ids map[string]int
	n.call(&ids, "debug_traceTransaction", r.TransactionHash, map[string]any{"tracer": "4byteTracer"})
	if len(ids) != 1 || ids["0xa9059cbb-4"] != 1 {
		t.Errorf("4byte %v", ids)
	}
	var prof struct {
		GasUsed, IntrinsicGas uint64
		Root                  struct{ Type, To string }
	}
	n.call(&prof, "debug_traceTransaction", r.TransactionHash, map[string]any{"tracer": "gasProfiler"})
	if prof.GasUsed != 21200 || prof.IntrinsicGas != 21080 || prof.Root.Type != "CALL" || prof.Root.To != to.Hex() {
		t.Errorf("gas profile %+v", prof)
	}
}

// Refused tracer options name what is wrong.
func TestTraceTracerConfigErrors(t *testing.T) {
	n := newNode(t)
	r := n.send(map[string]any{"from": devAddr0, "input": "0x00"})
	for _, c := range []struct {
		opts map[string]any
		msg  string
	}{
		{map[string]any{"tracer": "prestateTracer", "tracerConfig": map[string]any{"diffMode": "yes"}}, `invalid tracerConfig for prestateTracer: field "diffMode"`},
		{map[string]any{"tracer": "prestateTracer", "tracerConfig": map[string]any{"diffMode": true, "includeEmpty": true}}, "cannot use diffMode with includeEmpty"},
		{map[string]any{"tracer": "callTracer", "tracerConfig": []int{1}}, "invalid tracerConfig for callTracer"},
		{map[string]any{"tracer": "nope"}, "callTracer, prestateTracer, 4byteTracer, gasProfiler"},
	} {
		raw, e := n.do("debug_traceTransaction", r.TransactionHash, c.opts)
		checkErr(t, c.msg, raw, e, codeInvalidParams, c.msg)
	}
}
