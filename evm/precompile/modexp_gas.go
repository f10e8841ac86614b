package precompile

import "math/big"

// modexpPricing names MODEXP's three gas schedules.
type modexpPricing int

const (
	modexpEIP198  modexpPricing = iota // Byzantium
	modexpEIP2565                      // Berlin
	modexpEIP7883                      // Osaka
)

var (
	big1  = big.NewInt(1)
	big32 = big.NewInt(32)
)

// cost prices a call exactly, in arbitrary precision; the caller saturates.
func (p modexpPricing) cost(h modexpHeader, expHead *big.Int) *big.Int {
	maxLen := h.baseLen
	if h.modLen.Cmp(maxLen) > 0 {
		maxLen = h.modLen
	}
	switch p {
	case modexpEIP198:
		gas := new(big.Int).Mul(complexityEIP198(maxLen), iterations(h.expLen, expHead, 8))
		return gas.Div(gas, big.NewInt(20)) // GQUADDIVISOR
	case modexpEIP2565:
		w := wordsOf8(maxLen)
		gas := new(big.Int).Mul(w.Mul(w, w), iterations(h.expLen, expHead, 8))
		gas.Div(gas, big.NewInt(3))
		return maxBig(gas, 200)
	default: // EIP-7883
		c := big.NewInt(16)
		if maxLen.Cmp(big32) > 0 {
			w := wordsOf8(maxLen)
			c = w.Mul(w, w).Lsh(w, 1)
		}
		gas := c.Mul(c, iterations(h.expLen, expHead, 16))
		return maxBig(gas, 500)
	}
}

// complexityEIP198 is EIP-198's mult_complexity(x) over byte lengths.
func complexityEIP198(x *big.Int) *big.Int {
	sq := new(big.Int).Mul(x, x)
	switch {
	case x.Cmp(big.NewInt(64)) <= 0:
		return sq
	case x.Cmp(big.NewInt(1024)) <= 0:
		sq.Rsh(sq, 2) // x²/4 + 96x − 3072
		sq.Add(sq, new(big.Int).Mul(big.NewInt(96), x))
		return sq.Sub(sq, big.NewInt(3072))
	default:
		sq.Rsh(sq, 4) // x²/16 + 480x − 199680
		sq.Add(sq, new(big.Int).Mul(big.NewInt(480), x))
		return sq.Sub(sq, big.NewInt(199680))
	}
}

// iterations is the adjusted exponent length shared by all three schedules:
// the index of the exponent head's highest set bit, plus perByte for every
// exponent byte past the first 32; at least 1.
func iterations(expLen, head *big.Int, perByte int64) *big.Int {
	n := new(big.Int)
	if bits := head.BitLen(); bits > 0 {
		n.SetInt64(int64(bits - 1))
	}
	if expLen.Cmp(big32) > 0 {
		extra := new(big.Int).Sub(expLen, big32)
		n.Add(n, extra.Mul(extra, big.NewInt(perByte)))
	}
	if n.Cmp(big1) < 0 {
		n.Set(big1)
	}
	return n
}

// wordsOf8 is ceil(x/8): the length in 64-bit limbs (EIP-2565).
func wordsOf8(x *big.Int) *big.Int {
	w := new(big.Int).Add(x, big.NewInt(7))
	return w.Rsh(w, 3)
}

func maxBig(x *big.Int, floor int64) *big.Int {
	if x.Cmp(big.NewInt(floor)) < 0 {
		return x.SetInt64(floor)
	}
	return x
}
