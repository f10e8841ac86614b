package types

import "bytes"

// delegationPrefix starts an EIP-7702 delegation designator, the code a
// set-code authorization installs: 0xef0100 || address.
var delegationPrefix = []byte{0xef, 0x01, 0x00}

// DelegationCodeLength is a designator's length: the prefix and an address.
const DelegationCodeLength = 3 + AddressLength

// ParseDelegation returns the address an EIP-7702 delegation designator
// points to, and whether code is one: exactly 0xef0100 followed by 20
// bytes. Every reader of designators (the interpreter's calls, the
// transaction's EIP-3607 sender check, authorization processing) parses
// them here.
func ParseDelegation(code []byte) (Address, bool) {
	if len(code) != DelegationCodeLength || !bytes.HasPrefix(code, delegationPrefix) {
		return Address{}, false
	}
	return Address(code[len(delegationPrefix):]), true
}

// DelegationCode is the designator delegating to target.
func DelegationCode(target Address) []byte {
	return append(bytes.Clone(delegationPrefix), target[:]...)
}
