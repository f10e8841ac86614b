package chain

import (
	"github.com/goevm/goevm/fork"
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
	// Fork governs every block of the chain.
	Fork     fork.Fork
	GasLimit uint64
	// BaseFee is the genesis block's base fee (EIP-1559); later blocks
	// follow the protocol's update rule.
	BaseFee  uint64
	Coinbase types.Address
	// GenesisTime is the genesis timestamp; zero means now.
	GenesisTime uint64
	Alloc       map[types.Address]GenesisAccount
	// DisableCodeSizeLimit lifts EIP-170's and EIP-3860's size limits
	// (anvil's --disable-code-size-limit), for test mocks beyond 24 KiB.
	DisableCodeSizeLimit bool
}

// DefaultConfig is anvil's: chain 31337, the newest fork, 30M gas, a 1 gwei
// initial base fee.
func DefaultConfig() Config {
	return Config{
		ChainID:  31337,
		Fork:     fork.Osaka,
		GasLimit: 30_000_000,
		BaseFee:  1_000_000_000,
		Alloc:    map[types.Address]GenesisAccount{},
	}
}
