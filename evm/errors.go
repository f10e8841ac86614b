package evm

import "errors"

// Sentinel errors. Every error but ErrExecutionReverted consumes all the gas
// of the frame it ends; ErrInsufficientBalance and ErrDepth returned by a
// CALL-family or CREATE opcode end only the attempted sub-call, before it starts.
var (
	ErrOutOfGas                 = errors.New("out of gas")
	ErrStackUnderflow           = errors.New("stack underflow")
	ErrStackOverflow            = errors.New("stack limit reached 1024")
	ErrInvalidJump              = errors.New("invalid jump destination")
	ErrInvalidOpcode            = errors.New("invalid opcode")
	ErrWriteProtection          = errors.New("write protection")
	ErrExecutionReverted        = errors.New("execution reverted")
	ErrDepth                    = errors.New("max call depth exceeded")
	ErrInsufficientBalance      = errors.New("insufficient balance for transfer")
	ErrContractAddressCollision = errors.New("contract address collision")
	ErrMaxCodeSizeExceeded      = errors.New("max code size exceeded")
	ErrMaxInitCodeSizeExceeded  = errors.New("max initcode size exceeded")
	ErrInvalidCode              = errors.New("invalid code: must not begin with 0xef")
	ErrReturnDataOutOfBounds    = errors.New("return data out of bounds")
	ErrGasUintOverflow          = errors.New("gas uint64 overflow")
	ErrNonceUintOverflow        = errors.New("nonce uint64 overflow")
	ErrCodeStoreOutOfGas        = errors.New("contract creation code storage out of gas")

	// ErrMemoryLimit is not a consensus outcome: the gas given would have
	// paid for more memory than Config.MemoryLimit lets the EVM hold. It
	// ends every frame up to the top-level call, which returns it, so the
	// caller can tell a call it could not run from one that failed.
	ErrMemoryLimit = errors.New("evm memory limit exceeded (Config.MemoryLimit)")

	// ErrInterrupted is not a consensus outcome either: the tracer's
	// Interrupt flag (trace.Hooks.Interrupt) was raised, and the frame
	// stopped at a JUMP or JUMPI; its parents stop at their next one.
	ErrInterrupted = errors.New("execution interrupted")
)
