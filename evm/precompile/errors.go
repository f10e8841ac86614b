package precompile

import "errors"

// Sentinel errors for precompile failures. Every one of them means the call
// fails and consumes all the gas given to it; callers can tell them apart with
// errors.Is for tracing and tests.
var (
	// ErrInputLength: the input is not of a length the contract accepts.
	ErrInputLength = errors.New("precompile: invalid input length")
	// ErrFieldElement: a coordinate is not a canonical field element.
	ErrFieldElement = errors.New("precompile: invalid field element encoding")
	// ErrNotOnCurve: a point is neither on its curve nor the point at infinity.
	ErrNotOnCurve = errors.New("precompile: point not on curve")
	// ErrNotInSubgroup: a point is on its curve but outside the prime-order subgroup.
	ErrNotInSubgroup = errors.New("precompile: point not in subgroup")
	// ErrBlake2FFinalFlag: the BLAKE2 F final-block flag is neither 0 nor 1 (EIP-152).
	ErrBlake2FFinalFlag = errors.New("precompile: invalid BLAKE2F final block flag")
	// ErrModExpTooLarge: a MODEXP length exceeds the EIP-7823 bound, or is
	// beyond anything a call could pay for.
	ErrModExpTooLarge = errors.New("precompile: modexp length too large")
	// ErrVersionedHash: the KZG commitment does not match the versioned hash (EIP-4844).
	ErrVersionedHash = errors.New("precompile: kzg commitment does not match versioned hash")
	// ErrKZGProof: the KZG proof does not verify, or a KZG input is malformed (EIP-4844).
	ErrKZGProof = errors.New("precompile: kzg proof verification failed")
)
