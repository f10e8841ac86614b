// Package precompile holds the precompiled contracts, one file each, and a
// registry per fork. Gas is computed apart from execution so the caller can
// charge before running.
//
//	0x01 ECRECOVER        Frontier   ecrecover.go
//	0x02 SHA256           Frontier   sha256.go
//	0x03 RIPEMD160        Frontier   ripemd160.go
//	0x04 IDENTITY         Frontier   identity.go
//	0x05 MODEXP           Byzantium  modexp.go (EIP-198; EIP-2565 Berlin; EIP-7823/7883 Osaka)
//	0x06 BN254 ADD        Byzantium  bn254_add.go (EIP-196; EIP-1108 Istanbul)
//	0x07 BN254 MUL        Byzantium  bn254_mul.go (EIP-196; EIP-1108 Istanbul)
//	0x08 BN254 PAIRING    Byzantium  bn254_pairing.go (EIP-197; EIP-1108 Istanbul)
//	0x09 BLAKE2F          Istanbul   blake2f.go (EIP-152)
//	0x0a POINT EVALUATION Cancun     kzg.go (EIP-4844)
//	0x0b-0x11 BLS12-381   Prague     bls12381_*.go (EIP-2537)
//	0x100 P256VERIFY      Osaka      p256verify.go (EIP-7951)
//
// A failing call returns one of the sentinel errors in errors.go (the caller
// then consumes all gas); contracts whose EIP prescribes empty output instead
// (ECRECOVER, P256VERIFY) return nil, nil.
package precompile

// Contract is a precompiled contract. RequiredGas must not fail: malformed
// input is priced like any other and rejected by Run. Run returns an error
// where the contract's EIP says the call fails (all gas consumed).
type Contract interface {
	RequiredGas(input []byte) uint64
	Run(input []byte) ([]byte, error)
}
