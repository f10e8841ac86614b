// Package transition applies transactions to the world state: Y(S, T) = S'.
// It checks a transaction's validity in the order the execution specs do,
// buys gas, runs the message through the interpreter, refunds, and pays the
// fee recipient. An invalid transaction returns a *TxError and leaves the
// state untouched.
package transition

import (
	"github.com/goevm/goevm/evm"
	"github.com/goevm/goevm/fork"
	"github.com/goevm/goevm/types"
)

// Env is the block the transaction runs in.
type Env struct {
	Block  evm.BlockContext
	Rules  fork.Rules
	Config evm.Config // tracer, precompile overrides, chain id

	// GasAvailable is the block gas not yet used by earlier transactions;
	// zero means the whole Block.GasLimit.
	GasAvailable uint64
	// ExecGasAvailable is, under EIP-8037, the block's execution-dimension
	// gas not yet used (GasAvailable is then its state dimension's); zero
	// means the whole Block.GasLimit.
	ExecGasAvailable uint64
	// BlobGasUsed is the blob gas earlier transactions in the block used.
	BlobGasUsed uint64
	// Blobs overrides the fork's blob schedule when Max is non-zero (test
	// fixtures carry their own in config.blobSchedule).
	Blobs BlobParams
	// Simulation skips the nonce and EIP-3607 sender checks, for calls that
	// are not transactions (eth_call, eth_estimateGas). Never set in a block.
	Simulation bool
	// CapExecutionGas keeps, in a Simulation, EIP-8037's execution-gas cap
	// (TX_MAX_GAS_LIMIT): the intrinsic cost and floor must fit it, the gas
	// above it is the state-gas reservoir, and the block's execution
	// dimension reserves at most it (ExecGasAvailable). eth_simulateV1 with
	// validation sets it: geth's simulator leaves SkipExecutionGasCapCheck
	// off then, as a block would.
	CapExecutionGas bool
	// NoBaseFee is geth's vm.Config.NoBaseFee, for eth_simulateV1 without
	// validation: a transaction whose fee fields are all zero skips the
	// base-fee (and, with a zero blob fee cap, blob-fee) checks and pays no
	// fee; BASEFEE still reads the block's.
	NoBaseFee bool
	// VerifySender makes Apply recover the sender from the transaction's
	// signature (under Rules and Config.ChainID) and refuse it with
	// ErrInvalidSignature or ErrSenderMismatch unless it is the from given,
	// instead of taking from on trust.
	VerifySender bool
	// Impersonated are senders a dev chain lets send unsigned. EIP-3607
	// refuses senders with code because code has no key; these need none,
	// so contracts among them may send (as hardhat and anvil allow).
	Impersonated map[types.Address]bool
}

func (e *Env) blobParams() BlobParams {
	if e.Blobs.Max != 0 {
		return e.Blobs
	}
	return blobParamsOf(&e.Rules)
}

// Result is the outcome of a valid transaction.
type Result struct {
	GasUsed uint64 // charged to the sender: after refund, at least the EIP-7623 floor
	// BlockGasUsed is what the transaction counts against the block's gas:
	// GasUsed, or with EIP-7778 the gas used before the refund (at least
	// the floor).
	BlockGasUsed uint64
	BlobGasUsed  uint64
	Refund       uint64 // refund granted (already subtracted from GasUsed)
	ReturnData   []byte
	// Err is the top-level frame's failure (revert, out of gas, ...), nil on
	// success. The transaction is still valid and included.
	Err             error
	ContractAddress *types.Address // set for a creation
	Logs            []*types.Log
	// BlockExecutionGas and BlockStateGas are what the transaction adds to
	// the block's two gas dimensions under EIP-8037, before refunds: its
	// state gas, and the rest of the gas it used (at least the calldata
	// floor). Zero without EIP-8037.
	BlockExecutionGas, BlockStateGas uint64
}

// Failed reports whether execution failed (receipt status 0).
func (r *Result) Failed() bool { return r.Err != nil }

// unpriced reports whether tx runs without fees under NoBaseFee: every
// fee field zero.
func (e *Env) unpriced(tx *types.Transaction) bool {
	if !e.NoBaseFee {
		return false
	}
	if tx.HasFeeCaps() {
		return tx.GasFeeCap.IsZero() && tx.GasTipCap.IsZero()
	}
	return tx.GasPrice.IsZero()
}

// uncappedExecution: a simulation without EIP-8037's execution-gas cap,
// which spends the whole gas limit on execution (geth's
// SkipExecutionGasCapCheck).
func (e *Env) uncappedExecution() bool { return e.Simulation && !e.CapExecutionGas }
