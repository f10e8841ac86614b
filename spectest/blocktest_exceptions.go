package spectest

import (
	"errors"
	"strings"

	"github.com/goevm/goevm/transition"
	"github.com/goevm/goevm/types"
)

// legacyBlockExceptions maps the exception names of ethereum/tests
// blockchain fixtures (retesteth's spelling) onto goevm's sentinels. A name
// lists several where the fixture's label names one of several faults the
// block has and the execution specs check another first (for example a gas
// limit of zero with gas used above it: execution-specs reject on gas used).
var legacyBlockExceptions = map[string][]error{
	"TR_IntrinsicGas":         {transition.ErrIntrinsicGas},
	"TR_NoFunds":              {transition.ErrInsufficientFunds},
	"TR_NoFundsOrGas":         {transition.ErrInsufficientFunds, transition.ErrIntrinsicGas},
	"TR_FeeCapLessThanBlocks": {transition.ErrFeeCapTooLow},
	// Intrinsic gas is checked before fees and balance (validate_transaction
	// runs before check_transaction).
	"TR_FeeCapLessThanBlocksORNoFunds":         {transition.ErrFeeCapTooLow, transition.ErrInsufficientFunds, transition.ErrIntrinsicGas},
	"TR_FeeCapLessThanBlocksORGasLimitReached": {transition.ErrFeeCapTooLow, transition.ErrGasLimitReached},
	"TR_GasLimitReached":                       {transition.ErrGasLimitReached},
	"TR_TipGtFeeCap":                           {transition.ErrTipAboveFeeCap},
	"TR_NonceTooHigh":                          {transition.ErrNonceTooHigh},
	"TR_NonceTooLow":                           {transition.ErrNonceTooLow},
	"SenderNotEOAorNoCASH":                     {transition.ErrSenderNotEOA, transition.ErrInsufficientFunds},

	"1559BlockImportImpossible_BaseFeeWrong": {transition.ErrInvalidBaseFee},
	"3675PoSBlockRejected":                   {transition.ErrInvalidDifficulty},
	"3675PreParis1559BlockRejected":          {transition.ErrOmmersAfterParis, transition.ErrInvalidDifficulty},
	"PostParisUncleHashIsNotEmpty":           {transition.ErrOmmersAfterParis},
	"PostParisDifficultyIsNot0":              {transition.ErrInvalidDifficulty},
	"ExtraDataTooBig":                        {transition.ErrExtraDataTooBig},
	"InvalidDifficulty":                      {transition.ErrInvalidDifficulty},
	"InvalidGasLimit":                        {transition.ErrInvalidGasLimit},
	"InvalidGasLimit2":                       {transition.ErrInvalidGasLimit, transition.ErrGasUsedOverLimit},
	"TooMuchGasUsed":                         {transition.ErrGasUsedOverLimit},
	"InvalidNumber":                          {transition.ErrInvalidNumber},
	"InvalidTimestampOlderParent":            {transition.ErrInvalidTimestamp},
	"UnknownParent":                          {transition.ErrUnknownParent},
	"UnknownParent2":                         {transition.ErrUnknownParent},
	"InvalidStateRoot":                       {transition.ErrInvalidStateRoot},
	"InvalidReceiptsStateRoot":               {transition.ErrInvalidReceiptsRoot},
	"InvalidTransactionsRoot":                {transition.ErrInvalidTxRoot},
	"InvalidLogBloom":                        {transition.ErrInvalidLogsBloom},
	"InvalidGasUsed":                         {transition.ErrInvalidGasUsed},
	"InvalidWithdrawals":                     {transition.ErrInvalidWithdrawalsRoot},
	"InvalidUnclesHash":                      {transition.ErrInvalidOmmersHash},
	"InvalidUncleParentHash":                 {transition.ErrInvalidParentHash, transition.ErrOmmerParent},
	"TooManyUncles":                          {transition.ErrTooManyOmmers},
	"UncleInChain":                           {transition.ErrOmmerInChain},
	// An ancestor more than six blocks back is also too old to be an ommer.
	"UncleIsAncestor": {transition.ErrOmmerIsAncestor, transition.ErrOmmerTooOld},
	// retesteth gives one name to a parent outside the recent ancestors and
	// a parent that is the block's own (a brother).
	"UncleParentIsNotAncestor": {transition.ErrOmmerParent, transition.ErrOmmerTooOld, transition.ErrOmmerIsBrother},
	// The same brother twice is a duplicate first (execution-specs' order).
	"UncleIsBrother":                {transition.ErrOmmerIsBrother, transition.ErrDuplicateOmmer},
	"RLP_ExpectedAsList":            {types.ErrBlockDecode, transition.ErrBodyFields},
	"INPUT_UNMARSHAL_ERROR":         {types.ErrBlockDecode},
	"INPUT_UNMARSHAL_ADDRESS_ERROR": {types.ErrBlockDecode},
}

// rejectionMatches reports whether err is a rejection the fixture's
// expectException allows. The field lists alternatives separated by '|',
// each a retesteth name or an execution-spec-tests name
// ("BlockException.X", "TransactionException.Y"). Unknown names match any
// rejection: the block was rejected, and the reason cannot be compared.
func rejectionMatches(err error, expect string) (ok, known bool) {
	got := transition.BlockExceptionName(err)
	for _, alt := range strings.Split(expect, "|") {
		alt = strings.TrimSpace(alt)
		if strings.HasPrefix(alt, "BlockException.") || strings.HasPrefix(alt, "TransactionException.") {
			known = true
			if alt == got || errorNamed(err, alt) {
				return true, true
			}
			continue
		}
		if sentinels, found := legacyBlockExceptions[alt]; found {
			known = true
			for _, s := range sentinels {
				if errors.Is(err, s) {
					return true, true
				}
			}
		}
	}
	return !known, known
}

// errorNamed reports whether any error in err's tree has the fixture name want.
func errorNamed(err error, want string) bool {
	var be *transition.BlockError
	var te *transition.TxError
	switch {
	case errors.As(err, &te) && te.Exception() == want:
		return true
	case errors.As(err, &be) && be.Exception() == want:
		return true
	}
	return false
}
