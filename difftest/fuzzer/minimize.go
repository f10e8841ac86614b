package fuzzer

import (
	"github.com/goevm/goevm/fork"
)

// Minimize shrinks c while Check under f keeps reporting a difference of
// the same kind: it drops whole contracts' code, the call data, the access
// list and authorizations, then removes ever smaller chunks of each
// contract's bytecode (delta debugging). It runs at most budget checks and
// returns the smallest case found.
func Minimize(c *Case, f fork.Fork, budget int) *Case {
	kind := Kind(Check(c, f))
	if kind == "" {
		return c
	}
	best := c.Clone()
	try := func(edit func(*Case)) bool {
		if budget <= 0 {
			return false
		}
		budget--
		cand := best.Clone()
		edit(cand)
		if storageOnlyAccount(cand) {
			return false // would turn into geth's known EIP-7610 departure
		}
		if Kind(Check(cand, f)) == kind {
			best = cand
			return true
		}
		return false
	}
	for i := len(best.Next) - 1; i >= 0; i-- {
		try(func(x *Case) { x.Next = append(x.Next[:i:i], x.Next[i+1:]...) })
	}
	for _, addr := range codeAccounts(best) {
		try(func(x *Case) { x.Pre[addr].Code = nil })
	}
	if len(best.Tx.Data) > 0 {
		try(func(x *Case) { x.Tx.Data = nil })
	}
	if len(best.Tx.AccessList) > 0 {
		try(func(x *Case) { x.Tx.AccessList = nil })
	}
	for i := len(best.Tx.Auths) - 1; i >= 0; i-- {
		if len(best.Tx.Auths) > 1 {
			try(func(x *Case) { x.Tx.Auths = append(x.Tx.Auths[:i:i], x.Tx.Auths[i+1:]...) })
		}
	}
	for _, addr := range codeAccounts(best) {
		for chunk := len(best.Pre[addr].Code) / 2; chunk >= 1; chunk /= 2 {
			for i := 0; i < len(best.Pre[addr].Code); {
				end := min(i+chunk, len(best.Pre[addr].Code))
				if !try(func(x *Case) {
					code := x.Pre[addr].Code
					x.Pre[addr].Code = append(code[:i:i], code[end:]...)
				}) {
					i += chunk
				}
			}
		}
	}
	for chunk := len(best.Tx.Data) / 2; chunk >= 1; chunk /= 2 {
		for i := 0; i < len(best.Tx.Data); {
			end := min(i+chunk, len(best.Tx.Data))
			if !try(func(x *Case) { x.Tx.Data = append(x.Tx.Data[:i:i], x.Tx.Data[end:]...) }) {
				i += chunk
			}
		}
	}
	return best
}

// storageOnlyAccount reports an account with storage but no code and nonce
// zero: EIP-7610 makes creating over it fail, geth v1.17 does not (see
// testdata/regressions), so a minimised case must not grow one.
func storageOnlyAccount(c *Case) bool {
	for _, a := range c.Pre {
		if len(a.Storage) > 0 && len(a.Code) == 0 && a.Nonce == 0 {
			return true
		}
	}
	return false
}
