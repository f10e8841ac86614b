package chain

import (
	"github.com/goevm/goevm/fork"
	"github.com/goevm/goevm/transition"
	"github.com/goevm/goevm/types"
	"github.com/holiman/uint256"
)

// GenesisAccount is one account of the genesis allocation.
type GenesisAccount struct {
	Balance uint256.Int
	Nonce   uint64
	Code    []byte
	Storage map[types.Hash]types.Hash
}

// Config is what a dev chain is made of. Its zero values are not useful;
// start from DefaultConfig.
type Config struct {
	ChainID uint64
	// Fork governs the genesis block, and every later block unless
	// Schedule switches to another.
	Fork fork.Fork
	// Schedule lists the forks that activate after genesis, in order, at a
	// block number or (after the Merge) a timestamp, as a geth genesis
	// file's config says.
	Schedule []transition.Activation
	// BlobSchedule replaces the blob parameters from a timestamp on: a
	// genesis file's blobSchedule per fork, and the blob-parameter-only
	// forks (BPO1-BPO5), which change nothing else. The last entry whose
	// time has come applies.
	BlobSchedule []BlobActivation
	// DAOForkBlock, when set, is where the chain takes the DAO hard fork
	// (EIP-779; a geth genesis file's daoForkBlock with daoForkSupport):
	// transition.ChainConfig.DAOForkBlock.
	DAOForkBlock *uint64
	// Genesis, when set, is the genesis header exactly as a geth genesis
	// file gives it, and no system contracts are predeployed: the block
	// hash must be the one geth computes for the same file.
	Genesis *GenesisHeader
	// DepositContract is the EIP-6110 deposit contract eth_config reports
	// (a genesis file's depositContractAddress); nil means mainnet's.
	// Block processing reads transition.DepositContractAddress.
	DepositContract *types.Address
	GasLimit        uint64
	// BaseFee is the genesis block's base fee (EIP-1559); later blocks
	// follow the protocol's update rule.
	BaseFee  uint64
	Coinbase types.Address
	// GenesisTime is the genesis timestamp; zero means now.
	GenesisTime uint64
	Alloc       map[types.Address]GenesisAccount
	// Remote, when set, forks another node's chain (fork.go): the chain
	// starts from its state at a block. A zero ChainID or GasLimit is then
	// the remote's; Alloc is applied over the remote's state.
	Remote *RemoteFork
	// DisableCodeSizeLimit lifts EIP-170's and EIP-3860's size limits
	// (anvil's --disable-code-size-limit), for test mocks beyond 24 KiB.
	DisableCodeSizeLimit bool
}

// DefaultConfig is anvil's: chain 31337, the newest fork, 30M gas, a 1 gwei
// initial base fee.
func DefaultConfig() Config {
	return Config{
		ChainID:  31337,
		Fork:     fork.Mainnet,
		GasLimit: 30_000_000,
		BaseFee:  1_000_000_000,
		Alloc:    map[types.Address]GenesisAccount{},
	}
}

// BlobActivation switches the blob parameters at a timestamp.
type BlobActivation struct {
	Name   string // the genesis file's name for it: "cancun", "bpo1", ...
	Time   uint64
	Params transition.BlobParams
}

// GenesisHeader holds the genesis header fields a geth genesis file sets
// beyond Config's gas limit, coinbase, base fee and time.
type GenesisHeader struct {
	Nonce         uint64
	ExtraData     []byte
	Difficulty    uint256.Int
	MixHash       types.Hash
	ParentHash    types.Hash
	ExcessBlobGas *uint64
	BlobGasUsed   *uint64
	SlotNumber    *uint64 // EIP-7843
}

// ForkAt is the fork in force for a block with this number and timestamp.
func (c *Config) ForkAt(number, time uint64) fork.Fork {
	tc := transition.ChainConfig{Base: c.Fork, Later: c.Schedule}
	return tc.ForkAt(number, time)
}

// BlobParamsAt is the blob schedule in force for a block with this number
// and timestamp: the fork's own, unless BlobSchedule replaces it. The
// per-transaction cap (EIP-7594) stays the fork's.
func (c *Config) BlobParamsAt(number, time uint64) transition.BlobParams {
	f := c.ForkAt(number, time)
	p := transition.BlobParamsFor(f)
	if !f.Rules().IsCancun {
		return p
	}
	for _, b := range c.BlobSchedule {
		if time >= b.Time {
			perTx := p.MaxPerTx
			p = b.Params
			p.MaxPerTx = perTx
		}
	}
	return p
}
