package types_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/goevm/goevm/crypto"
	"github.com/goevm/goevm/internal/fixtures"
	"github.com/goevm/goevm/types"
)

// seedTxs are one signed transaction of each type.
func seedTxs(f *testing.F) [][]byte {
	key, _ := crypto.ToPrivateKey(bytes.Repeat([]byte{0x33}, 32))
	to := types.MustHexToAddress("0x00000000000000000000000000000000000000bb")
	var out [][]byte
	for typ := uint8(0); typ <= types.SetCodeTxType; typ++ {
		tx := &types.Transaction{Type: typ, Nonce: 1, Gas: 50000, To: &to, Data: []byte{0, 1}}
		tx.ChainID.SetUint64(1)
		tx.GasFeeCap.SetUint64(7)
		if typ != types.LegacyTxType {
			tx.AccessList = types.AccessList{{Address: to, StorageKeys: []types.Hash{{2}, {3}}}}
		}
		if typ == types.BlobTxType {
			tx.BlobHashes = []types.Hash{{1}, {1, 2}}
		}
		if typ == types.SetCodeTxType {
			a := types.Authorization{Address: to, Nonce: 4}
			types.SignAuthorization(&a, key)
			tx.AuthList = []types.Authorization{a}
		}
		if err := types.LatestSigner(1).SignTx(tx, key); err != nil {
			f.Fatal(err)
		}
		enc, _ := tx.MarshalBinary()
		out = append(out, enc)
	}
	return out
}

// FuzzDecodeTx: decoding never panics, and because the decoder accepts only
// canonical input, whatever decodes re-encodes to exactly the same bytes.
func FuzzDecodeTx(f *testing.F) {
	for _, s := range seedTxs(f) {
		f.Add(s)
	}
	// A few fixture transactions, when the fixtures are present.
	{
		dir := filepath.Join(fixtures.Root(), "ethereum-tests/TransactionTests/ttEIP1559")
		paths, _ := filepath.Glob(filepath.Join(dir, "*.json"))
		for _, p := range paths {
			raw, err := os.ReadFile(p)
			if err != nil {
				continue
			}
			var tests map[string]struct {
				TxBytes string `json:"txbytes"`
			}
			if json.Unmarshal(raw, &tests) == nil {
				for _, tt := range tests {
					if b, err := types.DecodeHex(tt.TxBytes); err == nil {
						f.Add(b)
					}
				}
			}
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		tx, err := types.DecodeTx(data)
		if err != nil {
			return
		}
		enc, err := tx.MarshalBinary()
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(enc, data) {
			t.Fatalf("re-encoding differs\n in %x\nout %x", data, enc)
		}
		again, err := types.DecodeTx(enc)
		if err != nil {
			t.Fatalf("re-decoding failed: %v", err)
		}
		if again.Hash() != tx.Hash() {
			t.Fatal("hash changed across a round trip")
		}
		// Exercise the signature paths: they must return, not panic.
		types.LatestSigner(1).Sender(tx)
		types.Signer{ChainID: 1}.Sender(tx)
		for i := range tx.AuthList {
			tx.AuthList[i].Authority()
		}
	})
}

// FuzzAuthorization: tuple decoding never panics and round-trips exactly;
// a signature made with any valid key recovers to that key's address.
func FuzzAuthorization(f *testing.F) {
	f.Add([]byte{0xc0}, []byte{0x01}, uint64(0))
	f.Add([]byte{0xdb, 0x01, 0x94, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01, 0x80, 0x01, 0x01, 0x01}, bytes.Repeat([]byte{0x44}, 32), uint64(9))
	f.Fuzz(func(t *testing.T, data, secret []byte, nonce uint64) {
		if a, rest, err := types.SplitAuthorization(data); err == nil {
			if enc := a.AppendRLP(nil); !bytes.Equal(enc, data[:len(data)-len(rest)]) {
				t.Fatalf("re-encoding differs\n in %x\nout %x", data[:len(data)-len(rest)], enc)
			}
			a.Authority()
		}
		if len(secret) > 32 {
			secret = secret[:32]
		}
		key, err := crypto.ToPrivateKey(append(make([]byte, 32-len(secret)), secret...))
		if err != nil {
			return
		}
		a := types.Authorization{Address: types.BytesToAddress(data), Nonce: nonce}
		a.ChainID.SetBytes(secret)
		if err := types.SignAuthorization(&a, key); err != nil {
			return // recovery id not expressible (astronomically rare)
		}
		got, err := a.Authority()
		if err != nil || got != crypto.KeyAddress(key) {
			t.Fatalf("authority %s, %v; want %s", got, err, crypto.KeyAddress(key))
		}
	})
}
