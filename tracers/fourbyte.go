package tracers

import (
	"encoding/hex"
	"encoding/json"
	"strconv"

	"github.com/goevm/goevm/trace"
	"github.com/goevm/goevm/types"
	"github.com/holiman/uint256"
)

// FourByteTracer counts the function selectors a transaction calls
// (geth's 4byteTracer): for every call frame (CALL, CALLCODE, DELEGATECALL,
// STATICCALL, the top-level call included) with at least four bytes of
// input, to an address that is not a precompile, the key
// "0x<selector>-<input size after the selector>" counts one more. For a
// DELEGATECALL or CALLCODE the address is the code's (OnEnter's to, as
// geth's), so one into a precompile is skipped as geth skips it.
type FourByteTracer struct {
	vm  *trace.VMContext
	ids map[string]int
}

// NewFourByteTracer makes a 4byte tracer.
func NewFourByteTracer() *FourByteTracer { return &FourByteTracer{ids: map[string]int{}} }

// Hooks returns the hooks to run the transaction with.
func (t *FourByteTracer) Hooks() *trace.Hooks {
	return &trace.Hooks{OnTxStart: t.txStart, OnEnter: t.enter}
}

func (t *FourByteTracer) txStart(vm *trace.VMContext, _ *types.Transaction, _ types.Address) {
	t.vm = vm
}

func (t *FourByteTracer) enter(_ int, kind byte, _, to types.Address, input []byte, _ uint64, _ *uint256.Int) {
	if len(input) < 4 {
		return
	}
	switch kind {
	case trace.KindCall, trace.KindCallCode, trace.KindDelegateCall, trace.KindStaticCall:
	default:
		return
	}
	if t.vm != nil && t.vm.IsPrecompile(to) {
		return
	}
	t.ids["0x"+hex.EncodeToString(input[:4])+"-"+strconv.Itoa(len(input)-4)]++
}

// Result is the selector counts as a JSON object.
func (t *FourByteTracer) Result() json.RawMessage {
	b, _ := json.Marshal(t.ids)
	return b
}
