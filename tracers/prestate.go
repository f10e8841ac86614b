package tracers

import (
	"bytes"
	"encoding/json"
	"errors"

	"github.com/goevm/goevm/crypto"
	"github.com/goevm/goevm/trace"
	"github.com/goevm/goevm/types"
	"github.com/holiman/uint256"
)

// PrestateTracerConfig are geth's prestateTracer options.
type PrestateTracerConfig struct {
	DiffMode       bool `json:"diffMode"`       // report {pre, post}: what changed, before and after
	DisableCode    bool `json:"disableCode"`    // leave code out
	DisableStorage bool `json:"disableStorage"` // leave storage out
	IncludeEmpty   bool `json:"includeEmpty"`   // keep accounts that were empty before the transaction
}

// ErrDiffModeIncludeEmpty is geth's refusal of a config asking for both:
// diff mode decides creation and deletion by emptiness.
var ErrDiffModeIncludeEmpty = errors.New("cannot use diffMode with includeEmpty")

// PrestateAccount is one account in geth's prestateTracer format. In pre,
// balance is always there; in a diff's post, a field appears only when it
// changed. Code is a pointer so cleared code (EIP-7702 deauthorization)
// shows as "0x" while unchanged code is left out.
type PrestateAccount struct {
	Balance  *hexBig                   `json:"balance,omitempty"`
	Code     *types.Bytes              `json:"code,omitempty"`
	CodeHash *types.Hash               `json:"codeHash,omitempty"`
	Nonce    uint64                    `json:"nonce,omitempty"`
	Storage  map[types.Hash]types.Hash `json:"storage,omitempty"`

	empty bool // nothing there before the transaction
}

func (a *PrestateAccount) exists() bool {
	return a.Nonce > 0 || (a.Code != nil && len(*a.Code) > 0) || len(a.Storage) > 0 ||
		(a.Balance != nil && !a.Balance.IsZero())
}

// PrestateTracer records the accounts and slots a transaction touches as
// they were before it (geth's prestateTracer), and in diff mode what it
// changed. It reads them from the state OnTxStart hands it, when the
// transaction first names them: the sender, recipient and coinbase, the
// EIP-7702 authorities and delegates, and each opcode's account or slot.
type PrestateTracer struct {
	cfg     PrestateTracerConfig
	vm      *trace.VMContext
	pre     map[types.Address]*PrestateAccount
	post    map[types.Address]*PrestateAccount
	created map[types.Address]bool
	deleted map[types.Address]bool
}

// NewPrestateTracer makes a prestate tracer; it refuses diffMode together
// with includeEmpty (ErrDiffModeIncludeEmpty), as geth does.
func NewPrestateTracer(cfg PrestateTracerConfig) (*PrestateTracer, error) {
	if cfg.DiffMode && cfg.IncludeEmpty {
		return nil, ErrDiffModeIncludeEmpty
	}
	return &PrestateTracer{cfg: cfg, pre: map[types.Address]*PrestateAccount{}, post: map[types.Address]*PrestateAccount{},
		created: map[types.Address]bool{}, deleted: map[types.Address]bool{}}, nil
}

// Hooks returns the hooks to run the transaction with.
func (t *PrestateTracer) Hooks() *trace.Hooks {
	return &trace.Hooks{OnTxStart: t.txStart, OnTxEnd: t.txEnd, OnOpcode: t.opcode}
}

// Result is the prestate (an address-keyed object), or in diff mode
// {"post": ..., "pre": ...}.
func (t *PrestateTracer) Result() json.RawMessage {
	var b []byte
	if t.cfg.DiffMode {
		b, _ = json.Marshal(struct {
			Post map[types.Address]*PrestateAccount `json:"post"`
			Pre  map[types.Address]*PrestateAccount `json:"pre"`
		}{t.post, t.pre})
	} else {
		b, _ = json.Marshal(t.pre)
	}
	return b
}

func (t *PrestateTracer) txStart(vm *trace.VMContext, tx *types.Transaction, from types.Address) {
	t.vm = vm
	var to types.Address
	if tx.To == nil {
		to = crypto.CreateAddress(from, vm.StateDB.GetNonce(from))
		t.created[to] = true
	} else {
		to = *tx.To
		t.lookupDelegate(to)
	}
	t.lookupAccount(from)
	t.lookupAccount(to)
	t.lookupAccount(vm.Coinbase)
	// EIP-7702 authorities, before their authorizations apply.
	for i := range tx.AuthList {
		if a, err := tx.AuthList[i].Authority(); err == nil {
			t.lookupAccount(a)
		}
	}
}

// lookupDelegate adds the account addr's EIP-7702 designator points to.
func (t *PrestateTracer) lookupDelegate(addr types.Address) {
	if t.vm.Rules == nil || !t.vm.Rules.IsPrague {
		return
	}
	code := t.vm.StateDB.GetCode(addr)
	if len(code) == 23 && code[0] == 0xef && code[1] == 0x01 && code[2] == 0x00 {
		t.lookupAccount(types.Address(code[3:]))
	}
}

func (t *PrestateTracer) opcode(s *trace.Step) {
	if t.vm == nil {
		return // no OnTxStart: nothing to read state from
	}
	st := s.Stack
	n := len(st)
	top := func(i int) *uint256.Int { return &st[n-1-i] }
	switch s.Op {
	case 0x54, 0x55: // SLOAD, SSTORE
		if n >= 1 {
			t.lookupStorage(s.Address, types.Hash(top(0).Bytes32()))
		}
	case 0x3c, 0x3f, 0x3b, 0x31, 0xff: // EXTCODECOPY, EXTCODEHASH, EXTCODESIZE, BALANCE, SELFDESTRUCT
		if n < 1 {
			return
		}
		t.lookupAccount(types.Address(top(0).Bytes20()))
		if s.Op == 0xff && (t.vm.Rules == nil || !t.vm.Rules.IsCancun || t.created[s.Address]) {
			// EIP-6780: from Cancun only an account created in the
			// transaction is deleted.
			t.deleted[s.Address] = true
		}
	case 0xf1, 0xf2, 0xf4, 0xfa: // CALL, CALLCODE, DELEGATECALL, STATICCALL
		if n >= 5 {
			addr := types.Address(top(1).Bytes20())
			t.lookupAccount(addr)
			t.lookupDelegate(addr)
		}
	case 0xf0: // CREATE
		addr := crypto.CreateAddress(s.Address, t.vm.StateDB.GetNonce(s.Address))
		t.lookupAccount(addr)
		t.created[addr] = true
	case 0xf5: // CREATE2
		if n < 4 {
			return
		}
		init, ok := memoryPadded(s.Memory, top(1), top(2))
		if !ok {
			return
		}
		addr := crypto.CreateAddress2(s.Address, types.Hash(top(3).Bytes32()), crypto.Keccak256(init))
		t.lookupAccount(addr)
		t.created[addr] = true
	}
}

// memoryPadded copies memory[offset:offset+size], zero-padded past its
// end (the step is reported before memory grows). Sizes that do not fit
// in an int, or a copy over 64 MiB (more than any gas can pay for), are
// refused rather than allocated.
func memoryPadded(mem []byte, offset, size *uint256.Int) ([]byte, bool) {
	if size.IsZero() {
		return nil, true
	}
	if !offset.IsUint64() || !size.IsUint64() || size.Uint64() > 64<<20 || offset.Uint64() > 1<<40 {
		return nil, false
	}
	off, sz := offset.Uint64(), size.Uint64()
	out := make([]byte, sz)
	if off < uint64(len(mem)) {
		copy(out, mem[off:])
	}
	return out, true
}

func (t *PrestateTracer) txEnd(_ *trace.TxResult, err error) {
	if err != nil || t.vm == nil {
		return
	}
	if t.cfg.DiffMode {
		t.diff()
	}
	if t.cfg.IncludeEmpty {
		return
	}
	for addr, a := range t.pre {
		if a.empty {
			delete(t.pre, addr)
		}
	}
}

// diff fills post with what changed and drops from pre what did not, by
// geth's rules: a deleted account is only in pre; a changed account shows
// in post the fields that changed (storage: the new non-zero values); an
// unchanged one leaves both; unchanged and zero slots leave pre.
func (t *PrestateTracer) diff() {
	db := t.vm.StateDB
	for addr, pre := range t.pre {
		if t.deleted[addr] {
			continue
		}
		changed := false
		post := &PrestateAccount{Storage: map[types.Hash]types.Hash{}}
		if bal := db.GetBalance(addr); pre.Balance == nil || !bal.Eq(&pre.Balance.Int) {
			changed = true
			post.Balance = &hexBig{bal}
		}
		if nonce := db.GetNonce(addr); nonce != pre.Nonce {
			changed = true
			post.Nonce = nonce
		}
		// pre leaves out the empty code hash; the state reports it for a
		// codeless account (and a zero hash for none at all).
		prevHash := types.EmptyCodeHash
		if pre.CodeHash != nil {
			prevHash = *pre.CodeHash
		}
		if h := db.GetCodeHash(addr); h != prevHash {
			changed = true
			post.CodeHash = &h
		}
		if !t.cfg.DisableCode {
			code := db.GetCode(addr)
			var prevCode []byte
			if pre.Code != nil {
				prevCode = *pre.Code
			}
			if !bytes.Equal(code, prevCode) {
				changed = true
				c := types.Bytes(bytes.Clone(code))
				if c == nil {
					c = types.Bytes{}
				}
				post.Code = &c
			}
		}
		if !t.cfg.DisableStorage {
			for key, val := range pre.Storage {
				now := db.GetState(addr, key)
				if val == now || val == (types.Hash{}) {
					delete(pre.Storage, key)
				}
				if val != now {
					changed = true
					if now != (types.Hash{}) {
						post.Storage[key] = now
					}
				}
			}
		}
		if changed {
			t.post[addr] = post
		} else {
			delete(t.pre, addr)
		}
	}
}

// lookupAccount adds addr to pre as it is now, unless it is there.
func (t *PrestateTracer) lookupAccount(addr types.Address) {
	if _, ok := t.pre[addr]; ok {
		return
	}
	db := t.vm.StateDB
	a := &PrestateAccount{Balance: &hexBig{db.GetBalance(addr)}, Nonce: db.GetNonce(addr)}
	if code := db.GetCode(addr); len(code) > 0 {
		c := types.Bytes(bytes.Clone(code))
		a.Code = &c
	}
	if h := db.GetCodeHash(addr); h != (types.Hash{}) && h != types.EmptyCodeHash {
		a.CodeHash = &h
	}
	a.empty = !a.exists()
	// Code counts for emptiness even when it is not reported.
	if t.cfg.DisableCode {
		a.Code = nil
	}
	if !t.cfg.DisableStorage {
		a.Storage = map[types.Hash]types.Hash{}
	}
	t.pre[addr] = a
}

// lookupStorage adds a slot of addr (already in pre: its frame's own
// account) as it is before the transaction changes it.
func (t *PrestateTracer) lookupStorage(addr types.Address, key types.Hash) {
	if t.cfg.DisableStorage {
		return
	}
	a, ok := t.pre[addr]
	if !ok {
		t.lookupAccount(addr)
		a = t.pre[addr]
	}
	if _, ok := a.Storage[key]; ok {
		return
	}
	a.Storage[key] = t.vm.StateDB.GetState(addr, key)
}
