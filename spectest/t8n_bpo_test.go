package spectest

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/goevm/goevm/internal/fixtures"
)

// TestT8nBPONetworks: t8n on the BPO networks and the transitions through
// them gives geth's answers. The expected state roots and excess blob gas
// are geth v1.17.10's `evm t8n` on the same input (a parent with 50M excess
// blob gas and 6 blobs used, a call storing BLOBBASEFEE, the Cancun and
// Prague system contracts), before and at time 15000: the excess moves by
// 6 blobs less the network's target, and BLOBBASEFEE follows its update
// fraction, so each BPO fork's target and fraction are pinned, and a
// transition switches them at its time.
func TestT8nBPONetworks(t *testing.T) {
	dir := fixtures.Dir(t, "execution-apis/tests")
	raw, err := os.ReadFile(filepath.Join(dir, "genesis.json"))
	if err != nil {
		t.Fatal(err)
	}
	var genesis struct {
		Alloc map[string]struct{ Code string } `json:"alloc"`
	}
	if err := json.Unmarshal(raw, &genesis); err != nil {
		t.Fatal(err)
	}
	alloc := map[string]any{
		"0xa94f5374fce5edbc8e2a8697c15331677e6ebf0b": map[string]any{"balance": "0x3635c9adc5dea00000", "nonce": "0x0", "code": "0x", "storage": map[string]string{}},
		"0x1000000000000000000000000000000000000000": map[string]any{"balance": "0x0", "nonce": "0x0", "code": "0x4a5f5500", "storage": map[string]string{}}, // BLOBBASEFEE PUSH0 SSTORE STOP
	}
	for _, a := range []string{"00000961ef480eb55e80d19ad83579a64c007002", "0000bbddc7ce488642fb579f8b00f3a590007251", "0000f90827f1c53a10cb7a02335b175320002935", "000f3df6d732807ef1319fb7b8bb8522d0beac02"} {
		alloc["0x"+a] = map[string]any{"balance": "0x0", "nonce": "0x1", "code": genesis.Alloc[a].Code, "storage": map[string]string{}}
	}
	allocJSON, err := json.Marshal(alloc)
	if err != nil {
		t.Fatal(err)
	}
	const envTmpl = `{"currentCoinbase": "0x2adc25665018aa1fe0e6bc666dac8fc2697ff9ba", "currentGasLimit": "0x1000000", "currentNumber": "0x1",
 "currentTimestamp": "%s", "parentTimestamp": "0x0", "currentRandom": "0x0000000000000000000000000000000000000000000000000000000000020000",
 "currentDifficulty": "0x0", "parentDifficulty": "0x0", "parentBaseFee": "0x7", "parentGasUsed": "0x0", "parentGasLimit": "0x1000000",
 "parentExcessBlobGas": "0x2faf080", "parentBlobGasUsed": "0xc0000", "parentUncleHash": "0x1dcc4de8dec75d7aab85b567b6ccd41ad312451b948a7413f0a142fd40d49347",
 "parentBeaconBlockRoot": "0x0000000000000000000000000000000000000000000000000000000000000001", "withdrawals": [],
 "blockHashes": {"0": "0xe729de3fec21e30bea3d56adb01ed14bc107273c2775f9355afb10f594a10d9e"}}`
	const txs = `[{"type": "0x2", "chainId": "0x1", "nonce": "0x0", "maxFeePerGas": "0x3b9aca00", "maxPriorityFeePerGas": "0x1", "gas": "0x186a0",
 "to": "0x1000000000000000000000000000000000000000", "value": "0x0", "input": "0x", "accessList": [], "v": "0x0", "r": "0x0", "s": "0x0",
 "secretKey": "0x45a915e4d060149eb4365960e6a7a45f334393093061116b197e3240065ff2d8"}]`
	for _, c := range []struct{ network, time, root, excess string }{
		{"Osaka", "0x3e8", "0xfdfa6081a5d286df2ac92d10b58f1e6040ff9a622a0fbdfa0a0f278d3504e60f", "0x2faf080"},
		{"BPO1", "0x3e8", "0x4d9072b92c76d6917e5f769cb39de6e828b450e42ac2446e0b89d1f2f705d534", "0x2f2f080"},
		{"BPO2", "0x3e8", "0xe15478598d064ecb3610b3b342a8e67f79314e81b9fb28807c40efaf440e2923", "0x2eaf080"},
		{"BPO3", "0x3e8", "0x9c76f677f030ef160d2198b3f414da3e25279490fd062ba80016415273e7d9c2", "0x2dcf080"},
		{"BPO4", "0x3e8", "0x7cb843a84eb664182235ae1beef7e2946ed3068d11ca08b02e27653cf19108b1", "0x2eaf080"},
		{"OsakaToBPO1AtTime15k", "0x3e8", "0xfdfa6081a5d286df2ac92d10b58f1e6040ff9a622a0fbdfa0a0f278d3504e60f", "0x2faf080"},
		{"OsakaToBPO1AtTime15k", "0x3a98", "0x4ef437c75e434828b00f2f999ce382297117fb159c95be70d03d3f434e46c1ad", "0x2f2f080"},
		{"BPO1ToBPO2AtTime15k", "0x3e8", "0x4d9072b92c76d6917e5f769cb39de6e828b450e42ac2446e0b89d1f2f705d534", "0x2f2f080"},
		{"BPO1ToBPO2AtTime15k", "0x3a98", "0xa728539cde1d6203b8c185dbc0182a378a189675eb96918d5a96e61756a3dbc4", "0x2eaf080"},
		{"BPO2ToBPO3AtTime15k", "0x3a98", "0xdc139afef6ebf0bad0b1b467fe5e9533b83ea748c88cc5b8c7beb832092a0879", "0x2dcf080"},
		{"BPO3ToBPO4AtTime15k", "0x3e8", "0x9c76f677f030ef160d2198b3f414da3e25279490fd062ba80016415273e7d9c2", "0x2dcf080"},
		{"BPO3ToBPO4AtTime15k", "0x3a98", "0xcaad7e2b152c4b6630c68c6fe66b06a055920e1cc1cc8841d59308acd6c44cf5", "0x2eaf080"},
	} {
		var in T8nInput
		input := fmt.Sprintf(`{"alloc": %s, "env": %s, "txs": %s}`, allocJSON, fmt.Sprintf(envTmpl, c.time), txs)
		if err := json.NewDecoder(strings.NewReader(input)).Decode(&in); err != nil {
			t.Fatal(err)
		}
		out, err := RunT8n(&in, T8nOptions{Fork: c.network, ChainID: 1})
		if err != nil {
			t.Fatalf("%s at %s: %v", c.network, c.time, err)
		}
		r := out.Result
		if r.StateRoot.Hex() != c.root || r.ExcessBlobGas == nil || fmt.Sprintf("%#x", uint64(*r.ExcessBlobGas)) != c.excess || len(r.Rejected) != 0 {
			t.Errorf("%s at %s: root %s excess %v rejected %d, geth: root %s excess %s", c.network, c.time, r.StateRoot, r.ExcessBlobGas, len(r.Rejected), c.root, c.excess)
		}
	}
}
