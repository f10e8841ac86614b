package rpc

import (
	"encoding/json"
	"fmt"
	"strings"
	"sync/atomic"
	"time"

	"github.com/goevm/goevm/chain"
	"github.com/goevm/goevm/trace"
	"github.com/goevm/goevm/tracers"
	"github.com/goevm/goevm/transition"
	"github.com/goevm/goevm/types"
)

// traceOptions are geth's debug_trace* options: the struct logger's, or a
// named tracer with its config.
type traceOptions struct {
	tracers.StructLogConfig
	Tracer       string          `json:"tracer"`
	TracerConfig json.RawMessage `json:"tracerConfig"`
	Timeout      string          `json:"timeout"`
	// timeout is Timeout parsed (readTraceOptions), defaultTraceTimeout
	// when absent.
	timeout time.Duration
	// firstLogIndex is where the traced transaction's logs start in its
	// block (callTracer's withLog indexes them block-wide, as geth does).
	firstLogIndex uint64
}

// activeTracer is one tracer run over one transaction.
type activeTracer struct {
	hooks  *trace.Hooks
	result func(txGas uint64, res *transition.Result) json.RawMessage
	// setState hands the struct logger the state it reads SLOAD values from.
	setState func(tracers.StateReader)
}

func newTracer(opts *traceOptions) (*activeTracer, error) {
	switch opts.Tracer {
	case "", "structLogger":
		var st stateReaderRef
		l := tracers.NewStructLogger(opts.StructLogConfig, &st)
		return &activeTracer{hooks: l.Hooks(), setState: func(r tracers.StateReader) { st.r = r },
			result: func(_ uint64, r *transition.Result) json.RawMessage {
				return l.Result(r.GasUsed, r.Failed(), r.ReturnData)
			}}, nil
	case "callTracer":
		var cfg tracers.CallTracerConfig
		if err := parseTracerConfig(opts, &cfg); err != nil {
			return nil, err
		}
		t := tracers.NewCallTracer(cfg)
		t.SetFirstLogIndex(opts.firstLogIndex)
		return &activeTracer{hooks: t.Hooks(), setState: func(tracers.StateReader) {},
			result: func(txGas uint64, r *transition.Result) json.RawMessage { return t.Result(txGas, r.GasUsed) }}, nil
	case "prestateTracer":
		var cfg tracers.PrestateTracerConfig
		if err := parseTracerConfig(opts, &cfg); err != nil {
			return nil, err
		}
		t, err := tracers.NewPrestateTracer(cfg)
		if err != nil {
			return nil, errorf(codeInvalidParams, "invalid tracerConfig for prestateTracer: %v", err)
		}
		return &activeTracer{hooks: t.Hooks(), setState: func(tracers.StateReader) {},
			result: func(uint64, *transition.Result) json.RawMessage { return t.Result() }}, nil
	case "4byteTracer":
		t := tracers.NewFourByteTracer()
		return &activeTracer{hooks: t.Hooks(), setState: func(tracers.StateReader) {},
			result: func(uint64, *transition.Result) json.RawMessage { return t.Result() }}, nil
	case "gasProfiler":
		t := tracers.NewGasProfiler()
		return &activeTracer{hooks: t.Hooks(), setState: func(tracers.StateReader) {},
			result: func(uint64, *transition.Result) json.RawMessage { return t.Result() }}, nil
	}
	return nil, errorf(codeInvalidParams, "unknown tracer %q: goevm serves the struct logger (no tracer), %s", opts.Tracer, strings.Join(tracerNames, ", "))
}

// tracerNames are the tracers newTracer knows, as an unknown name's error
// lists them.
var tracerNames = []string{"callTracer", "prestateTracer", "4byteTracer", "gasProfiler"}

// parseTracerConfig decodes the options' tracerConfig (absent or null:
// the defaults) into cfg, naming the tracer and the field in the error.
func parseTracerConfig(opts *traceOptions, cfg any) error {
	if len(opts.TracerConfig) == 0 || string(opts.TracerConfig) == "null" {
		return nil
	}
	if err := json.Unmarshal(opts.TracerConfig, cfg); err != nil {
		return errorf(codeInvalidParams, "invalid tracerConfig for %s: %v", opts.Tracer, jsonError(err))
	}
	return nil
}

// stateReaderRef lets the struct logger be made before its state exists.
type stateReaderRef struct{ r tracers.StateReader }

func (s *stateReaderRef) GetState(a types.Address, k types.Hash) types.Hash {
	if s.r == nil {
		return types.Hash{}
	}
	return s.r.GetState(a, k)
}

func (s *Server) registerDebugTrace() {
	m := s.methods
	m["debug_traceTransaction"] = func(_ *callCtx, a args) (any, error) {
		var h hash
		if err := a.need(0, &h); err != nil {
			return nil, err
		}
		opts, err := readTraceOptions(a, 1)
		if err != nil {
			return nil, err
		}
		blk, i, rs, err := s.locateTx(types.Hash(h))
		if err != nil {
			return nil, err
		}
		if blk == nil {
			return nil, errorf(codeServer, "transaction %s not found", types.Hash(h))
		}
		return s.traceTx(blk, rs, i, opts)
	}
	traceBlock := func(a args, tag blockTag) (any, error) {
		opts, err := readTraceOptions(a, 1)
		if err != nil {
			return nil, err
		}
		blk, err := s.resolve(tag)
		if err != nil {
			return nil, err
		}
		if blk.Header.Number == 0 {
			return nil, errorf(codeServer, "genesis is not traceable")
		}
		type txTrace struct {
			TxHash types.Hash      `json:"txHash"`
			Result json.RawMessage `json:"result"`
		}
		rs, err := s.chain.Receipts(blk.Hash())
		if err != nil {
			return nil, err
		}
		out := []txTrace{}
		for i, raw := range blk.Transactions {
			r, err := s.traceTx(blk, rs, i, opts)
			if err != nil {
				return nil, err
			}
			out = append(out, txTrace{TxHash: hashOf(raw), Result: r})
		}
		return out, nil
	}
	m["debug_traceBlockByNumber"] = func(_ *callCtx, a args) (any, error) {
		var tag blockTag
		if err := a.need(0, &tag); err != nil {
			return nil, err
		}
		return traceBlock(a, tag)
	}
	m["debug_traceBlockByHash"] = func(_ *callCtx, a args) (any, error) {
		var h hash
		if err := a.need(0, &h); err != nil {
			return nil, err
		}
		hh := types.Hash(h)
		return traceBlock(a, blockTag{hash: &hh})
	}
	m["debug_traceCall"] = func(_ *callCtx, a args) (any, error) {
		c := &callRequest{tag: latest}
		if err := a.need(0, &c.args); err != nil {
			return nil, err
		}
		if _, err := a.get(1, &c.tag); err != nil {
			return nil, err
		}
		opts, err := readTraceOptions(a, 2)
		if err != nil {
			return nil, err
		}
		t, err := newTracer(opts)
		if err != nil {
			return nil, err
		}
		c.tracer = t.hooks
		c.wrap = func(st *stateWithHeader) transition.StateDB {
			t.setState(st)
			return st
		}
		res, err := runTimed(t, opts.timeout, func() (*transition.Result, error) { return s.runCall(c, nil) })
		if err != nil {
			return nil, err
		}
		gas := uint64(0)
		if c.args.Gas != nil {
			gas = uint64(*c.args.Gas)
		}
		return t.result(gas, res), nil
	}
}

func readTraceOptions(a args, i int) (*traceOptions, error) {
	opts := &traceOptions{}
	if _, err := a.get(i, opts); err != nil {
		return nil, err
	}
	opts.timeout = defaultTraceTimeout
	if opts.Timeout != "" {
		d, err := time.ParseDuration(opts.Timeout)
		if err != nil {
			return nil, invalidParams(i, fmt.Errorf("timeout %q is not a duration such as \"5s\" or \"300ms\": %w", opts.Timeout, err))
		}
		opts.timeout = d
	}
	return opts, a.count(i, i+1)
}

// defaultTraceTimeout is geth's (eth/tracers/api.go defaultTraceTimeout):
// how long one transaction's trace may run when the options give no
// timeout.
const defaultTraceTimeout = 5 * time.Second

// errTraceTimeout is geth's error for a trace that ran out of time.
var errTraceTimeout = errorf(codeServer, "execution timeout")

// runTimed runs one traced execution under the options' timeout, as geth's
// traceTx does: when the time is up the tracer's Interrupt is raised, which
// stops the EVM at its next jump (trace.Hooks.Interrupt), and the trace
// fails with "execution timeout" whatever the run returned. A timeout of
// zero or less has expired before the run starts (geth's context deadline
// likewise). The clock starts here, so for debug_traceTransaction it also
// counts re-running the block's earlier transactions, which are not
// interruptible: a trace behind them that took too long stops at its
// first jump.
func runTimed[T any](t *activeTracer, timeout time.Duration, run func() (T, error)) (T, error) {
	stop := new(atomic.Bool)
	t.hooks.Interrupt = stop
	if timeout <= 0 {
		stop.Store(true)
	} else {
		timer := time.AfterFunc(timeout, func() { stop.Store(true) })
		defer timer.Stop()
	}
	res, err := run()
	if stop.Load() {
		var zero T
		return zero, errTraceTimeout
	}
	return res, err
}

// traceTx re-runs transaction i of blk on its parent's state, the block's
// earlier transactions first, with the tracer the options name; rs are the
// block's receipts (senders and log indexes), read once by the caller.
func (s *Server) traceTx(blk *types.Block, rs []*chain.Receipt, i int, opts *traceOptions) (json.RawMessage, error) {
	withIndex := *opts
	if i < len(rs) {
		withIndex.firstLogIndex = uint64(rs[i].FirstLogIndex)
	}
	t, err := newTracer(&withIndex)
	if err != nil {
		return nil, err
	}
	env := transition.EnvFromHeader(s.chain.TransitionConfigAt(blk.Header.Number, blk.Header.Time), blk)
	env.GetHash = s.chain.GetHashFn()
	env.NoCodeSizeLimit = s.chain.Config().DisableCodeSizeLimit
	env.Senders = make([]types.Address, len(rs))
	env.Impersonated = map[types.Address]bool{}
	for j, r := range rs {
		// Known senders: an impersonated one has no signature to recover,
		// and was allowed to have code when it was mined.
		env.Senders[j] = r.From
		env.Impersonated[r.From] = true
	}
	if blk.Header.WithdrawalsRoot != nil && env.Withdrawals == nil {
		env.Withdrawals = []*types.Withdrawal{}
	}
	st := s.chain.State(blk.Header.Number - 1)
	t.setState(st)
	res, err := runTimed(t, opts.timeout, func() (*transition.Result, error) {
		return transition.TraceTx(st, env, blk.Transactions, i, t.hooks)
	})
	if err == errTraceTimeout {
		return nil, err
	}
	if err != nil {
		return nil, fmt.Errorf("re-running transaction %d of block %d: %w", i, blk.Header.Number, err)
	}
	tx, err := types.DecodeTx(blk.Transactions[i])
	if err != nil {
		return nil, err
	}
	return t.result(tx.Gas, res), nil
}
