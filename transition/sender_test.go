package transition

import (
	"encoding/hex"
	"errors"
	"testing"

	"github.com/decred/dcrd/dcrec/secp256k1/v4"
	"github.com/goevm/goevm/fork"
	"github.com/goevm/goevm/types"
	"github.com/holiman/uint256"
)

// testKey is the ethereum/tests key whose address is sender
// (0xa94f5374fce5edbc8e2a8697c15331677e6ebf0b in every GeneralStateTest).
func testKey(t *testing.T) *secp256k1.PrivateKey {
	b, err := hex.DecodeString("45a915e4d060149eb4365960e6a7a45f334393093061116b197e3240065ff2d8")
	if err != nil {
		t.Fatal(err)
	}
	return secp256k1.PrivKeyFromBytes(b)
}

func transfer(typ uint8, chainID uint64) *types.Transaction {
	to := recipient
	tx := &types.Transaction{Type: typ, ChainID: *uint256.NewInt(chainID), Gas: 21000, To: &to}
	tx.GasPrice.SetUint64(10)
	tx.GasFeeCap.SetUint64(10)
	tx.Value.SetUint64(1)
	return tx
}

// TestChainIDChecked: a transaction for another chain is refused with
// geth's wording (core/types: "invalid chain id for signer: have 5 want 1")
// and the state is untouched; one that names no chain id is taken as meant
// for this one.
func TestChainIDChecked(t *testing.T) {
	for _, typ := range []uint8{types.LegacyTxType, types.AccessListTxType, types.DynamicFeeTxType} {
		db := testState(1_000_000_000)
		_, err := Apply(db, testEnv(fork.Prague, 7), transfer(typ, 5), sender)
		if !errors.Is(err, ErrInvalidChainID) || err.Error() != "invalid chain id for signer: have 5 want 1" {
			t.Errorf("type %d: err = %v, want ErrInvalidChainID with geth's text", typ, err)
		}
		if ExceptionName(err) != "TransactionException.INVALID_CHAINID" {
			t.Errorf("type %d: exception %q", typ, ExceptionName(err))
		}
		checkBalance(t, db, sender, 1_000_000_000)
		if _, err := Apply(db, testEnv(fork.Prague, 7), transfer(typ, 0), sender); err != nil {
			t.Errorf("type %d without a chain id: %v", typ, err)
		}
	}
}

// TestVerifySender: with VerifySender, Apply recovers the signer and
// refuses a from it does not match, a broken signature, and (since the
// signature covers it) a missing chain id; a correct one goes through.
func TestVerifySender(t *testing.T) {
	key := testKey(t)
	env := testEnv(fork.Prague, 7)
	env.VerifySender = true
	signed := func(typ uint8, chainID uint64) *types.Transaction {
		tx := transfer(typ, chainID)
		if err := (types.Signer{ChainID: chainID, Homestead: true, EIP155: true}).SignTx(tx, key); err != nil {
			t.Fatal(err)
		}
		return tx
	}

	for _, typ := range []uint8{types.LegacyTxType, types.DynamicFeeTxType} {
		db := testState(1_000_000_000)
		if _, err := Apply(db, env, signed(typ, 1), sender); err != nil {
			t.Errorf("type %d signed by sender: %v", typ, err)
		}
		if _, err := Apply(db, env, signed(typ, 1), recipient); !errors.Is(err, ErrSenderMismatch) {
			t.Errorf("type %d, wrong from: err = %v, want ErrSenderMismatch", typ, err)
		}
		bad := signed(typ, 1)
		bad.S.SetAllOne() // above the curve order
		if _, err := Apply(db, env, bad, sender); !errors.Is(err, ErrInvalidSignature) || !errors.Is(err, types.ErrInvalidSignature) {
			t.Errorf("type %d, bad s: err = %v, want ErrInvalidSignature", typ, err)
		}
		if n := db.GetNonce(sender); n != 1 {
			t.Errorf("type %d: nonce %d after one valid transaction, want 1", typ, n)
		}
	}
	db := testState(1_000_000_000)
	if _, err := Apply(db, env, signed(types.DynamicFeeTxType, 0), sender); !errors.Is(err, ErrInvalidChainID) {
		t.Errorf("typed, chain id 0: err = %v, want ErrInvalidChainID", err)
	}
}
