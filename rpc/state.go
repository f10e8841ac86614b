package rpc

import (
	"github.com/goevm/goevm/state"
	"github.com/goevm/goevm/types"
)

// stateWithHeader is a block's state with the header whose context calls
// at that block run in.
type stateWithHeader struct {
	*state.Memory
	header *types.Header
	// number is the n of the chain's State(n) it reads (head+1 for the
	// newest state), 0 when it reads no stored state.
	number uint64
}
