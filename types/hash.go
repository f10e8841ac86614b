// Package types holds the value types shared by every layer of goevm:
// addresses, hashes, the hex conventions of the JSON fixtures, accounts,
// logs, receipts and transactions.
package types

import (
	"encoding/hex"
	"fmt"
)

// HashLength and AddressLength are the byte sizes of Hash and Address.
const (
	HashLength    = 32
	AddressLength = 20
)

// Hash is a 32-byte Keccak-256 digest or storage word.
type Hash [HashLength]byte

// Address is a 20-byte account address.
type Address [AddressLength]byte

// BytesToHash right-aligns b in a Hash, keeping the last 32 bytes if b is longer.
func BytesToHash(b []byte) Hash {
	var h Hash
	if len(b) > HashLength {
		b = b[len(b)-HashLength:]
	}
	copy(h[HashLength-len(b):], b)
	return h
}

// BytesToAddress right-aligns b in an Address, keeping the last 20 bytes if b is longer.
func BytesToAddress(b []byte) Address {
	var a Address
	if len(b) > AddressLength {
		b = b[len(b)-AddressLength:]
	}
	copy(a[AddressLength-len(b):], b)
	return a
}

// HexToHash parses a 0x-prefixed hex string of at most 32 bytes, right-aligned
// (the fixtures write some storage words short).
func HexToHash(s string) (Hash, error) {
	b, err := DecodeHex(s)
	if err != nil {
		return Hash{}, err
	}
	if len(b) > HashLength {
		return Hash{}, &ParseError{Input: s, Pos: -1, Msg: fmt.Sprintf("%d bytes; want a hash of at most %d bytes", len(b), HashLength)}
	}
	return BytesToHash(b), nil
}

// HexToAddress parses a 0x-prefixed hex string of exactly 20 bytes.
func HexToAddress(s string) (Address, error) {
	b, err := DecodeHex(s)
	if err != nil {
		return Address{}, err
	}
	if len(b) != AddressLength {
		return Address{}, &ParseError{Input: s, Pos: -1, Msg: fmt.Sprintf("%d bytes; want an address of %d bytes", len(b), AddressLength)}
	}
	return BytesToAddress(b), nil
}

// MustHexToAddress is HexToAddress for constants in code and tests; it panics on bad input.
func MustHexToAddress(s string) Address {
	a, err := HexToAddress(s)
	if err != nil {
		panic(err)
	}
	return a
}

// MustHexToHash is HexToHash for constants in code and tests; it panics on bad input.
func MustHexToHash(s string) Hash {
	h, err := HexToHash(s)
	if err != nil {
		panic(err)
	}
	return h
}

func (h Hash) Bytes() []byte  { return h[:] }
func (h Hash) Hex() string    { return "0x" + hex.EncodeToString(h[:]) }
func (h Hash) String() string { return h.Hex() }
func (h Hash) IsZero() bool   { return h == Hash{} }

func (a Address) Bytes() []byte { return a[:] }

// Hex is the address as 0x and lower-case hex, as JSON and the fixtures
// write it; String (and %v, %s) is EIP-55 checksummed (address_format.go).
func (a Address) Hex() string    { return "0x" + hex.EncodeToString(a[:]) }
func (a Address) String() string { return a.Checksum() }

// MarshalText encodes the hash as 0x-prefixed hex.
func (h Hash) MarshalText() ([]byte, error) { return []byte(h.Hex()), nil }

// UnmarshalText accepts 0x-prefixed hex of at most 32 bytes, right-aligned.
func (h *Hash) UnmarshalText(text []byte) error {
	v, err := HexToHash(string(text))
	if err != nil {
		return err
	}
	*h = v
	return nil
}

// MarshalText encodes the address as 0x-prefixed hex.
func (a Address) MarshalText() ([]byte, error) { return []byte(a.Hex()), nil }

// UnmarshalText accepts 0x-prefixed hex of exactly 20 bytes.
func (a *Address) UnmarshalText(text []byte) error {
	v, err := HexToAddress(string(text))
	if err != nil {
		return err
	}
	*a = v
	return nil
}
