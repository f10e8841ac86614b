package evm

import (
	"bytes"
	"slices"
	"strings"
	"testing"

	"github.com/goevm/goevm/fork"
	"github.com/goevm/goevm/state"
	"github.com/holiman/uint256"
)

// TestOpTableValid runs the start-up validation on the opcode table and on
// the jump table of every fork, and of a fork with a later opcode's EIP
// switched on (EIP-3855's PUSH0 on Frontier) as experiments do.
func TestOpTableValid(t *testing.T) {
	if err := validateSpecs(); err != nil {
		t.Fatal(err)
	}
	for _, f := range fork.All() {
		r := f.Rules()
		if err := validateTable(newTable(&r)); err != nil {
			t.Errorf("%v: %v", f, err)
		}
	}
	r := fork.Frontier.Rules()
	r.Enable(3855)
	if err := validateTable(newTable(&r)); err != nil {
		t.Errorf("Frontier+3855: %v", err)
	}
}

// TestOpTableValidationCatches breaks the table in the ways validation
// exists for and checks each is reported, naming the opcode.
func TestOpTableValidationCatches(t *testing.T) {
	cases := []struct {
		name   string
		break_ func(s *[256]OpSpec, b *[256]behaviour)
		want   string
	}{
		{"inline opcode that reads gas", func(s *[256]OpSpec, _ *[256]behaviour) { s[GAS].fast = kAdd + 100 }, "GAS: ends a block"},
		{"inline opcode with dynamic gas", func(s *[256]OpSpec, _ *[256]behaviour) { s[EXP].fast = kAdd + 100 }, "EXP: has dynamic gas"},
		{"duplicate name", func(s *[256]OpSpec, _ *[256]behaviour) { s[CLZ].Name = "ADD" }, "name already used"},
		{"memory operand past the pops", func(s *[256]OpSpec, _ *[256]behaviour) { s[RETURN].Memory = []MemRange{{0, 2, 0}} }, "RETURN: memory range"},
		{"opcode without body", func(_ *[256]OpSpec, b *[256]behaviour) { b[ADD].execute = nil }, "ADD: no body"},
		{"halting opcode pushes", func(s *[256]OpSpec, _ *[256]behaviour) { s[STOP].Pushes = 1 }, "STOP: halts but pushes"},
		{"gas history out of order", func(s *[256]OpSpec, _ *[256]behaviour) {
			s[SLOAD].Gas = []GasStep{{0, 50}, {2929, 100}, {150, 200}}
		}, "SLOAD: base-gas history not in ascending"},
		{"wrong immediates", func(s *[256]OpSpec, _ *[256]behaviour) { s[PUSH1+1].Immediates = 1 }, "PUSH2: 1 immediate"},
	}
	for _, c := range cases {
		s, b := specs, behaviours
		c.break_(&s, &b)
		err := checkSpecs(&s, &b)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: got %v, want an error containing %q", c.name, err, c.want)
		}
	}

	// A table where an opcode with dynamic gas was left inside blocks.
	r := fork.Cancun.Rules()
	tab := *newTable(&r)
	tab[KECCAK256].inBlock = true
	if err := checkTable(&tab, &specs); err == nil || !strings.Contains(err.Error(), "KECCAK256") {
		t.Errorf("KECCAK256 inside a block: got %v", err)
	}
}

// TestInBlockOpsIgnoreGas is the check the table cannot make by itself: an
// opcode that may sit inside a basic block is charged before the block's
// later instructions are, so it must not read the gas left, change it, or
// continue anywhere but after itself. Every such opcode of every fork runs
// here with two gas amounts and the same stack; its stack, memory, gas and
// pc must come out the same and unchanged respectively. A new opcode whose
// body reads gas or jumps and whose spec line forgot .readsGas() or
// .jumps() fails here (GAS and JUMP themselves are checked to fail).
func TestInBlockOpsIgnoreGas(t *testing.T) {
	// Every fork, and the latest with every EIP the table names switched
	// on, so an opcode of an EIP no fork schedules yet is checked too.
	all := fork.Latest.Rules()
	for i := range specs {
		if specs[i].EIP != 0 && !all.Has(specs[i].EIP) {
			all.Enable(specs[i].EIP)
		}
	}
	var rules []fork.Rules
	for _, fk := range fork.All() {
		rules = append(rules, fk.Rules())
	}
	for _, r := range append(rules, all) {
		db := state.New()
		db.BeginTx()
		e := New(BlockContext{Number: 100, GasLimit: 30_000_000, Time: 1000}, TxContext{Origin: testSender}, db, r, Config{ChainID: 1})
		for i := range e.table {
			op, o := OpCode(i), &e.table[i]
			if !o.inBlock {
				continue
			}
			if msg := gasOrFlowDependence(e, op, o); msg != "" {
				t.Errorf("%v, %v: %s; mark it .readsGas() or .jumps() in its spec line", r.Fork, op, msg)
			}
		}
		for _, op := range []OpCode{GAS, JUMP} { // the detector works
			if gasOrFlowDependence(e, op, &e.table[op]) == "" {
				t.Errorf("%v: %v not caught by the check", r.Fork, op)
			}
		}
	}
}

// gasOrFlowDependence runs op's body twice with different gas and says how
// the outcome depends on it, or on nothing ("").
func gasOrFlowDependence(e *EVM, op OpCode, o *operation) string {
	type outcome struct {
		stack []uint256.Int
		mem   []byte
		pc    uint64
		gas   uint64
		err   error
	}
	run := func(gas uint64) outcome {
		f := getFrame()
		defer putFrame(f)
		f.code = append([]byte{byte(op)}, make([]byte, 33)...)
		f.jumpdests = make(bitvec, 1)
		f.jumpdests[0] = 1 // the top item, 0, is a valid destination: a jump goes there
		f.address, f.caller, f.gas = testContract, testSender, gas
		f.mem.resize(64)
		for v := range 17 { // small values: offsets and sizes inside memory
			f.stack.push(uint256.NewInt(uint64(16 - v)))
		}
		var pc uint64
		_, err := o.execute(&pc, e, f)
		return outcome{slices.Clone(f.stack.Items()), bytes.Clone(f.mem.store), pc, f.gas, err}
	}
	a, b := run(1_000_000), run(123_457)
	switch {
	case !slices.Equal(a.stack, b.stack) || !bytes.Equal(a.mem, b.mem) || a.err != b.err:
		return "its result depends on the gas left"
	case a.gas != 1_000_000 || b.gas != 123_457:
		return "its body changes the gas left"
	case a.err == nil && a.pc != uint64(specs[op].Immediates) || b.pc != a.pc: // a failing body ends the frame, wherever pc is
		return "it continues elsewhere than after itself"
	}
	return ""
}
