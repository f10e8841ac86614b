package crypto

import (
	"bytes"
	"encoding/hex"
	"testing"
)

// Known Keccak-256 digests (Ethereum's "sha3"): of nothing, of "abc", and
// of 200 bytes 0xa3 (more than one 136-byte block, as the scratch copies it).
func TestHasherVectors(t *testing.T) {
	cases := []struct {
		in   []byte
		want string
	}{
		{nil, "c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470"},
		{[]byte("abc"), "4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45"},
		{bytes.Repeat([]byte{0xa3}, 200), "3a57666b048777f2c953dc4456f45a2588e1cb6f2da760122d530ac2ce607d4a"},
	}
	var h Hasher
	for _, c := range cases {
		got := h.Sum256(c.in)
		if hex.EncodeToString(got[:]) != c.want {
			t.Errorf("Sum256(%d bytes) = %x, want %s", len(c.in), got, c.want)
		}
		if k := Keccak256(c.in); k != got {
			t.Errorf("Keccak256(%d bytes) = %x, Hasher %x", len(c.in), k, got)
		}
	}
	// Split writes hash the same as one.
	in := bytes.Repeat([]byte{0xa3}, 200)
	if Keccak256(in[:7], in[7:150], in[150:]) != Keccak256(in) {
		t.Error("split input hashes differently")
	}
}

func TestKeccak256NoAllocs(t *testing.T) {
	var in [32]byte
	if n := testing.AllocsPerRun(100, func() { in[0]++; _ = Keccak256(in[:]) }); n != 0 {
		t.Errorf("Keccak256 of 32 bytes: %v allocations, want 0", n)
	}
}

func BenchmarkKeccak256_32(b *testing.B) {
	var in [32]byte
	b.ReportAllocs()
	for b.Loop() {
		in[0]++
		_ = Keccak256(in[:])
	}
}
