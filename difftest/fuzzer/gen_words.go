package fuzzer

import "github.com/holiman/uint256"

// Words that sit on edges: zero, one, powers of two, all ones, signs.
var edgeWords = func() []*uint256.Int {
	out := []*uint256.Int{new(uint256.Int), uint256.NewInt(1), uint256.NewInt(2), uint256.NewInt(31),
		uint256.NewInt(32), uint256.NewInt(255), uint256.NewInt(256), uint256.NewInt(1023)}
	for _, n := range []uint{63, 64, 128, 160, 248, 255} {
		v := new(uint256.Int).Lsh(uint256.NewInt(1), n)
		out = append(out, v, new(uint256.Int).SubUint64(v, 1))
	}
	maxW := new(uint256.Int).SetAllOne()
	return append(out, maxW, new(uint256.Int).SubUint64(maxW, 1))
}()

// word draws a stack operand.
func (g *Gen) word() *uint256.Int {
	switch g.r.IntN(4) {
	case 0, 1:
		return uint256.NewInt(uint64(g.r.IntN(64)))
	case 2:
		return edgeWords[g.r.IntN(len(edgeWords))]
	}
	var b [32]byte
	n := g.r.IntN(32) + 1
	for i := 32 - n; i < 32; i++ {
		b[i] = byte(g.r.IntN(256))
	}
	return new(uint256.Int).SetBytes(b[:])
}

// offset draws a memory or data offset: mostly small, rarely (a frame
// that draws one usually dies of it) beyond what gas can pay for or
// beyond 64 bits.
func (g *Gen) offset() *uint256.Int {
	switch g.r.IntN(160) {
	case 0:
		return uint256.NewInt(1 << 32)
	case 1:
		return new(uint256.Int).Lsh(uint256.NewInt(1), 64)
	case 2:
		return uint256.NewInt(uint64(g.r.IntN(1 << 20)))
	case 3:
		return new(uint256.Int).SetAllOne()
	}
	return uint256.NewInt(uint64(g.r.IntN(32)) * 16)
}

// size draws a length: mostly short, sometimes zero, rarely huge.
func (g *Gen) size() *uint256.Int {
	switch g.r.IntN(120) {
	case 0:
		return uint256.NewInt(1 << 32)
	case 1:
		return new(uint256.Int).Lsh(uint256.NewInt(1), 64)
	case 2:
		return uint256.NewInt(uint64(g.r.IntN(1 << 17)))
	}
	if g.r.IntN(10) == 0 {
		return new(uint256.Int)
	}
	return uint256.NewInt(uint64(g.r.IntN(100)))
}
