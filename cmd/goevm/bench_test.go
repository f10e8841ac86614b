package main

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"

	"github.com/goevm/goevm/internal/fixtures"
)

// goevm bench runs the selected evm-benchmarks cases; signextend has two
// (zero, one), each using 96066 gas under Istanbul (the same as geth, see
// bench/TestSameEVMResults).
func TestBenchCommand(t *testing.T) {
	dir := fixtures.Dir(t, "evm-benchmarks/benchmarks/micro")
	var out, errOut bytes.Buffer
	code := dispatch([]string{"bench", "--time", "1ms", "--run", "^signextend/", dir}, &out, &errOut)
	if code != exitOK {
		t.Fatalf("exit %d, stderr %s", code, errOut.String())
	}
	if errOut.Len() != 0 {
		t.Errorf("stderr %q, want nothing (no progress when not a terminal)", errOut.String())
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if len(lines) != 4 {
		t.Fatalf("%d lines, want header, two cases, summary:\n%s", len(lines), out.String())
	}
	for i, name := range []string{"signextend/zero", "signextend/one"} {
		f := strings.Fields(lines[i+1])
		if f[0] != name || f[len(f)-1] != "96066" {
			t.Errorf("line %q, want case %s using 96066 gas", lines[i+1], name)
		}
	}
	if !strings.HasPrefix(lines[3], "2 cases, 0 failed, ") {
		t.Errorf("summary %q", lines[3])
	}
}

func TestBenchCommandUsage(t *testing.T) {
	dir := fixtures.Dir(t, "evm-benchmarks/benchmarks/micro")
	for _, args := range [][]string{
		{"bench"},
		{"bench", "--fork", "Nowhere", dir},
		{"bench", "--time", "0s", dir},
		{"bench", filepath.Join(dir, "missing.json")},
	} {
		var out, errOut bytes.Buffer
		if code := dispatch(args, &out, &errOut); code != exitUsage {
			t.Errorf("%v: exit %d, want %d", args, code, exitUsage)
		}
	}
}

// --cpu adds a cpu/call column after time/call; without it the row keeps
// the columns ../shared/tools/bench-anchors.sh parses (checked above).
func TestBenchCommandCPUColumn(t *testing.T) {
	dir := fixtures.Dir(t, "evm-benchmarks/benchmarks/micro")
	var out, errOut bytes.Buffer
	if code := dispatch([]string{"bench", "--cpu", "--time", "1ms", "--run", "^signextend/zero$", dir}, &out, &errOut); code != exitOK {
		t.Fatalf("exit %d, stderr %s", code, errOut.String())
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if h := strings.Fields(lines[0]); len(h) != 6 || h[2] != "cpu/call" {
		t.Fatalf("header %q, want case time/call cpu/call gas/s allocs gas", lines[0])
	}
	// signextend/zero: 96066 gas, name, two durations of two fields each, rate, allocs, gas.
	if f := strings.Fields(lines[1]); len(f) != 9 || f[len(f)-1] != "96066" {
		t.Fatalf("row %q", lines[1])
	}
}
