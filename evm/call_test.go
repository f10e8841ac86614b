package evm

import (
	"bytes"
	"errors"
	"testing"

	"github.com/goevm/goevm/crypto"
	"github.com/goevm/goevm/fork"
	"github.com/goevm/goevm/types"
	"github.com/holiman/uint256"
)

var calleeAddr = types.MustHexToAddress("0x00000000000000000000000000000000000000bb")

// TestCallDepthLimit: a contract calling itself with all its gas (Homestead,
// no 63/64 rule) counts its frames in storage; the 1025th call (depth 1025)
// must fail and the rest succeed, so the count is 1025 (depths 0..1024).
func TestCallDepthLimit(t *testing.T) {
	// SLOAD(0)+1 -> SSTORE(0); CALL(GAS-10000, ADDRESS, 0, 0,0,0,0)
	prog := "600054 6001 01 600055" + "6000 6000 6000 6000 6000 30 612710 5a 03 f1"
	e, db := newTestEVM(t, fork.Homestead)
	install(db, testContract, code(prog))
	_, _, err := e.Call(testSender, testContract, nil, 30_000_000, new(uint256.Int))
	if err != nil {
		t.Fatal(err)
	}
	if n := db.GetState(testContract, types.Hash{}); new(uint256.Int).SetBytes(n[:]).Uint64() != 1025 {
		t.Errorf("frames = %x, want 1025", n)
	}
}

// TestCreateRecursion: initcode that creates a copy of itself until gas or
// depth runs out must terminate, and the top-level creation succeed.
func TestCreateRecursion(t *testing.T) {
	// CODECOPY(0, 0, CODESIZE); CREATE(0, 0, CODESIZE); POP; STOP
	prog := code("38 6000 6000 39 38 6000 6000 f0 50 00")
	e, db := newTestEVM(t, fork.Cancun)
	_, addr, _, err := e.Create(testSender, prog, 10_000_000, new(uint256.Int))
	if err != nil {
		t.Fatal(err)
	}
	if db.GetNonce(addr) != 2 {
		t.Errorf("first contract's nonce %d, want 2 (1 + its own CREATE)", db.GetNonce(addr))
	}
	if db.GetNonce(testSender) != 1 {
		t.Errorf("sender nonce %d", db.GetNonce(testSender))
	}
}

// TestRejectEF: EIP-3541 rejects deploying code that starts with 0xEF from London.
func TestRejectEF(t *testing.T) {
	initcode := code("60ef 6000 53 6001 6000 f3") // return the single byte 0xef
	for _, c := range []struct {
		f    fork.Fork
		want error
	}{{fork.Berlin, nil}, {fork.London, ErrInvalidCode}, {fork.Osaka, ErrInvalidCode}} {
		e, db := newTestEVM(t, c.f)
		_, addr, left, err := e.Create(testSender, initcode, 100000, new(uint256.Int))
		if !errors.Is(err, c.want) {
			t.Errorf("%v: err %v, want %v", c.f, err, c.want)
		}
		if c.want != nil && (left != 0 || db.GetCodeSize(addr) != 0) {
			t.Errorf("%v: left %d, code %x", c.f, left, db.GetCode(addr))
		}
		if c.want == nil && !bytes.Equal(db.GetCode(addr), []byte{0xef}) {
			t.Errorf("%v: code %x", c.f, db.GetCode(addr))
		}
	}
}

// TestRejectEFBeforeSize: code that both starts with 0xEF and exceeds the
// EIP-170 limit fails as invalid code, the specs' process_create_message
// checking the prefix first (found by difffuzz against geth).
func TestRejectEFBeforeSize(t *testing.T) {
	// MSTORE8(0, 0xef); RETURN(0, 0x6001): 24577 bytes starting 0xef.
	initcode := code("60ef 6000 53 616001 6000 f3")
	e, _ := newTestEVM(t, fork.Cancun)
	if _, _, _, err := e.Create(testSender, initcode, 10_000_000, new(uint256.Int)); !errors.Is(err, ErrInvalidCode) {
		t.Errorf("err %v, want %v", err, ErrInvalidCode)
	}
}

// TestCodeDepositOOG: Frontier keeps a creation that cannot pay for its code
// (with empty code); Homestead's EIP-2 fails it.
func TestCodeDepositOOG(t *testing.T) {
	// Return 32 zero bytes: deposit 6400 gas. Execution costs 3+3+3+3 = 12 (+3 memory).
	initcode := code("6020 6000 f3")
	for _, c := range []struct {
		f       fork.Fork
		wantErr error
	}{{fork.Frontier, nil}, {fork.Homestead, ErrCodeStoreOutOfGas}} {
		e, db := newTestEVM(t, c.f)
		_, addr, left, err := e.Create(testSender, initcode, 1000, new(uint256.Int))
		if !errors.Is(err, c.wantErr) {
			t.Errorf("%v: err %v", c.f, err)
		}
		if c.wantErr == nil && (left != 1000-9 || !db.Exist(addr) || db.GetCodeSize(addr) != 0) {
			t.Errorf("%v: left %d exist %v", c.f, left, db.Exist(addr))
		}
		if c.wantErr != nil && left != 0 {
			t.Errorf("%v: left %d", c.f, left)
		}
	}
	// EIP-170: more than 24576 bytes fails from Spurious Dragon.
	big := code("616001 6000 f3") // return 0x6001 = 24577 bytes
	e, _ := newTestEVM(t, fork.SpuriousDragon)
	if _, _, _, err := e.Create(testSender, big, 10_000_000, new(uint256.Int)); !errors.Is(err, ErrMaxCodeSizeExceeded) {
		t.Errorf("EIP-170: %v", err)
	}
}

// TestCreate2Address uses EIP-1014's example 5 (sender 0xdeadbeef, salt
// 0xcafebabe, initcode 0xdeadbeef); the initcode itself fails (0xde is invalid).
func TestCreate2Address(t *testing.T) {
	e, db := newTestEVM(t, fork.Constantinople)
	sender := types.MustHexToAddress("0x00000000000000000000000000000000deadbeef")
	db.SetBalance(sender, uint256.NewInt(1))
	_, addr, _, err := e.Create2(sender, code("deadbeef"), 100000, new(uint256.Int), types.MustHexToHash("0xcafebabe"))
	if want := types.MustHexToAddress("0x60f3f640a8508fC6a86d45DF051962668E1e8AC7"); addr != want {
		t.Errorf("address %v, want %v", addr, want)
	}
	if !errors.Is(err, ErrInvalidOpcode) {
		t.Errorf("err %v", err)
	}
	// The opcode: example 0 (sender 0x0, salt 0, initcode 0x00) from a
	// contract at the zero address: returns 0x4D1A2e2bB4F88F0250f26Ffff098B0b30B26BF38.
	e, db = newTestEVM(t, fork.Constantinople)
	install(db, types.Address{}, code("6000 6000 53 6000 6001 6000 6000 f5"+returnTop)) // mem[0]=0; CREATE2(0, 0, 1, salt 0)
	ret, _, err := e.Call(testSender, types.Address{}, nil, 1_000_000, new(uint256.Int))
	if want := types.MustHexToAddress("0x4D1A2e2bB4F88F0250f26Ffff098B0b30B26BF38"); err != nil || types.BytesToAddress(ret) != want {
		t.Errorf("CREATE2 opcode = %x, %v", ret, err)
	}
}

func TestCollision(t *testing.T) {
	e, db := newTestEVM(t, fork.Cancun)
	target := crypto.CreateAddress(testSender, 0)
	db.SetState(target, types.Hash{1}, types.Hash{1}) // storage only: EIP-7610
	_, _, left, err := e.Create(testSender, code("00"), 100000, new(uint256.Int))
	if !errors.Is(err, ErrContractAddressCollision) || left != 0 || db.GetNonce(testSender) != 1 {
		t.Errorf("err %v left %d nonce %d", err, left, db.GetNonce(testSender))
	}
}

// TestCallValueAndStipend: a value call gives the callee 2300 extra gas, the
// caller pays 9000 (+25000 for a new account), and value moves.
func TestCallValueAndStipend(t *testing.T) {
	e, db := newTestEVM(t, fork.Cancun)
	db.SetBalance(testContract, uint256.NewInt(100))
	install(db, calleeAddr, code("5a"+returnTop)) // callee returns its GAS
	// CALL(gas 0, callee, value 7, 0, 0, out 0, 32); return memory word.
	install(db, testContract, code("6020 6000 6000 6000 6007 60bb 6000 f1 50 6020 6000 f3"))
	db.AddAddressToAccessList(calleeAddr)
	ret, _, err := e.Call(testSender, testContract, nil, 100000, new(uint256.Int))
	if err != nil {
		t.Fatal(err)
	}
	// Callee starts with 2300 and pays GAS (2) before reading it.
	if got := word(ret).Uint64(); got != 2298 {
		t.Errorf("callee saw %d gas, want 2298", got)
	}
	if b := db.GetBalance(calleeAddr); b.Uint64() != 7 {
		t.Errorf("callee balance %d", b.Uint64())
	}
}

// TestCallGasFrontierVsEIP150: before EIP-150, asking for more gas than is
// left is out of gas; from EIP-150 the request is capped at all but 1/64.
func TestCallGasFrontierVsEIP150(t *testing.T) {
	prog := "6000 6000 6000 6000 6000 60bb 62ffffff f1" + returnTop
	if _, _, err, _ := runAt(t, fork.Homestead, prog, 100000); err != ErrOutOfGas {
		t.Errorf("Homestead: %v", err)
	}
	ret, _, err, _ := runAt(t, fork.TangerineWhistle, prog, 100000)
	if err != nil || !word(ret).Eq(u(1)) {
		t.Errorf("TangerineWhistle: %x %v", ret, err)
	}
}

func TestStaticWriteProtection(t *testing.T) {
	e, db := newTestEVM(t, fork.Cancun)
	install(db, calleeAddr, code("6001 6000 55"))
	// STATICCALL(GAS, callee, 0,0,0,0) -> 0
	install(db, testContract, code("6000 6000 6000 6000 60bb 5a fa"+returnTop))
	ret, _, err := e.Call(testSender, testContract, nil, 100000, new(uint256.Int))
	if err != nil || !word(ret).IsZero() {
		t.Errorf("STATICCALL of SSTORE = %x, %v", ret, err)
	}
	if _, _, err := e.StaticCall(testSender, calleeAddr, nil, 100000); !errors.Is(err, ErrWriteProtection) {
		t.Errorf("StaticCall: %v", err)
	}
}

func TestRevertKeepsGasAndData(t *testing.T) {
	// SSTORE(0,1); MSTORE(0, 0xab); REVERT(31, 1)
	ret, left, err, db := runAt(t, fork.Byzantium, "6001 6000 55 60ab 6000 52 6001 601f fd", 100000)
	if !errors.Is(err, ErrExecutionReverted) || !bytes.Equal(ret, []byte{0xab}) || left == 0 {
		t.Errorf("ret %x left %d err %v", ret, left, err)
	}
	if v := db.GetState(testContract, types.Hash{}); !v.IsZero() {
		t.Error("revert kept storage")
	}
}

// TestDelegation7702: a call to an account whose code is 0xef0100||B runs
// B's code in the account's context; EXTCODESIZE/EXTCODEHASH see the designator.
func TestDelegation7702(t *testing.T) {
	e, db := newTestEVM(t, fork.Prague)
	delegator := types.MustHexToAddress("0x00000000000000000000000000000000000000dd")
	designator := append([]byte{0xef, 0x01, 0x00}, calleeAddr[:]...)
	install(db, calleeAddr, code("30"+returnTop)) // ADDRESS
	install(db, delegator, designator)
	ret, _, err := e.Call(testSender, delegator, nil, 100000, new(uint256.Int))
	if err != nil || types.BytesToAddress(ret) != delegator {
		t.Errorf("delegated ADDRESS = %x, %v", ret, err)
	}
	ret, _, err, _ = runAtWith(t, e, db, "60dd 3b"+returnTop)
	if err != nil || !word(ret).Eq(u(23)) {
		t.Errorf("EXTCODESIZE = %v, %v", word(ret), err)
	}
	ret, _, err, _ = runAtWith(t, e, db, "60dd 3f"+returnTop)
	if h := crypto.Keccak256(designator); err != nil || [32]byte(ret) != h {
		t.Errorf("EXTCODEHASH = %x, %v", ret, err)
	}
	// CALL from a contract pays the cold access of both the delegator and its target:
	// 100 base + 2500 cold extra + 2600 for the target.
	db.BeginTx()
	db.AddAddressToAccessList(testContract)
	install(db, testContract, code("6000 6000 6000 6000 6000 60dd 6000 f1"))
	_, left, err := e.Call(testSender, testContract, nil, 100000, new(uint256.Int))
	// 7 PUSH1 + CALL (gas 0 handed on) + callee's ADDRESS... runs with 0 gas: fails.
	if used := 100000 - left; err != nil || used != 21+100+2500+2600 {
		t.Errorf("delegated CALL used %d, %v", used, err)
	}
}

func runAtWith(t *testing.T, e *EVM, db interface {
	SetCode(types.Address, []byte)
}, prog string) ([]byte, uint64, error, struct{}) {
	t.Helper()
	db.SetCode(testContract, code(prog))
	ret, left, err := e.Call(testSender, testContract, nil, 100000, new(uint256.Int))
	return ret, left, err, struct{}{}
}

func TestSelfdestructEras(t *testing.T) {
	bene := types.MustHexToAddress("0x00000000000000000000000000000000000000ee")
	prog := "60ee ff"
	for _, c := range []struct {
		f        fork.Fork
		used     uint64
		refund   uint64
		deleted  bool
		newBeneG uint64
	}{
		{fork.Frontier, 3, 24000, true, 0},
		{fork.TangerineWhistle, 3 + 5000 + 25000, 24000, true, 0}, // beneficiary does not exist
		{fork.SpuriousDragon, 3 + 5000 + 25000, 24000, true, 0},   // balance to an empty account
		{fork.Berlin, 3 + 5000 + 2600 + 25000, 24000, true, 0},    // cold beneficiary
		{fork.London, 3 + 5000 + 2600 + 25000, 0, true, 0},        // EIP-3529: no refund
		{fork.Cancun, 3 + 5000 + 2600 + 25000, 0, false, 0},       // EIP-6780: not created in this tx
	} {
		e, db := newTestEVM(t, c.f)
		db.SetBalance(testContract, uint256.NewInt(50))
		install(db, testContract, code(prog))
		_, left, err := e.Call(testSender, testContract, nil, 100000, new(uint256.Int))
		if err != nil {
			t.Fatalf("%v: %v", c.f, err)
		}
		if used := 100000 - left; used != c.used {
			t.Errorf("%v: used %d, want %d", c.f, used, c.used)
		}
		if db.GetRefund() != c.refund {
			t.Errorf("%v: refund %d", c.f, db.GetRefund())
		}
		if db.HasSelfDestructed(testContract) != c.deleted {
			t.Errorf("%v: destructed %v", c.f, db.HasSelfDestructed(testContract))
		}
		if b := db.GetBalance(bene); b.Uint64() != 50 {
			t.Errorf("%v: beneficiary got %d", c.f, b.Uint64())
		}
	}
}
