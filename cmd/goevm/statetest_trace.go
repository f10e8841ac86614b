package main

import (
	"fmt"
	"io"

	"github.com/goevm/goevm/spectest"
	"github.com/goevm/goevm/trace"
)

// stateTracer installs the EIP-3155 JSON logger for every case, writing to
// w, and after each case a {"stateRoot": ...} line, as geth's
// `evm statetest --trace` does, so the two can be diffed.
func stateTracer(cfg *spectest.StateRunConfig, w io.Writer) {
	cfg.Tracer = func(name, fork string, index int) *trace.Hooks {
		return trace.NewJSONLogger(w, trace.JSONOptions{}).Hooks()
	}
	cfg.OnResult = func(r spectest.StateResult) {
		fmt.Fprintf(w, "{\"stateRoot\": \"%s\"}\n", r.StateRoot.Hex())
	}
}
