package evm

import (
	"encoding/binary"

	"github.com/goevm/goevm/evm/precompile"
	"github.com/goevm/goevm/types"
)

// Helpers that keep a short message call's work outside its instructions
// small (BenchmarkCallOverhead).

// lowAddresses reports whether every address of m has its first 18 bytes
// zero, as every standard precompile's has (0x01–0x11, 0x100). Then an
// address with a non-zero byte there is no precompile, and call does not
// look it up: hashing the 20-byte key for the map was about a seventh of a
// call's time outside its code (a call to a STOP contract at the
// evm-benchmarks recipient, BenchmarkCallOverhead: 77→64 cpu-ns with
// the code cache's types.Hash.Equal).
func lowAddresses(m map[types.Address]precompile.Contract) bool {
	for a := range m {
		if !isLowAddr(&a) {
			return false
		}
	}
	return true
}

// isLowAddr reports whether the first 18 bytes of a are zero.
func isLowAddr(a *types.Address) bool {
	return binary.LittleEndian.Uint64(a[0:8])|binary.LittleEndian.Uint64(a[8:16])|
		uint64(binary.LittleEndian.Uint16(a[16:18])) == 0
}

// precompileAt returns the precompile at addr, if any.
func (e *EVM) precompileAt(addr *types.Address) (precompile.Contract, bool) {
	if e.precompilesLow && !isLowAddr(addr) {
		return nil, false
	}
	p, ok := e.precompiles[*addr]
	return p, ok
}
