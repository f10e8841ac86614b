package transition

import (
	"errors"
)

// TxError is a transaction-validity failure: the transaction cannot be
// included at all, and the state is left exactly as it was. Each sentinel
// below carries the name execution-spec-tests gives the same failure in a
// fixture's expectException ("TransactionException.<Name>").
type TxError struct {
	Name string // e.g. "NONCE_MISMATCH_TOO_LOW"
	msg  string
}

func (e *TxError) Error() string { return e.msg }

// Exception is the fixture spelling: "TransactionException." + Name.
func (e *TxError) Exception() string { return "TransactionException." + e.Name }

func txErr(name, msg string) *TxError { return &TxError{Name: name, msg: msg} }

// Transaction-validity errors. Callers match them with errors.Is; the
// returned errors wrap them with the offending values.
var (
	// Transaction type not (yet) allowed by the fork.
	ErrTxTypeNotSupported = txErr("TYPE_NOT_SUPPORTED", "transaction type not supported")
	ErrType1TxPreFork     = txErr("TYPE_1_TX_PRE_FORK", "access-list transaction before Berlin")
	ErrType2TxPreFork     = txErr("TYPE_2_TX_PRE_FORK", "fee-market transaction before London")
	ErrType3TxPreFork     = txErr("TYPE_3_TX_PRE_FORK", "blob transaction before Cancun")
	ErrType4TxPreFork     = txErr("TYPE_4_TX_PRE_FORK", "set-code transaction before Prague")

	// Nonce.
	ErrNonceTooLow  = txErr("NONCE_MISMATCH_TOO_LOW", "nonce too low")
	ErrNonceTooHigh = txErr("NONCE_MISMATCH_TOO_HIGH", "nonce too high")
	ErrNonceMax     = txErr("NONCE_IS_MAX", "nonce has max value") // EIP-2681

	// Sender.
	ErrSenderNotEOA = txErr("SENDER_NOT_EOA", "sender has code") // EIP-3607

	// Signer (sender.go). ErrInvalidChainID's text is geth's
	// (core/types.ErrInvalidChainId), and so is the "have X want Y" it is
	// wrapped with. ErrSenderMismatch is goevm's own: a valid signature by
	// someone other than the given sender, under Env.VerifySender; it has
	// no fixture name of its own, so it takes the bad-signature one.
	ErrInvalidChainID   = txErr("INVALID_CHAINID", "invalid chain id for signer")
	ErrInvalidSignature = txErr("INVALID_SIGNATURE_VRS", "invalid transaction signature")
	ErrSenderMismatch   = txErr("INVALID_SIGNATURE_VRS", "transaction not signed by the given sender")

	// Gas.
	ErrGasLimitReached      = txErr("GAS_ALLOWANCE_EXCEEDED", "gas limit exceeds block gas available")
	ErrGasLimitTooHigh      = txErr("GAS_LIMIT_EXCEEDS_MAXIMUM", "gas limit exceeds the transaction gas cap") // EIP-7825
	ErrIntrinsicGas         = txErr("INTRINSIC_GAS_TOO_LOW", "intrinsic gas too low")
	ErrInitcodeSizeExceeded = txErr("INITCODE_SIZE_EXCEEDED", "initcode size exceeds limit") // EIP-3860

	// Fees.
	ErrFeeCapTooLow      = txErr("INSUFFICIENT_MAX_FEE_PER_GAS", "max fee per gas below block base fee")
	ErrTipAboveFeeCap    = txErr("PRIORITY_GREATER_THAN_MAX_FEE_PER_GAS", "max priority fee per gas above max fee per gas")
	ErrInsufficientFunds = txErr("INSUFFICIENT_ACCOUNT_FUNDS", "insufficient funds for gas * price + value")

	// Blobs (EIP-4844, EIP-7594).
	ErrBlobFeeCapTooLow     = txErr("INSUFFICIENT_MAX_FEE_PER_BLOB_GAS", "max fee per blob gas below blob base fee")
	ErrBlobTxNoBlobs        = txErr("TYPE_3_TX_ZERO_BLOBS", "blob transaction without blobs")
	ErrBlobVersionedHash    = txErr("TYPE_3_TX_INVALID_BLOB_VERSIONED_HASH", "blob versioned hash has wrong version")
	ErrTooManyBlobs         = txErr("TYPE_3_TX_BLOB_COUNT_EXCEEDED", "too many blobs in transaction")
	ErrBlobGasLimitExceeded = txErr("TYPE_3_TX_MAX_BLOB_GAS_ALLOWANCE_EXCEEDED", "blob gas exceeds block blob gas limit")
	ErrBlobTxCreate         = txErr("TYPE_3_TX_CONTRACT_CREATION", "blob transaction cannot create a contract")
	ErrSetCodeTxCreate      = txErr("TYPE_4_TX_CONTRACT_CREATION", "set-code transaction cannot create a contract")
	ErrEmptyAuthList        = txErr("TYPE_4_EMPTY_AUTHORIZATION_LIST", "set-code transaction with empty authorization list")
)

// ExceptionName returns the fixture name of a transaction-validity error
// ("TransactionException.INTRINSIC_GAS_TOO_LOW"), or "" if err is not one.
func ExceptionName(err error) string {
	var te *TxError
	if errors.As(err, &te) {
		return te.Exception()
	}
	return ""
}
