package types

import (
	"github.com/holiman/uint256"
)

// Authorization is one entry of an EIP-7702 authorization list: the
// authority (recovered from the signature) delegates its code to Address.
// ChainID 0 means "valid on any chain".
type Authorization struct {
	ChainID uint256.Int
	Address Address
	Nonce   uint64
	YParity uint8
	R, S    uint256.Int
}
