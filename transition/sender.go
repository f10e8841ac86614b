package transition

import (
	"fmt"

	"github.com/goevm/goevm/types"
	"github.com/holiman/uint256"
)

// checkSigner runs the checks geth's signer makes before a transaction
// reaches the state: the chain id, and with env.VerifySender the signature,
// whose signer must be from.
//
// A transaction that carries no chain id (zero) is taken as meant for this
// chain, as from is taken on trust, so that a transaction written as a Go
// literal for a simulation needs neither; with VerifySender the signature
// covers the chain id, and zero is checked like any other.
func checkSigner(env *Env, tx *types.Transaction, from types.Address) error {
	want := env.Config.ChainID
	if (!tx.ChainID.IsZero() || env.VerifySender) && !tx.ChainID.Eq(uint256.NewInt(want)) {
		// A legacy transaction without EIP-155 protection carries no chain
		// id at all (v is 27 or 28); only its signature can be checked.
		if !(tx.Type == types.LegacyTxType && tx.ChainID.IsZero()) {
			return fmt.Errorf("%w: have %s want %d", ErrInvalidChainID, tx.ChainID.Dec(), want)
		}
	}
	if !env.VerifySender {
		return nil
	}
	signer := types.Signer{ChainID: want, Homestead: env.Rules.Has(2), EIP155: env.Rules.Has(155)}
	signed, err := signer.Sender(tx)
	if err != nil {
		return fmt.Errorf("%w: %w", ErrInvalidSignature, err)
	}
	if signed != from {
		return fmt.Errorf("%w: signed by %s, given %s", ErrSenderMismatch, signed.Hex(), from.Hex())
	}
	return nil
}
