// Package debugger is goevm's visual step debugger: a recorder built on the
// trace hooks that keeps a whole execution compactly, and an HTTP server
// that serves an embedded web page and the steps of the recorded trace on
// demand. It holds no EVM logic of its own: everything it shows comes from
// trace.Step, the frame hooks and reads of the state the run used.
package debugger

import (
	"bytes"

	"github.com/goevm/goevm/trace"
	"github.com/goevm/goevm/types"
	"github.com/holiman/uint256"
)

// StateReader is what the recorder reads from the running state: code, to
// show what a frame runs, and slot values, to show what SLOAD/SSTORE (and
// their transient twins) read and replace. *state.Memory implements it.
type StateReader interface {
	GetCode(addr types.Address) []byte
	GetState(addr types.Address, key types.Hash) types.Hash
	GetTransientState(addr types.Address, key types.Hash) types.Hash
}

// Opcodes the recorder looks at for storage: their operands are on the
// stack, the values before them are read from the state. Named here as
// bytes because package trace reports opcodes as bytes.
const (
	opSLOAD  = 0x54
	opSSTORE = 0x55
	opTLOAD  = 0x5c
	opTSTORE = 0x5d
)

// Keyframe policy: a full copy of the stack every stackKeyEvery steps of a
// frame, and of memory once the diffs since the last copy add up to its
// size (or memKeyEvery diffs), so rebuilding any step is cheap while a
// long run stores little more than what each step changed.
const (
	stackKeyEvery = 32
	memKeyEvery   = 4096
	memKeyMinSize = 4096
)

// Recorder collects a trace through trace.Hooks. Use it for one execution,
// then call Trace.
type Recorder struct {
	db StateReader
	t  *Trace

	live []*liveFrame // the frames running now, innermost last
	err  error
}

// liveFrame is what the recorder keeps for a running frame to compute the
// next step's differences.
type liveFrame struct {
	id        int32
	lastStep  int32
	stack     []uint256.Int // copy of the last step's stack
	stackKeys int           // steps since the last full stack
	mem       []byte        // copy of the last step's memory
	memRec    int32         // the last memory record, -1 for none
	memSince  uint64        // diff bytes since the last full memory
	memChain  int
	ret       int32 // the last return data index, -1 for none
	firstEv   int   // storage events recorded since the frame started
}

// NewRecorder returns a recorder reading code and slots from db.
func NewRecorder(db StateReader) *Recorder {
	return &Recorder{db: db, t: newTrace()}
}

// Hooks returns the hooks to install in the interpreter's config.
func (r *Recorder) Hooks() *trace.Hooks {
	return &trace.Hooks{
		OnOpcode: func(s *trace.Step) { r.step(s) },
		OnFault:  func(s *trace.Step) { r.step(s) },
		OnEnter:  r.enter,
		OnExit:   r.exit,
	}
}

// Trace returns what was recorded. The recorder must not be used after.
func (r *Recorder) Trace() *Trace {
	r.t.finish()
	return r.t
}

func (r *Recorder) enter(depth int, kind byte, from, to types.Address, input []byte, gas uint64, value *uint256.Int) {
	t := r.t
	f := Frame{
		ID: len(t.Frames), Parent: -1, Depth: depth, Kind: kind, From: from, To: to, CodeAddr: to,
		Input: bytes.Clone(input), Gas: gas, FirstStep: -1, LastStep: -1, EnterStep: len(t.steps) - 1, Code: -1,
	}
	if value != nil {
		f.Value = *value
	}
	if n := len(r.live); n > 0 {
		parent := r.live[n-1]
		f.Parent = int(parent.id)
		t.Frames[parent.id].Children = append(t.Frames[parent.id].Children, f.ID)
	} else {
		f.EnterStep = -1
	}
	var code []byte
	switch kind {
	case trace.KindCreate, trace.KindCreate2:
		code = input
	case trace.KindSelfdestruct:
	case trace.KindDelegateCall, trace.KindCallCode:
		// The hooks give geth's from and to: the calling contract, whose
		// storage the frame uses, and the code's address. A Frame names
		// where its storage lives as To, and a DELEGATECALL's From is the
		// CALLER its code sees: the calling frame's own From.
		f.To = from
		if kind == trace.KindDelegateCall && f.Parent >= 0 {
			f.From = t.Frames[f.Parent].From
		}
		code = r.codeOf(f.CodeAddr)
	default:
		code = r.codeOf(to)
	}
	if len(code) > 0 {
		f.Code = t.addCode(code, f.CodeAddr)
	}
	t.Frames = append(t.Frames, f)
	r.live = append(r.live, &liveFrame{id: int32(f.ID), lastStep: -1, memRec: -1, ret: -1, firstEv: len(t.events)})
}

// codeOf is the code a call to addr runs: an EIP-7702 delegation
// designator (0xef0100 ++ address) stands for the code it points to.
func (r *Recorder) codeOf(addr types.Address) []byte {
	code := r.db.GetCode(addr)
	if len(code) == 23 && code[0] == 0xef && code[1] == 0x01 && code[2] == 0x00 {
		return r.db.GetCode(types.Address(code[3:]))
	}
	return code
}

func (r *Recorder) exit(depth int, output []byte, gasUsed uint64, err error, reverted bool) {
	t := r.t
	n := len(r.live)
	if n == 0 {
		return
	}
	lf := r.live[n-1]
	r.live = r.live[:n-1]
	f := &t.Frames[lf.id]
	f.GasUsed, f.Output, f.Reverted, f.Exited = gasUsed, bytes.Clone(output), reverted, true
	if err != nil {
		f.Err = err.Error()
	}
	if reverted {
		// Undo the frame's slot writes, newest first, as the state did.
		before := int32(len(t.steps))
		for i := len(t.events) - 1; i >= lf.firstEv; i-- {
			ev := t.events[i]
			if ev.Old == ev.New {
				continue
			}
			ev.Before, ev.Old, ev.New, ev.Revert = before, ev.New, ev.Old, true
			t.events = append(t.events, ev)
		}
	}
}

func (r *Recorder) step(s *trace.Step) {
	t := r.t
	if len(r.live) == 0 {
		// Steps outside any frame cannot happen with the interpreter's
		// hooks; keep them in a frame of their own rather than lose them.
		r.enter(s.Depth, trace.KindCall, types.Address{}, types.Address{}, nil, s.Gas, nil)
	}
	lf := r.live[len(r.live)-1]
	idx := int32(len(t.steps))
	rec := stepRec{
		pc: s.PC, gas: s.Gas, cost: s.Cost, refund: s.Refund, op: s.Op, depth: int32(s.Depth),
		frame: lf.id, prevInFrame: lf.lastStep, memRec: -1, ret: -1, err: -1,
	}
	if s.OpName != "" {
		rec.name = t.intern(s.OpName)
	}
	if s.Err != nil {
		rec.err = t.intern(s.Err.Error())
	}
	r.recordStack(&rec, lf, s.Stack)
	r.recordMemory(&rec, lf, s.Memory)
	r.recordReturn(&rec, lf, s.ReturnData)
	f := &t.Frames[lf.id]
	if f.FirstStep < 0 {
		f.FirstStep = int(idx)
	}
	f.LastStep = int(idx)
	f.Steps++
	lf.lastStep = idx
	t.steps = append(t.steps, rec)
	if s.Err == nil {
		r.recordSlots(idx, lf, f, s)
	}
}

func (r *Recorder) recordStack(rec *stepRec, lf *liveFrame, st []uint256.Int) {
	t := r.t
	prefix := 0
	if lf.stackKeys < stackKeyEvery && lf.lastStep >= 0 {
		for prefix < len(st) && prefix < len(lf.stack) && st[prefix] == lf.stack[prefix] {
			prefix++
		}
		lf.stackKeys++
	} else {
		lf.stackKeys = 0
		rec.stackKey = true
	}
	rec.stackPrefix = uint32(prefix)
	rec.stackLen = uint32(len(st))
	rec.stackOff = uint64(len(t.words))
	t.words = append(t.words, st[prefix:]...)
	lf.stack = append(lf.stack[:0], st...)
}

func (r *Recorder) recordMemory(rec *stepRec, lf *liveFrame, mem []byte) {
	t := r.t
	old := lf.mem
	if len(mem) == len(old) && bytes.Equal(mem, old) {
		rec.memRec = lf.memRec
		return
	}
	n := len(mem)
	// The changed range, with memory grown since the last step read as
	// zeros before it was written.
	lo := 0
	for lo < n && lo < len(old) && mem[lo] == old[lo] {
		lo++
	}
	if lo >= len(old) {
		for lo < n && mem[lo] == 0 {
			lo++
		}
	}
	hi := n
	for hi > lo {
		var was byte
		if hi-1 < len(old) {
			was = old[hi-1]
		}
		if mem[hi-1] != was {
			break
		}
		hi--
	}
	m := memRec{prev: lf.memRec, size: uint64(n), off: uint64(lo)}
	lf.memSince += uint64(hi - lo)
	lf.memChain++
	if lf.memRec < 0 || lf.memChain >= memKeyEvery || lf.memSince >= max(uint64(n), memKeyMinSize) {
		// The range this step changed is still worth highlighting.
		m.changedLo, m.changedHi = uint64(lo), uint64(hi)
		m.key, m.off, lo, hi = true, 0, 0, n
		lf.memSince, lf.memChain = 0, 0
	}
	m.data = uint64(len(t.memArena))
	m.dlen = uint64(hi - lo)
	t.memArena = append(t.memArena, mem[lo:hi]...)
	if !m.key {
		m.changedLo, m.changedHi = m.off, m.off+m.dlen
	}
	lf.memRec = int32(len(t.mems))
	t.mems = append(t.mems, m)
	rec.memRec = lf.memRec
	lf.mem = append(lf.mem[:0], mem...)
}

func (r *Recorder) recordReturn(rec *stepRec, lf *liveFrame, ret []byte) {
	t := r.t
	if len(ret) == 0 {
		return
	}
	if lf.ret >= 0 && bytes.Equal(t.rets[lf.ret], ret) {
		rec.ret = lf.ret
		return
	}
	lf.ret = int32(len(t.rets))
	t.rets = append(t.rets, bytes.Clone(ret))
	rec.ret = lf.ret
}

// recordSlots notes the slot a storage opcode reads or writes, with the
// value before the step, taken from the state the run uses.
func (r *Recorder) recordSlots(idx int32, lf *liveFrame, f *Frame, s *trace.Step) {
	n := len(s.Stack)
	var ev slotEvent
	switch s.Op {
	case opSLOAD, opTLOAD:
		if n < 1 {
			return
		}
		ev.Key = types.Hash(s.Stack[n-1].Bytes32())
	case opSSTORE, opTSTORE:
		if n < 2 {
			return
		}
		ev.Key = types.Hash(s.Stack[n-1].Bytes32())
		ev.New = types.Hash(s.Stack[n-2].Bytes32())
	default:
		return
	}
	ev.Transient = s.Op == opTLOAD || s.Op == opTSTORE
	ev.Addr, ev.Step, ev.Before, ev.Frame = f.To, idx, idx+1, lf.id
	if ev.Transient {
		ev.Old = r.db.GetTransientState(ev.Addr, ev.Key)
	} else {
		ev.Old = r.db.GetState(ev.Addr, ev.Key)
	}
	if s.Op == opSLOAD || s.Op == opTLOAD {
		ev.New = ev.Old
	}
	r.t.events = append(r.t.events, ev)
}
