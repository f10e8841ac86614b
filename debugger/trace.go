package debugger

import (
	"encoding/hex"
	"sort"
	"strconv"

	"github.com/goevm/goevm/asm"
	"github.com/goevm/goevm/crypto"
	"github.com/goevm/goevm/types"
	"github.com/holiman/uint256"
)

// Trace is a recorded execution: its frames, the code they ran, and every
// step, kept as differences from the step before in the same frame.
type Trace struct {
	Frames []Frame
	Codes  []*Code
	// Result is the outcome of the whole run, filled by whoever ran it.
	Result Result

	steps    []stepRec
	words    []uint256.Int // stack words past each step's common prefix
	mems     []memRec
	memArena []byte
	rets     [][]byte
	events   []slotEvent
	strs     []string
	strIdx   map[string]int32
	codeIdx  map[string]int
	// byOpStart and friends are computed once by finish.
	profile *Profile
}

// Result is what the run returned.
type Result struct {
	Output  []byte
	GasUsed uint64
	Error   string
	Address *types.Address // the created contract, for a creation
	Note    string         // anything worth telling (e.g. transactions replayed before)
}

// Frame is one call or creation frame, as the enter and exit hooks saw it.
type Frame struct {
	ID, Parent int
	Depth      int
	Kind       byte
	From, To   types.Address // To is where the frame's storage lives
	CodeAddr   types.Address // whose code runs (differs for DELEGATECALL/CALLCODE)
	Code       int           // index in Trace.Codes, -1 for none
	Input      []byte
	Gas        uint64
	Value      uint256.Int
	GasUsed    uint64
	Output     []byte
	Err        string
	Reverted   bool
	Exited     bool
	Children   []int
	// FirstStep and LastStep are -1 for frames that ran no code
	// (precompiles, transfers, refused calls); EnterStep is the parent's
	// step that opened the frame, -1 for the top level.
	FirstStep, LastStep, EnterStep int
	Steps                          int
}

// Code is one distinct piece of code that ran, disassembled.
type Code struct {
	ID      int
	Address types.Address // where it was first seen running
	Bytes   []byte
	Hash    types.Hash
	Instrs  []asm.Instruction
	instrAt []int32 // pc -> instruction index
	Source  *codeSource
}

type stepRec struct {
	pc, gas, cost, refund uint64
	stackOff              uint64
	stackPrefix, stackLen uint32
	frame, prevInFrame    int32
	depth                 int32
	memRec, ret, err      int32
	name                  int32
	op                    byte
	stackKey              bool
}

// memRec is memory after a step that changed it: data is copied to off
// (the whole memory when key is set) over the record before it.
type memRec struct {
	prev                 int32
	key                  bool
	off, data, dlen      uint64
	size                 uint64
	changedLo, changedHi uint64
}

// slotEvent is a storage or transient slot read or written; it applies to
// every step from Before on. Reverted frames add inverse events.
type slotEvent struct {
	Addr      types.Address
	Key       types.Hash
	Old, New  types.Hash
	Step      int32 // the step that read or wrote it
	Before    int32
	Frame     int32
	Transient bool
	Revert    bool
}

func newTrace() *Trace {
	return &Trace{strIdx: map[string]int32{}, codeIdx: map[string]int{}}
}

func (t *Trace) intern(s string) int32 {
	if i, ok := t.strIdx[s]; ok {
		return i
	}
	i := int32(len(t.strs))
	t.strs = append(t.strs, s)
	t.strIdx[s] = i
	return i
}

func (t *Trace) addCode(code []byte, addr types.Address) int {
	if i, ok := t.codeIdx[string(code)]; ok {
		return i
	}
	c := &Code{ID: len(t.Codes), Address: addr, Bytes: append([]byte(nil), code...), Hash: crypto.Keccak256(code)}
	c.Instrs = asm.Disassemble(c.Bytes)
	c.instrAt = make([]int32, len(code)+1)
	for i := range c.instrAt {
		c.instrAt[i] = -1
	}
	for i, in := range c.Instrs {
		c.instrAt[in.Offset] = int32(i)
	}
	t.Codes = append(t.Codes, c)
	t.codeIdx[string(code)] = c.ID
	return c.ID
}

// instrIndex is the instruction at pc, or -1 (past the end or inside push data).
func (c *Code) instrIndex(pc uint64) int {
	if pc >= uint64(len(c.instrAt)) {
		return -1
	}
	return int(c.instrAt[pc])
}

func (t *Trace) finish() {
	t.profile = buildProfile(t)
}

// Len is the number of steps.
func (t *Trace) Len() int { return len(t.steps) }

// stackAt rebuilds the stack before step i, bottom first.
func (t *Trace) stackAt(i int) []uint256.Int {
	var chain []int32
	for j := int32(i); j >= 0; j = t.steps[j].prevInFrame {
		chain = append(chain, j)
		if t.steps[j].stackKey {
			break
		}
	}
	var st []uint256.Int
	for k := len(chain) - 1; k >= 0; k-- {
		s := &t.steps[chain[k]]
		n := s.stackLen - s.stackPrefix
		st = append(st[:s.stackPrefix], t.words[s.stackOff:s.stackOff+uint64(n)]...)
	}
	return st
}

// memoryAt rebuilds the window [lo, hi) of memory before step i; hi is
// cut to the memory size. It returns the window and the memory size.
func (t *Trace) memoryAt(i int, lo, hi uint64) ([]byte, uint64) {
	r := t.steps[i].memRec
	if r < 0 {
		return nil, 0
	}
	size := t.mems[r].size
	hi = min(hi, size)
	if lo >= hi {
		return nil, size
	}
	var chain []int32
	for j := r; j >= 0; j = t.mems[j].prev {
		chain = append(chain, j)
		if t.mems[j].key {
			break
		}
	}
	buf := make([]byte, hi-lo)
	for k := len(chain) - 1; k >= 0; k-- {
		m := &t.mems[chain[k]]
		a, b := max(m.off, lo), min(m.off+m.dlen, hi)
		if a < b {
			copy(buf[a-lo:b-lo], t.memArena[m.data+(a-m.off):m.data+(b-m.off)])
		}
	}
	return buf, size
}

// memChanged is the range of memory the step before i (in its frame)
// wrote, if any.
func (t *Trace) memChanged(i int) (lo, hi uint64, ok bool) {
	s := &t.steps[i]
	if s.memRec < 0 || s.prevInFrame < 0 || t.steps[s.prevInFrame].memRec == s.memRec {
		return 0, 0, false
	}
	m := &t.mems[s.memRec]
	return m.changedLo, m.changedHi, m.changedHi > m.changedLo
}

// opName is the mnemonic the interpreter gave step i.
func (t *Trace) opName(i int) string {
	s := &t.steps[i]
	if s.name >= 0 && int(s.name) < len(t.strs) {
		return t.strs[s.name]
	}
	return "0x" + strconv.FormatUint(uint64(s.op), 16)
}

// Slot is one storage or transient slot of the running contract, as the
// page shows it.
type Slot struct {
	Key      string `json:"key"`
	Value    string `json:"value"`
	Original string `json:"original"` // the value when the run first touched it
	Dirty    bool   `json:"dirty"`    // differs from Original
	Changed  bool   `json:"changed"`  // written by the step just before
	Written  bool   `json:"written"`
}

// slotsAt lists the slots of addr the run touched before step i.
func (t *Trace) slotsAt(i int, addr types.Address, transient bool) []Slot {
	n := sort.Search(len(t.events), func(k int) bool { return t.events[k].Before > int32(i) })
	type st struct {
		orig, cur        types.Hash
		changed, written bool
		order            int
	}
	slots := map[types.Hash]*st{}
	for _, ev := range t.events[:n] {
		if ev.Addr != addr || ev.Transient != transient {
			continue
		}
		s, ok := slots[ev.Key]
		if !ok {
			s = &st{orig: ev.Old, cur: ev.Old, order: len(slots)}
			slots[ev.Key] = s
		}
		if ev.Old != ev.New || ev.Revert {
			s.written = true
		}
		s.cur = ev.New
		s.changed = ev.Before == int32(i) && ev.Old != ev.New
	}
	out := make([]Slot, 0, len(slots))
	keys := make([]types.Hash, 0, len(slots))
	for k := range slots {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(a, b int) bool { return slots[keys[a]].order < slots[keys[b]].order })
	for _, k := range keys {
		s := slots[k]
		out = append(out, Slot{Key: k.Hex(), Value: s.cur.Hex(), Original: s.orig.Hex(),
			Dirty: s.cur != s.orig, Changed: s.changed, Written: s.written})
	}
	return out
}

// StepView is one step as the page shows it.
type StepView struct {
	Index      int      `json:"index"`
	PC         uint64   `json:"pc"`
	Op         string   `json:"op"`
	Opcode     byte     `json:"opcode"`
	Gas        string   `json:"gas"`
	Cost       string   `json:"cost"`
	Refund     string   `json:"refund"`
	Depth      int      `json:"depth"`
	Error      string   `json:"error,omitempty"`
	Frame      int      `json:"frame"`
	Code       int      `json:"code"`
	Address    string   `json:"address"`
	Stack      []string `json:"stack"` // top first
	MemSize    uint64   `json:"memSize"`
	MemOff     uint64   `json:"memOff"`
	Memory     string   `json:"memory"` // hex of the window from MemOff
	MemChanged []uint64 `json:"memChanged,omitempty"`
	ReturnData string   `json:"returnData"`
	Storage    []Slot   `json:"storage"`
	Transient  []Slot   `json:"transient"`
	Source     *SrcLoc  `json:"source,omitempty"`
}

// memWindow is the most memory one step view carries; the page asks for
// another window to see more.
const memWindow = 4096

// View builds the view of step i with memory from memOff (rounded down to
// 32 bytes). When memOff is negative the window starts where the last step
// wrote.
func (t *Trace) View(i int, memOff int64) *StepView {
	s := &t.steps[i]
	f := &t.Frames[s.frame]
	v := &StepView{
		Index: i, PC: s.pc, Op: t.opName(i), Opcode: s.op, Gas: strconv.FormatUint(s.gas, 10),
		Cost: strconv.FormatUint(s.cost, 10), Refund: strconv.FormatUint(s.refund, 10),
		Depth: int(s.depth), Frame: int(s.frame), Code: f.Code, Address: f.To.Hex(),
	}
	if s.err >= 0 {
		v.Error = t.strs[s.err]
	}
	st := t.stackAt(i)
	v.Stack = make([]string, len(st))
	for k := range st {
		v.Stack[len(st)-1-k] = st[k].Hex()
	}
	lo, hi, changed := t.memChanged(i)
	if changed {
		v.MemChanged = []uint64{lo, hi}
	}
	off := uint64(0)
	switch {
	case memOff >= 0:
		off = uint64(memOff)
	case changed && hi > memWindow:
		off = lo
	}
	off &^= 31
	mem, size := t.memoryAt(i, off, off+memWindow)
	v.MemSize, v.MemOff, v.Memory = size, off, hex.EncodeToString(mem)
	if s.ret >= 0 {
		v.ReturnData = "0x" + hex.EncodeToString(t.rets[s.ret])
	}
	v.Storage = t.slotsAt(i, f.To, false)
	v.Transient = t.slotsAt(i, f.To, true)
	if f.Code >= 0 {
		v.Source = t.Codes[f.Code].sourceAt(s.pc)
	}
	return v
}
