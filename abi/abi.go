// Package abi implements the Solidity contract ABI: types, the standard
// (non-packed) encoding and a strict decoder, human-readable signatures and
// solc's JSON ABI files, function selectors and event topics, and the
// decoding of calldata, return data, logs and revert data (Error(string),
// Panic(uint256) and custom errors).
//
// The rules follow the Solidity documentation's "Contract ABI
// Specification". Values travel as plain Go values:
//
//	uintN, intN        *big.Int (encoding also takes Go integers and uint256.Int)
//	address            types.Address
//	bool               bool
//	bytesN, function   []byte of exactly N (24) bytes ([N]byte and types.Hash also encode)
//	bytes              []byte
//	string             string
//	T[N], T[], tuples  []any (encoding also takes any Go slice or array, and structs for tuples)
//
// Decoding never panics and never allocates more than a small multiple of
// its input: every offset and length is checked against the data before it
// is followed, and values must be canonical (no dirty high-order bits, bools
// 0 or 1), as Solidity's own decoder requires. Offsets need not be minimal,
// also as in Solidity, so data that points two values at one place decodes.
package abi

import (
	"errors"
)

// Sentinel errors; every error this package returns wraps one of them, so
// callers can test the kind with errors.Is.
var (
	// ErrSyntax: a type, signature, JSON ABI or value literal that does not parse.
	ErrSyntax = errors.New("abi: syntax error")
	// ErrType: a type that parses but is not a valid ABI type (uint7, bytes33, too large).
	ErrType = errors.New("abi: invalid type")
	// ErrValue: a Go value or literal that does not fit its ABI type.
	ErrValue = errors.New("abi: value does not fit its type")
	// ErrShortData: the data ends before a value it must hold.
	ErrShortData = errors.New("abi: data too short")
	// ErrOffset: an offset that points outside the data.
	ErrOffset = errors.New("abi: offset out of range")
	// ErrLength: a length or element count larger than the data can hold.
	ErrLength = errors.New("abi: length out of range")
	// ErrNonCanonical: a word with bits its type does not allow (a uint8
	// above 255, a bool of 2, an address or bytesN with dirty padding).
	ErrNonCanonical = errors.New("abi: value not canonically encoded")
	// ErrTooLarge: data whose decoding would take far more memory than its
	// length (offsets that point many values at one place).
	ErrTooLarge = errors.New("abi: decoded value too large for its data")
	// ErrSelector: calldata or revert data whose first four bytes are not
	// the expected selector.
	ErrSelector = errors.New("abi: selector mismatch")
	// ErrTopics: a log whose topics do not match its event.
	ErrTopics = errors.New("abi: topics mismatch")
	// ErrNotFound: a name, selector or topic that the ABI does not declare.
	ErrNotFound = errors.New("abi: not found")
)
