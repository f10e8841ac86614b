package spectest

import (
	"errors"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/goevm/goevm/crypto"
	"github.com/goevm/goevm/fork"
	"github.com/goevm/goevm/state"
	"github.com/goevm/goevm/trace"
	"github.com/goevm/goevm/transition"
	"github.com/goevm/goevm/types"
	"github.com/holiman/uint256"
)

// StateResult is the outcome of one case: one post entry of one fork of one
// test. Its JSON form is what `goevm statetest --json` prints.
type StateResult struct {
	Name      string     `json:"name"`
	Fork      string     `json:"fork"`
	Index     int        `json:"index"`
	Pass      bool       `json:"pass"`
	StateRoot types.Hash `json:"stateRoot"`
	Error     string     `json:"error"`
}

// StateRunConfig selects and instruments the cases Run executes.
type StateRunConfig struct {
	// Fork, if not nil, runs only that fork's cases (not those of the BPO
	// forks that run its rules: ForkName selects those).
	Fork *fork.Fork
	// ForkName, if set, runs only the cases of the post named so, case
	// aside: "BPO1", "Amsterdam".
	ForkName string
	// Tracer, if set, gives the hooks for one case (nil for none).
	Tracer func(name, fork string, index int) *trace.Hooks
	// OnResult, if set, is called after each case, before the next starts.
	OnResult func(StateResult)
}

// Errors classifying a failed case.
var (
	ErrRootMismatch     = errors.New("state root mismatch")
	ErrLogsMismatch     = errors.New("logs hash mismatch")
	ErrMissingException = errors.New("transaction valid, but the fixture expects it to be rejected")
	ErrUnexpectedReject = errors.New("transaction rejected, but the fixture expects it to be valid")
	ErrWrongException   = errors.New("transaction rejected with a different exception")
	ErrUnknownFork      = errors.New("post for a fork goevm does not know")
	// ErrMalformedFixture: the fixture itself is wrong (a post entry's
	// indexes point past the transaction's arrays). The case fails whatever
	// it expects: no transaction was described, so none was rejected.
	ErrMalformedFixture = errors.New("malformed fixture")
)

// Run executes every case of the test and returns one result per case:
// forks in activation order (unknown names last), then post index.
func (t *StateTest) Run(name string, cfg *StateRunConfig) []StateResult {
	var out []StateResult
	pre, preErr := t.Pre.prepare()
	for _, forkName := range t.forkNames() {
		posts := t.Post[forkName]
		f, blobs, err := stateNetwork(forkName)
		if err != nil {
			if cfg != nil && (cfg.Fork != nil || cfg.ForkName != "") {
				continue // not the fork asked for
			}
			// A fork goevm does not know fails its cases: a suite
			// refreshed with a new fork must not pass unnoticed.
			for i := range posts {
				r := StateResult{Name: name, Fork: forkName, Index: i, Error: fmt.Errorf("%w: %w", ErrUnknownFork, err).Error()}
				if cfg != nil && cfg.OnResult != nil {
					cfg.OnResult(r)
				}
				out = append(out, r)
			}
			continue
		}
		if cfg != nil && cfg.Fork != nil && (f != *cfg.Fork || IsBPONetwork(forkName)) {
			continue
		}
		if cfg != nil && cfg.ForkName != "" && !strings.EqualFold(forkName, cfg.ForkName) {
			continue
		}
		env, envErr := t.env(forkName, f, blobs)
		for i := range posts {
			r := StateResult{Name: name, Fork: forkName, Index: i}
			var err error
			switch {
			case preErr != nil:
				err = fmt.Errorf("pre: %w", preErr)
			case envErr != nil:
				err = fmt.Errorf("env: %w", envErr)
			default:
				var hooks *trace.Hooks
				if cfg != nil && cfg.Tracer != nil {
					hooks = cfg.Tracer(name, forkName, i)
				}
				r.StateRoot, err = t.runCase(pre, env, &posts[i], hooks)
			}
			r.Pass = err == nil
			if err != nil {
				r.Error = err.Error()
			}
			if cfg != nil && cfg.OnResult != nil {
				cfg.OnResult(r)
			}
			out = append(out, r)
		}
	}
	return out
}

// forkNames lists the post's forks in activation order, unknown names last.
func (t *StateTest) forkNames() []string {
	order := func(name string) int {
		if f, bpos, err := resolveNetwork(name); err == nil {
			return int(f)*len(namedNetworks) + bpos
		}
		return (int(fork.Latest) + 1) * len(namedNetworks)
	}
	names := make([]string, 0, len(t.Post))
	for n := range t.Post {
		names = append(names, n)
	}
	sort.Slice(names, func(i, j int) bool {
		if oi, oj := order(names[i]), order(names[j]); oi != oj {
			return oi < oj
		}
		return names[i] < names[j]
	})
	return names
}

// runCase builds the pre-state, applies the case's transaction and checks
// the outcome against the fixture, returning the post-state root.
func (t *StateTest) runCase(pre state.Alloc, env transition.Env, post *stPost, hooks *trace.Hooks) (types.Hash, error) {
	db := state.FromAlloc(pre)
	env.Config.Tracer = hooks

	var logs []*types.Log
	tx, from, err := t.Transaction.build(post.Indexes)
	if errors.Is(err, ErrMalformedFixture) {
		return types.Hash{}, err
	} else if err != nil {
		// A transaction the fixture cannot even express (a value above
		// 2^256, ...) is one no client could decode: invalid.
		err = fmt.Errorf("%w: %w", errUnbuildableTx, err)
	} else if decodeErr, mismatch := t.checkTxBytes(post, tx, from, &env); mismatch != nil {
		return types.Hash{}, mismatch
	} else if decodeErr != nil {
		// The fixture's own encoding does not decode: no client would
		// accept the transaction.
		err = fmt.Errorf("decoding txbytes: %w", decodeErr)
	} else {
		var res *transition.Result
		res, err = transition.Apply(db, &env, tx, from)
		if err == nil {
			logs = res.Logs
		}
	}
	if err != nil {
		// A rejected transaction leaves the state as it was, but the
		// block's coinbase is touched with a zero reward, as the fillers
		// (retesteth through geth, geth's own state-test runner) do: before
		// EIP-161 a coinbase that did not exist now exists, empty; after
		// it, an empty coinbase is swept.
		db.AddBalance(env.Block.Coinbase, new(uint256.Int))
	}
	root := db.IntermediateRoot(env.Rules.IsSpuriousDragon)

	switch expect := post.ExpectException; {
	case expect != "" && err == nil:
		return root, fmt.Errorf("%w (%s)", ErrMissingException, expect)
	case expect == "" && err != nil:
		return root, fmt.Errorf("%w: %v", ErrUnexpectedReject, err)
	case expect != "":
		if ok, _ := exceptionMatches(err, expect); !ok {
			return root, fmt.Errorf("%w: got %s, want %s", ErrWrongException, describeRejection(err), expect)
		}
	}
	if root != post.Root {
		return root, fmt.Errorf("%w: got %s, want %s", ErrRootMismatch, root, post.Root)
	}
	if h := LogsHash(logs); h != post.Logs {
		return root, fmt.Errorf("%w: got %s, want %s", ErrLogsMismatch, h, post.Logs)
	}
	return root, nil
}

// describeRejection is err with its fixture name, when it has one.
func describeRejection(err error) string {
	if name := transition.BlockExceptionName(err); name != "" {
		return name + " (" + err.Error() + ")"
	}
	return err.Error()
}

// checkTxBytes compares the case's transaction with the fixture's signed
// encoding of it, when the fixture has one (ethereum/tests and EEST fills do;
// legacytests do not).
func (t *StateTest) checkTxBytes(post *stPost, tx *types.Transaction, from types.Address, env *transition.Env) (decodeErr, mismatch error) {
	if len(post.TxBytes) == 0 {
		return nil, nil
	}
	return checkTxBytes(post.TxBytes, tx, from, &env.Rules, env.Config.ChainID)
}

// stateNetwork reads a state test's post name: a fork ("Cancun", "EIP158")
// or a BPO network ("BPO1".."BPO4", and "Amsterdam", which passes BPO1 and
// BPO2 as geth's and the fixtures' network does), with the blob schedule
// its BPO forks set (zero for a fork's own).
func stateNetwork(name string) (fork.Fork, transition.BlobParams, error) {
	f, bpos, err := resolveNetwork(name)
	if err != nil || bpos == 0 {
		return f, transition.BlobParams{}, err
	}
	p := bpoBlobs[bpos-1]
	p.MaxPerTx = transition.BlobParamsFor(f).MaxPerTx
	return f, p, nil
}

// env builds the block environment of the test under fork f, with blobs
// as its blob schedule when non-zero (a BPO network's) unless the
// fixture's config.blobSchedule names the fork.
func (t *StateTest) env(forkName string, f fork.Fork, blobs transition.BlobParams) (transition.Env, error) {
	e := &t.Env
	rules := f.Rules()
	env := transition.Env{Rules: rules}
	b := &env.Block
	b.Coinbase = e.Coinbase
	var err error
	if b.GasLimit, err = parseGasLimit(e.GasLimit); err != nil {
		return env, fmt.Errorf("currentGasLimit: %w", err)
	}
	if b.Number, err = optUint64(e.Number); err != nil {
		return env, fmt.Errorf("currentNumber: %w", err)
	}
	if b.Time, err = optUint64(e.Timestamp); err != nil {
		return env, fmt.Errorf("currentTimestamp: %w", err)
	}
	// currentDifficulty is read on every fork, so a malformed one is an
	// error after the merge too; from Paris the block's difficulty is zero
	// (EIP-3675) and DIFFICULTY reads prevRandao.
	if e.Difficulty != "" {
		var d uint256.Int
		if err = parseU256(&d, e.Difficulty); err != nil {
			return env, fmt.Errorf("currentDifficulty: %w", err)
		}
		if !rules.IsParis {
			b.Difficulty = d
		}
	}
	if rules.IsParis && e.Random != nil {
		b.PrevRandao = *e.Random
	}
	if rules.IsLondon && e.BaseFee != "" {
		if err = parseU256(&b.BaseFee, e.BaseFee); err != nil {
			return env, fmt.Errorf("currentBaseFee: %w", err)
		}
	}
	if b.SlotNumber, err = optUint64(e.SlotNumber); err != nil { // EIP-7843's SLOTNUM
		return env, fmt.Errorf("slotNumber: %w", err)
	}
	b.GetHash = testBlockHash

	env.Config.ChainID = 1
	if t.Config.ChainID != "" {
		if env.Config.ChainID, err = types.ParseUint64(t.Config.ChainID); err != nil {
			return env, fmt.Errorf("config.chainid: %w", err)
		}
	}
	if rules.IsCancun {
		env.Blobs = blobs
		if s, ok := t.Config.BlobSchedule[forkName]; ok {
			env.Blobs = transition.BlobParamsFor(f)
			env.Blobs.Target, env.Blobs.Max = uint64(s.Target), uint64(s.Max)
			env.Blobs.UpdateFraction = uint64(s.UpdateFraction)
		}
		excess, err := optUint64(e.ExcessBlobGas)
		if err != nil {
			return env, fmt.Errorf("currentExcessBlobGas: %w", err)
		}
		params := env.Blobs
		if params.Max == 0 {
			params = transition.BlobParamsFor(f)
		}
		b.BlobBaseFee = *transition.BlobBaseFee(excess, params.UpdateFraction)
	}
	return env, nil
}

// testBlockHash is the hash state tests give block n: keccak256 of its
// number in decimal, as ethereum/tests fills BLOCKHASH.
func testBlockHash(n uint64) types.Hash {
	return crypto.Keccak256([]byte(strconv.FormatUint(n, 10)))
}

// parseGasLimit reads the block gas limit; a limit beyond 64 bits behaves as
// the largest one.
func parseGasLimit(s string) (uint64, error) {
	v, err := types.ParseU256(s)
	if err != nil {
		return 0, err
	}
	if !v.IsUint64() {
		return math.MaxUint64, nil
	}
	return v.Uint64(), nil
}

func optUint64(s string) (uint64, error) {
	if s == "" {
		return 0, nil
	}
	return types.ParseUint64(s)
}

// prepare parses the accounts' storage, once for the many cases of a test,
// into the form state.FromAlloc loads. Zero-valued slots are left out: a
// zero slot is an absent one.
func (a Alloc) prepare() (state.Alloc, error) {
	out := make(state.Alloc, len(a))
	for addr, acc := range a {
		p := state.DumpAccount{Balance: acc.Balance.Int, Nonce: uint64(acc.Nonce), Code: acc.Code, Storage: make(map[types.Hash]types.Hash, len(acc.Storage))}
		for k, v := range acc.Storage {
			key, err := types.ParseU256(k)
			if err != nil {
				return nil, fmt.Errorf("%s storage key: %w", addr, err)
			}
			val, err := types.ParseU256(v)
			if err != nil {
				return nil, fmt.Errorf("%s storage value: %w", addr, err)
			}
			if !val.IsZero() {
				p.Storage[key.Bytes32()] = val.Bytes32()
			}
		}
		out[addr] = p
	}
	return out, nil
}
