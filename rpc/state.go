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
}
