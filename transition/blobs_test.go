package transition

import (
	"errors"
	"math/big"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/goevm/goevm/fork"
	"github.com/goevm/goevm/types"
	"github.com/holiman/uint256"
)

// literalFakeExponential is EIP-4844's fake_exponential transcribed as the
// EIP gives it (helpers section), with no cut-off: the reference the bounded
// version must agree with wherever this one terminates.
func literalFakeExponential(factor, numerator, denominator *big.Int) *big.Int {
	i := big.NewInt(1)
	output := new(big.Int)
	accum := new(big.Int).Mul(factor, denominator)
	for accum.Sign() > 0 {
		output.Add(output, accum)
		accum.Mul(accum, numerator)
		accum.Div(accum, new(big.Int).Mul(denominator, i))
		i.Add(i, big.NewInt(1))
	}
	return output.Div(output, denominator)
}

// wantSaturated is what fakeExponential must return for a literal result:
// the value itself below 2^256, else 2^256-1 marked saturated.
func wantSaturated(literal *big.Int) (*uint256.Int, bool) {
	if v, overflow := uint256.FromBig(literal); !overflow {
		return v, false
	}
	return new(uint256.Int).SetAllOne(), true
}

// Fork update fractions: Cancun (EIP-4844), Prague (EIP-7691), and the
// first two blob-parameter-only forks as the shared fixtures' blobSchedule
// gives them (BPO1, BPO2).
var forkFractions = []uint64{3338477, 5007716, 8346193, 11684671}

// Values from running the EIP-4844 Python fake_exponential (python3, the
// function copied from the EIP text) on each input.
func TestFakeExponentialVectors(t *testing.T) {
	cases := []struct{ factor, num, den, want uint64 }{
		{1, 0, 1, 1},
		{38493, 0, 1000, 38493},
		{0, 1234, 2345, 0},
		{1, 2, 1, 6},
		{1, 4, 2, 6},
		{1, 3, 1, 16},
		{1, 6, 2, 18},
		{1, 4, 1, 49},
		{1, 8, 2, 50},
		{10, 8, 2, 542},
		{11, 8, 2, 596},
		{1, 5, 1, 136},
		{1, 5, 2, 11},
		{2, 5, 2, 23},
		{1, 50000000, 2225652, 5709098764},
		{1, 10000000, 3338477, 19},
		{1, 393216 * 100, 3338477, 130392},
	}
	for _, c := range cases {
		got, sat := fakeExponential(c.factor, c.num, c.den)
		if sat || !got.IsUint64() || got.Uint64() != c.want {
			t.Errorf("fake_exponential(%d, %d, %d) = %s (saturated %v), want %d", c.factor, c.num, c.den, got.Dec(), sat, c.want)
		}
	}
}

// The smallest excess whose fee reaches 2^256, found by bisection over the
// Python fake_exponential: 592398316 for Cancun's fraction, 888597562 for
// Prague's. One less gives a fee just below 2^256-1 (values from Python).
func TestBlobBaseFeeSaturationPoint(t *testing.T) {
	cases := []struct {
		fraction, firstSaturated uint64
		below                    string
	}{
		{3338477, 592398316, "0xfffffd7f37d871923e777c8e1698f4a355b593742cb7f676ce08cf31f51e8874"},
		{5007716, 888597562, "0xfffffcc01cea17a7237cdea6c0e070e808cfb1c2998b719689eb66dc07ca0943"},
	}
	for _, c := range cases {
		got := BlobBaseFee(c.firstSaturated-1, c.fraction)
		if want := uint256.MustFromHex(c.below); !got.Eq(want) || BlobFeeSaturated(got) {
			t.Errorf("fraction %d, excess %d: fee %s, want %s", c.fraction, c.firstSaturated-1, got.Hex(), c.below)
		}
		if got := BlobBaseFee(c.firstSaturated, c.fraction); !BlobFeeSaturated(got) {
			t.Errorf("fraction %d, excess %d: fee %s, want saturated", c.fraction, c.firstSaturated, got.Hex())
		}
	}
}

// The cut-off changes nothing where the literal series ends: compare on
// every scale up to numerator/denominator = 2000 (results of about 2900
// bits, far past the 2^256 cut-off at ratio ~177), for fork fractions and
// for small and random ones, with and without a factor.
func TestFakeExponentialMatchesLiteral(t *testing.T) {
	rng := rand.New(rand.NewPCG(4844, 1))
	dens := append([]uint64{1, 2, 3, 1000}, forkFractions...)
	for range 8 {
		dens = append(dens, 1+rng.Uint64N(1<<40))
	}
	n := 0
	for _, den := range dens {
		for _, factor := range []uint64{1, 7} {
			ratios := []float64{0, 0.5, 1, 10, 100, 176, 177, 177.5, 178, 200, 500, 2000}
			for range 12 {
				ratios = append(ratios, rng.Float64()*400)
			}
			for _, r := range ratios {
				num := uint64(r * float64(den))
				for _, x := range []uint64{num, num + 1, num + den/2} {
					lit := literalFakeExponential(new(big.Int).SetUint64(factor), new(big.Int).SetUint64(x), new(big.Int).SetUint64(den))
					want, wantSat := wantSaturated(lit)
					got, sat := fakeExponential(factor, x, den)
					if !got.Eq(want) || sat != wantSat {
						t.Fatalf("fake_exponential(%d, %d, %d) = %s (saturated %v), literal %s", factor, x, den, got.Hex(), sat, lit.Text(16))
					}
					n++
				}
			}
		}
	}
	t.Logf("%d inputs agree with the literal series", n)
}

// The bound fakeExponential's comment derives: fewer than 1280 + 321 + 1
// terms for any uint64 inputs, including those the literal series could
// never finish.
func TestFakeExponentialStepsBounded(t *testing.T) {
	const bound = 1280 + 322
	rng := rand.New(rand.NewPCG(4844, 2))
	worst := 0
	check := func(num, den uint64) {
		if _, steps := fakeExponentialSteps(1, num, den); steps > worst {
			worst = steps
			if steps > bound {
				t.Fatalf("fake_exponential(1, %d, %d) took %d steps, bound %d", num, den, steps, bound)
			}
		}
	}
	for _, den := range append([]uint64{1, 2, ^uint64(0)}, forkFractions...) {
		for r := uint64(0); r <= 2000; r++ {
			if num := r * den; num/den == r { // skip ratios that overflow uint64
				check(num, den)
			}
		}
		check(^uint64(0), den)
	}
	for range 2000 {
		check(rng.Uint64(), 1+rng.Uint64N(1<<uint(rng.IntN(64))))
	}
	t.Logf("most steps: %d (bound %d)", worst, bound)
}

// Regression (issue 19): statetest and t8n accept currentExcessBlobGas =
// 0xffffffffffffffff, and the literal series never ends for it. The bounded
// one saturates in a few hundred steps (about 0.1 ms here; the limit is
// generous for slow, shared or -race runs).
func TestBlobBaseFeeHugeExcessReturnsFast(t *testing.T) {
	start := time.Now()
	for _, f := range forkFractions {
		if fee := BlobBaseFee(^uint64(0), f); !BlobFeeSaturated(fee) {
			t.Errorf("fraction %d: fee %s, want saturated", f, fee.Hex())
		}
	}
	if fee := BlobBaseFee(^uint64(0), ^uint64(0)); !fee.Eq(uint256.NewInt(2)) {
		// e^1 = 2.718..., floored by the series to 2.
		t.Errorf("excess = fraction = 2^64-1: fee %s, want 2", fee.Dec())
	}
	if d := time.Since(start); d > 500*time.Millisecond {
		t.Errorf("took %v", d)
	}
}

// BlobFeeSaturated is exact for the fork schedules: the fee never equals
// 2^256-1 itself, so a saturated fee always means a true fee of 2^256 or
// more. Bisect for the first excess whose literal fee reaches 2^256-1 and
// check it overshoots.
func TestBlobBaseFeeNeverExactlyMax(t *testing.T) {
	maxU256 := new(big.Int).Sub(new(big.Int).Lsh(big.NewInt(1), 256), big.NewInt(1))
	for _, f := range forkFractions {
		den := new(big.Int).SetUint64(f)
		lo, hi := uint64(0), 200*f // e^200 > 2^256
		for lo < hi {
			mid := lo + (hi-lo)/2
			if literalFakeExponential(big.NewInt(1), new(big.Int).SetUint64(mid), den).Cmp(maxU256) >= 0 {
				hi = mid
			} else {
				lo = mid + 1
			}
		}
		if v := literalFakeExponential(big.NewInt(1), new(big.Int).SetUint64(lo), den); v.Cmp(maxU256) == 0 {
			t.Errorf("fraction %d: excess %d gives exactly 2^256-1", f, lo)
		}
		if BlobFeeSaturated(BlobBaseFee(lo-1, f)) || !BlobFeeSaturated(BlobBaseFee(lo, f)) {
			t.Errorf("fraction %d: saturation does not start at excess %d", f, lo)
		}
	}
}

func BenchmarkBlobBaseFee(b *testing.B) {
	for _, x := range []uint64{393216 * 10, 592398316, ^uint64(0)} {
		b.Run(uint256.NewInt(x).Dec(), func(b *testing.B) {
			for b.Loop() {
				BlobBaseFee(x, 3338477)
			}
		})
	}
}

// EIP-7918's comparison in CalcExcessBlobGas takes products past 2^256;
// expected values from the EIP's calc_excess_blob_gas run in Python (with
// EIP-4844's fake_exponential), Osaka schedule: target 6, max 9, fraction
// 5007716; the parent used 6 blobs.
func TestCalcExcessBlobGasHugeFees(t *testing.T) {
	used := uint64(6 * GasPerBlob)
	cases := []struct {
		excess  uint64
		baseFee *uint256.Int
		want    uint64
	}{
		// Blob fee about 2^241: 2^17 of it (2^258) is below 2^13 * 2^250;
		// a 256-bit product would wrap both to 0 and take the other branch.
		{840_000_000, new(uint256.Int).Lsh(uint256.NewInt(1), 250), 840_262_144},
		// Blob fee about 2^288 (saturated here): above any execution cost.
		{1_000_000_000, new(uint256.Int).SetAllOne(), 1_000_000_000},
	}
	for _, c := range cases {
		excess := c.excess
		parent := &types.Header{BlobGasUsed: &used, ExcessBlobGas: &excess, BaseFee: c.baseFee}
		if got := CalcExcessBlobGas(fork.Osaka, BlobParamsFor(fork.Osaka), parent); got != c.want {
			t.Errorf("excess %d, base fee %s: got %d, want %d", c.excess, c.baseFee.Hex(), got, c.want)
		}
	}
}

// With currentExcessBlobGas = 2^64-1 (issue 19) the spec's blob fee is far
// above 2^256, so even a max_fee_per_blob_gas of 2^256-1 fails that check
// (execution specs, check_transaction: InsufficientMaxFeePerBlobGasError),
// before the balance check could reject it for another reason.
func TestSaturatedBlobFeeRejectsEveryCap(t *testing.T) {
	to := recipient
	db := testState(1_000_000_000)
	env := testEnv(fork.Cancun, 7)
	env.Block.BlobBaseFee = *BlobBaseFee(^uint64(0), BlobParamsFor(fork.Cancun).UpdateFraction)
	tx := types.Transaction{Type: types.BlobTxType, Gas: 21000, To: &to, GasFeeCap: *uint256.NewInt(7),
		BlobHashes: []types.Hash{{0x01}}}
	tx.BlobFeeCap.SetAllOne()
	if _, err := Apply(db, env, &tx, sender); !errors.Is(err, ErrBlobFeeCapTooLow) {
		t.Fatalf("error %v, want %v", err, ErrBlobFeeCapTooLow)
	}
}
