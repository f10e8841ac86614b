package fuzzer

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/goevm/goevm/types"
)

// Log is one log entry as both clients produce it.
type Log struct {
	Address types.Address
	Topics  []types.Hash
	Data    []byte
}

// Outcome is what a client must agree on after applying a case's
// transaction.
type Outcome struct {
	Invalid    string // the validity error; "" for a valid transaction
	Err        string // the top frame's error class; "" on success
	GasUsed    uint64
	Refund     uint64
	ReturnData []byte
	Logs       []Log
	Root       types.Hash // after the last transaction
	// Next are the outcomes of the case's further transactions (no Root).
	Next []*Outcome
}

// Diff names the first field where a and b disagree, or "" when they agree.
// An invalid transaction on both sides agrees whatever the reasons.
//
// A block holding an invalid transaction is invalid as a whole, so the
// comparison ends at the first transaction both find invalid (geth's
// ApplyMessage may already have bought the gas by then).
func Diff(a, b *Outcome) string {
	if d := txDiff(a, b); d != "" || a.Invalid != "" {
		return d
	}
	if len(a.Next) != len(b.Next) {
		return fmt.Sprintf("transactions: goevm ran %d, geth %d", 1+len(a.Next), 1+len(b.Next))
	}
	for i := range a.Next {
		d := txDiff(a.Next[i], b.Next[i])
		if d != "" {
			k, rest, _ := strings.Cut(d, ":")
			return fmt.Sprintf("%s:%s (transaction %d)", k, rest, i+2)
		}
		if a.Next[i].Invalid != "" {
			return ""
		}
	}
	if a.Root != b.Root {
		return fmt.Sprintf("stateRoot: goevm %s, geth %s", a.Root, b.Root)
	}
	return ""
}

// txDiff compares the receipts-level fields of one transaction.
func txDiff(a, b *Outcome) string {
	if (a.Invalid == "") != (b.Invalid == "") {
		return fmt.Sprintf("validity: goevm %q, geth %q", a.Invalid, b.Invalid)
	}
	if a.Invalid != "" {
		return ""
	}
	switch {
	case a.Err != b.Err:
		return fmt.Sprintf("error: goevm %q, geth %q", a.Err, b.Err)
	case a.GasUsed != b.GasUsed:
		return fmt.Sprintf("gasUsed: goevm %d, geth %d", a.GasUsed, b.GasUsed)
	case a.Refund != b.Refund:
		return fmt.Sprintf("refund: goevm %d, geth %d", a.Refund, b.Refund)
	case !bytes.Equal(a.ReturnData, b.ReturnData):
		return clip(fmt.Sprintf("returnData: goevm %x, geth %x", a.ReturnData, b.ReturnData))
	}
	return logsDiff(a.Logs, b.Logs)
}

// Kind is the field a Diff names, used to keep minimisation on the same
// difference.
func Kind(diff string) string {
	k, _, _ := strings.Cut(diff, ":")
	return k
}

func logsDiff(a, b []Log) string {
	if len(a) != len(b) {
		return fmt.Sprintf("logs: goevm %d, geth %d", len(a), len(b))
	}
	for i := range a {
		x, y := &a[i], &b[i]
		same := x.Address == y.Address && bytes.Equal(x.Data, y.Data) && len(x.Topics) == len(y.Topics)
		for j := 0; same && j < len(x.Topics); j++ {
			same = x.Topics[j] == y.Topics[j]
		}
		if !same {
			return fmt.Sprintf("logs: entry %d: goevm %+v, geth %+v", i, *x, *y)
		}
	}
	return ""
}

// errClass reduces an error text to the failure it reports: geth adds
// detail to some errors ("stack underflow (0 <=> 1)", "invalid opcode: 0xfe",
// "out of gas: write protection") that goevm's sentinels leave out.
func errClass(err error) string {
	if err == nil {
		return ""
	}
	s := err.Error()
	for strings.HasPrefix(s, "out of gas: ") {
		s = strings.TrimPrefix(s, "out of gas: ")
	}
	// Geth reports a memory or copy size whose gas does not fit 64 bits as
	// "gas uint64 overflow", goevm as out of gas: both halt the frame and
	// consume its gas, so the class is the same.
	// The spec raises OutOfGasError for these too: geth's EIP-2200 stipend
	// check (SSTORE with at most 2300 gas left), a code deposit that cannot
	// be paid, and deployed code over the EIP-170 limit. Which of the last
	// two a client reports first is not observable: both consume all gas.
	switch s {
	case "gas uint64 overflow", "not enough gas for reentrancy sentry",
		"contract creation code storage out of gas":
		return "out of gas"
	}
	// geth v1.17.10 words it "max code size exceeded: code size N limit M".
	if strings.HasPrefix(s, "max code size exceeded") {
		return "out of gas"
	}
	if strings.HasPrefix(s, "invalid opcode") {
		return "invalid opcode"
	}
	// EIP-3860: the spec charges CREATE's gas (memory, initcode words)
	// first and then raises OutOfGasError for initcode over the limit;
	// geth checks the size first and says so. Same halt, same gas.
	if strings.HasPrefix(s, "max initcode size exceeded") {
		return "out of gas"
	}
	if i := strings.Index(s, " ("); i > 0 && strings.HasSuffix(s, ")") {
		s = s[:i]
	}
	return s
}

// topErrClass is errClass for the top frame. A transaction sent straight
// to a precompile fails with the precompile's own error, which the clients
// word differently ("precompile: invalid input length" against "invalid
// input length", "bls12-381: ..." and so on); every such failure consumes
// all gas alike, so they share one class.
func topErrClass(err error, toPrecompile bool) string {
	cls := errClass(err)
	if toPrecompile && cls != "" && cls != "out of gas" {
		return "precompile error"
	}
	return cls
}
