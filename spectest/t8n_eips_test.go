package spectest

import (
	"encoding/json"
	"errors"
	"testing"

	"github.com/goevm/goevm/fork"
	"github.com/goevm/goevm/types"
)

// push0Input is a t8n input whose one transaction calls a contract running
// PUSH1 1, PUSH0, SSTORE: slot 0 becomes 1 only if PUSH0 (EIP-3855) is an
// opcode. The sender is the state tests' usual key (address a94f...0b).
const push0Input = `{
 "alloc": {
  "a94f5374fce5edbc8e2a8697c15331677e6ebf0b": {"balance": "0x3635c9adc5dea00000"},
  "1000000000000000000000000000000000000000": {"balance": "0x0", "code": "0x60015f55"}
 },
 "env": {"currentCoinbase": "0x2adc25665018aa1fe0e6bc666dac8fc2697ff9ba", "currentGasLimit": "0x1000000",
  "currentNumber": "0x1", "currentTimestamp": "0x3e8", "currentDifficulty": "0x20000"},
 "txs": [{"type": "0x0", "nonce": "0x0", "gasPrice": "0xa", "gas": "0x186a0",
  "to": "0x1000000000000000000000000000000000000000", "value": "0x0", "input": "0x",
  "v": "0x0", "r": "0x0", "s": "0x0",
  "secretKey": "0x45a915e4d060149eb4365960e6a7a45f334393093061116b197e3240065ff2d8"}]
}`

// TestT8nForkPlusEIP: geth's t8n takes --state.fork Berlin+3855 and runs
// PUSH0 in a Berlin block (cmd/evm/internal/t8ntool with tests/init.go's
// "Fork+EIP" names). Plain Berlin treats 0x5f as an invalid opcode.
func TestT8nForkPlusEIP(t *testing.T) {
	target := types.MustHexToAddress("0x1000000000000000000000000000000000000000")
	slot0 := types.Hash{}
	for _, c := range []struct {
		fork   string
		stored bool
	}{{"Berlin", false}, {"Berlin+3855", true}} {
		var in T8nInput
		if err := json.Unmarshal([]byte(push0Input), &in); err != nil {
			t.Fatal(err)
		}
		out, err := RunT8n(&in, T8nOptions{Fork: c.fork, ChainID: 1})
		if err != nil {
			t.Fatalf("%s: %v", c.fork, err)
		}
		if len(out.Result.Rejected) != 0 || len(out.Result.Receipts) != 1 {
			t.Fatalf("%s: rejected %v, %d receipts", c.fork, out.Result.Rejected, len(out.Result.Receipts))
		}
		got := out.Alloc[target].Storage[slot0]
		if stored := got == (types.Hash{31: 1}); stored != c.stored {
			t.Errorf("%s: slot 0 = %s, want stored=%v", c.fork, got, c.stored)
		}
		if ok := out.Result.Receipts[0].Status == 1; ok != c.stored {
			t.Errorf("%s: receipt status %d", c.fork, out.Result.Receipts[0].Status)
		}
	}
}

// TestT8nForkPlusUnknownEIP: an EIP goevm does not implement is a config
// error naming it, as geth refuses EIPs it has no activator for.
func TestT8nForkPlusUnknownEIP(t *testing.T) {
	var in T8nInput
	if err := json.Unmarshal([]byte(push0Input), &in); err != nil {
		t.Fatal(err)
	}
	_, err := RunT8n(&in, T8nOptions{Fork: "Berlin+9999", ChainID: 1})
	var te *T8nError
	if !errors.As(err, &te) || te.Code != T8nExitConfig || !errors.Is(err, fork.ErrUnknownEIP) {
		t.Fatalf("err = %v, want a config error wrapping fork.ErrUnknownEIP", err)
	}
}

// TestParseNetworkExtraEIPs: "ShanghaiToCancunAtTime15k+7939" keeps the
// transition and adds the EIP to every block's rules.
func TestParseNetworkExtraEIPs(t *testing.T) {
	cfg, err := ParseNetwork("ShanghaiToCancunAtTime15k+7939", 1)
	if err != nil {
		t.Fatal(err)
	}
	for _, time := range []uint64{0, 15_000} {
		if r := cfg.RulesAt(1, time); !r.Has(7939) {
			t.Errorf("time %d: rules %v lack EIP-7939", time, r.EIPs())
		}
	}
	if got := cfg.ForkAt(1, 15_000); got != fork.Cancun {
		t.Errorf("fork at 15k = %v", got)
	}
}
