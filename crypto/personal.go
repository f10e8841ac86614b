package crypto

import (
	"fmt"
	"strconv"

	"github.com/decred/dcrd/dcrec/secp256k1/v4"
	"github.com/holiman/uint256"

	"github.com/goevm/goevm/types"
)

// textPrefix starts an EIP-191 version 0x45 message ("E" of "Ethereum").
const textPrefix = "\x19Ethereum Signed Message:\n"

// TextHash is the hash eth_sign and personal_sign sign (EIP-191, version
// 0x45): keccak256("\x19Ethereum Signed Message:\n" ‖ len(msg) ‖ msg),
// with len the decimal byte count of msg without leading zeros.
func TextHash(msg []byte) types.Hash {
	var lenBuf [20]byte
	return Keccak256([]byte(textPrefix), strconv.AppendInt(lenBuf[:0], int64(len(msg)), 10), msg)
}

// SignWithV27 signs hash like Sign but returns r ‖ s ‖ v with v = 27 or 28,
// the 65-byte form that eth_sign, personal_sign and eth_signTypedData_v4
// return in geth, anvil and hardhat. The signature is deterministic
// (RFC 6979) with a low s.
func SignWithV27(hash types.Hash, key *secp256k1.PrivateKey) ([65]byte, error) {
	sig, err := Sign(hash, key)
	if err != nil {
		return sig, err
	}
	sig[64] += 27
	return sig, nil
}

// SignText signs TextHash(msg) with SignWithV27: the result of eth_sign and
// personal_sign for the message bytes msg.
func SignText(msg []byte, key *secp256k1.PrivateKey) ([65]byte, error) {
	return SignWithV27(TextHash(msg), key)
}

// RecoverSigner returns the address that made the 65-byte signature
// r ‖ s ‖ v of hash. v may be the recovery id (0 or 1) or 27 or 28, as
// wallets write it. s is not required to be low (as for ECRECOVER).
// Errors wrap ErrInvalidSignature or ErrRecoveryFailed.
func RecoverSigner(hash types.Hash, sig []byte) (types.Address, error) {
	if len(sig) != 65 {
		return types.Address{}, fmt.Errorf("%w: %d bytes, want 65", ErrInvalidSignature, len(sig))
	}
	v := sig[64]
	if v == 27 || v == 28 {
		v -= 27
	}
	if v > 1 {
		return types.Address{}, fmt.Errorf("%w: v = %d, want 0, 1, 27 or 28", ErrInvalidSignature, sig[64])
	}
	r := new(uint256.Int).SetBytes(sig[:32])
	s := new(uint256.Int).SetBytes(sig[32:64])
	return EcrecoverAddress(hash, r, s, v)
}

// RecoverText is RecoverSigner over TextHash(msg): the address that signed
// msg with eth_sign or personal_sign (personal_ecRecover).
func RecoverText(msg, sig []byte) (types.Address, error) {
	return RecoverSigner(TextHash(msg), sig)
}
