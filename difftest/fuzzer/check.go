package fuzzer

import (
	"bytes"
	"fmt"
	"runtime/debug"
	"slices"

	"github.com/goevm/goevm/evm/precompile"
	"github.com/goevm/goevm/fork"
	"github.com/goevm/goevm/types"
)

// ForFork adapts a case to a fork: a transaction type the fork does not
// know is lowered to the newest one it does (set code to dynamic fee to
// access list to legacy), dropping the fields that go with it. The case is
// returned unchanged when nothing needs lowering.
func ForFork(c *Case, f fork.Fork) *Case {
	r := f.Rules()
	t, changed := forForkTx(c.Tx, &r)
	var next []Tx
	for _, n := range c.Next {
		nt, ch := forForkTx(n, &r)
		changed = changed || ch
		next = append(next, nt)
	}
	if !changed {
		return c
	}
	out := *c
	out.Tx, out.Next = t, next
	return &out
}

func forForkTx(t Tx, r *fork.Rules) (Tx, bool) {
	switch {
	case !r.IsBerlin && t.Type > 0:
		t.Type, t.AccessList, t.Auths, t.BlobHashes = 0, nil, nil, nil
	case !r.IsLondon && t.Type > 1:
		t.Type, t.Auths, t.BlobHashes = 1, nil, nil
	case !r.IsCancun && t.Type == 3, !r.IsPrague && t.Type == 4:
		t.Type, t.Auths, t.BlobHashes = 2, nil, nil
	default:
		return t, false
	}
	return t, true
}

// Check runs c under f on both clients and returns the first difference,
// or "". A panic on either side is a difference.
func Check(c *Case, f fork.Fork) (diff string) {
	return CheckForks(c, []fork.Fork{f})[0]
}

// CheckForks runs c (adapted with ForFork) under each fork and returns the
// differences, "" where the clients agree. Geth's pre-state is committed
// once and shared.
func CheckForks(c *Case, forks []fork.Fork) []string {
	out := make([]string, len(forks))
	var pre *gethPre
	if _, d := guard("geth", func() *Outcome {
		var err error
		if pre, err = newGethPre(c, false); err != nil {
			panic(err)
		}
		return nil
	}); d != "" {
		for i := range out {
			out[i] = d
		}
		return out
	}
	for i, f := range forks {
		fc := ForFork(c, f)
		a, d := guard("goevm", func() *Outcome { o, _ := RunGoevm(fc, f, nil); return o })
		if d != "" {
			out[i] = d
			continue
		}
		b, d := guard("geth", func() *Outcome { o, _, _ := runGethOn(pre, fc, f, nil); return o })
		if d != "" {
			out[i] = d
			continue
		}
		out[i] = Diff(a, b)
	}
	return out
}

func guard(who string, run func() *Outcome) (out *Outcome, diff string) {
	defer func() {
		if r := recover(); r != nil {
			diff = fmt.Sprintf("panic: %s: %v\n%s", who, r, debug.Stack())
		}
	}()
	return run(), ""
}

// codeAccounts lists the accounts of c that have code, in a fixed order.
func codeAccounts(c *Case) []types.Address {
	var out []types.Address
	for a, acc := range c.Pre {
		if len(acc.Code) > 0 {
			out = append(out, a)
		}
	}
	slices.SortFunc(out, func(x, y types.Address) int { return bytes.Compare(x[:], y[:]) })
	return out
}

// toPrecompile reports whether the transaction calls a precompile of the
// fork directly.
func toPrecompile(t *Tx, r fork.Rules) bool {
	if t.To == nil {
		return false
	}
	_, ok := precompile.ForFork(&r)[*t.To]
	return ok
}
