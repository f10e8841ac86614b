package abi

import (
	"fmt"
	"math/big"
	"strings"
)

// The two errors Solidity itself reverts with (Solidity documentation,
// "Error handling: Assert, Require, Revert and Exceptions").
var (
	// ErrorString is Error(string), the revert payload of require(cond, "reason") and revert("reason").
	ErrorString = &Error{Name: "Error", Inputs: []Param{{Name: "message", Type: StringType}}}
	// PanicError is Panic(uint256), raised by failing assertions, overflows and the like.
	PanicError = &Error{Name: "Panic", Inputs: []Param{{Name: "code", Type: Uint256Type}}}
)

// Panic codes, as the Solidity documentation lists them ("Panic via assert
// and Error via require").
const (
	PanicGeneric          = 0x00 // generic compiler-inserted panic
	PanicAssert           = 0x01 // assert(false)
	PanicOverflow         = 0x11 // arithmetic overflow or underflow outside unchecked
	PanicDivisionByZero   = 0x12 // division or modulo by zero
	PanicEnumConversion   = 0x21 // a value too big or negative converted to an enum
	PanicStorageEncoding  = 0x22 // a storage byte array that is incorrectly encoded
	PanicEmptyArrayPop    = 0x31 // pop() on an empty array
	PanicIndexOutOfBounds = 0x32 // array, bytesN or slice index out of bounds
	PanicOutOfMemory      = 0x41 // too much memory allocated, or an array too large
	PanicZeroFunction     = 0x51 // call of a zero-initialised internal function variable
)

var panicMeanings = map[uint64]string{
	PanicGeneric:          "generic compiler panic",
	PanicAssert:           "assert(false)",
	PanicOverflow:         "arithmetic overflow or underflow",
	PanicDivisionByZero:   "division or modulo by zero",
	PanicEnumConversion:   "conversion to an enum out of range",
	PanicStorageEncoding:  "incorrectly encoded storage byte array",
	PanicEmptyArrayPop:    "pop() on an empty array",
	PanicIndexOutOfBounds: "array index out of bounds",
	PanicOutOfMemory:      "too much memory allocated",
	PanicZeroFunction:     "call to a zero-initialized internal function variable",
}

// PanicMeaning returns what a Panic(uint256) code means, or "unknown panic
// code".
func PanicMeaning(code *big.Int) string {
	if code != nil && code.IsUint64() {
		if m, ok := panicMeanings[code.Uint64()]; ok {
			return m
		}
	}
	return "unknown panic code"
}

// RevertKind classifies revert data.
type RevertKind string

// The kinds of revert data. The strings are stable: `goevm run --json`
// prints them.
const (
	RevertError  RevertKind = "Error"  // Error(string)
	RevertPanic  RevertKind = "Panic"  // Panic(uint256)
	RevertCustom RevertKind = "custom" // a custom error: decoded if the ABI declares it
	RevertRaw    RevertKind = "raw"    // shorter than a selector, or a known selector with malformed arguments
)

// Revert is decoded revert data.
type Revert struct {
	Kind RevertKind
	// Selector is the first four bytes, when there are four.
	Selector Selector
	// Message is Error(string)'s reason.
	Message string
	// Code is Panic(uint256)'s code.
	Code *big.Int
	// Error and Args are the custom error the ABI declares for Selector and
	// its decoded arguments; Error is nil for an unknown selector.
	Error *Error
	Args  []any
	// Data is the revert data itself.
	Data []byte
}

// DecodeRevert explains revert data: Error(string), Panic(uint256) with
// its code, a custom error (decoded if known declares it; known may be
// nil), or raw bytes. It returns nil for empty data (a bare revert()).
func DecodeRevert(data []byte, known *ABI) *Revert {
	if len(data) == 0 {
		return nil
	}
	r := &Revert{Kind: RevertRaw, Data: data}
	if len(data) < 4 {
		return r
	}
	r.Selector = Selector(data[:4])
	switch r.Selector {
	case ErrorString.Selector():
		if v, err := ErrorString.Decode(data); err == nil {
			r.Kind, r.Message = RevertError, v[0].(string)
		}
		return r
	case PanicError.Selector():
		if v, err := PanicError.Decode(data); err == nil {
			r.Kind, r.Code = RevertPanic, v[0].(*big.Int)
		}
		return r
	}
	r.Kind = RevertCustom
	if known != nil {
		if e, err := known.ErrorBySelector(r.Selector); err == nil {
			if args, err := e.Decode(data); err == nil {
				r.Error, r.Args = e, args
			}
		}
	}
	return r
}

// String is a one-line summary for people: Error("reason"),
// Panic(0x11): arithmetic overflow or underflow, Insufficient(1, 2), or a
// description of data that could not be decoded.
func (r *Revert) String() string {
	switch r.Kind {
	case RevertError:
		return fmt.Sprintf("Error(%q)", r.Message)
	case RevertPanic:
		return fmt.Sprintf("Panic(%#x): %s", r.Code, PanicMeaning(r.Code))
	case RevertCustom:
		if r.Error != nil {
			var b strings.Builder
			b.WriteString(r.Error.Name)
			b.WriteByte('(')
			for i, p := range r.Error.Inputs {
				if i > 0 {
					b.WriteString(", ")
				}
				b.WriteString(FormatValue(p.Type, r.Args[i]))
			}
			b.WriteByte(')')
			return b.String()
		}
		return fmt.Sprintf("custom error %s with %d bytes of arguments", r.Selector, len(r.Data)-4)
	}
	if len(r.Data) >= 4 {
		switch r.Selector {
		case ErrorString.Selector():
			return fmt.Sprintf("Error(string) selector with malformed arguments (%d bytes)", len(r.Data)-4)
		case PanicError.Selector():
			return fmt.Sprintf("Panic(uint256) selector with malformed arguments (%d bytes)", len(r.Data)-4)
		}
	}
	return fmt.Sprintf("%d bytes of revert data that are no known error", len(r.Data))
}
