package transition

import (
	"bytes"
	"slices"

	"github.com/goevm/goevm/types"
	"github.com/holiman/uint256"
)

// balRecorder builds a block's EIP-7928 access list while the block runs:
// it wraps the block's state and sees every access the interpreter and the
// transaction layer make. Reads are not journaled, so a reverted frame's
// accesses stay recorded, as the EIP requires. Each transaction (or system
// call, or the withdrawals) runs between BeginTx and Finalise; at Finalise
// the recorder compares what was written against its value at BeginTx and
// records the post-values that differ under the current block access index.
// Accesses of a transaction that is rejected (t8n leaves it out) are dropped
// at the next BeginTx.
type balRecorder struct {
	BlockStateDB
	index uint32 // the block access index of the current step
	// systemCall is set while a system call runs: its caller,
	// SystemAddress, is no access of the block's (geth's EVM moves no
	// value for a system call, so never loads the caller).
	systemCall bool

	// The current step's accesses, merged into the block's at Finalise.
	touched   map[types.Address]struct{}
	slotsRead map[types.Address]map[types.Hash]struct{}
	// written holds, per account written this step, its balance, nonce and
	// code before the first write; slotsWritten the slots SetState wrote.
	written      map[types.Address]*balPre
	slotsWritten map[types.Address]map[types.Hash]struct{}

	block map[types.Address]*balAccount
}

type balPre struct {
	balance uint256.Int
	nonce   uint64
	code    []byte
}

// balAccount is one account's changes over the block so far.
type balAccount struct {
	writes  map[types.Hash]map[uint32]types.Hash
	reads   map[types.Hash]struct{}
	balance map[uint32]uint256.Int
	nonce   map[uint32]uint64
	code    map[uint32][]byte
}

func newBALRecorder(db BlockStateDB) *balRecorder {
	r := &balRecorder{BlockStateDB: db, block: map[types.Address]*balAccount{}}
	r.reset()
	return r
}

func (r *balRecorder) reset() {
	r.touched = map[types.Address]struct{}{}
	r.slotsRead = map[types.Address]map[types.Hash]struct{}{}
	r.written = map[types.Address]*balPre{}
	r.slotsWritten = map[types.Address]map[types.Hash]struct{}{}
}

// setIndex sets the block access index of the steps that follow.
func (r *balRecorder) setIndex(i uint32) { r.index = i }

func (r *balRecorder) touch(addr types.Address) {
	if r.systemCall && addr == SystemAddress {
		return
	}
	r.touched[addr] = struct{}{}
}

func (r *balRecorder) readSlot(addr types.Address, key types.Hash) {
	r.touch(addr)
	m := r.slotsRead[addr]
	if m == nil {
		m = map[types.Hash]struct{}{}
		r.slotsRead[addr] = m
	}
	m[key] = struct{}{}
}

// write notes, before the first write of the step to addr, its values.
func (r *balRecorder) write(addr types.Address) {
	if r.systemCall && addr == SystemAddress {
		return
	}
	r.touch(addr)
	if _, ok := r.written[addr]; ok {
		return
	}
	p := &balPre{balance: r.BlockStateDB.GetBalance(addr), nonce: r.BlockStateDB.GetNonce(addr)}
	p.code = bytes.Clone(r.BlockStateDB.GetCode(addr))
	r.written[addr] = p
}

// The accesses: every method that reads or writes an account records it.

func (r *balRecorder) Exist(addr types.Address) bool {
	r.touch(addr)
	return r.BlockStateDB.Exist(addr)
}

func (r *balRecorder) Empty(addr types.Address) bool {
	r.touch(addr)
	return r.BlockStateDB.Empty(addr)
}

func (r *balRecorder) CreateAccount(addr types.Address) {
	r.write(addr)
	r.BlockStateDB.CreateAccount(addr)
}

func (r *balRecorder) GetBalance(addr types.Address) uint256.Int {
	r.touch(addr)
	return r.BlockStateDB.GetBalance(addr)
}

func (r *balRecorder) AddBalance(addr types.Address, amount *uint256.Int) {
	r.write(addr)
	r.BlockStateDB.AddBalance(addr, amount)
}

func (r *balRecorder) SubBalance(addr types.Address, amount *uint256.Int) {
	r.write(addr)
	r.BlockStateDB.SubBalance(addr, amount)
}

func (r *balRecorder) GetNonce(addr types.Address) uint64 {
	r.touch(addr)
	return r.BlockStateDB.GetNonce(addr)
}

func (r *balRecorder) SetNonce(addr types.Address, nonce uint64) {
	r.write(addr)
	r.BlockStateDB.SetNonce(addr, nonce)
}

func (r *balRecorder) GetCode(addr types.Address) []byte {
	r.touch(addr)
	return r.BlockStateDB.GetCode(addr)
}

func (r *balRecorder) GetCodeHash(addr types.Address) types.Hash {
	r.touch(addr)
	return r.BlockStateDB.GetCodeHash(addr)
}

func (r *balRecorder) GetCodeSize(addr types.Address) int {
	r.touch(addr)
	return r.BlockStateDB.GetCodeSize(addr)
}

func (r *balRecorder) SetCode(addr types.Address, code []byte) {
	r.write(addr)
	r.BlockStateDB.SetCode(addr, code)
}

func (r *balRecorder) GetState(addr types.Address, key types.Hash) types.Hash {
	r.readSlot(addr, key)
	return r.BlockStateDB.GetState(addr, key)
}

func (r *balRecorder) GetCommittedState(addr types.Address, key types.Hash) types.Hash {
	r.readSlot(addr, key)
	return r.BlockStateDB.GetCommittedState(addr, key)
}

func (r *balRecorder) SetState(addr types.Address, key, value types.Hash) {
	r.readSlot(addr, key)
	m := r.slotsWritten[addr]
	if m == nil {
		m = map[types.Hash]struct{}{}
		r.slotsWritten[addr] = m
	}
	m[key] = struct{}{}
	r.BlockStateDB.SetState(addr, key, value)
}

func (r *balRecorder) HasStorage(addr types.Address) bool {
	r.touch(addr)
	return r.BlockStateDB.HasStorage(addr)
}

func (r *balRecorder) SelfDestruct(addr types.Address) {
	r.write(addr)
	r.BlockStateDB.SelfDestruct(addr)
}

// BeginTx starts a step, dropping what a rejected transaction left.
func (r *balRecorder) BeginTx() {
	r.reset()
	r.BlockStateDB.BeginTx()
}

// Finalise ends the step and records its changes under the current index.
func (r *balRecorder) Finalise(deleteEmpty bool) {
	// Slots: a write whose value differs from the step's start is a change,
	// any other (a no-op or reverted write) a read. A self-destructed
	// account's slots are reads: its storage goes (EIP-7928 edge cases).
	type slotWrite struct {
		addr     types.Address
		key, val types.Hash
	}
	var changed []slotWrite
	for addr, keys := range r.slotsWritten {
		if r.BlockStateDB.HasSelfDestructed(addr) {
			continue
		}
		for key := range keys {
			post := r.BlockStateDB.GetState(addr, key)
			if post != r.BlockStateDB.GetCommittedState(addr, key) {
				changed = append(changed, slotWrite{addr, key, post})
			}
		}
	}
	r.BlockStateDB.Finalise(deleteEmpty)

	for addr := range r.touched {
		r.account(addr)
	}
	for addr, keys := range r.slotsRead {
		a := r.account(addr)
		for key := range keys {
			if _, w := a.writes[key]; !w {
				a.reads[key] = struct{}{}
			}
		}
	}
	for _, w := range changed {
		a := r.account(w.addr)
		m := a.writes[w.key]
		if m == nil {
			m = map[uint32]types.Hash{}
			a.writes[w.key] = m
		}
		m[r.index] = w.val
		delete(a.reads, w.key)
	}
	// Accounts: the post-step balance, nonce and code where they differ
	// from the step's start (a removed account has none of them).
	for addr, pre := range r.written {
		a := r.account(addr)
		bal := r.BlockStateDB.GetBalance(addr)
		if !bal.Eq(&pre.balance) {
			a.balance[r.index] = bal
		}
		if n := r.BlockStateDB.GetNonce(addr); n != pre.nonce {
			a.nonce[r.index] = n
		}
		if code := r.BlockStateDB.GetCode(addr); !bytes.Equal(code, pre.code) {
			a.code[r.index] = bytes.Clone(code)
		}
	}
	r.reset()
}

func (r *balRecorder) account(addr types.Address) *balAccount {
	a := r.block[addr]
	if a == nil {
		a = &balAccount{
			writes:  map[types.Hash]map[uint32]types.Hash{},
			reads:   map[types.Hash]struct{}{},
			balance: map[uint32]uint256.Int{},
			nonce:   map[uint32]uint64{},
			code:    map[uint32][]byte{},
		}
		r.block[addr] = a
	}
	return a
}

// list is the access list recorded so far, in the EIP's order.
func (r *balRecorder) list() types.BlockAccessList {
	addrs := make([]types.Address, 0, len(r.block))
	for a := range r.block {
		addrs = append(addrs, a)
	}
	slices.SortFunc(addrs, func(a, b types.Address) int { return bytes.Compare(a[:], b[:]) })
	hashCmp := func(a, b types.Hash) int { return bytes.Compare(a[:], b[:]) }
	out := make(types.BlockAccessList, 0, len(addrs))
	for _, addr := range addrs {
		a := r.block[addr]
		ac := types.AccountChanges{
			Address:        addr,
			StorageChanges: []types.SlotChanges{},
			StorageReads:   []types.Hash{},
			BalanceChanges: []types.BalanceChange{},
			NonceChanges:   []types.NonceChange{},
			CodeChanges:    []types.CodeChange{},
		}
		slots := make([]types.Hash, 0, len(a.writes))
		for k := range a.writes {
			slots = append(slots, k)
		}
		slices.SortFunc(slots, hashCmp)
		for _, k := range slots {
			sc := types.SlotChanges{Slot: k}
			for _, i := range sortedKeys(a.writes[k]) {
				sc.Changes = append(sc.Changes, types.StorageChange{Index: i, Value: a.writes[k][i]})
			}
			ac.StorageChanges = append(ac.StorageChanges, sc)
		}
		for k := range a.reads {
			ac.StorageReads = append(ac.StorageReads, k)
		}
		slices.SortFunc(ac.StorageReads, hashCmp)
		for _, i := range sortedKeys(a.balance) {
			ac.BalanceChanges = append(ac.BalanceChanges, types.BalanceChange{Index: i, Balance: a.balance[i]})
		}
		for _, i := range sortedKeys(a.nonce) {
			ac.NonceChanges = append(ac.NonceChanges, types.NonceChange{Index: i, Nonce: a.nonce[i]})
		}
		for _, i := range sortedKeys(a.code) {
			ac.CodeChanges = append(ac.CodeChanges, types.CodeChange{Index: i, Code: a.code[i]})
		}
		out = append(out, ac)
	}
	return out
}

func sortedKeys[V any](m map[uint32]V) []uint32 {
	ks := make([]uint32, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	slices.Sort(ks)
	return ks
}

// beginSystemCallBAL tells a recorder under db that a system call starts;
// the returned function says it ended.
func beginSystemCallBAL(db StateDB) func() {
	r, ok := db.(*balRecorder)
	if !ok {
		return func() {}
	}
	r.systemCall = true
	return func() { r.systemCall = false }
}

// unwrapBAL is the state under a recorder, for readers that must not count
// as the block's accesses (a tracer's view of the state).
func unwrapBAL(db StateDB) StateDB {
	if r, ok := db.(*balRecorder); ok {
		return r.BlockStateDB
	}
	return db
}
