package precompile

import (
	"math/big"

	"github.com/goevm/goevm/fork"
)

// modexp is precompile 0x05 (EIP-198, Byzantium): base**exp % mod over
// arbitrary-size integers. Input is
// <len(base)> <len(exp)> <len(mod)> <base> <exp> <mod>, lengths as 32-byte
// words, every read past the end of input giving zero bytes. Pricing changes
// with EIP-2565 (Berlin) and EIP-7883 (Osaka); EIP-7823 (Osaka) bounds each
// length to 1024 bytes.
type modexp struct {
	pricing modexpPricing
	bounded bool // EIP-7823
}

func init() {
	register(0x05, 198, func(r *fork.Rules) Contract {
		p := modexpEIP198
		switch {
		case r.Has(7883):
			p = modexpEIP7883
		case r.Has(2565):
			p = modexpEIP2565
		}
		return modexp{pricing: p, bounded: r.Has(7823)}
	})
}

// modexpMaxLen is EIP-7823's bound on each length, in bytes.
const modexpMaxLen = 1024

// modexpRunLimit caps the lengths Run will materialise before EIP-7823. Any
// length above it (with a non-zero modulus length) prices the call at more
// than 8*10^8 gas under every schedule, so no transaction can reach Run with
// it; the cap only keeps direct callers from allocating gigabytes.
const modexpRunLimit = 1 << 31

// modexpHeader holds the three declared lengths. They are 256-bit values, so
// big.Int keeps pricing exact for absurd declarations without allocating
// anything of that size.
type modexpHeader struct {
	baseLen, expLen, modLen *big.Int
}

func readModexpHeader(input []byte) modexpHeader {
	return modexpHeader{
		baseLen: new(big.Int).SetBytes(padRight(input, 0, 32)),
		expLen:  new(big.Int).SetBytes(padRight(input, 32, 32)),
		modLen:  new(big.Int).SetBytes(padRight(input, 64, 32)),
	}
}

func (m modexp) RequiredGas(input []byte) uint64 {
	h := readModexpHeader(input)
	// The first 32 bytes of the exponent (fewer if it is shorter) steer the
	// iteration count.
	expStart := new(big.Int).Add(big.NewInt(96), h.baseLen)
	headLen := uint64(32)
	if h.expLen.Cmp(big.NewInt(32)) < 0 {
		headLen = h.expLen.Uint64()
	}
	head := readBig(input, expStart, headLen)
	gas := m.pricing.cost(h, head)
	if !gas.IsUint64() {
		return ^uint64(0)
	}
	return gas.Uint64()
}

func (m modexp) Run(input []byte) ([]byte, error) {
	h := readModexpHeader(input)
	limit := big.NewInt(modexpRunLimit)
	if m.bounded {
		limit = big.NewInt(modexpMaxLen)
	}
	for _, l := range []*big.Int{h.baseLen, h.expLen, h.modLen} {
		if l.Cmp(limit) > 0 {
			if m.bounded {
				return nil, ErrModExpTooLarge
			}
			// Before EIP-7823 a zero modulus length still yields empty
			// output whatever the other lengths say.
			if h.modLen.Sign() == 0 {
				return []byte{}, nil
			}
			return nil, ErrModExpTooLarge
		}
	}
	baseLen, expLen, modLen := h.baseLen.Uint64(), h.expLen.Uint64(), h.modLen.Uint64()
	if modLen == 0 {
		// Covers EIP-198's "base and modulus both empty" rule too: the
		// result is always modLen bytes long.
		return []byte{}, nil
	}
	expStart := 96 + baseLen
	base := readBig(input, big.NewInt(96), baseLen)
	mod := readBig(input, new(big.Int).SetUint64(expStart+expLen), modLen)
	out := make([]byte, modLen)
	if mod.Sign() == 0 || mod.Cmp(big.NewInt(1)) == 0 {
		return out, nil // x mod 0 is defined as 0 by EIP-198; x mod 1 is 0
	}
	exp := readBig(input, new(big.Int).SetUint64(expStart), expLen)
	if useMont(exp, mod) {
		expMont(out, base, exp, mod) // see modexp_mont.go
		return out, nil
	}
	new(big.Int).Exp(base, exp, mod).FillBytes(out)
	return out, nil
}

// readBig reads length bytes of input from start as a big-endian integer,
// zero bytes past the end of input. Missing bytes become a shift, so a huge
// declared length costs no allocation beyond the input itself.
func readBig(input []byte, start *big.Int, length uint64) *big.Int {
	out := new(big.Int)
	if length == 0 {
		return out
	}
	if !start.IsUint64() || start.Uint64() >= uint64(len(input)) {
		return out // every byte is zero
	}
	s := start.Uint64()
	avail := uint64(len(input)) - s
	if avail >= length {
		return out.SetBytes(input[s : s+length])
	}
	out.SetBytes(input[s:])
	return out.Lsh(out, uint(8*(length-avail)))
}
