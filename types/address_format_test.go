package types

import (
	"fmt"
	"strings"
	"testing"
)

// eip55Vectors are the examples of EIP-55 ("Test Cases"): all upper case,
// all lower case, and mixed.
var eip55Vectors = []string{
	"0x52908400098527886E0F7030069857D2E4169EE7",
	"0x8617E340B3D01FA5F11F306F4090FD50E238070D",
	"0xde709f2102306220921060314715629080e2fb77",
	"0x27b1fdb04752bbc536007a920d24acb045561c26",
	"0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
	"0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359",
	"0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB",
	"0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb",
}

func TestAddressChecksumEIP55(t *testing.T) {
	for _, want := range eip55Vectors {
		a := MustHexToAddress(strings.ToLower(want))
		if got := a.Checksum(); got != want {
			t.Errorf("Checksum %s, want %s", got, want)
		}
		if got := a.String(); got != want {
			t.Errorf("String %s, want %s", got, want)
		}
		if got := fmt.Sprint(a); got != want {
			t.Errorf("Sprint %s, want %s", got, want)
		}
	}
}

// TestAddressFormat follows go-ethereum's common.Address (its Format doc
// and TestAddress_Format): %v and %s checksummed, %x bare lower-case hex,
// %#x with 0x, %X upper case, %q quoted, and JSON unchanged (lower case).
func TestAddressFormat(t *testing.T) {
	a := MustHexToAddress("0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed")
	for _, c := range []struct{ format, want string }{
		{"%v", "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"},
		{"%s", "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"},
		{"%q", `"0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"`},
		{"%x", "5aaeb6053f3e94c9b9a09f33669435e7ef1beaed"},
		{"%#x", "0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed"},
		{"%X", "5AAEB6053F3E94C9B9A09F33669435E7EF1BEAED"},
		{"%#X", "0X5AAEB6053F3E94C9B9A09F33669435E7EF1BEAED"},
		{"%44s", "  0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"},
		{"%-44s|", "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed  |"},
		{"%d", "[90 174 182 5 63 62 148 201 185 160 159 51 102 148 53 231 239 27 234 237]"},
		{"%t", "%!t(types.Address=0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed)"},
	} {
		if got := fmt.Sprintf(c.format, a); got != c.want {
			t.Errorf("%s: got %s, want %s", c.format, got, c.want)
		}
	}
	// A pointer and a struct field format the same way.
	if got := fmt.Sprintf("%v %x", &a, struct{ A Address }{a}); got != "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed {5aaeb6053f3e94c9b9a09f33669435e7ef1beaed}" {
		t.Errorf("pointer and field: %s", got)
	}
	if j, _ := a.MarshalText(); string(j) != "0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed" {
		t.Errorf("MarshalText %s, want lower case", j)
	}
}

func TestHashFormat(t *testing.T) {
	h := MustHexToHash("0x00000000000000000000000000000000000000000000000000000000000000ab")
	hex := "00000000000000000000000000000000000000000000000000000000000000ab"
	for _, c := range []struct{ format, want string }{
		{"%v", "0x" + hex},
		{"%s", "0x" + hex},
		{"%q", `"0x` + hex + `"`},
		{"%x", hex},
		{"%#x", "0x" + hex},
		{"%X", strings.ToUpper(hex)},
	} {
		if got := fmt.Sprintf(c.format, h); got != c.want {
			t.Errorf("%s: got %s, want %s", c.format, got, c.want)
		}
	}
}
