package trie

import (
	"bytes"
	"errors"
	"fmt"
	"slices"

	"github.com/goevm/goevm/crypto"
	"github.com/goevm/goevm/rlp"
	"github.com/goevm/goevm/types"
)

// KV is one key-value pair for Builder.
type KV struct{ Key, Value []byte }

// ErrUnsortedKeys reports input to Builder.Root that is not strictly
// ascending by key.
var ErrUnsortedKeys = errors.New("trie: keys not strictly ascending")

// ErrEmptyValue reports an empty value given to Builder.Root; absent keys
// must be left out instead.
var ErrEmptyValue = errors.New("trie: empty value")

// Builder computes the root of a trie from its sorted contents in one pass,
// encoding each node once straight into a per-level buffer and never
// building a node tree. It is the fast path for state and storage roots.
// A Builder reuses its buffers; it is not safe for concurrent use.
type Builder struct {
	k      crypto.KeccakState
	levels [][]byte // node encoding buffer per recursion level
	hp     []byte
}

// NewBuilder returns a Builder.
func NewBuilder() *Builder { return &Builder{k: crypto.NewKeccak()} }

// Root returns the root hash of the trie holding items, which must be
// sorted by key, strictly ascending, with non-empty values.
func (b *Builder) Root(items []KV) (types.Hash, error) {
	if err := checkSorted(items); err != nil {
		return types.Hash{}, err
	}
	if len(items) == 0 {
		return crypto.EmptyRootHash, nil
	}
	return b.hashRoot(b.encode(items, 0, 0)), nil
}

func (b *Builder) hashRoot(enc []byte) types.Hash {
	var out types.Hash
	b.k.Reset()
	b.k.Write(enc)
	b.k.Read(out[:])
	return out
}

func checkSorted(items []KV) error {
	for i := range items {
		if len(items[i].Value) == 0 {
			return fmt.Errorf("%w at key %x", ErrEmptyValue, items[i].Key)
		}
		if i > 0 && bytes.Compare(items[i-1].Key, items[i].Key) >= 0 {
			return fmt.Errorf("%w: %x then %x", ErrUnsortedKeys, items[i-1].Key, items[i].Key)
		}
	}
	return nil
}

// SortedRoot is NewBuilder().Root(items).
func SortedRoot(items []KV) (types.Hash, error) { return NewBuilder().Root(items) }

func nibble(key []byte, i int) byte {
	if i%2 == 0 {
		return key[i/2] >> 4
	}
	return key[i/2] & 0x0f
}

// headerRoom is the most a list header can take: one byte plus a length of
// up to eight.
const headerRoom = 9

// encode returns the encoding of the node for items, all of which share the
// first depth nibbles. The result lives in b.levels[level] and is valid until
// that level is reused.
func (b *Builder) encode(items []KV, depth, level int) []byte {
	if level == len(b.levels) {
		b.levels = append(b.levels, make([]byte, 0, 256))
	}
	buf := b.levels[level][:headerRoom] // the list header is written in front at the end

	first, last := items[0].Key, items[len(items)-1].Key
	firstLen := 2 * len(first)
	switch {
	case len(items) == 1:
		buf = b.appendPath(buf, first, depth, firstLen, true)
		buf = rlp.AppendString(buf, items[0].Value)
	default:
		// The shared path ends where the first and last keys differ (they
		// are sorted, so every key between agrees), or where the first key
		// ends: a key that is a prefix of the others sorts first.
		end := depth
		for end < firstLen && end < 2*len(last) && nibble(first, end) == nibble(last, end) {
			end++
		}
		if end > depth {
			buf = b.appendPath(buf, first, depth, end, false)
			buf = b.appendRef(buf, items, end, level+1)
			break
		}
		var value []byte
		if firstLen == depth {
			value, items = items[0].Value, items[1:]
		}
		for digit := byte(0); digit < 16; digit++ {
			n := 0
			for n < len(items) && nibble(items[n].Key, depth) == digit {
				n++
			}
			if n == 0 {
				buf = append(buf, 0x80)
				continue
			}
			buf = b.appendRef(buf, items[:n], depth+1, level+1)
			items = items[n:]
		}
		buf = rlp.AppendString(buf, value)
	}
	b.levels[level] = buf
	payload := len(buf) - headerRoom
	var hdr [headerRoom]byte
	h := rlp.AppendList(hdr[:0], payload)
	start := headerRoom - len(h)
	copy(buf[start:], h)
	return buf[start:]
}

// appendRef appends the reference to the node for items: its encoding if
// shorter than 32 bytes, else the RLP string of its keccak.
func (b *Builder) appendRef(dst []byte, items []KV, depth, level int) []byte {
	enc := b.encode(items, depth, level)
	if len(enc) < 32 {
		return append(dst, enc...)
	}
	b.k.Reset()
	b.k.Write(enc)
	dst = append(dst, 0x80+32)
	n := len(dst)
	dst = slices.Grow(dst, 32)[:n+32]
	b.k.Read(dst[n:]) // straight into the parent's buffer: no temporary escapes
	return dst
}

// appendPath appends the hex-prefix encoding of key's nibbles [from, to) as
// an RLP string.
func (b *Builder) appendPath(dst, key []byte, from, to int, leaf bool) []byte {
	nib := b.hp[:0]
	for i := from; i < to; i++ {
		nib = append(nib, nibble(key, i))
	}
	b.hp = nib
	var packed [40]byte
	hp := appendHexPrefix(packed[:0], nib, leaf)
	return rlp.AppendString(dst, hp)
}
