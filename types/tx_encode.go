package types

import (
	"github.com/goevm/goevm/rlp"
)

// MarshalBinary returns the transaction's canonical binary form: the RLP
// list for a legacy transaction, type || rlp(fields) for a typed one. It is
// what DecodeTx reads and what the transaction hash and trie commit to.
func (tx *Transaction) MarshalBinary() ([]byte, error) { return tx.encode(), nil }

func (tx *Transaction) encode() []byte {
	payload := tx.appendFields(nil, true)
	out := make([]byte, 0, 1+rlp.ListSize(len(payload)))
	if tx.Type != LegacyTxType {
		out = append(out, tx.Type)
	}
	out = rlp.AppendList(out, len(payload))
	return append(out, payload...)
}

// Hash is the transaction hash: Keccak-256 of the binary form.
func (tx *Transaction) Hash() Hash { return keccak256(tx.encode()) }

// appendFields appends the encoded fields of tx's type in order, with or
// without the signature (v, r, s).
func (tx *Transaction) appendFields(b []byte, withSig bool) []byte {
	if tx.Type != LegacyTxType {
		b = rlp.AppendU256(b, &tx.ChainID)
	}
	b = rlp.AppendUint64(b, tx.Nonce)
	if tx.Type == LegacyTxType || tx.Type == AccessListTxType {
		b = rlp.AppendU256(b, &tx.GasPrice)
	} else {
		b = rlp.AppendU256(b, &tx.GasTipCap)
		b = rlp.AppendU256(b, &tx.GasFeeCap)
	}
	b = rlp.AppendUint64(b, tx.Gas)
	if tx.To == nil {
		b = rlp.AppendString(b, nil)
	} else {
		b = rlp.AppendString(b, tx.To[:])
	}
	b = rlp.AppendU256(b, &tx.Value)
	b = rlp.AppendString(b, tx.Data)
	if tx.Type != LegacyTxType {
		b = appendAccessList(b, tx.AccessList)
	}
	switch tx.Type {
	case BlobTxType:
		b = rlp.AppendU256(b, &tx.BlobFeeCap)
		b = appendHashList(b, tx.BlobHashes)
	case SetCodeTxType:
		var auths []byte
		for i := range tx.AuthList {
			auths = tx.AuthList[i].AppendRLP(auths)
		}
		b = rlp.AppendList(b, len(auths))
		b = append(b, auths...)
	}
	if withSig {
		b = rlp.AppendU256(b, &tx.V)
		b = rlp.AppendU256(b, &tx.R)
		b = rlp.AppendU256(b, &tx.S)
	}
	return b
}

func appendAccessList(b []byte, al AccessList) []byte {
	var p []byte
	for _, t := range al {
		var tp []byte
		tp = rlp.AppendString(tp, t.Address[:])
		tp = appendHashList(tp, t.StorageKeys)
		p = rlp.AppendList(p, len(tp))
		p = append(p, tp...)
	}
	b = rlp.AppendList(b, len(p))
	return append(b, p...)
}

func appendHashList(b []byte, hs []Hash) []byte {
	b = rlp.AppendList(b, len(hs)*(1+HashLength))
	for i := range hs {
		b = rlp.AppendString(b, hs[i][:])
	}
	return b
}
