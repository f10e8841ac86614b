package fuzzer

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/ethereum/go-ethereum/eth/tracers/logger"
	"github.com/goevm/goevm/fork"
	"github.com/goevm/goevm/state"
	"github.com/goevm/goevm/trace"
)

// Traces runs c under f on both clients with their EIP-3155 JSON loggers
// and returns the two traces.
func Traces(c *Case, f fork.Fork) (ours, theirs []byte) {
	var a, b bytes.Buffer
	RunGoevm(c, f, func(db *state.Memory) *trace.Hooks {
		return trace.NewJSONLogger(&a, trace.JSONOptions{Refund: db.GetRefund}).Hooks()
	})
	RunGeth(c, f, logger.NewJSONLogger(&logger.Config{}, &b))
	return a.Bytes(), b.Bytes()
}

// FirstTraceDiff returns the first trace line where the clients disagree,
// with both versions and the geth lines before it, or "" when the traces
// agree (the difference is then in what follows execution: refund, fees,
// state).
func FirstTraceDiff(c *Case, f fork.Fork) string {
	ours, theirs := Traces(c, f)
	a, b := normalize(traceLines(ours)), normalize(traceLines(theirs))
	for i := 0; i < max(len(a), len(b)); i++ {
		// Geth does not start its interpreter on empty code; goevm runs
		// the implicit STOP and traces it.
		for i < len(a) && i < len(b) && strings.HasPrefix(a[i], `{"pc":0,"op":0,`) && !strings.HasPrefix(b[i], `{"pc"`) {
			a = append(a[:i:i], a[i+1:]...)
		}
		if i >= len(a) || i >= len(b) {
			var extra string
			if i < len(a) {
				extra = "goevm: " + clip(a[i])
			} else {
				extra = "geth:  " + clip(b[i])
			}
			return fmt.Sprintf("goevm wrote %d trace lines, geth %d; first extra line:\n%s", len(a), len(b), extra)
		}
		if d := lineDiff(a[i], b[i]); d != "" {
			from := max(0, i-3)
			ctx := make([]string, 0, 3)
			for _, l := range b[from:i] {
				ctx = append(ctx, clip(l))
			}
			return fmt.Sprintf("trace line %d differs: %s\ncontext (geth):\n%s\ngoevm: %s\ngeth:  %s", i+1, clip(d),
				strings.Join(ctx, "\n"), clip(a[i]), clip(b[i]))
		}
	}
	return ""
}

func traceLines(b []byte) []string {
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

var (
	stepFields    = []string{"pc", "op", "gas", "gasCost", "stack", "depth", "refund", "memSize", "error"}
	summaryFields = []string{"output", "gasUsed", "error"}
)

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
			if ea, eb := rawErrClass(a[f]), rawErrClass(b[f]); ea != eb {
				return fmt.Sprintf("error: goevm %q, geth %q", ea, eb)
			}
			continue
		}
		// On a failing step the clients report different parts of the
		// price (geth the constant part or the full unpayable price, goevm
		// what it charged); the step fails either way.
		if f == "gasCost" && a["error"] != nil && b["error"] != nil {
			continue
		}
		// Before London geth adds SELFDESTRUCT's refund while pricing it.
		if f == "refund" && string(b["op"]) == "255" {
			continue
		}
		if !bytes.Equal(a[f], b[f]) {
			return fmt.Sprintf("%s: goevm %s, geth %s", f, a[f], b[f])
		}
	}
	return ""
}

// normalize drops what geth writes and EIP-3155 does not ask for: the
// repeated REVERT fault line, and the empty frame geth opens for
// SELFDESTRUCT.
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
			bytes.Equal(prev["pc"], m["pc"]) && bytes.Equal(prev["depth"], m["depth"]) && rawErrClass(m["error"]) == "execution reverted" {
			continue
		}
		if prev != nil && string(prev["op"]) == "255" && prev["error"] == nil && l == `{"output":"","gasUsed":"0x0"}` {
			continue
		}
		out = append(out, l)
		prev = m
	}
	return out
}

func rawErrClass(raw json.RawMessage) string {
	var s string
	if raw == nil || json.Unmarshal(raw, &s) != nil {
		return ""
	}
	return errClass(errors.New(s))
}

// clip shortens a line for a report.
func clip(s string) string {
	const n = 600
	if len(s) <= n {
		return s
	}
	return fmt.Sprintf("%s...(%d more bytes)", s[:n], len(s)-n)
}
