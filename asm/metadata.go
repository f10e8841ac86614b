package asm

import (
	"errors"
	"fmt"
	"strings"

	"github.com/goevm/goevm/internal/base58"
)

// ErrNoMetadata means the code does not end in a compiler metadata trailer.
var ErrNoMetadata = errors.New("no metadata trailer")

// Metadata is the trailer Solidity and Vyper append to runtime code: a CBOR
// item followed by its length as a 2-byte big-endian number. Solidity writes
// a map ({"ipfs" or "bzzr0"/"bzzr1": hash, "solc": version,
// "experimental": true}); Vyper 0.3.4-0.3.9 a map {"vyper": [major, minor,
// patch]}, and later Vyper an array whose last element is that map.
type Metadata struct {
	Compiler     string // "solc", "vyper", or "" when the trailer names none
	Version      string // "0.8.26"; for solc pre-releases the full text it wrote
	IPFS         []byte // multihash of the metadata JSON (0x1220 + sha2-256)
	Bzzr0, Bzzr1 []byte // Swarm hashes of the metadata JSON (older solc)
	Experimental bool
	// Size is the trailer's length in bytes, CBOR and length suffix included;
	// the trailer starts at len(code)-Size.
	Size int
}

// String summarises the metadata on one line.
func (m *Metadata) String() string {
	var parts []string
	if m.Compiler != "" {
		parts = append(parts, m.Compiler+" "+m.Version)
	}
	if m.IPFS != nil {
		parts = append(parts, "ipfs "+base58.Encode(m.IPFS))
	}
	if m.Bzzr0 != nil {
		parts = append(parts, fmt.Sprintf("bzzr0 %x", m.Bzzr0))
	}
	if m.Bzzr1 != nil {
		parts = append(parts, fmt.Sprintf("bzzr1 %x", m.Bzzr1))
	}
	if m.Experimental {
		parts = append(parts, "experimental")
	}
	return strings.Join(parts, ", ")
}

// ParseMetadata decodes the metadata trailer at the end of code. It returns
// ErrNoMetadata when the length suffix cannot describe a trailer, or the
// bytes it points at are not a CBOR item naming a compiler or a source hash;
// a trailer that starts like one but is malformed is a descriptive error
// that also wraps ErrNoMetadata.
func ParseMetadata(code []byte) (*Metadata, error) {
	if len(code) < 3 {
		return nil, ErrNoMetadata
	}
	n := int(code[len(code)-2])<<8 | int(code[len(code)-1])
	if n == 0 || n+2 > len(code) {
		return nil, ErrNoMetadata
	}
	raw := code[len(code)-2-n : len(code)-2]
	// Only maps and arrays can be a trailer; anything else is just code.
	if major := raw[0] >> 5; major != 4 && major != 5 {
		return nil, ErrNoMetadata
	}
	v, err := decodeCBOR(raw)
	if err != nil {
		return nil, fmt.Errorf("%w: %d-byte trailer: %w", ErrNoMetadata, n+2, err)
	}
	m := &Metadata{Size: n + 2}
	if v.kind == cborArray {
		// Vyper 0.3.10 on: [..., {"vyper": [...]}].
		if len(v.items) == 0 || v.items[len(v.items)-1].kind != cborMap {
			return nil, fmt.Errorf("%w: CBOR array does not end in a map", ErrNoMetadata)
		}
		v = v.items[len(v.items)-1]
	}
	known := false
	for i, k := range v.keys {
		key, ok := k.text()
		if !ok {
			return nil, fmt.Errorf("%w: metadata map key %d is not a text string", ErrNoMetadata, i)
		}
		val := v.items[i]
		switch key {
		case "ipfs", "bzzr0", "bzzr1":
			if val.kind != cborBytes {
				return nil, fmt.Errorf("%w: %q is not a byte string", ErrNoMetadata, key)
			}
			switch key {
			case "ipfs":
				m.IPFS = val.bytes
			case "bzzr0":
				m.Bzzr0 = val.bytes
			default:
				m.Bzzr1 = val.bytes
			}
		case "solc":
			m.Compiler = "solc"
			switch {
			case val.kind == cborBytes && len(val.bytes) == 3:
				// Releases are three bytes: major, minor, patch.
				m.Version = fmt.Sprintf("%d.%d.%d", val.bytes[0], val.bytes[1], val.bytes[2])
			case val.kind == cborText:
				m.Version = string(val.bytes)
			default:
				return nil, fmt.Errorf("%w: \"solc\" is neither 3 version bytes nor text", ErrNoMetadata)
			}
		case "vyper":
			m.Compiler = "vyper"
			ver, err := versionArray(val)
			if err != nil {
				return nil, fmt.Errorf("%w: \"vyper\": %w", ErrNoMetadata, err)
			}
			m.Version = ver
		case "experimental":
			m.Experimental = val.kind == cborBool && val.n == 1
		default:
			continue
		}
		known = true
	}
	if !known {
		return nil, fmt.Errorf("%w: CBOR map names no compiler or source hash", ErrNoMetadata)
	}
	return m, nil
}

// versionArray reads Vyper's [major, minor, patch] (or a text version).
func versionArray(v cborValue) (string, error) {
	if s, ok := v.text(); ok {
		return s, nil
	}
	if v.kind != cborArray || len(v.items) == 0 {
		return "", errors.New("version is not an array of numbers")
	}
	parts := make([]string, len(v.items))
	for i, e := range v.items {
		if e.kind != cborUint {
			return "", errors.New("version is not an array of numbers")
		}
		parts[i] = fmt.Sprint(e.n)
	}
	return strings.Join(parts, "."), nil
}
