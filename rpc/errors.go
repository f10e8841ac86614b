package rpc

import (
	"errors"
	"fmt"
)

// JSON-RPC 2.0 error codes, and the ones Ethereum clients added.
const (
	codeParse          = -32700
	codeInvalidRequest = -32600
	codeMethodNotFound = -32601
	codeInvalidParams  = -32602
	codeInternal       = -32603
	// codeServer is geth's code for a request the node refuses (an invalid
	// transaction, an unknown block) and for a failed call.
	codeServer = -32000
	// codeReverted is geth's code for "execution reverted"; error.data
	// holds the revert data.
	codeReverted = 3
	// codeLimitExceeded is for requests over the node's limits (EIP-1474).
	codeLimitExceeded = -32005
)

// Error is a JSON-RPC error object.
type Error struct {
	Code    int    `json:"code"`
	Message string `json:"message"`
	Data    any    `json:"data,omitempty"`
}

func (e *Error) Error() string { return e.Message }

func errorf(code int, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// invalidParams names the argument at position i and what is wrong with it,
// in geth's words ("invalid argument 0: ...").
func invalidParams(i int, err error) *Error {
	return errorf(codeInvalidParams, "invalid argument %d: %v", i, err)
}

// asError turns any error a method returns into a JSON-RPC error; one that
// is not already an *Error is the node refusing the request (-32000).
func asError(err error) *Error {
	var e *Error
	if errors.As(err, &e) {
		return e
	}
	return &Error{Code: codeServer, Message: err.Error()}
}
