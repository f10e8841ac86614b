package transition

import (
	"testing"

	"github.com/goevm/goevm/fork"
	"github.com/goevm/goevm/types"
	"github.com/holiman/uint256"
)

// memBlocks is a Chain over a slice of blocks.
type memBlocks map[types.Hash]*types.Block

func (m memBlocks) BlockByHash(h types.Hash) *types.Block { return m[h] }

// EIP-3675: with TERMINAL_TOTAL_DIFFICULTY 0xC0000 and every block at
// difficulty 0x20000 (genesis included), block 5's total difficulty is
// 0xC0000, so block 6 is the first proof-of-stake block (ethereum/tests'
// ArrowGlacierToParisAtDiffC0000); ForkAt alone never reaches the Merge.
func TestForBranchTerminalTotalDifficulty(t *testing.T) {
	cfg := &ChainConfig{ChainID: 1, Base: fork.ArrowGlacier,
		Later: []Activation{{Fork: fork.Paris, TotalDifficulty: uint256.NewInt(0xC0000)}}}
	chain := memBlocks{}
	var parent *types.Block
	blocks := []*types.Block{}
	for n := uint64(0); n <= 7; n++ {
		h := &types.Header{Number: n, Difficulty: *uint256.NewInt(0x20000)}
		if parent != nil {
			h.ParentHash = parent.Hash()
		}
		b := &types.Block{Header: h}
		chain[b.Hash()] = b
		blocks = append(blocks, b)
		parent = b
	}
	for n := uint64(1); n <= 7; n++ {
		got := cfg.ForBranch(chain, blocks[n-1]).ForkAt(n, 0)
		want := fork.ArrowGlacier
		if n >= 6 {
			want = fork.Paris
		}
		if got != want {
			t.Errorf("block %d: %v, want %v", n, got, want)
		}
	}
	if f := cfg.ForkAt(100, 0); f != fork.ArrowGlacier {
		t.Errorf("ForkAt without a branch: %v", f)
	}
	if cfg.Later[0].TotalDifficulty == nil || cfg.Later[0].Block != nil {
		t.Error("ForBranch changed the configuration it was called on")
	}
	if plain := (&ChainConfig{Base: fork.London}); plain.ForBranch(chain, blocks[3]) != plain {
		t.Error("a configuration without a terminal total difficulty is copied")
	}
}
