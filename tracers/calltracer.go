package tracers

import (
	"encoding/json"
	"errors"

	"github.com/goevm/goevm/abi"
	"github.com/goevm/goevm/evm"
	"github.com/goevm/goevm/trace"
	"github.com/goevm/goevm/types"
	"github.com/holiman/uint256"
)

// CallTracerConfig are geth's callTracer options.
type CallTracerConfig struct {
	OnlyTopCall bool `json:"onlyTopCall"`
	WithLog     bool `json:"withLog"`
}

// CallFrame is one call in geth's callTracer format.
type CallFrame struct {
	Type         string         `json:"type"`
	From         types.Address  `json:"from"`
	Gas          hexUint        `json:"gas"`
	GasUsed      hexUint        `json:"gasUsed"`
	To           *types.Address `json:"to,omitempty"`
	Input        types.Bytes    `json:"input"`
	Output       types.Bytes    `json:"output,omitempty"`
	Error        string         `json:"error,omitempty"`
	RevertReason string         `json:"revertReason,omitempty"`
	Calls        []*CallFrame   `json:"calls,omitempty"`
	Value        *hexBig        `json:"value,omitempty"`
}

type hexUint uint64

func (h hexUint) MarshalText() ([]byte, error) {
	return []byte(uint256.NewInt(uint64(h)).Hex()), nil
}

type hexBig struct{ uint256.Int }

func (h hexBig) MarshalJSON() ([]byte, error) { return []byte(`"` + h.Int.Hex() + `"`), nil }

var kindNames = map[byte]string{
	trace.KindCreate: "CREATE", trace.KindCall: "CALL", trace.KindCallCode: "CALLCODE",
	trace.KindDelegateCall: "DELEGATECALL", trace.KindCreate2: "CREATE2",
	trace.KindStaticCall: "STATICCALL", trace.KindSelfdestruct: "SELFDESTRUCT",
}

// CallTracer builds the call tree of a transaction.
type CallTracer struct {
	cfg   CallTracerConfig
	stack []*CallFrame
	root  *CallFrame
}

// NewCallTracer makes a call tracer.
func NewCallTracer(cfg CallTracerConfig) *CallTracer { return &CallTracer{cfg: cfg} }

// Hooks returns the hooks to run the transaction with.
func (t *CallTracer) Hooks() *trace.Hooks {
	return &trace.Hooks{OnEnter: t.enter, OnExit: t.exit}
}

func (t *CallTracer) enter(depth int, kind byte, from, to types.Address, input []byte, gas uint64, value *uint256.Int) {
	f := &CallFrame{Type: kindNames[kind], From: from, Gas: hexUint(gas), Input: append(types.Bytes{}, input...)}
	target := to
	f.To = &target
	switch kind {
	case trace.KindDelegateCall, trace.KindStaticCall:
	default:
		v := hexBig{}
		if value != nil {
			v.Int = *value
		}
		f.Value = &v
	}
	if len(t.stack) == 0 {
		t.root = f
	} else if !t.cfg.OnlyTopCall {
		parent := t.stack[len(t.stack)-1]
		parent.Calls = append(parent.Calls, f)
	}
	t.stack = append(t.stack, f)
}

func (t *CallTracer) exit(depth int, output []byte, gasUsed uint64, err error, reverted bool) {
	if len(t.stack) == 0 {
		return
	}
	f := t.stack[len(t.stack)-1]
	t.stack = t.stack[:len(t.stack)-1]
	f.GasUsed = hexUint(gasUsed)
	if len(output) > 0 {
		f.Output = append(types.Bytes{}, output...)
	}
	if err != nil {
		f.Error = err.Error()
		if errors.Is(err, evm.ErrExecutionReverted) {
			f.Error = evm.ErrExecutionReverted.Error()
			if r := abi.DecodeRevert(output, nil); r != nil && r.Kind == abi.RevertError {
				f.RevertReason = r.Message
			}
		}
		if f.Type == "CREATE" || f.Type == "CREATE2" {
			f.To = nil
		}
	}
}

// Result is the call tree; the top frame carries the transaction's gas
// limit and the gas it used, as geth's callTracer reports them.
func (t *CallTracer) Result(txGas, gasUsed uint64) json.RawMessage {
	if t.root == nil {
		return json.RawMessage("null")
	}
	t.root.Gas, t.root.GasUsed = hexUint(txGas), hexUint(gasUsed)
	b, _ := json.Marshal(t.root)
	return b
}
