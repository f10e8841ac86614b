package evm

import "github.com/holiman/uint256"

// stackLimit is the EVM's maximum stack depth.
const stackLimit = 1024

// Stack is the operand stack: a fixed array inside a pooled frame, so
// pushing never allocates. The interpreter loop checks bounds against the
// opcode table before a body runs, so the bodies do not.
type Stack struct {
	data [stackLimit]uint256.Int
	n    int
}

func (s *Stack) push(v *uint256.Int) { s.data[s.n] = *v; s.n++ }

// pushN returns the slot for a new top item, to be written in place.
func (s *Stack) pushN() *uint256.Int { s.n++; return &s.data[s.n-1] }

func (s *Stack) pop() uint256.Int { s.n--; return s.data[s.n] }

// popPtr drops the top and returns a pointer to it (valid until the next push).
func (s *Stack) popPtr() *uint256.Int { s.n--; return &s.data[s.n] }

// peek returns the top item, to be read or overwritten in place.
func (s *Stack) peek() *uint256.Int { return &s.data[s.n-1] }

// back returns the item i below the top (0 is the top).
func (s *Stack) back(i int) *uint256.Int { return &s.data[s.n-1-i] }

func (s *Stack) dup(n int) { s.data[s.n] = s.data[s.n-n]; s.n++ }

func (s *Stack) swap(n int) {
	s.data[s.n-1], s.data[s.n-1-n] = s.data[s.n-1-n], s.data[s.n-1]
}

// Len is the number of items on the stack.
func (s *Stack) Len() int { return s.n }

// Items is the stack bottom first (aliases the stack; for tracers).
func (s *Stack) Items() []uint256.Int { return s.data[:s.n] }
