// Package precompile holds the precompiled contracts, one file each, and a
// registry per fork. Gas is computed apart from execution so the caller can
// charge before running.
package precompile

// Contract is a precompiled contract. RequiredGas must not fail: malformed
// input is priced like any other and rejected by Run. Run returns an error
// where the contract's EIP says the call fails (all gas consumed).
type Contract interface {
	RequiredGas(input []byte) uint64
	Run(input []byte) ([]byte, error)
}
