package evm

import (
	"errors"
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
	pc        uint64      // the fast loop's pc while a table body runs (run_fast.go)
	// caller and address are the CALLER and ADDRESS of the frame: address is
	// where storage and balance live (the current target).
	caller, address types.Address
	value           uint256.Int
	input           []byte
	gas             uint64
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
	f.mem.reset()
	return f
}

func putFrame(f *frame) {
	f.code, f.input, f.returnData, f.jumpdests, f.blocks = nil, nil, nil, nil, nil
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
	if e.tracer != nil && (e.tracer.OnOpcode != nil || e.tracer.OnFault != nil) {
		return e.runTraced(f)
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
			f.mem.resize(memSize)
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
// loop does no tracing work at all.
func (e *EVM) runTraced(f *frame) (ret []byte, err error) {
	var (
		table = e.table
		code  = f.code
		pc    uint64
		step  trace.Step
	)
	fault := func(err error) ([]byte, error) {
		if e.tracer.OnFault != nil {
			step.Err = err
			e.tracer.OnFault(&step)
		}
		return nil, err
	}
	for {
		var op OpCode
		if pc < uint64(len(code)) {
			op = OpCode(code[pc])
		}
		o := &table[op]
		step = trace.Step{
			PC: pc, Op: byte(op), OpName: op.String(), Gas: f.gas, Cost: o.constantGas,
			Stack: f.stack.Items(), Memory: f.mem.store, ReturnData: f.returnData,
			Depth: e.depth + 1, Refund: e.db.GetRefund(),
		}
		if n := f.stack.n; n < o.minStack {
			return fault(ErrStackUnderflow)
		} else if n > o.maxStack {
			return fault(ErrStackOverflow)
		}
		if f.gas < o.constantGas {
			return fault(ErrOutOfGas)
		}
		f.gas -= o.constantGas
		var memSize uint64
		if o.memorySize != nil {
			size, overflow := o.memorySize(&f.stack)
			if overflow {
				return fault(ErrOutOfGas)
			}
			cost, ok := f.mem.expansionCost(size)
			if !ok || f.gas < cost {
				return fault(ErrOutOfGas)
			}
			f.gas -= cost
			step.Cost += cost
			memSize = size
		}
		if o.dynamicGas != nil {
			cost, err := o.dynamicGas(e, f, memSize)
			if err != nil {
				return fault(err)
			}
			step.Cost += cost
			if f.gas < cost {
				return fault(ErrOutOfGas)
			}
			f.gas -= cost
		}
		if e.tracer.OnOpcode != nil {
			e.tracer.OnOpcode(&step)
		}
		if memSize > 0 {
			f.mem.resize(memSize)
		}
		ret, err = o.execute(&pc, e, f)
		if err != nil {
			if err == errStop {
				return ret, nil
			}
			if err != ErrExecutionReverted {
				step.Stack, step.Memory = f.stack.Items(), f.mem.store
				return fault(err)
			}
			return ret, err
		}
		pc++
	}
}
