package transition

import (
	"github.com/goevm/goevm/evm"
	"github.com/goevm/goevm/fork"
	"github.com/goevm/goevm/trace"
	"github.com/goevm/goevm/types"
	"github.com/holiman/uint256"
)

// OmmerReward is what the reward rule needs of an ommer: how many blocks
// older than the including block it is, and who mined it.
type OmmerReward struct {
	Delta    uint64
	Coinbase types.Address
}

// BlockEnv is everything the execution of a block's body needs to know about
// the block: its header fields, its fork, and its history. ProcessBlock
// fills it from a header; t8n fills it from env.json.
type BlockEnv struct {
	Config *ChainConfig
	Fork   fork.Fork

	Coinbase      types.Address
	Number        uint64
	Time          uint64
	GasLimit      uint64
	Difficulty    uint256.Int
	PrevRandao    types.Hash
	BaseFee       *uint256.Int // nil before London
	ExcessBlobGas *uint64      // nil before Cancun
	SlotNumber    uint64       // the beacon chain slot (EIP-7843), for SLOTNUM
	// ParentHash feeds the EIP-2935 history contract.
	ParentHash types.Hash
	// ParentBeaconRoot, when set, is stored by the EIP-4788 system call.
	ParentBeaconRoot *types.Hash

	Ommers      []OmmerReward
	Withdrawals []*types.Withdrawal // nil before Shanghai

	// GetHash answers BLOCKHASH; nil means every hash is zero.
	GetHash func(n uint64) types.Hash
	// Tracer, when set, sees every transaction's execution.
	Tracer *trace.Hooks
	// Senders, when set, gives the sender of each transaction (index as in
	// the body) instead of recovering it from the signature: a dev chain's
	// impersonated accounts send transactions nobody signed. Block import
	// never sets it.
	Senders []types.Address
	// NoCodeSizeLimit lifts the code size limits (evm.Config.NoCodeSizeLimit).
	NoCodeSizeLimit bool
	// Impersonated senders may have code (Env.Impersonated).
	Impersonated map[types.Address]bool
}

func (e *BlockEnv) rules() fork.Rules { return e.Config.rulesOf(e.Fork) }

func (e *BlockEnv) blobParams() BlobParams { return e.Config.BlobParamsAt(e.Fork) }

func (e *BlockEnv) evmConfig() evm.Config {
	return evm.Config{Tracer: e.Tracer, ChainID: e.Config.ChainID, NoCodeSizeLimit: e.NoCodeSizeLimit}
}

// BlockContext is what the interpreter sees of the block (also what
// eth_call at the block runs in).
func (e *BlockEnv) BlockContext() evm.BlockContext {
	ctx := evm.BlockContext{
		Coinbase:   e.Coinbase,
		Number:     e.Number,
		Time:       e.Time,
		GasLimit:   e.GasLimit,
		Difficulty: e.Difficulty,
		PrevRandao: e.PrevRandao,
		SlotNumber: e.SlotNumber,
		GetHash:    e.GetHash,
	}
	if e.BaseFee != nil {
		ctx.BaseFee = *e.BaseFee
	}
	if e.ExcessBlobGas != nil {
		ctx.BlobBaseFee = *BlobBaseFee(*e.ExcessBlobGas, e.blobParams().UpdateFraction)
	}
	return ctx
}

// EnvFromHeader builds the execution environment of block b under cfg.
func EnvFromHeader(cfg *ChainConfig, b *types.Block) *BlockEnv {
	h := b.Header
	env := &BlockEnv{
		Config:           cfg,
		Fork:             cfg.ForkAt(h.Number, h.Time),
		Coinbase:         h.Coinbase,
		Number:           h.Number,
		Time:             h.Time,
		GasLimit:         h.GasLimit,
		Difficulty:       h.Difficulty,
		PrevRandao:       h.MixDigest,
		BaseFee:          h.BaseFee,
		ExcessBlobGas:    h.ExcessBlobGas,
		ParentHash:       h.ParentHash,
		ParentBeaconRoot: h.ParentBeaconBlockRoot,
		Withdrawals:      b.Withdrawals,
	}
	if h.SlotNumber != nil {
		env.SlotNumber = *h.SlotNumber
	}
	for _, o := range b.Ommers {
		env.Ommers = append(env.Ommers, OmmerReward{Delta: h.Number - o.Number, Coinbase: o.Coinbase})
	}
	return env
}
