package evm

import (
	"fmt"
	"strings"

	"github.com/goevm/goevm/fork"
)

// OpCode is one byte of EVM code.
type OpCode byte

// The opcodes, Frontier to Amsterdam. Comments name the EIP that introduced the
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
	SLOTNUM     OpCode = 0x4b // EIP-7843

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

	DUPN     OpCode = 0xe6 // EIP-8024
	SWAPN    OpCode = 0xe7 // EIP-8024
	EXCHANGE OpCode = 0xe8 // EIP-8024

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

// Toggle is one entry of a yes/no history keyed like GasStep: from the EIP
// named (0 for Frontier) on, the fact is On.
type Toggle struct {
	EIP int
	On  bool
}

// MemRange is one memory range an opcode touches: the stack positions (0 is
// the top) of its offset and its size, or, when Size is negative, a fixed
// size of Fixed bytes at the offset (MLOAD 32, MSTORE8 1). The interpreter's
// memory-size function and the tracer's wording of an unpriceable size are
// both derived from these.
type MemRange struct {
	Offset, Size int
	Fixed        uint64
}

// OpSpec is everything goevm knows about one opcode apart from its body
// (the instr_*.go files hold the body and, where it has any, its dynamic
// gas). The jump tables (jumptable.go), block analysis (blocks.go), the fast
// loop's inline keys (run_fast.go), trace memory ranges (trace_memory.go),
// the disassembler and assembler (package asm, through Spec, OpInfo and
// LookupOp) and tracer names all read it; validateSpecs checks it at start-up.
//
// Adding an opcode touches two files (plus fork/rules.go to schedule its
// EIP in a fork, unless it is only switched on with Rules.Enable):
//
//  1. here: its constant, and one spec line giving name, stack pops and
//     pushes, base gas and arrival EIP, and the facts that matter to the
//     interpreter, e.g. for a hypothetical EIP-9999 MSQRT(offset) that
//     reads a word of memory and pushes its integer square root:
//
//     def(MSQRT, "MSQRT", 1, 1, gas(5)).arrives(9999).memWord(0, 32)
//
//     Mark .readsGas(), .jumps(), .calls() or .halts() if the body does
//     that (each makes the opcode end its basic block, so block gas batching
//     never charges past it); TestInBlockOpsIgnoreGas runs every opcode left
//     inside blocks with two gas amounts and fails if the results differ or
//     the pc moves elsewhere than past it.
//
//  2. its body, in the instr_*.go file of its family (registerArithmetic
//     etc.): t[MSQRT].execute = ..., and t[MSQRT].dynamicGas = ... if it has
//     gas beyond the base and memory expansion (an opcode with dynamic gas
//     always ends its block; newTable derives that).
//
// It then runs in all three loops (through the table in the fast one), is
// disassembled and assembled by name, and its memory shows in traces. To run
// it inline in the fast loop, give it a key (.inline) and a case in runFast.
//
// A repricing of a base cost is one more GasStep on the opcode's line here,
// e.g. an EIP-9998 making DIV cost 3: gas(5) becomes
// []GasStep{{0, 5}, {9998, 3}}. A dynamic repricing changes the constant in
// gas.go (or the opcode's gas function) behind an e.is flag (rules_cache.go).
type OpSpec struct {
	Name string
	// Immediates is the bytes of immediate data after the opcode: PUSHn's
	// n, which jump-destination analysis skips; and EIP-8024's one byte
	// after DUPN, SWAPN and EXCHANGE, which it does not skip (the EIP
	// forbids the values that are JUMPDEST or PUSHn, so no destination
	// changes): ImmediateValid says which values the opcode accepts.
	Immediates int
	Pops       int // stack items consumed
	Pushes     int // stack items produced
	// Since is the fork that introduced the opcode, the first whose rules
	// include EIP (derived from it); -1 for an EIP no fork schedules yet.
	Since fork.Fork
	EIP   int       // the EIP that introduced the opcode; 0 for Frontier
	Gas   []GasStep // base gas history, in ascending activation order

	// What ends a basic block (blocks.go): an instruction after which the
	// gas left must be exact, or after which the next instruction is not
	// the one that follows.
	Halts    bool // ends the frame (STOP, RETURN, REVERT, INVALID, SELFDESTRUCT)
	Jumps    bool // may continue elsewhere than the next instruction (JUMP, JUMPI)
	ReadsGas bool // its body or pricing reads the gas left (GAS, SSTORE's EIP-2200 stipend check, the 63/64 rule)
	Calls    bool // runs another frame, which returns gas to this one (calls and creates)

	// Memory lists the ranges the opcode touches; the interpreter expands
	// memory to cover them and charges the expansion before the opcode runs.
	Memory []MemRange

	// GethWhole says when geth's jump table gives the opcode no constant gas
	// and prices its base together with its dynamic gas. Consensus is the
	// same either way; it shows only in traces of failing steps (a stack
	// fault reports no cost, a step short of its base is priced as a whole,
	// and before EIP-3529 SELFDESTRUCT's refund shows on it), so only the
	// traced loop reads it.
	GethWhole []Toggle

	// GethChecksStatic says geth finds the opcode's write in a static frame
	// (EIP-214; for CALL, a call with value) while pricing it, before its
	// dynamic gas. The specs, and the bodies here, find it after charging;
	// consensus is the same (both fail the frame with all its gas), so only
	// the traced loop reads it, to fail such a step with geth's error.
	GethChecksStatic bool

	// fast is the opcode's key in the fast loop's switch (run_fast.go);
	// kGeneric (zero) runs it through the table.
	fast fastKey
}

// EndsBlock reports whether the opcode must be the last instruction of its
// basic block whatever its gas. (An opcode with dynamic gas ends its block
// too; that is a fact of its body, which newTable adds.)
func (s *OpSpec) EndsBlock() bool { return s.Halts || s.Jumps || s.ReadsGas || s.Calls }

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

// PricedWholeByGeth reports whether geth prices the opcode's base gas with
// its dynamic gas under rules (see GethWhole).
func (s *OpSpec) PricedWholeByGeth(rules *fork.Rules) bool {
	on := false
	for _, st := range s.GethWhole {
		if st.EIP == 0 || rules.Has(st.EIP) {
			on = st.On
		}
	}
	return on
}

// EnabledIn reports whether the opcode exists under rules.
func (s *OpSpec) EnabledIn(rules *fork.Rules) bool {
	return s.Name != "" && (s.EIP == 0 || rules.Has(s.EIP))
}

func gas(g uint64) []GasStep { return []GasStep{{0, g}} }

// Setters for the spec lines of buildSpecs, so each opcode is one line.

func (s *OpSpec) arrives(eip int) *OpSpec  { s.EIP = eip; return s }
func (s *OpSpec) halts() *OpSpec           { s.Halts = true; return s }
func (s *OpSpec) jumps() *OpSpec           { s.Jumps = true; return s }
func (s *OpSpec) readsGas() *OpSpec        { s.ReadsGas = true; return s }
func (s *OpSpec) calls() *OpSpec           { s.Calls = true; return s }
func (s *OpSpec) inline(k fastKey) *OpSpec { s.fast = k; return s }

// mem adds a range whose offset and size are the stack items at off and size.
func (s *OpSpec) mem(off, size int) *OpSpec {
	s.Memory = append(s.Memory, MemRange{Offset: off, Size: size})
	return s
}

// memWord adds a range of n bytes at the offset at stack position off.
func (s *OpSpec) memWord(off int, n uint64) *OpSpec {
	s.Memory = append(s.Memory, MemRange{Offset: off, Size: -1, Fixed: n})
	return s
}

func (s *OpSpec) gethWhole(steps ...Toggle) *OpSpec { s.GethWhole = steps; return s }
func (s *OpSpec) gethChecksStatic() *OpSpec         { s.GethChecksStatic = true; return s }

// specs is the opcode metadata table. Undefined bytes have an empty Name.
var specs = buildSpecs()

func buildSpecs() [256]OpSpec {
	var t [256]OpSpec
	def := func(op OpCode, name string, pops, pushes int, g []GasStep) *OpSpec {
		t[op] = OpSpec{Name: name, Pops: pops, Pushes: pushes, Gas: g}
		return &t[op]
	}
	always := []Toggle{{0, true}}

	def(STOP, "STOP", 0, 0, gas(0)).halts().inline(kStop)
	def(ADD, "ADD", 2, 1, gas(3)).inline(kAdd)
	def(MUL, "MUL", 2, 1, gas(5)).inline(kMul)
	def(SUB, "SUB", 2, 1, gas(3)).inline(kSub)
	def(DIV, "DIV", 2, 1, gas(5)).inline(kDiv)
	def(SDIV, "SDIV", 2, 1, gas(5)).inline(kSdiv)
	def(MOD, "MOD", 2, 1, gas(5)).inline(kMod)
	def(SMOD, "SMOD", 2, 1, gas(5)).inline(kSmod)
	def(ADDMOD, "ADDMOD", 3, 1, gas(8)).inline(kAddmod)
	def(MULMOD, "MULMOD", 3, 1, gas(8)).inline(kMulmod)
	def(EXP, "EXP", 2, 1, gas(10)).gethWhole(always...)
	def(SIGNEXTEND, "SIGNEXTEND", 2, 1, gas(5)).inline(kSignextend)

	def(LT, "LT", 2, 1, gas(3)).inline(kLt)
	def(GT, "GT", 2, 1, gas(3)).inline(kGt)
	def(SLT, "SLT", 2, 1, gas(3)).inline(kSlt)
	def(SGT, "SGT", 2, 1, gas(3)).inline(kSgt)
	def(EQ, "EQ", 2, 1, gas(3)).inline(kEq)
	def(ISZERO, "ISZERO", 1, 1, gas(3)).inline(kIszero)
	def(AND, "AND", 2, 1, gas(3)).inline(kAnd)
	def(OR, "OR", 2, 1, gas(3)).inline(kOr)
	def(XOR, "XOR", 2, 1, gas(3)).inline(kXor)
	def(NOT, "NOT", 1, 1, gas(3)).inline(kNot)
	def(BYTE, "BYTE", 2, 1, gas(3)).inline(kByte)
	def(SHL, "SHL", 2, 1, gas(3)).arrives(145).inline(kShl)
	def(SHR, "SHR", 2, 1, gas(3)).arrives(145).inline(kShr)
	def(SAR, "SAR", 2, 1, gas(3)).arrives(145).inline(kSar)
	def(CLZ, "CLZ", 1, 1, gas(5)).arrives(7939)

	def(KECCAK256, "KECCAK256", 2, 1, gas(30)).mem(0, 1)

	def(ADDRESS, "ADDRESS", 0, 1, gas(2))
	// EIP-150 and EIP-1884 repriced state access; EIP-2929 made the base the
	// warm cost and charges the cold surcharge dynamically.
	def(BALANCE, "BALANCE", 1, 1, []GasStep{{0, 20}, {150, 400}, {1884, 700}, {2929, 100}})
	def(ORIGIN, "ORIGIN", 0, 1, gas(2))
	def(CALLER, "CALLER", 0, 1, gas(2))
	def(CALLVALUE, "CALLVALUE", 0, 1, gas(2))
	def(CALLDATALOAD, "CALLDATALOAD", 1, 1, gas(3))
	def(CALLDATASIZE, "CALLDATASIZE", 0, 1, gas(2))
	def(CALLDATACOPY, "CALLDATACOPY", 3, 0, gas(3)).mem(0, 2)
	def(CODESIZE, "CODESIZE", 0, 1, gas(2))
	def(CODECOPY, "CODECOPY", 3, 0, gas(3)).mem(0, 2)
	def(GASPRICE, "GASPRICE", 0, 1, gas(2))
	def(EXTCODESIZE, "EXTCODESIZE", 1, 1, []GasStep{{0, 20}, {150, 700}, {2929, 100}})
	def(EXTCODECOPY, "EXTCODECOPY", 4, 0, []GasStep{{0, 20}, {150, 700}, {2929, 100}}).mem(1, 3)
	def(RETURNDATASIZE, "RETURNDATASIZE", 0, 1, gas(2)).arrives(211)
	def(RETURNDATACOPY, "RETURNDATACOPY", 3, 0, gas(3)).arrives(211).mem(0, 2)
	def(EXTCODEHASH, "EXTCODEHASH", 1, 1, []GasStep{{0, 400}, {1884, 700}, {2929, 100}}).arrives(1052)

	def(BLOCKHASH, "BLOCKHASH", 1, 1, gas(20))
	def(COINBASE, "COINBASE", 0, 1, gas(2))
	def(TIMESTAMP, "TIMESTAMP", 0, 1, gas(2))
	def(NUMBER, "NUMBER", 0, 1, gas(2))
	def(PREVRANDAO, "PREVRANDAO", 0, 1, gas(2))
	def(GASLIMIT, "GASLIMIT", 0, 1, gas(2))
	def(CHAINID, "CHAINID", 0, 1, gas(2)).arrives(1344)
	def(SELFBALANCE, "SELFBALANCE", 0, 1, gas(5)).arrives(1884)
	def(BASEFEE, "BASEFEE", 0, 1, gas(2)).arrives(3198)
	def(BLOBHASH, "BLOBHASH", 1, 1, gas(3)).arrives(4844)
	def(BLOBBASEFEE, "BLOBBASEFEE", 0, 1, gas(2)).arrives(7516)
	def(SLOTNUM, "SLOTNUM", 0, 1, gas(2)).arrives(7843)

	def(POP, "POP", 1, 0, gas(2)).inline(kPop)
	def(MLOAD, "MLOAD", 1, 1, gas(3)).memWord(0, 32).inline(kMload)
	def(MSTORE, "MSTORE", 2, 0, gas(3)).memWord(0, 32).inline(kMstore)
	def(MSTORE8, "MSTORE8", 2, 0, gas(3)).memWord(0, 1).inline(kMstore8)
	// EIP-2929 made SLOAD all dynamic in geth's table (warm or cold).
	def(SLOAD, "SLOAD", 1, 1, []GasStep{{0, 50}, {150, 200}, {1884, 800}, {2929, 100}}).gethWhole(Toggle{2929, true})
	def(SSTORE, "SSTORE", 2, 0, gas(0)).readsGas().gethChecksStatic() // all dynamic
	def(JUMP, "JUMP", 1, 0, gas(8)).jumps().inline(kJump)
	def(JUMPI, "JUMPI", 2, 0, gas(10)).jumps().inline(kJumpi)
	def(PC, "PC", 0, 1, gas(2))
	def(MSIZE, "MSIZE", 0, 1, gas(2))
	def(GAS, "GAS", 0, 1, gas(2)).readsGas()
	def(JUMPDEST, "JUMPDEST", 0, 0, gas(1)).inline(kJumpdest)
	def(TLOAD, "TLOAD", 1, 1, gas(100)).arrives(1153)
	def(TSTORE, "TSTORE", 2, 0, gas(100)).arrives(1153)
	def(MCOPY, "MCOPY", 3, 0, gas(3)).arrives(5656).mem(0, 2).mem(1, 2)
	def(PUSH0, "PUSH0", 0, 1, gas(2)).arrives(3855).inline(kPush0)

	for n := 1; n <= 32; n++ {
		k := kPushN
		switch n {
		case 1:
			k = kPush1
		case 2:
			k = kPush2 // fused with a following JUMP or JUMPI
		}
		def(PUSH1+OpCode(n-1), fmt.Sprintf("PUSH%d", n), 0, 1, gas(3)).inline(k).Immediates = n
	}
	for n := 1; n <= 16; n++ {
		// One key each, in order, so the key gives n (run_fast.go).
		def(DUP1+OpCode(n-1), fmt.Sprintf("DUP%d", n), n, n+1, gas(3)).inline(kDup1 + fastKey(n-1))
		def(SWAP1+OpCode(n-1), fmt.Sprintf("SWAP%d", n), n+1, n+1, gas(3)).inline(kSwap1 + fastKey(n-1))
	}
	// EIP-8024: the depth comes from the immediate byte, so the bodies
	// check it (instr_stackn.go); the stack bounds here are geth's minimum, one
	// item for DUPN and two for SWAPN and EXCHANGE, and DUPN's one push.
	def(DUPN, "DUPN", 1, 2, gas(3)).arrives(8024).inline(kDupN).Immediates = 1
	def(SWAPN, "SWAPN", 2, 2, gas(3)).arrives(8024).inline(kSwapN).Immediates = 1
	def(EXCHANGE, "EXCHANGE", 2, 2, gas(3)).arrives(8024).inline(kExchange).Immediates = 1
	for n := 0; n <= 4; n++ {
		// 375 base; topics (375 each) and data (8 a byte) are dynamic.
		def(LOG0+OpCode(n), fmt.Sprintf("LOG%d", n), n+2, 0, gas(375)).mem(0, 1).gethWhole(always...)
	}

	createGas := []GasStep{{0, 32000}, {8038, fork.CreateAccess8038}}
	def(CREATE, "CREATE", 3, 1, createGas).calls().readsGas().mem(1, 2).gethChecksStatic()
	callGas := []GasStep{{0, 40}, {150, 700}, {2929, 100}}
	def(CALL, "CALL", 7, 1, callGas).calls().readsGas().mem(3, 4).mem(5, 6).gethChecksStatic()
	def(CALLCODE, "CALLCODE", 7, 1, callGas).calls().readsGas().mem(3, 4).mem(5, 6)
	def(RETURN, "RETURN", 2, 0, gas(0)).halts().mem(0, 1)
	def(DELEGATECALL, "DELEGATECALL", 6, 1, callGas).arrives(7).calls().readsGas().mem(2, 3).mem(4, 5)
	def(CREATE2, "CREATE2", 4, 1, createGas).arrives(1014).calls().readsGas().mem(1, 2).gethChecksStatic()
	def(STATICCALL, "STATICCALL", 6, 1, []GasStep{{0, 700}, {2929, 100}}).arrives(214).calls().readsGas().mem(2, 3).mem(4, 5)
	def(REVERT, "REVERT", 2, 0, gas(0)).arrives(140).halts().mem(0, 1)
	def(INVALID, "INVALID", 0, 0, gas(0)).halts()
	// Its pricing reads the gas left (EIP-2929's cold access is checked
	// before the rest). geth priced EIP-150's base with the dynamic part
	// until EIP-2929 made it constant.
	def(SELFDESTRUCT, "SELFDESTRUCT", 1, 0, []GasStep{{0, 0}, {150, 5000}}).halts().readsGas().
		gethWhole(Toggle{0, true}, Toggle{2929, false}).gethChecksStatic()

	for i := range t {
		if t[i].Name != "" {
			t[i].Since = arrivalFork(t[i].EIP)
		}
	}
	return t
}

// arrivalFork is the first fork whose rules include eip (Frontier for 0);
// -1 if no fork schedules it.
func arrivalFork(eip int) fork.Fork {
	if eip == 0 {
		return fork.Frontier
	}
	for _, f := range fork.All() {
		if r := f.Rules(); r.Has(eip) {
			return f
		}
	}
	return -1
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

// IsPush reports whether op is PUSH1..PUSH32 (carries immediates that
// jump-destination analysis skips).
func (op OpCode) IsPush() bool { return op >= PUSH1 && op <= PUSH32 }

// Immediates is the number of immediate bytes following op (PUSHn's n;
// 1 for EIP-8024's DUPN, SWAPN and EXCHANGE, see ImmediateValid).
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
