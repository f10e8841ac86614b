package transition

import (
	"github.com/goevm/goevm/fork"
	"github.com/holiman/uint256"
)

// Activation switches a fork on at a block number or, for forks after the
// Merge, at a timestamp (whichever of the two is set).
type Activation struct {
	Fork  fork.Fork
	Block *uint64
	Time  *uint64
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

// BlobParamsAt is the blob schedule in force at fork f.
func (c *ChainConfig) BlobParamsAt(f fork.Fork) BlobParams {
	if c.Blobs.Max != 0 {
		return c.Blobs
	}
	return BlobParamsFor(f)
}

// Proof-of-work block rewards (Yellow Paper R_block): 5 ETH from Frontier,
// 3 ETH from Byzantium (EIP-649), 2 ETH from Constantinople (EIP-1234), none
// from Paris (EIP-3675).
func blockReward(f fork.Fork) *uint256.Int {
	eth := uint256.NewInt(1_000_000_000_000_000_000)
	switch {
	case f >= fork.Paris:
		return new(uint256.Int)
	case f >= fork.Constantinople:
		return eth.Mul(eth, uint256.NewInt(2))
	case f >= fork.Byzantium:
		return eth.Mul(eth, uint256.NewInt(3))
	}
	return eth.Mul(eth, uint256.NewInt(5))
}

// RewardAt is the block reward paid at fork f under this configuration.
func (c *ChainConfig) RewardAt(f fork.Fork) *uint256.Int {
	switch {
	case c.NoReward || f >= fork.Paris:
		return new(uint256.Int)
	case c.Reward != nil:
		return new(uint256.Int).Set(c.Reward)
	}
	return blockReward(f)
}
