package spectest

import (
	"encoding/json"
	"errors"
	"io/fs"
	"math/big"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/goevm/goevm/internal/fixtures"
	"github.com/goevm/goevm/types"
)

// t8nSuites are the state-test folders driven through t8n.
var t8nSuites = []string{
	"eest/state_tests",
	"ethereum-tests/GeneralStateTests",
}

// TestStateTestsThroughT8n runs every state-test case as a one-transaction
// t8n invocation (alloc = pre, env = the test's env, the transaction signed
// by t8n from its secretKey, no rewards, state-test mode) and checks that
// t8n's stateRoot and logsHash are the fixture's post values.
func TestStateTestsThroughT8n(t *testing.T) {
	if testing.Short() {
		t.Skip("drives tens of thousands of cases")
	}
	skips, err := LoadSkipList()
	if err != nil {
		t.Fatal(err)
	}
	root := fixtures.Root()
	for _, suite := range t8nSuites {
		t.Run(suite, func(t *testing.T) {
			dir := fixtures.Dir(t, suite)
			var passed, failed, skipped atomic.Int64
			t.Run("files", func(t *testing.T) {
				err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
					if err != nil || d.IsDir() || !strings.HasSuffix(path, ".json") {
						return err
					}
					rel, _ := filepath.Rel(root, path)
					name, _ := filepath.Rel(dir, path)
					t.Run(name, func(t *testing.T) {
						t.Parallel()
						tests, err := ReadStateTests(path)
						if err != nil {
							t.Fatal(err)
						}
						for tn, st := range tests {
							for forkName, posts := range st.Post {
								for i := range posts {
									if skips.Reason(filepath.ToSlash(rel), tn, forkName, i) != "" {
										skipped.Add(1)
										continue
									}
									switch err := runStateCaseViaT8n(st, forkName, &posts[i]); {
									case errors.Is(err, errNoSecretKey):
										skipped.Add(1)
									case err != nil:
										failed.Add(1)
										t.Errorf("%s %s/%d: %v", tn, forkName, i, err)
									default:
										passed.Add(1)
									}
								}
							}
						}
					})
					return nil
				})
				if err != nil {
					t.Fatal(err)
				}
			})
			t.Logf("%s via t8n: %d passed, %d failed, %d skipped", suite, passed.Load(), failed.Load(), skipped.Load())
		})
	}
}

var errNoSecretKey = errors.New("fixture has no secretKey to sign with")

// runStateCaseViaT8n builds the t8n input of one state-test case, runs it
// in-process, and compares the result with the case's post entry.
func runStateCaseViaT8n(st *StateTest, forkName string, post *stPost) error {
	if len(st.Transaction.SecretKey) == 0 {
		return errNoSecretKey
	}
	e := &st.Env
	env := T8nEnv{
		Coinbase: &e.Coinbase, GasLimit: e.GasLimit, Number: e.Number, Timestamp: e.Timestamp,
		Difficulty: e.Difficulty, Random: e.Random, BaseFee: e.BaseFee, ExcessBlobGas: e.ExcessBlobGas,
		BlockHashes: map[string]types.Hash{},
	}
	if env.Random == nil {
		env.Random = &types.Hash{}
	}
	if number, err := types.ParseUint64(e.Number); err == nil {
		for n := number; n > 0 && number-n < 256; n-- {
			env.BlockHashes[decimalKey(n-1)] = testBlockHash(n - 1)
		}
	}
	chainID := uint64(1)
	if st.Config.ChainID != "" {
		id, err := types.ParseUint64(st.Config.ChainID)
		if err != nil {
			return err
		}
		chainID = id
	}
	in := &T8nInput{Alloc: st.Pre, Env: env, Txs: json.RawMessage("[]")}
	tx, _, buildErr := st.Transaction.build(post.Indexes)
	if buildErr == nil {
		raw, err := json.Marshal([]any{t8nTxJSON(tx, st.Transaction.SecretKey)})
		if err != nil {
			return err
		}
		in.Txs = raw
	}
	out, err := RunT8n(in, T8nOptions{Fork: forkName, ChainID: chainID, Reward: big.NewInt(-1), StateTest: true})
	if err != nil {
		return err
	}
	rejected := buildErr != nil || len(out.Result.Rejected) > 0
	switch {
	case post.ExpectException != "" && !rejected:
		return errors.New("transaction included, fixture expects " + post.ExpectException)
	case post.ExpectException == "" && rejected:
		return errors.New("transaction rejected: " + out.Result.Rejected[0].Error)
	case out.Result.StateRoot != post.Root:
		return errors.New("stateRoot " + out.Result.StateRoot.Hex() + ", fixture " + post.Root.Hex())
	case out.Result.LogsHash != post.Logs:
		return errors.New("logsHash " + out.Result.LogsHash.Hex() + ", fixture " + post.Logs.Hex())
	}
	return nil
}

// t8nTxJSON writes tx in txs.json form, to be signed by t8n with key.
func t8nTxJSON(tx *types.Transaction, key []byte) map[string]any {
	q := func(v interface{ Hex() string }) string { return v.Hex() }
	m := map[string]any{
		"type":      types.Uint64(tx.Type),
		"nonce":     types.Uint64(tx.Nonce),
		"gas":       types.Uint64(tx.Gas),
		"value":     q(&tx.Value),
		"input":     types.Bytes(tx.Data),
		"secretKey": types.Bytes(key),
	}
	if tx.To != nil {
		m["to"] = tx.To.Hex()
	}
	if tx.Type == types.LegacyTxType {
		// State tests sign legacy transactions without EIP-155 (v = 27/28),
		// valid on every fork.
		m["protected"] = false
	}
	if tx.Type == types.LegacyTxType || tx.Type == types.AccessListTxType {
		m["gasPrice"] = q(&tx.GasPrice)
	} else {
		m["maxFeePerGas"], m["maxPriorityFeePerGas"] = q(&tx.GasFeeCap), q(&tx.GasTipCap)
	}
	if tx.Type != types.LegacyTxType {
		m["accessList"] = tx.AccessList
	}
	if tx.Type == types.BlobTxType {
		m["maxFeePerBlobGas"], m["blobVersionedHashes"] = q(&tx.BlobFeeCap), tx.BlobHashes
	}
	if tx.Type == types.SetCodeTxType {
		auths := make([]map[string]any, len(tx.AuthList))
		for i, a := range tx.AuthList {
			auths[i] = map[string]any{
				"chainId": q(&a.ChainID), "address": a.Address, "nonce": types.Uint64(a.Nonce),
				"yParity": types.Uint64(a.YParity), "r": q(&a.R), "s": q(&a.S),
			}
		}
		m["authorizationList"] = auths
	}
	return m
}
