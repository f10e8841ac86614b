package precompile

import (
	"bytes"
	"math/big"
	"regexp"
	"strconv"
	"testing"

	"golang.org/x/crypto/sha3"

	"github.com/goevm/goevm/internal/fixtures"
)

// Templates of execution-spec-tests (see fixtures_helpers_test.go). Each
// copies the call data to memory and calls one precompile with all of it.
var (
	// CALL-family to <addr> with <gas>; stores success, RETURNDATASIZE and,
	// in the long form, keccak256 of the return data. (EIP-2537 tests and
	// others.)
	tmplStoreHash = regexp.MustCompile(`^36 P:00 P:00 37 P:00 P:00 36 P:00 (?:P:00 )?P:([0-9a-f]+) P:([0-9a-f]+) (f1|f2|f4|fa) P:00 55 3d P:01 55( 3d P:00 P:00 3e 3d P:00 20 P:02 55)?(?: 00)?$`)
	// EIP-4844 point evaluation: output to memory 0..64, stores success, the
	// two output words, RETURNDATASIZE and the two return-data words.
	tmplPointEval = regexp.MustCompile(`^36 P:00 P:00 37 P:40 P:00 36 P:00 (?:P:00 )?P:0a P:([0-9a-f]+) (f1|f2|f4|fa) P:00 55 P:00 51 P:01 55 P:20 51 P:02 55 3d P:03 55 3d P:00 P:00 3e P:00 51 P:04 55 P:20 51 P:05 55 00$`)
	// EIP-152 BLAKE2F with all gas: output to 0x200, both words stored.
	tmplBlake2 = regexp.MustCompile(`^36 P:00 P:00 37 P:40 P:0200 36 P:00 P:00 P:09 5a f1 P:00 55 P:0200 51 P:01 55 P:0220 51 P:02 55 00$`)
	// EIP-198 MODEXP with all gas: stores success, then deploys the return
	// data as the code of a new contract.
	tmplModexp = regexp.MustCompile(`^36 P:00 P:00 37 P:00 P:00 36 P:00 P:00 P:05 5a f1 P:00 55 P:601038036010600039601038036000f300000000000000000000000000000000 P:00 52 3d P:00 P:10 3e 3d P:10 01 P:00 P:00 f0 00$`)
)

func keccak(b []byte) []byte {
	h := sha3.NewLegacyKeccak256()
	h.Write(b)
	return h.Sum(nil)
}

func word(b []byte, off int) *big.Int {
	return new(big.Int).SetBytes(padRight(b, off, 32))
}

func boolInt(b bool) int64 {
	if b {
		return 1
	}
	return 0
}

func contractAt(t *testing.T, c *stCase, hexAddr string) Contract {
	t.Helper()
	n, err := strconv.ParseUint(hexAddr, 16, 16)
	if err != nil {
		return nil
	}
	return ForFork(&c.rules)[addr(uint16(n))]
}

// allGasBounds brackets the gas a "GAS CALL" template forwards: at most the
// transaction gas less intrinsic cost, times 63/64 (EIP-150); at least that
// less a generous allowance for the template's own instructions and memory.
func allGasBounds(c *stCase) (lo, hi uint64) {
	hi = c.intrinsicBound() * 63 / 64
	slack := uint64(5000) + 3*uint64(len(c.data)) + uint64(len(c.data)*len(c.data))/512/32
	if hi > slack {
		lo = hi - slack
	}
	return lo, hi
}

// checkAllGas judges a call made with all remaining gas, whose exact amount
// this test does not model: an expected success must succeed within the
// upper bound; an expected failure must fail even with the lower bound.
func checkAllGas(t *testing.T, c *stCase, pc Contract, wantOK bool) ([]byte, bool) {
	lo, hi := allGasBounds(c)
	if wantOK {
		out, ok := call(pc, c.data, hi)
		if !ok {
			t.Errorf("%s: call failed, fixture says success (gas %d, limit %d)", c.name, pc.RequiredGas(c.data), hi)
		}
		return out, ok
	}
	if _, ok := call(pc, c.data, lo); ok {
		t.Errorf("%s: call succeeded, fixture says failure (gas %d, available >= %d)", c.name, pc.RequiredGas(c.data), lo)
	}
	return nil, false
}

// fixtureCounts tallies the vectors checked per precompile address.
type fixtureCounts map[string]int

func runTemplateCase(t *testing.T, c *stCase, counts fixtureCounts) {
	toks := tokens(c.code)
	switch {
	case tmplStoreHash.MatchString(toks):
		m := tmplStoreHash.FindStringSubmatch(toks)
		pc := contractAt(t, c, m[1])
		if pc == nil {
			return // absent before its fork: a plain call to an empty account
		}
		gas, _ := strconv.ParseUint(m[2], 16, 64)
		out, ok := call(pc, c.data, gas)
		target := c.targetAddr()
		if got, want := boolInt(ok), c.slot(target, 0).Int64(); got != want {
			t.Errorf("%s: success %d, fixture %d (gas %d, required %d)", c.name, got, want, gas, pc.RequiredGas(c.data))
			return
		}
		if got, want := int64(len(out)), c.slot(target, 1).Int64(); got != want {
			t.Errorf("%s: output length %d, fixture %d", c.name, got, want)
			return
		}
		if m[4] != "" {
			if got, want := new(big.Int).SetBytes(keccak(out)), c.slot(target, 2); got.Cmp(want) != 0 {
				t.Errorf("%s: output hash %x, fixture %x; output %x", c.name, got, want, out)
				return
			}
		}
		counts[m[1]]++
	case tmplPointEval.MatchString(toks):
		m := tmplPointEval.FindStringSubmatch(toks)
		pc := contractAt(t, c, "0a")
		if pc == nil {
			return
		}
		gas, _ := strconv.ParseUint(m[1], 16, 64)
		out, ok := call(pc, c.data, gas)
		target := c.targetAddr()
		mem := padRight(c.data, 0, 64)
		if ok {
			copy(mem, out)
		}
		want := []*big.Int{big.NewInt(boolInt(ok)), word(mem, 0), word(mem, 32), big.NewInt(int64(len(out)))}
		copy(mem, out)
		want = append(want, word(mem, 0), word(mem, 32))
		for slot, w := range want {
			if got := c.slot(target, slot); got.Cmp(w) != 0 {
				t.Errorf("%s: slot %d: fixture %x, ours %x (ok=%v)", c.name, slot, got, w, ok)
				return
			}
		}
		counts["0a"]++
	case tmplBlake2.MatchString(toks):
		pc := contractAt(t, c, "09")
		if pc == nil {
			return
		}
		target := c.targetAddr()
		wantOK := c.slot(target, 0).Int64() == 1
		out, ok := checkAllGas(t, c, pc, wantOK)
		if ok && (word(out, 0).Cmp(c.slot(target, 1)) != 0 || word(out, 32).Cmp(c.slot(target, 2)) != 0) {
			t.Errorf("%s: output %x, fixture %x %x", c.name, out, c.slot(target, 1), c.slot(target, 2))
			return
		}
		counts["09"]++
	case tmplModexp.MatchString(toks):
		pc := contractAt(t, c, "05")
		if pc == nil {
			return
		}
		target := c.targetAddr()
		wantOK := c.slot(target, 0).Int64() == 1
		out, ok := checkAllGas(t, c, pc, wantOK)
		if ok {
			created, found := c.createdCode(t)
			if !found {
				t.Errorf("%s: fixture has no created contract", c.name)
				return
			}
			if !bytes.Equal(out, created) {
				t.Errorf("%s: output %x, fixture %x", c.name, out, created)
				return
			}
		}
		counts["05"]++
	default:
		counts["unrecognised template"]++
	}
}

// targetAddr is the transaction's target as the post-state keys spell it.
func (c *stCase) targetAddr() string {
	for a := range c.post.State {
		if bytes.Equal(mustHexNoT(a), mustHexNoT(c.toHex())) {
			return a
		}
	}
	return ""
}

func (c *stCase) toHex() string {
	for a, acct := range c.pre {
		if bytes.Equal(mustHexNoT(acct.Code), c.code) && len(c.code) > 0 {
			return a
		}
	}
	return ""
}

// createdCode finds the one account the post-state has and the pre-state
// lacks, other than the fee recipient, and returns its code.
func (c *stCase) createdCode(t *testing.T) ([]byte, bool) {
	for a, acct := range c.post.State {
		if _, inPre := c.pre[a]; inPre || a == c.coinbase {
			continue
		}
		return mustHex(t, acct.Code), true
	}
	return nil, false
}

// mustHexNoT decodes hex, giving nil on malformed input.
func mustHexNoT(s string) []byte {
	b := []byte(s)
	if len(b) >= 2 && b[0] == '0' && (b[1] == 'x' || b[1] == 'X') {
		b = b[2:]
	}
	out := make([]byte, len(b)/2)
	for i := range out {
		v, err := strconv.ParseUint(string(b[2*i:2*i+2]), 16, 8)
		if err != nil {
			return nil
		}
		out[i] = byte(v)
	}
	return out
}

func runFixtureFolders(t *testing.T, dirs ...string) fixtureCounts {
	counts := fixtureCounts{}
	for _, d := range dirs {
		dir := fixtures.Dir(t, d)
		for _, c := range loadStateCases(t, dir) {
			if c.post.ExpectException != "" {
				continue
			}
			runTemplateCase(t, &c, counts)
		}
	}
	return counts
}

func TestFixturesEEST(t *testing.T) {
	counts := runFixtureFolders(t,
		"eest/state_tests/prague/eip2537_bls_12_381_precompiles",
		"eest/state_tests/cancun/eip4844_blobs/point_evaluation_precompile",
		"eest/state_tests/istanbul/eip152_blake2",
		"eest/state_tests/byzantium/eip198_modexp_precompile",
	)
	total := 0
	for a, n := range counts {
		t.Logf("%s: %d cases", a, n)
		if a != "unrecognised template" {
			total += n
		}
	}
	t.Logf("%d fixture vectors checked", total)
	if total == 0 {
		t.Fatal("no fixture vectors recognised")
	}
}
