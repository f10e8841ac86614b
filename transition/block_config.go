package transition

import (
	"slices"

	"github.com/goevm/goevm/fork"
	"github.com/goevm/goevm/types"
	"github.com/holiman/uint256"
)

// Activation switches a fork on at a block number or, for forks after the
// Merge, at a timestamp (whichever of the two is set), or, for the Merge
// itself, at a terminal total difficulty.
type Activation struct {
	Fork  fork.Fork
	Block *uint64
	Time  *uint64
	// TotalDifficulty, when set, is EIP-3675's TERMINAL_TOTAL_DIFFICULTY:
	// Fork activates at the first block whose parent's total difficulty
	// (genesis included) reaches it. That depends on the block's branch,
	// which ForkAt does not know: to ForkAt such a fork has not come yet,
	// and ForBranch turns it into a block number for one branch.
	TotalDifficulty *uint256.Int
}

// ChainConfig says which fork governs each block, and the chain id that
// transaction signatures commit to (EIP-155).
type ChainConfig struct {
	ChainID uint64
	// Base is the fork in force from genesis.
	Base fork.Fork
	// Later lists forks that activate after genesis, in order.
	Later []Activation
	// Reward, when non-nil, replaces the fork's proof-of-work block reward
	// (t8n's --state.reward); a negative value there maps to NoReward.
	Reward   *uint256.Int
	NoReward bool
	// Blobs overrides the fork's blob schedule when its Max is non-zero.
	Blobs BlobParams
	// ExtraEIPs are switched on in every block on top of its fork's own
	// (t8n's "Berlin+3855" fork names), as Rules.Enable does.
	ExtraEIPs []int
	// DAOForkBlock, when set, is the block where the chain takes the DAO
	// hard fork (EIP-779; 1,920,000 on mainnet): the drained accounts'
	// balances move to DAORefundContract before its transactions, and it
	// and the next DAOForkExtraRange-1 blocks carry DAOForkExtra (dao.go).
	DAOForkBlock *uint64
}

// RulesAt returns the rules for a block with this number and timestamp:
// its fork's, plus ExtraEIPs.
func (c *ChainConfig) RulesAt(number, time uint64) fork.Rules {
	return c.rulesOf(c.ForkAt(number, time))
}

// rulesOf is fork f's rules plus ExtraEIPs.
func (c *ChainConfig) rulesOf(f fork.Fork) fork.Rules {
	r := f.Rules()
	if len(c.ExtraEIPs) > 0 {
		r.Enable(c.ExtraEIPs...)
	}
	return r
}

// ForkAt returns the fork in force for a block with this number and timestamp.
func (c *ChainConfig) ForkAt(number, time uint64) fork.Fork {
	f := c.Base
	for _, a := range c.Later {
		switch {
		case a.Block != nil && number >= *a.Block:
			f = a.Fork
		case a.Time != nil && time >= *a.Time:
			f = a.Fork
		}
	}
	return f
}

// ForBranch is the configuration for a child of parent: c itself, or, when
// a fork activates at a terminal total difficulty, a copy in which it
// activates at the block after the first block of parent's branch whose
// total difficulty reaches it, or not at all if parent's total difficulty
// has not. chain gives parent's ancestors.
func (c *ChainConfig) ForBranch(chain Chain, parent *types.Block) *ChainConfig {
	i := slices.IndexFunc(c.Later, func(a Activation) bool { return a.TotalDifficulty != nil })
	if i < 0 || parent == nil {
		return c
	}
	// branch is parent and its ancestors, parent first.
	var branch []*types.Block
	for b := parent; b != nil; b = chain.BlockByHash(b.Header.ParentHash) {
		branch = append(branch, b)
		if b.Header.Number == 0 {
			break
		}
	}
	cp := *c
	cp.Later = slices.Clone(c.Later)
	ttd := c.Later[i].TotalDifficulty
	var td uint256.Int
	for j := len(branch) - 1; j >= 0; j-- {
		td.Add(&td, &branch[j].Header.Difficulty)
		if td.Cmp(ttd) >= 0 {
			n := branch[j].Header.Number + 1
			cp.Later[i] = Activation{Fork: c.Later[i].Fork, Block: &n}
			return &cp
		}
	}
	cp.Later = slices.Delete(cp.Later, i, i+1)
	return &cp
}

// BlobParamsAt is the blob schedule in force at fork f.
func (c *ChainConfig) BlobParamsAt(f fork.Fork) BlobParams {
	if c.Blobs.Max != 0 {
		return c.Blobs
	}
	r := c.rulesOf(f)
	return blobParamsOf(&r)
}

// blockReward is the proof-of-work block reward (Yellow Paper R_block) the
// EIPs in force set: fork.BlockRewardWei.
func blockReward(r *fork.Rules) *uint256.Int {
	return uint256.NewInt(r.BlockRewardWei())
}

// RewardAt is the block reward paid at fork f under this configuration.
func (c *ChainConfig) RewardAt(f fork.Fork) *uint256.Int {
	r := c.rulesOf(f)
	return c.rewardFor(&r)
}

// rewardFor is the block reward under rules r and this configuration:
// none from the Merge (EIP-3675) or with NoReward, else Reward or the
// rules' own.
func (c *ChainConfig) rewardFor(r *fork.Rules) *uint256.Int {
	switch {
	case c.NoReward || r.Has(3675):
		return new(uint256.Int)
	case c.Reward != nil:
		return new(uint256.Int).Set(c.Reward)
	}
	return blockReward(r)
}
