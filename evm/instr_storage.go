package evm

import (
	"github.com/goevm/goevm/fork"
	"github.com/goevm/goevm/types"
)

// Storage (SLOAD/SSTORE) and transient storage (EIP-1153 TLOAD/TSTORE).

func registerStorage(t *[256]behaviour) {
	t[SLOAD].execute = func(pc *uint64, e *EVM, f *frame) ([]byte, error) {
		z := f.stack.peek()
		v := e.db.GetState(f.address, types.Hash(z.Bytes32()))
		z.SetBytes32(v[:])
		return nil, nil
	}
	// EIP-2929: a cold slot costs 2100 in all, 2000 above the warm base.
	t[SLOAD].dynamicGas = func(e *EVM, f *frame, _ uint64) (uint64, error) {
		if !e.is.eip2929 {
			return 0, nil
		}
		slot := types.Hash(f.stack.back(0).Bytes32())
		if _, warm := e.db.SlotInAccessList(f.address, slot); warm {
			return 0, nil
		}
		e.db.AddSlotToAccessList(f.address, slot)
		return coldSloadCost - warmAccessCost, nil
	}

	t[SSTORE].execute = func(pc *uint64, e *EVM, f *frame) ([]byte, error) {
		if f.static {
			return nil, ErrWriteProtection
		}
		key, val := f.stack.popPtr(), f.stack.popPtr()
		e.db.SetState(f.address, types.Hash(key.Bytes32()), types.Hash(val.Bytes32()))
		return nil, nil
	}
	t[SSTORE].dynamicGas = gasSStore

	t[TLOAD].execute = func(pc *uint64, e *EVM, f *frame) ([]byte, error) {
		z := f.stack.peek()
		v := e.db.GetTransientState(f.address, types.Hash(z.Bytes32()))
		z.SetBytes32(v[:])
		return nil, nil
	}
	t[TSTORE].execute = func(pc *uint64, e *EVM, f *frame) ([]byte, error) {
		if f.static {
			return nil, ErrWriteProtection
		}
		key, val := f.stack.popPtr(), f.stack.popPtr()
		e.db.SetTransientState(f.address, types.Hash(key.Bytes32()), types.Hash(val.Bytes32()))
		return nil, nil
	}
}

// gasSStore prices SSTORE and adjusts the refund counter, in each era:
// Frontier's set/reset/clear; EIP-1283 net metering (Constantinople only);
// EIP-2200 net metering with the stipend sentry (Istanbul); EIP-2929 cold
// slots and cheaper warm reads (Berlin); EIP-3529 smaller clear refund (London).
//
// In a static frame SSTORE is priced as anywhere and fails in its body
// (EIP-214, in the execution specs' order: stipend check, pricing, refund,
// charge, then the static check).
func gasSStore(e *EVM, f *frame, _ uint64) (uint64, error) {
	key := types.Hash(f.stack.back(0).Bytes32())
	newVal := types.Hash(f.stack.back(1).Bytes32())
	current := e.db.GetState(f.address, key)
	is := &e.is

	if !is.eip1283 && !is.eip2200 {
		switch {
		case current.IsZero() && !newVal.IsZero():
			return sstoreSetGas, nil
		case !current.IsZero() && newVal.IsZero():
			e.db.AddRefund(sstoreClearRefund)
		}
		return sstoreResetGas, nil
	}

	// EIP-2200: with no more than the call stipend left, SSTORE fails.
	if is.eip2200 && f.gas <= sstoreSentryGas {
		return 0, errSStoreSentry
	}
	if is.eip8038 {
		return gasSStore8038(e, f, key, newVal, current)
	}
	var (
		cost       uint64
		sloadGas   uint64 = 800 // EIP-2200 (EIP-1884 SLOAD price)
		resetGas   uint64 = sstoreResetGas
		clearRefnd uint64 = sstoreClearRefund
	)
	switch {
	case is.eip2929:
		sloadGas, resetGas = warmAccessCost, sstoreResetGas-coldSloadCost
		if _, warm := e.db.SlotInAccessList(f.address, key); !warm {
			e.db.AddSlotToAccessList(f.address, key)
			cost = coldSloadCost
		}
	case is.eip1283 && !is.eip2200:
		sloadGas = 200 // EIP-1283's SSTORE_NOOP / dirty cost
	}
	if is.eip3529 {
		clearRefnd = sstoreClearRefund3529
	}

	original := e.db.GetCommittedState(f.address, key)
	if current == newVal {
		return cost + sloadGas, nil
	}
	if original == current {
		if original.IsZero() {
			return cost + sstoreSetGas, nil
		}
		if newVal.IsZero() {
			e.db.AddRefund(clearRefnd)
		}
		return cost + resetGas, nil
	}
	// Dirty slot: already changed in this transaction.
	if !original.IsZero() {
		if current.IsZero() {
			e.db.SubRefund(clearRefnd)
		} else if newVal.IsZero() {
			e.db.AddRefund(clearRefnd)
		}
	}
	if original == newVal {
		if original.IsZero() {
			e.db.AddRefund(sstoreSetGas - sloadGas)
		} else {
			e.db.AddRefund(resetGas - sloadGas)
		}
	}
	return cost + sloadGas, nil
}

// errSlotAccessGas: under EIP-8038 SSTORE fails, before the slot is warmed,
// when the gas left cannot pay its access. The text is geth's.
var errSlotAccessGas error = &causeError{text: "not enough gas for slot access", is: ErrOutOfGas}

// gasSStore8038 prices SSTORE as EIP-8038's table does, as independent
// parts: the access (COLD_STORAGE_ACCESS or WARM_ACCESS), STORAGE_WRITE when
// the slot first changes from its original value, and EIP-8037's state gas
// (STATE_BYTES_PER_STORAGE_SET × CPSB) when a slot zero at the start of the
// transaction is set. Refunds: STORAGE_CLEAR_REFUND for clearing a slot
// non-zero at the start; STORAGE_WRITE when the slot returns to its original
// value, and then, for an original zero, the state gas is refilled inline.
func gasSStore8038(e *EVM, f *frame, key, newVal, current types.Hash) (uint64, error) {
	access := uint64(fork.WarmAccess8038)
	_, warm := e.db.SlotInAccessList(f.address, key)
	if !warm {
		access = fork.ColdStorageAccess8038
	}
	if f.gas < access {
		return 0, errSlotAccessGas
	}
	if !warm {
		e.db.AddSlotToAccessList(f.address, key)
	}
	if current == newVal { // no-op
		return access, nil
	}
	original := e.db.GetCommittedState(f.address, key)
	if original == current { // first change in the transaction
		if original.IsZero() { // a new slot
			return e.chargeWithState(f, access+fork.StorageWrite8038, fork.StateGasStorageSet)
		}
		if newVal.IsZero() {
			e.db.AddRefund(fork.StorageClearRefund8038)
		}
		return access + fork.StorageWrite8038, nil
	}
	// A dirty slot: changed before in this transaction.
	if !original.IsZero() {
		if current.IsZero() { // re-created
			e.db.SubRefund(fork.StorageClearRefund8038)
		} else if newVal.IsZero() { // cleared
			e.db.AddRefund(fork.StorageClearRefund8038)
		}
	}
	if original == newVal { // back to the original value
		if original.IsZero() {
			e.refundStateGas(&f.gas, &f.state, fork.StateGasStorageSet)
		}
		e.db.AddRefund(fork.StorageWrite8038)
	}
	return access, nil
}
