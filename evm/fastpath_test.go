package evm

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/goevm/goevm/fork"
	"github.com/goevm/goevm/types"
	"github.com/holiman/uint256"
)

// The word-loading push decoder against the obvious byte-wise reading, for
// every width at every offset of a short code, including immediates cut
// off by the end of the code.
func TestPushImmediateMatchesBytewise(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for size := 1; size <= 80; size++ {
		code := make([]byte, size)
		for i := range code {
			code[i] = byte(rng.Uint32())
		}
		for pc := uint64(0); pc < uint64(size); pc++ {
			for n := uint64(1); n <= 32; n++ {
				var want [32]byte
				for i := uint64(0); i < n; i++ {
					if p := pc + 1 + i; p < uint64(size) {
						want[32-n+i] = code[p]
					}
				}
				var got uint256.Int
				pushImmediate(&got, code, pc, n)
				if got.Bytes32() != want {
					t.Fatalf("code size %d, pc %d, PUSH%d: got %x, want %x", size, pc, n, got.Bytes32(), want)
				}
			}
		}
	}
}

// quotient and remainder against the library's Div and Mod, on powers of
// two (their shortcut), their neighbours and random values.
func TestQuotientRemainderMatchDivMod(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	random := func() *uint256.Int {
		v := &uint256.Int{rng.Uint64(), rng.Uint64(), rng.Uint64(), rng.Uint64()}
		return v.Rsh(v, uint(rng.IntN(256)))
	}
	var divisors []*uint256.Int
	for k := uint(0); k < 256; k++ {
		p := new(uint256.Int).Lsh(uint256.NewInt(1), k)
		divisors = append(divisors, p, new(uint256.Int).AddUint64(p, 1), new(uint256.Int).SubUint64(p, 1))
	}
	for range 200 {
		divisors = append(divisors, random())
	}
	divisors = append(divisors, new(uint256.Int), new(uint256.Int).SetAllOne())
	for _, d := range divisors {
		for range 20 {
			n := random()
			wantQ, wantR := new(uint256.Int).Div(n, d), new(uint256.Int).Mod(n, d)
			q, r := d.Clone(), d.Clone()
			quotient(q, n)
			remainder(r, n)
			if !q.Eq(wantQ) || !r.Eq(wantR) {
				t.Fatalf("%x / %x: got %x rem %x, want %x rem %x", n, d, q, r, wantQ, wantR)
			}
		}
	}
}

// signExtend against the Yellow Paper's bitwise definition (bit i of the
// result is bit t = 8b+7 of x for i > t, bit i of x otherwise; x unchanged
// for b > 30) and against the library's ExtendSign it replaces, for every
// byte position, operands above 30 and past 64 bits, and random words with
// the sign bit both set and clear.
func TestSignExtendMatchesDefinition(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	var positions []*uint256.Int
	for b := uint64(0); b <= 40; b++ {
		positions = append(positions, uint256.NewInt(b))
	}
	for _, k := range []uint{64, 65, 128, 192, 255} {
		p := new(uint256.Int).Lsh(uint256.NewInt(1), k)
		positions = append(positions, p, new(uint256.Int).AddUint64(p, 3))
	}
	positions = append(positions, uint256.NewInt(1<<63), new(uint256.Int).SetAllOne())
	for _, b := range positions {
		for i := range 200 {
			x := &uint256.Int{rng.Uint64(), rng.Uint64(), rng.Uint64(), rng.Uint64()}
			if i%4 == 0 {
				x.Rsh(x, uint(rng.IntN(256)))
			}
			want := x.Clone()
			if b.LtUint64(31) {
				top := uint(8*b.Uint64() + 7)
				sign := new(uint256.Int).Rsh(x, top)[0] & 1
				for bit := top + 1; bit < 256; bit++ {
					w := &want[bit/64]
					*w = *w&^(1<<(bit%64)) | sign<<(bit%64)
				}
			}
			lib := new(uint256.Int).ExtendSign(x, b)
			var st stackData
			st[0], st[1] = *x, *b
			signExtendTop(&st, 0, 2)
			got := &st[0]
			if !got.Eq(want) || !lib.Eq(want) {
				t.Fatalf("SIGNEXTEND(%x, %x): got %x, library %x, want %x", b, x, got, lib, want)
			}
		}
	}
}

// The fast loop's MLOAD, MSTORE and MSTORE8 (Memory.word and byteAt inside
// memory, growAndRun past its end) against the checked loop's plain pricing and growth: after
// memory has grown to each of a few sizes, an access at offsets around
// its end, around the largest memory priced and past 64 bits, with gas
// from far too little to plenty, so the fast path, the growth and the
// out-of-gas fallback each meet the boundary. The output (all of memory)
// and the gas left must agree.
func TestMemoryWordMatchesCheckedLoop(t *testing.T) {
	push := func(v *uint256.Int) string { b := v.Bytes32(); return fmt.Sprintf("7f%x", b[:]) }
	var sizes = []uint64{0, 32, 64, 96, 1024}
	for _, size := range sizes {
		prefix := ""
		if size > 0 { // MSTORE8 at size-1 grows memory to size bytes
			prefix = "6001" + push(uint256.NewInt(size-1)) + "53"
		}
		offsets := []*uint256.Int{
			uint256.NewInt(maxMemory - 32), uint256.NewInt(maxMemory - 31), uint256.NewInt(maxMemory),
			uint256.NewInt(1<<64 - 1), uint256.NewInt(1<<64 - 32),
			new(uint256.Int).Lsh(uint256.NewInt(1), 64), new(uint256.Int).Lsh(uint256.NewInt(1), 128),
			new(uint256.Int).SetAllOne(),
		}
		for d := int64(-33); d <= 33; d++ {
			if o := int64(size) + d; o >= 0 {
				offsets = append(offsets, uint256.NewInt(uint64(o)))
			}
		}
		for _, off := range offsets {
			for _, body := range []string{
				push(new(uint256.Int).SetAllOne()) + push(off) + "52", // MSTORE
				push(off) + "51" + "6000" + "52",                      // MLOAD, its word stored at 0
				push(uint256.NewInt(0x1234)) + push(off) + "53",       // MSTORE8
			} {
				prog := code(prefix + body + "59 6000 f3") // RETURN(0, MSIZE)
				w := &pathsWorld{fork: fork.Osaka, code: map[types.Address][]byte{pathsA: prog}, gas: 10_000_000}
				used := w.gas - w.run(pathChecked).GasLeft
				for _, gas := range []uint64{used - 40, used - 3, used - 1, used, used + 1, 10_000_000} {
					w.gas = gas
					if d := w.comparePaths(); d != "" {
						t.Fatalf("memory %d, offset %x, gas %d: %s", size, off, gas, d)
					}
				}
			}
		}
	}
}

// Memory.growTo, for a word and for a byte, against the plain
// expansionCost and resize on a reused memory (reusedMemory): the same size, cost, gas charged, and zeros in every byte it
// adds, for growth by one word, by several and past the capacity.
func TestGrowToMatchesResize(t *testing.T) {
	// MSTORE's word and MSTORE8's byte, each from a fresh memory.
	for _, c := range []struct {
		width   uint64
		offsets []uint64
	}{
		{32, []uint64{0, 1, 31, 32, 33, 64, 100, 95, 1000, 4064, 4065, 5000, 20000}},
		{1, []uint64{0, 1, 31, 32, 33, 64, 100, 95, 1000, 4095, 4096, 5000, 20000}},
	} {
		fast, plain := reusedMemory(nil), reusedMemory(nil)
		gasFast, gasPlain := uint64(1_000_000), uint64(1_000_000)
		for _, o := range c.offsets {
			off := uint256.NewInt(o)
			ok := fast.growTo(o+c.width, &gasFast)
			size, _ := memSize(off, uint256.NewInt(c.width))
			cost, okCost := plain.expansionCost(size)
			if !ok || !okCost || gasPlain < cost {
				t.Fatalf("offset %d width %d: growTo %v, plain cost %d (%v)", o, c.width, ok, cost, okCost)
			}
			gasPlain -= cost
			plain.resize(size)
			if gasFast != gasPlain || fast.cost != plain.cost || !bytes.Equal(fast.store, plain.store) {
				t.Fatalf("offset %d width %d: size %d cost %d gas %d, want size %d cost %d gas %d, or contents differ",
					o, c.width, fast.Len(), fast.cost, gasFast, plain.Len(), plain.cost, gasPlain)
			}
			for i, b := range fast.store {
				if b != 0 {
					t.Fatalf("offset %d width %d: byte %d is %#x after growing", o, c.width, i, b)
				}
			}
		}
	}
}

// Memory.growWord, the growth of MSTORE and MLOAD within capacity, against
// growTo on the same reset memory: where it grows, the same size, cost, gas and zeros,
// and the word it returns at the offset; where it declines (past the
// capacity, past 64 bits, too little gas, the ceiling), nothing changed.
func TestGrowWordMatchesGrowTo(t *testing.T) {
	fast, plain := reusedMemory(&memoryBudget{limit: 1 << 20}), reusedMemory(&memoryBudget{limit: 1 << 20})
	gasFast, gasPlain := uint64(1_000_000), uint64(1_000_000)
	for _, o := range []uint64{0, 1, 40, 100, 1000, 3000} { // each past the end
		w := fast.growWord(uint256.NewInt(o), &gasFast)
		if !plain.growTo(o+32, &gasPlain) || w == nil {
			t.Fatalf("offset %d: growWord %v", o, w != nil)
		}
		if &w[0] != &fast.store[o] || gasFast != gasPlain || fast.cost != plain.cost ||
			fast.budget.held != plain.budget.held || !bytes.Equal(fast.store, plain.store) {
			t.Fatalf("offset %d: size %d cost %d gas %d held %d, want size %d cost %d gas %d held %d, or contents differ",
				o, fast.Len(), fast.cost, gasFast, fast.budget.held, plain.Len(), plain.cost, gasPlain, plain.budget.held)
		}
	}
	before := fast
	low := uint64(3)
	for _, c := range []struct {
		name string
		off  *uint256.Int
		gas  *uint64
	}{
		{"past the capacity", uint256.NewInt(4065), &gasFast},
		{"past 64 bits", new(uint256.Int).Lsh(uint256.NewInt(1), 64), &gasFast},
		{"too little gas", uint256.NewInt(4064 - 32), &low},
		{"already held", uint256.NewInt(95), &gasFast},
	} {
		if fast.Len() == 4096 {
			t.Fatal("memory already at capacity")
		}
		g := *c.gas
		if w := fast.growWord(c.off, c.gas); w != nil || *c.gas != g || fast.Len() != before.Len() || fast.cost != before.cost {
			t.Fatalf("%s: grew", c.name)
		}
	}
	fast.budget.limit = fast.budget.held + 31
	if w := fast.growWord(uint256.NewInt(uint64(fast.Len())), &gasFast); w != nil {
		t.Fatal("past the ceiling: grew")
	}
}

// reusedMemory is a memory of 4096 bytes' capacity that held 0xff bytes and
// was reset for a new frame (as a pooled or lent memory is), under budget
// (nil: no ceiling).
func reusedMemory(budget *memoryBudget) Memory {
	buf := make([]byte, 4096)
	for i := range buf {
		buf[i] = 0xff
	}
	m := Memory{store: buf}
	m.reset()
	m.budget = budget
	return m
}
