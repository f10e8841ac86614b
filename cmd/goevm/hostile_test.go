package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/goevm/goevm/internal/fixtures"
)

// TestMain lets the hostile-input test run this test binary as the goevm
// command, so each case is a real process whose exit status, time and peak
// memory can be measured (and whose crash would not take the tests down).
func TestMain(m *testing.M) {
	if os.Getenv("GOEVM_TEST_AS_MAIN") == "1" {
		os.Exit(dispatch(os.Args[1:], os.Stdout, os.Stderr))
	}
	os.Exit(m.Run())
}

// Issue 19: every command reading files, given /dev/zero, an empty file, a
// directory, random bytes or a 100 MB file, exits 2 (t8n: its interface's
// 10 for bad input, 11 for unreadable input) with a message naming the
// input, within a second, without reading gigabytes. Before, /dev/zero
// grew the process to 1.9 GB and crashed it.
func TestCommandsRefuseHostileInputFiles(t *testing.T) {
	if testing.Short() {
		t.Skip("runs about 40 processes")
	}
	dir := t.TempDir()
	empty := filepath.Join(dir, "empty.json")
	random := filepath.Join(dir, "random.json")
	big := filepath.Join(dir, "big.json")
	folder := filepath.Join(dir, "folder")
	if err := os.WriteFile(empty, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	noise := make([]byte, 4096)
	for i := range noise {
		noise[i] = byte(rand.N(256))
	}
	if err := os.WriteFile(random, noise, 0o644); err != nil {
		t.Fatal(err)
	}
	if f, err := os.Create(big); err != nil {
		t.Fatal(err)
	} else {
		// Sparse: 100 MB to stat and open, nothing written to disk.
		if err := f.Truncate(100_000_000); err != nil {
			t.Fatal(err)
		}
		f.Close()
	}
	if err := os.Mkdir(folder, 0o755); err != nil {
		t.Fatal(err)
	}
	t8nIn := writeInputs(t, t8nAlloc, t8nEnv, t8nTxs)
	t8n := func(which string) func(string) []string {
		return func(in string) []string {
			args := []string{"t8n", "--state.fork=Berlin", "--output.result=stdout", "--output.alloc=stdout"}
			for _, name := range []string{"alloc", "env", "txs"} {
				path := filepath.Join(t8nIn, name+".json")
				if name == which {
					path = in
				}
				args = append(args, "--input."+name+"="+path)
			}
			return args
		}
	}
	commands := map[string]func(string) []string{
		"statetest":         func(in string) []string { return []string{"statetest", in} },
		"blocktest":         func(in string) []string { return []string{"blocktest", in} },
		"disasm":            func(in string) []string { return []string{"disasm", in} },
		"asm":               func(in string) []string { return []string{"asm", in} },
		"run --codefile":    func(in string) []string { return []string{"run", "--codefile", in} },
		"run --inputfile":   func(in string) []string { return []string{"run", "--code", "0x00", "--inputfile", in} },
		"run --prestate":    func(in string) []string { return []string{"run", "--code", "0x00", "--prestate", in} },
		"t8n --input.alloc": t8n("alloc"),
		"t8n --input.env":   t8n("env"),
		"t8n --input.txs":   t8n("txs"),
	}
	inputs := map[string]string{"/dev/zero": "/dev/zero", "empty file": empty, "directory": folder, "random bytes": random, "100 MB file": big}
	for cname, args := range commands {
		for iname, in := range inputs {
			if _, err := os.Stat(in); err != nil {
				continue // no /dev/zero here
			}
			t.Run(cname+"/"+iname, func(t *testing.T) {
				cmd := exec.Command(os.Args[0], args(in)...)
				cmd.Env = append(os.Environ(), "GOEVM_TEST_AS_MAIN=1", "GOMEMLIMIT=256MiB")
				cmd.Stdin = nil // /dev/null
				var stderr bytes.Buffer
				cmd.Stderr = &stderr
				start := time.Now()
				err := cmd.Run()
				took := time.Since(start)
				var exit *exec.ExitError
				if !errors.As(err, &exit) {
					t.Fatalf("%v: %v", cmd.Args[1:], err)
				}
				want := []int{exitUsage}
				if strings.HasPrefix(cname, "t8n") {
					want = []int{10, 11} // the t8n interface's input and I/O errors
				}
				if code := exit.ExitCode(); code != want[0] && (len(want) == 1 || code != want[1]) {
					t.Errorf("%v: exit %d, want %v\n%s", cmd.Args[1:], code, want, stderr.String())
				}
				msg := stderr.String()
				if msg == "" || len(msg) > 2000 {
					t.Errorf("message of %d bytes: %.300q", len(msg), msg)
				}
				// Measured on a shared 2-core machine: 10-200 ms.
				if took > time.Second {
					t.Errorf("took %v", took)
				}
				if ru, ok := exit.SysUsage().(*syscall.Rusage); ok && ru.Maxrss > 200<<10 { // KiB on Linux
					t.Errorf("peak memory %d KiB", ru.Maxrss)
				}
			})
		}
	}
}

// Issue 19: statetest exited 0 with "0 passed, 0 failed" when nothing ran.
// Each way of running nothing now exits 2 and says why.
func TestStateTestNothingRanExitsTwo(t *testing.T) {
	add11 := filepath.Join(fixtures.Dir(t, "ethereum-tests/GeneralStateTests/stExample"), "add11.json")
	dir := t.TempDir()
	write := func(name, body string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	emptyDir := filepath.Join(dir, "empty")
	if err := os.Mkdir(emptyDir, 0o755); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		args []string
		why  string
	}{
		{[]string{"statetest", emptyDir}, "no .json files under"},
		{[]string{"statetest", write("obj.json", "{}")}, "hold no tests"},
		{[]string{"statetest", write("null.json", "null")}, "hold no tests"},
		{[]string{"statetest", "--run", "^nothing$", add11}, `no test name matches --run "^nothing$"`},
		{[]string{"statetest", "--fork", "Frontier", add11}, "no test has cases for --fork Frontier"},
		{[]string{"blocktest", emptyDir}, "no .json files under"},
		{[]string{"blocktest", filepath.Join(dir, "obj.json")}, "hold no tests"},
	}
	for _, c := range cases {
		var out, errOut bytes.Buffer
		if code := dispatch(c.args, &out, &errOut); code != exitUsage {
			t.Errorf("%v: exit %d, want %d", c.args, code, exitUsage)
		}
		if msg := errOut.String(); !strings.Contains(msg, "no test ran: ") || !strings.Contains(msg, c.why) {
			t.Errorf("%v: stderr %q, want the reason %q", c.args, errOut.String(), c.why)
		}
	}
}

// Issue 19: a blob base fee for currentExcessBlobGas = 2^64-1 never
// finished computing. The EIP-4844 fee is then far above 2^256, so every
// blob transaction fails its max_fee_per_blob_gas check: the fixture,
// which expects its transaction valid, fails at once with that reason.
func TestStateTestHugeExcessBlobGasReturns(t *testing.T) {
	src := filepath.Join(fixtures.Dir(t, "eest/state_tests/cancun/eip4844_blobs/blob_txs"), "blob_tx_attribute_opcodes.json")
	raw, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	var tests map[string]map[string]any
	if err := json.Unmarshal(raw, &tests); err != nil {
		t.Fatal(err)
	}
	for _, test := range tests {
		test["env"].(map[string]any)["currentExcessBlobGas"] = "0xffffffffffffffff"
	}
	raw, _ = json.Marshal(tests)
	path := filepath.Join(t.TempDir(), "huge_excess.json")
	if err := os.WriteFile(path, raw, 0o644); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	var out, errOut bytes.Buffer
	if code := dispatch([]string{"statetest", path}, &out, &errOut); code != exitFailed {
		t.Fatalf("exit %d, want %d\n%s%s", code, exitFailed, out.String(), errOut.String())
	}
	if took := time.Since(start); took > 5*time.Second {
		t.Errorf("took %v", took)
	}
	if !strings.Contains(out.String(), "max fee per blob gas below blob base fee: cap 1, blob base fee >= 2^256") {
		t.Errorf("output does not give the blob fee reason:\n%s", out.String())
	}
}

// The same through t8n, from the current and from the parent's excess.
func TestT8nHugeExcessBlobGasReturns(t *testing.T) {
	for _, field := range []string{`"currentExcessBlobGas": "0xffffffffffffffff"`, `"parentExcessBlobGas": "0xffffffffffffffff", "parentBlobGasUsed": "0x0"`} {
		env := strings.TrimSuffix(t8nEnv, "}") + `, "currentBaseFee": "0x7", "currentRandom": "0x0000000000000000000000000000000000000000000000000000000000000000",
 "withdrawals": [], "parentBeaconBlockRoot": "0x0000000000000000000000000000000000000000000000000000000000000000", ` + field + "}"
		dir := writeInputs(t, t8nAlloc, env, "[]")
		start := time.Now()
		var stdout, stderr bytes.Buffer
		code := runT8n([]string{"--state.fork=Cancun",
			"--input.alloc=" + filepath.Join(dir, "alloc.json"), "--input.env=" + filepath.Join(dir, "env.json"),
			"--input.txs=" + filepath.Join(dir, "txs.json"), "--output.result=stdout", "--output.alloc=stdout"}, nil, &stdout, &stderr)
		if took := time.Since(start); took > 5*time.Second {
			t.Errorf("%s: took %v", field, took)
		}
		if code != 0 {
			t.Errorf("%s: exit %d: %s", field, code, stderr.String())
		}
	}
}

// t8n: "txs": null on stdin is no transactions, as for geth's t8n, not an
// RLP list that fails to decode.
func TestT8nNullTxsIsNoTransactions(t *testing.T) {
	in := `{"alloc": ` + t8nAlloc + `, "env": ` + t8nEnv + `, "txs": null}`
	var stdout, stderr bytes.Buffer
	code := runT8n([]string{"--state.fork=Berlin", "--input.alloc=stdin", "--input.env=stdin", "--input.txs=stdin",
		"--output.result=stdout", "--output.alloc=stdout"}, strings.NewReader(in), &stdout, &stderr)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	var out t8nOut
	if err := json.Unmarshal(stdout.Bytes(), &out); err != nil {
		t.Fatal(err)
	}
	if out.Result.GasUsed != "0x0" {
		t.Errorf("gasUsed %s, want 0x0", out.Result.GasUsed)
	}
}
