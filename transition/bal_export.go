package transition

import "github.com/goevm/goevm/types"

// AccessListRecorder builds a block's EIP-7928 access list for a caller that
// runs the block's steps itself (eth_simulateV1: BeginBlock, Apply per
// transaction, FinishBlock), as ExecuteBody does for a whole body. Run each
// step through State(), set the block access index before it (0 for the
// pre-execution system calls, i+1 for the i-th transaction, n+1 for what
// follows them), and read List() at the end.
type AccessListRecorder struct{ r *balRecorder }

// NewAccessListRecorder starts an empty list over db.
func NewAccessListRecorder(db BlockStateDB) *AccessListRecorder {
	return &AccessListRecorder{r: newBALRecorder(db)}
}

// State is db with every access recorded.
func (a *AccessListRecorder) State() BlockStateDB { return a.r }

// SetIndex sets the block access index of the steps that follow.
func (a *AccessListRecorder) SetIndex(i uint32) { a.r.setIndex(i) }

// List is the access list of the steps finished so far.
func (a *AccessListRecorder) List() types.BlockAccessList { return a.r.list() }
