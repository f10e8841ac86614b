package spectest

import (
	"encoding/json"
	"fmt"
	"sort"

	"github.com/goevm/goevm/fork"
	"github.com/goevm/goevm/state"
	"github.com/goevm/goevm/transition"
	"github.com/goevm/goevm/types"
	"github.com/holiman/uint256"
)

// BenchCase is one message call of a benchmark written in state-test format
// (ipsilon/evm-benchmarks): the pre-state, and a call from the sender to the
// transaction's recipient with one entry of the data/gas/value arrays.
// Benchmarks time the call itself, repeated on one state, the way
// evmone-bench does, so no transaction is built.
type BenchCase struct {
	// Name is "test/label": the label from _info.labels for the data
	// index when the fixture has one, the index otherwise; just "test" when
	// the test has a single case.
	Name   string
	Pre    []BenchAccount
	Caller types.Address
	To     types.Address
	Input  []byte
	Gas    uint64
	Value  uint256.Int

	test     *StateTest
	forkName string      // the fixture's post fork
	alloc    state.Alloc // Pre, as state.FromAlloc loads it
}

// BenchAccount is one pre-state account with its storage parsed.
type BenchAccount struct {
	Address types.Address
	Balance uint256.Int
	Nonce   uint64
	Code    []byte
	Storage [][2]types.Hash // non-zero slots only
}

// ReadBenchCases reads every case of a state-test-format benchmark file,
// ordered by test name then post index. A case is one entry of the first
// fork's post list (benchmark files carry a single fork).
func ReadBenchCases(path string) ([]BenchCase, error) {
	tests, err := ReadStateTests(path)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	names := make([]string, 0, len(tests))
	for n := range tests {
		names = append(names, n)
	}
	sort.Strings(names)
	var out []BenchCase
	for _, name := range names {
		cases, err := tests[name].benchCases(name)
		if err != nil {
			return nil, fmt.Errorf("%s: test %s: %w", path, name, err)
		}
		out = append(out, cases...)
	}
	return out, nil
}

func (t *StateTest) benchCases(name string) ([]BenchCase, error) {
	if t.Transaction.To == "" {
		return nil, fmt.Errorf("a creation transaction is not a benchmark call")
	}
	to, err := types.HexToAddress(t.Transaction.To)
	if err != nil {
		return nil, fmt.Errorf("transaction.to: %w", err)
	}
	caller := types.Address{}
	if t.Transaction.Sender != nil {
		caller = *t.Transaction.Sender
	} else {
		if caller, err = addressFromKey(t.Transaction.SecretKey); err != nil {
			return nil, fmt.Errorf("secretKey: %w", err)
		}
	}
	alloc, err := t.Pre.prepare()
	if err != nil {
		return nil, err
	}
	pre := benchAccounts(alloc)
	labels := t.labels()

	forks := make([]string, 0, len(t.Post))
	for f := range t.Post {
		forks = append(forks, f)
	}
	sort.Strings(forks)
	if len(forks) == 0 {
		return nil, fmt.Errorf("no post entries")
	}
	posts := t.Post[forks[0]]
	out := make([]BenchCase, 0, len(posts))
	for i, p := range posts {
		c := BenchCase{Name: name, Pre: pre, alloc: alloc, Caller: caller, To: to, test: t, forkName: forks[0]}
		if len(posts) > 1 {
			label, ok := labels[fmt.Sprint(p.Indexes.Data)]
			if !ok {
				label = fmt.Sprint(i)
			}
			c.Name += "/" + label
		}
		ix := p.Indexes
		if ix.Data >= len(t.Transaction.Data) || ix.Gas >= len(t.Transaction.GasLimit) || ix.Value >= len(t.Transaction.Value) {
			return nil, fmt.Errorf("post %d: index out of range", i)
		}
		data, err := types.DecodeHex(t.Transaction.Data[ix.Data])
		if err != nil {
			return nil, fmt.Errorf("data[%d]: %w", ix.Data, err)
		}
		c.Input = data
		if c.Gas, err = types.ParseUint64(t.Transaction.GasLimit[ix.Gas]); err != nil {
			return nil, fmt.Errorf("gasLimit[%d]: %w", ix.Gas, err)
		}
		v, err := types.ParseU256(t.Transaction.Value[ix.Value])
		if err != nil {
			return nil, fmt.Errorf("value[%d]: %w", ix.Value, err)
		}
		c.Value = *v
		out = append(out, c)
	}
	return out, nil
}

// labels reads _info.labels (data index -> name), if the fixture has them.
func (t *StateTest) labels() map[string]string {
	var info struct {
		Labels map[string]string `json:"labels"`
	}
	if len(t.Info) == 0 || json.Unmarshal(t.Info, &info) != nil {
		return nil
	}
	return info.Labels
}

// NewState builds the case's pre-state in a fresh in-memory state, committed
// as the baseline.
func (c *BenchCase) NewState() *state.Memory { return state.FromAlloc(c.alloc) }

// benchAccounts lists alloc's accounts by address, storage slots by key,
// for a runner that loads them into another client's state.
func benchAccounts(alloc state.Alloc) []BenchAccount {
	out := make([]BenchAccount, 0, len(alloc))
	for addr, a := range alloc {
		b := BenchAccount{Address: addr, Balance: a.Balance, Nonce: a.Nonce, Code: a.Code}
		for k, v := range a.Storage {
			b.Storage = append(b.Storage, [2]types.Hash{k, v})
		}
		sort.Slice(b.Storage, func(i, j int) bool { return string(b.Storage[i][0][:]) < string(b.Storage[j][0][:]) })
		out = append(out, b)
	}
	sort.Slice(out, func(i, j int) bool { return string(out[i].Address[:]) < string(out[j].Address[:]) })
	return out
}

// Env is the fixture's block environment under fork f's rules (the fork
// the benchmark is run under need not be the fixture's own).
func (c *BenchCase) Env(f fork.Fork) (transition.Env, error) {
	return c.test.env(c.forkName, f, transition.BlobParams{})
}
