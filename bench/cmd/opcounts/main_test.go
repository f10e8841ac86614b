package main

import (
	"strings"
	"testing"
)

// A trace of two transactions in goevm statetest --trace's EIP-3155 form
// (one JSON object per step, then the summary lines): sequences do not
// run across the summary into the next transaction.
func TestTally(t *testing.T) {
	trace := `{"pc":0,"op":96,"gas":"0x5","opName":"PUSH1"}
{"pc":2,"op":96,"gas":"0x2","opName":"PUSH1"}
{"pc":4,"op":1,"gas":"0x0","opName":"ADD"}
{"output":"","gasUsed":"0x9"}
{"pc":0,"op":96,"gas":"0x5","opName":"PUSH1"}
{"pc":2,"op":1,"gas":"0x2","opName":"ADD"}
`
	seqs, total, err := tally(strings.NewReader(trace))
	if err != nil || total != 5 {
		t.Fatalf("total %d, err %v; want 5", total, err)
	}
	for seq, want := range map[string]int{
		"PUSH1": 3, "ADD": 2, "PUSH1 PUSH1": 1, "PUSH1 ADD": 2, "PUSH1 PUSH1 ADD": 1, "ADD PUSH1": 0,
	} {
		if got := seqs[strings.Count(seq, " ")][seq]; got != want {
			t.Errorf("%q counted %d times, want %d", seq, got, want)
		}
	}
}
