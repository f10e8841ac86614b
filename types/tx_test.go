package types_test

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/goevm/goevm/crypto"
	"github.com/goevm/goevm/internal/fixtures"
	"github.com/goevm/goevm/rlp"
	"github.com/goevm/goevm/types"
	"github.com/holiman/uint256"
)

func mustHex(t testing.TB, s string) []byte {
	t.Helper()
	b, err := types.DecodeHexNoPrefix(s)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestEIP155Example is the worked example of EIP-155: nonce 9, gas price
// 20 gwei, gas 21000, to 0x3535…35, value 1 ether, chain id 1, key 0x4646…46.
func TestEIP155Example(t *testing.T) {
	to := types.MustHexToAddress("0x3535353535353535353535353535353535353535")
	tx := &types.Transaction{
		Nonce: 9, Gas: 21000, To: &to,
		GasPrice: *uint256.NewInt(20_000_000_000),
		Value:    *uint256.MustFromDecimal("1000000000000000000"),
	}
	signer := types.Signer{ChainID: 1, Homestead: true, EIP155: true}
	if got, want := signer.SigningHash(tx).Hex(), "0xdaf5a779ae972f972197303d7b574746c7ef83eadac0f2791ad23db92e4c8e53"; got != want {
		t.Errorf("signing hash %s, want %s", got, want)
	}
	key, _ := crypto.ToPrivateKey(bytes.Repeat([]byte{0x46}, 32))
	if err := signer.SignTx(tx, key); err != nil {
		t.Fatal(err)
	}
	want := "f86c098504a817c800825208943535353535353535353535353535353535353535880de0b6b3a76400008025a028ef61340bd939bc2195fe537567866003e1a15d3c71ff63e1590620aa636276a067cbe9d8997f761aecb703304b3800ccf555c9f3dc64214b297fb1966a3b6d83"
	got, _ := tx.MarshalBinary()
	if hex.EncodeToString(got) != want {
		t.Errorf("signed tx\n got %x\nwant %s", got, want)
	}
	dec, err := types.DecodeTx(mustHex(t, want))
	if err != nil {
		t.Fatal(err)
	}
	if dec.ChainID.Uint64() != 1 || dec.V.Uint64() != 37 {
		t.Errorf("decoded chain id %d, v %d", dec.ChainID.Uint64(), dec.V.Uint64())
	}
	from, err := signer.Sender(dec)
	if err != nil || from != crypto.KeyAddress(key) {
		t.Errorf("sender %s, %v; want %s", from, err, crypto.KeyAddress(key))
	}
	// Before Spurious Dragon v = 37 is not a valid signature at all.
	if _, err := (types.Signer{ChainID: 1, Homestead: true}).Sender(dec); !errors.Is(err, types.ErrInvalidSignature) {
		t.Errorf("pre-EIP-155 signer: %v", err)
	}
	if _, err := (types.Signer{ChainID: 5, Homestead: true, EIP155: true}).Sender(dec); !errors.Is(err, types.ErrInvalidChainID) {
		t.Errorf("chain 5 signer: %v", err)
	}
}

// TestBasicTxFixture checks ethereum/tests BasicTests/txtest.json: legacy
// transactions signed without EIP-155 by known keys.
func TestBasicTxFixture(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join(fixtures.Dir(t, "ethereum-tests/BasicTests"), "txtest.json"))
	if err != nil {
		t.Fatal(err)
	}
	var cases []struct {
		Key    string `json:"key"`
		Signed string `json:"signed"`
	}
	if err := json.Unmarshal(raw, &cases); err != nil {
		t.Fatal(err)
	}
	frontier := types.Signer{ChainID: 1}
	for i, c := range cases {
		want, err := crypto.ToAddress(mustHex(t, c.Key))
		if err != nil {
			t.Fatal(err)
		}
		signed := mustHex(t, c.Signed)
		tx, err := types.DecodeTx(signed)
		if err != nil {
			t.Fatalf("case %d: %v", i, err)
		}
		if from, err := frontier.Sender(tx); err != nil || from != want {
			t.Errorf("case %d: sender %s, %v; want %s", i, from, err, want)
		}
		enc, _ := tx.MarshalBinary()
		if !bytes.Equal(enc, signed) {
			t.Errorf("case %d: re-encoding differs", i)
		}
		// Re-signing must recover to the same key (RFC 6979 may pick another
		// nonce than the fixture's signer did, so bytes are not compared).
		key, _ := crypto.ToPrivateKey(mustHex(t, c.Key))
		if err := frontier.SignTx(tx, key); err != nil {
			t.Fatal(err)
		}
		if from, err := frontier.Sender(tx); err != nil || from != want {
			t.Errorf("case %d: re-signed sender %s, %v", i, from, err)
		}
	}
}

// TestBlockTransactions decodes every transaction of the valid legacy
// blockchain tests (all four pre-Prague types), checks that it re-encodes
// byte for byte, and that its sender is the one the fixture records.
func TestBlockTransactions(t *testing.T) {
	dir := fixtures.Dir(t, "legacytests/Cancun/BlockchainTests/ValidBlocks")
	type fixtureTx struct {
		Sender types.Address `json:"sender"`
	}
	type fixtureBlock struct {
		RLP          string      `json:"rlp"`
		Transactions []fixtureTx `json:"transactions"`
	}
	var checked int
	byType := map[uint8]int{}
	fixtures.EachJSON(t, dir, func(path string, data []byte) {
		var tests map[string]struct {
			Network string         `json:"network"`
			Blocks  []fixtureBlock `json:"blocks"`
		}
		if err := json.Unmarshal(data, &tests); err != nil {
			return // not every file decodes into this shape; others test them
		}
		for name, tc := range tests {
			signer := types.Signer{ChainID: 1, Homestead: !strings.HasPrefix(tc.Network, "Frontier"), EIP155: true}
			for bi, b := range tc.Blocks {
				blk, err := types.DecodeBlockRLP(mustHex(t, b.RLP))
				if err != nil || len(blk.Transactions) != len(b.Transactions) {
					continue
				}
				for i, raw := range blk.Transactions {
					tx, err := types.DecodeTx(raw)
					if err != nil {
						t.Errorf("%s block %d tx %d: %v", name, bi, i, err)
						continue
					}
					if enc, _ := tx.MarshalBinary(); !bytes.Equal(enc, raw) {
						t.Errorf("%s block %d tx %d: re-encoding differs", name, bi, i)
					}
					if b.Transactions[i].Sender == (types.Address{}) {
						continue // the fixture does not record this sender
					}
					from, err := signer.Sender(tx)
					if err != nil || from != b.Transactions[i].Sender {
						t.Errorf("%s block %d tx %d: sender %s, %v; want %s", name, bi, i, from, err, b.Transactions[i].Sender)
					}
					checked++
					byType[tx.Type]++
				}
			}
		}
	})
	t.Logf("%d transactions checked, by type %v", checked, byType)
	if checked == 0 {
		t.Error("no transactions found")
	}
}

func TestDecodeErrorsNameTheField(t *testing.T) {
	to := types.MustHexToAddress("0x095e7baea6a6c7c4c2dfeb977efac326af552d87")
	good := &types.Transaction{Type: types.DynamicFeeTxType, Nonce: 1, Gas: 21000, To: &to}
	enc, _ := good.MarshalBinary()
	if _, err := types.DecodeTx(enc); err != nil {
		t.Fatalf("valid transaction rejected: %v", err)
	}
	cases := []struct {
		name string
		in   []byte
		is   error
		says string
	}{
		{"empty", nil, types.ErrMalformedTx, "empty"},
		{"unknown type", append([]byte{0x05}, enc[1:]...), types.ErrTxTypeUnknown, "0x05"},
		{"type 0 envelope", append([]byte{0x00}, enc[1:]...), types.ErrTxTypeUnknown, "0x00"},
		{"trailing byte", append(append([]byte{}, enc...), 0x00), types.ErrMalformedTx, "trailing"},
		{"string", []byte{0x83, 1, 2, 3}, types.ErrMalformedTx, "RLP string"},
		{"truncated", enc[:len(enc)-1], rlp.ErrTruncated, ""},
		// chainId 1 written as 0x8101 (a one-byte string for a byte < 0x80).
		{"non-canonical chain id", reencode(t, enc, 0, []byte{0x81, 0x01}), rlp.ErrNonCanonical, "chainId"},
		// nonce with a leading zero byte.
		{"leading zero nonce", reencode(t, enc, 1, []byte{0x82, 0x00, 0x01}), rlp.ErrNonCanonical, "nonce"},
		// gas limit of 9 bytes.
		{"gas over 64 bits", reencode(t, enc, 4, []byte{0x89, 1, 0, 0, 0, 0, 0, 0, 0, 0}), rlp.ErrTooLarge, "gasLimit"},
		{"short to", reencode(t, enc, 5, []byte{0x82, 1, 2}), types.ErrMalformedTx, "to"},
		{"value over 256 bits", reencode(t, enc, 6, append([]byte{0xa1, 1}, make([]byte, 32)...)), rlp.ErrTooLarge, "value"},
		{"data as list", reencode(t, enc, 7, []byte{0xc0}), rlp.ErrExpectedString, "data"},
		{"access list as string", reencode(t, enc, 8, []byte{0x80}), rlp.ErrExpectedList, "accessList"},
		{"too few fields", dropField(t, enc, 11), types.ErrMalformedTx, "11 fields, want 12"},
	}
	for _, c := range cases {
		_, err := types.DecodeTx(c.in)
		if err == nil {
			t.Errorf("%s: accepted", c.name)
			continue
		}
		if !errors.Is(err, c.is) || !strings.Contains(err.Error(), c.says) {
			t.Errorf("%s: error %q, want %v mentioning %q", c.name, err, c.is, c.says)
		}
	}
}

// reencode replaces field i of a typed transaction's list with item.
func reencode(t *testing.T, enc []byte, i int, item []byte) []byte {
	t.Helper()
	payload, _, err := rlp.SplitList(enc[1:])
	if err != nil {
		t.Fatal(err)
	}
	var out []byte
	for j := 0; len(payload) > 0; j++ {
		_, _, rest, err := rlp.Split(payload)
		if err != nil {
			t.Fatal(err)
		}
		if j == i {
			out = append(out, item...)
		} else {
			out = append(out, payload[:len(payload)-len(rest)]...)
		}
		payload = rest
	}
	return append([]byte{enc[0]}, rlp.WrapList(out)...)
}

// dropField removes field i of a typed transaction's list.
func dropField(t *testing.T, enc []byte, i int) []byte {
	full := reencode(t, enc, i, nil)
	return full
}

func TestAuthorizationAuthority(t *testing.T) {
	key, _ := crypto.ToPrivateKey(bytes.Repeat([]byte{0x11}, 32))
	a := types.Authorization{Address: types.MustHexToAddress("0x0000000000000000000000000000000000001234"), Nonce: 7}
	a.ChainID.SetUint64(1)
	if err := types.SignAuthorization(&a, key); err != nil {
		t.Fatal(err)
	}
	got, err := a.Authority()
	if err != nil || got != crypto.KeyAddress(key) {
		t.Fatalf("authority %s, %v; want %s", got, err, crypto.KeyAddress(key))
	}
	// The signing hash is keccak256(0x05 || rlp([chain_id, address, nonce])).
	want := crypto.Keccak256([]byte{0x05}, rlp.WrapList(append(append([]byte{0x01, 0x94}, a.Address[:]...), 0x07)))
	if a.SigningHash() != want {
		t.Errorf("signing hash %s, want %s", a.SigningHash(), want)
	}
	// Round trip through the tuple encoding.
	dec, rest, err := types.SplitAuthorization(a.AppendRLP(nil))
	if err != nil || len(rest) != 0 || dec != a {
		t.Errorf("round trip: %+v, %v", dec, err)
	}
	// s above N/2 is invalid for authorizations (EIP-7702), as is y_parity 2.
	high := a
	high.S.Sub(crypto.Secp256k1N, &a.S)
	high.YParity ^= 1
	if _, err := high.Authority(); !errors.Is(err, types.ErrInvalidSignature) {
		t.Errorf("high s: %v", err)
	}
	bad := a
	bad.YParity = 2
	if _, err := bad.Authority(); !errors.Is(err, types.ErrInvalidSignature) {
		t.Errorf("y parity 2: %v", err)
	}
	// A different nonce recovers someone else (or fails), never the signer.
	other := a
	other.Nonce++
	if got, err := other.Authority(); err == nil && got == crypto.KeyAddress(key) {
		t.Error("authority unchanged after editing the nonce")
	}
}

func TestSignAndRecoverEveryType(t *testing.T) {
	key, _ := crypto.ToPrivateKey(bytes.Repeat([]byte{0x22}, 32))
	want := crypto.KeyAddress(key)
	to := types.MustHexToAddress("0x00000000000000000000000000000000000000aa")
	signer := types.LatestSigner(1)
	for typ := uint8(0); typ <= types.SetCodeTxType; typ++ {
		tx := &types.Transaction{Type: typ, Nonce: 3, Gas: 100000, To: &to, Data: []byte{1, 2, 3}}
		tx.ChainID.SetUint64(1)
		tx.GasPrice.SetUint64(10)
		tx.GasTipCap.SetUint64(1)
		tx.GasFeeCap.SetUint64(10)
		tx.AccessList = types.AccessList{{Address: to, StorageKeys: []types.Hash{{1}}}}
		if typ == types.LegacyTxType {
			tx.AccessList = nil
		}
		if typ == types.BlobTxType {
			tx.BlobHashes = []types.Hash{{0x01}}
		}
		if typ == types.SetCodeTxType {
			tx.AuthList = []types.Authorization{{Address: to}}
		}
		if err := signer.SignTx(tx, key); err != nil {
			t.Fatal(err)
		}
		enc, _ := tx.MarshalBinary()
		dec, err := types.DecodeTx(enc)
		if err != nil {
			t.Fatalf("type %d: %v", typ, err)
		}
		if from, err := signer.Sender(dec); err != nil || from != want {
			t.Errorf("type %d: sender %s, %v", typ, from, err)
		}
		if dec.Hash() != tx.Hash() || dec.Hash() != crypto.Keccak256(enc) {
			t.Errorf("type %d: hash mismatch", typ)
		}
	}
}

// TestDecodeNamedRejections: decode-time faults that the fixtures name for
// what they are. An empty "to" in a blob or set-code transaction is
// TYPE_3_TX_CONTRACT_CREATION / TYPE_4_TX_CONTRACT_CREATION in
// execution-spec-tests, and a blob transaction in its EIP-4844 network form
// (rlp([tx_payload_body, blobs, commitments, proofs])) inside a block is
// TYPE_3_TX_WITH_FULL_BLOBS.
func TestDecodeNamedRejections(t *testing.T) {
	to := types.MustHexToAddress("0x095e7baea6a6c7c4c2dfeb977efac326af552d87")
	blob := &types.Transaction{Type: types.BlobTxType, Gas: 21000, To: &to, BlobHashes: []types.Hash{{0x01}}}
	blobEnc, _ := blob.MarshalBinary()
	setCode := &types.Transaction{Type: types.SetCodeTxType, Gas: 21000, To: &to, AuthList: []types.Authorization{{}}}
	setCodeEnc, _ := setCode.MarshalBinary()
	for _, enc := range [][]byte{blobEnc, setCodeEnc} {
		if _, err := types.DecodeTx(enc); err != nil {
			t.Fatalf("valid type %d transaction rejected: %v", enc[0], err)
		}
	}
	// The network form: 0x03 || rlp([payload_body_list, blobs, commitments, proofs]).
	body, _, err := rlp.SplitList(blobEnc[1:])
	if err != nil {
		t.Fatal(err)
	}
	network := append([]byte{types.BlobTxType}, rlp.WrapList(append(append(rlp.WrapList(body), 0xc0, 0xc0), 0xc0))...)
	cases := []struct {
		name string
		in   []byte
		is   error
	}{
		{"blob tx, empty to", reencode(t, blobEnc, 5, []byte{0x80}), types.ErrBlobTxCreate},
		{"set-code tx, empty to", reencode(t, setCodeEnc, 5, []byte{0x80}), types.ErrSetCodeTxCreate},
		{"blob tx with sidecar", network, types.ErrBlobTxWithSidecar},
	}
	for _, c := range cases {
		_, err := types.DecodeTx(c.in)
		if !errors.Is(err, c.is) || !errors.Is(err, types.ErrMalformedTx) {
			t.Errorf("%s: error %v, want %v (and ErrMalformedTx)", c.name, err, c.is)
		}
	}
}
