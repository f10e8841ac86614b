package transition

import (
	"errors"
	"testing"

	"github.com/goevm/goevm/fork"
	"github.com/goevm/goevm/state"
	"github.com/goevm/goevm/types"
	"github.com/holiman/uint256"
)

// balBlock runs an Amsterdam block on a small state: the EIP-4788 call
// (its contract stores the root at slot 0), two transactions from s (a
// transfer to r, then a call into reader, which SLOADs slot 3 and
// SSTOREs back slot 4's value, a no-op write), one rejected transaction
// (t8n's skipInvalid) and a withdrawal to w.
func balBlock(t *testing.T) (*ExecResult, map[string]types.Address) {
	t.Helper()
	a := map[string]types.Address{
		"s":        types.MustHexToAddress("0x5000000000000000000000000000000000000001"),
		"r":        types.MustHexToAddress("0x5000000000000000000000000000000000000002"),
		"reader":   types.MustHexToAddress("0x5000000000000000000000000000000000000003"),
		"w":        types.MustHexToAddress("0x5000000000000000000000000000000000000004"),
		"coinbase": types.MustHexToAddress("0x5000000000000000000000000000000000000005"),
	}
	db := state.New()
	db.SetBalance(a["s"], uint256.NewInt(1e18))
	db.SetCode(BeaconRootsAddress, []byte{0x60, 0x00, 0x35, 0x60, 0x00, 0x55, 0x00}) // sstore(0, calldataload(0))
	for _, sys := range []types.Address{HistoryStorageAddress, WithdrawalRequestAddress, ConsolidationRequestAddress, BuilderDepositRequestAddress, BuilderExitRequestAddress} {
		db.SetCode(sys, []byte{0x00})
	}
	// SLOAD(3) POP; SSTORE(4, SLOAD(4)); STOP
	db.SetCode(a["reader"], []byte{0x60, 0x03, 0x54, 0x50, 0x60, 0x04, 0x54, 0x60, 0x04, 0x55, 0x00})
	db.SetState(a["reader"], types.Hash{31: 4}, types.Hash{31: 9})
	db.Commit()

	tx := func(nonce uint64, to types.Address, value uint64) []byte {
		t := &types.Transaction{Type: types.DynamicFeeTxType, ChainID: *uint256.NewInt(1), Nonce: nonce,
			GasTipCap: *uint256.NewInt(1), GasFeeCap: *uint256.NewInt(100), Gas: 500_000, To: &to, Value: *uint256.NewInt(value)}
		raw, _ := t.MarshalBinary()
		return raw
	}
	root := types.Hash{31: 0x77}
	cfg := &ChainConfig{ChainID: 1, Base: fork.Amsterdam}
	zero := uint64(0)
	env := &BlockEnv{Config: cfg, Fork: fork.Amsterdam, Coinbase: a["coinbase"], Number: 1, Time: 12, GasLimit: 30_000_000,
		BaseFee: uint256.NewInt(7), ExcessBlobGas: &zero, ParentBeaconRoot: &root,
		Withdrawals: []*types.Withdrawal{{Address: a["w"], Amount: 2}},
		Senders:     []types.Address{a["s"], a["s"], a["s"]}}
	// The middle transaction repeats nonce 0: rejected, and it must leave
	// no trace (its access would be r's, already listed, so it reads x).
	x := types.MustHexToAddress("0x5000000000000000000000000000000000000099")
	res, err := ExecuteBody(db, env, [][]byte{tx(0, a["r"], 5), tx(0, x, 0), tx(1, a["reader"], 0)}, true, false)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Rejected) != 1 {
		t.Fatalf("%d rejected, want 1", len(res.Rejected))
	}
	a["x"] = x
	return res, a
}

func balAccountOf(l types.BlockAccessList, addr types.Address) *types.AccountChanges {
	for i := range l {
		if l[i].Address == addr {
			return &l[i]
		}
	}
	return nil
}

// EIP-7928 "BlockAccessIndex Assignment" and "Recording Semantics".
func TestBALIndicesAndSemantics(t *testing.T) {
	res, a := balBlock(t)
	l := res.AccessList
	if res.AccessListHash == nil || *res.AccessListHash != l.Hash() {
		t.Fatal("no access list hash, or not the list's")
	}
	if err := l.Validate(3, 0); err != nil {
		t.Fatalf("recorded list is malformed: %v", err)
	}
	// Pre-execution system call: index 0, the root at slot 0.
	br := balAccountOf(l, BeaconRootsAddress)
	if br == nil || len(br.StorageChanges) != 1 || br.StorageChanges[0].Changes[0].Index != 0 || br.StorageChanges[0].Changes[0].Value != (types.Hash{31: 0x77}) {
		t.Errorf("beacon roots entry %+v, want slot 0 = 0x77 at index 0", br)
	}
	// The system address is no access ("System contract addresses" are; their caller is not).
	if balAccountOf(l, SystemAddress) != nil {
		t.Error("the system address is listed")
	}
	// Transaction 1 (index 1): sender's nonce and balance, recipient's balance.
	s := balAccountOf(l, a["s"])
	if s == nil || len(s.NonceChanges) != 2 || s.NonceChanges[0] != (types.NonceChange{Index: 1, Nonce: 1}) || s.NonceChanges[1] != (types.NonceChange{Index: 2, Nonce: 2}) {
		t.Errorf("sender nonce changes %+v, want 1 at index 1 and 2 at index 2 (the rejected transaction takes no index)", s)
	}
	if r := balAccountOf(l, a["r"]); r == nil || len(r.BalanceChanges) != 1 || r.BalanceChanges[0].Index != 1 || r.BalanceChanges[0].Balance.Uint64() != 5 {
		t.Errorf("recipient %+v, want balance 5 at index 1", r)
	}
	// A rejected transaction's accesses are not the block's.
	if balAccountOf(l, a["x"]) != nil {
		t.Error("the rejected transaction's recipient is listed")
	}
	// Reads: an SLOAD, and a write of the value already there, are reads.
	rd := balAccountOf(l, a["reader"])
	if rd == nil || len(rd.StorageChanges) != 0 || len(rd.StorageReads) != 2 || rd.StorageReads[0] != (types.Hash{31: 3}) || rd.StorageReads[1] != (types.Hash{31: 4}) {
		t.Errorf("reader %+v, want reads of slots 3 and 4 and no changes", rd)
	}
	// Withdrawals: index n+1 = 3.
	if w := balAccountOf(l, a["w"]); w == nil || len(w.BalanceChanges) != 1 || w.BalanceChanges[0].Index != 3 || w.BalanceChanges[0].Balance.Uint64() != 2e9 {
		t.Errorf("withdrawal recipient %+v, want 2 gwei at index 3", w)
	}
	// The coinbase gets the tips after each transaction.
	if c := balAccountOf(l, a["coinbase"]); c == nil || len(c.BalanceChanges) != 2 || c.BalanceChanges[0].Index != 1 || c.BalanceChanges[1].Index != 2 {
		t.Errorf("coinbase %+v, want balance changes at indices 1 and 2", c)
	}
	// The post-execution system contracts are accessed (read), unchanged.
	for _, sys := range []types.Address{WithdrawalRequestAddress, ConsolidationRequestAddress, BuilderDepositRequestAddress, BuilderExitRequestAddress} {
		if balAccountOf(l, sys) == nil {
			t.Errorf("system contract %s not listed", sys)
		}
	}
}

// EIP-7928 "State Transition Function": import recomputes the list and
// rejects a header hash that differs, and a carried list that does not hash
// to the header's, each under its execution-spec-tests name.
func TestBALCommitmentErrors(t *testing.T) {
	res, _ := balBlock(t)
	wrong := types.Hash{1}
	h := &types.Header{GasLimit: 30_000_000, BlockAccessListHash: &wrong}
	if err := checkBAL(h, nil, res); !errors.Is(err, ErrInvalidBlockAccessList) {
		t.Errorf("wrong header hash: %v", err)
	}
	h.BlockAccessListHash = res.AccessListHash
	if err := checkBAL(h, nil, res); err != nil {
		t.Errorf("right hash rejected: %v", err)
	}
	// EIP-7928 size limit: bal_items <= gas_limit / 2000.
	h.GasLimit = 2000 * (res.AccessList.ItemCount() - 1)
	if err := checkBAL(h, nil, res); !errors.Is(err, ErrBALGasLimitExceeded) {
		t.Errorf("oversized list: %v", err)
	}
	rules := fork.Amsterdam.Rules()
	b := &types.Block{Header: &types.Header{GasLimit: 30_000_000, BlockAccessListHash: &wrong}, AccessList: res.AccessList}
	if err := checkCarriedBAL(&rules, b); !errors.Is(err, ErrInvalidBALHash) {
		t.Errorf("carried list with another hash: %v", err)
	}
	if name := BlockExceptionName(checkCarriedBAL(&rules, b)); name != "BlockException.INVALID_BAL_HASH" {
		t.Errorf("exception name %q", name)
	}
}
