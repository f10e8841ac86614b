package fuzzer

import (
	"github.com/goevm/goevm/crypto"
	"github.com/goevm/goevm/types"
)

// validEcrecover is an ecrecover input that recovers KeyAddrs[0]: hash, v,
// r, s of a signature made with Keys[0].
var validEcrecover = func() []byte {
	hash := crypto.Keccak256([]byte("difffuzz"))
	key, err := crypto.ToPrivateKey(Keys[0])
	if err != nil {
		panic(err)
	}
	sig, err := crypto.Sign(hash, key)
	if err != nil {
		panic(err)
	}
	in := make([]byte, 128)
	copy(in, hash[:])
	in[63] = 27 + sig[64]
	copy(in[64:], sig[:64])
	return in
}()

// precompileInput draws an input for the precompile at addr: random bytes,
// or an input of the right shape (often all zeros, which several contracts
// accept as the point at infinity) with a byte or a length disturbed.
func (g *Gen) precompileInput(addr types.Address) []byte {
	if g.r.IntN(4) == 0 {
		return g.bytes(g.r.IntN(300))
	}
	id := int(addr[18])<<8 | int(addr[19])
	var in []byte
	switch id {
	case 0x01: // ecrecover: hash, v, r, s; now and then a valid signature
		if g.r.IntN(2) == 0 {
			in = append([]byte(nil), validEcrecover...)
		} else {
			in = g.bytes(128)
			copy(in[32:64], make([]byte, 32))
			in[63] = byte(27 + g.r.IntN(2))
		}
	case 0x05: // modexp: lengths then base, exponent, modulus
		pick := func() int {
			switch g.r.IntN(8) {
			case 0: // around EIP-7823's 1024-byte bound
				return 1023 + g.r.IntN(3)
			case 1:
				return g.r.IntN(200)
			}
			return g.r.IntN(40)
		}
		bl, el, ml := pick(), pick(), pick()
		in = make([]byte, 96)
		putLen := func(at, n int) { in[at-2], in[at-1] = byte(n>>8), byte(n) }
		putLen(32, bl)
		putLen(64, el)
		putLen(96, ml)
		if g.r.IntN(20) == 0 { // a length beyond anything payable
			in[40] = 0x01
		}
		in = append(in, g.bytes(min(bl+el+ml, 600))...)
	case 0x06: // bn254 add: two points
		in = g.curvePoints(2, 64)
	case 0x07: // bn254 mul: a point and a scalar
		in = append(g.curvePoints(1, 64), g.bytes(32)...)
	case 0x08: // bn254 pairing: k pairs of 192 bytes
		in = make([]byte, 192*g.r.IntN(3))
	case 0x09: // blake2f: rounds, h, m, t, f
		in = g.bytes(213)
		in[0], in[1], in[2] = 0, 0, 0
		in[3] = byte(g.r.IntN(16))
		in[212] = byte(g.r.IntN(2))
	case 0x0a: // point evaluation: 192 bytes
		in = make([]byte, 192)
		in[0] = 0x01
	case 0x0b, 0x0d: // BLS12-381 G1 add (256 bytes), G2 add (512)
		in = make([]byte, map[int]int{0x0b: 256, 0x0d: 512}[id])
	case 0x0c, 0x0e: // G1 MSM (160 a pair), G2 MSM (288 a pair)
		in = make([]byte, map[int]int{0x0c: 160, 0x0e: 288}[id]*(g.r.IntN(3)+1))
	case 0x0f: // pairing: 384 a pair
		in = make([]byte, 384*g.r.IntN(3))
	case 0x10, 0x11: // map field element to G1 (64), Fp2 to G2 (128)
		in = make([]byte, map[int]int{0x10: 64, 0x11: 128}[id])
		copy(in[len(in)-8:], g.bytes(8))
	case 0x100: // P256VERIFY: hash, r, s, x, y
		in = g.bytes(160)
	default: // sha256, ripemd160, identity
		in = g.bytes(g.r.IntN(100))
	}
	switch g.r.IntN(6) {
	case 0:
		if len(in) > 0 {
			in[g.r.IntN(len(in))] ^= byte(1 << g.r.IntN(8))
		}
	case 1:
		if len(in) > 0 {
			in = in[:g.r.IntN(len(in))]
		}
	case 2:
		in = append(in, byte(g.r.IntN(256)))
	}
	return in
}

// curvePoints is n points of size bytes: zeros (infinity) or the bn254
// generator (1, 2).
func (g *Gen) curvePoints(n, size int) []byte {
	out := make([]byte, n*size)
	for i := range n {
		if g.r.IntN(2) == 0 {
			out[i*size+31] = 1
			out[i*size+63] = 2
		}
	}
	return out
}
