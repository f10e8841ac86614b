package evm

import (
	"fmt"
	"strings"

	"github.com/goevm/goevm/fork"
)

// OpCode is one byte of EVM code.
type OpCode byte

// The opcodes, Frontier to Osaka. Comments name the EIP that introduced the
// ones that did not exist at Frontier.
const (
	STOP       OpCode = 0x00
	ADD        OpCode = 0x01
	MUL        OpCode = 0x02
	SUB        OpCode = 0x03
	DIV        OpCode = 0x04
	SDIV       OpCode = 0x05
	MOD        OpCode = 0x06
	SMOD       OpCode = 0x07
	ADDMOD     OpCode = 0x08
	MULMOD     OpCode = 0x09
	EXP        OpCode = 0x0a
	SIGNEXTEND OpCode = 0x0b

	LT     OpCode = 0x10
	GT     OpCode = 0x11
	SLT    OpCode = 0x12
	SGT    OpCode = 0x13
	EQ     OpCode = 0x14
	ISZERO OpCode = 0x15
	AND    OpCode = 0x16
	OR     OpCode = 0x17
	XOR    OpCode = 0x18
	NOT    OpCode = 0x19
	BYTE   OpCode = 0x1a
	SHL    OpCode = 0x1b // EIP-145
	SHR    OpCode = 0x1c // EIP-145
	SAR    OpCode = 0x1d // EIP-145
	CLZ    OpCode = 0x1e // EIP-7939

	KECCAK256 OpCode = 0x20

	ADDRESS        OpCode = 0x30
	BALANCE        OpCode = 0x31
	ORIGIN         OpCode = 0x32
	CALLER         OpCode = 0x33
	CALLVALUE      OpCode = 0x34
	CALLDATALOAD   OpCode = 0x35
	CALLDATASIZE   OpCode = 0x36
	CALLDATACOPY   OpCode = 0x37
	CODESIZE       OpCode = 0x38
	CODECOPY       OpCode = 0x39
	GASPRICE       OpCode = 0x3a
	EXTCODESIZE    OpCode = 0x3b
	EXTCODECOPY    OpCode = 0x3c
	RETURNDATASIZE OpCode = 0x3d // EIP-211
	RETURNDATACOPY OpCode = 0x3e // EIP-211
	EXTCODEHASH    OpCode = 0x3f // EIP-1052

	BLOCKHASH   OpCode = 0x40
	COINBASE    OpCode = 0x41
	TIMESTAMP   OpCode = 0x42
	NUMBER      OpCode = 0x43
	PREVRANDAO  OpCode = 0x44 // DIFFICULTY before EIP-4399
	GASLIMIT    OpCode = 0x45
	CHAINID     OpCode = 0x46 // EIP-1344
	SELFBALANCE OpCode = 0x47 // EIP-1884
	BASEFEE     OpCode = 0x48 // EIP-3198
	BLOBHASH    OpCode = 0x49 // EIP-4844
	BLOBBASEFEE OpCode = 0x4a // EIP-7516

	POP      OpCode = 0x50
	MLOAD    OpCode = 0x51
	MSTORE   OpCode = 0x52
	MSTORE8  OpCode = 0x53
	SLOAD    OpCode = 0x54
	SSTORE   OpCode = 0x55
	JUMP     OpCode = 0x56
	JUMPI    OpCode = 0x57
	PC       OpCode = 0x58
	MSIZE    OpCode = 0x59
	GAS      OpCode = 0x5a
	JUMPDEST OpCode = 0x5b
	TLOAD    OpCode = 0x5c // EIP-1153
	TSTORE   OpCode = 0x5d // EIP-1153
	MCOPY    OpCode = 0x5e // EIP-5656
	PUSH0    OpCode = 0x5f // EIP-3855

	PUSH1  OpCode = 0x60
	PUSH32 OpCode = 0x7f
	DUP1   OpCode = 0x80
	DUP16  OpCode = 0x8f
	SWAP1  OpCode = 0x90
	SWAP16 OpCode = 0x9f
	LOG0   OpCode = 0xa0
	LOG4   OpCode = 0xa4

	CREATE       OpCode = 0xf0
	CALL         OpCode = 0xf1
	CALLCODE     OpCode = 0xf2
	RETURN       OpCode = 0xf3
	DELEGATECALL OpCode = 0xf4 // EIP-7
	CREATE2      OpCode = 0xf5 // EIP-1014
	STATICCALL   OpCode = 0xfa // EIP-214
	REVERT       OpCode = 0xfd // EIP-140
	INVALID      OpCode = 0xfe // the designated invalid instruction
	SELFDESTRUCT OpCode = 0xff
)

// GasStep is one entry of an opcode's base-gas history: from the EIP named
// (0 for Frontier) on, the opcode's base gas is Gas. Keying the history by
// EIP rather than fork lets experiments switch repricings on one at a time.
type GasStep struct {
	EIP int
	Gas uint64
}

// OpSpec is the metadata of one opcode: the single source of truth for
// dispatch, base gas, the disassembler, the assembler and tracer names.
type OpSpec struct {
	Name       string
	Immediates int  // bytes of immediate data after the opcode (PUSHn: n)
	Pops       int  // stack items consumed
	Pushes     int  // stack items produced
	Halts      bool // ends the frame (STOP, RETURN, REVERT, INVALID, SELFDESTRUCT)
	Since      fork.Fork
	EIP        int       // the EIP that introduced the opcode; 0 for Frontier
	Gas        []GasStep // base gas history, in ascending activation order
}

// BaseGas is the opcode's base gas under rules: the last step whose EIP is in force.
func (s *OpSpec) BaseGas(rules *fork.Rules) uint64 {
	var g uint64
	for _, st := range s.Gas {
		if st.EIP == 0 || rules.Has(st.EIP) {
			g = st.Gas
		}
	}
	return g
}

// EnabledIn reports whether the opcode exists under rules.
func (s *OpSpec) EnabledIn(rules *fork.Rules) bool {
	return s.Name != "" && (s.EIP == 0 || rules.Has(s.EIP))
}

func gas(g uint64) []GasStep { return []GasStep{{0, g}} }

// specs is the opcode metadata table. Undefined bytes have an empty Name.
var specs = buildSpecs()

func buildSpecs() [256]OpSpec {
	var t [256]OpSpec
	def := func(op OpCode, name string, pops, pushes int, g []GasStep) *OpSpec {
		t[op] = OpSpec{Name: name, Pops: pops, Pushes: pushes, Since: fork.Frontier, Gas: g}
		return &t[op]
	}
	// since marks an opcode introduced by an EIP after Frontier.
	since := func(s *OpSpec, f fork.Fork, eip int) { s.Since, s.EIP = f, eip }

	def(STOP, "STOP", 0, 0, gas(0)).Halts = true
	def(ADD, "ADD", 2, 1, gas(3))
	def(MUL, "MUL", 2, 1, gas(5))
	def(SUB, "SUB", 2, 1, gas(3))
	def(DIV, "DIV", 2, 1, gas(5))
	def(SDIV, "SDIV", 2, 1, gas(5))
	def(MOD, "MOD", 2, 1, gas(5))
	def(SMOD, "SMOD", 2, 1, gas(5))
	def(ADDMOD, "ADDMOD", 3, 1, gas(8))
	def(MULMOD, "MULMOD", 3, 1, gas(8))
	def(EXP, "EXP", 2, 1, gas(10))
	def(SIGNEXTEND, "SIGNEXTEND", 2, 1, gas(5))

	def(LT, "LT", 2, 1, gas(3))
	def(GT, "GT", 2, 1, gas(3))
	def(SLT, "SLT", 2, 1, gas(3))
	def(SGT, "SGT", 2, 1, gas(3))
	def(EQ, "EQ", 2, 1, gas(3))
	def(ISZERO, "ISZERO", 1, 1, gas(3))
	def(AND, "AND", 2, 1, gas(3))
	def(OR, "OR", 2, 1, gas(3))
	def(XOR, "XOR", 2, 1, gas(3))
	def(NOT, "NOT", 1, 1, gas(3))
	def(BYTE, "BYTE", 2, 1, gas(3))
	since(def(SHL, "SHL", 2, 1, gas(3)), fork.Constantinople, 145)
	since(def(SHR, "SHR", 2, 1, gas(3)), fork.Constantinople, 145)
	since(def(SAR, "SAR", 2, 1, gas(3)), fork.Constantinople, 145)
	since(def(CLZ, "CLZ", 1, 1, gas(5)), fork.Osaka, 7939)

	def(KECCAK256, "KECCAK256", 2, 1, gas(30))

	def(ADDRESS, "ADDRESS", 0, 1, gas(2))
	// EIP-150 and EIP-1884 repriced state access; EIP-2929 made the base the
	// warm cost and charges the cold surcharge dynamically.
	def(BALANCE, "BALANCE", 1, 1, []GasStep{{0, 20}, {150, 400}, {1884, 700}, {2929, 100}})
	def(ORIGIN, "ORIGIN", 0, 1, gas(2))
	def(CALLER, "CALLER", 0, 1, gas(2))
	def(CALLVALUE, "CALLVALUE", 0, 1, gas(2))
	def(CALLDATALOAD, "CALLDATALOAD", 1, 1, gas(3))
	def(CALLDATASIZE, "CALLDATASIZE", 0, 1, gas(2))
	def(CALLDATACOPY, "CALLDATACOPY", 3, 0, gas(3))
	def(CODESIZE, "CODESIZE", 0, 1, gas(2))
	def(CODECOPY, "CODECOPY", 3, 0, gas(3))
	def(GASPRICE, "GASPRICE", 0, 1, gas(2))
	def(EXTCODESIZE, "EXTCODESIZE", 1, 1, []GasStep{{0, 20}, {150, 700}, {2929, 100}})
	def(EXTCODECOPY, "EXTCODECOPY", 4, 0, []GasStep{{0, 20}, {150, 700}, {2929, 100}})
	since(def(RETURNDATASIZE, "RETURNDATASIZE", 0, 1, gas(2)), fork.Byzantium, 211)
	since(def(RETURNDATACOPY, "RETURNDATACOPY", 3, 0, gas(3)), fork.Byzantium, 211)
	since(def(EXTCODEHASH, "EXTCODEHASH", 1, 1, []GasStep{{0, 400}, {1884, 700}, {2929, 100}}), fork.Constantinople, 1052)

	def(BLOCKHASH, "BLOCKHASH", 1, 1, gas(20))
	def(COINBASE, "COINBASE", 0, 1, gas(2))
	def(TIMESTAMP, "TIMESTAMP", 0, 1, gas(2))
	def(NUMBER, "NUMBER", 0, 1, gas(2))
	def(PREVRANDAO, "PREVRANDAO", 0, 1, gas(2))
	def(GASLIMIT, "GASLIMIT", 0, 1, gas(2))
	since(def(CHAINID, "CHAINID", 0, 1, gas(2)), fork.Istanbul, 1344)
	since(def(SELFBALANCE, "SELFBALANCE", 0, 1, gas(5)), fork.Istanbul, 1884)
	since(def(BASEFEE, "BASEFEE", 0, 1, gas(2)), fork.London, 3198)
	since(def(BLOBHASH, "BLOBHASH", 1, 1, gas(3)), fork.Cancun, 4844)
	since(def(BLOBBASEFEE, "BLOBBASEFEE", 0, 1, gas(2)), fork.Cancun, 7516)

	def(POP, "POP", 1, 0, gas(2))
	def(MLOAD, "MLOAD", 1, 1, gas(3))
	def(MSTORE, "MSTORE", 2, 0, gas(3))
	def(MSTORE8, "MSTORE8", 2, 0, gas(3))
	def(SLOAD, "SLOAD", 1, 1, []GasStep{{0, 50}, {150, 200}, {1884, 800}, {2929, 100}})
	def(SSTORE, "SSTORE", 2, 0, gas(0)) // all dynamic
	def(JUMP, "JUMP", 1, 0, gas(8))
	def(JUMPI, "JUMPI", 2, 0, gas(10))
	def(PC, "PC", 0, 1, gas(2))
	def(MSIZE, "MSIZE", 0, 1, gas(2))
	def(GAS, "GAS", 0, 1, gas(2))
	def(JUMPDEST, "JUMPDEST", 0, 0, gas(1))
	since(def(TLOAD, "TLOAD", 1, 1, gas(100)), fork.Cancun, 1153)
	since(def(TSTORE, "TSTORE", 2, 0, gas(100)), fork.Cancun, 1153)
	since(def(MCOPY, "MCOPY", 3, 0, gas(3)), fork.Cancun, 5656)
	since(def(PUSH0, "PUSH0", 0, 1, gas(2)), fork.Shanghai, 3855)

	for n := 1; n <= 32; n++ {
		def(PUSH1+OpCode(n-1), fmt.Sprintf("PUSH%d", n), 0, 1, gas(3)).Immediates = n
	}
	for n := 1; n <= 16; n++ {
		def(DUP1+OpCode(n-1), fmt.Sprintf("DUP%d", n), n, n+1, gas(3))
		def(SWAP1+OpCode(n-1), fmt.Sprintf("SWAP%d", n), n+1, n+1, gas(3))
	}
	for n := 0; n <= 4; n++ {
		// 375 base; topics (375 each) and data (8 a byte) are dynamic.
		def(LOG0+OpCode(n), fmt.Sprintf("LOG%d", n), n+2, 0, gas(375))
	}

	def(CREATE, "CREATE", 3, 1, gas(32000))
	callGas := []GasStep{{0, 40}, {150, 700}, {2929, 100}}
	def(CALL, "CALL", 7, 1, callGas)
	def(CALLCODE, "CALLCODE", 7, 1, callGas)
	def(RETURN, "RETURN", 2, 0, gas(0)).Halts = true
	since(def(DELEGATECALL, "DELEGATECALL", 6, 1, callGas), fork.Homestead, 7)
	since(def(CREATE2, "CREATE2", 4, 1, gas(32000)), fork.Constantinople, 1014)
	since(def(STATICCALL, "STATICCALL", 6, 1, []GasStep{{0, 700}, {2929, 100}}), fork.Byzantium, 214)
	rev := def(REVERT, "REVERT", 2, 0, gas(0))
	rev.Halts = true
	since(rev, fork.Byzantium, 140)
	def(INVALID, "INVALID", 0, 0, gas(0)).Halts = true
	def(SELFDESTRUCT, "SELFDESTRUCT", 1, 0, []GasStep{{0, 0}, {150, 5000}}).Halts = true
	return t
}

// Spec returns the metadata of op; ok is false for a byte that is no opcode in any fork.
func Spec(op OpCode) (spec OpSpec, ok bool) {
	s := specs[op]
	return s, s.Name != ""
}

// OpInfo is the short form of Spec for disassemblers: name, immediate bytes
// and whether the byte is an opcode in some fork.
func OpInfo(op OpCode) (name string, immediates int, defined bool) {
	s := &specs[op]
	return s.Name, s.Immediates, s.Name != ""
}

// String is the opcode's mnemonic, or "opcode 0x.. not defined" (geth's
// spelling, so traces can be diffed).
func (op OpCode) String() string {
	if s := specs[op].Name; s != "" {
		return s
	}
	return fmt.Sprintf("opcode %#x not defined", byte(op))
}

// IsPush reports whether op is PUSH1..PUSH32 (carries immediates).
func (op OpCode) IsPush() bool { return op >= PUSH1 && op <= PUSH32 }

// Immediates is the number of immediate bytes following op.
func (op OpCode) Immediates() int { return specs[op].Immediates }

// opAliases are older names still found in assembly sources.
var opAliases = map[string]OpCode{
	"SHA3":       KECCAK256,
	"DIFFICULTY": PREVRANDAO,
	"SUICIDE":    SELFDESTRUCT,
}

var opByName = func() map[string]OpCode {
	m := make(map[string]OpCode, 160)
	for i := range specs {
		if specs[i].Name != "" {
			m[specs[i].Name] = OpCode(i)
		}
	}
	for k, v := range opAliases {
		m[k] = v
	}
	return m
}()

// LookupOp finds an opcode by mnemonic, case-insensitively; old aliases
// (SHA3, DIFFICULTY, SUICIDE) are accepted.
func LookupOp(name string) (OpCode, bool) {
	op, ok := opByName[strings.ToUpper(name)]
	return op, ok
}
