package crypto

import (
	"encoding/hex"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/goevm/goevm/internal/fixtures"
	"github.com/goevm/goevm/types"
	"github.com/holiman/uint256"
)

// keyaddrtest.json (ethereum/tests BasicTests): secret key and its address.
// (Its sig_of_emptystring does not say which digest was signed, so it is not
// used; signatures are checked against transaction fixtures in types.)
type keyAddrCase struct {
	Key  string `json:"key"`
	Addr string `json:"addr"`
}

func TestKeyAddrFixture(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join(fixtures.Dir(t, "ethereum-tests/BasicTests"), "keyaddrtest.json"))
	if err != nil {
		t.Fatal(err)
	}
	var cases []keyAddrCase
	if err := json.Unmarshal(raw, &cases); err != nil {
		t.Fatal(err)
	}
	for _, c := range cases {
		key, _ := hex.DecodeString(c.Key)
		want := types.MustHexToAddress("0x" + c.Addr) // the fixture writes bare hex
		got, err := ToAddress(key)
		if err != nil || got != want {
			t.Errorf("ToAddress(%s) = %s, %v; want %s", c.Key, got, err, want)
		}
		// Our own signature of the same hash must recover the same address.
		pk, _ := ToPrivateKey(key)
		sig, err := Sign(Keccak256(), pk)
		if err != nil {
			t.Fatal(err)
		}
		sr := new(uint256.Int).SetBytes(sig[:32])
		ss := new(uint256.Int).SetBytes(sig[32:64])
		if !ValidateSignatureValues(sig[64], sr, ss, true) {
			t.Errorf("Sign produced out-of-range or high-s values")
		}
		if rec, err := EcrecoverAddress(Keccak256(), sr, ss, sig[64]); err != nil || rec != want {
			t.Errorf("recover own signature = %s, %v", rec, err)
		}
	}
}

func TestSignatureValueRanges(t *testing.T) {
	one := uint256.NewInt(1)
	nMinus1 := new(uint256.Int).SubUint64(Secp256k1N, 1)
	halfPlus1 := new(uint256.Int).AddUint64(Secp256k1HalfN, 1)
	cases := []struct {
		v         byte
		r, s      *uint256.Int
		homestead bool
		ok        bool
	}{
		{0, one, one, true, true},
		{1, nMinus1, Secp256k1HalfN, true, true},
		{2, one, one, false, false},              // v must be 0 or 1
		{0, new(uint256.Int), one, false, false}, // r = 0
		{0, one, new(uint256.Int), false, false}, // s = 0
		{0, Secp256k1N, one, false, false},       // r = N
		{0, one, Secp256k1N, false, false},       // s = N
		{0, one, halfPlus1, false, true},         // high s before Homestead
		{0, one, halfPlus1, true, false},         // EIP-2
		{0, one, nMinus1, false, true},
	}
	for i, c := range cases {
		if got := ValidateSignatureValues(c.v, c.r, c.s, c.homestead); got != c.ok {
			t.Errorf("case %d: got %v, want %v", i, got, c.ok)
		}
	}
}

func TestEcrecoverErrors(t *testing.T) {
	h := Keccak256([]byte("x"))
	if _, err := Ecrecover(h, new(uint256.Int), uint256.NewInt(1), 0); !errors.Is(err, ErrInvalidSignature) {
		t.Errorf("r = 0: %v", err)
	}
	// r = N-1 is in range but not the x coordinate of any curve point
	// (ethereum/tests TransactionWithRvalueHigh: EC_RECOVERY_FAIL).
	r := new(uint256.Int).SubUint64(Secp256k1N, 1)
	if _, err := Ecrecover(h, r, uint256.NewInt(1), 0); !errors.Is(err, ErrRecoveryFailed) {
		t.Errorf("r = N-1: %v", err)
	}
	if _, err := ToAddress(make([]byte, 32)); !errors.Is(err, ErrInvalidPrivateKey) {
		t.Errorf("zero key: %v", err)
	}
	if _, err := ToAddress(Secp256k1N.Bytes()); !errors.Is(err, ErrInvalidPrivateKey) {
		t.Errorf("key N: %v", err)
	}
	if _, err := ToAddress([]byte{1}); !errors.Is(err, ErrInvalidPrivateKey) {
		t.Errorf("short key: %v", err)
	}
}
