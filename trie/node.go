package trie

import (
	"github.com/goevm/goevm/crypto"
	"github.com/goevm/goevm/rlp"
)

// The three node kinds of the Yellow Paper. Paths are nibble slices. Each
// node caches its reference (the RLP encoding when shorter than 32 bytes,
// else the RLP string of its keccak); nil means the node changed since it
// was last hashed.
type node interface{ cachedRef() []byte }

type leafNode struct {
	path  []byte
	value []byte
	ref   []byte
}

type extNode struct {
	path  []byte
	child node // always a branch in a well-formed trie
	ref   []byte
}

type branchNode struct {
	children [16]node
	value    []byte // set only when a key ends at this node
	ref      []byte
}

func (n *leafNode) cachedRef() []byte   { return n.ref }
func (n *extNode) cachedRef() []byte    { return n.ref }
func (n *branchNode) cachedRef() []byte { return n.ref }

// hasher encodes and hashes nodes, reusing one Keccak state. A readOnly
// hasher computes missing references without caching them, so it never
// writes to the trie (Prove uses one, concurrently with other readers).
type hasher struct {
	k        crypto.KeccakState
	buf      []byte
	readOnly bool
}

func newHasher() *hasher { return &hasher{k: crypto.NewKeccak()} }

// reference returns n's reference, computing and caching it (and those of
// its descendants) if needed.
func (h *hasher) reference(n node) []byte {
	if r := n.cachedRef(); r != nil {
		return r
	}
	enc := h.encode(n)
	var ref []byte
	if len(enc) < 32 {
		ref = enc // embedded in the parent as-is
	} else {
		ref = make([]byte, 33)
		ref[0] = 0x80 + 32
		h.sum(ref[1:], enc)
	}
	if h.readOnly {
		return ref
	}
	switch n := n.(type) {
	case *leafNode:
		n.ref = ref
	case *extNode:
		n.ref = ref
	case *branchNode:
		n.ref = ref
	}
	return ref
}

// encode returns the RLP encoding of n in a fresh slice.
func (h *hasher) encode(n node) []byte {
	var payload []byte
	switch n := n.(type) {
	case *leafNode:
		hp := appendHexPrefix(nil, n.path, true)
		payload = rlp.AppendString(nil, hp)
		payload = rlp.AppendString(payload, n.value)
	case *extNode:
		hp := appendHexPrefix(nil, n.path, false)
		payload = rlp.AppendString(nil, hp)
		payload = append(payload, h.reference(n.child)...)
	case *branchNode:
		for _, c := range n.children {
			if c == nil {
				payload = append(payload, 0x80)
			} else {
				payload = append(payload, h.reference(c)...)
			}
		}
		payload = rlp.AppendString(payload, n.value)
	}
	return rlp.WrapList(payload)
}

func (h *hasher) sum(out, data []byte) {
	h.k.Reset()
	h.k.Write(data)
	h.k.Read(out)
}
