package evm

import (
	"reflect"
	"testing"

	"github.com/goevm/goevm/crypto"
	"github.com/goevm/goevm/fork"
	"github.com/goevm/goevm/state"
	"github.com/goevm/goevm/types"
	"github.com/holiman/uint256"
)

// rules7708 are Osaka's with EIP-7708 (and, with burnless, EIP-8246): the
// tests pin these EIPs' rules apart from Amsterdam's repricings.
func rules7708(burnless bool) fork.Rules {
	r := fork.Osaka.Rules()
	r.Enable(7708)
	if burnless {
		r.Enable(8246)
	}
	return r
}

func newEVMWith(t *testing.T, rules fork.Rules) (*EVM, *state.Memory) {
	t.Helper()
	db := state.New()
	db.SetBalance(testSender, uint256.NewInt(1e18))
	db.SetBalance(testContract, uint256.NewInt(1000))
	db.Commit()
	db.BeginTx()
	return New(BlockContext{Number: 100, GasLimit: 30_000_000, Time: 1000}, TxContext{Origin: testSender}, db, rules, Config{ChainID: 1}), db
}

var otherAddr = types.MustHexToAddress("0x00000000000000000000000000000000000000bb")

// callOtherValue is CALL(0xffff gas, 0xbb, value, 0, 0, 0, 0), then STOP,
// with value the byte given as two hex digits.
func callOtherValue(value string) string {
	return "6000 6000 6000 6000 60" + value + " 73" + "00000000000000000000000000000000000000bb" + " 61ffff f1 00"
}

// EIP-7708: "A log, identical to a LOG3, is issued for ... any
// nonzero-value-transferring CALL to a different account": address
// SYSTEM_ADDRESS, topics Transfer(address,address,uint256), from and to
// zero padded, data the amount as a big-endian uint256.
func TestTransferLogShape(t *testing.T) {
	log := TransferLog(testContract, otherAddr, uint256.NewInt(5))
	if log.Address != types.MustHexToAddress("0xfffffffffffffffffffffffffffffffffffffffe") {
		t.Errorf("address %s", log.Address)
	}
	want := []types.Hash{
		types.MustHexToHash("0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef"),
		types.MustHexToHash("0x00000000000000000000000000000000000000000000000000000000000000cc"),
		types.MustHexToHash("0x00000000000000000000000000000000000000000000000000000000000000bb"),
	}
	if !reflect.DeepEqual(log.Topics, want) {
		t.Errorf("topics %x, want %x", log.Topics, want)
	}
	if got := types.Hash(log.Data); len(log.Data) != 32 || got != types.MustHexToHash("0x05") {
		t.Errorf("data %x", log.Data)
	}
	if TransferTopic != crypto.Keccak256([]byte("Transfer(address,address,uint256)")) {
		t.Error("TransferTopic is not keccak256('Transfer(address,address,uint256)')")
	}
	if SelfdestructTopic != crypto.Keccak256([]byte("Selfdestruct(address,uint256)")) {
		t.Error("SelfdestructTopic is not keccak256('Selfdestruct(address,uint256)')")
	}
}

func TestTransferLogCall(t *testing.T) {
	cases := []struct {
		name  string
		rules fork.Rules
		code  string
		want  []*types.Log
	}{
		{"value", rules7708(true), callOtherValue("05"), []*types.Log{TransferLog(testContract, otherAddr, uint256.NewInt(5))}},
		// "nonzero-value-transferring": a zero-value CALL logs nothing.
		{"zero value", rules7708(true), callOtherValue("00"), nil},
		// "to a different account": a CALL to itself logs nothing.
		{"to self", rules7708(true), "6000 6000 6000 6000 6005 30 61ffff f1 00", nil},
		// CALLCODE moves no value between accounts.
		{"callcode", rules7708(true), "6000 6000 6000 6000 6005 73" + "00000000000000000000000000000000000000bb" + " 61ffff f2 00", nil},
		// A reverted callee's log goes with its frame.
		{"callee reverts", rules7708(true), "6000 6000 6000 6000 6005 73" + "00000000000000000000000000000000000000dd" + " 61ffff f1 00", nil},
		{"without EIP-7708", fork.Osaka.Rules(), callOtherValue("05"), nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			e, db := newEVMWith(t, c.rules)
			install(db, testContract, code(c.code))
			install(db, types.MustHexToAddress("0x00000000000000000000000000000000000000dd"), code("6000 6000 fd")) // REVERT(0, 0)
			if _, _, err := e.Call(testSender, testContract, nil, 100_000, new(uint256.Int)); err != nil {
				t.Fatal(err)
			}
			if got := db.Logs(); (len(got) != 0 || len(c.want) != 0) && !reflect.DeepEqual(got, c.want) {
				t.Errorf("logs %v, want %v", got, c.want)
			}
		})
	}
}

// The transaction's own value transfer is logged "before any other logs
// created by EVM execution"; a top-level revert drops it with the rest.
func TestTransferLogTransactionValue(t *testing.T) {
	e, db := newEVMWith(t, rules7708(true))
	install(db, testContract, code("6000 6000 a0 00")) // LOG0(0, 0)
	if _, _, err := e.Call(testSender, testContract, nil, 100_000, uint256.NewInt(7)); err != nil {
		t.Fatal(err)
	}
	want := []*types.Log{
		TransferLog(testSender, testContract, uint256.NewInt(7)),
		{Address: testContract, Data: []byte{}},
	}
	if got := db.Logs(); !reflect.DeepEqual(got, want) {
		t.Errorf("logs %v, want %v", got, want)
	}

	e, db = newEVMWith(t, rules7708(true))
	install(db, testContract, code("6000 6000 fd"))
	if _, _, err := e.Call(testSender, testContract, nil, 100_000, uint256.NewInt(7)); err != ErrExecutionReverted {
		t.Fatalf("err %v", err)
	}
	if got := db.Logs(); len(got) != 0 {
		t.Errorf("a reverted transaction kept logs %v", got)
	}
}

// CREATE with value moves it to the new account: a transfer like any other.
func TestTransferLogCreate(t *testing.T) {
	e, db := newEVMWith(t, rules7708(true))
	install(db, testContract, code("6000 6000 6003 f0 00")) // CREATE(3, 0, 0)
	if _, _, err := e.Call(testSender, testContract, nil, 100_000, new(uint256.Int)); err != nil {
		t.Fatal(err)
	}
	created := crypto.CreateAddress(testContract, 0)
	want := []*types.Log{TransferLog(testContract, created, uint256.NewInt(3))}
	if got := db.Logs(); !reflect.DeepEqual(got, want) {
		t.Errorf("logs %v, want %v", got, want)
	}
}

// SELFDESTRUCT of an existing contract to another account moves the balance
// (EIP-6780) and logs it (EIP-7708); to itself it moves nothing and logs
// nothing.
func TestTransferLogSelfdestruct(t *testing.T) {
	e, db := newEVMWith(t, rules7708(true))
	install(db, testContract, code("73"+"00000000000000000000000000000000000000bb"+" ff"))
	if _, _, err := e.Call(testSender, testContract, nil, 100_000, new(uint256.Int)); err != nil {
		t.Fatal(err)
	}
	want := []*types.Log{TransferLog(testContract, otherAddr, uint256.NewInt(1000))}
	if got := db.Logs(); !reflect.DeepEqual(got, want) {
		t.Errorf("logs %v, want %v", got, want)
	}

	e, db = newEVMWith(t, rules7708(true))
	install(db, testContract, code("30 ff")) // SELFDESTRUCT(ADDRESS)
	if _, _, err := e.Call(testSender, testContract, nil, 100_000, new(uint256.Int)); err != nil {
		t.Fatal(err)
	}
	if got := db.Logs(); len(got) != 0 {
		t.Errorf("self-beneficiary logs %v", got)
	}
	if bal := db.GetBalance(testContract); bal.Uint64() != 1000 {
		t.Errorf("balance %d, want 1000 kept", bal.Uint64())
	}
}

// EIP-8246: "When SELFDESTRUCT is executed in the same transaction as the
// contract was created, and if the beneficiary address is the executing
// account address, the balance of this account remains unchanged", and at
// finalization the account keeps its balance with nonce 0, no code and no
// storage; with no balance it is deleted (EIP-161).
func TestSelfdestructNoBurnEIP8246(t *testing.T) {
	// Initcode: SSTORE(1, 1), then SELFDESTRUCT(ADDRESS).
	initcode := code("6001 6001 55 30 ff")
	e, db := newEVMWith(t, rules7708(true))
	_, addr, _, err := e.Create(testSender, initcode, 200_000, uint256.NewInt(9))
	if err != nil {
		t.Fatal(err)
	}
	want := []*types.Log{TransferLog(testSender, addr, uint256.NewInt(9))} // the endowment; no burn log
	if got := db.Logs(); !reflect.DeepEqual(got, want) {
		t.Errorf("logs %v, want %v", got, want)
	}
	if bal := db.GetBalance(addr); bal.Uint64() != 9 {
		t.Errorf("balance after SELFDESTRUCT %d, want 9", bal.Uint64())
	}
	db.Finalise(true)
	if !db.Exist(addr) {
		t.Fatal("the balance-only account was deleted")
	}
	if bal := db.GetBalance(addr); bal.Uint64() != 9 || db.GetNonce(addr) != 0 || db.GetCodeSize(addr) != 0 || db.GetState(addr, types.Hash{31: 1}) != (types.Hash{}) || db.HasStorage(addr) {
		t.Errorf("after finalisation: balance %d nonce %d code %d slot1 %x, want balance 9 only",
			bal.Uint64(), db.GetNonce(addr), db.GetCodeSize(addr), db.GetState(addr, types.Hash{31: 1}))
	}

	// No balance: the account is deleted, as before.
	e, db = newEVMWith(t, rules7708(true))
	_, addr, _, err = e.Create(testSender, initcode, 200_000, new(uint256.Int))
	if err != nil {
		t.Fatal(err)
	}
	db.Finalise(true)
	if db.Exist(addr) {
		t.Error("a self-destructed account without balance survived")
	}
}

// Before EIP-8246 (EIP-7708 alone) a new contract destroying itself to
// itself burns its balance, which EIP-7708 logs with a Selfdestruct LOG2.
func TestSelfdestructBurnLogWithoutEIP8246(t *testing.T) {
	e, db := newEVMWith(t, rules7708(false))
	_, addr, _, err := e.Create(testSender, code("30 ff"), 200_000, uint256.NewInt(9))
	if err != nil {
		t.Fatal(err)
	}
	want := []*types.Log{TransferLog(testSender, addr, uint256.NewInt(9)), BurnLog(addr, uint256.NewInt(9))}
	if got := db.Logs(); !reflect.DeepEqual(got, want) {
		t.Errorf("logs %v, want %v", got, want)
	}
	var padded types.Hash
	copy(padded[12:], addr[:])
	if b := BurnLog(addr, uint256.NewInt(9)); len(b.Topics) != 2 || b.Topics[1] != padded {
		t.Errorf("burn log topics %x, want [Selfdestruct, %x]", b.Topics, padded)
	}
	db.Finalise(true)
	if db.Exist(addr) {
		t.Error("the burned account survived")
	}
}
