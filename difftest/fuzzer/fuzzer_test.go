package fuzzer

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/goevm/goevm/fork"
	"github.com/goevm/goevm/types"
)

const regressionDir = "../testdata/regressions"

// Every minimised difference the fuzzer found is replayed: the clients must
// now agree, or, where geth departs from the spec, still differ in the
// documented way.
func TestRegressions(t *testing.T) {
	files, err := filepath.Glob(filepath.Join(regressionDir, "*.json"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Skip("no regression cases")
	}
	for _, path := range files {
		t.Run(filepath.Base(path), func(t *testing.T) {
			r, f, err := LoadRegression(path)
			if err != nil {
				t.Fatal(err)
			}
			d := Check(r.Case, f)
			if r.GethWrong != "" {
				if Kind(d) != r.GethWrong {
					t.Fatalf("expected geth's documented %q difference (%s), got %q", r.GethWrong, r.Note, d)
				}
				return
			}
			if d != "" {
				t.Fatalf("%s: %s\n%s\n%s", f, d, FirstTraceDiff(r.Case, f), StateDiff(r.Case, f))
			}
		})
	}
}

// The CI pass: a fixed seed and a fixed number of generated programs (env
// DIFFFUZZ_PROGRAMS, default 1500; 300 with -short) under all five forks,
// deterministic, well under two minutes. A difference fails the test with
// the minimised case, its first differing trace line and the state diff.
func TestShortDifferential(t *testing.T) { shortDifferential(t, DefaultForks) }

func shortDifferential(t *testing.T, forks []fork.Fork) {
	n := int64(1500)
	if testing.Short() {
		n = 300
	}
	if s := os.Getenv("DIFFFUZZ_PROGRAMS"); s != "" {
		v, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			t.Fatalf("DIFFFUZZ_PROGRAMS: %v", err)
		}
		n = v
	}
	st, findings := Run(context.Background(), Config{
		Forks: forks, Seed: 20260101, Count: n, Workers: 1, Minimize: 1500, MaxFindings: 10,
	})
	t.Log(st)
	if st.Programs != n {
		t.Fatalf("ran %d programs, want %d", st.Programs, n)
	}
	for _, f := range findings {
		path, err := WriteRegression(t.TempDir(), &Regression{Fork: f.Fork.String(), Diff: f.Diff, Trace: f.Trace, Case: f.Case})
		if err != nil {
			t.Fatal(err)
		}
		t.Errorf("%s (program seed %d, %s): %s\n%s\n%s\ncase: %s", f.Fork, f.Seed, f.Generator, f.Diff, f.Trace, StateDiff(f.Case, f.Fork), path)
	}
}

// FuzzRawCode runs arbitrary bytes as the code of the called contract
// under every default fork.
func FuzzRawCode(f *testing.F) {
	f.Add([]byte{0x60, 0x01, 0x60, 0x00, 0x55}, []byte{})
	f.Add([]byte{0x5b, 0x60, 0x00, 0x56}, []byte{0x01})
	f.Add([]byte{0x60, 0x20, 0x60, 0x00, 0x60, 0x00, 0x37, 0x60, 0x20, 0x60, 0x00, 0xf3}, []byte("hello"))
	f.Fuzz(func(t *testing.T, code, input []byte) {
		if len(code) > 24576 {
			return
		}
		c := NewGen(uint64(len(code))).Case(GenStructured)
		to := Contracts[0]
		c.Pre[to].Code = types.Bytes(code)
		c.Tx.Type, c.Tx.To, c.Tx.Data, c.Tx.Auths, c.Tx.AccessList = 0, &to, input, nil, nil
		checkAllForks(t, c)
	})
}

// FuzzGenerated draws a whole world from the fuzzer's seed: the
// structured generator for even seeds, raw bytes for odd.
func FuzzGenerated(f *testing.F) {
	for s := range uint64(8) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, seed uint64) {
		kind := GenStructured
		if seed%2 == 1 {
			kind = GenRaw
		}
		checkAllForks(t, NewGen(seed).Case(kind))
	})
}

func checkAllForks(t *testing.T, c *Case) {
	t.Helper()
	for _, f := range DefaultForks {
		fc := ForFork(c, f)
		if d := Check(fc, f); d != "" {
			m := Minimize(fc, f, 1000)
			t.Fatalf("%s: %s\n%s\n%s", f, Check(m, f), FirstTraceDiff(m, f), StateDiff(m, f))
		}
	}
}
