package rpc

import (
	"errors"
	"fmt"
	"math"

	"github.com/goevm/goevm/state"
	"github.com/goevm/goevm/transition"
	"github.com/goevm/goevm/types"
)

// eth_simulateV1 (execution-apis src/eth/execute.yaml): a sequence of
// blocks, each with its block and state overrides and its calls, built on
// top of a base block and returned as blocks with a result per call.
// Behaviour follows geth's (internal/ethapi/simulate.go), which the
// execution-apis tests were generated with: the same defaults, limits,
// header fields and error codes.

// Limits of one request (geth's).
const (
	maxSimulateBlocks        = 256
	maxSimulateCallsPerBlock = 5000
	maxSimulateTotalCalls    = 10000
	// simTimeIncrement is the timestamp step of a block that names none.
	simTimeIncrement = 12
)

// eth_simulateV1's own error codes (execution-apis, geth's errors.go).
const (
	codeSimNonceTooLow       = -38010
	codeSimNonceTooHigh      = -38011
	codeSimBaseFeeTooLow     = -38012
	codeSimIntrinsicGas      = -38013
	codeSimInsufficientFunds = -38014
	codeSimBlockGasLimit     = -38015
	codeSimBlockNumberOrder  = -38020
	codeSimBlockTimeOrder    = -38021
	codeSimSenderNotEOA      = -38024
	codeSimInitcodeTooLarge  = -38025
	codeSimClientLimit       = -38026
	// codeSimVMError is a call's failure other than a revert.
	codeSimVMError = -32015
)

// simOpts is the first parameter.
type simOpts struct {
	BlockStateCalls        []simBlock `json:"blockStateCalls"`
	TraceTransfers         bool       `json:"traceTransfers"`
	Validation             bool       `json:"validation"`
	ReturnFullTransactions bool       `json:"returnFullTransactions"`
}

// simBlock is one block to simulate.
type simBlock struct {
	BlockOverrides *simBlockOverrides             `json:"blockOverrides"`
	StateOverrides map[address]simAccountOverride `json:"stateOverrides"`
	Calls          []txArgs                       `json:"calls"`
}

// simBlockOverrides are eth_call's block overrides plus the fields only a
// simulated block has.
type simBlockOverrides struct {
	blockOverrides
	Difficulty  *big          `json:"difficulty"`
	BeaconRoot  *hash         `json:"beaconRoot"`
	Withdrawals *[]withdrawal `json:"withdrawals"`
}

// simAccountOverride is eth_call's account override plus moving a
// precompile away (its address then holds whatever the override says).
type simAccountOverride struct {
	accountOverride
	MovePrecompileTo *address `json:"movePrecompileToAddress"`
}

func (s *Server) registerSimulate() {
	s.methods["eth_simulateV1"] = func(_ *callCtx, a args) (any, error) {
		var opts simOpts
		if err := a.need(0, &opts); err != nil {
			return nil, err
		}
		tag, err := a.lastBlock(1)
		if err != nil {
			return nil, err
		}
		if err := checkSimLimits(&opts); err != nil {
			return nil, err
		}
		st, err := s.stateAt(tag)
		if err != nil {
			return nil, err
		}
		sim := &simulator{s: s, st: st.Memory, stateNumber: st.number, base: st.header, opts: &opts, budget: rpcGasCap}
		return sim.run()
	}
}

func checkSimLimits(opts *simOpts) error {
	switch {
	case len(opts.BlockStateCalls) == 0:
		return errorf(codeInvalidParams, "empty input: blockStateCalls has no blocks")
	case len(opts.BlockStateCalls) > maxSimulateBlocks:
		return errorf(codeSimClientLimit, "too many blocks: %d > %d", len(opts.BlockStateCalls), maxSimulateBlocks)
	}
	total := 0
	for i, b := range opts.BlockStateCalls {
		if len(b.Calls) > maxSimulateCallsPerBlock {
			return errorf(codeSimClientLimit, "too many calls in block %d: %d > %d", i, len(b.Calls), maxSimulateCallsPerBlock)
		}
		if total += len(b.Calls); total > maxSimulateTotalCalls {
			return errorf(codeSimClientLimit, "too many calls: %d > %d", total, maxSimulateTotalCalls)
		}
	}
	return nil
}

// simulator runs one request's blocks on a private state.
type simulator struct {
	s  *Server
	st *state.Memory
	// stateNumber is the chain's State(n) st reads, for state roots.
	stateNumber uint64
	base        *types.Header
	opts        *simOpts
	// budget is the gas left of the RPC gas cap, which bounds the request
	// as a whole: each call's gas is capped to it and its gas used taken off.
	budget uint64
	// done are the blocks simulated so far, for BLOCKHASH.
	done []*types.Header
}

// plannedBlock is a simulated block with its number and time decided.
type plannedBlock struct {
	number, time uint64
	block        simBlock
}

func (sim *simulator) run() ([]*simBlockResult, error) {
	plan, err := sim.plan()
	if err != nil {
		return nil, err
	}
	out := make([]*simBlockResult, 0, len(plan))
	parent := sim.base
	for i := range plan {
		res, err := sim.processBlock(&plan[i], parent)
		if err != nil {
			return nil, err
		}
		out = append(out, res)
		parent = res.header
		sim.done = append(sim.done, parent)
	}
	return out, nil
}

// plan numbers and times the blocks: a block without a number follows the
// previous one, a gap between numbers is filled with empty blocks, and a
// block without a time comes 12 seconds after the previous one. Numbers
// and times must increase; at most 256 blocks past the base.
func (sim *simulator) plan() ([]plannedBlock, error) {
	var out []plannedBlock
	prevNum, prevTime := sim.base.Number, sim.base.Time
	for _, b := range sim.opts.BlockStateCalls {
		ov := b.BlockOverrides
		num := prevNum + 1
		if ov != nil && ov.Number != nil {
			if !ov.Number.Int.IsUint64() {
				return nil, errorf(codeSimClientLimit, "too many blocks: block number %s", ov.Number.Int.Dec())
			}
			num = ov.Number.Int.Uint64()
		}
		if num <= prevNum {
			return nil, errorf(codeSimBlockNumberOrder, "block numbers must be in order: %d <= %d", num, prevNum)
		}
		if num-sim.base.Number > maxSimulateBlocks {
			return nil, errorf(codeSimClientLimit, "too many blocks: block %d is more than %d past the base block %d", num, maxSimulateBlocks, sim.base.Number)
		}
		for n := prevNum + 1; n < num; n++ {
			prevTime += simTimeIncrement
			out = append(out, plannedBlock{number: n, time: prevTime})
		}
		t := prevTime + simTimeIncrement
		if ov != nil && ov.Time != nil {
			t = uint64(*ov.Time)
			if t <= prevTime {
				return nil, errorf(codeSimBlockTimeOrder, "block timestamps must be in order: %d <= %d", t, prevTime)
			}
		}
		out = append(out, plannedBlock{number: num, time: t, block: b})
		prevNum, prevTime = num, t
	}
	return out, nil
}

// getHash answers BLOCKHASH in a simulated block: simulated blocks by
// their simulated hashes, the rest from the chain.
func (sim *simulator) getHash() func(uint64) types.Hash {
	canonical := sim.s.chain.GetHashFn()
	return func(n uint64) types.Hash {
		if n == sim.base.Number {
			return sim.base.Hash()
		}
		if n < sim.base.Number {
			return canonical(n)
		}
		for _, h := range sim.done {
			if h.Number == n {
				return h.Hash()
			}
		}
		return types.Hash{}
	}
}

// txError turns a transaction the simulation cannot include into the
// request's error, with eth_simulateV1's code for the reason.
func txError(err error) *Error {
	code := codeInternal
	for _, m := range []struct {
		sentinel error
		code     int
	}{
		// EIP-8037: geth's ErrFloorDataGas, which its simulator maps to
		// no code of its own (-32603), before the intrinsic-gas rule.
		{transition.ErrIntrinsicAboveCap, codeInternal},
		{transition.ErrNonceTooHigh, codeSimNonceTooHigh},
		{transition.ErrNonceTooLow, codeSimNonceTooLow},
		{transition.ErrSenderNotEOA, codeSimSenderNotEOA},
		{transition.ErrTipAboveFeeCap, codeInvalidParams},
		{transition.ErrFeeCapTooLow, codeSimBaseFeeTooLow},
		{transition.ErrInsufficientFunds, codeSimInsufficientFunds},
		{transition.ErrIntrinsicGas, codeSimIntrinsicGas},
		{transition.ErrInitcodeSizeExceeded, codeSimInitcodeTooLarge},
		{transition.ErrGasLimitReached, codeSimBlockGasLimit},
	} {
		if errors.Is(err, m.sentinel) {
			code = m.code
			break
		}
	}
	return errorf(code, "%v", err)
}

// checkNonce is validation mode's nonce rule, checked before the fees as
// geth does: the call's nonce must be the sender's, which must not be the
// largest (EIP-2681).
func checkNonce(have, want uint64, from types.Address) error {
	switch {
	case want > have:
		return fmt.Errorf("%w: address %s, tx: %d state: %d", transition.ErrNonceTooHigh, from, want, have)
	case want < have:
		return fmt.Errorf("%w: address %s, tx: %d state: %d", transition.ErrNonceTooLow, from, want, have)
	case have == math.MaxUint64:
		return fmt.Errorf("%w: address %s, nonce: %d", transition.ErrNonceMax, from, have)
	}
	return nil
}

// stateRoot is the root of the simulation's state now.
func (sim *simulator) stateRoot(deleteEmpty bool) (types.Hash, error) {
	sim.st.Finalise(deleteEmpty)
	if err := sim.st.Err(); err != nil {
		return types.Hash{}, err
	}
	return sim.s.chain.StateRootWith(sim.stateNumber, sim.st.Changes())
}
