package state

import (
	"bytes"
	"slices"

	"github.com/goevm/goevm/crypto"
	"github.com/goevm/goevm/trace"
	"github.com/goevm/goevm/types"
	"github.com/holiman/uint256"
)

// Hooked is a StateDB that reports its changes to a tracer's state hooks
// (OnBalanceChange, OnNonceChange, OnCodeChange, OnStorageChange, OnLog),
// as geth's hooked state does. The transaction layer wraps the state in it
// only when one of those hooks is set, so tracing nothing costs nothing;
// reads pass straight through.
type Hooked struct {
	StateDB
	hooks *trace.Hooks
	// destructed are the accounts SelfDestruct was called on this
	// transaction; FinaliseHooks reports their removal.
	destructed []types.Address
	// kept are those among them marked by SelfDestructKeepBalance (EIP-8246),
	// whose balance is not burned.
	kept []types.Address
}

// NewHooked wraps inner so that its changes reach hooks.
func NewHooked(inner StateDB, hooks *trace.Hooks) *Hooked {
	return &Hooked{StateDB: inner, hooks: hooks}
}

// Unwrap is the state Hooked reports on.
func (h *Hooked) Unwrap() StateDB { return h.StateDB }

// AddBalance credits a value transfer.
func (h *Hooked) AddBalance(addr types.Address, amount *uint256.Int) {
	h.AddBalanceReason(addr, amount, trace.BalanceChangeTransfer)
}

// SubBalance debits a value transfer.
func (h *Hooked) SubBalance(addr types.Address, amount *uint256.Int) {
	h.SubBalanceReason(addr, amount, trace.BalanceChangeTransfer)
}

// AddBalanceReason credits amount, reporting why. A zero amount only
// touches the account and is not reported (as in geth).
func (h *Hooked) AddBalanceReason(addr types.Address, amount *uint256.Int, reason trace.BalanceChangeReason) {
	if h.hooks.OnBalanceChange == nil || amount.IsZero() {
		h.StateDB.AddBalance(addr, amount)
		return
	}
	prev := h.StateDB.GetBalance(addr)
	h.StateDB.AddBalance(addr, amount)
	next := new(uint256.Int).Add(&prev, amount)
	h.hooks.OnBalanceChange(addr, &prev, next, reason)
}

// SubBalanceReason debits amount, reporting why.
func (h *Hooked) SubBalanceReason(addr types.Address, amount *uint256.Int, reason trace.BalanceChangeReason) {
	if h.hooks.OnBalanceChange == nil || amount.IsZero() {
		h.StateDB.SubBalance(addr, amount)
		return
	}
	prev := h.StateDB.GetBalance(addr)
	h.StateDB.SubBalance(addr, amount)
	next := new(uint256.Int).Sub(&prev, amount)
	h.hooks.OnBalanceChange(addr, &prev, next, reason)
}

// SetNonce reports every nonce write, as geth does.
func (h *Hooked) SetNonce(addr types.Address, nonce uint64) {
	if h.hooks.OnNonceChange == nil {
		h.StateDB.SetNonce(addr, nonce)
		return
	}
	prev := h.StateDB.GetNonce(addr)
	h.StateDB.SetNonce(addr, nonce)
	h.hooks.OnNonceChange(addr, prev, nonce)
}

// SetCode reports a write that changes the code hash.
func (h *Hooked) SetCode(addr types.Address, code []byte) {
	if h.hooks.OnCodeChange == nil {
		h.StateDB.SetCode(addr, code)
		return
	}
	prevCode := h.StateDB.GetCode(addr)
	h.StateDB.SetCode(addr, code)
	prevHash, hash := codeHash(prevCode), codeHash(code)
	if prevHash != hash {
		h.hooks.OnCodeChange(addr, prevHash, prevCode, hash, code)
	}
}

// codeHash is keccak256(code); no code hashes to EmptyCodeHash.
func codeHash(code []byte) types.Hash {
	if len(code) == 0 {
		return types.EmptyCodeHash
	}
	return crypto.Keccak256(code)
}

// SetState reports a write that changes the slot's current value.
func (h *Hooked) SetState(addr types.Address, key, value types.Hash) {
	if h.hooks.OnStorageChange == nil {
		h.StateDB.SetState(addr, key, value)
		return
	}
	prev := h.StateDB.GetState(addr, key)
	h.StateDB.SetState(addr, key, value)
	if prev != value {
		h.hooks.OnStorageChange(addr, key, prev, value)
	}
}

// SelfDestruct zeroes the balance, reported as a self-destruct decrease,
// and remembers the account for FinaliseHooks.
func (h *Hooked) SelfDestruct(addr types.Address) {
	var prev uint256.Int
	if h.hooks.OnBalanceChange != nil {
		prev = h.StateDB.GetBalance(addr)
	}
	h.StateDB.SelfDestruct(addr)
	h.destructed = append(h.destructed, addr)
	if !prev.IsZero() {
		h.hooks.OnBalanceChange(addr, &prev, new(uint256.Int), trace.BalanceDecreaseSelfdestruct)
	}
}

// SelfDestructKeepBalance leaves the balance (EIP-8246), so it reports no
// balance change; it remembers the account for FinaliseHooks.
func (h *Hooked) SelfDestructKeepBalance(addr types.Address) {
	h.StateDB.SelfDestructKeepBalance(addr)
	h.destructed = append(h.destructed, addr)
	h.kept = append(h.kept, addr)
}

// AddLog reports the log after the state has recorded it.
func (h *Hooked) AddLog(log *types.Log) {
	h.StateDB.AddLog(log)
	if h.hooks.OnLog != nil {
		h.hooks.OnLog(log)
	}
}

// FinaliseHooks reports what ending the transaction does to the accounts
// still self-destructed, in address order: ether they received after
// SELFDESTRUCT is burned (unless marked by SelfDestructKeepBalance,
// EIP-8246), the nonce goes to zero and the code goes. Call
// it just before the inner state's Finalise.
func (h *Hooked) FinaliseHooks() {
	slices.SortFunc(h.destructed, func(a, b types.Address) int { return bytes.Compare(a[:], b[:]) })
	h.destructed = slices.Compact(h.destructed)
	for _, addr := range h.destructed {
		if !h.StateDB.HasSelfDestructed(addr) {
			continue // undone by a revert
		}
		if h.hooks.OnBalanceChange != nil && !slices.Contains(h.kept, addr) {
			if bal := h.StateDB.GetBalance(addr); !bal.IsZero() {
				h.hooks.OnBalanceChange(addr, &bal, new(uint256.Int), trace.BalanceDecreaseSelfdestructBurn)
			}
		}
		if h.hooks.OnNonceChange != nil {
			h.hooks.OnNonceChange(addr, h.StateDB.GetNonce(addr), 0)
		}
		if h.hooks.OnCodeChange != nil {
			if code := h.StateDB.GetCode(addr); len(code) > 0 {
				h.hooks.OnCodeChange(addr, codeHash(code), code, types.EmptyCodeHash, nil)
			}
		}
	}
	h.destructed = h.destructed[:0]
	h.kept = h.kept[:0]
}
