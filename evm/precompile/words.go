package precompile

// words is the number of 32-byte words needed to hold n bytes, the unit of the
// linear-cost precompiles' pricing.
func words(n int) uint64 { return (uint64(n) + 31) / 32 }

// padRight returns input[start:start+size] with missing bytes read as zero,
// the EVM's rule for reading past the end of call data. It always returns a
// fresh slice of length size.
func padRight(input []byte, start, size int) []byte {
	out := make([]byte, size)
	if start < len(input) {
		copy(out, input[start:])
	}
	return out
}

// linear prices base + perWord for every 32-byte word of input.
type linearGas struct{ base, perWord uint64 }

func (g linearGas) cost(input []byte) uint64 { return g.base + g.perWord*words(len(input)) }
