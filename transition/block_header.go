package transition

import (
	"fmt"

	"github.com/goevm/goevm/fork"
	"github.com/goevm/goevm/types"
)

// Header limits (Yellow Paper 4.3.4).
const (
	GasLimitBoundDivisor = 1024 // the gas limit moves by less than parent/1024 per block
	MinGasLimit          = 5000
	MaxExtraDataSize     = 32
	MaxGasLimit          = 1<<63 - 1 // Yellow Paper 4.3.4: H_l < 2^63
)

// EmptyOmmersHash is Keccak-256 of the RLP of an empty list.
var EmptyOmmersHash = types.MustHexToHash("0x1dcc4de8dec75d7aab85b567b6ccd41ad312451b948a7413f0a142fd40d49347")

// ValidateHeader checks a header against its parent: the fields its fork
// requires, number, timestamp, gas limit and gas used, extra data, the
// consensus fields (difficulty before Paris; difficulty, nonce and ommers
// after, EIP-3675), base fee (EIP-1559) and excess blob gas (EIP-4844,
// EIP-7918), and the DAO fork's extra data (EIP-779) where cfg takes
// it. Proof-of-work seals are not checked (the fixtures' NoProof).
func ValidateHeader(cfg *ChainConfig, h, parent *types.Header) error {
	f := cfg.ForkAt(h.Number, h.Time)
	rules, parentRules := cfg.rulesOf(f), cfg.RulesAt(parent.Number, parent.Time)
	// The block that switches EIP-1559 on (London's first).
	firstEIP1559 := rules.Has(1559) && !parentRules.Has(1559)
	parentGasLimit := parent.GasLimit
	if firstEIP1559 {
		// The first London block's parent had no gas target; EIP-1559 doubles
		// its limit so the target equals the old limit.
		parentGasLimit *= fork.ElasticityMultiplier
	}
	// The gas limit's bound comes before the header's shape: ethereum/tests'
	// BerlinToLondonTransition rejects a Berlin block that carries a base
	// fee and a London-doubled gas limit as INVALID_GASLIMIT (InvalidGasLimit2
	// in legacytests), the same base fee with a Berlin gas limit as
	// IMPORT_IMPOSSIBLE_LONDON_WRONG_PARENT.
	if err := checkGasLimit(h.GasLimit, parentGasLimit); err != nil {
		return err
	}
	if err := checkHeaderFields(f, h); err != nil {
		return err
	}
	if h.ParentHash != parent.Hash() {
		return fmt.Errorf("%w: %s", ErrInvalidParentHash, h.ParentHash)
	}
	if h.Number != parent.Number+1 {
		return fmt.Errorf("%w: %d after %d", ErrInvalidNumber, h.Number, parent.Number)
	}
	if h.Time <= parent.Time {
		return fmt.Errorf("%w: %d, parent %d", ErrInvalidTimestamp, h.Time, parent.Time)
	}
	if len(h.Extra) > MaxExtraDataSize {
		return fmt.Errorf("%w: %d bytes", ErrExtraDataTooBig, len(h.Extra))
	}
	if h.GasUsed > h.GasLimit {
		return fmt.Errorf("%w: %d > %d", ErrGasUsedOverLimit, h.GasUsed, h.GasLimit)
	}
	if rules.Has(1559) {
		want := CalcBaseFee(parent)
		if firstEIP1559 {
			want.SetUint64(fork.InitialBaseFee)
		}
		if !h.BaseFee.Eq(want) {
			return fmt.Errorf("%w: %s, want %s", ErrInvalidBaseFee, h.BaseFee.Dec(), want.Dec())
		}
	}
	if rules.Has(3675) { // the Merge
		if !h.Difficulty.IsZero() {
			return fmt.Errorf("%w: %s in a proof-of-stake block", ErrInvalidDifficulty, h.Difficulty.Dec())
		}
		if h.Nonce != ([8]byte{}) {
			return fmt.Errorf("%w: %x", ErrInvalidNonce, h.Nonce)
		}
		if h.OmmersHash != EmptyOmmersHash {
			return fmt.Errorf("%w: ommers hash %s", ErrOmmersAfterParis, h.OmmersHash)
		}
	} else {
		parentHasOmmers := parent.OmmersHash != EmptyOmmersHash
		want := CalcDifficulty(f, h.Number, h.Time, parent.Time, &parent.Difficulty, parentHasOmmers)
		if !h.Difficulty.Eq(want) {
			return fmt.Errorf("%w: %s, want %s", ErrInvalidDifficulty, h.Difficulty.Dec(), want.Dec())
		}
	}
	if rules.Has(4844) {
		want := CalcExcessBlobGas(f, cfg.BlobParamsAt(f), parent)
		if *h.ExcessBlobGas != want {
			return fmt.Errorf("%w: %d, want %d", ErrInvalidExcessBlob, *h.ExcessBlobGas, want)
		}
		if max := cfg.BlobParamsAt(f).Max * GasPerBlob; *h.BlobGasUsed > max {
			return fmt.Errorf("%w: %d > %d", ErrBlobGasAboveLimit, *h.BlobGasUsed, max)
		}
		if *h.BlobGasUsed%GasPerBlob != 0 {
			return fmt.Errorf("%w: %d is not a multiple of %d", ErrInvalidBlobGasUsed, *h.BlobGasUsed, GasPerBlob)
		}
	}
	// Last, as geth's ethash verifyHeader has it: the DAO fork's extra data.
	return checkDAOExtra(cfg, h)
}

// checkGasLimit applies the bound of Yellow Paper eq. 47: the limit moves by
// less than parent/1024 and never goes below MinGasLimit.
func checkGasLimit(limit, parentLimit uint64) error {
	delta := parentLimit / GasLimitBoundDivisor
	if limit > MaxGasLimit || limit >= parentLimit+delta || limit+delta <= parentLimit || limit < MinGasLimit {
		return fmt.Errorf("%w: %d after %d", ErrInvalidGasLimit, limit, parentLimit)
	}
	return nil
}

// checkHeaderFields requires exactly the optional fields fork f's EIPs define.
func checkHeaderFields(f fork.Fork, h *types.Header) error {
	rules := f.Rules()
	fields := []struct {
		name    string
		present bool
		eip     int       // the EIP that adds the field
		from    fork.Fork // the fork that brings eip, for the error
	}{
		{name: "baseFeePerGas", present: h.BaseFee != nil, eip: 1559},
		{name: "withdrawalsRoot", present: h.WithdrawalsRoot != nil, eip: 4895},
		{name: "blobGasUsed", present: h.BlobGasUsed != nil, eip: 4844},
		{name: "excessBlobGas", present: h.ExcessBlobGas != nil, eip: 4844},
		{name: "parentBeaconBlockRoot", present: h.ParentBeaconBlockRoot != nil, eip: 4788},
		{name: "requestsHash", present: h.RequestsHash != nil, eip: 7685},
		{name: "blockAccessListHash", present: h.BlockAccessListHash != nil, eip: 7928},
		{name: "slotNumber", present: h.SlotNumber != nil, eip: 7843},
	}
	for _, fld := range fields {
		fld.from, _ = fork.ArrivalOf(fld.eip)
		if want := rules.Has(fld.eip); fld.present != want {
			return &HeaderFieldError{Field: fld.name, Present: fld.present, From: fld.from, At: f}
		}
	}
	return nil
}
