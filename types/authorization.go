package types

import (
	"fmt"

	"github.com/goevm/goevm/internal/secp"
	"github.com/goevm/goevm/rlp"
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

// setCodeAuthMagic is MAGIC from EIP-7702, the domain separator of
// authorization signatures.
const setCodeAuthMagic = 0x05

// SigningHash is keccak256(MAGIC || rlp([chain_id, address, nonce])) (EIP-7702).
func (a *Authorization) SigningHash() Hash {
	var p []byte
	p = rlp.AppendU256(p, &a.ChainID)
	p = rlp.AppendString(p, a.Address[:])
	p = rlp.AppendUint64(p, a.Nonce)
	return keccak256([]byte{setCodeAuthMagic}, rlp.WrapList(p))
}

// Authority recovers the account that signed the authorization. EIP-7702
// requires y_parity 0 or 1, 0 < r < N and 0 < s <= N/2; otherwise, or when
// no key recovers, the error wraps ErrInvalidSignature (processing then skips
// the authorization; the transaction itself stays valid).
func (a *Authorization) Authority() (Address, error) {
	if !secp.ValidValues(a.YParity, &a.R, &a.S, true) {
		return Address{}, fmt.Errorf("%w: authorization y_parity %d, r %s, s %s", ErrInvalidSignature, a.YParity, a.R.Hex(), a.S.Hex())
	}
	h := a.SigningHash()
	addr, err := secp.RecoverAddress(h[:], &a.R, &a.S, a.YParity)
	if err != nil {
		return Address{}, fmt.Errorf("%w: authorization: %w", ErrInvalidSignature, err)
	}
	return Address(addr), nil
}

// AppendRLP appends rlp([chain_id, address, nonce, y_parity, r, s]).
func (a *Authorization) AppendRLP(b []byte) []byte {
	var p []byte
	p = rlp.AppendU256(p, &a.ChainID)
	p = rlp.AppendString(p, a.Address[:])
	p = rlp.AppendUint64(p, a.Nonce)
	p = rlp.AppendUint64(p, uint64(a.YParity))
	p = rlp.AppendU256(p, &a.R)
	p = rlp.AppendU256(p, &a.S)
	b = rlp.AppendList(b, len(p))
	return append(b, p...)
}

// SplitAuthorization decodes one authorization tuple from the front of b.
// The field widths are EIP-7702's: chain_id and r, s up to 256 bits, nonce
// up to 64 bits, y_parity up to 8 bits, address exactly 20 bytes.
func SplitAuthorization(b []byte) (Authorization, []byte, error) {
	var a Authorization
	payload, rest, err := rlp.SplitList(b)
	if err != nil {
		return a, nil, err
	}
	n, err := rlp.CountItems(payload)
	if err != nil {
		return a, nil, err
	}
	if n != 6 {
		return a, nil, fmt.Errorf("%d items, want [chain_id, address, nonce, y_parity, r, s]", n)
	}
	r := &txReader{rest: payload}
	r.u256("chainId", &a.ChainID)
	a.Address = r.address("address")
	a.Nonce = r.uint64("nonce")
	if y := r.uint64("yParity"); y > 0xff {
		r.fail("yParity", fmt.Errorf("%w: %d does not fit 8 bits", rlp.ErrTooLarge, y))
	} else {
		a.YParity = uint8(y)
	}
	r.u256("r", &a.R)
	r.u256("s", &a.S)
	if r.err != nil {
		return a, nil, r.err
	}
	return a, rest, nil
}
