package evm

import (
	"fmt"

	"github.com/goevm/goevm/state"
	"github.com/goevm/goevm/types"
	"github.com/holiman/uint256"
)

// CustomOp is an opcode added for an experiment (Config.CustomOps). It
// replaces whatever the fork's table holds at Op. The loop checks Pops and
// Pushes against the stack and charges Gas before Run.
type CustomOp struct {
	Op           OpCode
	Pops, Pushes int
	Gas          uint64
	// Run executes the opcode. It must pop exactly Pops items and push
	// exactly Pushes. An error ends the frame using all its gas.
	Run func(s *Scope) error
}

// Scope is the running frame as a custom opcode sees it.
type Scope struct {
	e *EVM
	f *frame
}

// Pop removes and returns the top stack item.
func (s *Scope) Pop() uint256.Int { return s.f.stack.pop() }

// Push puts v on the stack.
func (s *Scope) Push(v *uint256.Int) { s.f.stack.push(v) }

// UseGas charges extra gas, reporting whether there was enough.
func (s *Scope) UseGas(g uint64) bool { return s.f.useGas(g) }

// Address is the account whose storage the frame uses (ADDRESS).
func (s *Scope) Address() types.Address { return s.f.address }

// Caller is the frame's CALLER.
func (s *Scope) Caller() types.Address { return s.f.caller }

// Memory is the frame's memory (read and write in place; it does not grow).
func (s *Scope) Memory() []byte { return s.f.mem.store }

// StateDB is the state the EVM runs against.
func (s *Scope) StateDB() state.StateDB { return s.e.db }

// withCustomOps copies base and installs ops into the copy.
func withCustomOps(base *jumpTable, ops []CustomOp) (*jumpTable, error) {
	t := *base
	for _, c := range ops {
		if c.Run == nil || c.Pops < 0 || c.Pushes < 0 || c.Pops > stackLimit || c.Pushes > stackLimit {
			return nil, fmt.Errorf("evm: custom opcode %#x: bad definition", byte(c.Op))
		}
		run := c.Run
		t[c.Op] = operation{
			execute: func(pc *uint64, e *EVM, f *frame) ([]byte, error) {
				return nil, run(&Scope{e: e, f: f})
			},
			constantGas: c.Gas,
			minStack:    c.Pops,
			maxStack:    stackLimit + c.Pops - c.Pushes,
		}
	}
	return &t, nil
}
