package rpc

import (
	"github.com/goevm/goevm/trace"
	"github.com/goevm/goevm/transition"
	"github.com/goevm/goevm/types"
	"github.com/holiman/uint256"
)

// The logs a simulated call reports, as geth's simulator collects them: a
// frame's logs are kept when it returns and dropped when it reverts, and
// with traceTransfers every ether transfer (a call's or creation's value, a
// self-destruct's balance) is a log too, in the ERC-7528 form: an ERC-20
// Transfer event from 0xeeee...eeee.

var (
	// transferTopic is keccak256("Transfer(address,address,uint256)").
	transferTopic = types.MustHexToHash("0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef")
	// etherAddress stands for ether (ERC-7528).
	etherAddress = types.MustHexToAddress("0xEeeeeEeeeEeEeeEeEeEeeEEEeeeeEeeeeeeeEEeE")
)

// simLog is a log with where it was emitted.
type simLog struct {
	log     *types.Log
	txIndex int
	txHash  types.Hash
	index   int // position in the block, counting dropped logs as geth does
}

// simLogTracer keeps the open frames' logs. It sees frames through the
// interpreter's hooks and logs through the state (simLogState).
type simLogTracer struct {
	transfers bool
	frames    [][]simLog
	count     int // logs recorded in this block so far
	txIndex   int
	txHash    types.Hash
	// started is set once the transaction's first frame opens.
	started bool
}

func (t *simLogTracer) hooks() *trace.Hooks {
	return &trace.Hooks{OnEnter: t.onEnter, OnExit: t.onExit}
}

// startTx begins a transaction's logs.
func (t *simLogTracer) startTx(index int, hash types.Hash) {
	t.frames, t.txIndex, t.txHash, t.started = nil, index, hash, false
}

func (t *simLogTracer) onEnter(depth int, kind byte, from, to types.Address, _ []byte, _ uint64, value *uint256.Int) {
	t.started = true
	t.frames = append(t.frames, nil)
	// A DELEGATECALL or CALLCODE moves no ether: from is the calling
	// contract and to the code's address (geth's OnEnter), and value stays
	// put, so neither is a transfer (geth's simulator skips both too).
	if t.transfers && kind != trace.KindDelegateCall && kind != trace.KindCallCode && value != nil && !value.IsZero() {
		t.add(&types.Log{
			Address: etherAddress,
			Topics:  []types.Hash{transferTopic, types.BytesToHash(from[:]), types.BytesToHash(to[:])},
			Data:    value.PaddedBytes(32),
		})
	}
}

func (t *simLogTracer) onExit(depth int, _ []byte, _ uint64, _ error, reverted bool) {
	if len(t.frames) == 0 {
		return
	}
	if len(t.frames) == 1 {
		// The transaction's top frame: its logs stay unless it reverted.
		if reverted {
			t.frames[0] = nil
		}
		return
	}
	last := t.frames[len(t.frames)-1]
	t.frames = t.frames[:len(t.frames)-1]
	if !reverted {
		t.frames[len(t.frames)-1] = append(t.frames[len(t.frames)-1], last...)
	}
}

func (t *simLogTracer) add(l *types.Log) {
	if len(t.frames) == 0 {
		t.frames = append(t.frames, nil)
	}
	top := len(t.frames) - 1
	t.frames[top] = append(t.frames[top], simLog{log: l, txIndex: t.txIndex, txHash: t.txHash, index: t.count})
	t.count++
}

// logs are the transaction's surviving logs.
func (t *simLogTracer) logs() []simLog {
	if len(t.frames) == 0 {
		return nil
	}
	return t.frames[0]
}

// simLogState is the simulation's state with its logs also going to the
// tracer.
type simLogState struct {
	transition.BlockStateDB // the simulation's state, under the EIP-7928 recorder when there is one
	tracer                  *simLogTracer
	// prewarm are the fork's own precompiles, warm in every transaction
	// (EIP-2929) even when an override replaced or moved one: geth warms
	// the fork's list, not the overridden set.
	prewarm []types.Address
	// moved are the addresses precompiles moved to: the transaction's
	// warm-up (before its first frame) leaves them cold, as geth, unless
	// the transaction names them (keep: sender, recipient, coinbase,
	// access list).
	moved map[types.Address]bool
	keep  map[types.Address]bool
}

func (s *simLogState) BeginTx() {
	s.BlockStateDB.BeginTx()
	for _, a := range s.prewarm {
		s.BlockStateDB.AddAddressToAccessList(a)
	}
}

func (s *simLogState) AddAddressToAccessList(a types.Address) {
	if !s.tracer.started && s.moved[a] && !s.keep[a] {
		return
	}
	s.BlockStateDB.AddAddressToAccessList(a)
}

// warmedByTx are the addresses a transaction's warm-up names itself.
func warmedByTx(tx *types.Transaction, from, coinbase types.Address) map[types.Address]bool {
	keep := map[types.Address]bool{from: true, coinbase: true}
	if tx.To != nil {
		keep[*tx.To] = true
	}
	for _, t := range tx.AccessList {
		keep[t.Address] = true
	}
	return keep
}

func (s *simLogState) AddLog(l *types.Log) {
	s.tracer.add(l)
	s.BlockStateDB.AddLog(l)
}
