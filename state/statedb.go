// Package state holds the world state as the interpreter sees it: the StateDB
// interface (about the size of an EVMC host) and Memory, an in-memory,
// journaled implementation.
//
// A transaction on Memory runs as: BeginTx; execution against StateDB;
// Finalise(deleteEmptyObjects) (EIP-161 from Spurious Dragon); Logs for the
// receipt; IntermediateRoot when a state root is needed. A pre-state is
// loaded with SetBalance/SetNonce/SetCode/SetState followed by Commit.
package state

import (
	"github.com/goevm/goevm/types"
	"github.com/holiman/uint256"
)

// StateDB is everything the interpreter and the transaction transition need
// from the world state. Every mutation is journaled: RevertToSnapshot undoes
// all changes made since the matching Snapshot, warm sets, transient storage,
// logs and the refund counter included.
type StateDB interface {
	// Accounts.
	Exist(addr types.Address) bool
	// Empty reports EIP-161 emptiness: no code, nonce 0, balance 0 (or absent).
	Empty(addr types.Address) bool
	// CreateAccount makes a fresh account at addr for a contract creation,
	// carrying over any balance already there and dropping storage.
	CreateAccount(addr types.Address)
	GetBalance(addr types.Address) uint256.Int
	AddBalance(addr types.Address, amount *uint256.Int)
	SubBalance(addr types.Address, amount *uint256.Int)
	GetNonce(addr types.Address) uint64
	SetNonce(addr types.Address, nonce uint64)

	// Code.
	GetCode(addr types.Address) []byte
	GetCodeHash(addr types.Address) types.Hash // zero Hash for a non-existent account
	GetCodeSize(addr types.Address) int
	SetCode(addr types.Address, code []byte)

	// Storage. GetCommittedState is the value at the start of the transaction
	// (EIP-1283/2200 "original value").
	GetState(addr types.Address, key types.Hash) types.Hash
	GetCommittedState(addr types.Address, key types.Hash) types.Hash
	SetState(addr types.Address, key, value types.Hash)
	// HasStorage reports non-empty storage, for EIP-7610 address collisions.
	HasStorage(addr types.Address) bool

	// Transient storage (EIP-1153), cleared at the end of every transaction.
	GetTransientState(addr types.Address, key types.Hash) types.Hash
	SetTransientState(addr types.Address, key, value types.Hash)

	// Self-destruct. SelfDestruct marks the account for deletion at the end
	// of the transaction and zeroes its balance; CreatedInTx tells EIP-6780
	// whether the account was created in the current transaction.
	// SelfDestructKeepBalance is EIP-8246's mark instead: the balance is
	// left as it is, and the end of the transaction leaves the account with
	// only its balance (nonce 0, no code, no storage), or deletes it if the
	// balance is zero. HasSelfDestructed reports either mark.
	SelfDestruct(addr types.Address)
	SelfDestructKeepBalance(addr types.Address)
	HasSelfDestructed(addr types.Address) bool
	CreatedInTx(addr types.Address) bool

	// Access lists (EIP-2929 warm sets).
	AddressInAccessList(addr types.Address) bool
	SlotInAccessList(addr types.Address, slot types.Hash) (addressOk, slotOk bool)
	AddAddressToAccessList(addr types.Address)
	AddSlotToAccessList(addr types.Address, slot types.Hash)

	// Logs and refunds.
	AddLog(log *types.Log)
	AddRefund(gas uint64)
	SubRefund(gas uint64)
	GetRefund() uint64

	// Journal.
	Snapshot() int
	RevertToSnapshot(id int)
}
