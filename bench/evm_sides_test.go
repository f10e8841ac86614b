package bench

import (
	"math/big"

	"github.com/ethereum/go-ethereum/common"
	gethstate "github.com/ethereum/go-ethereum/core/state"
	"github.com/ethereum/go-ethereum/core/tracing"
	gethtypes "github.com/ethereum/go-ethereum/core/types"
	gethvm "github.com/ethereum/go-ethereum/core/vm"
	"github.com/ethereum/go-ethereum/params"
	"github.com/holiman/uint256"

	"github.com/goevm/goevm/evm"
	"github.com/goevm/goevm/fork"
	"github.com/goevm/goevm/spectest"
)

// caller runs one benchmark case's message call on a state that persists
// between calls (storage written by one call is there for the next, as in
// evmone-bench), returning the output and the gas used.
type caller interface {
	call() (out []byte, gasUsed uint64, err error)
}

// The block both sides run in: Istanbul rules (as evmone-bench runs), the
// evm-benchmarks env values. No benchmark reads BLOCKHASH.
const (
	blockNumber = 1
	blockTime   = 0x61a8d289
	blockGas    = 0x3b9aca00
)

type goevmCaller struct {
	c *spectest.BenchCase
	e *evm.EVM
}

func newGoevmCaller(c *spectest.BenchCase) *goevmCaller {
	db := c.NewState()
	block := evm.BlockContext{Number: blockNumber, Time: blockTime, GasLimit: blockGas}
	block.Difficulty.SetOne()
	tx := evm.TxContext{Origin: c.Caller}
	tx.GasPrice.SetOne()
	return &goevmCaller{c: c, e: evm.New(block, tx, db, fork.Istanbul.Rules(), evm.Config{ChainID: 1})}
}

func (g *goevmCaller) call() ([]byte, uint64, error) {
	out, left, err := g.e.Call(g.c.Caller, g.c.To, g.c.Input, g.c.Gas, &g.c.Value)
	return out, g.c.Gas - left, err
}

type gethCaller struct {
	c        *spectest.BenchCase
	e        *gethvm.EVM
	from, to common.Address
	value    *uint256.Int
}

// istanbulConfig activates every fork up to Istanbul at genesis, nothing later.
var istanbulConfig = &params.ChainConfig{
	ChainID:             big.NewInt(1),
	HomesteadBlock:      big.NewInt(0),
	EIP150Block:         big.NewInt(0),
	EIP155Block:         big.NewInt(0),
	EIP158Block:         big.NewInt(0),
	ByzantiumBlock:      big.NewInt(0),
	ConstantinopleBlock: big.NewInt(0),
	PetersburgBlock:     big.NewInt(0),
	IstanbulBlock:       big.NewInt(0),
}

func newGethCaller(c *spectest.BenchCase) *gethCaller {
	sdb, err := gethstate.New(gethtypes.EmptyRootHash, gethstate.NewDatabaseForTesting())
	if err != nil {
		panic(err)
	}
	for _, a := range c.Pre {
		addr := common.Address(a.Address)
		sdb.SetBalance(addr, &a.Balance, tracing.BalanceChangeUnspecified)
		sdb.SetNonce(addr, a.Nonce, tracing.NonceChangeUnspecified)
		if len(a.Code) > 0 {
			sdb.SetCode(addr, a.Code, tracing.CodeChangeUnspecified)
		}
		for _, kv := range a.Storage {
			sdb.SetState(addr, common.Hash(kv[0]), common.Hash(kv[1]))
		}
	}
	block := gethvm.BlockContext{
		CanTransfer: gethCanTransfer,
		Transfer:    gethTransfer,
		GetHash:     func(uint64) common.Hash { return common.Hash{} },
		BlockNumber: big.NewInt(blockNumber),
		Time:        blockTime,
		GasLimit:    blockGas,
		Difficulty:  big.NewInt(1),
	}
	e := gethvm.NewEVM(block, sdb, istanbulConfig, gethvm.Config{})
	sdb.Finalise(e.ChainConfig().Rules(block.BlockNumber, false, block.Time))
	e.SetTxContext(gethvm.TxContext{Origin: common.Address(c.Caller), GasPrice: uint256.NewInt(1)})
	return &gethCaller{c: c, e: e, from: common.Address(c.Caller), to: common.Address(c.To), value: &c.Value}
}

func (g *gethCaller) call() ([]byte, uint64, error) {
	budget := gethvm.NewGasBudget(g.c.Gas, 0)
	out, left, err := g.e.Call(g.from, g.to, g.c.Input, budget, g.value)
	return out, left.Used(budget), err
}

// gethCanTransfer and gethTransfer are geth's core.CanTransfer and
// core.Transfer for pre-Amsterdam rules, written here so this module does
// not pull in go-ethereum's consensus packages.
func gethCanTransfer(db gethvm.StateDB, addr common.Address, amount *uint256.Int) bool {
	bal := db.GetBalance(addr)
	return bal.Cmp(amount) >= 0
}

func gethTransfer(db gethvm.StateDB, from, to common.Address, amount *uint256.Int, _ *params.Rules) {
	db.SubBalance(from, amount, tracing.BalanceChangeTransfer)
	db.AddBalance(to, amount, tracing.BalanceChangeTransfer)
}
