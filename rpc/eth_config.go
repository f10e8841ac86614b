package rpc

import (
	"fmt"

	"github.com/goevm/goevm/chain"
	"github.com/goevm/goevm/evm/precompile"
	"github.com/goevm/goevm/fork"
	"github.com/goevm/goevm/transition"
	"github.com/goevm/goevm/types"
)

// eth_config (EIP-7910): the fork in force at the head, the next one
// scheduled and the last one, each with its blob schedule, fork id
// (EIP-2124), precompiles and system contracts, as geth answers it.

func (s *Server) registerConfig() {
	s.methods["eth_config"] = noArgs(func(*callCtx, args) (any, error) {
		// A fork's ids start from its remote's genesis (asked once): a
		// remote that does not answer is an error, not a zero id.
		if err := s.chain.ForkIDErr(); err != nil {
			return nil, err
		}
		h := s.chain.Head().Header
		cur, next, last := s.chain.ForkConfigsAt(h.Number, h.Time)
		out := ethConfig{Current: s.forkConfig(cur)}
		if next != nil {
			out.Next = s.forkConfig(*next)
		}
		if last != nil {
			out.Last = s.forkConfig(*last)
		}
		return out, nil
	})
}

type ethConfig struct {
	Current *forkConfig `json:"current"`
	Next    *forkConfig `json:"next"`
	Last    *forkConfig `json:"last"`
}

type forkConfig struct {
	ActivationTime  uint64                   `json:"activationTime"`
	BlobSchedule    *blobSchedule            `json:"blobSchedule"`
	ChainID         quantity                 `json:"chainId"`
	ForkID          data                     `json:"forkId"`
	Precompiles     map[string]types.Address `json:"precompiles"`
	SystemContracts map[string]types.Address `json:"systemContracts"`
}

type blobSchedule struct {
	Target         uint64 `json:"target"`
	Max            uint64 `json:"max"`
	UpdateFraction uint64 `json:"baseFeeUpdateFraction"`
}

// precompileNames are EIP-7910's names for the precompiled contracts.
var precompileNames = map[uint16]string{
	0x01: "ECREC", 0x02: "SHA256", 0x03: "RIPEMD160", 0x04: "ID", 0x05: "MODEXP",
	0x06: "BN254_ADD", 0x07: "BN254_MUL", 0x08: "BN254_PAIRING", 0x09: "BLAKE2F",
	0x0a: "KZG_POINT_EVALUATION", 0x0b: "BLS12_G1ADD", 0x0c: "BLS12_G1MSM", 0x0d: "BLS12_G2ADD",
	0x0e: "BLS12_G2MSM", 0x0f: "BLS12_PAIRING_CHECK", 0x10: "BLS12_MAP_FP_TO_G1",
	0x11: "BLS12_MAP_FP2_TO_G2", 0x100: "P256VERIFY",
}

func (s *Server) forkConfig(fc chain.ForkConfig) *forkConfig {
	cfg := s.chain.Config()
	out := &forkConfig{
		ChainID:     quantity(cfg.ChainID),
		ForkID:      data(fc.ID[:]),
		Precompiles: map[string]types.Address{},
	}
	if fc.Point.Time != nil {
		out.ActivationTime = *fc.Point.Time
	}
	rules := fc.Fork.Rules()
	for _, a := range precompile.Addresses(&rules) {
		n := uint16(a[18])<<8 | uint16(a[19])
		name, ok := precompileNames[n]
		if !ok {
			name = fmt.Sprintf("PRECOMPILE_%#x", n) // one registered by a library user
		}
		out.Precompiles[name] = a
	}
	if fc.Fork >= fork.Cancun {
		out.BlobSchedule = &blobSchedule{Target: fc.Blobs.Target, Max: fc.Blobs.Max, UpdateFraction: fc.Blobs.UpdateFraction}
		out.SystemContracts = map[string]types.Address{"BEACON_ROOTS_ADDRESS": transition.BeaconRootsAddress}
	}
	if fc.Fork >= fork.Prague {
		deposit := transition.DepositContractAddress
		if cfg.DepositContract != nil {
			deposit = *cfg.DepositContract
		}
		out.SystemContracts["CONSOLIDATION_REQUEST_PREDEPLOY_ADDRESS"] = transition.ConsolidationRequestAddress
		out.SystemContracts["DEPOSIT_CONTRACT_ADDRESS"] = deposit
		out.SystemContracts["HISTORY_STORAGE_ADDRESS"] = transition.HistoryStorageAddress
		out.SystemContracts["WITHDRAWAL_REQUEST_PREDEPLOY_ADDRESS"] = transition.WithdrawalRequestAddress
	}
	if rules.Has(8282) {
		// EIP-8282's builder request queues, under geth's names
		// (params.ChainConfig.ActiveSystemContracts, Amsterdam on).
		out.SystemContracts["BUILDER_DEPOSIT_CONTRACT_ADDRESS"] = transition.BuilderDepositRequestAddress
		out.SystemContracts["BUILDER_EXIT_CONTRACT_ADDRESS"] = transition.BuilderExitRequestAddress
	}
	return out
}
