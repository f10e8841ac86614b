package fuzzer

import (
	"fmt"
	"slices"
	"strings"

	"github.com/ethereum/go-ethereum/common"
	gstate "github.com/ethereum/go-ethereum/core/state"
	"github.com/goevm/goevm/crypto"
	"github.com/goevm/goevm/fork"
	"github.com/goevm/goevm/types"
)

// StateDiff lists the accounts whose post-state differs between the
// clients: balance, nonce, code hash, storage.
func StateDiff(c *Case, f fork.Fork) string {
	_, mdb := RunGoevm(c, f, nil)
	_, gst, rules := runGeth(c, f, nil, true)
	if gst == nil {
		return "geth has no state"
	}
	root, err := gst.Commit(rules, 0)
	if err != nil {
		return "geth commit: " + err.Error()
	}
	g2, err := gstate.New(root, gst.Database())
	if err != nil {
		return "geth reopen: " + err.Error()
	}
	theirs := map[types.Address]gstate.DumpAccount{}
	for _, a := range g2.RawDump(&gstate.DumpConfig{}).Accounts {
		if a.Address != nil {
			theirs[types.Address(*a.Address)] = a
		}
	}
	ours := mdb.Dump()
	var addrs []types.Address
	for a := range ours {
		addrs = append(addrs, a)
	}
	for a := range theirs {
		if _, ok := ours[a]; !ok {
			addrs = append(addrs, a)
		}
	}
	slices.SortFunc(addrs, func(x, y types.Address) int { return strings.Compare(x.Hex(), y.Hex()) })
	var out []string
	for _, addr := range addrs {
		o, okO := ours[addr]
		t, okT := theirs[addr]
		switch {
		case !okT:
			out = append(out, fmt.Sprintf("%s: only in goevm (balance %s nonce %d code %d bytes)", addr, o.Balance.Dec(), o.Nonce, len(o.Code)))
			continue
		case !okO:
			out = append(out, fmt.Sprintf("%s: only in geth (balance %s nonce %d code %d bytes)", addr, t.Balance, t.Nonce, len(t.Code)))
			continue
		}
		if o.Balance.Dec() != t.Balance {
			out = append(out, fmt.Sprintf("%s: balance goevm %s, geth %s", addr, o.Balance.Dec(), t.Balance))
		}
		if o.Nonce != t.Nonce {
			out = append(out, fmt.Sprintf("%s: nonce goevm %d, geth %d", addr, o.Nonce, t.Nonce))
		}
		if crypto.Keccak256(o.Code) != types.Hash(common.BytesToHash(t.CodeHash)) {
			out = append(out, fmt.Sprintf("%s: code goevm %x, geth %x", addr, o.Code, t.Code))
		}
		seen := map[types.Hash]bool{}
		for k, v := range o.Storage {
			seen[k] = true
			if tv := t.Storage[common.Hash(k)]; common.HexToHash(tv) != common.Hash(v) {
				out = append(out, fmt.Sprintf("%s: slot %s goevm %s, geth 0x%s", addr, k, v, tv))
			}
		}
		for k, tv := range t.Storage {
			if !seen[types.Hash(k)] {
				out = append(out, fmt.Sprintf("%s: slot %s goevm 0, geth 0x%s", addr, k.Hex(), tv))
			}
		}
	}
	return strings.Join(out, "\n")
}
