package hdwallet

import (
	"crypto/hmac"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/binary"
	"errors"
	"fmt"

	"github.com/decred/dcrd/dcrec/secp256k1/v4"
	"golang.org/x/crypto/ripemd160" //nolint:staticcheck // BIP-32 key identifiers are HASH160 = RIPEMD-160(SHA-256).
)

// HardenedOffset is added to an index to make it hardened: indexes at or
// above it derive from the parent's private key, those below from its
// public key (BIP-32, "Child key derivation functions").
const HardenedOffset uint32 = 0x80000000

// BIP-32 errors.
var (
	// ErrSeedLength: BIP-32 seeds are 128 to 512 bits.
	ErrSeedLength = errors.New("hdwallet: seed must be 16 to 64 bytes")
	// ErrUnusableKey: HMAC-SHA512 gave an I_L of at least n, or a key of
	// zero. BIP-32 says to move on to the next index; the chance is below
	// 2^-127, so callers may treat it as a plain failure.
	ErrUnusableKey = errors.New("hdwallet: derivation gave an unusable key (I_L >= n or zero key)")
	// ErrDepth: an extended key's depth is one byte, at most 255.
	ErrDepth = errors.New("hdwallet: derivation deeper than 255 levels")
)

// masterHMACKey is the HMAC key BIP-32 fixes for master key generation.
var masterHMACKey = []byte("Bitcoin seed")

// Serialization version bytes for mainnet extended keys (BIP-32,
// "Serialization format").
var (
	versionXPrv = [4]byte{0x04, 0x88, 0xAD, 0xE4}
	versionXPub = [4]byte{0x04, 0x88, 0xB2, 0x1E}
)

// ExtendedKey is a BIP-32 extended private key: a secp256k1 private key,
// its chain code, and where it sits in the tree (depth, parent fingerprint,
// child index). It is immutable; Child and Derive return new keys.
type ExtendedKey struct {
	key        secp256k1.ModNScalar
	pub        *secp256k1.PublicKey
	chainCode  [32]byte
	depth      uint8
	parentFP   [4]byte
	childIndex uint32
}

// NewMasterKey derives the master extended key from a 16- to 64-byte seed:
// I = HMAC-SHA512(key "Bitcoin seed", seed), private key I_L, chain code I_R.
func NewMasterKey(seed []byte) (*ExtendedKey, error) {
	if len(seed) < 16 || len(seed) > 64 {
		return nil, fmt.Errorf("%w: got %d", ErrSeedLength, len(seed))
	}
	mac := hmac.New(sha512.New, masterHMACKey)
	mac.Write(seed)
	sum := mac.Sum(nil)
	k := new(ExtendedKey)
	if overflow := k.key.SetByteSlice(sum[:32]); overflow || k.key.IsZero() {
		return nil, fmt.Errorf("%w: master key", ErrUnusableKey)
	}
	copy(k.chainCode[:], sum[32:])
	k.pub = secp256k1.NewPrivateKey(&k.key).PubKey()
	return k, nil
}

// Child derives the child at index (add HardenedOffset for a hardened
// child) with BIP-32's CKDpriv:
//
//	hardened: I = HMAC-SHA512(c, 0x00 || ser256(k) || ser32(i))
//	normal:   I = HMAC-SHA512(c, serP(point(k)) || ser32(i))
//	k_i = I_L + k (mod n), c_i = I_R
//
// An I_L of at least n or a zero k_i gives ErrUnusableKey.
func (k *ExtendedKey) Child(index uint32) (*ExtendedKey, error) {
	if k.depth == 255 {
		return nil, ErrDepth
	}
	mac := hmac.New(sha512.New, k.chainCode[:])
	if index >= HardenedOffset {
		var data [37]byte
		k.key.PutBytesUnchecked(data[1:33])
		binary.BigEndian.PutUint32(data[33:], index)
		mac.Write(data[:])
	} else {
		mac.Write(k.pub.SerializeCompressed())
		var i [4]byte
		binary.BigEndian.PutUint32(i[:], index)
		mac.Write(i[:])
	}
	sum := mac.Sum(nil)
	child := &ExtendedKey{depth: k.depth + 1, childIndex: index, parentFP: k.Fingerprint()}
	if overflow := child.key.SetByteSlice(sum[:32]); overflow {
		return nil, fmt.Errorf("%w: index %s", ErrUnusableKey, formatIndex(index))
	}
	child.key.Add(&k.key)
	if child.key.IsZero() {
		return nil, fmt.Errorf("%w: index %s", ErrUnusableKey, formatIndex(index))
	}
	copy(child.chainCode[:], sum[32:])
	child.pub = secp256k1.NewPrivateKey(&child.key).PubKey()
	return child, nil
}

// Derive follows path from k, one Child step per element. Path is relative
// to k; from a master key it is the usual absolute path.
func (k *ExtendedKey) Derive(path Path) (*ExtendedKey, error) {
	cur := k
	for depth, index := range path {
		next, err := cur.Child(index)
		if err != nil {
			return nil, fmt.Errorf("deriving %s: %w", path[:depth+1], err)
		}
		cur = next
	}
	return cur, nil
}

// PrivateKey returns a copy of the key's secp256k1 private key.
func (k *ExtendedKey) PrivateKey() *secp256k1.PrivateKey {
	scalar := k.key
	return secp256k1.NewPrivateKey(&scalar)
}

// PublicKey returns the key's secp256k1 public key.
func (k *ExtendedKey) PublicKey() *secp256k1.PublicKey {
	pub := *k.pub
	return &pub
}

// ChainCode is the 32-byte chain code.
func (k *ExtendedKey) ChainCode() [32]byte { return k.chainCode }

// Depth is 0 for a master key and one more for each derivation.
func (k *ExtendedKey) Depth() uint8 { return k.depth }

// Index is the child index this key was derived at (0 for a master key);
// hardened indexes include HardenedOffset.
func (k *ExtendedKey) Index() uint32 { return k.childIndex }

// ParentFingerprint is the first 4 bytes of the parent's key identifier,
// zero for a master key.
func (k *ExtendedKey) ParentFingerprint() [4]byte { return k.parentFP }

// Fingerprint is the first 4 bytes of this key's identifier,
// RIPEMD-160(SHA-256(compressed public key)).
func (k *ExtendedKey) Fingerprint() [4]byte {
	sha := sha256.Sum256(k.pub.SerializeCompressed())
	h := ripemd160.New()
	h.Write(sha[:])
	var fp [4]byte
	copy(fp[:], h.Sum(nil))
	return fp
}

// XPrv is the key in BIP-32's Base58Check serialization with mainnet
// private version bytes ("xprv…"). It contains the private key.
func (k *ExtendedKey) XPrv() string {
	var data [33]byte
	k.key.PutBytesUnchecked(data[1:])
	return k.serialize(versionXPrv, data)
}

// XPub is the public counterpart of XPrv ("xpub…"): the same fields with
// the compressed public key in place of the private key.
func (k *ExtendedKey) XPub() string {
	var data [33]byte
	copy(data[:], k.pub.SerializeCompressed())
	return k.serialize(versionXPub, data)
}

// serialize lays out version(4) depth(1) parent fingerprint(4) child
// index(4) chain code(32) key data(33) and Base58Check-encodes it.
func (k *ExtendedKey) serialize(version [4]byte, keyData [33]byte) string {
	buf := make([]byte, 0, 78)
	buf = append(buf, version[:]...)
	buf = append(buf, k.depth)
	buf = append(buf, k.parentFP[:]...)
	buf = binary.BigEndian.AppendUint32(buf, k.childIndex)
	buf = append(buf, k.chainCode[:]...)
	buf = append(buf, keyData[:]...)
	return base58CheckEncode(buf)
}
