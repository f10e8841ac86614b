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
	"strconv"
	"strings"
	"testing"

	"github.com/goevm/goevm/asm"
)

var forks = []string{"Frontier", "Berlin", "Cancun", "Osaka"}

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

var (
	stepFields    = []string{"pc", "op", "gas", "gasCost", "stack", "depth", "refund", "memSize", "opName", "error"}
	summaryFields = []string{"output", "gasUsed", "error"}
)

// compareTraces reports the first line where the traces disagree, with the
// lines before it for context.
func compareTraces(t *testing.T, ours, theirs []byte) {
	t.Helper()
	a, b := normalize(lines(ours)), normalize(lines(theirs))
	for i := 0; i < max(len(a), len(b)); i++ {
		if i >= len(a) || i >= len(b) {
			t.Fatalf("goevm wrote %d lines, geth %d; first extra line:\n%s", len(a), len(b), extra(a, b, i))
		}
		if diff := lineDiff(a[i], b[i]); diff != "" {
			from := max(0, i-3)
			t.Fatalf("line %d differs: %s\ncontext (geth):\n%s\ngoevm: %s\ngeth:  %s", i+1, diff,
				strings.Join(b[from:i], "\n"), a[i], b[i])
		}
	}
	if len(b) == 0 {
		t.Fatal("geth wrote no trace")
	}
}

func extra(a, b []string, i int) string {
	if i < len(a) {
		return "goevm: " + a[i]
	}
	return "geth: " + b[i]
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

func lineDiff(ours, theirs string) string {
	var a, b map[string]json.RawMessage
	if err := json.Unmarshal([]byte(ours), &a); err != nil {
		return "goevm line is not JSON: " + err.Error()
	}
	if err := json.Unmarshal([]byte(theirs), &b); err != nil {
		return "geth line is not JSON: " + err.Error()
	}
	fields := stepFields
	if _, ok := b["pc"]; !ok {
		fields = summaryFields
	}
	for _, f := range fields {
		if f == "error" {
			if ea, eb := errorClass(a[f]), errorClass(b[f]); ea != eb {
				return fmt.Sprintf("error: goevm %q, geth %q", ea, eb)
			}
			continue
		}
		if f == "gasCost" && errorClass(a["error"]) == "out of gas" && errorClass(b["error"]) == "out of gas" {
			continue // 2
		}
		if f == "refund" && string(b["op"]) == "255" {
			continue // 5
		}
		if !bytes.Equal(a[f], b[f]) {
			return fmt.Sprintf("%s: goevm %s, geth %s", f, a[f], b[f])
		}
	}
	return ""
}

// Known differences that EIP-3155 leaves open, taken out before comparing.
// Each is listed in the report to the interpreter's owner; when goevm
// adopts geth's behaviour the normalisation becomes a no-op.
//
//  1. Error texts: geth adds detail to some errors ("stack underflow (1 <=>
//     2)", "invalid opcode: INVALID", "stack limit reached 1024 (1023)") and
//     reports a failing dynamic-gas check as "out of gas: <cause>" (SSTORE
//     in a static call: "out of gas: write protection"); errors are
//     compared by their class.
//  2. On an out-of-gas fault geth's gasCost includes the part that could
//     not be paid (a memory expansion's price); goevm's stops at what it
//     charged. gasCost is not compared on out-of-gas fault lines.
//  3. geth reports REVERT twice: the step, then a fault line with
//     "execution reverted". The repeat is dropped.
//  4. geth opens and closes a pseudo-frame for SELFDESTRUCT, which its
//     logger writes as {"output":"","gasUsed":"0x0"} right after the
//     SELFDESTRUCT step. That line is dropped.
//  5. Before London, geth adds SELFDESTRUCT's 24000 refund while pricing
//     the opcode, so its SELFDESTRUCT line already shows it; goevm adds it
//     when the opcode runs. The refund of SELFDESTRUCT lines is not
//     compared (the lines after it are, and must agree).
func normalize(in []string) []string {
	out := make([]string, 0, len(in))
	var prev map[string]json.RawMessage
	for _, l := range in {
		var m map[string]json.RawMessage
		if json.Unmarshal([]byte(l), &m) != nil {
			out = append(out, l)
			prev = nil
			continue
		}
		if prev != nil && string(prev["op"]) == "253" && string(m["op"]) == "253" &&
			bytes.Equal(prev["pc"], m["pc"]) && bytes.Equal(prev["depth"], m["depth"]) && errorClass(m["error"]) == "execution reverted" {
			continue // 3
		}
		if prev != nil && string(prev["op"]) == "255" && prev["error"] == nil && l == `{"output":"","gasUsed":"0x0"}` {
			continue // 4
		}
		out = append(out, l)
		prev = m
	}
	return out
}

// errorClass reduces an error text to the sentinel it reports (see 1).
func errorClass(raw json.RawMessage) string {
	var s string
	if raw == nil || json.Unmarshal(raw, &s) != nil {
		return ""
	}
	if rest, ok := strings.CutPrefix(s, "out of gas: "); ok {
		s = rest
	}
	if strings.HasPrefix(s, "invalid opcode: ") {
		s = "invalid opcode"
	}
	if i := strings.Index(s, " ("); i > 0 && strings.HasSuffix(s, ")") {
		s = s[:i]
	}
	return s
}
