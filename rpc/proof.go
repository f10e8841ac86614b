package rpc

import (
	"github.com/goevm/goevm/types"
	"github.com/holiman/uint256"
)

// maxProofSlots bounds the storage keys of one eth_getProof.
const maxProofSlots = 1024

type rpcStorageProof struct {
	Key   string `json:"key"`
	Value big    `json:"value"`
	Proof []data `json:"proof"`
}

type rpcAccountProof struct {
	Address      types.Address     `json:"address"`
	AccountProof []data            `json:"accountProof"`
	Balance      big               `json:"balance"`
	CodeHash     types.Hash        `json:"codeHash"`
	Nonce        quantity          `json:"nonce"`
	StorageHash  types.Hash        `json:"storageHash"`
	StorageProof []rpcStorageProof `json:"storageProof"`
}

func (s *Server) registerProof() {
	s.methods["eth_getProof"] = func(_ *callCtx, a args) (any, error) {
		var addr address
		var keys []proofKey
		if err := a.need(0, &addr); err != nil {
			return nil, err
		}
		if err := a.need(1, &keys); err != nil {
			return nil, err
		}
		tag, err := a.lastBlock(2)
		if err != nil {
			return nil, err
		}
		if len(keys) > maxProofSlots {
			return nil, invalidParams(1, errorf(codeInvalidParams, "%d storage keys, at most %d", len(keys), maxProofSlots))
		}
		blk, err := s.resolve(tag)
		if err != nil {
			return nil, err
		}
		n := blk.Header.Number
		if tag.newest() {
			n = s.chain.PendingNumber()
		}
		slots := make([]types.Hash, len(keys))
		for i, k := range keys {
			slots[i] = types.Hash(k.slotKey)
		}
		p, err := s.chain.Proof(types.Address(addr), slots, n)
		if err != nil {
			return nil, err
		}
		out := &rpcAccountProof{Address: p.Address, AccountProof: dataList(p.AccountProof), Balance: big{p.Balance},
			CodeHash: p.CodeHash, Nonce: quantity(p.Nonce), StorageHash: p.StorageHash, StorageProof: []rpcStorageProof{}}
		for i, sp := range p.StorageProof {
			// geth echoes a key of 32 bytes as written and a shorter one as
			// a quantity ("0x00" comes back "0x0").
			key := sp.Key.Hex()
			if i < len(keys) && !keys[i].full {
				key = new(uint256.Int).SetBytes(sp.Key[:]).Hex()
			}
			out.StorageProof = append(out.StorageProof, rpcStorageProof{Key: key, Value: big{sp.Value}, Proof: dataList(sp.Proof)})
		}
		return out, nil
	}
}

// proofKey is a storage key as eth_getProof's caller wrote it: full is
// whether it had all 32 bytes.
type proofKey struct {
	slotKey
	full bool
}

func (k *proofKey) UnmarshalJSON(b []byte) error {
	if err := k.slotKey.UnmarshalJSON(b); err != nil {
		return err
	}
	k.full = len(b) == 2+2+64 // quotes, 0x and 64 digits: slotKey checked the rest
	return nil
}

func dataList(bs [][]byte) []data {
	out := make([]data, len(bs))
	for i, b := range bs {
		out[i] = b
	}
	return out
}
