package evm

import (
	"testing"

	"github.com/goevm/goevm/fork"
)

// TestOpcodeTableConsistent validates the metadata table the way a start-up
// check would: every defined opcode arrives exactly at its Since fork, names
// round-trip, and immediates/stack shapes follow the opcode families.
func TestOpcodeTableConsistent(t *testing.T) {
	defined := 0
	for i := 0; i < 256; i++ {
		op := OpCode(i)
		s, ok := Spec(op)
		if !ok {
			if _, found := LookupOp(op.String()); found {
				t.Errorf("%#x undefined but its name resolves", i)
			}
			continue
		}
		defined++
		if got, ok := LookupOp(s.Name); !ok || got != op {
			t.Errorf("%s: LookupOp = %v, %v", s.Name, got, ok)
		}
		if len(s.Gas) == 0 || s.Gas[0].EIP != 0 && s.Since == fork.Frontier {
			t.Errorf("%s: gas history must start at Frontier", s.Name)
		}
		at := s.Since.Rules()
		if !s.EnabledIn(&at) {
			t.Errorf("%s: not enabled at its Since fork %v", s.Name, s.Since)
		}
		if s.Since > fork.Frontier {
			before := (s.Since - 1).Rules()
			if s.EnabledIn(&before) {
				t.Errorf("%s: enabled before its Since fork %v", s.Name, s.Since)
			}
		}
		if want := op.IsPush() || op == DUPN || op == SWAPN || op == EXCHANGE; want != (s.Immediates > 0) { // EIP-8024's one byte
			t.Errorf("%s: immediates %d", s.Name, s.Immediates)
		}
		if op.IsPush() && s.Immediates != int(op-PUSH1)+1 {
			t.Errorf("%s: immediates %d", s.Name, s.Immediates)
		}
		if s.Pops < 0 || s.Pushes < 0 || s.Pops > 17 || s.Pushes > 17 {
			t.Errorf("%s: stack shape %d/%d", s.Name, s.Pops, s.Pushes)
		}
	}
	// 154 at Amsterdam: 0x00-0x0b (12), 0x10-0x1e (15), KECCAK256, 0x30-0x3f (16),
	// 0x40-0x4b (12), 0x50-0x5f (16), PUSH1-32, DUP, SWAP (64), LOG0-4 (5),
	// DUPN, SWAPN, EXCHANGE (3), CREATE..CREATE2 (6), STATICCALL, REVERT,
	// INVALID, SELFDESTRUCT.
	if defined != 12+15+1+16+12+16+64+5+3+6+4 {
		t.Errorf("defined opcodes = %d", defined)
	}
	halting := map[OpCode]bool{STOP: true, RETURN: true, REVERT: true, INVALID: true, SELFDESTRUCT: true}
	for i := 0; i < 256; i++ {
		if specs[i].Halts != halting[OpCode(i)] {
			t.Errorf("%v: Halts = %v", OpCode(i), specs[i].Halts)
		}
	}
}

// TestOpcodeArrivals checks a few opcodes against the forks the EIPs name.
func TestOpcodeArrivals(t *testing.T) {
	cases := []struct {
		op   OpCode
		fork fork.Fork
	}{
		{DELEGATECALL, fork.Homestead}, {REVERT, fork.Byzantium}, {STATICCALL, fork.Byzantium},
		{RETURNDATACOPY, fork.Byzantium}, {SHL, fork.Constantinople}, {CREATE2, fork.Constantinople},
		{EXTCODEHASH, fork.Constantinople}, {CHAINID, fork.Istanbul}, {SELFBALANCE, fork.Istanbul},
		{BASEFEE, fork.London}, {PUSH0, fork.Shanghai}, {TLOAD, fork.Cancun}, {MCOPY, fork.Cancun},
		{BLOBHASH, fork.Cancun}, {BLOBBASEFEE, fork.Cancun}, {CLZ, fork.Osaka}, {ADD, fork.Frontier},
	}
	for _, c := range cases {
		if s, _ := Spec(c.op); s.Since != c.fork {
			t.Errorf("%v: Since = %v, want %v", c.op, s.Since, c.fork)
		}
	}
}

// TestBaseGasHistory checks repricings against EIP-150, EIP-1884 and EIP-2929.
func TestBaseGasHistory(t *testing.T) {
	cases := []struct {
		op   OpCode
		fork fork.Fork
		want uint64
	}{
		{SLOAD, fork.Frontier, 50}, {SLOAD, fork.TangerineWhistle, 200}, {SLOAD, fork.Istanbul, 800}, {SLOAD, fork.Berlin, 100},
		{BALANCE, fork.Homestead, 20}, {BALANCE, fork.SpuriousDragon, 400}, {BALANCE, fork.Istanbul, 700}, {BALANCE, fork.Cancun, 100},
		{CALL, fork.Frontier, 40}, {CALL, fork.Byzantium, 700}, {CALL, fork.London, 100},
		{EXTCODEHASH, fork.Constantinople, 400}, {EXTCODEHASH, fork.Istanbul, 700},
		{SELFDESTRUCT, fork.Frontier, 0}, {SELFDESTRUCT, fork.Prague, 5000},
		{CLZ, fork.Osaka, 5}, {TLOAD, fork.Cancun, 100},
	}
	for _, c := range cases {
		r := c.fork.Rules()
		s, _ := Spec(c.op)
		if got := s.BaseGas(&r); got != c.want {
			t.Errorf("%v at %v: %d, want %d", c.op, c.fork, got, c.want)
		}
	}
}

func TestLookupAliases(t *testing.T) {
	for name, want := range map[string]OpCode{"sha3": KECCAK256, "DIFFICULTY": PREVRANDAO, "push32": PUSH32, "swap16": SWAP16, "log4": LOG4} {
		if got, ok := LookupOp(name); !ok || got != want {
			t.Errorf("LookupOp(%q) = %v, %v", name, got, ok)
		}
	}
	if OpCode(0x0c).String() != "opcode 0xc not defined" {
		t.Errorf("undefined name %q", OpCode(0x0c).String())
	}
}
