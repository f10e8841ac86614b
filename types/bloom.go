package types

import (
	"encoding/hex"
	"fmt"
)

// Bloom is a 2048-bit logs bloom filter (Yellow Paper 4.3.1, M3:2048): each
// log's address and topics set three bits each.
type Bloom [BloomByteLength]byte

// Add sets the three bits of data: for i in 0, 2, 4, the low 11 bits of
// bytes i, i+1 of keccak256(data) pick a bit, counted from the least
// significant end of the 2048-bit big-endian filter.
func (b *Bloom) Add(data []byte) {
	h := keccak256(data)
	for i := 0; i < 6; i += 2 {
		bit := (uint(h[i])<<8 | uint(h[i+1])) & 2047
		b[BloomByteLength-1-bit/8] |= 1 << (bit % 8)
	}
}

// Test reports whether all three bits of data are set (a possible member).
func (b *Bloom) Test(data []byte) bool {
	var one Bloom
	one.Add(data)
	for i := range one {
		if one[i]&b[i] != one[i] {
			return false
		}
	}
	return true
}

// Or merges other into b.
func (b *Bloom) Or(other *Bloom) {
	for i := range b {
		b[i] |= other[i]
	}
}

// AddLog adds a log's address and topics.
func (b *Bloom) AddLog(l *Log) {
	b.Add(l.Address[:])
	for i := range l.Topics {
		b.Add(l.Topics[i][:])
	}
}

// LogsBloom is the bloom of a list of logs: a receipt's logsBloom.
func LogsBloom(logs []*Log) Bloom {
	var b Bloom
	for _, l := range logs {
		b.AddLog(l)
	}
	return b
}

// CreateBloom is the union of the receipts' blooms: a block header's logsBloom.
func CreateBloom(receipts []*Receipt) Bloom {
	var b Bloom
	for _, r := range receipts {
		b.Or(&r.Bloom)
	}
	return b
}

func (b Bloom) Bytes() []byte { return b[:] }

// MarshalText encodes the bloom as 0x-prefixed hex.
func (b Bloom) MarshalText() ([]byte, error) { return []byte("0x" + hex.EncodeToString(b[:])), nil }

// UnmarshalText accepts 0x-prefixed hex of exactly 256 bytes.
func (b *Bloom) UnmarshalText(text []byte) error {
	v, err := DecodeHex(string(text))
	if err != nil {
		return err
	}
	if len(v) != BloomByteLength {
		return fmt.Errorf("bloom: %d bytes, want %d", len(v), BloomByteLength)
	}
	copy(b[:], v)
	return nil
}
