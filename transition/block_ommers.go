package transition

import (
	"fmt"

	"github.com/goevm/goevm/crypto"
	"github.com/goevm/goevm/types"
)

// Ommer rules (Yellow Paper 11.1, execution-specs validate_ommers).
const (
	MaxOmmers     = 2
	MaxOmmerDepth = 6
)

// validateOmmers checks a block's ommers against its ancestors (ancestors[0]
// is the parent, ancestors[1] the grandparent, ...). From Paris there may be
// none (EIP-3675).
func validateOmmers(cfg *ChainConfig, b *types.Block, ancestors []*types.Block) error {
	h := b.Header
	if crypto.Keccak256(types.EncodeOmmers(b.Ommers)) != h.OmmersHash {
		return fmt.Errorf("%w: header says %s", ErrInvalidOmmersHash, h.OmmersHash)
	}
	if len(b.Ommers) == 0 {
		return nil
	}
	if rules := cfg.RulesAt(h.Number, h.Time); rules.Has(3675) {
		return fmt.Errorf("%w: %d ommers", ErrOmmersAfterParis, len(b.Ommers))
	}
	if len(b.Ommers) > MaxOmmers {
		return fmt.Errorf("%w: %d", ErrTooManyOmmers, len(b.Ommers))
	}

	// recent are the last MaxOmmerDepth+1 ancestors, recentOmmers the
	// ommers they included.
	recent := make(map[types.Hash]*types.Block)
	recentOmmers := make(map[types.Hash]bool)
	for i := 0; i <= MaxOmmerDepth && i < len(ancestors); i++ {
		recent[ancestors[i].Hash()] = ancestors[i]
		for _, o := range ancestors[i].Ommers {
			recentOmmers[o.Hash()] = true
		}
	}
	// Relationship first, then the ommer's own header against its parent:
	// every check must pass, and this order names the fault the way the
	// fixtures do.
	seen := make(map[types.Hash]bool)
	self := h.Hash()
	for i, o := range b.Ommers {
		oh := o.Hash()
		switch {
		case seen[oh]:
			return fmt.Errorf("%w: ommer %d", ErrDuplicateOmmer, i)
		case oh == self || recent[oh] != nil:
			return fmt.Errorf("%w: ommer %d", ErrOmmerIsAncestor, i)
		case recentOmmers[oh]:
			return fmt.Errorf("%w: ommer %d", ErrOmmerInChain, i)
		case recent[o.ParentHash] == nil:
			return fmt.Errorf("%w: ommer %d", ErrOmmerParent, i)
		case o.ParentHash == h.ParentHash:
			return fmt.Errorf("%w: ommer %d", ErrOmmerIsBrother, i)
		}
		seen[oh] = true
		if err := ValidateHeader(cfg, o, recent[o.ParentHash].Header); err != nil {
			return fmt.Errorf("%w: ommer %d: %w", ErrInvalidOmmer, i, err)
		}
		// Implied by the above (the parent is at most MaxOmmerDepth+1 back
		// and not the block's own parent), checked for clarity.
		if depth := h.Number - o.Number; o.Number >= h.Number || depth < 1 || depth > MaxOmmerDepth {
			return fmt.Errorf("%w: ommer %d has number %d in block %d", ErrOmmerTooOld, i, o.Number, h.Number)
		}
	}
	return nil
}
