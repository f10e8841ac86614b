package chain

import "github.com/goevm/goevm/types"

// EIP-7843 gives each block header the slot number of the beacon chain
// block carrying it, which SLOTNUM reads. A chain goevm mines has no
// beacon chain: its genesis takes the genesis file's slotNumber (0 when it
// has none, as geth's genesis does) and each block the one after its
// parent's, as geth's miner numbers its pending block; so slots increase
// by one a block, whatever the block times. A block built through the
// engine-style testing_buildBlockV1 takes the attributes' slotNumber when
// given.

// nextSlot is the slot number of the block after parent: parent's plus
// one, or 0 when parent has none (the first block of EIP-7843).
func nextSlot(parent *types.Header) *uint64 {
	var n uint64
	if parent.SlotNumber != nil {
		n = *parent.SlotNumber + 1
	}
	return &n
}
