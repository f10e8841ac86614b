// Package hdwallet derives secp256k1 keys from a BIP-39 mnemonic through
// BIP-32 hierarchical deterministic derivation, as wallets and development
// chains (anvil, hardhat) do: mnemonic → 64-byte seed → master extended key
// → child keys along a path such as m/44'/60'/0'/0/0.
//
// Only private derivation is provided; the node holds the keys it derives.
// Extended keys serialize to the BIP-32 xprv/xpub form so they can be
// compared with other tools.
package hdwallet

import (
	"crypto/pbkdf2"
	"crypto/rand"
	"crypto/sha256"
	"crypto/sha512"
	_ "embed"
	"errors"
	"fmt"
	"strings"
	"sync"

	"golang.org/x/text/unicode/norm"
)

// Mnemonic errors.
var (
	// ErrWordCount: a mnemonic has 12, 15, 18, 21 or 24 words.
	ErrWordCount = errors.New("hdwallet: a mnemonic has 12, 15, 18, 21 or 24 words")
	// ErrUnknownWord: a word is not in the BIP-39 English word list.
	ErrUnknownWord = errors.New("hdwallet: word not in the BIP-39 English word list")
	// ErrChecksum: the checksum bits carried by the last word do not match
	// the entropy (a mistyped or reordered word, most likely).
	ErrChecksum = errors.New("hdwallet: mnemonic checksum mismatch")
	// ErrEntropyLength: BIP-39 entropy is 16, 20, 24, 28 or 32 bytes.
	ErrEntropyLength = errors.New("hdwallet: entropy must be 16, 20, 24, 28 or 32 bytes")
)

// seedIterations is BIP-39's PBKDF2 iteration count; the seed is 64 bytes.
const (
	seedIterations = 2048
	seedLength     = 64
)

// englishText is the BIP-39 English word list, byte for byte as published
// in bitcoin/bips (bip-0039/english.txt, sha256
// 2f5eed53a4727b4bf8880d8f3f199efc90e58503646d9ff8eff3a2ed3b24dbda).
//
//go:embed english.txt
var englishText string

// english is the word list split into words, and englishIndex its inverse.
var english = sync.OnceValues(func() ([]string, map[string]uint16) {
	words := strings.Fields(englishText)
	index := make(map[string]uint16, len(words))
	for i, w := range words {
		index[w] = uint16(i)
	}
	return words, index
})

// EnglishWordList returns a copy of the 2048-word BIP-39 English list in
// its canonical (sorted) order.
func EnglishWordList() []string {
	words, _ := english()
	return append([]string(nil), words...)
}

// NewMnemonic returns a fresh English mnemonic of the given number of words
// (12, 15, 18, 21 or 24), from crypto/rand entropy.
func NewMnemonic(words int) (string, error) {
	if words < 12 || words > 24 || words%3 != 0 {
		return "", fmt.Errorf("%w: asked for %d", ErrWordCount, words)
	}
	entropy := make([]byte, words*4/3)
	if _, err := rand.Read(entropy); err != nil {
		return "", fmt.Errorf("hdwallet: reading entropy: %w", err)
	}
	return EntropyToMnemonic(entropy)
}

// EntropyToMnemonic encodes 16 to 32 bytes of entropy (a multiple of 4) as
// an English mnemonic: the entropy followed by the first len*8/32 bits of
// its SHA-256, read as 11-bit indexes into the word list.
func EntropyToMnemonic(entropy []byte) (string, error) {
	n := len(entropy)
	if n < 16 || n > 32 || n%4 != 0 {
		return "", fmt.Errorf("%w: got %d", ErrEntropyLength, n)
	}
	sum := sha256.Sum256(entropy)
	// The checksum is at most 8 bits, so one byte of the hash carries it.
	data := append(append(make([]byte, 0, n+1), entropy...), sum[0])
	wordList, _ := english()
	count := (n*8 + n/4) / 11
	out := make([]string, count)
	for i := range out {
		out[i] = wordList[readBits11(data, i*11)]
	}
	return strings.Join(out, " "), nil
}

// readBits11 reads the 11-bit big-endian number starting at bit offset off.
func readBits11(data []byte, off int) int {
	v := 0
	for b := off; b < off+11; b++ {
		v = v<<1 | int(data[b/8]>>(7-b%8)&1)
	}
	return v
}

// MnemonicToEntropy decodes an English mnemonic back to its entropy,
// checking the word count, every word and the checksum. Words are taken
// after NFKD normalization and split on any run of white space.
func MnemonicToEntropy(mnemonic string) ([]byte, error) {
	words := strings.Fields(norm.NFKD.String(mnemonic))
	switch len(words) {
	case 12, 15, 18, 21, 24:
	default:
		return nil, fmt.Errorf("%w: got %d", ErrWordCount, len(words))
	}
	_, index := english()
	bits := make([]byte, (len(words)*11+7)/8)
	for i, w := range words {
		idx, ok := index[w]
		if !ok {
			return nil, fmt.Errorf("%w: word %d %q", ErrUnknownWord, i+1, w)
		}
		for j := range 11 {
			if idx>>(10-j)&1 == 1 {
				b := i*11 + j
				bits[b/8] |= 1 << (7 - b%8)
			}
		}
	}
	csBits := len(words) / 3 // ENT/32 with ENT = words*11*32/33
	entropy := bits[:len(words)*4/3]
	sum := sha256.Sum256(entropy)
	got := bits[len(entropy)] >> (8 - csBits)
	if want := sum[0] >> (8 - csBits); got != want {
		return nil, fmt.Errorf("%w: checksum %#x, entropy gives %#x", ErrChecksum, got, want)
	}
	return append([]byte(nil), entropy...), nil
}

// ValidateMnemonic reports whether mnemonic is a valid English BIP-39
// mnemonic: the word count, every word and the checksum. The error wraps
// ErrWordCount, ErrUnknownWord or ErrChecksum.
func ValidateMnemonic(mnemonic string) error {
	_, err := MnemonicToEntropy(mnemonic)
	return err
}

// MnemonicToSeed validates an English mnemonic (see ValidateMnemonic) and
// returns its 64-byte BIP-39 seed for the given passphrase ("" for none).
//
// The password fed to PBKDF2 is the NFKD-normalized words joined by single
// spaces, so stray white space (a trailing newline, doubled spaces) does
// not change the seed.
func MnemonicToSeed(mnemonic, passphrase string) ([]byte, error) {
	if err := ValidateMnemonic(mnemonic); err != nil {
		return nil, err
	}
	words := strings.Fields(norm.NFKD.String(mnemonic))
	return pbkdf2Seed(strings.Join(words, " "), passphrase)
}

// SeedUnchecked is BIP-39's seed function alone: PBKDF2-HMAC-SHA512 with
// 2048 iterations over the NFKD form of mnemonic, salted with "mnemonic"
// plus the NFKD form of passphrase. It checks nothing, so it serves
// mnemonics in any language; the mnemonic is used exactly as given. The
// only possible error comes from crypto/pbkdf2 itself (its FIPS 140-only
// mode refuses some inputs).
func SeedUnchecked(mnemonic, passphrase string) ([]byte, error) {
	return pbkdf2Seed(norm.NFKD.String(mnemonic), passphrase)
}

func pbkdf2Seed(normalizedMnemonic, passphrase string) ([]byte, error) {
	salt := []byte("mnemonic" + norm.NFKD.String(passphrase))
	seed, err := pbkdf2.Key(sha512.New, normalizedMnemonic, salt, seedIterations, seedLength)
	if err != nil {
		return nil, fmt.Errorf("hdwallet: pbkdf2: %w", err)
	}
	return seed, nil
}
