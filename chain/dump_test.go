package chain

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/goevm/goevm/types"
	"github.com/holiman/uint256"
)

// countingWriter records how a dump reaches its writer.
type countingWriter struct {
	bytes.Buffer
	writes, largest int
}

func (w *countingWriter) Write(p []byte) (int, error) {
	w.writes++
	w.largest = max(w.largest, len(p))
	return w.Buffer.Write(p)
}

// TestDumpLoadLarge: a state of 3,000 accounts and one contract with
// 5,000 slots reaches the writer in buffer-sized pieces (streamed, never
// built whole), and loads, in chunks (made small here so the state spans
// many, one of them ending inside the contract's storage), into a fresh
// chain that then reads every dumped value back.
func TestDumpLoadLarge(t *testing.T) {
	defer func(a, s int) { loadChunkAccounts, loadChunkSlots = a, s }(loadChunkAccounts, loadChunkSlots)
	loadChunkAccounts, loadChunkSlots = 400, 1_000
	cfg := DefaultConfig()
	cfg.GenesisTime = 1_700_000_000
	for i := range 3000 {
		var a types.Address
		a[0], a[1], a[19] = 0x10, byte(i>>8), byte(i)
		cfg.Alloc[a] = GenesisAccount{Balance: *uint256.NewInt(uint64(i) + 1), Nonce: uint64(i % 7)}
	}
	big := types.Address{0xb1, 0x9}
	storage := map[types.Hash]types.Hash{}
	for i := range 5_000 {
		storage[types.BytesToHash(uint256.NewInt(uint64(i)).Bytes())] = types.BytesToHash(uint256.NewInt(uint64(i) + 1).Bytes())
	}
	cfg.Alloc[big] = GenesisAccount{Code: []byte{0x5f, 0x54}, Storage: storage}
	src, err := New(cfg, "")
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()

	var w countingWriter
	if err := src.DumpState(&w); err != nil {
		t.Fatal(err)
	}
	// 64 KiB is DumpState's buffer: a dump of about a megabyte arrives in
	// writes of at most that size (16 for this one).
	if w.Len() < 900_000 || w.largest > 64<<10 || w.writes < w.Len()/(64<<10) {
		t.Errorf("dump of %d bytes in %d writes, the largest %d", w.Len(), w.writes, w.largest)
	}
	var d struct {
		Accounts map[string]json.RawMessage `json:"accounts"`
	}
	if err := json.Unmarshal(w.Bytes(), &d); err != nil {
		t.Fatalf("dump is not JSON: %v", err)
	}
	if len(d.Accounts) < 3001 {
		t.Errorf("%d accounts in the dump", len(d.Accounts))
	}

	dcfg := DefaultConfig() // an empty allocation
	dst, err := New(dcfg, "")
	if err != nil {
		t.Fatal(err)
	}
	defer dst.Close()
	blk, err := dst.LoadState(bytes.NewReader(w.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if blk == nil || blk.Number != 0 || blk.Timestamp != 1_700_000_000 || blk.GasLimit != 30_000_000 {
		t.Errorf("block context %+v", blk)
	}
	st := dst.State(dst.PendingNumber())
	for a, acc := range cfg.Alloc {
		if b := st.GetBalance(a); b.Cmp(&acc.Balance) != 0 || st.GetNonce(a) != acc.Nonce {
			t.Fatalf("%s: balance %s nonce %d, want %s %d", a, b.Dec(), st.GetNonce(a), acc.Balance.Dec(), acc.Nonce)
		}
	}
	if !bytes.Equal(st.GetCode(big), []byte{0x5f, 0x54}) {
		t.Errorf("code %x", st.GetCode(big))
	}
	for k, v := range storage {
		if got := st.GetState(big, k); got != v {
			t.Fatalf("slot %s: %s, want %s", k, got, v)
		}
	}
}

// TestLoadStateAnvilShapes: the block context as older anvil versions wrote
// it (numbers as hex or decimal strings, "coinbase") and anvil's block
// history fields, which are skipped (foundry crates/anvil/src/eth/backend/
// db.rs: LegacyBlockEnv, StringOrU64, SerializableState.blocks).
func TestLoadStateAnvilShapes(t *testing.T) {
	c, err := New(DefaultConfig(), "")
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	dump := `{"block":{"number":"0x10","coinbase":"0x00000000000000000000000000000000000000c0","timestamp":"4102444800",
	  "gas_limit":"0x1c9c380","basefee":7,"difficulty":"0x0","prevrandao":null},
	 "accounts":{"0x00000000000000000000000000000000000000aa":{"nonce":"0x2","balance":"1000","code":"0x00","storage":{"0x01":"0x2"}}},
	 "best_block_number":"0x10","blocks":[{"header":{"number":"0x1"},"transactions":[[1,2,{"a":[]}]]}],"transactions":[],"historical_states":null}`
	blk, err := c.LoadState(strings.NewReader(dump))
	if err != nil {
		t.Fatal(err)
	}
	if blk.Number != 16 || blk.Timestamp != 4102444800 || blk.GasLimit != 30_000_000 || blk.BaseFee.Uint64() != 7 || blk.Coinbase[19] != 0xc0 {
		t.Errorf("block context %+v", blk)
	}
	// mined at the dump's timestamp, ahead of the wall clock
	if h := c.Head().Header; h.Number != 1 || h.Time != 4102444800 {
		t.Errorf("load block %d at %d", h.Number, h.Time)
	}
	st := c.State(c.PendingNumber())
	a := types.Address{19: 0xaa}
	if b := st.GetBalance(a); b.Uint64() != 1000 || st.GetNonce(a) != 2 || st.GetState(a, types.Hash{31: 1}) != (types.Hash{31: 2}) {
		t.Errorf("account: balance %s nonce %d", b.Dec(), st.GetNonce(a))
	}
	if _, err := c.LoadState(strings.NewReader(`{"accounts":{}`)); !errors.Is(err, ErrBadDump) {
		t.Errorf("truncated: %v", err)
	}
}

// TestLoadStateTruncatedEverywhere: a dump cut at any point is refused
// with ErrBadDump, never a panic, and leaves the chain as it was.
func TestLoadStateTruncatedEverywhere(t *testing.T) {
	cfg := DefaultConfig()
	cfg.Alloc[types.Address{1}] = GenesisAccount{Balance: *uint256.NewInt(5), Code: []byte{0x60, 0x01},
		Storage: map[types.Hash]types.Hash{{31: 1}: {31: 2}, {31: 3}: {31: 4}}}
	src, err := New(cfg, "")
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	var dump bytes.Buffer
	if err := src.DumpState(&dump); err != nil {
		t.Fatal(err)
	}
	full := bytes.TrimSpace(dump.Bytes())
	dst, err := New(DefaultConfig(), "")
	if err != nil {
		t.Fatal(err)
	}
	defer dst.Close()
	if err := dst.SetBalance(types.Address{2}, uint256.NewInt(9)); err != nil {
		t.Fatal(err)
	}
	for cut := 0; cut < len(full); cut += 3 {
		if _, err := dst.LoadState(bytes.NewReader(full[:cut])); !errors.Is(err, ErrBadDump) {
			t.Fatalf("cut at %d of %d: %v", cut, len(full), err)
		}
	}
	st := dst.State(dst.PendingNumber())
	if b := st.GetBalance(types.Address{2}); dst.Head().Header.Number != 0 || b.Uint64() != 9 || st.Exist(types.Address{1}) {
		t.Errorf("refused loads changed the chain: head %d", dst.Head().Header.Number)
	}
}
