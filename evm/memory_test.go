package evm

import (
	"bytes"
	"runtime"
	"testing"
	"time"

	"github.com/goevm/goevm/crypto"
	"github.com/goevm/goevm/fork"
)

func TestMemoryExpansionGas(t *testing.T) {
	// MSTORE at 0: 3 + 3 (one word). MSTORE at 1024: 33 words: 3·33 + 33²/512 = 101.
	_, left, err, _ := runAt(t, fork.Cancun, "6001 6000 52", 100000)
	if used := 100000 - left; err != nil || used != 3+3+3+3 {
		t.Errorf("used %d, %v", used, err)
	}
	_, left, err, _ = runAt(t, fork.Cancun, "6001 610400 52", 100000)
	if used := 100000 - left; err != nil || used != 3+3+3+101 {
		t.Errorf("used %d, %v", used, err)
	}
	// MSIZE after MSTORE8 at 40: two words.
	ret, _, err, _ := runAt(t, fork.Cancun, "6001 6028 53 59"+returnTop, 100000)
	if err != nil || !word(ret).Eq(u(64)) {
		t.Errorf("MSIZE = %v, %v", word(ret), err)
	}
}

// TestMCOPY follows the examples of EIP-5656.
func TestMCOPY(t *testing.T) {
	// Memory 0..32 = 0x000102..1f via MSTORE; MCOPY(dst=1, src=0, len=8)
	// then return the first 10 bytes: 00 00 01 02 03 04 05 06 07 09.
	init := "7f000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f 6000 52"
	ret, _, err, _ := runAt(t, fork.Cancun, init+"6008 6000 6001 5e 600a 6000 f3", 100000)
	if want := []byte{0, 0, 1, 2, 3, 4, 5, 6, 7, 9}; err != nil || !bytes.Equal(ret, want) {
		t.Errorf("MCOPY overlap right = %x, %v", ret, err)
	}
	// MCOPY(dst=0, src=1, len=8): 01 02 03 04 05 06 07 08 08 09.
	ret, _, err, _ = runAt(t, fork.Cancun, init+"6008 6001 6000 5e 600a 6000 f3", 100000)
	if want := []byte{1, 2, 3, 4, 5, 6, 7, 8, 8, 9}; err != nil || !bytes.Equal(ret, want) {
		t.Errorf("MCOPY overlap left = %x, %v", ret, err)
	}
	// EIP-5656 example: MCOPY 0 32 32 costs 6 (3 base + 3 copy) with memory already 64 bytes.
	_, left, err, _ := runAt(t, fork.Cancun, "6000 6020 52 6020 6020 6000 5e", 100000)
	if used := 100000 - left; err != nil || used != 3+3+3+6+3+3+3+6 {
		t.Errorf("MCOPY used %d, %v", used, err)
	}
	// The EIP's memory-expanding example: MCOPY 0x20 0 0x20 from empty memory,
	// 3 + 3 copy + 6 expansion to 64 bytes.
	_, left, _, _ = runAt(t, fork.Cancun, "6020 6000 6020 5e", 100000)
	if used := 100000 - left; used != 9+12 {
		t.Errorf("MCOPY expanding used %d", used)
	}
}

func TestKeccak256(t *testing.T) {
	ret, left, err, _ := runAt(t, fork.Cancun, "6000 6000 20"+returnTop, 100000)
	if err != nil || [32]byte(ret) != crypto.Keccak256() {
		t.Errorf("KECCAK256() = %x, %v", ret, err)
	}
	if used := 100000 - left; used != 6+30+3+6+6 {
		t.Errorf("used %d", used)
	}
}

// TestHostileMemory: offsets near 2^64 and beyond must be out of gas at
// once, without allocating the memory they name.
func TestHostileMemory(t *testing.T) {
	programs := map[string]string{
		"MLOAD 2^64-1":          "67ffffffffffffffff 51",
		"MSTORE 2^64-32":        "6001 67ffffffffffffffe0 52",
		"MSTORE8 2^256-1":       "6001 7fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff 53",
		"RETURN 0 size 2^64-1":  "67ffffffffffffffff 6000 f3",
		"CALLDATACOPY huge":     "67ffffffffffffffff 6000 6000 37",
		"KECCAK256 4GiB":        "640100000000 6000 20",
		"LOG0 size 2^63":        "678000000000000000 6000 a0",
		"CALL out 2^64-1":       "67ffffffffffffffff 6000 6000 6000 6000 6000 5a f1",
		"CREATE size 2^40":      "65010000000000 6000 6000 f0",
		"MCOPY dst 2^64-1":      "6001 6000 67ffffffffffffffff 5e",
		"RETURNDATACOPY at 1e9": "6000 633b9aca00 6000 3e",
	}
	for name, prog := range programs {
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		start := time.Now()
		_, left, err, _ := runAt(t, fork.Osaka, prog, 30_000_000)
		runtime.ReadMemStats(&after)
		if err == nil || left != 0 {
			t.Errorf("%s: err %v, gas left %d; want a failure using all gas", name, err, left)
		}
		if grown := after.TotalAlloc - before.TotalAlloc; grown > 64<<20 {
			t.Errorf("%s: allocated %d bytes", name, grown)
		}
		if d := time.Since(start); d > time.Second {
			t.Errorf("%s: took %v", name, d)
		}
	}
	if _, _, err, _ := runAt(t, fork.Osaka, "67ffffffffffffffff 51", 30_000_000); err != ErrOutOfGas {
		t.Errorf("MLOAD 2^64-1: %v, want ErrOutOfGas", err)
	}
	// A zero-length access at any offset is free and valid.
	if _, _, err, _ := runAt(t, fork.Osaka, "6000 7fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff f3", 100000); err != nil {
		t.Errorf("RETURN(2^256-1, 0): %v", err)
	}
}

// TestInfiniteLoop: a 30M-gas tight loop ends out of gas, promptly.
func TestInfiniteLoop(t *testing.T) {
	start := time.Now()
	_, left, err, _ := runAt(t, fork.Osaka, "5b 6000 56", 30_000_000)
	if err != ErrOutOfGas || left != 0 {
		t.Errorf("err %v, left %d", err, left)
	}
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("took %v", d)
	}
}

// A memory used by one call and handed to the next (the frame pool, and the
// EVM's kept memory: keepMemory, lendMemory) reads as zero where the next
// call grows it: the Yellow Paper's memory starts all zero in every frame
// (growth clears the bytes it adds).
func TestMemoryReusedAcrossCallsStartsClear(t *testing.T) {
	// With non-zero calldata: MSTORE(0x1000, NOT 0) and stop. With zero
	// calldata: return MLOAD(0x1000), which grows memory over that word.
	const dirtyOrRead = "6000 35 15 600f 57" + // PUSH1 0 CALLDATALOAD ISZERO PUSH1 0x0f JUMPI
		"6000 19 611000 52 00" + // PUSH1 0 NOT PUSH2 0x1000 MSTORE STOP
		"5b 611000 51" + returnTop // 0x0f: JUMPDEST PUSH2 0x1000 MLOAD, returned
	e, db := newTestEVM(t, fork.Osaka)
	install(db, testContract, code(dirtyOrRead))
	for i := range 3 {
		if _, _, err := e.Call(testSender, testContract, wordOf(1), 100_000, nil); err != nil {
			t.Fatal(err)
		}
		ret, _, err := e.Call(testSender, testContract, wordOf(0), 100_000, nil)
		if err != nil {
			t.Fatal(err)
		}
		if !word(ret).IsZero() {
			t.Fatalf("round %d: a fresh call's memory read %x where the previous call wrote", i, ret)
		}
	}
}
