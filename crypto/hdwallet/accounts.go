package hdwallet

import (
	"errors"
	"fmt"

	"github.com/decred/dcrd/dcrec/secp256k1/v4"
)

// DefaultMnemonic is the mnemonic anvil and hardhat derive their development
// accounts from; its account 0 is 0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266.
const DefaultMnemonic = "test test test test test test test test test test test junk"

// DefaultBasePath is the BIP-44 Ethereum external chain, m/44'/60'/0'/0;
// account i is DefaultBasePath/i, as in anvil, hardhat, MetaMask and ethers.
const DefaultBasePath = "m/44'/60'/0'/0"

// ErrAccountCount: a negative number of accounts, or more than a path
// level can index (2^31 normal children).
var ErrAccountCount = errors.New("hdwallet: account count out of range")

// DevAccounts derives the first n keys of an English mnemonic, with no
// passphrase, at m/44'/60'/0'/0/i for i = 0 … n-1: the accounts anvil and
// hardhat create (with DefaultMnemonic, their well-known test accounts).
func DevAccounts(mnemonic string, n int) ([]*secp256k1.PrivateKey, error) {
	seed, err := MnemonicToSeed(mnemonic, "")
	if err != nil {
		return nil, err
	}
	base, err := ParsePath(DefaultBasePath)
	if err != nil {
		return nil, err
	}
	return DeriveAccounts(seed, base, n)
}

// DeriveAccounts derives the keys at base/0 … base/(n-1) (normal, not
// hardened, children) from a BIP-39 seed; use MnemonicToSeed for a seed
// with a passphrase or another base path (anvil's --derivation-path).
func DeriveAccounts(seed []byte, base Path, n int) ([]*secp256k1.PrivateKey, error) {
	if n < 0 || uint64(n) > uint64(HardenedOffset) {
		return nil, fmt.Errorf("%w: %d", ErrAccountCount, n)
	}
	master, err := NewMasterKey(seed)
	if err != nil {
		return nil, err
	}
	parent, err := master.Derive(base)
	if err != nil {
		return nil, err
	}
	keys := make([]*secp256k1.PrivateKey, n)
	for i := range keys {
		child, err := parent.Child(uint32(i))
		if err != nil {
			return nil, fmt.Errorf("deriving %s: %w", base.Child(uint32(i)), err)
		}
		keys[i] = child.PrivateKey()
	}
	return keys, nil
}
