package evm

import (
	"errors"
	"fmt"
	"sync"

	"github.com/goevm/goevm/trace"
	"github.com/goevm/goevm/types"
	"github.com/holiman/uint256"
)

// frame is the machine state of one call or create. Frames are pooled so
// the 32 KiB stack is not allocated per call.
type frame struct {
	stack Stack
	mem   Memory

	code      []byte
	jumpdests bitvec
	blocks    []blockCost // per-offset block costs (blocks.go)
	keys      []fastKey   // per-offset switch keys of the fast loop (blocks.go)
	pc        uint64      // the fast loop's pc while a table body runs (run_fast.go)
	// caller and address are the CALLER and ADDRESS of the frame: address is
	// where storage and balance live (the current target).
	caller, address types.Address
	value           uint256.Int
	input           []byte
	gas             uint64
	state           stateAcct // EIP-8037 state gas charged (state_gas.go)
	static          bool
	returnData      []byte // output of the last call made from this frame

	// Set by a call opcode's dynamic gas for its body: the gas handed on and,
	// after EIP-7702 resolution, whose code runs.
	callGas          uint64
	callCodeAddr     types.Address
	callNoPrecompile bool
}

var framePool = sync.Pool{New: func() any { return new(frame) }}

func getFrame() *frame {
	f := framePool.Get().(*frame)
	f.stack.n = 0
	f.state = stateAcct{}
	f.mem.reset()
	return f
}

func putFrame(f *frame) {
	f.code, f.input, f.returnData, f.jumpdests, f.blocks, f.keys = nil, nil, nil, nil, nil, nil
	if cap(f.mem.store) > 1<<20 { // do not keep huge memories alive
		f.mem.store = nil
	}
	framePool.Put(f)
}

// errStop is returned by halting opcodes whose frame ends successfully.
var errStop = errors.New("stop")

// useGas charges gas, reporting whether there was enough.
func (f *frame) useGas(g uint64) bool {
	if f.gas < g {
		return false
	}
	f.gas -= g
	return true
}

// run executes the frame's code until it halts. The returned error is nil
// for STOP/RETURN/SELFDESTRUCT (and running off the end of the code).
func (e *EVM) run(f *frame) (ret []byte, err error) {
	if e.tracer != nil {
		if e.tracer.OnOpcode != nil || e.tracer.OnFault != nil {
			return e.runTraced(f)
		}
		if e.interrupt != nil { // the fast loop's inline jumps do not look at it
			return e.runChecked(f, 0)
		}
	}
	if e.checkedOnly {
		return e.runChecked(f, 0)
	}
	return e.runFast(f)
}

// runChecked executes the frame's code from pc checking stack bounds and
// charging gas instruction by instruction. The fast loop hands over to it
// when a block is about to fail, so errors arise exactly where they would
// without block checks.
func (e *EVM) runChecked(f *frame, pc uint64) (ret []byte, err error) {
	var (
		table = e.table
		code  = f.code
	)
	for {
		var op OpCode
		if pc < uint64(len(code)) {
			op = OpCode(code[pc])
		}
		o := &table[op]
		if n := f.stack.n; n < o.minStack {
			return nil, ErrStackUnderflow
		} else if n > o.maxStack {
			return nil, ErrStackOverflow
		}
		if f.gas < o.constantGas {
			return nil, ErrOutOfGas
		}
		f.gas -= o.constantGas
		var memSize uint64
		if o.memorySize != nil {
			size, overflow := o.memorySize(&f.stack)
			if overflow {
				return nil, ErrOutOfGas
			}
			cost, ok := f.mem.expansionCost(size)
			if !ok || f.gas < cost {
				return nil, ErrOutOfGas
			}
			f.gas -= cost
			memSize = size
		}
		if o.dynamicGas != nil {
			cost, err := o.dynamicGas(e, f, memSize)
			if err != nil {
				return nil, err
			}
			if f.gas < cost {
				return nil, ErrOutOfGas
			}
			f.gas -= cost
		}
		if memSize > 0 {
			if err := e.grow(f, op, memSize); err != nil {
				return nil, err
			}
		}
		ret, err = o.execute(&pc, e, f)
		if err != nil {
			if err == errStop {
				return ret, nil
			}
			return ret, err
		}
		pc++
	}
}

// runTraced is run with the tracer's step hooks; kept apart so the untraced
// loop does no tracing work at all. It reports steps as geth's interpreter
// does, so EIP-3155 traces diff byte for byte against `evm --json`: errors
// carry geth's detail (errors_detail.go), a step that cannot pay its gas
// reports the whole price (constant, memory and dynamic), the refund is read
// when a hook runs (after the opcode's pricing added to it), REVERT is
// reported again as a fault.
func (e *EVM) runTraced(f *frame) (ret []byte, err error) {
	var (
		table = e.table
		code  = f.code
		pc    uint64
		step  trace.Step
	)
	fault := func(err error) error {
		if e.tracer.OnFault != nil {
			step.Err, step.Refund = err, e.db.GetRefund()
			e.tracer.OnFault(&step)
		}
		return err
	}
	for {
		var op OpCode
		if pc < uint64(len(code)) {
			op = OpCode(code[pc])
		}
		o := &table[op]
		// Memory and dynamic gas are priced together and charged at once,
		// so a step that cannot pay reports its whole price.
		constant, price := o.constantGas, uint64(0)
		if o.gethWhole {
			constant, price = 0, o.constantGas
		}
		step = trace.Step{
			PC: pc, Op: byte(op), OpName: op.String(), Gas: f.gas, Cost: constant,
			Stack: f.stack.Items(), Memory: f.mem.store, ReturnData: f.returnData,
			Depth: e.depth + 1, Address: f.address, Caller: f.caller,
		}
		if n := f.stack.n; n < o.minStack {
			return nil, fault(&StackError{Len: n, Bound: o.minStack})
		} else if n > o.maxStack {
			return nil, fault(&StackError{Len: n, Bound: o.maxStack, Overflow: true})
		}
		if f.gas < constant {
			return nil, fault(ErrOutOfGas)
		}
		f.gas -= constant
		var memSize uint64
		if o.memorySize != nil {
			size, overflow := o.memorySize(&f.stack)
			if overflow {
				return nil, fault(memoryOverflowError(op, &f.stack))
			}
			cost, ok := f.mem.expansionCost(size)
			if !ok {
				return nil, fault(&GasError{Cause: ErrGasUintOverflow})
			}
			price, memSize = price+cost, size
		}
		if o.gethChecksStatic && f.static && (op != CALL || !f.stack.back(2).IsZero()) {
			// geth finds EIP-214's write while pricing; the bodies find it
			// after, as the specs do: the same failure, reported as geth's.
			return nil, fault(&GasError{Cause: ErrWriteProtection})
		}
		if o.dynamicGas != nil {
			// Dynamic gas sees the gas left after memory, as when it is
			// paid; if memory cannot be paid the step fails below anyway,
			// and what pricing did to state is undone with the frame.
			paid := min(price, f.gas)
			f.gas -= paid
			cost, err := o.dynamicGas(e, f, memSize)
			f.gas += paid
			if err == errStateGasShort {
				// EIP-8037: the execution cost was priced, the state gas
				// could not be paid; geth reports the step as a plain
				// out-of-gas charging the execution cost.
				step.Cost += price + cost
				return nil, fault(ErrOutOfGas)
			}
			if err != nil {
				if err == ErrMaxInitCodeSizeExceeded { // EIP-3860, with geth's detail
					err = fmt.Errorf("%w: code size %d limit %d", err, f.stack.back(2).Uint64(), e.is.maxInitCodeSize)
				}
				return nil, fault(&GasError{Cause: err})
			}
			var overflow bool
			if price, overflow = safeAdd(price, cost); overflow {
				return nil, fault(&GasError{Cause: ErrGasUintOverflow})
			}
		}
		step.Cost += price
		if f.gas < price {
			return nil, fault(ErrOutOfGas)
		}
		f.gas -= price
		if e.tracer.OnOpcode != nil {
			step.Refund = e.db.GetRefund()
			e.tracer.OnOpcode(&step)
		}
		if memSize > 0 && !f.mem.fits(memSize) {
			// Within the ceiling memory grows before the opcode runs, as in
			// geth, so a failing RETURNDATACOPY is traced with the memory
			// size geth reports; past it, the step fails as grow decides.
			err := e.grow(f, op, memSize)
			if err == ErrReturnDataOutOfBounds {
				f.stack.n -= 3 // popped by the opcode, as its trace shows
			}
			step.Stack, step.Memory = f.stack.Items(), f.mem.store
			return nil, fault(err)
		}
		if memSize > 0 {
			f.mem.resize(memSize)
		}
		ret, err = o.execute(&pc, e, f)
		if err != nil {
			if err == errStop {
				return ret, nil
			}
			if o.immediate { // EIP-8024: geth names the immediate, or the depth it needed
				err = immediateError(op, immediateAt(code, pc), f.stack.n, err)
			} else if err == ErrInvalidOpcode {
				err = &InvalidOpcodeError{Op: op}
			}
			step.Stack, step.Memory = f.stack.Items(), f.mem.store
			fault(err)
			if err == ErrExecutionReverted {
				return ret, err
			}
			return nil, err
		}
		pc++
	}
}

// traceRefusedCall reports a call refused before it starts (too deep, or
// too little balance for its value) as a frame that used no gas, as geth's
// tracers see it: geth opens the frame before those checks.
func (e *EVM) traceRefusedCall(kind byte, f *frame, addr types.Address, gas uint64, value *uint256.Int, err error) {
	if e.tracer == nil {
		return
	}
	if OpCode(kind) == DELEGATECALL {
		*value = f.value // the caller's, as a DELEGATECALL that runs carries it (value is execCall's own)
	}
	depth := e.depth + 2
	if e.tracer.OnEnter != nil {
		// geth's from and to: the calling contract and the address named
		// (traceCallAddrs).
		e.tracer.OnEnter(depth, kind, f.address, addr, nil, gas, value)
	}
	if e.tracer.OnExit != nil {
		e.tracer.OnExit(depth, nil, 0, err, true)
	}
}
