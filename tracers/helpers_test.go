package tracers_test

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/goevm/goevm/evm"
	"github.com/goevm/goevm/fork"
	"github.com/goevm/goevm/state"
	"github.com/goevm/goevm/trace"
	"github.com/goevm/goevm/transition"
	"github.com/goevm/goevm/types"
	"github.com/holiman/uint256"
)

var (
	sender   = types.MustHexToAddress("0xa94f5374fce5edbc8e2a8697c15331677e6ebf0b")
	contract = types.MustHexToAddress("0x000000000000000000000000000000000000c0de")
	coinbase = types.MustHexToAddress("0x2adc25665018aa1fe0e6bc666dac8fc2697ff9ba")
)

// account is a pre-state entry for newState.
type account struct {
	balance uint64
	nonce   uint64
	code    string
	storage map[uint64]uint64
}

func newState(t testing.TB, accounts map[types.Address]account) *state.Memory {
	t.Helper()
	db := state.New()
	for addr, a := range accounts {
		db.SetBalance(addr, uint256.NewInt(a.balance))
		db.SetNonce(addr, a.nonce)
		if a.code != "" {
			db.SetCode(addr, mustHex(a.code))
		}
		for k, v := range a.storage {
			db.SetState(addr, types.Hash(uint256.NewInt(k).Bytes32()), types.Hash(uint256.NewInt(v).Bytes32()))
		}
	}
	db.Commit()
	return db
}

// applyTraced runs tx from sender under London (base fee 7) with hooks.
func applyTraced(t testing.TB, db *state.Memory, f fork.Fork, tx *types.Transaction, hooks *trace.Hooks) *transition.Result {
	t.Helper()
	env := &transition.Env{Rules: f.Rules()}
	env.Block = evm.BlockContext{Coinbase: coinbase, Number: 1, Time: 1000, GasLimit: 30_000_000}
	env.Block.BaseFee.SetUint64(7)
	env.Config.ChainID = 1
	env.Config.Tracer = hooks
	res, err := transition.Apply(db, env, tx, sender)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func legacyTx(to *types.Address, gas uint64, data string) *types.Transaction {
	tx := &types.Transaction{Type: types.LegacyTxType, Gas: gas, To: to, Data: mustHex(data)}
	tx.GasPrice.SetUint64(10)
	return tx
}

// sameJSON compares JSON documents ignoring key order and spacing.
func sameJSON(t *testing.T, got []byte, want string) {
	t.Helper()
	var g, w any
	if err := json.Unmarshal(got, &g); err != nil {
		t.Fatalf("result is not JSON: %v\n%s", err, got)
	}
	if err := json.Unmarshal([]byte(want), &w); err != nil {
		t.Fatalf("bad expectation: %v", err)
	}
	if !reflect.DeepEqual(g, w) {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

func mustHex(s string) []byte {
	b, err := types.DecodeHex("0x" + strings.TrimPrefix(s, "0x"))
	if err != nil {
		panic(err)
	}
	return b
}
