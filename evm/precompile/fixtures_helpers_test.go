package precompile

import (
	"encoding/hex"
	"encoding/json"
	"fmt"
	"math/big"
	"path/filepath"
	"strings"
	"testing"

	"github.com/goevm/goevm/fork"
	"github.com/goevm/goevm/internal/fixtures"
)

// The shared state-test fixtures call precompiles from small, fixed contract
// templates (execution-spec-tests generates them). The runner that executes
// whole state tests lives elsewhere; here we recognise those templates and
// turn each (test, fork, index) case into a direct precompile vector, with
// the expected result read from the post-state the fixture records.

type stAccount struct {
	Code    string            `json:"code"`
	Storage map[string]string `json:"storage"`
}

type stPost struct {
	Indexes struct {
		Data, Gas, Value int
	} `json:"indexes"`
	State           map[string]stAccount `json:"state"`
	ExpectException string               `json:"expectException"`
}

type stTest struct {
	Env struct {
		Coinbase string `json:"currentCoinbase"`
	} `json:"env"`
	Pre         map[string]stAccount `json:"pre"`
	Transaction struct {
		To       string   `json:"to"`
		Data     []string `json:"data"`
		GasLimit []string `json:"gasLimit"`
	} `json:"transaction"`
	Post map[string][]stPost `json:"post"`
}

// stCase is one post entry of a state test, resolved to its inputs.
type stCase struct {
	name     string
	rules    fork.Rules
	code     []byte // code of the transaction's target
	data     []byte
	gasLimit uint64
	pre      map[string]stAccount
	post     stPost
	coinbase string
}

func mustHex(t testing.TB, s string) []byte {
	t.Helper()
	b, err := hex.DecodeString(strings.TrimPrefix(s, "0x"))
	if err != nil {
		t.Fatalf("bad hex %q: %v", s, err)
	}
	return b
}

func hexUint(t testing.TB, s string) uint64 {
	t.Helper()
	v, ok := new(big.Int).SetString(strings.TrimPrefix(s, "0x"), 16)
	if !ok || !v.IsUint64() {
		t.Fatalf("bad number %q", s)
	}
	return v.Uint64()
}

// loadStateCases reads every state test under dir and returns its cases.
func loadStateCases(t *testing.T, dir string) []stCase {
	t.Helper()
	var out []stCase
	fixtures.EachJSON(t, dir, func(path string, raw []byte) {
		var file map[string]stTest
		if err := json.Unmarshal(raw, &file); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		for name, st := range file {
			to := strings.ToLower(st.Transaction.To)
			acct, ok := st.Pre[to]
			if !ok {
				continue
			}
			for forkName, posts := range st.Post {
				f, err := fork.Parse(forkName)
				if err != nil {
					continue
				}
				for i, p := range posts {
					out = append(out, stCase{
						name:     fmt.Sprintf("%s/%s/%s/%d", filepath.Base(path), name, forkName, i),
						rules:    f.Rules(),
						code:     mustHex(t, acct.Code),
						data:     mustHex(t, st.Transaction.Data[p.Indexes.Data]),
						gasLimit: hexUint(t, st.Transaction.GasLimit[p.Indexes.Gas]),
						pre:      st.Pre,
						post:     p,
						coinbase: strings.ToLower(st.Env.Coinbase),
					})
				}
			}
		}
	})
	return out
}

// tokens renders code as space-separated tokens for template matching: PUSHn
// as "P:<hex immediate>", every other opcode as its two hex digits.
func tokens(code []byte) string {
	var parts []string
	for pc := 0; pc < len(code); pc++ {
		op := code[pc]
		if op >= 0x60 && op <= 0x7f {
			n := int(op - 0x5f)
			end := min(pc+1+n, len(code))
			parts = append(parts, "P:"+hex.EncodeToString(code[pc+1:end]))
			pc += n
			continue
		}
		if op == 0x5f { // PUSH0
			parts = append(parts, "P:00")
			continue
		}
		parts = append(parts, hex.EncodeToString([]byte{op}))
	}
	return strings.Join(parts, " ")
}

// slot returns the expected storage word at key (absent means zero).
func (c *stCase) slot(to string, key int) *big.Int {
	acct := c.post.State[to]
	for k, v := range acct.Storage {
		kk, _ := new(big.Int).SetString(strings.TrimPrefix(k, "0x"), 16)
		if kk != nil && kk.Int64() == int64(key) && kk.IsInt64() {
			vv, _ := new(big.Int).SetString(strings.TrimPrefix(v, "0x"), 16)
			return vv
		}
	}
	return new(big.Int)
}

// intrinsicBound is an upper bound on the gas a template's call can forward:
// the transaction gas less its intrinsic cost.
func (c *stCase) intrinsicBound() uint64 {
	g := uint64(21000)
	for _, b := range c.data {
		if b == 0 {
			g += 4
		} else {
			g += 16
		}
	}
	if c.gasLimit < g {
		return 0
	}
	return c.gasLimit - g
}

// call runs contract as the interpreter would with gas available: it fails
// when the price exceeds gas or Run returns an error.
func call(c Contract, input []byte, gas uint64) (out []byte, ok bool) {
	if c.RequiredGas(input) > gas {
		return nil, false
	}
	out, err := c.Run(input)
	if err != nil {
		return nil, false
	}
	return out, true
}
