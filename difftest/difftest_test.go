package difftest

import (
	"bufio"
	"bytes"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"math/big"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/goevm/goevm/asm"
)

var forks = []string{"Frontier", "Berlin", "Cancun", "Osaka", "Amsterdam"}

// The receiver holds some ether so value transfers and SELFDESTRUCT move it.
var receiverBalance = new(big.Int).Exp(big.NewInt(10), big.NewInt(18), nil)

const defaultGas = 10_000_000

type program struct {
	name  string
	code  []byte
	input []byte
	gas   uint64
}

func loadCorpus(t *testing.T) []program {
	files, err := filepath.Glob(filepath.Join("corpus", "*.asm"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no corpus: %v", err)
	}
	var out []program
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		p := program{name: strings.TrimSuffix(filepath.Base(f), ".asm"), gas: defaultGas}
		for _, line := range strings.Split(string(src), "\n") {
			key, val, ok := strings.Cut(strings.TrimSpace(strings.TrimPrefix(line, ";!")), " ")
			if !strings.HasPrefix(line, ";!") || !ok {
				continue
			}
			switch val = strings.TrimSpace(val); strings.TrimSpace(key) {
			case "gas":
				p.gas, err = strconv.ParseUint(val, 10, 64)
			case "input":
				p.input, err = asm.DecodeHexCode(val)
			default:
				err = fmt.Errorf("unknown directive %q", line)
			}
			if err != nil {
				t.Fatalf("%s: %v", f, err)
			}
		}
		if p.code, err = asm.Assemble(string(src)); err != nil {
			t.Fatalf("%s:%v", f, err)
		}
		out = append(out, p)
	}
	return out
}

// buildGoevm builds the command line tool from the main module.
func buildGoevm(t *testing.T) string {
	bin := filepath.Join(t.TempDir(), "goevm")
	cmd := exec.Command("go", "build", "-o", bin, "./cmd/goevm")
	cmd.Dir = ".."
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("building goevm: %v\n%s", err, out)
	}
	return bin
}

func goevmRun(t *testing.T, bin, prestate, forkName string, p program) []byte {
	cmd := exec.Command(bin, "run", "--trace", "--fork", forkName, "--prestate", prestate,
		"--gas", strconv.FormatUint(p.gas, 10), "--code", hex.EncodeToString(p.code), "--input", hex.EncodeToString(p.input))
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	if ee, ok := err.(*exec.ExitError); err != nil && (!ok || ee.ExitCode() > 1) {
		t.Fatalf("goevm run: %v\n%s%s", err, stdout.String(), stderr.String())
	}
	return stderr.Bytes()
}

func TestTracesAgree(t *testing.T) {
	if testing.Short() {
		t.Skip("builds goevm and runs the corpus")
	}
	bin := buildGoevm(t)
	prestate := filepath.Join(t.TempDir(), "alloc.json")
	alloc := fmt.Sprintf(`{"0x%040x": {"balance": "%s"}}`, []byte("receiver"), receiverBalance)
	if err := os.WriteFile(prestate, []byte(alloc), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, p := range loadCorpus(t) {
		for _, f := range forks {
			t.Run(p.name+"/"+f, func(t *testing.T) {
				ours := goevmRun(t, bin, prestate, f, p)
				theirs := gethRun(f, p.code, p.input, p.gas, receiverBalance)
				compareTraces(t, ours, theirs)
			})
		}
	}
}

// compareTraces requires the traces to be byte-identical, line by line, and
// reports the first line where they differ (naming the fields that differ)
// with the lines before it for context.
//
// EIP-3155 would allow more latitude (optional fields, error texts), but
// goevm's --trace promises byte compatibility with geth's "evm --json", so
// nothing is normalised.
//
// Known differences outside the corpus (found by running the fuzzer's
// programs through both loggers): precompile failures read "precompile:
// invalid input length" where geth names the cause per precompile ("bad
// elliptic curve pairing size"); a creation that fails storing its code
// reports empty output where geth reports the returned code; and a CALL
// family opcode that cannot pay its access, memory or transfer part
// reports "out of gas" with the whole price where geth, which stops
// pricing there, reports "out of gas: out of gas" with the constant part.
func compareTraces(t *testing.T, ours, theirs []byte) {
	t.Helper()
	a, b := lines(ours), lines(theirs)
	for i := 0; i < max(len(a), len(b)); i++ {
		if i >= len(a) || i >= len(b) {
			t.Fatalf("goevm wrote %d lines, geth %d; first extra line:\n%s", len(a), len(b), extra(a, b, i))
		}
		if a[i] != b[i] {
			from := max(0, i-3)
			context := make([]string, 0, 3)
			for _, l := range b[from:i] {
				context = append(context, clip(l))
			}
			t.Fatalf("line %d differs: %s\ncontext (geth):\n%s\ngoevm: %s\ngeth:  %s", i+1, clip(lineDiff(a[i], b[i])),
				strings.Join(context, "\n"), clip(a[i]), clip(b[i]))
		}
	}
	if len(b) == 0 {
		t.Fatal("geth wrote no trace")
	}
}

func extra(a, b []string, i int) string {
	if i < len(a) {
		return "goevm: " + clip(a[i])
	}
	return "geth: " + clip(b[i])
}

// clip shortens a line for a failure message (deep stacks run to 50 KB).
func clip(s string) string {
	const keep = 300
	if len(s) <= 2*keep {
		return s
	}
	return s[:keep] + fmt.Sprintf(" …(%d bytes)… ", len(s)-2*keep) + s[len(s)-keep:]
}

func lines(b []byte) []string {
	var out []string
	sc := bufio.NewScanner(bytes.NewReader(b))
	sc.Buffer(nil, 64<<20)
	for sc.Scan() {
		if l := sc.Text(); strings.HasPrefix(l, "{") {
			out = append(out, l)
		}
	}
	return out
}

// lineDiff names the fields in which two differing lines disagree.
func lineDiff(ours, theirs string) string {
	var a, b map[string]json.RawMessage
	if err := json.Unmarshal([]byte(ours), &a); err != nil {
		return "goevm line is not JSON: " + err.Error()
	}
	if err := json.Unmarshal([]byte(theirs), &b); err != nil {
		return "geth line is not JSON: " + err.Error()
	}
	var diffs []string
	for f := range b {
		if !bytes.Equal(a[f], b[f]) {
			diffs = append(diffs, fmt.Sprintf("%s: goevm %s, geth %s", f, a[f], b[f]))
		}
	}
	for f := range a {
		if _, ok := b[f]; !ok {
			diffs = append(diffs, fmt.Sprintf("%s: goevm %s, geth has none", f, a[f]))
		}
	}
	if len(diffs) == 0 {
		return "same fields, different bytes (order or spelling)"
	}
	slices.Sort(diffs)
	return strings.Join(diffs, "; ")
}
