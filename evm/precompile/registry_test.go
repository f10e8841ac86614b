package precompile

import (
	"errors"
	"strings"
	"testing"

	"github.com/goevm/goevm/fork"
)

// The precompile set grows with the forks that introduce each contract.
func TestAddressesPerFork(t *testing.T) {
	cases := map[fork.Fork]int{
		fork.Frontier:  4,  // 0x01-0x04
		fork.Homestead: 4,  //
		fork.Byzantium: 8,  // EIP-196/197/198
		fork.Istanbul:  9,  // EIP-152
		fork.Berlin:    9,  //
		fork.Cancun:    10, // EIP-4844
		fork.Prague:    17, // EIP-2537
		fork.Osaka:     18, // EIP-7951
	}
	for f, want := range cases {
		r := f.Rules()
		got := Addresses(&r)
		if len(got) != want {
			t.Errorf("%v: %d precompiles, want %d", f, len(got), want)
			continue
		}
		for i := 1; i < len(got); i++ {
			if string(got[i-1][:]) >= string(got[i][:]) {
				t.Errorf("%v: addresses not ascending", f)
			}
		}
	}
	r := fork.Osaka.Rules()
	if _, ok := ForFork(&r)[addr(0x100)]; !ok {
		t.Error("P256VERIFY missing at 0x100 in Osaka")
	}
	if _, ok := ForFork(&r)[addr(0x12)]; ok {
		t.Error("0x12 must be empty: EIP-2537's final spec ends at 0x11")
	}
}

// EIP-1108 reprices alt_bn128 at Istanbul.
func TestBN254Repricing(t *testing.T) {
	pair := make([]byte, 2*bn254PairLen)
	for _, tc := range []struct {
		f             fork.Fork
		add, mul, pr2 uint64
	}{
		{fork.Byzantium, 500, 40000, 100000 + 2*80000},
		{fork.Petersburg, 500, 40000, 100000 + 2*80000},
		{fork.Istanbul, 150, 6000, 45000 + 2*34000},
		{fork.Osaka, 150, 6000, 45000 + 2*34000},
	} {
		if g := contractFor(t, tc.f, 0x06).RequiredGas(nil); g != tc.add {
			t.Errorf("%v ecAdd gas %d, want %d", tc.f, g, tc.add)
		}
		if g := contractFor(t, tc.f, 0x07).RequiredGas(nil); g != tc.mul {
			t.Errorf("%v ecMul gas %d, want %d", tc.f, g, tc.mul)
		}
		if g := contractFor(t, tc.f, 0x08).RequiredGas(pair); g != tc.pr2 {
			t.Errorf("%v ecPairing gas %d, want %d", tc.f, g, tc.pr2)
		}
	}
}

// The Frontier linear prices of the Yellow Paper.
func TestLinearPrices(t *testing.T) {
	in := make([]byte, 33) // two words
	for _, tc := range []struct {
		n    uint16
		want uint64
	}{{0x01, 3000}, {0x02, 60 + 2*12}, {0x03, 600 + 2*120}, {0x04, 15 + 2*3}} {
		if g := contractFor(t, fork.Frontier, tc.n).RequiredGas(in); g != tc.want {
			t.Errorf("0x%02x gas %d, want %d", tc.n, g, tc.want)
		}
	}
}

func TestHashOutputs(t *testing.T) {
	// Well-known digests of the empty string.
	sha, _ := contractFor(t, fork.Frontier, 0x02).Run(nil)
	if got := hexOf(sha); got != "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855" {
		t.Errorf("sha256('') = %s", got)
	}
	rip, _ := contractFor(t, fork.Frontier, 0x03).Run(nil)
	if got := hexOf(rip); got != strings.Repeat("00", 12)+"9c1185a5c5e9fc54612808977ee8f548b2258d31" {
		t.Errorf("ripemd160('') = %s", got)
	}
	in := []byte{1, 2, 3}
	id, _ := contractFor(t, fork.Frontier, 0x04).Run(in)
	in[0] = 9
	if id[0] != 1 || len(id) != 3 {
		t.Errorf("identity must copy its input: %v", id)
	}
}

// ECRECOVER's failure modes give empty output and no error.
func TestECRecoverRejects(t *testing.T) {
	c := contractFor(t, fork.Frontier, 0x01)
	valid := decodeHex(t, ecrecoverVectors[1].input) // "ValidKey"
	mutate := func(f func(b []byte)) []byte {
		b := append([]byte(nil), valid...)
		f(b)
		return b
	}
	for name, in := range map[string][]byte{
		"v=29":        mutate(func(b []byte) { b[63] = 29 }),
		"v high bits": mutate(func(b []byte) { b[32] = 1 }),
		"r=0":         mutate(func(b []byte) { clear(b[64:96]) }),
		"s=0":         mutate(func(b []byte) { clear(b[96:128]) }),
		"s=n": mutate(func(b []byte) {
			copy(b[96:], decodeHex(t, "fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141"))
		}),
		"empty": nil,
	} {
		out, err := c.Run(in)
		if err != nil || len(out) != 0 {
			t.Errorf("%s: got %x, %v; want empty output, no error", name, out, err)
		}
	}
	// Short input reads as zero-padded.
	short, _ := c.Run(valid[:100])
	padded, _ := c.Run(append(append([]byte(nil), valid[:100]...), make([]byte, 28)...))
	if hexOf(short) != hexOf(padded) {
		t.Errorf("short input not read as zero-padded: %x vs %x", short, padded)
	}
	// Extra input past 128 bytes is ignored.
	long := append(append([]byte(nil), valid...), 0xff, 0xff)
	out, err := c.Run(long)
	if err != nil || hexOf(out) != ecrecoverVectors[1].expected {
		t.Errorf("trailing bytes changed the result: %x, %v", out, err)
	}
}

// P256VERIFY never errors: bad input is empty output (EIP-7951).
func TestP256VerifyRejects(t *testing.T) {
	c := contractFor(t, fork.Osaka, 0x100)
	good := decodeHex(t, p256VerifyVectors[0].input)
	if p256VerifyVectors[0].expected == "" {
		t.Fatal("first EIP-7951 vector expected to be valid")
	}
	for name, in := range map[string][]byte{
		"159 bytes": good[:159],
		"161 bytes": append(append([]byte(nil), good...), 0),
		"empty":     nil,
		"r=0":       func() []byte { b := append([]byte(nil), good...); clear(b[32:64]); return b }(),
		"key at infinity": func() []byte {
			b := append([]byte(nil), good...)
			clear(b[96:160])
			return b
		}(),
	} {
		out, err := c.Run(in)
		if err != nil || len(out) != 0 {
			t.Errorf("%s: got %x, %v; want empty output, no error", name, out, err)
		}
		if g := c.RequiredGas(in); g != 6900 {
			t.Errorf("%s: gas %d", name, g)
		}
	}
}

func TestBlake2FRejects(t *testing.T) {
	c := contractFor(t, fork.Istanbul, 0x09)
	for _, v := range blake2fVectors[:4] {
		_, err := c.Run(decodeHex(t, v.input))
		if err == nil {
			t.Errorf("%s: no error", v.name)
		}
	}
	_, err := c.Run(decodeHex(t, blake2fVectors[3].input))
	if !errors.Is(err, ErrBlake2FFinalFlag) {
		t.Errorf("bad final flag: %v", err)
	}
}

func hexOf(b []byte) string {
	const digits = "0123456789abcdef"
	var sb strings.Builder
	for _, c := range b {
		sb.WriteByte(digits[c>>4])
		sb.WriteByte(digits[c&15])
	}
	return sb.String()
}
