package crypto

import (
	"encoding/hex"
	"errors"
	"testing"

	"github.com/goevm/goevm/types"
)

func TestTextHash(t *testing.T) {
	// ethers v6 src.ts/_tests/test-hash.ts, "Test EIP-191 Personal Message
	// Hash": a text message, two raw bytes, and a string that only looks
	// like hex (it is hashed as its 6 characters).
	cases := []struct {
		msg  []byte
		want string
	}{
		{[]byte("Hello World"), "0xa1de988600a42c4b4ab089b619297c17d53cffae5d5120d82d8a92d0bb3b78f2"},
		{[]byte{0x42, 0x43}, "0x0d3abc18ec299cf9b42ba439ac6f7e3e6ec9f5c048943704e30fc2d9c7981438"},
		{[]byte("0x4243"), "0x6d91b221f765224b256762dcba32d62209cf78e9bebb0a1b758ca26c76db3af4"},
	}
	for _, c := range cases {
		if got := TextHash(c.msg).Hex(); got != c.want {
			t.Errorf("TextHash(%q) = %s, want %s", c.msg, got, c.want)
		}
	}
	// The length is decimal without padding: 100 bytes give "100".
	long := make([]byte, 100)
	want := Keccak256([]byte("\x19Ethereum Signed Message:\n100"), long)
	if TextHash(long) != want {
		t.Error("TextHash of 100 bytes")
	}
}

func TestSignTextMetaMaskVector(t *testing.T) {
	// MetaMask eth-sig-util src/personal-sign.test.ts: personalSign of
	// "Hello, world!" with the key 4af1bcee…18bb0.
	secret, _ := hex.DecodeString("4af1bceebf7f3634ec3cff8a2c38e51178d5d4ce585c52d6043e5e2cc3418bb0")
	key, err := ToPrivateKey(secret)
	if err != nil {
		t.Fatal(err)
	}
	const want = "90a938f7457df6e8f741264c32697fc52f9a8f867c52dd70713d9d2d472f2e415d9c94148991bbe1f4a1818d1dff09165782749c877f5cf1eff4ef126e55714d1c"
	msg := []byte("Hello, world!")
	sig, err := SignText(msg, key)
	if err != nil {
		t.Fatal(err)
	}
	if got := hex.EncodeToString(sig[:]); got != want {
		t.Errorf("SignText\n got %s\nwant %s", got, want)
	}
	signer, err := RecoverText(msg, sig[:])
	if err != nil {
		t.Fatal(err)
	}
	if signer != KeyAddress(key) {
		t.Errorf("RecoverText = %s, want %s", signer, KeyAddress(key))
	}
	// The recovery id form (v = 0/1) recovers the same address.
	raw := sig
	raw[64] -= 27
	if a, err := RecoverText(msg, raw[:]); err != nil || a != signer {
		t.Errorf("v=%d: %s, %v", raw[64], a, err)
	}
	// A different message recovers someone else (or fails).
	if a, err := RecoverText([]byte("Hello, world?"), sig[:]); err == nil && a == signer {
		t.Error("signature verified for another message")
	}
}

func TestRecoverSignerErrors(t *testing.T) {
	var h types.Hash
	good := make([]byte, 65)
	good[31], good[63] = 1, 1
	for _, c := range []struct {
		name string
		sig  []byte
		want error
	}{
		{"short", good[:64], ErrInvalidSignature},
		{"long", append(append([]byte{}, good...), 0), ErrInvalidSignature},
		{"v=2", append(append([]byte{}, good[:64]...), 2), ErrInvalidSignature},
		{"v=29", append(append([]byte{}, good[:64]...), 29), ErrInvalidSignature},
		{"r=0", make([]byte, 65), ErrInvalidSignature},
	} {
		if _, err := RecoverSigner(h, c.sig); !errors.Is(err, c.want) {
			t.Errorf("%s: %v, want %v", c.name, err, c.want)
		}
	}
}
