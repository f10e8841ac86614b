package tracers

import (
	"encoding/json"
	"errors"
	"fmt"

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
	Logs         []CallLog      `json:"logs,omitempty"`
	Value        *hexBig        `json:"value,omitempty"`

	// reverted: the frame's state changes (its logs with them) were undone.
	reverted bool
	// logsBefore is how many of the transaction's logs were live when the
	// frame started: a revert drops the ones after.
	logsBefore uint64
}

// CallLog is a log in geth's callTracer format (withLog).
type CallLog struct {
	Address types.Address `json:"address"`
	Topics  []types.Hash  `json:"topics"`
	Data    types.Bytes   `json:"data"`
	// Index is the log's index in the block, as its receipt will have it.
	Index hexUint `json:"index"`
	// Position is how many of the frame's calls came before the log
	// (geth PR 28389), placing it among them.
	Position hexUint `json:"position"`
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
	// firstLog is the block index of the transaction's first log; live
	// counts the transaction's logs not undone so far.
	firstLog, live uint64
	// fault is the failing step's error (geth's wording, e.g. "invalid
	// opcode: INVALID"), which the frame ends with.
	fault struct {
		depth int
		err   error
	}
}

// NewCallTracer makes a call tracer.
func NewCallTracer(cfg CallTracerConfig) *CallTracer { return &CallTracer{cfg: cfg} }

// SetFirstLogIndex says where the transaction's logs start in its block
// (its receipt's first log index), for the logs' index field.
func (t *CallTracer) SetFirstLogIndex(i uint64) { t.firstLog = i }

// Hooks returns the hooks to run the transaction with.
func (t *CallTracer) Hooks() *trace.Hooks {
	h := &trace.Hooks{OnEnter: t.enter, OnExit: t.exit, OnFault: t.onFault}
	if t.cfg.WithLog {
		h.OnLog = t.log
	}
	return h
}

// log records a log in the running frame; with onlyTopCall, only the top
// frame's, as geth does.
func (t *CallTracer) log(l *types.Log) {
	index := t.firstLog + t.live
	t.live++
	if len(t.stack) == 0 || (t.cfg.OnlyTopCall && len(t.stack) > 1) {
		return
	}
	f := t.stack[len(t.stack)-1]
	topics := l.Topics
	if topics == nil {
		topics = []types.Hash{} // geth writes LOG0's topics as []
	}
	f.Logs = append(f.Logs, CallLog{Address: l.Address, Topics: append([]types.Hash{}, topics...),
		Data: append(types.Bytes{}, l.Data...), Index: hexUint(index), Position: hexUint(len(f.Calls))})
}

func (t *CallTracer) onFault(s *trace.Step) { t.fault.depth, t.fault.err = s.Depth, s.Err }

func (t *CallTracer) enter(depth int, kind byte, from, to types.Address, input []byte, gas uint64, value *uint256.Int) {
	// from and to are geth's: for DELEGATECALL and CALLCODE, the calling
	// contract and the code's address (trace.Hooks.OnEnter).
	f := &CallFrame{Type: kindNames[kind], From: from, Gas: hexUint(gas), Input: append(types.Bytes{}, input...), logsBefore: t.live}
	target := to
	f.To = &target
	// A DELEGATECALL carries its caller's value, as geth shows it.
	if kind != trace.KindStaticCall {
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
	if reverted {
		t.live = f.logsBefore
	}
	if err != nil && t.fault.err != nil && t.fault.depth == depth {
		err = t.fault.err // the step's detailed error, as geth words it
	}
	t.fault.err = nil
	// An error that undid nothing is no failure: geth's callTracer drops
	// it (before Homestead, a creation that cannot pay for its code
	// keeps its state).
	if err == nil || !reverted {
		if len(output) > 0 {
			f.Output = append(types.Bytes{}, output...)
		}
		return
	}
	f.Error, f.reverted = err.Error(), true
	if f.Type == "CREATE" || f.Type == "CREATE2" {
		f.To = nil
	}
	if !errors.Is(err, evm.ErrExecutionReverted) {
		return // geth gives the output of a REVERT only
	}
	f.Error = evm.ErrExecutionReverted.Error()
	if len(output) > 0 {
		f.Output = append(types.Bytes{}, output...)
	}
	f.RevertReason = revertReason(output)
}

// revertReason is geth's reading of revert data: an Error(string)'s
// message, or a Panic(uint256)'s meaning in the words geth uses (its
// accounts/abi UnpackRevert, after ethers.js); empty for anything else.
func revertReason(output []byte) string {
	r := abi.DecodeRevert(output, nil)
	switch {
	case r == nil:
		return ""
	case r.Kind == abi.RevertError:
		return r.Message
	case r.Kind == abi.RevertPanic:
		if r.Code.IsUint64() {
			if m, ok := gethPanicReasons[r.Code.Uint64()]; ok {
				return m
			}
		}
		return fmt.Sprintf("unknown panic code: %#x", r.Code)
	}
	return ""
}

// gethPanicReasons are Solidity's panic codes (docs.soliditylang.org,
// "Panic via assert and Error via require") as geth words them.
var gethPanicReasons = map[uint64]string{
	0x00: "generic panic",
	0x01: "assert(false)",
	0x11: "arithmetic underflow or overflow",
	0x12: "division or modulo by zero",
	0x21: "enum overflow",
	0x22: "invalid encoded storage byte array accessed",
	0x31: "out-of-bounds array access; popping on an empty array",
	0x32: "out-of-bounds access of an array or bytesN",
	0x41: "out of memory",
	0x51: "uninitialized function",
}

// dropFailedLogs clears the logs of failed frames and of every frame
// under one: they never reach a receipt.
func dropFailedLogs(f *CallFrame, parentFailed bool) {
	failed := parentFailed || f.reverted
	if failed {
		f.Logs = nil
	}
	for _, c := range f.Calls {
		dropFailedLogs(c, failed)
	}
}

// Result is the call tree; the top frame carries the transaction's gas
// limit and the gas it used, as geth's callTracer reports them.
func (t *CallTracer) Result(txGas, gasUsed uint64) json.RawMessage {
	if t.root == nil {
		return json.RawMessage("null")
	}
	t.root.Gas, t.root.GasUsed = hexUint(txGas), hexUint(gasUsed)
	dropFailedLogs(t.root, false)
	b, _ := json.Marshal(t.root)
	return b
}
