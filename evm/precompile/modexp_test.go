package precompile

import (
	"errors"
	"math"
	"math/big"
	"testing"

	"github.com/goevm/goevm/fork"
)

// modexpInput builds <len(b)> <len(e)> <len(m)> with declared lengths and
// then the given body bytes.
func modexpInput(bl, el, ml *big.Int, body []byte) []byte {
	in := make([]byte, 96)
	bl.FillBytes(in[0:32])
	el.FillBytes(in[32:64])
	ml.FillBytes(in[64:96])
	return append(in, body...)
}

// EIP-198's own examples.
func TestModExpEIP198Examples(t *testing.T) {
	c := contractFor(t, fork.Byzantium, 0x05)
	// 3^(p-1) mod p with p the secp256k1 field prime is 1 (Fermat).
	ex1 := decodeHex(t, "0000000000000000000000000000000000000000000000000000000000000001"+
		"0000000000000000000000000000000000000000000000000000000000000020"+
		"0000000000000000000000000000000000000000000000000000000000000020"+
		"03"+
		"fffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc2e"+
		"fffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc2f")
	out, err := c.Run(ex1)
	if err != nil || hexOf(out) != "0000000000000000000000000000000000000000000000000000000000000001" {
		t.Errorf("example 1: %x, %v", out, err)
	}
	// 0^(p-1) mod p is 0; the base is empty.
	ex2 := decodeHex(t, "0000000000000000000000000000000000000000000000000000000000000000"+
		"0000000000000000000000000000000000000000000000000000000000000020"+
		"0000000000000000000000000000000000000000000000000000000000000020"+
		"fffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc2e"+
		"fffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc2f")
	out, err = c.Run(ex2)
	if err != nil || hexOf(out) != "0000000000000000000000000000000000000000000000000000000000000000" {
		t.Errorf("example 2: %x, %v", out, err)
	}
}

// Absurd declared lengths are priced exactly (saturating at 2^64-1) without
// allocating their size.
func TestModExpHugeLengths(t *testing.T) {
	huge := new(big.Int).Lsh(big.NewInt(1), 255)
	one, zero := big.NewInt(1), big.NewInt(0)
	for _, f := range []fork.Fork{fork.Byzantium, fork.Berlin, fork.Osaka} {
		c := contractFor(t, f, 0x05)
		for name, in := range map[string][]byte{
			"huge base":     modexpInput(huge, one, one, nil),
			"huge exponent": modexpInput(one, huge, one, nil),
			"huge modulus":  modexpInput(one, one, huge, nil),
		} {
			if g := c.RequiredGas(in); g != math.MaxUint64 {
				t.Errorf("%v %s: gas %d, want saturation", f, name, g)
			}
			if _, err := c.Run(in); !errors.Is(err, ErrModExpTooLarge) {
				t.Errorf("%v %s: Run error %v", f, name, err)
			}
		}
		// A huge exponent with empty base and modulus costs little and
		// returns empty output before Osaka (EIP-198: complexity 0).
		in := modexpInput(zero, huge, zero, nil)
		out, err := c.Run(in)
		if f < fork.Osaka && (err != nil || len(out) != 0) {
			t.Errorf("%v zero base and modulus: %x, %v", f, out, err)
		}
		if f >= fork.Osaka && !errors.Is(err, ErrModExpTooLarge) {
			t.Errorf("%v: EIP-7823 must reject: %v", f, err)
		}
	}
	if g := contractFor(t, fork.Byzantium, 0x05).RequiredGas(modexpInput(zero, huge, zero, nil)); g != 0 {
		t.Errorf("EIP-198 gas for empty base and modulus: %d, want 0", g)
	}
	if g := contractFor(t, fork.Berlin, 0x05).RequiredGas(modexpInput(zero, huge, zero, nil)); g != 200 {
		t.Errorf("EIP-2565 minimum: %d, want 200", g)
	}
}

// EIP-7823: 1024 bytes is allowed, 1025 is an error, for each length.
func TestModExpEIP7823Bound(t *testing.T) {
	c := contractFor(t, fork.Osaka, 0x05)
	ok, over := big.NewInt(1024), big.NewInt(1025)
	one := big.NewInt(1)
	for name, in := range map[string][]byte{
		"base": modexpInput(over, one, one, nil),
		"exp":  modexpInput(one, over, one, nil),
		"mod":  modexpInput(one, one, over, nil),
	} {
		if _, err := c.Run(in); !errors.Is(err, ErrModExpTooLarge) {
			t.Errorf("%s 1025: %v", name, err)
		}
	}
	out, err := c.Run(modexpInput(ok, one, ok, nil))
	if err != nil || len(out) != 1024 {
		t.Errorf("1024-byte lengths: %d bytes, %v", len(out), err)
	}
	// Before Osaka the same input is fine.
	if _, err := contractFor(t, fork.Prague, 0x05).Run(modexpInput(over, one, one, nil)); err != nil {
		t.Errorf("Prague rejected a 1025-byte base: %v", err)
	}
}

func TestModExpEdgeResults(t *testing.T) {
	c := contractFor(t, fork.Osaka, 0x05)
	one := big.NewInt(1)
	// x^0 mod 1 = 0; modulus 0 gives zeros; output has modulus length.
	for name, tc := range map[string]struct {
		in   []byte
		want string
	}{
		"exp 0 mod 1":                    {modexpInput(one, one, one, []byte{5, 0, 1}), "00"},
		"mod 0":                          {modexpInput(one, one, big.NewInt(2), []byte{5, 3, 0, 0}), "0000"},
		"exp 0 mod 7":                    {modexpInput(one, one, one, []byte{5, 0, 7}), "01"},
		"3^5 mod 100":                    {modexpInput(one, one, one, []byte{3, 5, 100}), "2b"},
		"missing mod bytes read as zero": {modexpInput(one, one, big.NewInt(2), []byte{3, 5, 1}), "00f3"}, // 243 mod 0x0100
	} {
		out, err := c.Run(tc.in)
		if err != nil || hexOf(out) != tc.want {
			t.Errorf("%s: %x, %v; want %s", name, out, err, tc.want)
		}
	}
}
