package chain

import (
	"testing"

	"github.com/goevm/goevm/crypto"
	"github.com/goevm/goevm/types"
	"github.com/holiman/uint256"
)

// devKey is anvil's and hardhat's first dev account (mnemonic "test test
// test test test test test test test test test junk", m/44'/60'/0'/0/0).
var devKey = mustHex("0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80")

func testChain(t *testing.T, dir string) (*Chain, types.Address) {
	t.Helper()
	from, err := crypto.ToAddress(devKey)
	if err != nil {
		t.Fatal(err)
	}
	cfg := DefaultConfig()
	eth := uint256.MustFromDecimal("10000000000000000000000")
	cfg.Alloc[from] = GenesisAccount{Balance: *eth}
	cfg.GenesisTime = 1_700_000_000
	c, err := New(cfg, dir)
	if err != nil {
		t.Fatal(err)
	}
	return c, from
}

func signedTransfer(t *testing.T, c *Chain, from types.Address, nonce uint64, to types.Address, value uint64, data []byte) *PendingTx {
	t.Helper()
	tx := &types.Transaction{Type: types.DynamicFeeTxType, ChainID: *uint256.NewInt(c.cfg.ChainID), Nonce: nonce, Gas: 100_000, To: &to, Value: *uint256.NewInt(value), Data: data}
	tx.GasFeeCap = *uint256.NewInt(10_000_000_000)
	tx.GasTipCap = *uint256.NewInt(1)
	key, _ := crypto.ToPrivateKey(devKey)
	if err := types.LatestSigner(c.cfg.ChainID).SignTx(tx, key); err != nil {
		t.Fatal(err)
	}
	raw, _ := tx.MarshalBinary()
	return &PendingTx{Tx: tx, Raw: raw, Hash: tx.Hash(), From: from}
}

// TestMineTransferAndReopen mines a transfer, checks the receipt and
// balances (21000 gas: the intrinsic cost of a plain transfer, Yellow Paper
// G_transaction), then reopens the store: rebuilding the tries from the
// history must give the head's state root.
func TestMineTransferAndReopen(t *testing.T) {
	dir := t.TempDir()
	c, from := testChain(t, dir)
	to := types.Address{19: 0x42}
	m, err := c.SendTransaction(signedTransfer(t, c, from, 0, to, 1000, nil))
	if err != nil {
		t.Fatal(err)
	}
	if m.Block.Header.Number != 1 || len(m.Receipts) != 1 || m.Receipts[0].GasUsed != 21000 || !m.Receipts[0].Status {
		t.Fatalf("block %d receipts %+v", m.Block.Header.Number, m.Receipts)
	}
	if b := c.State(2).GetBalance(to); b.Uint64() != 1000 {
		t.Fatalf("recipient balance %s", &b)
	}
	if b := c.State(0).GetBalance(to); !b.IsZero() {
		t.Fatalf("recipient balance at genesis %s", &b)
	}
	// a nonce gap waits in the pool until the gap closes
	if m, err := c.SendTransaction(signedTransfer(t, c, from, 2, to, 1, nil)); err != nil || m != nil {
		t.Fatalf("gapped tx: %v %v", m, err)
	}
	if _, err := c.SendTransaction(signedTransfer(t, c, from, 1, to, 1, nil)); err != nil {
		t.Fatal(err)
	}
	if c.Head().Header.Number != 3 {
		t.Fatalf("head %d, want 3", c.Head().Header.Number)
	}
	if err := c.SetStorageAt(to, types.Hash{31: 1}, types.Hash{31: 7}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Mine(1, 0, nil); err != nil {
		t.Fatal(err)
	}
	root := c.Head().Header.StateRoot
	if err := c.Close(); err != nil {
		t.Fatal(err)
	}
	c2, _ := testChain(t, dir)
	defer c2.Close()
	if c2.Head().Header.StateRoot != root || c2.Head().Header.Number != 4 {
		t.Fatalf("reopened at %d root %s", c2.Head().Header.Number, c2.Head().Header.StateRoot)
	}
	if v := c2.State(5).GetState(to, types.Hash{31: 1}); v != (types.Hash{31: 7}) {
		t.Fatalf("slot %s", v)
	}
}

// TestSnapshotRevert reverts blocks and a pending edit.
func TestSnapshotRevert(t *testing.T) {
	c, from := testChain(t, "")
	defer c.Close()
	to := types.Address{19: 0x42}
	genesisRoot := c.Head().Header.StateRoot
	id := c.Snapshot()
	if _, err := c.SendTransaction(signedTransfer(t, c, from, 0, to, 5, nil)); err != nil {
		t.Fatal(err)
	}
	if err := c.SetBalance(to, uint256.NewInt(99)); err != nil {
		t.Fatal(err)
	}
	if ok, err := c.Revert(id); !ok || err != nil {
		t.Fatal(ok, err)
	}
	if c.Head().Header.Number != 0 || c.tries.root() != genesisRoot {
		t.Fatalf("after revert head %d root %s", c.Head().Header.Number, c.tries.root())
	}
	if b := c.State(1).GetBalance(to); !b.IsZero() {
		t.Fatalf("balance after revert %s", &b)
	}
	// the same transaction mines again, to the same state root
	if _, err := c.SendTransaction(signedTransfer(t, c, from, 0, to, 5, nil)); err != nil {
		t.Fatal(err)
	}
}

// TestDisableCodeSizeLimit deploys 30,000 bytes of code, over EIP-170's
// 24,576: the creation fails under the protocol's limit and succeeds with
// DisableCodeSizeLimit (anvil's --disable-code-size-limit).
func TestDisableCodeSizeLimit(t *testing.T) {
	initcode := []byte{0x61, 0x75, 0x30, 0x60, 0x00, 0xf3} // RETURN(0, 30000): zeros
	for _, lifted := range []bool{false, true} {
		from, _ := crypto.ToAddress(devKey)
		cfg := DefaultConfig()
		cfg.Alloc[from] = GenesisAccount{Balance: *uint256.MustFromDecimal("10000000000000000000000")}
		cfg.DisableCodeSizeLimit = lifted
		c, err := New(cfg, "")
		if err != nil {
			t.Fatal(err)
		}
		tx := &types.Transaction{Type: types.DynamicFeeTxType, ChainID: *uint256.NewInt(cfg.ChainID), Gas: 8_000_000, Data: initcode}
		tx.GasFeeCap, tx.GasTipCap = *uint256.NewInt(10_000_000_000), *uint256.NewInt(1)
		key, _ := crypto.ToPrivateKey(devKey)
		types.LatestSigner(cfg.ChainID).SignTx(tx, key)
		raw, _ := tx.MarshalBinary()
		m, err := c.SendTransaction(&PendingTx{Tx: tx, Raw: raw, Hash: tx.Hash(), From: from})
		if err != nil {
			t.Fatal(err)
		}
		r := m.Receipts[0]
		if r.Status != lifted {
			t.Fatalf("lifted=%v: status %v", lifted, r.Status)
		}
		if lifted && c.State(2).GetCodeSize(*r.ContractAddress) != 30000 {
			t.Fatalf("code size %d", c.State(2).GetCodeSize(*r.ContractAddress))
		}
		c.Close()
	}
}
