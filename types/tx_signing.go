package types

import (
	"errors"
	"fmt"

	"github.com/decred/dcrd/dcrec/secp256k1/v4"
	"github.com/goevm/goevm/internal/secp"
	"github.com/goevm/goevm/rlp"
	"github.com/holiman/uint256"
)

// Signature errors. ErrInvalidSignature is the same sentinel as
// crypto.ErrInvalidSignature; recovery failures wrap it too, together with
// crypto.ErrRecoveryFailed.
var (
	ErrInvalidSignature = secp.ErrInvalidSignature
	ErrInvalidChainID   = errors.New("invalid chain id")
)

// Signer holds the chain and fork facts that decide which transaction
// signatures are valid and what a legacy transaction's signing hash is.
type Signer struct {
	ChainID uint64
	// Homestead: EIP-2, a signature's s must be at most N/2.
	Homestead bool
	// EIP155: legacy transactions may carry the chain id in v
	// (v = 35 + 2·chainID + parity, EIP-155, from Spurious Dragon). Before
	// it only v = 27 or 28 is valid.
	EIP155 bool
}

// LatestSigner accepts every transaction type and rule of the newest forks.
func LatestSigner(chainID uint64) Signer {
	return Signer{ChainID: chainID, Homestead: true, EIP155: true}
}

// legacyProtected reports whether a legacy transaction is signed (or is to
// be signed) with EIP-155 replay protection under s: everything but v = 27
// or 28 once EIP-155 is in force. An unsigned transaction (v = 0) counts as
// protected then, so SignTx protects new transactions.
func (s Signer) legacyProtected(tx *Transaction) bool {
	return s.EIP155 && !tx.V.Eq(uint256.NewInt(27)) && !tx.V.Eq(uint256.NewInt(28))
}

// SigningHash is the hash the sender signs. Legacy: keccak256(rlp([nonce,
// gasPrice, gas, to, value, data])), or with EIP-155 protection the list
// extended by [chainID, 0, 0]. Typed: keccak256(type || rlp(fields without
// the signature)), where the chain id is the transaction's own.
func (s Signer) SigningHash(tx *Transaction) Hash {
	p := tx.appendFields(nil, false)
	if tx.Type != LegacyTxType {
		return keccak256([]byte{tx.Type}, rlp.WrapList(p))
	}
	if s.legacyProtected(tx) {
		p = rlp.AppendUint64(p, s.ChainID)
		p = rlp.AppendUint64(p, 0)
		p = rlp.AppendUint64(p, 0)
	}
	return keccak256(rlp.WrapList(p))
}

// Sender recovers the address that signed tx, enforcing the signature rules
// of s: the chain id (EIP-155 for legacy, the chainId field for typed
// transactions), v's form, r and s in [1, N-1], and s <= N/2 from Homestead
// (EIP-2). Errors wrap ErrInvalidChainID or ErrInvalidSignature.
func (s Signer) Sender(tx *Transaction) (Address, error) {
	recID, err := s.recoveryID(tx)
	if err != nil {
		return Address{}, err
	}
	lowS := s.Homestead || tx.Type != LegacyTxType
	if !secp.ValidValues(recID, &tx.R, &tx.S, lowS) {
		return Address{}, fmt.Errorf("%w: r %s, s %s", ErrInvalidSignature, tx.R.Hex(), tx.S.Hex())
	}
	h := s.SigningHash(tx)
	addr, err := secp.RecoverAddress(h[:], &tx.R, &tx.S, recID)
	if err != nil {
		return Address{}, fmt.Errorf("%w: %w", ErrInvalidSignature, err)
	}
	return Address(addr), nil
}

// recoveryID checks v (and the chain id) and returns the recovery id 0 or 1.
func (s Signer) recoveryID(tx *Transaction) (byte, error) {
	v := &tx.V
	if tx.Type != LegacyTxType {
		if !tx.ChainID.IsUint64() || tx.ChainID.Uint64() != s.ChainID {
			return 0, fmt.Errorf("%w: transaction for chain %s, signer chain %d", ErrInvalidChainID, tx.ChainID.Dec(), s.ChainID)
		}
		if !v.IsUint64() || v.Uint64() > 1 {
			return 0, fmt.Errorf("%w: y parity %s", ErrInvalidSignature, v.Dec())
		}
		return byte(v.Uint64()), nil
	}
	if v.IsUint64() && (v.Uint64() == 27 || v.Uint64() == 28) {
		return byte(v.Uint64() - 27), nil
	}
	if !s.EIP155 {
		return 0, fmt.Errorf("%w: v %s before EIP-155 (want 27 or 28)", ErrInvalidSignature, v.Dec())
	}
	// v = 35 + 2·chainID + recID (EIP-155).
	base := new(uint256.Int).SetUint64(s.ChainID)
	base.Lsh(base, 1).AddUint64(base, 35) // cannot overflow: chain id is 64 bits
	if v.Eq(base) {
		return 0, nil
	}
	if v.Eq(base.AddUint64(base, 1)) {
		return 1, nil
	}
	return 0, fmt.Errorf("%w: v %s does not encode chain %d", ErrInvalidChainID, v.Dec(), s.ChainID)
}

// SignTx signs tx with key under s and sets V, R and S. A legacy transaction
// is signed with EIP-155 protection when s.EIP155 is set (v = 35 +
// 2·chainID + parity, and ChainID is filled in), without it otherwise (v =
// 27 + parity). A typed transaction is signed for its own ChainID.
func (s Signer) SignTx(tx *Transaction, key *secp256k1.PrivateKey) error {
	if tx.Type == LegacyTxType {
		tx.V.Clear() // so legacyProtected follows s.EIP155, not a stale v
		if s.EIP155 {
			tx.ChainID.SetUint64(s.ChainID)
		} else {
			tx.ChainID.Clear()
		}
	}
	h := s.SigningHash(tx)
	sig, err := secp.Sign(h[:], key)
	if err != nil {
		return err
	}
	tx.R.SetBytes(sig[0:32])
	tx.S.SetBytes(sig[32:64])
	recID := uint64(sig[64])
	switch {
	case tx.Type != LegacyTxType:
		tx.V.SetUint64(recID)
	case s.EIP155:
		tx.V.SetUint64(s.ChainID)
		tx.V.Lsh(&tx.V, 1).AddUint64(&tx.V, 35+recID)
	default:
		tx.V.SetUint64(27 + recID)
	}
	return nil
}

// SignAuthorization signs an EIP-7702 authorization with key and sets
// YParity, R and S.
func SignAuthorization(a *Authorization, key *secp256k1.PrivateKey) error {
	h := a.SigningHash()
	sig, err := secp.Sign(h[:], key)
	if err != nil {
		return err
	}
	a.R.SetBytes(sig[0:32])
	a.S.SetBytes(sig[32:64])
	a.YParity = sig[64]
	return nil
}
