package main

import (
	"sync/atomic"

	"github.com/goevm/goevm/spectest"
	"github.com/goevm/goevm/trace"
)

// traceCheck attaches tracing hooks that do nothing to every case of
// `goevm statetest --trace-check`. A step hook makes the interpreter run
// its traced loop (runTraced) instead of the fast one, and the state hooks
// put the transaction layer's hooked state in front of the real one, so
// the suite checks that tracing changes no post-state root and no logs
// hash: a gas slip in the traced loop would otherwise corrupt every
// --trace and debug_traceTransaction without failing a test. It counts the
// steps the hooks saw, so a run that never reached the traced loop shows.
type traceCheck struct{ steps atomic.Uint64 }

func (c *traceCheck) install(cfg *spectest.StateRunConfig) {
	cfg.Tracer = func(name, fork string, index int) *trace.Hooks {
		var steps uint64 // one case runs on one goroutine
		h := trace.NoopHooks()
		h.OnTxEnd = func(*trace.TxResult, error) { c.steps.Add(steps); steps = 0 }
		h.OnOpcode = func(*trace.Step) { steps++ }
		return h
	}
}
