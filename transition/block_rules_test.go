package transition

import (
	"errors"
	"testing"

	"github.com/goevm/goevm/fork"
	"github.com/goevm/goevm/types"
	"github.com/holiman/uint256"
)

// EIP-1559: a full parent (twice the target) raises the base fee by 1/8,
// an empty one lowers it by 1/8, one at target keeps it.
func TestNextBaseFee(t *testing.T) {
	gwei := uint256.NewInt(1_000_000_000)
	cases := []struct {
		used uint64
		want uint64
	}{
		{30_000_000, 1_125_000_000},
		{0, 875_000_000},
		{15_000_000, 1_000_000_000},
		{22_500_000, 1_062_500_000}, // half-way over target: +1/16
	}
	for _, c := range cases {
		if got := NextBaseFee(30_000_000, c.used, gwei); got.Uint64() != c.want {
			t.Errorf("used %d: base fee %d, want %d", c.used, got.Uint64(), c.want)
		}
	}
	// The increase is at least 1 wei (EIP-1559: max(..., 1)).
	if got := NextBaseFee(30_000_000, 15_000_001, uint256.NewInt(7)); got.Uint64() != 8 {
		t.Errorf("minimum increase: got %d, want 8", got.Uint64())
	}
	if got := CalcBaseFee(&types.Header{GasLimit: 10}); got.Uint64() != fork.InitialBaseFee {
		t.Errorf("first London block: %d", got.Uint64())
	}
}

// Difficulty adjustments worked by hand from the Yellow Paper formulas.
func TestCalcDifficulty(t *testing.T) {
	parent := uint256.NewInt(2048 * 1000) // step = parent/2048 = 1000
	cases := []struct {
		f          fork.Fork
		dt         uint64
		hasOmmers  bool
		wantOffset int64
	}{
		{fork.Frontier, 12, false, +1000},  // within 13 s: up
		{fork.Frontier, 13, false, -1000},  // 13 s or more: down
		{fork.Homestead, 9, false, +1000},  // 1 - 0
		{fork.Homestead, 25, false, -1000}, // 1 - 2
		{fork.Byzantium, 8, true, +2000},   // 2 - 0 with ommers
		{fork.Byzantium, 18, false, -1000}, // 1 - 2
		{fork.London, 10000, false, -99000},
	}
	for _, c := range cases {
		got := CalcDifficulty(c.f, 1000, 1000+c.dt, 1000, parent, c.hasOmmers)
		want := int64(2048*1000) + c.wantOffset
		if got.Uint64() != uint64(want) {
			t.Errorf("%v dt=%d ommers=%v: %d, want %d", c.f, c.dt, c.hasOmmers, got.Uint64(), want)
		}
	}
	// Floor, and the bomb: at block 200000 of Frontier one period adds 2^0.
	if got := CalcDifficulty(fork.Homestead, 5, 1000, 0, uint256.NewInt(MinimumDifficulty), false); got.Uint64() != MinimumDifficulty {
		t.Errorf("floor: %d", got.Uint64())
	}
	if got := CalcDifficulty(fork.Frontier, 200_000, 1, 0, uint256.NewInt(2048*1000), false); got.Uint64() != 2048*1000+1000+1 {
		t.Errorf("bomb: %d", got.Uint64())
	}
}

func TestCheckGasLimit(t *testing.T) {
	// Parent 1024000: the bound is 1000 either way, exclusive.
	for limit, ok := range map[uint64]bool{1024999: true, 1025000: false, 1023001: true, 1023000: false, 4999: false} {
		parent := uint64(1024000)
		if limit == 4999 {
			parent = 5000
		}
		if err := checkGasLimit(limit, parent); (err == nil) != ok || (err != nil && !errors.Is(err, ErrInvalidGasLimit)) {
			t.Errorf("limit %d after %d: %v", limit, parent, err)
		}
	}
}

// EIP-4844: excess grows by what the parent used above the target.
func TestCalcExcessBlobGas(t *testing.T) {
	p := BlobParamsFor(fork.Cancun)
	used, excess := uint64(6*GasPerBlob), uint64(0)
	parent := &types.Header{BlobGasUsed: &used, ExcessBlobGas: &excess}
	if got := CalcExcessBlobGas(fork.Cancun, p, parent); got != 3*GasPerBlob {
		t.Errorf("got %d, want %d", got, 3*GasPerBlob)
	}
	used = 2 * GasPerBlob
	if got := CalcExcessBlobGas(fork.Cancun, p, parent); got != 0 {
		t.Errorf("below target: got %d", got)
	}
}

func TestRequestsHashOfNothing(t *testing.T) {
	// EIP-7685: with no requests the hash is sha256 of the empty string.
	want := types.MustHexToHash("0xe3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
	if got := RequestsHash(nil); got != want {
		t.Errorf("got %s", got)
	}
}
