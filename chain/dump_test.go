package chain

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
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
	// mined as the dump's block 16 (blocks 1-15 empty, anvil's numbering),
	// at the dump's timestamp, ahead of the wall clock
	if h := c.Head().Header; h.Number != 16 || h.Time != 4102444800 {
		t.Errorf("load block %d at %d", h.Number, h.Time)
	}
	// the empty blocks before it a second apart, up to the dump's time
	for n := uint64(1); n < 16; n++ {
		if b, err := c.BlockByNumber(n); err != nil || b.Header.Time != 4102444800-16+n {
			t.Fatalf("block %d: %v", n, err)
		}
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

// TestLoadStateContinuesNumbering: as anvil's load_state (foundry
// crates/anvil/src/eth/backend/mem/mod.rs) makes the dump's block its head,
// a fresh chain loading a dump taken at block 5 has head 5, holding the
// loaded state, at the dump's timestamp, and mines 6 next; the blocks
// before it are empty and do not hold it. A dump whose number is at or
// below the head, or too far ahead, loads as the next block; one refused
// after the empty blocks were mined leaves the chain as it was.
func TestLoadStateContinuesNumbering(t *testing.T) {
	acct := types.Address{0x42}
	src, err := New(DefaultConfig(), "")
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	if err := src.SetBalance(acct, uint256.NewInt(777)); err != nil {
		t.Fatal(err)
	}
	if _, err := src.Mine(5, 0, nil); err != nil {
		t.Fatal(err)
	}
	var dump bytes.Buffer
	if err := src.DumpState(&dump); err != nil {
		t.Fatal(err)
	}
	srcHead := src.Head().Header

	dst, err := New(DefaultConfig(), "")
	if err != nil {
		t.Fatal(err)
	}
	defer dst.Close()
	blk, err := dst.LoadState(bytes.NewReader(dump.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	h := dst.Head().Header
	if blk.Number != 5 || h.Number != 5 || h.Time < srcHead.Time {
		t.Errorf("dump block %d; loaded head %d at %d, want 5 at %d or later", blk.Number, h.Number, h.Time, srcHead.Time)
	}
	if b := dst.State(5).GetBalance(acct); b.Uint64() != 777 {
		t.Errorf("balance at block 5: %s", b.Dec())
	}
	if b := dst.State(4).GetBalance(acct); !b.IsZero() {
		t.Errorf("balance at block 4 (an empty block before the load): %s", b.Dec())
	}
	for n := uint64(1); n < 5; n++ {
		if b, err := dst.BlockByNumber(n); err != nil || len(b.Transactions) != 0 {
			t.Fatalf("block %d: %v", n, err)
		}
	}
	if m, err := dst.Mine(1, 0, nil); err != nil || m.Block.Header.Number != 6 {
		t.Fatalf("next block: %v", err)
	}

	// At or below the head: mined on top (the chain keeps its history).
	if _, err := dst.LoadState(bytes.NewReader(dump.Bytes())); err != nil || dst.Head().Header.Number != 7 {
		t.Errorf("loading block 5's dump at head 6: head %d, %v", dst.Head().Header.Number, err)
	}
	// Too far ahead: loaded as the next block.
	far := fmt.Sprintf(`{"block":{"number":"%#x","timestamp":"0x1"},"accounts":{"%s":{"balance":"0x9"}}}`, uint64(MaxLoadGap)+100, acct.Hex())
	if _, err := dst.LoadState(strings.NewReader(far)); err != nil || dst.Head().Header.Number != 8 {
		t.Errorf("a dump %d blocks ahead: head %d, %v", MaxLoadGap+100, dst.Head().Header.Number, err)
	}
	// best_block_number, when present, is the number continued from
	// (anvil: best_block_number, else block.number).
	best := `{"block":{"number":"0x9","timestamp":"0x1"},"accounts":{},"best_block_number":12}`
	if _, err := dst.LoadState(strings.NewReader(best)); err != nil || dst.Head().Header.Number != 12 {
		t.Errorf("best_block_number 12: head %d, %v", dst.Head().Header.Number, err)
	}

	// Refused after the empty blocks: they are dropped again, and dev
	// edits made before the load are kept.
	fresh, err := New(DefaultConfig(), "")
	if err != nil {
		t.Fatal(err)
	}
	defer fresh.Close()
	if err := fresh.SetBalance(types.Address{2}, uint256.NewInt(9)); err != nil {
		t.Fatal(err)
	}
	bad := `{"block":{"number":"0x5"},"accounts":{"0x01":{}}}`
	if _, err := fresh.LoadState(strings.NewReader(bad)); !errors.Is(err, ErrBadDump) {
		t.Fatalf("bad account address: %v", err)
	}
	kept := fresh.State(fresh.PendingNumber()).GetBalance(types.Address{2})
	if n := fresh.Head().Header.Number; n != 0 || kept.Uint64() != 9 {
		t.Errorf("refused load left head %d", n)
	}
}
