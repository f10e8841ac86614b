package spectest

import (
	"errors"
	"strings"

	"github.com/goevm/goevm/transition"
	"github.com/goevm/goevm/types"
)

// A fixture's expectException says why a transaction or block must be
// rejected, in one of two namings, and lists alternatives separated by '|':
//
//   - execution-spec-tests' "TransactionException.X" and "BlockException.X"
//     (also used by ethereum/tests fills from 2024). A goevm TxError or
//     BlockError whose Name is X matches without an entry below.
//   - retesteth's names in ethereum/tests and ethereum/legacytests:
//     "TR_NoFunds", "IntrinsicGas", "SenderNotEOA", "InvalidGasLimit", ...
//     (retesteth's client configs list the family; each entry below maps one
//     onto goevm's errors).
//
// exceptionTable is the one place a name meets goevm's errors. An entry
// under an execution-spec-tests name adds faults goevm reports under another
// name or none (decode-time rejections, synonyms). An entry with several
// matchers is a name that covers several faults, or a fixture that names a
// fault the block also has while the execution specs check another first;
// each such entry says which.
var exceptionTable = map[string][]matcher{
	// Transactions, retesteth naming.
	"TR_TypeNotSupported":     {typeNotSupported},
	"TR_TypeNotSupportedBlob": {typeNotSupported},
	"TR_IntrinsicGas":         {is(transition.ErrIntrinsicGas)},
	"IntrinsicGas":            {is(transition.ErrIntrinsicGas)},
	"TR_NoFunds":              {is(transition.ErrInsufficientFunds)},
	// "X": gas × price (+ value) overflows 256 bits; goevm counts that as
	// unaffordable, as the specs do (no balance reaches 2^256).
	"TR_NoFundsX":     {is(transition.ErrInsufficientFunds, transition.ErrGasLimitPriceProductOverflow)},
	"TR_NoFundsValue": {is(transition.ErrInsufficientFunds)},
	"TR_NoFundsOrGas": {is(transition.ErrInsufficientFunds, transition.ErrIntrinsicGas)},
	"SenderNotEOA":    {is(transition.ErrSenderNotEOA)},
	// retesteth's own either-or names. Intrinsic gas is checked before fees
	// and balance (validate_transaction runs before check_transaction).
	"SenderNotEOAorNoCASH":                     {is(transition.ErrSenderNotEOA, transition.ErrInsufficientFunds)},
	"TR_FeeCapLessThanBlocks":                  {is(transition.ErrFeeCapTooLow)},
	"TR_FeeCapLessThanBlocksORNoFunds":         {is(transition.ErrFeeCapTooLow, transition.ErrInsufficientFunds, transition.ErrIntrinsicGas)},
	"TR_FeeCapLessThanBlocksORGasLimitReached": {is(transition.ErrFeeCapTooLow, transition.ErrGasLimitReached)},
	"TR_GasLimitReached":                       {is(transition.ErrGasLimitReached)},
	"TR_TipGtFeeCap":                           {is(transition.ErrTipAboveFeeCap)},
	"TR_NonceTooHigh":                          {is(transition.ErrNonceTooHigh)},
	"TR_NonceTooLow":                           {is(transition.ErrNonceTooLow)},
	"TR_NonceHasMaxValue":                      {is(transition.ErrNonceMax)},
	"TR_InitCodeLimitExceeded":                 {is(transition.ErrInitcodeSizeExceeded)},
	"TR_EMPTYBLOB":                             {is(transition.ErrBlobTxNoBlobs)},
	"TR_BLOBCREATE":                            {is(transition.ErrBlobTxCreate, types.ErrBlobTxCreate)},
	"TR_BLOBVERSION_INVALID":                   {is(transition.ErrBlobVersionedHash)},
	"TR_BLOBLIST_OVERSIZE":                     {is(transition.ErrTooManyBlobs, transition.ErrBlobGasLimitExceeded)},
	// A value the transaction cannot even carry (above 2^256, a negative
	// or non-integer field): no client can decode it.
	"TR_RLP_WRONGVALUE": {unbuildable},
	"TR_TooShort":       {unbuildable},

	// Transactions, execution-spec-tests naming: the faults goevm finds
	// while decoding, before there is a transaction to validate.
	"TransactionException.TYPE_3_TX_CONTRACT_CREATION": {is(types.ErrBlobTxCreate)},
	"TransactionException.TYPE_4_TX_CONTRACT_CREATION": {is(types.ErrSetCodeTxCreate)},
	"TransactionException.TYPE_3_TX_WITH_FULL_BLOBS":   {is(types.ErrBlobTxWithSidecar)},
	"TransactionException.RLP_INVALID_VALUE":           {unbuildable},
	// The block's blob gas used is checked against the block's maximum
	// with the header, before its transactions run; a block whose
	// transactions exceed the maximum has that header (blobGasUsed is
	// their sum, or the block is also INCORRECT_BLOB_GAS_USED). Before
	// Osaka a transaction's only blob limit is the block's.
	"TransactionException.TYPE_3_TX_MAX_BLOB_GAS_ALLOWANCE_EXCEEDED": {is(transition.ErrBlobGasAboveLimit)},
	"TransactionException.TYPE_3_TX_BLOB_COUNT_EXCEEDED":             {is(transition.ErrBlobGasAboveLimit)},
	// Every type a fork does not know is TYPE_NOT_SUPPORTED to the older
	// fills; goevm names Berlin-to-Prague types TYPE_n_TX_PRE_FORK.
	"TransactionException.TYPE_NOT_SUPPORTED": {typeNotSupported},
	// ethereum/tests' translation of retesteth's
	// TR_FeeCapLessThanBlocksORNoFunds dropped the intrinsic-gas fault the
	// original named (and the specs check first); the pair means the same.
	"TransactionException.INSUFFICIENT_MAX_FEE_PER_GAS|TransactionException.INSUFFICIENT_ACCOUNT_FUNDS": {
		is(transition.ErrFeeCapTooLow, transition.ErrInsufficientFunds, transition.ErrIntrinsicGas)},

	// Blocks, retesteth naming.
	"1559BlockImportImpossible_BaseFeeWrong": {is(transition.ErrInvalidBaseFee)},
	// A proof-of-stake block before the terminal total difficulty, and a
	// proof-of-work block after it: both have the wrong difficulty (and a
	// post-merge block's ommers are checked first).
	"3675PoSBlockRejected":          {is(transition.ErrInvalidDifficulty)},
	"3675PoWBlockRejected":          {is(transition.ErrInvalidDifficulty, transition.ErrOmmersAfterParis, transition.ErrInvalidNonce)},
	"3675PreParis1559BlockRejected": {is(transition.ErrOmmersAfterParis, transition.ErrInvalidDifficulty)},
	"PostParisUncleHashIsNotEmpty":  {is(transition.ErrOmmersAfterParis)},
	"PostParisDifficultyIsNot0":     {is(transition.ErrInvalidDifficulty)},
	// Header shapes across a fork boundary.
	"1559BlockImportImpossible_HeaderIsLegacy": {headerField("baseFeePerGas", true)},
	"LegacyBlockImportImpossible":              {headerField("baseFeePerGas", false)},
	"LegacyBlockImportImpossible2":             {headerField("baseFeePerGas", false)},
	"ShanghaiBlockImportImpossible":            {headerField("withdrawalsRoot", true)},
	"ParisBlockImportImpossible":               {headerField("withdrawalsRoot", false)},
	"ExtraDataTooBig":                          {is(transition.ErrExtraDataTooBig)},
	"InvalidDifficulty":                        {is(transition.ErrInvalidDifficulty)},
	"InvalidGasLimit":                          {is(transition.ErrInvalidGasLimit)},
	// A gas limit below the minimum with gas used above it: the specs
	// reject on gas used first.
	"InvalidGasLimit2":            {is(transition.ErrInvalidGasLimit, transition.ErrGasUsedOverLimit)},
	"TooMuchGasUsed":              {is(transition.ErrGasUsedOverLimit)},
	"InvalidNumber":               {is(transition.ErrInvalidNumber)},
	"InvalidTimestampOlderParent": {is(transition.ErrInvalidTimestamp)},
	"UnknownParent":               {is(transition.ErrUnknownParent)},
	"UnknownParent2":              {is(transition.ErrUnknownParent)},
	"InvalidStateRoot":            {is(transition.ErrInvalidStateRoot)},
	"InvalidReceiptsStateRoot":    {is(transition.ErrInvalidReceiptsRoot)},
	"InvalidTransactionsRoot":     {is(transition.ErrInvalidTxRoot)},
	"InvalidLogBloom":             {is(transition.ErrInvalidLogsBloom)},
	"InvalidGasUsed":              {is(transition.ErrInvalidGasUsed)},
	"ExtraDataIncorrectDAO":       {is(transition.ErrDAOExtra)},
	"InvalidWithdrawals":          {is(transition.ErrInvalidWithdrawalsRoot)},
	"InvalidUnclesHash":           {is(transition.ErrInvalidOmmersHash)},
	"InvalidUncleParentHash":      {is(transition.ErrInvalidParentHash, transition.ErrOmmerParent)},
	"TooManyUncles":               {is(transition.ErrTooManyOmmers)},
	"UncleInChain":                {is(transition.ErrOmmerInChain)},
	// An ancestor more than six blocks back is also too old to be an ommer.
	"UncleIsAncestor": {is(transition.ErrOmmerIsAncestor, transition.ErrOmmerTooOld)},
	// retesteth gives one name to a parent outside the recent ancestors and
	// a parent that is the block's own (a brother).
	"UncleParentIsNotAncestor": {is(transition.ErrOmmerParent, transition.ErrOmmerTooOld, transition.ErrOmmerIsBrother)},
	// The same brother twice is a duplicate first (execution-specs' order).
	"UncleIsBrother":                {is(transition.ErrOmmerIsBrother, transition.ErrDuplicateOmmer)},
	"RLP_ExpectedAsList":            {undecodable},
	"RLP_BODY_UNMARSHAL_ERROR":      {undecodable},
	"INPUT_UNMARSHAL_ERROR":         {undecodable},
	"INPUT_UNMARSHAL_ADDRESS_ERROR": {undecodable},

	// Blocks, execution-spec-tests naming: decode-time faults, and names
	// for faults goevm reports under a broader one.
	"BlockException.RLP_STRUCTURES_ENCODING":       {undecodable},
	"BlockException.RLP_WITHDRAWALS_NOT_READ":      {undecodable},
	"BlockException.RLP_INVALID_FIELD_OVERFLOW_64": {undecodable},
	"BlockException.RLP_INVALID_ADDRESS":           {undecodable},
	// A header with a field count no fork has (some of Cancun's blob
	// fields before Cancun, or missing after it) does not decode.
	"BlockException.INCORRECT_BLOCK_FORMAT": {is(types.ErrHeaderFieldCount)},
	// geth's 2^63-1 cap on the gas limit: goevm's gas-limit rule applies it.
	"BlockException.GASLIMIT_TOO_BIG": {is(transition.ErrInvalidGasLimit)},
	// A gas limit of zero with gas used above it: the specs reject on gas
	// used first (validate_header).
	"BlockException.INVALID_GASLIMIT":                        {is(transition.ErrGasUsedOverLimit)},
	"BlockException.UNKNOWN_PARENT_ZERO":                     {is(transition.ErrUnknownParent)},
	"BlockException.IMPORT_IMPOSSIBLE_DIFFICULTY_OVER_PARIS": {is(transition.ErrInvalidDifficulty)},
	"BlockException.IMPORT_IMPOSSIBLE_UNCLES_OVER_PARIS":     {is(transition.ErrOmmersAfterParis)},
	"BlockException.IMPORT_IMPOSSIBLE_PARIS_WRONG_POS":       {is(transition.ErrInvalidDifficulty)},
	"BlockException.IMPORT_IMPOSSIBLE_PARIS_WRONG_POW":       {is(transition.ErrInvalidDifficulty, transition.ErrOmmersAfterParis, transition.ErrInvalidNonce)},
	"BlockException.IMPORT_IMPOSSIBLE_LONDON_WRONG_PARENT":   {headerField("baseFeePerGas", true)},
	"BlockException.IMPORT_IMPOSSIBLE_LEGACY":                {headerField("baseFeePerGas", false)},
	"BlockException.IMPORT_IMPOSSIBLE_LEGACY_WRONG_PARENT":   {headerField("baseFeePerGas", false)},
	"BlockException.IMPORT_IMPOSSIBLE_SHANGHAI":              {headerField("withdrawalsRoot", true)},
	"BlockException.IMPORT_IMPOSSIBLE_PARIS_OVER_SHANGHAI":   {headerField("withdrawalsRoot", false)},
	// EIP-7928: a blockchain test's block carries its access list only as
	// the header's hash, so every wrong list (one with an account too many
	// or too few, or a hash of another list) shows as the header's hash
	// disagreeing with execution's; a copy that does not hash to the
	// header's is INVALID_BAL_HASH.
	"BlockException.INVALID_BAL_HASH":            {is(transition.ErrInvalidBALHash, transition.ErrInvalidBlockAccessList)},
	"BlockException.INVALID_BAL_EXTRA_ACCOUNT":   {is(transition.ErrInvalidBlockAccessList, transition.ErrInvalidBALHash)},
	"BlockException.INVALID_BAL_MISSING_ACCOUNT": {is(transition.ErrInvalidBlockAccessList, transition.ErrInvalidBALHash)},
}

// matcher reports whether err is the fault a name stands for.
type matcher func(err error) bool

// is matches any of the sentinels.
func is(sentinels ...error) matcher {
	return func(err error) bool {
		for _, s := range sentinels {
			if errors.Is(err, s) {
				return true
			}
		}
		return false
	}
}

// typeNotSupported: a transaction type the fork does not have yet.
var typeNotSupported = is(transition.ErrTxTypeNotSupported, transition.ErrType1TxPreFork,
	transition.ErrType2TxPreFork, transition.ErrType3TxPreFork, transition.ErrType4TxPreFork, types.ErrTxTypeUnknown)

// unbuildable: a transaction no client can decode (or a state test cannot
// even express: a value above 2^256).
var unbuildable = is(types.ErrMalformedTx, types.ErrTxTypeUnknown, errUnbuildableTx)

// undecodable: a block whose RLP, or a structure in it, does not decode,
// or whose body lacks a list its fork requires.
var undecodable = is(types.ErrBlockDecode, types.ErrHeaderDecode, types.ErrMalformedTx, transition.ErrBodyFields)

// headerField matches a header-shape error about field: present before its
// fork (present) or missing after it (!present). A shape error that does
// not say which field (only ErrHeaderFields) matches any of them.
func headerField(field string, present bool) matcher {
	return func(err error) bool {
		var he *transition.HeaderFieldError
		if errors.As(err, &he) {
			return he.Field == field && he.Present == present
		}
		return errors.Is(err, transition.ErrHeaderFields)
	}
}

// errUnbuildableTx marks a state test whose transaction fields cannot be
// built into a transaction (a value above 2^256, a malformed hex string).
var errUnbuildableTx = errors.New("transaction cannot be built from the fixture")

// exceptionMatches reports whether err is a rejection expectException
// allows, and whether any of its alternatives is a name goevm knows. An
// unknown name matches nothing: TestExceptionNamesKnown and the CLI's
// failures show it, and the table grows.
func exceptionMatches(err error, expect string) (ok, known bool) {
	if ms, found := exceptionTable[expect]; found {
		known = true
		if anyMatch(ms, err) {
			return true, true
		}
	}
	for _, alt := range strings.Split(expect, "|") {
		alt = strings.TrimSpace(alt)
		if strings.HasPrefix(alt, "BlockException.") || strings.HasPrefix(alt, "TransactionException.") {
			known = true
			if errorNamed(err, alt) {
				return true, true
			}
		}
		if ms, found := exceptionTable[alt]; found {
			known = true
			if anyMatch(ms, err) {
				return true, true
			}
		}
	}
	return false, known
}

func anyMatch(ms []matcher, err error) bool {
	for _, m := range ms {
		if m(err) {
			return true
		}
	}
	return false
}

// errorNamed reports whether any error in err's tree has the fixture name
// want ("TransactionException.NONCE_MISMATCH_TOO_LOW"): not only the first
// (errors.As), since an invalid ommer's error wraps both INVALID_UNCLE and
// the ommer header's own fault, which fixtures may name instead.
func errorNamed(err error, want string) bool {
	switch e := err.(type) {
	case nil:
		return false
	case *transition.TxError:
		if e.Exception() == want {
			return true
		}
	case *transition.BlockError:
		if e.Exception() == want {
			return true
		}
	}
	switch u := err.(type) {
	case interface{ Unwrap() error }:
		return errorNamed(u.Unwrap(), want)
	case interface{ Unwrap() []error }:
		for _, e := range u.Unwrap() {
			if errorNamed(e, want) {
				return true
			}
		}
	}
	return false
}
