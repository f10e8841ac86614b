// Package tracers holds tracers built on the trace hooks, in the formats
// geth's debug_trace* methods return: the struct (opcode) logger and
// callTracer. They observe execution only through trace.Hooks; the node's
// debug_trace* methods and library users share them.
package tracers

import (
	"encoding/hex"
	"encoding/json"

	"github.com/goevm/goevm/trace"
	"github.com/goevm/goevm/types"
	"github.com/holiman/uint256"
)

// Opcode bytes the tracers look for.
const (
	opDifficulty = 0x44
	opSLOAD      = 0x54
	opSSTORE     = 0x55
)

// StructLogConfig are geth's struct logger options.
type StructLogConfig struct {
	DisableStack     bool `json:"disableStack"`
	DisableStorage   bool `json:"disableStorage"`
	EnableMemory     bool `json:"enableMemory"`
	EnableReturnData bool `json:"enableReturnData"`
	// Limit stops logging after this many steps (0: no limit).
	Limit int `json:"limit"`
}

// StateReader is what the struct logger reads of the state: the value an
// SLOAD is about to load.
type StateReader interface {
	GetState(addr types.Address, key types.Hash) types.Hash
}

// StructLog is one step, as geth's debug_trace* returns it.
type StructLog struct {
	PC         uint64            `json:"pc"`
	Op         string            `json:"op"`
	Gas        uint64            `json:"gas"`
	GasCost    uint64            `json:"gasCost"`
	Depth      int               `json:"depth"`
	Error      string            `json:"error,omitempty"`
	Stack      *[]string         `json:"stack,omitempty"`
	ReturnData string            `json:"returnData,omitempty"`
	Memory     *[]string         `json:"memory,omitempty"`
	Storage    map[string]string `json:"storage,omitempty"`
	Refund     uint64            `json:"refund,omitempty"`
}

// StructLogResult is the struct logger's answer for one transaction.
type StructLogResult struct {
	Gas         uint64      `json:"gas"`
	Failed      bool        `json:"failed"`
	ReturnValue string      `json:"returnValue"`
	StructLogs  []StructLog `json:"structLogs"`
}

// StructLogger records every step of a transaction.
type StructLogger struct {
	cfg     StructLogConfig
	state   StateReader
	logs    []StructLog
	storage map[types.Address]map[types.Hash]types.Hash
	// logged: the last entry was written by OnOpcode in the running frame
	// (it is the failing step's when a fault has its pc and depth).
	logged bool
}

// NewStructLogger makes a struct logger reading SLOAD values from st.
func NewStructLogger(cfg StructLogConfig, st StateReader) *StructLogger {
	return &StructLogger{cfg: cfg, state: st, logs: []StructLog{}, storage: map[types.Address]map[types.Hash]types.Hash{}}
}

// Hooks returns the hooks to run the transaction with.
func (l *StructLogger) Hooks() *trace.Hooks {
	return &trace.Hooks{OnOpcode: l.opcode, OnFault: l.fault, OnEnter: l.enter, OnExit: l.exit}
}

func (l *StructLogger) opcode(s *trace.Step) {
	l.step(s)
	l.logged = true
}

// fault logs a step that failed before it ran (geth's interpreter then
// reports it through OnOpcode with the error). A step that failed while
// running (REVERT, an invalid opcode, ...) is already logged and stays
// as it is: geth's struct logger has no OnFault.
func (l *StructLogger) fault(s *trace.Step) {
	if n := len(l.logs); !l.logged || n == 0 || l.logs[n-1].PC != s.PC || l.logs[n-1].Depth != s.Depth {
		l.step(s)
	}
	l.logged = false
}

func (l *StructLogger) enter(int, byte, types.Address, types.Address, []byte, uint64, *uint256.Int) {
	l.logged = false
}

func (l *StructLogger) exit(int, []byte, uint64, error, bool) { l.logged = false }

func (l *StructLogger) step(s *trace.Step) {
	if l.cfg.Limit > 0 && len(l.logs) >= l.cfg.Limit {
		return
	}
	e := StructLog{PC: s.PC, Op: s.OpName, Gas: s.Gas, GasCost: s.Cost, Depth: s.Depth, Refund: s.Refund}
	if s.Op == opDifficulty {
		e.Op = "DIFFICULTY" // geth's name for 0x44 in every fork, PREVRANDAO's too
	}
	if s.Err != nil {
		e.Error = s.Err.Error()
	}
	if !l.cfg.DisableStack {
		st := make([]string, len(s.Stack))
		for i := range s.Stack {
			st[i] = s.Stack[i].Hex()
		}
		e.Stack = &st
	}
	// geth leaves out an empty memory rather than writing "memory": [].
	if l.cfg.EnableMemory && len(s.Memory) > 0 {
		mem := make([]string, 0, len(s.Memory)/32)
		for i := 0; i+32 <= len(s.Memory); i += 32 {
			mem = append(mem, "0x"+hex.EncodeToString(s.Memory[i:i+32]))
		}
		e.Memory = &mem
	}
	if l.cfg.EnableReturnData && len(s.ReturnData) > 0 {
		e.ReturnData = types.EncodeHex(s.ReturnData)
	}
	if !l.cfg.DisableStorage && s.Err == nil && (s.Op == opSLOAD || s.Op == opSSTORE) {
		l.recordStorage(&e, s)
	}
	l.logs = append(l.logs, e)
}

// recordStorage notes the slot an SLOAD reads (its current value) or an
// SSTORE writes (the new value) in the running contract's storage map, and
// gives the step a copy of that map, as geth's struct logger does.
func (l *StructLogger) recordStorage(e *StructLog, s *trace.Step) {
	n := len(s.Stack)
	addr := s.Address // where the code's storage lives (ADDRESS)
	m := l.storage[addr]
	if m == nil {
		m = map[types.Hash]types.Hash{}
		l.storage[addr] = m
	}
	switch {
	case s.Op == opSLOAD && n >= 1:
		key := types.Hash(s.Stack[n-1].Bytes32())
		m[key] = l.state.GetState(addr, key)
	case s.Op == opSSTORE && n >= 2:
		m[types.Hash(s.Stack[n-1].Bytes32())] = types.Hash(s.Stack[n-2].Bytes32())
	default:
		return
	}
	e.Storage = make(map[string]string, len(m))
	for k, v := range m {
		e.Storage[k.Hex()] = v.Hex()
	}
}

// Result is the trace with the transaction's outcome.
func (l *StructLogger) Result(gasUsed uint64, failed bool, ret []byte) json.RawMessage {
	b, _ := json.Marshal(StructLogResult{Gas: gasUsed, Failed: failed, ReturnValue: types.EncodeHex(ret), StructLogs: l.logs})
	return b
}
