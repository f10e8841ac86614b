package tracers_test

import (
	"errors"
	"testing"

	"github.com/goevm/goevm/crypto"
	"github.com/goevm/goevm/fork"
	"github.com/goevm/goevm/tracers"
	"github.com/goevm/goevm/types"
)

// prestateCode reads slot 1, writes 5 to slot 2, and reads the balance of
// 0xdead, an account that does not exist:
// PUSH1 1 SLOAD POP  PUSH1 5 PUSH1 2 SSTORE  PUSH2 0xdead BALANCE POP  STOP
const prestateCode = "60015450600560025561dead315000"

// prestateRun traces the call above under London (gas price 10, base fee 7).
// Gas, by EIP-2929/2200: 21000 intrinsic; PUSH1 3 + cold SLOAD 2100 + POP 2;
// PUSH1 3 + PUSH1 3 + cold SSTORE of a zero slot 22100; PUSH2 3 + cold
// BALANCE 2600 + POP 2: 47816.
func prestateRun(t *testing.T, cfg tracers.PrestateTracerConfig) []byte {
	t.Helper()
	db := newState(t, map[types.Address]account{
		sender:   {balance: 1_000_000_000_000_000_000},
		contract: {nonce: 1, code: prestateCode, storage: map[uint64]uint64{1: 7}},
	})
	tr, err := tracers.NewPrestateTracer(cfg)
	if err != nil {
		t.Fatal(err)
	}
	res := applyTraced(t, db, fork.London, legacyTx(&contract, 100_000, ""), tr.Hooks())
	if res.GasUsed != 47816 || res.Failed() {
		t.Fatalf("gas used %d, err %v; want 47816, success", res.GasUsed, res.Err)
	}
	return tr.Result()
}

var prestateCodeHash = crypto.Keccak256(mustHex(prestateCode)).Hex()

// Geth's prestateTracer (eth/tracers/native/prestate.go, the format its
// docs show at geth.ethereum.org/docs/developers/evm-tracing/built-in-tracers):
// each account touched, as it was: balance always, nonce when non-zero,
// code and codeHash when it has code, the storage slots read or written
// with their old values (zero included). Accounts empty before the
// transaction (the coinbase here, and 0xdead) are left out.
func TestPrestateTracer(t *testing.T) {
	got := prestateRun(t, tracers.PrestateTracerConfig{})
	sameJSON(t, got, `{
		"0x000000000000000000000000000000000000c0de": {
			"balance": "0x0", "nonce": 1, "code": "0x`+prestateCode+`", "codeHash": "`+prestateCodeHash+`",
			"storage": {
				"0x0000000000000000000000000000000000000000000000000000000000000001": "0x0000000000000000000000000000000000000000000000000000000000000007",
				"0x0000000000000000000000000000000000000000000000000000000000000002": "0x0000000000000000000000000000000000000000000000000000000000000000"
			}
		},
		"0xa94f5374fce5edbc8e2a8697c15331677e6ebf0b": {"balance": "0xde0b6b3a7640000"}
	}`)
}

// includeEmpty keeps the accounts that were empty: geth reports them with
// a zero balance (and an empty storage map, which JSON leaves out).
func TestPrestateTracerIncludeEmptyDisableCodeAndStorage(t *testing.T) {
	got := prestateRun(t, tracers.PrestateTracerConfig{IncludeEmpty: true, DisableCode: true, DisableStorage: true})
	sameJSON(t, got, `{
		"0x000000000000000000000000000000000000c0de": {"balance": "0x0", "nonce": 1, "codeHash": "`+prestateCodeHash+`"},
		"0x000000000000000000000000000000000000dead": {"balance": "0x0"},
		"0x2adc25665018aa1fe0e6bc666dac8fc2697ff9ba": {"balance": "0x0"},
		"0xa94f5374fce5edbc8e2a8697c15331677e6ebf0b": {"balance": "0xde0b6b3a7640000"}
	}`)
}

// Diff mode (geth's processDiffState): post holds what changed (the
// sender's balance, 1e18 - 47816*10, and nonce; the coinbase's tip,
// 47816*3; the new non-zero slot), pre only the changed accounts, with
// unchanged and zero slots dropped. 0xdead never existed: pre drops it as
// empty, and post reports a zero code hash for it, because geth compares
// the state's GetCodeHash (zero for no account) with the empty code hash
// it assumes for an account without one (go-ethereum #34675).
func TestPrestateTracerDiffMode(t *testing.T) {
	got := prestateRun(t, tracers.PrestateTracerConfig{DiffMode: true})
	sameJSON(t, got, `{
		"pre": {
			"0x000000000000000000000000000000000000c0de": {"balance": "0x0", "nonce": 1, "code": "0x`+prestateCode+`", "codeHash": "`+prestateCodeHash+`"},
			"0xa94f5374fce5edbc8e2a8697c15331677e6ebf0b": {"balance": "0xde0b6b3a7640000"}
		},
		"post": {
			"0x000000000000000000000000000000000000c0de": {
				"storage": {"0x0000000000000000000000000000000000000000000000000000000000000002": "0x0000000000000000000000000000000000000000000000000000000000000005"}
			},
			"0x000000000000000000000000000000000000dead": {"codeHash": "0x0000000000000000000000000000000000000000000000000000000000000000"},
			"0x2adc25665018aa1fe0e6bc666dac8fc2697ff9ba": {"balance": "0x23058"},
			"0xa94f5374fce5edbc8e2a8697c15331677e6ebf0b": {"balance": "0xde0b6b3a75cb430", "nonce": 1}
		}
	}`)
}

func TestPrestateTracerRefusesDiffModeWithIncludeEmpty(t *testing.T) {
	_, err := tracers.NewPrestateTracer(tracers.PrestateTracerConfig{DiffMode: true, IncludeEmpty: true})
	if !errors.Is(err, tracers.ErrDiffModeIncludeEmpty) {
		t.Fatalf("err %v, want ErrDiffModeIncludeEmpty", err)
	}
}
