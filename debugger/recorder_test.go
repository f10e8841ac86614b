package debugger

import (
	"bufio"
	"bytes"
	"encoding/json"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/goevm/goevm/asm"
	"github.com/goevm/goevm/evm"
	"github.com/goevm/goevm/fork"
	"github.com/goevm/goevm/state"
	"github.com/goevm/goevm/trace"
	"github.com/goevm/goevm/types"
	"github.com/holiman/uint256"
)

var (
	testSender   = types.MustHexToAddress("0x00000000000000000000000000000073656e6465")
	testReceiver = types.MustHexToAddress("0x0000000000000000000000000000000000001000")
	testCallee   = types.MustHexToAddress("0x0000000000000000000000000000000000002000")
	testReturner = types.MustHexToAddress("0x0000000000000000000000000000000000003000")
)

// callsProgram writes storage and transient storage, calls a contract that
// writes a slot and reverts, one that returns a word (also by
// DELEGATECALL), creates a contract, and returns memory.
const callsProgram = `
	PUSH1 0x11 PUSH1 1 SSTORE
	PUSH1 5 PUSH1 2 TSTORE
	PUSH1 2 TLOAD POP
	PUSH1 1 SLOAD POP
	PUSH32 0x1122334455667788990011223344556677889900112233445566778899001122 PUSH1 0 MSTORE
	PUSH1 0 PUSH1 0 PUSH1 0 PUSH1 0 PUSH1 0 PUSH2 0x2000 PUSH2 50000 CALL POP
	PUSH1 32 PUSH1 64 PUSH1 0 PUSH1 0 PUSH1 0 PUSH2 0x3000 PUSH2 50000 CALL POP
	PUSH1 32 PUSH1 96 PUSH1 0 PUSH1 0 PUSH2 0x3000 PUSH2 50000 DELEGATECALL POP
	PUSH5 0x6001600155 PUSH1 0 MSTORE
	PUSH1 5 PUSH1 27 PUSH1 0 CREATE POP
	PUSH1 1 SLOAD POP
	PUSH1 128 PUSH1 0 RETURN`

const calleeProgram = `PUSH1 9 PUSH1 7 SSTORE PUSH1 0xaa PUSH1 0 MSTORE8 PUSH1 1 PUSH1 0 REVERT`
const returnerProgram = `PUSH1 0x42 PUSH1 0 MSTORE PUSH1 32 PUSH1 0 RETURN`

func mustAsm(t testing.TB, src string) []byte {
	t.Helper()
	b, err := asm.Assemble(src)
	if err != nil {
		t.Fatalf("assemble: %v", err)
	}
	return b
}

// runBoth runs code at testReceiver with the recorder and the EIP-3155
// logger installed together, and returns both.
func runBoth(t testing.TB, code []byte, gas uint64, accounts map[types.Address][]byte) (*Trace, []map[string]any) {
	return run(t, code, gas, accounts, true)
}

func run(t testing.TB, code []byte, gas uint64, accounts map[types.Address][]byte, withLog bool) (*Trace, []map[string]any) {
	t.Helper()
	db := state.New()
	for a, c := range accounts {
		db.SetCode(a, c)
	}
	db.SetCode(testReceiver, code)
	db.Commit()
	db.BeginTx()
	var buf bytes.Buffer
	logger := trace.NewJSONLogger(&buf, trace.JSONOptions{Memory: true, ReturnData: true, NoExitLines: true})
	rec := NewRecorder(db)
	lh, rh := logger.Hooks(), rec.Hooks()
	if !withLog {
		lh = &trace.Hooks{OnOpcode: func(*trace.Step) {}, OnFault: func(*trace.Step) {}}
	}
	hooks := &trace.Hooks{
		OnOpcode: func(s *trace.Step) { lh.OnOpcode(s); rh.OnOpcode(s) },
		OnFault:  func(s *trace.Step) { lh.OnFault(s); rh.OnFault(s) },
		OnEnter:  rh.OnEnter,
		OnExit:   rh.OnExit,
	}
	rules := fork.Mainnet.Rules() // the gas the programs below are written for (Amsterdam reprices SSTORE)
	e := evm.New(evm.BlockContext{GasLimit: gas}, evm.TxContext{Origin: testSender}, db, rules, evm.Config{Tracer: hooks, ChainID: 1})
	db.AddAddressToAccessList(testReceiver)
	out, left, err := e.Call(testSender, testReceiver, nil, gas, new(uint256.Int))
	tr := rec.Trace()
	tr.Result = Result{Output: out, GasUsed: gas - left}
	if err != nil {
		tr.Result.Error = err.Error()
	}
	var lines []map[string]any
	sc := bufio.NewScanner(&buf)
	sc.Buffer(nil, 1<<24)
	for sc.Scan() {
		var m map[string]any
		if err := json.Unmarshal(sc.Bytes(), &m); err != nil {
			t.Fatal(err)
		}
		lines = append(lines, m)
	}
	return tr, lines
}

// checkAgainstLog compares every step the trace rebuilds with the logger's
// line for it.
func checkAgainstLog(t *testing.T, tr *Trace, lines []map[string]any) {
	t.Helper()
	if tr.Len() != len(lines) {
		t.Fatalf("%d steps recorded, %d lines logged", tr.Len(), len(lines))
	}
	for i, l := range lines {
		v := tr.View(i, 0)
		hexq := func(k string) string {
			s, _ := l[k].(string)
			n, _ := strconv.ParseUint(strings.TrimPrefix(s, "0x"), 16, 64)
			return strconv.FormatUint(n, 10)
		}
		if uint64(l["pc"].(float64)) != v.PC || byte(l["op"].(float64)) != v.Opcode || hexq("gas") != v.Gas ||
			hexq("gasCost") != v.Cost || int(l["depth"].(float64)) != v.Depth {
			t.Fatalf("step %d: view %+v, log %v", i, v, l)
		}
		var stack []string
		for _, w := range l["stack"].([]any) {
			stack = append([]string{w.(string)}, stack...)
		}
		if strings.Join(stack, ",") != strings.Join(v.Stack, ",") {
			t.Fatalf("step %d: stack %v, logged %v", i, v.Stack, stack)
		}
		mem, _ := l["memory"].(string)
		mem = strings.TrimPrefix(mem, "0x")
		lo := min(int(2*v.MemOff), len(mem))
		mem = mem[lo:min(lo+2*memWindow, len(mem))]
		if mem != v.Memory || uint64(l["memSize"].(float64)) != v.MemSize {
			t.Fatalf("step %d: memory from %d differs (size %d, logged %v)", i, v.MemOff, v.MemSize, l["memSize"])
		}
		rd, _ := l["returnData"].(string)
		if rd != v.ReturnData {
			t.Fatalf("step %d: return data %q, logged %q", i, v.ReturnData, rd)
		}
		if e, _ := l["error"].(string); e != v.Error {
			t.Fatalf("step %d: error %q, logged %q", i, v.Error, e)
		}
	}
}

func TestRecorderMatchesLogger(t *testing.T) {
	accounts := map[types.Address][]byte{testCallee: mustAsm(t, calleeProgram), testReturner: mustAsm(t, returnerProgram)}
	tr, lines := runBoth(t, mustAsm(t, callsProgram), 1_000_000, accounts)
	checkAgainstLog(t, tr, lines)

	// Frames: the top level, the reverting callee, the returner twice, the creation.
	var kinds []string
	for _, f := range tr.Frames {
		kinds = append(kinds, KindName(f.Kind)+"@"+strconv.Itoa(f.Depth))
	}
	if got := strings.Join(kinds, " "); got != "CALL@1 CALL@2 CALL@2 DELEGATECALL@2 CREATE@2" {
		t.Fatalf("frames %s", got)
	}
	if f := tr.Frames[1]; !f.Reverted || f.Err == "" {
		t.Fatalf("callee frame %+v: want reverted", f)
	}
	if f := tr.Frames[3]; f.CodeAddr != testReturner || f.To != testReceiver {
		t.Fatalf("delegatecall frame runs %s at %s", f.CodeAddr, f.To)
	}
	// Its From is the CALLER its code sees: the top frame's sender.
	if f := tr.Frames[3]; f.From != tr.Frames[0].From {
		t.Fatalf("delegatecall frame from %s, want %s", f.From, tr.Frames[0].From)
	}

	// Storage: slot 1 written at the top level; the callee's slot 7 is
	// written, then undone by its revert.
	last := tr.Len() - 1
	slots := tr.slotsAt(last, testReceiver, false)
	if len(slots) != 1 || !strings.HasSuffix(slots[0].Value, "11") || !slots[0].Dirty {
		t.Fatalf("receiver storage at the end: %+v", slots)
	}
	callee := tr.slotsAt(last, testCallee, false)
	if len(callee) != 1 || callee[0].Value != (types.Hash{}).Hex() || callee[0].Dirty {
		t.Fatalf("callee storage after its revert: %+v", callee)
	}
	inCallee := tr.slotsAt(tr.Frames[1].LastStep, testCallee, false)
	if len(inCallee) != 1 || !strings.HasSuffix(inCallee[0].Value, "09") {
		t.Fatalf("callee storage before its revert: %+v", inCallee)
	}
	tslots := tr.slotsAt(last, testReceiver, true)
	if len(tslots) != 1 || !strings.HasSuffix(tslots[0].Value, "05") {
		t.Fatalf("transient storage: %+v", tslots)
	}

	// The gas profile adds up: every frame's own steps and its callees'
	// totals make its total.
	p := tr.profile
	for _, f := range tr.Frames {
		sum := p.ByFrame[f.ID].Self
		for _, c := range f.Children {
			sum += p.ByFrame[c].Total
		}
		if sum != p.ByFrame[f.ID].Total {
			t.Errorf("frame %d: self %d + children = %d, total %d", f.ID, p.ByFrame[f.ID].Self, sum, p.ByFrame[f.ID].Total)
		}
	}
	if p.Total != tr.Result.GasUsed {
		t.Errorf("profile total %d, gas used %d", p.Total, tr.Result.GasUsed)
	}
}

func TestRecorderFaults(t *testing.T) {
	for name, src := range map[string]string{
		"underflow":    "PUSH1 1 ADD",
		"out of gas":   "loop: PUSH1 1 PUSH1 0 MSTORE PUSH @loop JUMP",
		"bad jump":     "PUSH1 3 JUMP",
		"invalid":      "PUSH1 1 .data 0xfe",
		"revert":       "PUSH1 0 PUSH1 0 REVERT",
		"memory heavy": "PUSH2 0x4000 PUSH1 0 PUSH1 0 CALLDATACOPY PUSH1 1 PUSH2 0x3fff MSTORE8 PUSH2 0x4000 PUSH1 0 RETURN",
	} {
		t.Run(name, func(t *testing.T) {
			tr, lines := runBoth(t, mustAsm(t, src), 100_000, nil)
			checkAgainstLog(t, tr, lines)
		})
	}
}

// TestLongRun records a loop of a million steps; what it keeps per step
// must stay small.
func TestLongRun(t *testing.T) {
	if testing.Short() {
		t.Skip("long run")
	}
	src := `PUSH3 0x01b207 loop: PUSH1 1 SWAP1 SUB DUP1 DUP1 PUSH1 0 MSTORE PUSH @loop JUMPI STOP`
	start := time.Now()
	tr, _ := run(t, mustAsm(t, src), 100_000_000, nil, false)
	t.Logf("%d steps recorded in %v", tr.Len(), time.Since(start))
	if tr.Len() < 1_000_000 {
		t.Fatalf("%d steps", tr.Len())
	}
	perStep := (len(tr.words)*32 + len(tr.memArena) + len(tr.steps)*80) / tr.Len()
	if perStep > 200 {
		t.Fatalf("%d bytes a step", perStep)
	}
	v := tr.View(tr.Len()-2, -1)
	if v.Op != "JUMPI" {
		t.Fatalf("last but one step %s", v.Op)
	}
}
