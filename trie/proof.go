package trie

import (
	"bytes"
	"errors"
	"fmt"

	"github.com/goevm/goevm/crypto"
	"github.com/goevm/goevm/rlp"
	"github.com/goevm/goevm/types"
)

// Merkle proofs as EIP-1186 (eth_getProof) carries them: the RLP encodings
// of the nodes on the path from the root towards a key, root first. A node
// whose encoding is shorter than 32 bytes is embedded in its parent (Yellow
// Paper appendix D, the node composition function) and has no entry of its
// own; the root always has one, whatever its size.

// ErrBadProof is wrapped by every error VerifyProof returns.
var ErrBadProof = errors.New("trie: invalid proof")

var (
	ErrProofHash       = fmt.Errorf("%w: node does not match the hash that refers to it", ErrBadProof)
	ErrProofIncomplete = fmt.Errorf("%w: proof ends before the key's path does", ErrBadProof)
	ErrProofExtraNodes = fmt.Errorf("%w: nodes past the end of the key's path", ErrBadProof)
	ErrProofNode       = fmt.Errorf("%w: malformed node", ErrBadProof)
)

// Prove returns the proof for key: every node on its path, or, if key is
// absent, on the path to where it would be (a proof of absence). An empty
// trie has an empty proof. Prove does not modify the trie, not even its
// cached references, so it may run concurrently with other readers.
func (t *Trie) Prove(key []byte) ([][]byte, error) {
	h := newHasher()
	h.readOnly = true
	var proof [][]byte
	path := Nibbles(key)
	for n := t.root; n != nil; {
		enc := h.encode(n)
		if len(proof) == 0 || len(enc) >= 32 {
			proof = append(proof, enc)
		}
		switch x := n.(type) {
		case *leafNode:
			return proof, nil
		case *extNode:
			if !bytes.HasPrefix(path, x.path) {
				return proof, nil
			}
			path, n = path[len(x.path):], x.child
		case *branchNode:
			if len(path) == 0 {
				return proof, nil
			}
			path, n = path[1:], x.children[path[0]]
		}
	}
	return proof, nil
}

// VerifyProof checks proof against root and returns the value it proves for
// key, or nil if it proves key absent. It needs no trie: each node must hash
// to the reference its parent holds (the first to root), and the proof must
// hold exactly the hashed nodes on key's path, in order.
func VerifyProof(root types.Hash, key []byte, proof [][]byte) ([]byte, error) {
	if len(proof) == 0 {
		if root == crypto.EmptyRootHash {
			return nil, nil
		}
		return nil, fmt.Errorf("%w: empty proof for root %s", ErrProofIncomplete, root)
	}
	path := Nibbles(key)
	want := root
	for i := 0; ; {
		if i == len(proof) {
			return nil, fmt.Errorf("%w: node %d (hash %s) missing", ErrProofIncomplete, i, want)
		}
		enc := proof[i]
		if got := crypto.Keccak256(enc); got != want {
			return nil, fmt.Errorf("%w: node %d hashes to %s, want %s", ErrProofHash, i, got, want)
		}
		i++
		// Follow the path through this node and any nodes embedded in it.
		for {
			next, rest, value, done, err := step(enc, path)
			if err != nil {
				return nil, fmt.Errorf("node %d: %w", i-1, err)
			}
			if done {
				if i != len(proof) {
					return nil, fmt.Errorf("%w: %d after node %d", ErrProofExtraNodes, len(proof)-i, i-1)
				}
				return value, nil
			}
			path = rest
			if len(next) == 1+32 && next[0] == 0x80+32 {
				want = types.BytesToHash(next[1:])
				break
			}
			enc = next // an embedded node
		}
	}
}

// step follows path through the node enc. It returns either the reference
// to the next node (a 33-byte hash string, or an embedded node's encoding)
// and the path left after it, or done with the value found (nil if the key
// is absent).
func step(enc, path []byte) (next, rest, value []byte, done bool, err error) {
	items, err := splitNode(enc)
	if err != nil {
		return nil, nil, nil, false, err
	}
	switch len(items) {
	case 17:
		if len(path) == 0 {
			v, err := stringItem(items[16])
			return nil, nil, nonEmpty(v), true, err
		}
		next, rest = items[path[0]], path[1:]
	case 2:
		hp, err := stringItem(items[0])
		if err != nil {
			return nil, nil, nil, false, err
		}
		nibbles, leaf, err := decodeHexPrefix(hp)
		if err != nil {
			return nil, nil, nil, false, err
		}
		if leaf {
			if !bytes.Equal(nibbles, path) {
				return nil, nil, nil, true, nil
			}
			v, err := stringItem(items[1])
			if err == nil && len(v) == 0 {
				err = fmt.Errorf("%w: leaf with an empty value", ErrProofNode)
			}
			return nil, nil, v, true, err
		}
		if len(nibbles) == 0 {
			return nil, nil, nil, false, fmt.Errorf("%w: extension with an empty path", ErrProofNode)
		}
		if !bytes.HasPrefix(path, nibbles) {
			return nil, nil, nil, true, nil
		}
		next, rest = items[1], path[len(nibbles):]
	default:
		return nil, nil, nil, false, fmt.Errorf("%w: %d items, want 2 or 17", ErrProofNode, len(items))
	}
	switch {
	case len(next) == 1 && next[0] == 0x80: // no child: the key is absent
		return nil, nil, nil, true, nil
	case len(next) == 1+32 && next[0] == 0x80+32:
		return next, rest, nil, false, nil
	case next[0] >= 0xc0 && len(next) < 32:
		return next, rest, nil, false, nil
	}
	return nil, nil, nil, false, fmt.Errorf("%w: child reference %x is neither a hash nor an embedded node", ErrProofNode, next)
}

// splitNode returns the raw encodings of the items of the list enc.
func splitNode(enc []byte) ([][]byte, error) {
	payload, rest, err := rlp.SplitList(enc)
	if err == nil && len(rest) != 0 {
		err = fmt.Errorf("%d trailing bytes", len(rest))
	}
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrProofNode, err)
	}
	var items [][]byte
	for len(payload) > 0 {
		_, _, more, err := rlp.Split(payload)
		if err != nil {
			return nil, fmt.Errorf("%w: %w", ErrProofNode, err)
		}
		items = append(items, payload[:len(payload)-len(more)])
		payload = more
	}
	return items, nil
}

func stringItem(raw []byte) ([]byte, error) {
	s, _, err := rlp.SplitString(raw)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrProofNode, err)
	}
	return s, nil
}

func nonEmpty(b []byte) []byte {
	if len(b) == 0 {
		return nil
	}
	return b
}

// decodeHexPrefix inverts HexPrefix.
func decodeHexPrefix(hp []byte) (nibbles []byte, leaf bool, err error) {
	if len(hp) == 0 {
		return nil, false, fmt.Errorf("%w: empty hex-prefix path", ErrProofNode)
	}
	flag := hp[0] >> 4
	if flag > 3 || (flag&1 == 0 && hp[0]&0x0f != 0) {
		return nil, false, fmt.Errorf("%w: hex-prefix flag byte 0x%02x", ErrProofNode, hp[0])
	}
	nibbles = Nibbles(hp[1:])
	if flag&1 == 1 {
		nibbles = append([]byte{hp[0] & 0x0f}, nibbles...)
	}
	return nibbles, flag >= 2, nil
}
