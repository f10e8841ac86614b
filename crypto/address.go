package crypto

import (
	"github.com/goevm/goevm/rlp"
	"github.com/goevm/goevm/types"
)

// CreateAddress is the address of a contract created by sender with the
// given nonce: the last 20 bytes of keccak256(rlp([sender, nonce])).
func CreateAddress(sender types.Address, nonce uint64) types.Address {
	var payload [32]byte
	p := rlp.AppendString(payload[:0], sender[:])
	p = rlp.AppendUint64(p, nonce)
	var enc [40]byte
	e := rlp.AppendList(enc[:0], len(p))
	e = append(e, p...)
	h := Keccak256(e)
	return types.BytesToAddress(h[12:])
}

// CreateAddress2 is the EIP-1014 address:
// keccak256(0xff ++ sender ++ salt ++ keccak256(initcode))[12:].
func CreateAddress2(sender types.Address, salt, initcodeHash types.Hash) types.Address {
	h := Keccak256([]byte{0xff}, sender[:], salt[:], initcodeHash[:])
	return types.BytesToAddress(h[12:])
}
