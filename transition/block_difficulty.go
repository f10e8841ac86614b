package transition

import (
	"github.com/goevm/goevm/fork"
	"github.com/holiman/uint256"
)

// MinimumDifficulty is the floor of proof-of-work difficulty (Yellow Paper D_0).
const MinimumDifficulty = 131072

// CalcDifficulty is the proof-of-work difficulty of a block at fork f with
// the given number and timestamp, following execution-specs'
// calculate_block_difficulty per fork:
//   - Frontier: parent ± parent/2048 depending on whether the block came
//     within 13 seconds;
//   - Homestead (EIP-2): parent + parent/2048 * max(1 - Δt/10, -99);
//   - Byzantium on (EIP-100): parent + parent/2048 * max(y - Δt/9, -99) with
//     y = 2 if the parent has ommers, else 1;
//
// plus the bomb 2^(fakeNumber/100000 - 2), fakeNumber being the number less
// the fork's bomb delay, and never below MinimumDifficulty. It is meaningless
// from Paris on, where difficulty is zero.
func CalcDifficulty(f fork.Fork, number, time, parentTime uint64, parentDifficulty *uint256.Int, parentHasOmmers bool) *uint256.Int {
	step := new(uint256.Int).Rsh(parentDifficulty, 11) // parent / 2048
	diff := new(uint256.Int).Set(parentDifficulty)
	dt := uint64(0)
	if time > parentTime {
		dt = time - parentTime
	}
	r := f.Rules()
	switch {
	case r.Has(100):
		base := uint64(1)
		if parentHasOmmers {
			base = 2
		}
		adjust(diff, step, base, dt/9)
	case r.Has(2):
		adjust(diff, step, 1, dt/10)
	default:
		if dt < 13 {
			diff.Add(diff, step)
		} else {
			diff.Sub(diff, step)
		}
	}
	// The bomb: execution-specs adds it before applying the floor.
	if delay := r.BombDelay(); number >= delay {
		if periods := (number - delay) / 100000; periods >= 2 {
			bomb := new(uint256.Int).Lsh(uint256.NewInt(1), uint(periods-2))
			diff.Add(diff, bomb)
		}
	}
	if diff.LtUint64(MinimumDifficulty) {
		diff.SetUint64(MinimumDifficulty)
	}
	return diff
}

// adjust adds step * max(base - k, -99) to diff, where k >= 0. A negative
// factor can take the difficulty below zero in principle; it is clamped at
// zero here and the floor applies afterwards.
func adjust(diff, step *uint256.Int, base, k uint64) {
	if k <= base {
		diff.Add(diff, new(uint256.Int).Mul(step, uint256.NewInt(base-k)))
		return
	}
	down := min(k-base, 99)
	sub := new(uint256.Int).Mul(step, uint256.NewInt(down))
	if sub.Gt(diff) {
		diff.Clear()
		return
	}
	diff.Sub(diff, sub)
}
