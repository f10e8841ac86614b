package hdwallet

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/goevm/goevm/crypto"
	"github.com/goevm/goevm/types"
)

// checksumAddress is the EIP-55 mixed-case form of a, so the tests can
// compare with the addresses exactly as anvil and hardhat print them.
func checksumAddress(a types.Address) string {
	lower := hex.EncodeToString(a[:])
	h := crypto.Keccak256([]byte(lower))
	out := []byte("0x" + lower)
	for i := range lower {
		nibble := h[i/2] >> 4
		if i%2 == 1 {
			nibble = h[i/2] & 0x0f
		}
		if lower[i] >= 'a' && nibble >= 8 {
			out[i+2] = lower[i] - 'a' + 'A'
		}
	}
	return string(out)
}

func TestDevAccountsAnvil(t *testing.T) {
	// The accounts anvil and hardhat print at start-up for the mnemonic
	// "test test test test test test test test test test test junk"
	// (foundry book "anvil" reference and hardhat network docs).
	want := map[int][2]string{
		0: {"0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266", "ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80"},
		1: {"0x70997970C51812dc3A010C7d01b50e0d17dc79C8", "59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d"},
		9: {"0xa0Ee7A142d267C1f36714E4a8F75612F20a79720", "2a871d0798f97d79848a013d4936a73bf4cc922c825d33c1cf7073dff6d409c6"},
	}
	keys, err := DevAccounts(DefaultMnemonic, 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(keys) != 10 {
		t.Fatalf("got %d keys, want 10", len(keys))
	}
	for i, w := range want {
		if got := hex.EncodeToString(keys[i].Serialize()); got != w[1] {
			t.Errorf("account %d key %s, want %s", i, got, w[1])
		}
		if got := checksumAddress(crypto.KeyAddress(keys[i])); got != w[0] {
			t.Errorf("account %d address %s, want %s", i, got, w[0])
		}
	}
	// The same keys by the long way: seed, master, full path.
	seed, err := MnemonicToSeed(DefaultMnemonic, "")
	if err != nil {
		t.Fatal(err)
	}
	master, err := NewMasterKey(seed)
	if err != nil {
		t.Fatal(err)
	}
	for i, key := range keys {
		path, err := ParsePath(fmt.Sprintf("m/44'/60'/0'/0/%d", i))
		if err != nil {
			t.Fatal(err)
		}
		k, err := master.Derive(path)
		if err != nil {
			t.Fatal(err)
		}
		if !k.PrivateKey().Key.Equals(&key.Key) {
			t.Errorf("account %d: DevAccounts and Derive(%s) differ", i, path)
		}
	}
	// Whitespace around and between words does not change the accounts.
	again, err := DevAccounts("  "+strings.ReplaceAll(DefaultMnemonic, " ", " \t ")+"\n", 1)
	if err != nil {
		t.Fatal(err)
	}
	if !again[0].Key.Equals(&keys[0].Key) {
		t.Error("extra white space changed account 0")
	}
}

func TestDeriveAccountsCount(t *testing.T) {
	seed := make([]byte, 32)
	base, _ := ParsePath(DefaultBasePath)
	keys, err := DeriveAccounts(seed, base, 0)
	if err != nil || len(keys) != 0 {
		t.Errorf("n=0: %d keys, %v", len(keys), err)
	}
	if _, err := DeriveAccounts(seed, base, -1); !errors.Is(err, ErrAccountCount) {
		t.Errorf("n=-1: %v, want ErrAccountCount", err)
	}
	if _, err := DeriveAccounts(seed[:8], base, 1); !errors.Is(err, ErrSeedLength) {
		t.Errorf("8-byte seed: %v, want ErrSeedLength", err)
	}
	if _, err := DevAccounts("test test test", 1); !errors.Is(err, ErrWordCount) {
		t.Errorf("3 words: %v, want ErrWordCount", err)
	}
}

func TestMnemonicErrors(t *testing.T) {
	cases := []struct {
		mnemonic string
		want     error
	}{
		// trezor/python-mnemonic tests/test_mnemonic.py test_failed_checksum.
		{"bless cloud wheel regular tiny venue bird web grief security dignity zoo", ErrChecksum},
		// The default mnemonic with its last word changed.
		{"test test test test test test test test test test test test", ErrChecksum},
		{"test test test test test test test test test test test", ErrWordCount},
		{"test test test test test test test test test test test test junk", ErrWordCount},
		{"", ErrWordCount},
		{"test test test test test test test test test test test jnuk", ErrUnknownWord},
		{"Test test test test test test test test test test test junk", ErrUnknownWord},
	}
	for _, c := range cases {
		err := ValidateMnemonic(c.mnemonic)
		if !errors.Is(err, c.want) {
			t.Errorf("ValidateMnemonic(%q) = %v, want %v", c.mnemonic, err, c.want)
		}
		if _, err := MnemonicToSeed(c.mnemonic, ""); !errors.Is(err, c.want) {
			t.Errorf("MnemonicToSeed(%q) = %v, want %v", c.mnemonic, err, c.want)
		}
	}
	if err := ValidateMnemonic(DefaultMnemonic); err != nil {
		t.Errorf("DefaultMnemonic: %v", err)
	}
	for _, n := range []int{0, 15, 17, 33} {
		if _, err := EntropyToMnemonic(make([]byte, n)); !errors.Is(err, ErrEntropyLength) {
			t.Errorf("EntropyToMnemonic(%d bytes) = %v, want ErrEntropyLength", n, err)
		}
	}
	for _, n := range []int{0, 11, 13, 27} {
		if _, err := NewMnemonic(n); !errors.Is(err, ErrWordCount) {
			t.Errorf("NewMnemonic(%d) = %v, want ErrWordCount", n, err)
		}
	}
}

func TestNewMnemonic(t *testing.T) {
	for _, n := range []int{12, 15, 18, 21, 24} {
		m, err := NewMnemonic(n)
		if err != nil {
			t.Fatal(err)
		}
		if got := len(strings.Fields(m)); got != n {
			t.Errorf("NewMnemonic(%d) has %d words", n, got)
		}
		if err := ValidateMnemonic(m); err != nil {
			t.Errorf("NewMnemonic(%d) = %q invalid: %v", n, m, err)
		}
	}
}

func TestEnglishWordList(t *testing.T) {
	// bitcoin/bips bip-0039/english.txt has this SHA-256 (checked against
	// the copy in trezor/python-mnemonic as well).
	if sum := sha256.Sum256([]byte(englishText)); hex.EncodeToString(sum[:]) != "2f5eed53a4727b4bf8880d8f3f199efc90e58503646d9ff8eff3a2ed3b24dbda" {
		t.Errorf("english.txt sha256 %x", sum)
	}
	words := EnglishWordList()
	if len(words) != 2048 {
		t.Fatalf("%d words", len(words))
	}
	if !slices.IsSorted(words) {
		t.Error("word list is not sorted")
	}
	// BIP-39: the first four letters identify a word unambiguously.
	seen := map[string]string{}
	for _, w := range words {
		p := w[:min(4, len(w))]
		if prev, ok := seen[p]; ok {
			t.Errorf("%q and %q share the prefix %q", prev, w, p)
		}
		seen[p] = w
	}
	words[0] = "changed"
	if EnglishWordList()[0] != "abandon" {
		t.Error("EnglishWordList does not return a copy")
	}
}

func TestSeedNormalization(t *testing.T) {
	m := DefaultMnemonic
	// NFKD applies to the passphrase: a precomposed é equals e + U+0301, and
	// a half-width katakana equals its full-width form decomposed.
	pairs := [][2]string{
		{"caf\u00e9", "cafe\u0301"},
		{"\uff76\uff9e", "\u30ac"}, // ｶﾞ and ガ
	}
	for _, p := range pairs {
		a, err := MnemonicToSeed(m, p[0])
		if err != nil {
			t.Fatal(err)
		}
		b, err := MnemonicToSeed(m, p[1])
		if err != nil {
			t.Fatal(err)
		}
		if hex.EncodeToString(a) != hex.EncodeToString(b) {
			t.Errorf("passphrases %q and %q give different seeds", p[0], p[1])
		}
	}
	// SeedUnchecked uses the sentence as given; MnemonicToSeed its words
	// joined by single spaces. They agree on a canonical sentence.
	a, _ := SeedUnchecked(m, "x")
	b, _ := MnemonicToSeed(m+"  ", "x")
	c, _ := SeedUnchecked(m+"  ", "x")
	if hex.EncodeToString(a) != hex.EncodeToString(b) {
		t.Error("MnemonicToSeed does not canonicalize white space")
	}
	if hex.EncodeToString(a) == hex.EncodeToString(c) {
		t.Error("SeedUnchecked changed the sentence")
	}
}

func TestParsePath(t *testing.T) {
	const h = HardenedOffset
	good := []struct {
		in   string
		want Path
		str  string
	}{
		{"m", Path{}, "m"},
		{"m/44'/60'/0'/0/0", Path{44 + h, 60 + h, 0 + h, 0, 0}, "m/44'/60'/0'/0/0"},
		{"m/44h/60H/0'/0/7", Path{44 + h, 60 + h, h, 0, 7}, "m/44'/60'/0'/0/7"},
		{"m/2147483647'/2147483647", Path{0xffffffff, 0x7fffffff}, "m/2147483647'/2147483647"},
		{"m/0/1000000000", Path{0, 1000000000}, "m/0/1000000000"},
	}
	for _, c := range good {
		p, err := ParsePath(c.in)
		if err != nil {
			t.Errorf("ParsePath(%q): %v", c.in, err)
			continue
		}
		if !slices.Equal(p, c.want) {
			t.Errorf("ParsePath(%q) = %v, want %v", c.in, p, c.want)
		}
		if p.String() != c.str {
			t.Errorf("ParsePath(%q).String() = %q, want %q", c.in, p.String(), c.str)
		}
	}
	bad := []string{
		"", "M/0", "44'/60'", "/0", "m/", "m//0", "m/0/", "m/-1", "m/+1", "m/0x10",
		"m/2147483648", "m/4294967296", "m/1''", "m/'", "m/1 ", " m/1", "m/a",
	}
	for _, s := range bad {
		if p, err := ParsePath(s); !errors.Is(err, ErrInvalidPath) {
			t.Errorf("ParsePath(%q) = %v, %v; want ErrInvalidPath", s, p, err)
		}
	}
	base := Path{1, 2}
	child := base.Child(3)
	grand := base.Child(4)
	if !slices.Equal(child, Path{1, 2, 3}) || !slices.Equal(grand, Path{1, 2, 4}) || len(base) != 2 {
		t.Errorf("Child aliases its receiver: %v %v %v", base, child, grand)
	}
}

func TestExtendedKeyFields(t *testing.T) {
	// BIP-32 test vector 1: the master's fingerprint 3442193e is the
	// parent-fingerprint field (bytes 5-8) of the BIP's m/0H xprv once
	// Base58Check-decoded; TestBIP32Vectors checks that whole serialization.
	seed, _ := hex.DecodeString("000102030405060708090a0b0c0d0e0f")
	master, err := NewMasterKey(seed)
	if err != nil {
		t.Fatal(err)
	}
	if fp := master.Fingerprint(); hex.EncodeToString(fp[:]) != "3442193e" {
		t.Errorf("master fingerprint %x", fp)
	}
	if master.Depth() != 0 || master.Index() != 0 || master.ParentFingerprint() != [4]byte{} {
		t.Error("master key has a position")
	}
	child, err := master.Child(HardenedOffset)
	if err != nil {
		t.Fatal(err)
	}
	if child.ParentFingerprint() != master.Fingerprint() || child.Index() != HardenedOffset || child.Depth() != 1 {
		t.Errorf("m/0H: parent %x index %#x depth %d", child.ParentFingerprint(), child.Index(), child.Depth())
	}
	if !child.PublicKey().IsEqual(child.PrivateKey().PubKey()) {
		t.Error("PublicKey does not match PrivateKey")
	}
	cc := child.ChainCode()
	if cc == master.ChainCode() || cc == [32]byte{} {
		t.Error("chain code not derived")
	}
	// PrivateKey returns a copy: zeroing it leaves the extended key intact.
	before := child.XPrv()
	child.PrivateKey().Zero()
	if child.XPrv() != before {
		t.Error("PrivateKey exposes the extended key's scalar")
	}
	// Depth is one byte: the 256th level is refused.
	k := master
	for range 255 {
		if k, err = k.Child(0); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := k.Child(0); !errors.Is(err, ErrDepth) {
		t.Errorf("depth 256: %v, want ErrDepth", err)
	}
	for _, n := range []int{0, 15, 65} {
		if _, err := NewMasterKey(make([]byte, n)); !errors.Is(err, ErrSeedLength) {
			t.Errorf("%d-byte seed: %v, want ErrSeedLength", n, err)
		}
	}
}

func TestBase58(t *testing.T) {
	// Leading zero bytes become '1's. The Base58Check form of 20 zero bytes
	// behind a zero version byte is Bitcoin's burn address
	// 1111111111111111111114oLvT2 (a widely quoted constant).
	if got := base58CheckEncode(make([]byte, 21)); got != "1111111111111111111114oLvT2" {
		t.Errorf("base58check(0x00 * 21) = %s", got)
	}
}

func BenchmarkDevAccounts10(b *testing.B) {
	for b.Loop() {
		if _, err := DevAccounts(DefaultMnemonic, 10); err != nil {
			b.Fatal(err)
		}
	}
}
