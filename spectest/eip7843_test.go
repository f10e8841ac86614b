package spectest

import (
	"encoding/json"
	"testing"

	"github.com/goevm/goevm/fork"
	"github.com/goevm/goevm/transition"
	"github.com/goevm/goevm/types"
)

// slotInput is a t8n input whose one transaction runs SLOTNUM, PUSH0,
// SSTORE: slot 0 holds env.slotNumber (EIP-7843; geth's t8n env name).
const slotInput = `{
 "alloc": {
  "a94f5374fce5edbc8e2a8697c15331677e6ebf0b": {"balance": "0x3635c9adc5dea00000"},
  "1000000000000000000000000000000000000000": {"balance": "0x0", "code": "0x4b5f55"}
 },
 "env": {"currentCoinbase": "0x2adc25665018aa1fe0e6bc666dac8fc2697ff9ba", "currentGasLimit": "0x1000000",
  "currentNumber": "0x1", "currentTimestamp": "0x3e8", "currentRandom": "0x0000000000000000000000000000000000000000000000000000000000020000",
  "currentBaseFee": "0x7", "currentExcessBlobGas": "0x0", "withdrawals": [],
  "parentBeaconBlockRoot": "0x0000000000000000000000000000000000000000000000000000000000000000",
  "slotNumber": "0x2a"},
 "txs": [{"type": "0x0", "nonce": "0x0", "gasPrice": "0xa", "gas": "0x186a0",
  "to": "0x1000000000000000000000000000000000000000", "value": "0x0", "input": "0x",
  "v": "0x0", "r": "0x0", "s": "0x0",
  "secretKey": "0x45a915e4d060149eb4365960e6a7a45f334393093061116b197e3240065ff2d8"}]
}`

// TestT8nSlotNumber: env.json's slotNumber reaches SLOTNUM.
func TestT8nSlotNumber(t *testing.T) {
	var in T8nInput
	if err := json.Unmarshal([]byte(slotInput), &in); err != nil {
		t.Fatal(err)
	}
	out, err := RunT8n(&in, T8nOptions{Fork: "Shanghai+7843", ChainID: 1})
	if err != nil {
		t.Fatal(err)
	}
	target := types.MustHexToAddress("0x1000000000000000000000000000000000000000")
	if len(out.Result.Receipts) != 1 || out.Result.Receipts[0].Status != 1 {
		t.Fatalf("receipts %+v, rejected %v", out.Result.Receipts, out.Result.Rejected)
	}
	if got := out.Alloc[target].Storage[types.Hash{}]; got != (types.Hash{31: 0x2a}) {
		t.Errorf("slot 0 = %s, want 0x2a", got)
	}
	in.Env.SlotNumber = "0xzz"
	if _, err := RunT8n(&in, T8nOptions{Fork: "Shanghai+7843", ChainID: 1}); err == nil {
		t.Error("a malformed slotNumber was accepted")
	}
}

// TestStateTestSlotNumber: a state test's env.slotNumber (geth's
// tests/state_test_util.go name) is the block's slot.
func TestStateTestSlotNumber(t *testing.T) {
	st := &StateTest{Env: stEnv{GasLimit: "0x1000000", Number: "0x1", Timestamp: "0x3e8", SlotNumber: "0x2a"}}
	env, err := st.env("Amsterdam", fork.Amsterdam, transition.BlobParamsFor(fork.Amsterdam))
	if err != nil {
		t.Fatal(err)
	}
	if env.Block.SlotNumber != 0x2a {
		t.Errorf("slot %d", env.Block.SlotNumber)
	}
}
