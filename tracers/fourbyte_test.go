package tracers_test

import (
	"strings"
	"testing"

	"github.com/goevm/goevm/fork"
	"github.com/goevm/goevm/tracers"
	"github.com/goevm/goevm/types"
)

var callee = types.MustHexToAddress("0x0000000000000000000000000000000000000b0b")

// fourByteCaller writes selector 0x12345678 to memory, then CALLs 0xb0b
// with 8 bytes, CALLs the identity precompile (0x04) with 4, and
// STATICCALLs 0xb0b with 4.
const fourByteCaller = "631234567860e01b600052" +
	"60006000600860006000610b0b5af150" +
	"6000600060046000600060045af150" +
	"6000600060046000610b0b5afa50" + "00"

// Geth's 4byteTracer (eth/tracers/native/4byte.go; format documented at
// geth.ethereum.org/docs/developers/evm-tracing/built-in-tracers): one key
// per selector and input size after it, counting calls of every kind, the
// transaction's own included, but none to precompiles.
func TestFourByteTracer(t *testing.T) {
	db := newState(t, map[types.Address]account{
		sender:   {balance: 1_000_000_000_000_000_000},
		contract: {code: fourByteCaller},
		callee:   {code: "00"},
	})
	tr := tracers.NewFourByteTracer()
	input := "a9059cbb" + strings.Repeat("00", 64)
	res := applyTraced(t, db, fork.London, legacyTx(&contract, 200_000, input), tr.Hooks())
	if res.Failed() {
		t.Fatal(res.Err)
	}
	sameJSON(t, tr.Result(), `{"0xa9059cbb-64": 1, "0x12345678-4": 1, "0x12345678-0": 1}`)
}

// fourByteCodeCaller writes selector 0x12345678 to memory, then
// DELEGATECALLs the SHA-256 precompile (0x02) with 4 bytes, CALLCODEs the
// identity precompile (0x04) with 8, and DELEGATECALLs 0xb0b with 12.
const fourByteCodeCaller = "631234567860e01b600052" +
	"600060006004600060025af450" +
	"6000600060086000600060045af250" +
	"60006000600c6000610b0b5af450" + "00"

// geth's OnEnter names the code's address as a DELEGATECALL's or CALLCODE's
// to (core/vm/evm.go DelegateCall/CallCode), so its 4byteTracer
// (eth/tracers/native/4byte.go, isPrecompiled(to)) skips one into a
// precompile and counts one into a contract.
func TestFourByteTracerCodeCallsSkipPrecompiles(t *testing.T) {
	db := newState(t, map[types.Address]account{
		sender:   {balance: 1_000_000_000_000_000_000},
		contract: {code: fourByteCodeCaller},
		callee:   {code: "00"},
	})
	tr := tracers.NewFourByteTracer()
	res := applyTraced(t, db, fork.London, legacyTx(&contract, 200_000, "a9059cbb"), tr.Hooks())
	if res.Failed() {
		t.Fatal(res.Err)
	}
	sameJSON(t, tr.Result(), `{"0xa9059cbb-0": 1, "0x12345678-8": 1}`)
}
