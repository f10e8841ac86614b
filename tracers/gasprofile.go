package tracers

import (
	"encoding/json"

	"github.com/goevm/goevm/trace"
	"github.com/goevm/goevm/types"
	"github.com/holiman/uint256"
)

// GasProfile is where a transaction's gas went: goevm's own format, not a
// geth tracer. Gas an opcode spends is the gas its frame lost across it,
// less what the frames it opened used themselves, so a CALL counts its own
// price (access, value transfer, memory) and not the callee's work; the
// callee's opcodes count under their own names. Self gas of a frame is its
// gas used less its children's.
type GasProfile struct {
	GasUsed      uint64                         `json:"gasUsed"`      // charged to the sender (after refund, EIP-7623 floor)
	IntrinsicGas uint64                         `json:"intrinsicGas"` // paid before the first frame
	Refund       uint64                         `json:"refund"`       // given back at the end (capped)
	Opcodes      map[string]*OpcodeGas          `json:"opcodes"`      // by mnemonic
	Contracts    map[types.Address]*ContractGas `json:"contracts"`    // by the code's address (ContractGas)
	Root         *FrameGas                      `json:"root"`         // the call tree
}

// OpcodeGas is how often an opcode ran and the gas it spent in all.
type OpcodeGas struct {
	Count uint64 `json:"count"`
	Gas   uint64 `json:"gas"`
}

// ContractGas is an address's frames: how many, the gas spent in them
// (self) and including the frames they opened (total). Recursive calls
// count their total once per frame. A frame counts under the address whose
// code ran (OnEnter's to): a DELEGATECALL's or CALLCODE's under the
// library, not the contract whose storage it used, since a profile asks
// which code spent the gas; FrameGas's From is the calling contract.
type ContractGas struct {
	Calls    uint64 `json:"calls"`
	SelfGas  uint64 `json:"selfGas"`
	TotalGas uint64 `json:"totalGas"`
}

// FrameGas is one frame of the call tree.
type FrameGas struct {
	Type    string        `json:"type"`
	From    types.Address `json:"from"`
	To      types.Address `json:"to"`
	Gas     uint64        `json:"gas"`     // given to the frame
	GasUsed uint64        `json:"gasUsed"` // by the frame and its children
	SelfGas uint64        `json:"selfGas"` // by the frame alone
	Error   string        `json:"error,omitempty"`
	Calls   []*FrameGas   `json:"calls,omitempty"`
}

// GasProfiler builds a GasProfile from the hooks.
type GasProfiler struct {
	prof  GasProfile
	stack []*profFrame
}

// profFrame is a frame being profiled, with the opcode whose gas is not
// settled yet (its cost shows when the frame's next step or end does).
type profFrame struct {
	out        *FrameGas
	childGas   uint64 // gas used by children opened by the pending opcode
	pendingOp  string
	pendingGas uint64 // frame gas before the pending opcode
	pending    bool
}

// NewGasProfiler makes a gas profiler.
func NewGasProfiler() *GasProfiler {
	return &GasProfiler{prof: GasProfile{Opcodes: map[string]*OpcodeGas{}, Contracts: map[types.Address]*ContractGas{}}}
}

// Hooks returns the hooks to run the transaction with.
func (p *GasProfiler) Hooks() *trace.Hooks {
	return &trace.Hooks{OnOpcode: p.opcode, OnEnter: p.enter, OnExit: p.exit, OnGasChange: p.gasChange, OnTxEnd: p.txEnd}
}

// Profile is the profile so far; complete once the transaction ended.
func (p *GasProfiler) Profile() *GasProfile { return &p.prof }

// Result is the profile as JSON.
func (p *GasProfiler) Result() json.RawMessage {
	b, _ := json.Marshal(&p.prof)
	return b
}

func (p *GasProfiler) gasChange(old, new uint64, reason trace.GasChangeReason) {
	switch reason {
	case trace.GasChangeTxIntrinsicGas:
		p.prof.IntrinsicGas = old - new
	case trace.GasChangeTxRefunds:
		p.prof.Refund = new - old
	}
}

func (p *GasProfiler) txEnd(res *trace.TxResult, err error) {
	if err == nil && res != nil {
		p.prof.GasUsed = res.GasUsed
	}
}

// settle charges the pending opcode of f with what its frame lost since,
// gasNow being the frame's gas now.
func (p *GasProfiler) settle(f *profFrame, gasNow uint64) {
	if !f.pending {
		return
	}
	spent := uint64(0)
	if f.pendingGas >= gasNow+f.childGas {
		spent = f.pendingGas - gasNow - f.childGas
	}
	o := p.prof.Opcodes[f.pendingOp]
	if o == nil {
		o = &OpcodeGas{}
		p.prof.Opcodes[f.pendingOp] = o
	}
	o.Count++
	o.Gas += spent
	f.pending, f.childGas = false, 0
}

func (p *GasProfiler) opcode(s *trace.Step) {
	if len(p.stack) == 0 {
		return
	}
	f := p.stack[len(p.stack)-1]
	p.settle(f, s.Gas)
	f.pending, f.pendingOp, f.pendingGas = true, s.OpName, s.Gas
}

func (p *GasProfiler) enter(_ int, kind byte, from, to types.Address, _ []byte, gas uint64, _ *uint256.Int) {
	out := &FrameGas{Type: kindNames[kind], From: from, To: to, Gas: gas}
	if len(p.stack) == 0 {
		p.prof.Root = out
	} else {
		parent := p.stack[len(p.stack)-1].out
		parent.Calls = append(parent.Calls, out)
	}
	p.stack = append(p.stack, &profFrame{out: out})
}

func (p *GasProfiler) exit(_ int, _ []byte, gasUsed uint64, err error, _ bool) {
	if len(p.stack) == 0 {
		return
	}
	f := p.stack[len(p.stack)-1]
	p.stack = p.stack[:len(p.stack)-1]
	out := f.out
	out.GasUsed = gasUsed
	if err != nil {
		out.Error = err.Error()
	}
	left := uint64(0)
	if out.Gas > gasUsed {
		left = out.Gas - gasUsed
	}
	p.settle(f, left)
	children := uint64(0)
	for _, c := range out.Calls {
		children += c.GasUsed
	}
	if gasUsed > children {
		out.SelfGas = gasUsed - children
	}
	c := p.prof.Contracts[out.To]
	if c == nil {
		c = &ContractGas{}
		p.prof.Contracts[out.To] = c
	}
	c.Calls++
	c.SelfGas += out.SelfGas
	c.TotalGas += gasUsed
	if len(p.stack) > 0 {
		p.stack[len(p.stack)-1].childGas += gasUsed
	}
}
