package rpc

import (
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"testing"

	"github.com/goevm/goevm/chain"
	"github.com/goevm/goevm/fork"
)

// TestEthConfigDevChain: on a dev chain (Osaka from genesis, nothing
// scheduled) eth_config reports Osaka's blob schedule (EIP-7691), the
// precompiles up to P256VERIFY (EIP-7951), the system contracts, and a
// fork id that is the CRC32 of the genesis hash alone (EIP-2124: no
// activations after genesis). The execution-apis chain's answer is checked
// by the conformance runner (eth_config/get-config.io).
func TestEthConfigDevChain(t *testing.T) {
	n := newNode(t)
	var cfg struct {
		Current struct {
			ActivationTime  uint64
			BlobSchedule    struct{ Target, Max, BaseFeeUpdateFraction uint64 }
			ChainID         string
			ForkID          string
			Precompiles     map[string]string
			SystemContracts map[string]string
		}
		Next, Last *struct{}
	}
	n.call(&cfg, "eth_config")
	gh := n.chain.Head().Hash() // the genesis: nothing mined yet
	var want [4]byte
	binary.BigEndian.PutUint32(want[:], crc32.ChecksumIEEE(gh[:]))
	c := cfg.Current
	switch {
	case c.ActivationTime != 0 || c.ChainID != "0x7a69" || c.ForkID != fmt.Sprintf("0x%x", want):
		t.Errorf("activation %d chain %s fork id %s, want 0 0x7a69 0x%x", c.ActivationTime, c.ChainID, c.ForkID, want)
	case c.BlobSchedule.Target != 6 || c.BlobSchedule.Max != 9 || c.BlobSchedule.BaseFeeUpdateFraction != 5007716:
		t.Errorf("blob schedule %+v", c.BlobSchedule)
	case len(c.Precompiles) != 18 || c.Precompiles["P256VERIFY"] != "0x0000000000000000000000000000000000000100":
		t.Errorf("precompiles %v", c.Precompiles)
	case len(c.SystemContracts) != 5 || c.SystemContracts["DEPOSIT_CONTRACT_ADDRESS"] != "0x00000000219ab540356cbb839cbe05303d7705fa":
		t.Errorf("system contracts %v", c.SystemContracts)
	case cfg.Next != nil || cfg.Last != nil:
		t.Error("next or last fork reported on a chain with none scheduled")
	}
	n.fail(-32602, "", "eth_config", 1)
}

// TestCapabilities: eth_capabilities names the head and serves everything
// from block 0 (an archive node).
func TestCapabilities(t *testing.T) {
	n := newNode(t)
	var c map[string]map[string]any
	n.call(&c, "eth_capabilities")
	if c["head"]["number"] != "0x0" || c["head"]["hash"] != n.chain.Head().Hash().Hex() {
		t.Errorf("head %v", c["head"])
	}
	for _, k := range []string{"state", "tx", "logs", "receipts", "blocks", "stateproofs"} {
		if c[k]["disabled"] != false || c[k]["oldestBlock"] != "0x0" {
			t.Errorf("%s: %v", k, c[k])
		}
	}
	n.fail(-32602, "", "eth_capabilities", 1)
}

// TestEthConfigAmsterdam: a dev chain on Amsterdam reports it as geth's
// eth_config does: the precompiles of Osaka, Prague's system contracts and
// EIP-8282's builder deposit and exit queues under geth's names
// (params.ChainConfig.ActiveSystemContracts), and with no BPO fork
// configured Prague's blob schedule (geth's BlobConfig walks down to the
// last configured entry).
func TestEthConfigAmsterdam(t *testing.T) {
	n := newNode(t, func(c *chain.Config) { c.Fork = fork.Amsterdam })
	var cfg struct {
		Current struct {
			BlobSchedule    struct{ Target, Max, BaseFeeUpdateFraction uint64 }
			Precompiles     map[string]string
			SystemContracts map[string]string
		}
	}
	n.call(&cfg, "eth_config")
	c := cfg.Current
	if c.BlobSchedule.Target != 6 || c.BlobSchedule.Max != 9 || c.BlobSchedule.BaseFeeUpdateFraction != 5007716 {
		t.Errorf("blob schedule %+v", c.BlobSchedule)
	}
	if len(c.Precompiles) != 18 {
		t.Errorf("precompiles %v", c.Precompiles)
	}
	if len(c.SystemContracts) != 7 ||
		c.SystemContracts["BUILDER_DEPOSIT_CONTRACT_ADDRESS"] != "0x0000bff46984e3725691fa540a8c7589300d8282" ||
		c.SystemContracts["BUILDER_EXIT_CONTRACT_ADDRESS"] != "0x000064d678505ad48f8ccb093bc65613800e8282" {
		t.Errorf("system contracts %v", c.SystemContracts)
	}
}
