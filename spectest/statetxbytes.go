package spectest

import (
	"bytes"
	"fmt"

	"github.com/goevm/goevm/fork"
	"github.com/goevm/goevm/types"
)

// checkTxBytes cross-checks the transaction built from the fixture's fields
// against the signed encoding the fixture also carries (post[].txbytes):
// decoding it must give the same transaction, signed by the same sender.
// It returns an error describing the first disagreement; decoding errors
// are returned as is, for a fixture that encodes an undecodable transaction
// on purpose (RLP_* exceptions).
func checkTxBytes(raw []byte, built *types.Transaction, from types.Address, rules *fork.Rules, chainID uint64) (decodeErr, mismatch error) {
	tx, err := types.DecodeTx(raw)
	if err != nil {
		return err, nil
	}
	diff := func(field string, a, b any) error {
		return fmt.Errorf("txbytes disagree with the fixture's fields: %s %v, want %v", field, a, b)
	}
	switch {
	case tx.Type != built.Type:
		return nil, diff("type", tx.Type, built.Type)
	case tx.Nonce != built.Nonce:
		return nil, diff("nonce", tx.Nonce, built.Nonce)
	case tx.Gas != built.Gas:
		return nil, diff("gas", tx.Gas, built.Gas)
	case (tx.To == nil) != (built.To == nil) || (tx.To != nil && *tx.To != *built.To):
		return nil, diff("to", tx.To, built.To)
	case !tx.Value.Eq(&built.Value):
		return nil, diff("value", tx.Value.Dec(), built.Value.Dec())
	case !bytes.Equal(tx.Data, built.Data):
		return nil, diff("data length", len(tx.Data), len(built.Data))
	case !tx.FeeCap().Eq(built.FeeCap()) || !tx.TipCap().Eq(built.TipCap()):
		return nil, diff("fee caps", tx.FeeCap().Dec(), built.FeeCap().Dec())
	case len(tx.AccessList) != len(built.AccessList) || tx.AccessList.StorageKeyCount() != built.AccessList.StorageKeyCount():
		return nil, diff("access list size", len(tx.AccessList), len(built.AccessList))
	case len(tx.BlobHashes) != len(built.BlobHashes) || !tx.BlobFeeCap.Eq(&built.BlobFeeCap):
		return nil, diff("blob hashes", len(tx.BlobHashes), len(built.BlobHashes))
	case len(tx.AuthList) != len(built.AuthList):
		return nil, diff("authorizations", len(tx.AuthList), len(built.AuthList))
	}
	signer := types.Signer{ChainID: chainID, Homestead: rules.IsHomestead, EIP155: rules.IsSpuriousDragon}
	sender, err := signer.Sender(tx)
	if err != nil {
		return nil, fmt.Errorf("txbytes: recovering the sender: %w", err)
	}
	if sender != from {
		return nil, diff("sender", sender, from)
	}
	return nil, nil
}
