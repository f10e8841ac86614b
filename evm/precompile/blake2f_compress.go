package precompile

//go:generate go run ./internal/blake2fgen -o blake2f_rounds.go

// blake2bIV is BLAKE2b's initialisation vector (RFC 7693 §2.6).
var blake2bIV = [8]uint64{
	0x6a09e667f3bcc908, 0xbb67ae8584caa73b, 0x3c6ef372fe94f82b, 0xa54ff53a5f1d36f1,
	0x510e527fade682d1, 0x9b05688c2b3e6c1f, 0x1f83d9abfb41bd6b, 0x5be0cd19137e2179,
}

// blake2bF is the compression function F of RFC 7693 §3.2 with the round
// count as a parameter, as EIP-152 exposes it. golang.org/x/crypto/blake2b
// keeps F private, hence this implementation. The rounds themselves are
// generated (blake2f_rounds.go): with the message schedule written out, the
// message indices are constants, and a round takes about two thirds of the
// CPU time of one that looks them up in the sigma table
// (BenchmarkBlake2F1M against BenchmarkBlake2F1MReference).
func blake2bF(h *[8]uint64, m *[16]uint64, t [2]uint64, final bool, rounds uint32) {
	v := [16]uint64{
		h[0], h[1], h[2], h[3], h[4], h[5], h[6], h[7],
		blake2bIV[0], blake2bIV[1], blake2bIV[2], blake2bIV[3],
		blake2bIV[4] ^ t[0], blake2bIV[5] ^ t[1], blake2bIV[6], blake2bIV[7],
	}
	if final {
		v[14] = ^v[14]
	}
	blake2bRounds(&v, m, rounds)
	for i := range h {
		h[i] ^= v[i] ^ v[i+8]
	}
}
