package evm

import (
	"sync"

	"github.com/goevm/goevm/types"
)

// bitvec marks the code positions holding a JUMPDEST opcode (not push data).
type bitvec []uint64

func (b bitvec) has(pos uint64) bool {
	i := pos / 64
	return i < uint64(len(b)) && b[i]&(1<<(pos%64)) != 0
}

// codeInfoFor returns the analysis of code (jump destinations and block
// costs, blocks.go) under this EVM's table. Deployed code (non-zero hash) is
// analysed once per code hash and table: the EVM remembers the code it ran
// last (no locking, the common case of one contract called again), and
// otherwise looks in a process-wide cache shared by every EVM, so a new
// EVM per transaction does not analyse the same contract again. Initcode
// (zero hash) is analysed afresh.
//
// The hash comes by pointer: passed by value it was copied twice more on a
// call's path, each copy a stall on the one before.
func (e *EVM) codeInfoFor(code []byte, hash *types.Hash) *codeInfo {
	if e.lastCode.info != nil && e.lastCode.hash.Equal(hash) { // never the zero hash
		return e.lastCode.info
	}
	if hash.IsZero() {
		return analyseCode(code, e.table)
	}
	ci := sharedCodeInfo.get(*hash, code, e.table)
	e.lastCode = codeInfoEntry{*hash, ci}
	return ci
}

type codeInfoEntry struct {
	hash types.Hash
	info *codeInfo
}

// codeInfoCache is the process-wide analysis cache. It is bounded: when it
// holds maxEntries analyses it is emptied and fills again with what is
// still in use.
type codeInfoCache struct {
	mu         sync.Mutex
	m          map[codeInfoKey]*codeInfo
	maxEntries int
}

type codeInfoKey struct {
	hash  types.Hash
	table *jumpTable // tables are shared per rules (tableFor); custom ops make their own
}

var sharedCodeInfo = codeInfoCache{maxEntries: 4096}

func (c *codeInfoCache) get(hash types.Hash, code []byte, t *jumpTable) *codeInfo {
	key := codeInfoKey{hash, t}
	c.mu.Lock()
	ci, ok := c.m[key]
	c.mu.Unlock()
	if ok {
		return ci
	}
	ci = analyseCode(code, t)
	c.mu.Lock()
	if c.m == nil || len(c.m) >= c.maxEntries {
		c.m = make(map[codeInfoKey]*codeInfo)
	}
	c.m[key] = ci
	c.mu.Unlock()
	return ci
}
