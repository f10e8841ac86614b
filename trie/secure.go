package trie

import (
	"github.com/goevm/goevm/crypto"
	"github.com/goevm/goevm/types"
)

// SecureTrie stores every value under keccak256(key), as the state and
// storage tries do, so that an attacker cannot choose keys to deepen the trie.
type SecureTrie struct{ t Trie }

// NewSecure returns an empty secure trie.
func NewSecure() *SecureTrie { return &SecureTrie{} }

func (s *SecureTrie) Get(key []byte) []byte { k := crypto.Keccak256(key); return s.t.Get(k[:]) }
func (s *SecureTrie) Put(key, value []byte) { k := crypto.Keccak256(key); s.t.Put(k[:], value) }
func (s *SecureTrie) Delete(key []byte)     { k := crypto.Keccak256(key); s.t.Delete(k[:]) }
func (s *SecureTrie) Hash() types.Hash      { return s.t.Hash() }
