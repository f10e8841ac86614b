package bench

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/sha256"
	"encoding/hex"
	"math/big"
	"math/rand/v2"

	bls "github.com/consensys/gnark-crypto/ecc/bls12-381"
	"github.com/consensys/gnark-crypto/ecc/bls12-381/fp"
)

// benchCase is one input fed to both implementations of precompile addr.
type benchCase struct {
	name  string
	addr  uint16
	input []byte
}

func mustHex(s string) []byte {
	b, err := hex.DecodeString(s)
	if err != nil {
		panic(err)
	}
	return b
}

func word(v *big.Int) []byte { return v.FillBytes(make([]byte, 32)) }

// modexpInput builds a MODEXP call with random base and modulus of size n
// bytes and the given exponent.
func modexpInput(r *rand.Rand, n int, exp []byte) []byte {
	in := append(word(big.NewInt(int64(n))), word(big.NewInt(int64(len(exp))))...)
	in = append(in, word(big.NewInt(int64(n)))...)
	for i := 0; i < n; i++ {
		in = append(in, byte(r.Uint32()))
	}
	in = append(in, exp...)
	for i := 0; i < n; i++ {
		in = append(in, byte(r.Uint32()))
	}
	in[len(in)-1] |= 1 // odd modulus, the common case
	return in
}

func blsFp(e *fp.Element) []byte {
	b := e.Bytes()
	return append(make([]byte, 16), b[:]...)
}

func blsG1(p *bls.G1Affine) []byte { return append(blsFp(&p.X), blsFp(&p.Y)...) }

func blsG2(p *bls.G2Affine) []byte {
	out := append(blsFp(&p.X.A0), blsFp(&p.X.A1)...)
	out = append(out, blsFp(&p.Y.A0)...)
	return append(out, blsFp(&p.Y.A1)...)
}

func randScalar(r *rand.Rand) []byte {
	b := make([]byte, 32)
	for i := range b {
		b[i] = byte(r.Uint32())
	}
	return b
}

// benchCases are the inputs, built deterministically.
func benchCases() []benchCase {
	r := rand.New(rand.NewPCG(1, 2))
	var cases []benchCase
	add := func(name string, addr uint16, in []byte) { cases = append(cases, benchCase{name, addr, in}) }

	// ECRECOVER: a valid signature (the "ValidKey" cross-client vector).
	add("ecrecover", 0x01, mustHex("18c547e4f7b0f325ad1e56f57e26c745b09a3e503d86e00e5255ff7f715d3d1c000000000000000000000000000000000000000000000000000000000000001c73b1693892219d736caba55bdb67216e485557ea6b6af75f37096c9aa6a5a75feeb940b1d03b21e36b0e47e79769f095fe2ab855bd91e3a38756b7d75a9c4549"))
	blob := make([]byte, 1024)
	for i := range blob {
		blob[i] = byte(r.Uint32())
	}
	add("sha256/1KiB", 0x02, blob)
	add("ripemd160/1KiB", 0x03, blob)
	add("identity/1KiB", 0x04, blob)
	add("modexp/64B-pow0x10001", 0x05, modexpInput(r, 64, []byte{1, 0, 1}))
	add("modexp/256B-pow0x10001", 0x05, modexpInput(r, 256, []byte{1, 0, 1}))
	add("modexp/32B-exp32B", 0x05, modexpInput(r, 32, randScalar(r)))
	add("modexp/512B-exp32B", 0x05, modexpInput(r, 512, randScalar(r)))

	// alt_bn128 with the generators: G1 = (1, 2); G2 in EIP-197 order.
	g1 := append(word(big.NewInt(1)), word(big.NewInt(2))...)
	g2 := mustHex("198e9393920d483a7260bfb731fb5d25f1aa493335a9e71297e485b7aef312c2" +
		"1800deef121f1e76426a00665e5c4479674322d4f75edadd46debd5cd992f6ed" +
		"090689d0585ff075ec9e99ad690c3395bc4b313370b38ef355acdadcd122975b" +
		"12c85ea5db8c6deb4aab71808dcb408fe3d1e7690c43d37b4ce6cc0166fa7daa")
	bnP, _ := new(big.Int).SetString("30644e72e131a029b85045b68181585d97816a916871ca8d3c208c16d87cfd47", 16)
	negG1 := append(word(big.NewInt(1)), word(new(big.Int).Sub(bnP, big.NewInt(2)))...)
	g1x2 := mustHex("030644e72e131a029b85045b68181585d97816a916871ca8d3c208c16d87cfd315ed738c0e0a7c92e7845f96b2ae9c0a68a6a449e3538fc7ff3ebf7a5a18a2c4")
	add("bn254/add", 0x06, append(append([]byte{}, g1...), g1x2...))
	add("bn254/mul", 0x07, append(append([]byte{}, g1x2...), randScalar(r)...))
	pairs := append(append(append(append([]byte{}, g1...), g2...), negG1...), g2...)
	add("bn254/pairing-2", 0x08, pairs)

	// BLAKE2F: EIP-152 test vector 5 (12 rounds).
	add("blake2f/12rounds", 0x09, mustHex("0000000c48c9bdf267e6096a3ba7ca8485ae67bb2bf894fe72f36e3cf1361d5f3af54fa5d182e6ad7f520e511f6c3e2b8c68059b6bbd41fbabd9831f79217e1319cde05b61626300000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000300000000000000000000000000000001"))
	b2 := append([]byte{}, cases[len(cases)-1].input...)
	copy(b2[:4], []byte{0, 0, 0x27, 0x10}) // 10000 rounds
	add("blake2f/10000rounds", 0x09, b2)
	// KZG point evaluation: the cross-client "pointEvaluation1" vector.
	add("kzg/point-evaluation", 0x0a, mustHex("01e798154708fe7789429634053cbf9f99b619f9f084048927333fce637f549b564c0a11a0f704f4fc3e8acfe0f8245f0ad1347b378fbf96e206da11a5d3630624d25032e67a7e6a4910df5834b8fe70e6bcfeeac0352434196bdf4b2485d5a18f59a8d2a1a625a17f3fea0fe5eb8c896db3764f3185481bc22f91b4aaffcca25f26936857bc3a7c2539ea8ec3a952b7873033e038326e87ed3e1276fd140253fa08e9fc25fb2d9a98527fc22a2c9612fbeafdad446cbc7bcdbdcd780af2c16a"))

	// BLS12-381: random multiples of the generators.
	_, _, bg1, bg2 := bls.Generators()
	g1s := make([]bls.G1Affine, 16)
	g2s := make([]bls.G2Affine, 16)
	for i := range g1s {
		k := new(big.Int).SetBytes(randScalar(r))
		g1s[i].ScalarMultiplication(&bg1, k)
		g2s[i].ScalarMultiplication(&bg2, k)
	}
	add("bls/g1add", 0x0b, append(blsG1(&g1s[0]), blsG1(&g1s[1])...))
	for _, k := range []int{1, 8, 16} {
		var in []byte
		for i := 0; i < k; i++ {
			in = append(append(in, blsG1(&g1s[i])...), randScalar(r)...)
		}
		add("bls/g1msm-"+itoa(k), 0x0c, in)
	}
	add("bls/g2add", 0x0d, append(blsG2(&g2s[0]), blsG2(&g2s[1])...))
	for _, k := range []int{1, 8, 16} {
		var in []byte
		for i := 0; i < k; i++ {
			in = append(append(in, blsG2(&g2s[i])...), randScalar(r)...)
		}
		add("bls/g2msm-"+itoa(k), 0x0e, in)
	}
	// e(P, Q) * e(-P, Q) = 1.
	var negP bls.G1Affine
	negP.Neg(&g1s[0])
	add("bls/pairing-2", 0x0f, append(append(append(blsG1(&g1s[0]), blsG2(&g2s[0])...), blsG1(&negP)...), blsG2(&g2s[0])...))
	var u fp.Element
	u.SetRandom()
	add("bls/map-fp-g1", 0x10, blsFp(&u))
	var u2 fp.Element
	u2.SetRandom()
	add("bls/map-fp2-g2", 0x11, append(blsFp(&u), blsFp(&u2)...))

	// P256VERIFY: a fresh valid signature.
	key, err := ecdsa.GenerateKey(elliptic.P256(), r2reader{r})
	if err != nil {
		panic(err)
	}
	h := sha256.Sum256([]byte("goevm"))
	sr, ss, err := ecdsa.Sign(r2reader{r}, key, h[:])
	if err != nil {
		panic(err)
	}
	pin := append(append(append(append(h[:], word(sr)...), word(ss)...), word(key.X)...), word(key.Y)...)
	add("p256verify", 0x100, pin)
	return cases
}

// r2reader turns a math/rand source into an io.Reader for key generation in
// a benchmark (not for real keys).
type r2reader struct{ r *rand.Rand }

func (x r2reader) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = byte(x.r.Uint32())
	}
	return len(p), nil
}

func itoa(n int) string { return big.NewInt(int64(n)).String() }
