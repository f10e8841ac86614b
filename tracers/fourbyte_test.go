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
