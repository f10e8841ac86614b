package fuzzer

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/goevm/goevm/evm/precompile"
	"github.com/goevm/goevm/fork"
	"github.com/goevm/goevm/types"
)

// reversedIdentity is a planted bug: the identity precompile returning its
// input reversed.
type reversedIdentity struct{ precompile.Contract }

func (r reversedIdentity) Run(in []byte) ([]byte, error) {
	out := slices.Clone(in)
	slices.Reverse(out)
	return out, nil
}

// The harness must notice a wrong goevm: with the identity precompile
// (0x04) planted to reverse its input, the fuzzer finds differences, the
// minimiser keeps them, and the trace diff or state diff explains them.
func TestHarnessFindsPlantedBug(t *testing.T) {
	plantedPrecompiles = func(r *fork.Rules) map[types.Address]precompile.Contract {
		m := precompile.ForFork(r)
		id := types.BytesToAddress([]byte{4})
		m[id] = reversedIdentity{m[id]}
		return m
	}
	defer func() { plantedPrecompiles = nil }()

	st, findings := Run(context.Background(), Config{
		Forks: []fork.Fork{fork.Cancun}, Seed: 3, Count: 400, Workers: 1, Minimize: 400, MaxFindings: 1,
	})
	if st.Diffs == 0 || len(findings) == 0 {
		t.Fatalf("planted bug not found: %s", st)
	}
	f := findings[0]
	if d := Check(f.Case, f.Fork); Kind(d) != Kind(f.Diff) {
		t.Fatalf("minimised case lost the difference: %q, found %q", d, f.Diff)
	}
	var size int
	for _, a := range f.Case.Pre {
		size += len(a.Code)
	}
	t.Logf("%s; minimised to %d bytes of code: %s", st, size, f.Diff)
	if !strings.Contains(f.Trace+f.Diff, "goevm") {
		t.Errorf("no explanation: %q / %q", f.Diff, f.Trace)
	}
}
