package hdwallet

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// ErrInvalidPath: a derivation path that does not parse.
var ErrInvalidPath = errors.New("hdwallet: invalid derivation path")

// Path is a BIP-32 derivation path from the master key: one child index per
// level, hardened indexes including HardenedOffset.
type Path []uint32

// ParsePath parses a path such as "m/44'/60'/0'/0/0". It starts with "m";
// each following element is a decimal index below 2^31, marked hardened by
// a trailing ', h or H. "m" alone is the master key (an empty Path).
func ParsePath(s string) (Path, error) {
	parts := strings.Split(s, "/")
	if parts[0] != "m" {
		return nil, fmt.Errorf("%w: %q does not start with \"m\"", ErrInvalidPath, s)
	}
	path := make(Path, 0, len(parts)-1)
	for i, part := range parts[1:] {
		index, err := parseIndex(part)
		if err != nil {
			return nil, fmt.Errorf("%w: %q, element %d %q: %w", ErrInvalidPath, s, i+1, part, err)
		}
		path = append(path, index)
	}
	return path, nil
}

// parseIndex parses one path element: digits, then an optional hardened mark.
func parseIndex(part string) (uint32, error) {
	hardened := false
	if n := len(part); n > 0 && (part[n-1] == '\'' || part[n-1] == 'h' || part[n-1] == 'H') {
		hardened, part = true, part[:n-1]
	}
	if part == "" {
		return 0, errors.New("empty index")
	}
	for _, c := range part {
		if c < '0' || c > '9' {
			return 0, errors.New("index is not a decimal number")
		}
	}
	v, err := strconv.ParseUint(part, 10, 32)
	if err != nil || uint32(v) >= HardenedOffset {
		return 0, errors.New("index must be below 2^31 (mark hardened with ')")
	}
	if hardened {
		return uint32(v) + HardenedOffset, nil
	}
	return uint32(v), nil
}

// String writes the path in the form ParsePath reads, hardened elements
// marked with an apostrophe: "m/44'/60'/0'/0/0".
func (p Path) String() string {
	var b strings.Builder
	b.WriteString("m")
	for _, index := range p {
		b.WriteByte('/')
		b.WriteString(formatIndex(index))
	}
	return b.String()
}

// Child returns a new path with index appended; p is not modified.
func (p Path) Child(index uint32) Path {
	return append(append(make(Path, 0, len(p)+1), p...), index)
}

// formatIndex writes one path element: 5 or 5' (for 5 + HardenedOffset).
func formatIndex(index uint32) string {
	if index >= HardenedOffset {
		return strconv.FormatUint(uint64(index-HardenedOffset), 10) + "'"
	}
	return strconv.FormatUint(uint64(index), 10)
}
