package spectest

import (
	"fmt"
	"testing"

	"github.com/goevm/goevm/fork"
	"github.com/goevm/goevm/transition"
	"github.com/goevm/goevm/types"
)

// TestExceptionTableKnowsRetestethFamily: every transaction and block name
// of retesteth's client configs (ethereum/retesteth, the "exceptions" map of
// its t8ntool config) that the ethereum/tests and ethereum/legacytests
// fixtures use is in the table. Names only of RLP-decoding detail
// (RLP_InputString_TooLong_...) are not: no state or blockchain fixture
// expects them.
func TestExceptionTableKnowsRetestethFamily(t *testing.T) {
	for _, name := range []string{
		"TR_IntrinsicGas", "IntrinsicGas", "TR_TypeNotSupported", "TR_TypeNotSupportedBlob",
		"TR_NoFunds", "TR_NoFundsX", "TR_NoFundsValue", "TR_NoFundsOrGas", "SenderNotEOA", "SenderNotEOAorNoCASH",
		"TR_FeeCapLessThanBlocks", "TR_FeeCapLessThanBlocksORNoFunds", "TR_FeeCapLessThanBlocksORGasLimitReached",
		"TR_GasLimitReached", "TR_NonceTooHigh", "TR_NonceTooLow", "TR_NonceHasMaxValue", "TR_TipGtFeeCap",
		"TR_TooShort", "TR_RLP_WRONGVALUE", "TR_InitCodeLimitExceeded",
		"TR_EMPTYBLOB", "TR_BLOBCREATE", "TR_BLOBVERSION_INVALID", "TR_BLOBLIST_OVERSIZE",
		"LegacyBlockImportImpossible", "LegacyBlockImportImpossible2", "1559BlockImportImpossible_HeaderIsLegacy",
		"1559BlockImportImpossible_BaseFeeWrong", "ParisBlockImportImpossible", "ShanghaiBlockImportImpossible",
		"3675PoWBlockRejected", "3675PoSBlockRejected", "3675PreParis1559BlockRejected",
		"INPUT_UNMARSHAL_ERROR", "INPUT_UNMARSHAL_ADDRESS_ERROR", "RLP_BODY_UNMARSHAL_ERROR",
		"PostParisUncleHashIsNotEmpty", "PostParisDifficultyIsNot0",
	} {
		if _, ok := exceptionTable[name]; !ok {
			t.Errorf("%s is not in the exception table", name)
		}
	}
}

// TestExceptionMatches: each naming matches the goevm error it stands for
// and no other; alternatives split on '|'; an unknown name matches nothing.
func TestExceptionMatches(t *testing.T) {
	wrap := func(err error) error { return fmt.Errorf("transaction 0: %w", err) }
	headerErr := &transition.HeaderFieldError{Field: "withdrawalsRoot", Present: true, From: fork.Shanghai, At: fork.Paris}
	for _, c := range []struct {
		err    error
		expect string
		ok     bool
	}{
		{wrap(transition.ErrInsufficientFunds), "TR_NoFunds", true},
		{wrap(transition.ErrInsufficientFunds), "TransactionException.INSUFFICIENT_ACCOUNT_FUNDS", true},
		{wrap(transition.ErrInsufficientFunds), "TR_IntrinsicGas", false},
		{wrap(transition.ErrIntrinsicGas), "TR_NoFundsOrGas", true},
		{wrap(transition.ErrIntrinsicGas), "IntrinsicGas", true},
		{wrap(transition.ErrNonceMax), "TR_NonceHasMaxValue", true},
		{wrap(transition.ErrType2TxPreFork), "TR_TypeNotSupported", true},
		{wrap(transition.ErrType2TxPreFork), "TransactionException.TYPE_NOT_SUPPORTED", true},
		{wrap(transition.ErrTipAboveFeeCap), "TR_NoFunds|TR_TipGtFeeCap", true},
		{wrap(transition.ErrInitcodeSizeExceeded), "TR_InitCodeLimitExceeded", true},
		{wrap(types.ErrBlobTxCreate), "TransactionException.TYPE_3_TX_CONTRACT_CREATION", true},
		{wrap(types.ErrBlobTxCreate), "TransactionException.TYPE_4_TX_CONTRACT_CREATION", false},
		{wrap(types.ErrSetCodeTxCreate), "TransactionException.TYPE_4_TX_CONTRACT_CREATION", true},
		{wrap(types.ErrBlobTxWithSidecar), "BlockException.RLP_STRUCTURES_ENCODING|TransactionException.TYPE_3_TX_WITH_FULL_BLOBS", true},
		{headerErr, "BlockException.IMPORT_IMPOSSIBLE_SHANGHAI", true},
		{headerErr, "ShanghaiBlockImportImpossible", true},
		{headerErr, "BlockException.INCORRECT_BLOCK_FORMAT", true},
		{headerErr, "BlockException.IMPORT_IMPOSSIBLE_PARIS_OVER_SHANGHAI", false},
		{fmt.Errorf("%w: %w: 18 fields", types.ErrHeaderDecode, types.ErrHeaderFieldCount), "BlockException.INCORRECT_BLOCK_FORMAT", true},
		{fmt.Errorf("%w: stateRoot: 31 bytes", types.ErrHeaderDecode), "BlockException.INCORRECT_BLOCK_FORMAT", false},
		{transition.ErrBlobGasAboveLimit, "TransactionException.TYPE_3_TX_MAX_BLOB_GAS_ALLOWANCE_EXCEEDED", true},
		{wrap(transition.ErrInsufficientFunds), "NoSuchName", false},
	} {
		if ok, _ := exceptionMatches(c.err, c.expect); ok != c.ok {
			t.Errorf("exceptionMatches(%v, %q) = %v, want %v", c.err, c.expect, ok, c.ok)
		}
	}
}
