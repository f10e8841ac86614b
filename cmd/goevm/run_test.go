package main

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/goevm/goevm/asm"
	"github.com/goevm/goevm/crypto"
)

func runGoevm(t *testing.T, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = runMain(args, &out, &errOut)
	return out.String(), errOut.String(), code
}

// EIP-3155's test case: the gas of every step and the summary come from the
// EIP text (a pre-Berlin run: SSTORE 20000, STATICCALL to SHA-256).
func TestRunEIP3155Trace(t *testing.T) {
	out, trace, code := runGoevm(t, "--code", "604080536040604055604060006040600060025afa6040f3", "--fork", "Istanbul", "--trace")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, trace)
	}
	if !strings.Contains(out, "output:   0x40\n") || !strings.Contains(out, "gas used: 20828\n") {
		t.Errorf("result:\n%s", out)
	}
	wantGas := []struct{ pc, gas, cost string }{
		{"0", "0x2540be400", "0x3"}, {"2", "0x2540be3fd", "0x3"}, {"3", "0x2540be3fa", "0xc"},
		{"4", "0x2540be3ee", "0x3"}, {"6", "0x2540be3eb", "0x3"}, {"8", "0x2540be3e8", "0x4e20"},
		{"9", "0x2540b95c8", "0x3"}, {"11", "0x2540b95c5", "0x3"}, {"13", "0x2540b95c2", "0x3"},
		{"15", "0x2540b95bf", "0x3"}, {"17", "0x2540b95bc", "0x3"}, {"19", "0x2540b95b9", "0x2"},
		{"20", "0x2540b95b7", "0x24abb676c"},
		{"21", "0x2540b92a7", "0x3"}, {"23", "0x2540b92a4", "0x0"},
	}
	var steps []map[string]any
	var last map[string]any
	for _, line := range strings.Split(strings.TrimSpace(trace), "\n") {
		var m map[string]any
		if err := json.Unmarshal([]byte(line), &m); err != nil {
			t.Fatalf("trace line %q: %v", line, err)
		}
		if _, ok := m["pc"]; ok && m["depth"].(float64) == 1 {
			steps = append(steps, m)
		}
		last = m
	}
	if len(steps) != len(wantGas) {
		t.Fatalf("%d top-level steps, want %d:\n%s", len(steps), len(wantGas), trace)
	}
	for i, w := range wantGas {
		s := steps[i]
		if got := strings.TrimSuffix(strings.TrimSuffix(string(mustJSON(s["pc"])), "\n"), ""); got != w.pc || s["gas"] != w.gas || s["gasCost"] != w.cost {
			t.Errorf("step %d: pc %v gas %v cost %v; want %s %s %s", i, s["pc"], s["gas"], s["gasCost"], w.pc, w.gas, w.cost)
		}
	}
	if last["output"] != "40" || last["gasUsed"] != "0x515c" {
		t.Errorf("summary %v, want output 40 gasUsed 0x515c", last)
	}
}

func mustJSON(v any) []byte {
	b, _ := json.Marshal(v)
	return b
}

// The block and transaction defaults are geth's evm run's (cmd/evm
// runner.go and core/vm/runtime of v1.17.10): this code returns ORIGIN,
// CALLER, ADDRESS, NUMBER, TIMESTAMP, COINBASE, GASLIMIT, BASEFEE,
// BLOBBASEFEE, CHAINID, GASPRICE, CALLVALUE, PREVRANDAO as 13 words.
const envProgram = `
	ORIGIN CALLER ADDRESS NUMBER TIMESTAMP COINBASE GASLIMIT BASEFEE
	BLOBBASEFEE CHAINID GASPRICE CALLVALUE PREVRANDAO
	PUSH 0 MSTORE   PUSH 32 MSTORE  PUSH 64 MSTORE  PUSH 96 MSTORE
	PUSH 128 MSTORE PUSH 160 MSTORE PUSH 192 MSTORE PUSH 224 MSTORE
	PUSH 256 MSTORE PUSH 288 MSTORE PUSH 320 MSTORE PUSH 352 MSTORE
	PUSH 384 MSTORE
	PUSH 416 PUSH 0 RETURN`

func envWords(t *testing.T, args ...string) []string {
	t.Helper()
	bin, err := asm.Assemble(envProgram)
	if err != nil {
		t.Fatal(err)
	}
	code := hex.EncodeToString(bin)
	out, errOut, rc := runGoevm(t, append([]string{"--code", code, "--json"}, args...)...)
	if rc != 0 {
		t.Fatalf("exit %d: %s%s", rc, out, errOut)
	}
	var res struct{ Output string }
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatal(err)
	}
	raw, _ := hex.DecodeString(strings.TrimPrefix(res.Output, "0x"))
	if len(raw) != 13*32 {
		t.Fatalf("output %d bytes: %s", len(raw), out)
	}
	words := make([]string, 13)
	for i := range words {
		// The last value pushed (PREVRANDAO) was stored first.
		w := strings.TrimLeft(hex.EncodeToString(raw[i*32:(i+1)*32]), "0")
		words[12-i] = "0x" + w
	}
	return words
}

func TestRunDefaultsMatchGeth(t *testing.T) {
	got := envWords(t)
	want := []string{
		"0x73656e646572",     // ORIGIN: "sender"
		"0x73656e646572",     // CALLER
		"0x7265636569766572", // ADDRESS: "receiver"
		"0x",                 // NUMBER 0
		"0x",                 // TIMESTAMP 0
		"0x",                 // COINBASE zero
		"0x2540be400",        // GASLIMIT = gas 10000000000
		"0x3b9aca00",         // BASEFEE 1 gwei (InitialBaseFee)
		"0x",                 // BLOBBASEFEE 0: runner.go passes new(big.Int), so runtime's default of 1 never applies
		"0x539",              // CHAINID 1337: without --prestate runner.go runs params.AllDevChainProtocolChanges (ChainID 1337); runtime's ChainID 1 is only for a nil ChainConfig, which runner.go never leaves
		"0x",                 // GASPRICE 0
		"0x",                 // CALLVALUE 0
		"0x",                 // PREVRANDAO zero
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("word %d = %s, want %s", i, got[i], want[i])
		}
	}
	got = envWords(t, "--sender", "0x1111111111111111111111111111111111111111", "--receiver", "0x2222222222222222222222222222222222222222",
		"--number", "7", "--timestamp", "0x10", "--coinbase", "0x3333333333333333333333333333333333333333", "--gaslimit", "30000000",
		"--basefee", "9", "--blobbasefee", "3", "--chainid", "1", "--price", "12",
		"--prevrandao", "0x00000000000000000000000000000000000000000000000000000000000000ff")
	want = []string{"0x" + strings.Repeat("1", 40), "0x" + strings.Repeat("1", 40), "0x" + strings.Repeat("2", 40),
		"0x7", "0x10", "0x" + strings.Repeat("3", 40), "0x1c9c380", "0x9", "0x3", "0x1", "0xc", "0x", "0xff"}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("override: word %d = %s, want %s", i, got[i], want[i])
		}
	}
}

func TestRunPrestate(t *testing.T) {
	dir := t.TempDir()
	alloc := `{
  "0x0000000000000000000000007265636569766572": {"balance": "0x10", "storage": {"0x01": "0x2a"}},
  "0x000000000000000000000000000073656e646572": {"balance": "1000"}
}`
	path := filepath.Join(dir, "alloc.json")
	os.WriteFile(path, []byte(alloc), 0o644)
	// SLOAD(1) + SELFBALANCE + CALLVALUE, returned as one word.
	code := "600154" + "47" + "01" + "34" + "01" + "5f52" + "60205ff3"
	out, errOut, rc := runGoevm(t, "--prestate", path, "--code", code, "--value", "5")
	if rc != 0 {
		t.Fatalf("exit %d: %s%s", rc, out, errOut)
	}
	// 0x2a + (0x10 + 5 received) + 5
	if !strings.Contains(out, "output:   0x"+strings.Repeat("00", 31)+"44\n") {
		t.Errorf("got\n%s", out)
	}
	// A genesis file's block fields become defaults; flags still win.
	genesis := `{"config": {"chainId": 5}, "gasLimit": "0x1000000", "number": "0x20", "alloc": {}}`
	os.WriteFile(path, []byte(genesis), 0o644)
	got := envWords(t, "--prestate", path, "--number", "3")
	if got[3] != "0x3" || got[6] != "0x1000000" || got[9] != "0x5" {
		t.Errorf("genesis defaults: number %s gaslimit %s chainid %s", got[3], got[6], got[9])
	}
}

func TestRunBadInput(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.json")
	os.WriteFile(bad, []byte("{\n  \"0x01\": {\"balance\": }\n}"), 0o644)
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"--code", "600"}, "--code: hex input, character 2: odd number of hex digits (3)"},
		{[]string{"--code", "60zz"}, `--code: hex input, character 2: 'z' is not a hex digit`},
		{[]string{"--input", "0x1"}, "--input: hex input"},
		{[]string{"--fork", "Atlantis"}, `--fork: unknown fork "Atlantis" (known: Frontier,`},
		{[]string{"--gas", "lots"}, `--gas: "lots": invalid decimal digit 'l' at position 0`},
		{[]string{"--sender", "0x12"}, "--sender"},
		// Issue 19, item 7: 2^256 in decimal is a decimal number too large.
		{[]string{"--value", "115792089237316195423570985008687907853269984665640564039457584007913129639936"}, `--value: "1157920892373161954235709850086879078532"... (78 bytes): decimal number too large`},
		{[]string{"--value", "0x"}, `--value: "0x": no digits after 0x`},
		{[]string{"--prestate", bad}, "bad.json:2:24: invalid character '}'"},
		{[]string{"--prestate", filepath.Join(dir, "missing.json")}, "no such file"},
		{[]string{"--code", "00", "00"}, "give the code once"},
		{[]string{"--nosuchflag"}, "flag provided but not defined"},
	}
	for _, c := range cases {
		_, errOut, rc := runGoevm(t, c.args...)
		if rc != 2 || !strings.Contains(errOut, c.want) {
			t.Errorf("%v: exit %d, stderr %q; want 2 and %q", c.args, rc, errOut, c.want)
		}
	}
}

func TestRunExecutionFailure(t *testing.T) {
	out, _, rc := runGoevm(t, "--code", "01") // ADD on an empty stack
	if rc != 1 || !strings.Contains(out, "error:    stack underflow") || !strings.Contains(out, "gas used: 10000000000") {
		t.Errorf("exit %d:\n%s", rc, out)
	}
	out, _, rc = runGoevm(t, "--code", "01", "--json")
	var res runJSON
	if err := json.Unmarshal([]byte(out), &res); err != nil || rc != 1 || res.GasUsed != 10000000000 || !strings.Contains(res.Error, "stack underflow") {
		t.Errorf("json: exit %d %+v %v", rc, res, err)
	}
}

func TestRunBench(t *testing.T) {
	defer func(d time.Duration) { benchTarget = d }(benchTarget)
	benchTarget = 50 * time.Millisecond
	out, errOut, rc := runGoevm(t, "--code", "6001600101", "--bench", "--json")
	var res runJSON
	if err := json.Unmarshal([]byte(out), &res); err != nil || rc != 0 {
		t.Fatalf("exit %d: %v\n%s%s", rc, err, out, errOut)
	}
	b := res.Bench
	if b == nil || b.Runs < 2 || b.NsPerRun <= 0 || b.GasPerSecond <= 0 {
		t.Errorf("bench %+v", b)
	}
	if res.GasUsed != 9 {
		t.Errorf("gas used %d, want 9", res.GasUsed)
	}
}

func selector(sig string) string {
	return hex.EncodeToString(crypto.Keccak256([]byte(sig)).Bytes()[:4])
}
