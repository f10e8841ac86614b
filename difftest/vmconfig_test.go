package difftest

import (
	"github.com/ethereum/go-ethereum/core/tracing"
	"github.com/ethereum/go-ethereum/core/vm"
)

func vmConfig(h *tracing.Hooks) vm.Config { return vm.Config{Tracer: h} }
