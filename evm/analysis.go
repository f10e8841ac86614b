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

// analyse finds the valid jump destinations of code: JUMPDEST bytes that
// are opcodes, not immediates of a PUSH.
func analyse(code []byte) bitvec {
	b := make(bitvec, (len(code)+63)/64)
	for pc := 0; pc < len(code); pc++ {
		op := OpCode(code[pc])
		if op == JUMPDEST {
			b[pc/64] |= 1 << (pc % 64)
		} else if op >= PUSH1 && op <= PUSH32 {
			pc += int(op - PUSH1 + 1)
		}
	}
	return b
}

// codeInfoFor returns the analysis of code (jump destinations and block
// costs, blocks.go) under this EVM's table. Deployed code (non-zero hash) is
// analysed once per code hash and table: first looked up in the EVM's own
// map (no locking), then in a process-wide cache shared by every EVM, so a
// new EVM per transaction does not analyse the same contract again.
// Initcode (zero hash) is analysed afresh.
func (e *EVM) codeInfoFor(code []byte, hash types.Hash) *codeInfo {
	if hash.IsZero() {
		return analyseCode(code, e.table)
	}
	if ci, ok := e.jumpdest[hash]; ok {
		return ci
	}
	ci := sharedCodeInfo.get(hash, code, e.table)
	if e.jumpdest == nil {
		e.jumpdest = make(map[types.Hash]*codeInfo)
	}
	e.jumpdest[hash] = ci
	return ci
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
