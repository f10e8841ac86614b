// Package evm is the interpreter: frames, stack, memory, the opcode table of
// each fork, gas, message calls and contract creation.
package evm

import (
	"github.com/goevm/goevm/types"
	"github.com/holiman/uint256"
)

// BlockContext is what the block tells the code running in it.
type BlockContext struct {
	Coinbase    types.Address
	Number      uint64
	Time        uint64
	GasLimit    uint64
	Difficulty  uint256.Int // pre-Paris DIFFICULTY
	PrevRandao  types.Hash  // Paris on: PREVRANDAO (opcode 0x44)
	BaseFee     uint256.Int // London on
	BlobBaseFee uint256.Int // Cancun on
	SlotNumber  uint64      // Amsterdam on: the beacon chain slot, SLOTNUM (EIP-7843)
	// GetHash returns the hash of block number n for BLOCKHASH; nil means zero hashes.
	GetHash func(n uint64) types.Hash
}

// TxContext is what the transaction tells the code running in it.
type TxContext struct {
	Origin     types.Address
	GasPrice   uint256.Int // effective gas price
	BlobHashes []types.Hash
}
