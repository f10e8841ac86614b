package evm

import (
	"encoding/hex"
	"strings"
	"testing"

	"github.com/goevm/goevm/fork"
	"github.com/goevm/goevm/state"
	"github.com/goevm/goevm/types"
	"github.com/holiman/uint256"
)

var (
	testSender   = types.MustHexToAddress("0x00000000000000000000000000000000000000aa")
	testContract = types.MustHexToAddress("0x00000000000000000000000000000000000000cc")
)

// code decodes hex bytecode; spaces are allowed for readability.
func code(s string) []byte {
	b, err := hex.DecodeString(strings.ReplaceAll(strings.TrimPrefix(s, "0x"), " ", ""))
	if err != nil {
		panic(err)
	}
	return b
}

// returnTop is appended to a program to return its top stack item as 32 bytes:
// PUSH1 0 MSTORE PUSH1 32 PUSH1 0 RETURN.
const returnTop = "600052 6020 6000 f3"

// newTestEVM makes an EVM over a fresh state where testSender is funded.
func newTestEVM(t testing.TB, f fork.Fork) (*EVM, *state.Memory) {
	t.Helper()
	db := state.New()
	db.SetBalance(testSender, uint256.NewInt(1e18))
	db.Commit()
	db.BeginTx()
	e := New(BlockContext{Number: 100, GasLimit: 30_000_000, Time: 1000}, TxContext{Origin: testSender}, db, f.Rules(), Config{ChainID: 1})
	return e, db
}

// install puts code at addr and makes it the committed state.
func install(db *state.Memory, addr types.Address, c []byte) {
	db.SetCode(addr, c)
	db.Commit()
	db.BeginTx()
}

// runAt runs hex code at testContract under fork f with gas.
func runAt(t testing.TB, f fork.Fork, hexCode string, gas uint64) (ret []byte, gasLeft uint64, err error, db *state.Memory) {
	t.Helper()
	e, db := newTestEVM(t, f)
	install(db, testContract, code(hexCode))
	ret, gasLeft, err = e.Call(testSender, testContract, nil, gas, new(uint256.Int))
	return ret, gasLeft, err, db
}

func word(ret []byte) *uint256.Int { return new(uint256.Int).SetBytes(ret) }

func mustHex256(s string) *uint256.Int {
	v, err := uint256.FromHex(s)
	if err != nil {
		panic(err)
	}
	return v
}

// quotient, remainder and mulmod run divTop, modTop and mulmodTop on values,
// for the tests that compare them with uint256's operations: d and m
// receive the result, as the second and third stack words do.
func quotient(d, n *uint256.Int) {
	st := stackData{*d, *n}
	divTop(&st, 0, 2)
	*d = st[0]
}

func remainder(d, n *uint256.Int) {
	st := stackData{*d, *n}
	modTop(&st, 0, 2)
	*d = st[0]
}

func (e *EVM) mulmod(m, a, b *uint256.Int) {
	st := stackData{*m, *b, *a}
	e.mulmodTop(&st, 0, 3)
	*m = st[0]
}
