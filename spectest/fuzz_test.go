package spectest

import (
	"encoding/json"
	"math/big"
	"os"
	"path/filepath"
	"testing"

	"github.com/goevm/goevm/internal/fixtures"
	"github.com/goevm/goevm/types"
)

// Fuzz targets for the runners' inputs (issue 19): fixture JSON, t8n's
// alloc/env/txs (JSON and RLP). The property is that no input panics or
// hangs: everything a file can say is either run or refused with an error.
// Inputs whose gas could make one run slow (a loop given 2^63 gas) are left
// out, so an iteration stays well under a second; gas is the interpreter's
// own fuzz target's business. `.ci/fuzz.sh` runs each briefly.

// fuzzGasCap bounds the gas a fuzzed case may give a transaction.
const fuzzGasCap = 10_000_000

// seedFile adds a fixture file as a seed when the fixtures are present.
func seedFile(f *testing.F, rel string) {
	raw, err := os.ReadFile(filepath.Join(fixtures.Root(), rel))
	if err == nil {
		f.Add(raw)
	}
}

// gasWithin reports whether every quantity in limits that parses is at most
// max (those that do not parse fail the case before anything runs).
func gasWithin(max uint64, limits ...string) bool {
	for _, s := range limits {
		if v, err := types.ParseUint64(s); err == nil && v > max {
			return false
		}
		if v, ok := new(big.Int).SetString(s, 0); ok && !v.IsUint64() {
			return false
		}
	}
	return true
}

func FuzzStateTestJSON(f *testing.F) {
	seedFile(f, "ethereum-tests/GeneralStateTests/stExample/add11.json")
	seedFile(f, "ethereum-tests/GeneralStateTests/stExample/accessListExample.json")
	seedFile(f, "eest/state_tests/cancun/eip4844_blobs/blob_txs/blob_tx_attribute_opcodes.json")
	for _, s := range []string{`{}`, `null`, `[]`, `{"t":null}`, `{"t":{"post":{},"transaction":{"gasLimit":[]}}}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		tests, err := ParseStateTests(data)
		if err != nil {
			return
		}
		for name, st := range tests {
			if !gasWithin(fuzzGasCap, st.Transaction.GasLimit...) {
				continue
			}
			for _, r := range st.Run(name, nil) {
				if !r.Pass && r.Error == "" {
					t.Fatalf("%s %s/%d failed without saying why", name, r.Fork, r.Index)
				}
			}
		}
	})
}

func FuzzBlockTestJSON(f *testing.F) {
	seedFile(f, "legacytests/Cancun/BlockchainTests/ValidBlocks/bcEIP1153-transientStorage/tloadDoesNotPersistCrossTxn.json")
	seedFile(f, "legacytests/Cancun/BlockchainTests/ValidBlocks/bcEIP4844-blobtransactions/blockWithAllTransactionTypes.json")
	for _, s := range []string{`{}`, `null`, `{"t":{"blocks":[],"network":"Cancun"}}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		tests, err := ParseBlockTests(data)
		if err != nil {
			return
		}
		for name, bt := range tests {
			// Blocks may change the gas limit by 1/1024 a block only, so
			// the genesis limit bounds every block's.
			var g struct {
				GasLimit string `json:"gasLimit"`
			}
			raw, _ := json.Marshal(bt.GenesisHeader)
			if json.Unmarshal(raw, &g) != nil || !gasWithin(fuzzGasCap, g.GasLimit) {
				continue
			}
			if r := bt.Run(name); !r.Pass && r.Error == "" {
				t.Fatalf("%s failed without saying why", name)
			}
		}
	})
}

// FuzzT8n feeds alloc, env and txs as t8n reads them; asRLP takes txs as
// the hex RLP list of --input.txs FILE.rlp instead of JSON.
func FuzzT8n(f *testing.F) {
	alloc := `{"0xa94f5374fce5edbc8e2a8697c15331677e6ebf0b":{"balance":"0x5ffd4878be161d74","nonce":"0xac"},"0x8a8eafb1cf62bfbeb1741769dae1a9dd47996192":{"balance":"0xfeedbead","code":"0x600160005500"}}`
	env := `{"currentCoinbase":"0xc94f5374fce5edbc8e2a8697c15331677e6ebf0b","currentDifficulty":"0x20000","currentGasLimit":"0x1000000","currentNumber":"1","currentTimestamp":"1000","currentBaseFee":"0x7","currentExcessBlobGas":"0x0","parentBeaconBlockRoot":"0x0000000000000000000000000000000000000000000000000000000000000000","withdrawals":[]}`
	tx := `[{"gas":"0x5208","gasPrice":"0x2","input":"0x","nonce":"0x0","r":"0x9500e8ba27d3c33ca7764e107410f44cbd8c19794bde214d694683a7aa998cdb","s":"0x7235ae07e4bd6e0206d102b1f8979d6adab280466b6a82d2208ee08951f1f600","to":"0x8a8eafb1cf62bfbeb1741769dae1a9dd47996192","v":"0x1b","value":"0x1"}]`
	signed := `[{"type":"0x2","chainId":"0x1","gas":"0x10000","maxFeePerGas":"0x10","maxPriorityFeePerGas":"0x1","input":"0x","nonce":"0xac","to":"0x8a8eafb1cf62bfbeb1741769dae1a9dd47996192","value":"0x1","secretKey":"0x45a915e4d060149eb4365960e6a7a45f334393093061116b197e3240065ff2d8"}]`
	f.Add([]byte(alloc), []byte(env), []byte(tx), false)
	f.Add([]byte(alloc), []byte(env), []byte(signed), false)
	f.Add([]byte(alloc), []byte(env), []byte(`null`), false)
	f.Add([]byte(alloc), []byte(env), []byte(`"0xc0"`), true)
	f.Add([]byte(alloc), []byte(env), []byte(`"0xf866f864808203e882520894000000000000000000000000000000000000000001801ba0aaaa"`), true)
	f.Fuzz(func(t *testing.T, alloc, env, txs []byte, asRLP bool) {
		in := &T8nInput{}
		if json.Unmarshal(alloc, &in.Alloc) != nil || json.Unmarshal(env, &in.Env) != nil {
			return
		}
		if !gasWithin(fuzzGasCap, in.Env.GasLimit) {
			return
		}
		if asRLP {
			var h string
			if json.Unmarshal(txs, &h) != nil {
				return
			}
			b, err := types.DecodeHex(h)
			if err != nil {
				return
			}
			in.TxsRLP = b
		} else {
			in.Txs = txs
		}
		// The fork follows from the input, so each keeps one meaning.
		fork := []string{"Berlin", "Cancun", "Osaka"}[len(env)%3]
		out, err := RunT8n(in, T8nOptions{Fork: fork, ChainID: 1})
		if err == nil && out == nil {
			t.Fatalf("%s: no output and no error", fork)
		}
	})
}
