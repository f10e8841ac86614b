package rpc

import (
	"github.com/goevm/goevm/types"
)

// maxProofSlots bounds the storage keys of one eth_getProof.
const maxProofSlots = 1024

type rpcStorageProof struct {
	Key   types.Hash `json:"key"`
	Value big        `json:"value"`
	Proof []data     `json:"proof"`
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
		var keys []slotKey
		tag := latest
		if err := a.need(0, &addr); err != nil {
			return nil, err
		}
		if err := a.need(1, &keys); err != nil {
			return nil, err
		}
		if _, err := a.get(2, &tag); err != nil {
			return nil, err
		}
		if err := a.count(2, 3); err != nil {
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
		if tag.hash == nil && tag.tag != "" && tag.tag != "earliest" {
			n = s.chain.PendingNumber()
		}
		slots := make([]types.Hash, len(keys))
		for i, k := range keys {
			slots[i] = types.Hash(k)
		}
		p, err := s.chain.Proof(types.Address(addr), slots, n)
		if err != nil {
			return nil, err
		}
		out := &rpcAccountProof{Address: p.Address, AccountProof: dataList(p.AccountProof), Balance: big{p.Balance},
			CodeHash: p.CodeHash, Nonce: quantity(p.Nonce), StorageHash: p.StorageHash, StorageProof: []rpcStorageProof{}}
		for _, sp := range p.StorageProof {
			out.StorageProof = append(out.StorageProof, rpcStorageProof{Key: sp.Key, Value: big{sp.Value}, Proof: dataList(sp.Proof)})
		}
		return out, nil
	}
}

func dataList(bs [][]byte) []data {
	out := make([]data, len(bs))
	for i, b := range bs {
		out[i] = b
	}
	return out
}
