package difftest

import (
	"bytes"
	"math/big"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/state"
	"github.com/ethereum/go-ethereum/core/tracing"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/core/vm/runtime"
	"github.com/ethereum/go-ethereum/eth/tracers/logger"
	"github.com/ethereum/go-ethereum/params"
	"github.com/holiman/uint256"
)

// gethConfig is a chain configuration with every fork up to and including
// name active from genesis, chain id 1337 as geth's evm run has it.
func gethConfig(name string) *params.ChainConfig {
	zero := big.NewInt(0)
	t0 := uint64(0)
	c := &params.ChainConfig{ChainID: big.NewInt(1337)}
	if name == "Frontier" {
		return c
	}
	c.HomesteadBlock, c.EIP150Block, c.EIP155Block, c.EIP158Block = zero, zero, zero, zero
	c.ByzantiumBlock, c.ConstantinopleBlock, c.PetersburgBlock, c.IstanbulBlock = zero, zero, zero, zero
	c.MuirGlacierBlock, c.BerlinBlock = zero, zero
	if name == "Berlin" {
		return c
	}
	c.LondonBlock, c.ArrowGlacierBlock, c.GrayGlacierBlock = zero, zero, zero
	c.TerminalTotalDifficulty = zero
	c.ShanghaiTime, c.CancunTime = &t0, &t0
	c.BlobScheduleConfig = &params.BlobScheduleConfig{Cancun: params.DefaultCancunBlobConfig, Prague: params.DefaultPragueBlobConfig}
	if name == "Cancun" {
		return c
	}
	c.PragueTime, c.OsakaTime = &t0, &t0
	switch name {
	case "Osaka":
		return c
	case "Amsterdam":
		// geth's tests/init.go "Amsterdam": BPO1 and BPO2 at genesis too,
		// so the blob schedule is BPO2's.
		c.BPO1Time, c.BPO2Time, c.AmsterdamTime = &t0, &t0, &t0
		c.BlobScheduleConfig.BPO1, c.BlobScheduleConfig.BPO2 = params.DefaultBPO1BlobConfig, params.DefaultBPO2BlobConfig
		return c
	}
	panic("gethConfig: no geth configuration for fork " + name)
}

// gethRun does what geth's "evm --json run" does for our defaults: code at
// the receiver, a call from the sender, the JSON logger on the trace.
func gethRun(forkName string, code, input []byte, gas uint64, receiverBalance *big.Int) []byte {
	var trace bytes.Buffer
	db, _ := state.New(types.EmptyRootHash, state.NewDatabaseForTesting())
	receiver := common.BytesToAddress([]byte("receiver"))
	db.SetCode(receiver, code, tracing.CodeChangeUnspecified)
	db.SetBalance(receiver, uint256.MustFromBig(receiverBalance), tracing.BalanceChangeUnspecified)
	cfg := &runtime.Config{
		ChainConfig: gethConfig(forkName),
		Origin:      common.BytesToAddress([]byte("sender")),
		State:       db,
		GasLimit:    gas,
		BlobBaseFee: new(big.Int), // geth's evm run sets it to zero
		EVMConfig:   vmConfig(logger.NewJSONLogger(&logger.Config{}, &trace)),
	}
	runtime.Call(receiver, input, cfg)
	return trace.Bytes()
}
