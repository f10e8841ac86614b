package evm

import (
	"strconv"
	"sync"

	"github.com/goevm/goevm/evm/precompile"
	"github.com/goevm/goevm/fork"
	"github.com/goevm/goevm/types"
	"github.com/holiman/uint256"
)

// rulesCaches is what New derives from the rules alone, kept per set of
// EIPs in force: building them each time was most of New's cost (the
// cache key alone, formatted with fmt, made 70 allocations).
type rulesCaches struct {
	table       *jumpTable
	is          ruleFlags
	precompiles map[types.Address]precompile.Contract // read only: shared by every EVM under these rules
	// precompilesLow: every key of precompiles is a low address (call_fast.go).
	precompilesLow bool
}

var rulesCache struct {
	sync.RWMutex
	m map[string]*rulesCaches
}

// cachedForRules returns the table and precompiles for rules, building them
// the first time this set of EIPs is seen.
func cachedForRules(rules *fork.Rules) *rulesCaches {
	var (
		eipBuf [128]int
		keyBuf [1024]byte
	)
	key := keyBuf[:0]
	for _, eip := range rules.AppendEIPs(eipBuf[:0]) {
		key = strconv.AppendInt(key, int64(eip), 10)
		key = append(key, ',')
	}

	rulesCache.RLock()
	c, ok := rulesCache.m[string(key)] // no allocation for the lookup
	rulesCache.RUnlock()
	if ok {
		return c
	}
	c = &rulesCaches{table: newTable(rules), is: flagsFor(rules), precompiles: precompile.ForFork(rules)}
	c.precompilesLow = lowAddresses(c.precompiles)
	rulesCache.Lock()
	defer rulesCache.Unlock()
	if old, ok := rulesCache.m[string(key)]; ok {
		return old
	}
	if rulesCache.m == nil {
		rulesCache.m = make(map[string]*rulesCaches)
	}
	rulesCache.m[string(key)] = c
	return c
}

// keccakInto sets z to the Keccak-256 of data, with the EVM's own hasher
// (its state is made on first use: most transactions never hash).
func (e *EVM) keccakInto(z *uint256.Int, data []byte) {
	h := e.fast.keccak.Sum256(data)
	z.SetBytes32(h[:])
}
