package trie

import (
	"bytes"

	"github.com/goevm/goevm/crypto"
	"github.com/goevm/goevm/types"
)

// Trie is a mutable in-memory Merkle Patricia trie. The zero value is an
// empty trie. Hash caches node references, so re-hashing after a few
// updates only re-encodes the changed paths.
type Trie struct {
	root node
	h    *hasher
}

// New returns an empty trie.
func New() *Trie { return &Trie{} }

// Get returns the value stored under key, or nil.
func (t *Trie) Get(key []byte) []byte {
	path := Nibbles(key)
	n := t.root
	for n != nil {
		switch x := n.(type) {
		case *leafNode:
			if bytes.Equal(x.path, path) {
				return x.value
			}
			return nil
		case *extNode:
			if !bytes.HasPrefix(path, x.path) {
				return nil
			}
			path, n = path[len(x.path):], x.child
		case *branchNode:
			if len(path) == 0 {
				return x.value
			}
			path, n = path[1:], x.children[path[0]]
		}
	}
	return nil
}

// Put stores value under key. An empty value deletes the key, as in the
// Ethereum tries, where absent and empty are the same.
func (t *Trie) Put(key, value []byte) {
	if len(value) == 0 {
		t.Delete(key)
		return
	}
	v := bytes.Clone(value)
	t.root = insert(t.root, Nibbles(key), v)
}

// Delete removes key if present.
func (t *Trie) Delete(key []byte) { t.root, _ = remove(t.root, Nibbles(key)) }

// Hash returns the root hash: keccak of the root node's encoding, or the
// empty-trie root.
func (t *Trie) Hash() types.Hash {
	if t.root == nil {
		return crypto.EmptyRootHash
	}
	if t.h == nil {
		t.h = newHasher()
	}
	ref := t.h.reference(t.root)
	if len(ref) == 33 && ref[0] == 0x80+32 {
		return types.BytesToHash(ref[1:])
	}
	return crypto.Keccak256(ref) // a root shorter than 32 bytes is still hashed
}

// ForEach calls fn for every key-value pair in ascending key order; fn
// returns false to stop.
func (t *Trie) ForEach(fn func(key, value []byte) bool) {
	walk(t.root, nil, fn)
}

func walk(n node, prefix []byte, fn func(key, value []byte) bool) bool {
	switch x := n.(type) {
	case *leafNode:
		return fn(packNibbles(append(prefix, x.path...)), x.value)
	case *extNode:
		return walk(x.child, append(prefix, x.path...), fn)
	case *branchNode:
		if x.value != nil && !fn(packNibbles(prefix), x.value) {
			return false
		}
		for i, c := range x.children {
			if c != nil && !walk(c, append(prefix, byte(i)), fn) {
				return false
			}
		}
	}
	return true
}

// packNibbles joins an even number of nibbles back into bytes.
func packNibbles(nibbles []byte) []byte {
	out := make([]byte, len(nibbles)/2)
	for i := range out {
		out[i] = nibbles[2*i]<<4 | nibbles[2*i+1]
	}
	return out
}

func commonPrefix(a, b []byte) int {
	n := min(len(a), len(b))
	for i := 0; i < n; i++ {
		if a[i] != b[i] {
			return i
		}
	}
	return n
}

// insert returns n with value stored at path; nodes on the path are
// modified in place and their cached references dropped.
func insert(n node, path, value []byte) node {
	switch x := n.(type) {
	case nil:
		return &leafNode{path: path, value: value}
	case *leafNode:
		cp := commonPrefix(x.path, path)
		if cp == len(x.path) && cp == len(path) {
			x.value, x.ref = value, nil
			return x
		}
		br := &branchNode{}
		attach(br, x.path[cp:], func(rest []byte) node { return &leafNode{path: rest, value: x.value} }, x.value)
		attach(br, path[cp:], func(rest []byte) node { return &leafNode{path: rest, value: value} }, value)
		return withPrefix(path[:cp], br)
	case *extNode:
		cp := commonPrefix(x.path, path)
		if cp == len(x.path) {
			x.child, x.ref = insert(x.child, path[cp:], value), nil
			return x
		}
		br := &branchNode{}
		// The extension's own path diverges at cp: its remainder becomes a
		// shorter extension (or the child itself) under the new branch.
		if rest := x.path[cp+1:]; len(rest) == 0 {
			br.children[x.path[cp]] = x.child
		} else {
			br.children[x.path[cp]] = &extNode{path: rest, child: x.child}
		}
		attach(br, path[cp:], func(rest []byte) node { return &leafNode{path: rest, value: value} }, value)
		return withPrefix(path[:cp], br)
	case *branchNode:
		x.ref = nil
		if len(path) == 0 {
			x.value = value
		} else {
			x.children[path[0]] = insert(x.children[path[0]], path[1:], value)
		}
		return x
	}
	return n
}

// attach puts a leaf for the remaining path under br, or br's value if the
// path ends at br.
func attach(br *branchNode, rest []byte, leaf func([]byte) node, value []byte) {
	if len(rest) == 0 {
		br.value = value
		return
	}
	br.children[rest[0]] = leaf(rest[1:])
}

func withPrefix(prefix []byte, n node) node {
	if len(prefix) == 0 {
		return n
	}
	return &extNode{path: bytes.Clone(prefix), child: n}
}

// remove returns n without path, and whether anything changed. It restores
// the canonical shape: a branch left with one entry collapses into its
// neighbour, and extensions merge with the short node below them.
func remove(n node, path []byte) (node, bool) {
	switch x := n.(type) {
	case *leafNode:
		if bytes.Equal(x.path, path) {
			return nil, true
		}
	case *extNode:
		if !bytes.HasPrefix(path, x.path) {
			return x, false
		}
		child, changed := remove(x.child, path[len(x.path):])
		if !changed {
			return x, false
		}
		if br, ok := child.(*branchNode); ok {
			x.child, x.ref = br, nil
			return x, true
		}
		return prepend(x.path, child), true
	case *branchNode:
		if len(path) == 0 {
			if x.value == nil {
				return x, false
			}
			x.value = nil
		} else {
			c, changed := remove(x.children[path[0]], path[1:])
			if !changed {
				return x, false
			}
			x.children[path[0]] = c
		}
		x.ref = nil
		return collapse(x), true
	}
	return n, false
}

// collapse turns a branch with a single remaining entry into a leaf or
// extension, as the canonical trie has no branch with fewer than two.
func collapse(br *branchNode) node {
	only, count := -1, 0
	for i, c := range br.children {
		if c != nil {
			only, count = i, count+1
		}
	}
	switch {
	case count == 0 && br.value == nil:
		return nil
	case count == 0:
		return &leafNode{path: []byte{}, value: br.value}
	case count == 1 && br.value == nil:
		return prepend([]byte{byte(only)}, br.children[only])
	}
	return br
}

// prepend puts prefix in front of n's path, merging with a leaf or
// extension so no extension points at another short node.
func prepend(prefix []byte, n node) node {
	switch x := n.(type) {
	case nil:
		return nil
	case *leafNode:
		return &leafNode{path: concat(prefix, x.path), value: x.value}
	case *extNode:
		return &extNode{path: concat(prefix, x.path), child: x.child}
	}
	return &extNode{path: bytes.Clone(prefix), child: n}
}

func concat(a, b []byte) []byte {
	out := make([]byte, 0, len(a)+len(b))
	return append(append(out, a...), b...)
}
