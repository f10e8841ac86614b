package transition

import (
	"errors"
	"fmt"
)

// BlockError is a block-validity failure: the block is rejected and the
// chain stays at its parent. Name is the execution-spec-tests spelling of
// the failure ("BlockException.<Name>").
type BlockError struct {
	Name string
	msg  string
}

func (e *BlockError) Error() string { return e.msg }

// Exception is the fixture spelling: "BlockException." + Name.
func (e *BlockError) Exception() string { return "BlockException." + e.Name }

func blockErr(name, msg string) *BlockError { return &BlockError{Name: name, msg: msg} }

// Block-validity errors. Returned errors wrap them with the offending values,
// so callers match with errors.Is.
var (
	ErrUnknownParent      = blockErr("UNKNOWN_PARENT", "unknown parent block")
	ErrInvalidParentHash  = blockErr("INVALID_PARENT_HASH", "parent hash does not match the parent header")
	ErrInvalidNumber      = blockErr("INVALID_BLOCK_NUMBER", "block number is not parent number + 1")
	ErrInvalidTimestamp   = blockErr("INVALID_BLOCK_TIMESTAMP_OLDER_THAN_PARENT", "timestamp not after the parent's")
	ErrInvalidGasLimit    = blockErr("INVALID_GASLIMIT", "gas limit outside the bounds set by the parent")
	ErrGasUsedOverLimit   = blockErr("GAS_USED_OVERFLOW", "gas used exceeds the gas limit")
	ErrExtraDataTooBig    = blockErr("EXTRA_DATA_TOO_BIG", "extra data longer than 32 bytes")
	ErrDAOExtra           = blockErr("EXTRA_DATA_INVALID_DAO", "DAO fork block without the dao-hard-fork extra data (EIP-779)")
	ErrInvalidDifficulty  = blockErr("INVALID_DIFFICULTY", "difficulty does not match the difficulty rules")
	ErrInvalidNonce       = blockErr("INVALID_BLOCK_NONCE", "proof-of-stake block with a non-zero nonce")
	ErrInvalidBaseFee     = blockErr("INVALID_BASEFEE_PER_GAS", "base fee does not follow EIP-1559")
	ErrInvalidExcessBlob  = blockErr("INCORRECT_EXCESS_BLOB_GAS", "excess blob gas does not follow EIP-4844")
	ErrInvalidBlobGasUsed = blockErr("INCORRECT_BLOB_GAS_USED", "blob gas used does not match the transactions")
	ErrBlobGasAboveLimit  = blockErr("BLOB_GAS_USED_ABOVE_LIMIT", "blob gas used above the block maximum")
	ErrHeaderFields       = blockErr("INCORRECT_BLOCK_FORMAT", "header fields do not match the fork")
	ErrBodyFields         = blockErr("INCORRECT_BLOCK_FORMAT", "block body does not match the fork")

	ErrInvalidOmmersHash = blockErr("INVALID_UNCLES_HASH", "ommers hash does not match the ommers")
	ErrOmmersAfterParis  = blockErr("IMPORT_IMPOSSIBLE_UNCLES_OVER_PARIS", "ommers in a proof-of-stake block")
	ErrTooManyOmmers     = blockErr("TOO_MANY_UNCLES", "more than two ommers")
	ErrDuplicateOmmer    = blockErr("DUPLICATE_UNCLE", "ommer included twice")
	ErrOmmerIsAncestor   = blockErr("UNCLE_IS_ANCESTOR", "ommer is an ancestor of the block")
	ErrOmmerInChain      = blockErr("UNCLE_IN_CHAIN", "ommer already included by an ancestor")
	ErrOmmerIsBrother    = blockErr("UNCLE_IS_BROTHER", "ommer is a sibling of the block")
	ErrOmmerParent       = blockErr("UNCLE_PARENT_INCORRECT", "ommer's parent is not a recent ancestor")
	ErrOmmerTooOld       = blockErr("UNCLE_TOO_OLD", "ommer is not within six generations")
	ErrInvalidOmmer      = blockErr("INVALID_UNCLE", "ommer header is invalid")

	ErrInvalidTxRoot          = blockErr("INVALID_TRANSACTIONS_ROOT", "transactions root mismatch")
	ErrInvalidReceiptsRoot    = blockErr("INVALID_RECEIPTS_ROOT", "receipts root mismatch")
	ErrInvalidStateRoot       = blockErr("INVALID_STATE_ROOT", "state root mismatch")
	ErrInvalidLogsBloom       = blockErr("INVALID_LOG_BLOOM", "logs bloom mismatch")
	ErrInvalidGasUsed         = blockErr("INVALID_GAS_USED", "gas used mismatch")
	ErrInvalidWithdrawalsRoot = blockErr("INVALID_WITHDRAWALS_ROOT", "withdrawals root mismatch")
	ErrInvalidRequestsHash    = blockErr("INVALID_REQUESTS", "requests hash mismatch")
	ErrInvalidDepositLog      = blockErr("INVALID_DEPOSIT_EVENT_LAYOUT", "deposit contract log has the wrong layout")
	ErrSystemContractEmpty    = blockErr("SYSTEM_CONTRACT_EMPTY", "system contract has no code")
	ErrSystemCallFailed       = blockErr("SYSTEM_CONTRACT_CALL_FAILED", "system contract call failed")
	ErrInvalidTransaction     = blockErr("INVALID_TRANSACTION", "block contains an invalid transaction")

	// EIP-7928 block-level access lists.
	ErrInvalidBlockAccessList = blockErr("INVALID_BLOCK_ACCESS_LIST", "block access list hash mismatch: the header's does not match execution's")
	ErrInvalidBALHash         = blockErr("INVALID_BAL_HASH", "block access list does not hash to the header's blockAccessListHash")
	ErrBALShape               = blockErr("INVALID_BLOCK_ACCESS_LIST", "block access list is malformed")
	ErrBALGasLimitExceeded    = blockErr("BLOCK_ACCESS_LIST_GAS_LIMIT_EXCEEDED", "block access list has more items than gas_limit / 2000")
)

// BlockExceptionName returns the fixture name of a block or transaction
// validity error ("BlockException.INVALID_STATE_ROOT",
// "TransactionException.NONCE_MISMATCH_TOO_LOW"), or "" if err is neither.
func BlockExceptionName(err error) string {
	// A transaction error inside a block also wraps ErrInvalidTransaction;
	// the transaction's own name is the more precise one.
	if name := ExceptionName(err); name != "" {
		return name
	}
	var be *BlockError
	if errors.As(err, &be) {
		return be.Exception()
	}
	return ""
}

// txInBlockError is a transaction error inside a block: it matches both
// ErrInvalidTransaction and the transaction's own error under errors.Is.
func txInBlockError(index int, err error) error {
	return fmt.Errorf("%w: transaction %d: %w", ErrInvalidTransaction, index, err)
}
