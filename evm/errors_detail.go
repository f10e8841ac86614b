package evm

import "fmt"

// Detailed errors. The traced loop (runTraced) returns these instead of the
// bare sentinels so that an EIP-3155 trace carries the same error text as
// geth's `evm --json` and traces can be diffed byte for byte. Each still
// matches its sentinel with errors.Is. The untraced loops return the
// sentinels themselves: building the detail costs an allocation, and only
// a tracer reads it.

// StackError is a stack bound violated by an opcode, worded as geth words
// it: "stack underflow (1 <=> 2)" (items there <=> items needed) or "stack
// limit reached 1024 (1023)" (items there, most the opcode may find).
type StackError struct {
	Len      int  // items on the stack
	Bound    int  // items the opcode needs (underflow), or the most it may find (overflow)
	Overflow bool // true: too many items; false: too few
}

func (e *StackError) Error() string {
	if e.Overflow {
		return fmt.Sprintf("stack limit reached %d (%d)", e.Len, e.Bound)
	}
	return fmt.Sprintf("stack underflow (%d <=> %d)", e.Len, e.Bound)
}

// Is makes a StackError match ErrStackUnderflow or ErrStackOverflow.
func (e *StackError) Is(target error) bool {
	if e.Overflow {
		return target == ErrStackOverflow
	}
	return target == ErrStackUnderflow
}

// InvalidOpcodeError names the opcode that is not valid: "invalid opcode:
// INVALID", "invalid opcode: opcode 0xef not defined", and for an EIP-8024
// opcode with an invalid immediate "invalid opcode: DUPN (operand: 0x5b)".
type InvalidOpcodeError struct {
	Op         OpCode
	Operand    byte // the immediate, when HasOperand
	HasOperand bool
}

func (e *InvalidOpcodeError) Error() string {
	if e.HasOperand {
		return fmt.Sprintf("invalid opcode: %v (operand: 0x%02x)", e.Op, e.Operand)
	}
	return "invalid opcode: " + e.Op.String()
}

// Is makes an InvalidOpcodeError match ErrInvalidOpcode.
func (e *InvalidOpcodeError) Is(target error) bool { return target == ErrInvalidOpcode }

// GasError is a failure found while pricing an opcode's dynamic gas, which
// ends the frame as running out of gas does: "out of gas: write
// protection", "out of gas: gas uint64 overflow". It matches ErrOutOfGas and
// unwraps to its cause.
type GasError struct{ Cause error }

func (e *GasError) Error() string { return ErrOutOfGas.Error() + ": " + e.Cause.Error() }

// Is makes a GasError match ErrOutOfGas.
func (e *GasError) Is(target error) bool { return target == ErrOutOfGas }

// Unwrap returns the cause, so errors.Is sees ErrWriteProtection and the like.
func (e *GasError) Unwrap() error { return e.Cause }

// causeError is a sentinel-matching error with its own text, for pricing
// failures geth words in its own way.
type causeError struct {
	text string
	is   error
}

func (e *causeError) Error() string        { return e.text }
func (e *causeError) Is(target error) bool { return target == e.is }

// errSStoreSentry: EIP-2200 fails SSTORE with no more than the call
// stipend left. It is running out of gas; the text is geth's.
var errSStoreSentry error = &causeError{text: "not enough gas for reentrancy sentry", is: ErrOutOfGas}
