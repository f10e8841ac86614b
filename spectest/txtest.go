package spectest

import (
	"fmt"
	"sort"

	"github.com/goevm/goevm/fork"
	"github.com/goevm/goevm/internal/inputfile"
	"github.com/goevm/goevm/transition"
	"github.com/goevm/goevm/types"
)

// TxTestChainID is the chain id transaction fixtures are signed for.
const TxTestChainID = 1

// TxTest is one test of a TransactionTests-format file (ethereum/tests
// TransactionTests and execution-spec-tests transaction_tests): raw
// transaction bytes and, per fork, either the hash and sender of a valid
// transaction or the exception an invalid one raises.
type TxTest struct {
	TxBytes string                  `json:"txbytes"`
	Result  map[string]TxTestResult `json:"result"`
}

// TxTestResult is a fork's expected outcome.
type TxTestResult struct {
	Hash         *types.Hash    `json:"hash"`
	Sender       *types.Address `json:"sender"`
	IntrinsicGas *types.Uint64  `json:"intrinsicGas"`
	Exception    string         `json:"exception"`
}

// Valid reports whether the fixture expects the transaction to be accepted.
func (r *TxTestResult) Valid() bool { return r.Exception == "" }

// ReadTxTests reads a transaction-test file.
func ReadTxTests(path string) (map[string]*TxTest, error) {
	raw, err := inputfile.Read(path, 0) // a regular file, at most inputfile.DefaultMaxSize
	if err != nil {
		return nil, err
	}
	var tests map[string]*TxTest
	if err := DecodeJSON(raw, &tests); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return tests, nil
}

// TxOutcome is what goevm makes of a transaction at a fork.
type TxOutcome struct {
	Hash         types.Hash
	Sender       types.Address
	IntrinsicGas uint64
	Err          error // nil when the transaction is valid
}

// CheckTx decodes raw and applies every rule that needs no state at fork f:
// strict decoding, the signature (chain id, EIP-2 low s, EIP-155), and
// transition.CheckTxStatic (type, intrinsic gas, sizes, fee caps). The
// rules live in types and transition; this only strings them together.
func CheckTx(raw []byte, f fork.Fork, chainID uint64) TxOutcome {
	tx, err := types.DecodeTx(raw)
	if err != nil {
		return TxOutcome{Err: err}
	}
	rules := f.Rules()
	out := TxOutcome{Hash: tx.Hash()}
	// The signature first: when a transaction breaks several rules, the
	// fixtures name the signature failure.
	signer := types.Signer{ChainID: chainID, Homestead: rules.IsHomestead, EIP155: rules.IsSpuriousDragon}
	out.Sender, out.Err = signer.Sender(tx)
	// EIP-2780's intrinsic gas knows the sender (a transfer to oneself).
	out.IntrinsicGas = transition.TxIntrinsicGas(tx, out.Sender, &rules)
	if out.Err != nil {
		return out
	}
	out.Err = transition.CheckTxStatic(tx, out.Sender, &rules)
	return out
}

// Run checks the test at every fork it has a result for and returns one
// error per mismatch; logf (may be nil) hears why each invalid case was
// rejected. cases is the number of (test, fork) pairs checked.
func (tt *TxTest) Run(logf func(format string, args ...any)) (cases int, errs []error) {
	raw, err := types.DecodeHex(tt.TxBytes)
	if err != nil {
		return 0, []error{fmt.Errorf("txbytes: %w", err)}
	}
	names := make([]string, 0, len(tt.Result))
	for name := range tt.Result {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		want := tt.Result[name]
		// A BPO fork ("BPO1") checks with its fork's rules: the blob
		// schedule does not decide a transaction's validity (the
		// per-transaction blob cap is EIP-7594's).
		f, err := ParseStateFork(name)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		cases++
		got := CheckTx(raw, f, TxTestChainID)
		switch {
		case !want.Valid() && got.Err == nil:
			errs = append(errs, fmt.Errorf("%s: accepted (sender %s), want %s", name, got.Sender, want.Exception))
		case !want.Valid():
			if logf != nil {
				logf("%s: rejected as expected (%s): %v", name, want.Exception, got.Err)
			}
		case got.Err != nil:
			errs = append(errs, fmt.Errorf("%s: rejected: %v", name, got.Err))
		default:
			if want.Hash != nil && *want.Hash != got.Hash {
				errs = append(errs, fmt.Errorf("%s: hash %s, want %s", name, got.Hash, want.Hash))
			}
			if want.Sender != nil && *want.Sender != got.Sender {
				errs = append(errs, fmt.Errorf("%s: sender %s, want %s", name, got.Sender, want.Sender))
			}
			if want.IntrinsicGas != nil && uint64(*want.IntrinsicGas) != got.IntrinsicGas {
				errs = append(errs, fmt.Errorf("%s: intrinsic gas %d, want %d", name, got.IntrinsicGas, *want.IntrinsicGas))
			}
		}
	}
	return cases, errs
}
