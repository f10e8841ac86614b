package crypto

import (
	"testing"

	"github.com/goevm/goevm/types"
)

func TestKeccakVectors(t *testing.T) {
	// Well-known digests: empty input and the empty RLP string.
	if got := Keccak256().Hex(); got != "0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470" {
		t.Errorf("keccak256('') = %s", got)
	}
	if got := EmptyRootHash.Hex(); got != "0x56e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421" {
		t.Errorf("empty trie root = %s", got)
	}
	if got := Keccak256([]byte("hello"), []byte(" world")).Hex(); got != "0x47173285a8d7341e5e972fc677286384f802f8ef42a5ec5f03bbfa254cb01fad" {
		t.Errorf("keccak256('hello world') = %s", got)
	}
}

func TestCreate2AddressEIP1014Examples(t *testing.T) {
	// Examples 0, 1 and 5 from EIP-1014.
	cases := []struct{ sender, salt, code, want string }{
		{"0x0000000000000000000000000000000000000000", "0x00", "0x00", "0x4D1A2e2bB4F88F0250f26Ffff098B0b30B26BF38"},
		{"0xdeadbeef00000000000000000000000000000000", "0x00", "0x00", "0xB928f69Bb1D91Cd65274e3c79d8986362984fDA3"},
		{"0x00000000000000000000000000000000deadbeef", "0xcafebabe", "0xdeadbeefdeadbeefdeadbeefdeadbeefdeadbeefdeadbeefdeadbeefdeadbeefdeadbeefdeadbeefdeadbeef", "0x1d8bfDC5D46DC4f61D6b6115972536eBE6A8854C"},
	}
	for _, c := range cases {
		code, _ := types.DecodeHex(c.code)
		got := CreateAddress2(types.MustHexToAddress(c.sender), types.MustHexToHash(c.salt), Keccak256(code))
		if got != types.MustHexToAddress(c.want) {
			t.Errorf("CREATE2(%s, %s) = %s, want %s", c.sender, c.salt, got, c.want)
		}
	}
}

func TestCreateAddress(t *testing.T) {
	// The first contract of 0x6ac7ea33f8831ea9dcc53393aaa88b25a785dbf0 (a
	// widely quoted example): nonce 0 and nonce 1.
	sender := types.MustHexToAddress("0x6ac7ea33f8831ea9dcc53393aaa88b25a785dbf0")
	if got := CreateAddress(sender, 0); got != types.MustHexToAddress("0xcd234a471b72ba2f1ccf0a70fcaba648a5eecd8d") {
		t.Errorf("nonce 0: %s", got)
	}
	if got := CreateAddress(sender, 1); got != types.MustHexToAddress("0x343c43a37d37dff08ae8c4a11544c718abb4fcf8") {
		t.Errorf("nonce 1: %s", got)
	}
}

func BenchmarkKeccak256_32B(b *testing.B)  { benchKeccak(b, 32) }
func BenchmarkKeccak256_4KiB(b *testing.B) { benchKeccak(b, 4096) }

func benchKeccak(b *testing.B, n int) {
	data := make([]byte, n)
	b.SetBytes(int64(n))
	b.ReportAllocs()
	for b.Loop() {
		Keccak256(data)
	}
}
