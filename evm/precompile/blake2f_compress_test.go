package precompile

import (
	"encoding/binary"
	"math/bits"
	"math/rand/v2"
	"testing"

	"golang.org/x/crypto/blake2b"
)

// blake2bSigmaRef is the message schedule of RFC 7693 §2.7, for the
// table-driven reference F below.
var blake2bSigmaRef = [10][16]uint8{
	{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15},
	{14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3},
	{11, 8, 12, 0, 5, 2, 15, 13, 10, 14, 3, 6, 7, 1, 9, 4},
	{7, 9, 3, 1, 13, 12, 11, 14, 2, 6, 5, 10, 4, 0, 15, 8},
	{9, 0, 5, 7, 2, 4, 10, 15, 14, 1, 11, 12, 6, 8, 3, 13},
	{2, 12, 6, 10, 0, 11, 8, 3, 4, 13, 7, 5, 15, 14, 1, 9},
	{12, 5, 1, 15, 14, 13, 4, 10, 0, 7, 6, 3, 9, 2, 8, 11},
	{13, 11, 7, 14, 12, 1, 3, 9, 5, 0, 15, 4, 8, 6, 2, 10},
	{6, 15, 14, 9, 11, 3, 0, 8, 12, 2, 13, 7, 1, 4, 10, 5},
	{10, 2, 8, 4, 7, 6, 1, 5, 15, 11, 9, 14, 3, 12, 13, 0},
}

// blake2bFRef is F as RFC 7693 §3.2 writes it, a loop over the sigma table
// (the implementation before the generated one): the generated version must
// agree with it for every round count, and BenchmarkBlake2F1MReference shows
// what writing the schedule out gains.
func blake2bFRef(h *[8]uint64, m *[16]uint64, t [2]uint64, final bool, rounds uint32) {
	v0, v1, v2, v3, v4, v5, v6, v7 := h[0], h[1], h[2], h[3], h[4], h[5], h[6], h[7]
	v8, v9, v10, v11 := blake2bIV[0], blake2bIV[1], blake2bIV[2], blake2bIV[3]
	v12, v13, v14, v15 := blake2bIV[4]^t[0], blake2bIV[5]^t[1], blake2bIV[6], blake2bIV[7]
	if final {
		v14 = ^v14
	}
	for r := uint32(0); r < rounds; r++ {
		s := &blake2bSigmaRef[r%10]
		v0, v4, v8, v12 = blake2bGRef(v0, v4, v8, v12, m[s[0]&15], m[s[1]&15])
		v1, v5, v9, v13 = blake2bGRef(v1, v5, v9, v13, m[s[2]&15], m[s[3]&15])
		v2, v6, v10, v14 = blake2bGRef(v2, v6, v10, v14, m[s[4]&15], m[s[5]&15])
		v3, v7, v11, v15 = blake2bGRef(v3, v7, v11, v15, m[s[6]&15], m[s[7]&15])
		v0, v5, v10, v15 = blake2bGRef(v0, v5, v10, v15, m[s[8]&15], m[s[9]&15])
		v1, v6, v11, v12 = blake2bGRef(v1, v6, v11, v12, m[s[10]&15], m[s[11]&15])
		v2, v7, v8, v13 = blake2bGRef(v2, v7, v8, v13, m[s[12]&15], m[s[13]&15])
		v3, v4, v9, v14 = blake2bGRef(v3, v4, v9, v14, m[s[14]&15], m[s[15]&15])
	}
	h[0] ^= v0 ^ v8
	h[1] ^= v1 ^ v9
	h[2] ^= v2 ^ v10
	h[3] ^= v3 ^ v11
	h[4] ^= v4 ^ v12
	h[5] ^= v5 ^ v13
	h[6] ^= v6 ^ v14
	h[7] ^= v7 ^ v15
}

// blake2bGRef is the mixing function G (RFC 7693 §3.1).
func blake2bGRef(a, b, c, d, x, y uint64) (uint64, uint64, uint64, uint64) {
	a += b + x
	d = bits.RotateLeft64(d^a, -32)
	c += d
	b = bits.RotateLeft64(b^c, -24)
	a += b + y
	d = bits.RotateLeft64(d^a, -16)
	c += d
	b = bits.RotateLeft64(b^c, -63)
	return a, b, c, d
}

func TestBlake2bFMatchesReferenceForEveryRoundCount(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 9))
	for rounds := uint32(0); rounds <= 45; rounds++ {
		for trial := 0; trial < 4; trial++ {
			var h, h2 [8]uint64
			var m [16]uint64
			for i := range h {
				h[i] = r.Uint64()
			}
			for i := range m {
				m[i] = r.Uint64()
			}
			tc := [2]uint64{r.Uint64(), r.Uint64()}
			final := trial%2 == 0
			h2 = h
			blake2bF(&h, &m, tc, final, rounds)
			blake2bFRef(&h2, &m, tc, final, rounds)
			if h != h2 {
				t.Fatalf("rounds %d final %v: got %x, reference %x", rounds, final, h, h2)
			}
		}
	}
}

// TestBlake2bFHashesLikeBLAKE2b drives F with 12 rounds as BLAKE2b-512 does
// (RFC 7693 §3.3) and compares the digests with golang.org/x/crypto/blake2b,
// an independent implementation.
func TestBlake2bFHashesLikeBLAKE2b(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for _, n := range []int{0, 1, 127, 128, 129, 255, 256, 1000} {
		msg := make([]byte, n)
		for i := range msg {
			msg[i] = byte(r.Uint32())
		}
		h := blake2bIV
		h[0] ^= 0x01010000 ^ 64 // no key, 64-byte digest
		var counter uint64
		rest := msg
		for {
			var block [128]byte
			k := copy(block[:], rest)
			rest = rest[k:]
			counter += uint64(k)
			var m [16]uint64
			for i := range m {
				m[i] = binary.LittleEndian.Uint64(block[8*i:])
			}
			last := len(rest) == 0
			blake2bF(&h, &m, [2]uint64{counter, 0}, last, 12)
			if last {
				break
			}
		}
		var got [64]byte
		for i, w := range h {
			binary.LittleEndian.PutUint64(got[8*i:], w)
		}
		if want := blake2b.Sum512(msg); got != want {
			t.Errorf("%d bytes: got %x, want %x", n, got, want)
		}
	}
}

// BenchmarkBlake2F1M runs F with a million rounds (EIP-152 prices one gas per
// round, so this is the cost of a million-gas call).
func BenchmarkBlake2F1M(b *testing.B) {
	var h [8]uint64
	var m [16]uint64
	for b.Loop() {
		blake2bF(&h, &m, [2]uint64{1, 0}, true, 1_000_000)
	}
}

func BenchmarkBlake2F1MReference(b *testing.B) {
	var h [8]uint64
	var m [16]uint64
	for b.Loop() {
		blake2bFRef(&h, &m, [2]uint64{1, 0}, true, 1_000_000)
	}
}
