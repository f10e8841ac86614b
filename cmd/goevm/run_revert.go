package main

import (
	"bytes"
	"fmt"
	"math/big"
	"unicode/utf8"
)

// Selectors of the two revert payloads Solidity defines
// (docs.soliditylang.org, "Error handling: Assert, Require, Revert and Exceptions").
var (
	selErrorString = []byte{0x08, 0xc3, 0x79, 0xa0} // Error(string)
	selPanic       = []byte{0x4e, 0x48, 0x7b, 0x71} // Panic(uint256)
)

// panicMeanings are the Panic(uint256) codes Solidity documents.
var panicMeanings = map[uint64]string{
	0x00: "generic compiler panic",
	0x01: "assert(false)",
	0x11: "arithmetic overflow or underflow",
	0x12: "division or modulo by zero",
	0x21: "conversion to an enum out of range",
	0x22: "incorrectly encoded storage byte array",
	0x31: "pop() on an empty array",
	0x32: "array index out of bounds",
	0x41: "too much memory allocated",
	0x51: "call to a zero-initialized internal function variable",
}

// revertReason explains revert data: Error(string), Panic(uint256) with the
// code's meaning, a custom error's selector, or "" for no data.
type revertReason struct {
	Kind    string `json:"kind"`              // "Error", "Panic", "custom", "raw"
	Message string `json:"message,omitempty"` // Error's string
	Code    string `json:"code,omitempty"`    // Panic's code, 0x-hex
	Meaning string `json:"meaning,omitempty"` // what the panic code means
	Text    string `json:"text"`              // one-line summary for people
}

func decodeRevert(data []byte) *revertReason {
	if len(data) == 0 {
		return nil
	}
	if len(data) >= 4 {
		sel, args := data[:4], data[4:]
		switch {
		case bytes.Equal(sel, selErrorString):
			if msg, ok := abiString(args); ok {
				return &revertReason{Kind: "Error", Message: msg, Text: fmt.Sprintf("Error(%q)", msg)}
			}
			return &revertReason{Kind: "raw", Text: fmt.Sprintf("Error(string) selector with malformed arguments (%d bytes)", len(args))}
		case bytes.Equal(sel, selPanic) && len(args) == 32:
			code := new(big.Int).SetBytes(args)
			meaning := "unknown panic code"
			if code.IsUint64() {
				if m, ok := panicMeanings[code.Uint64()]; ok {
					meaning = m
				}
			}
			hexCode := fmt.Sprintf("%#x", code)
			return &revertReason{Kind: "Panic", Code: hexCode, Meaning: meaning,
				Text: fmt.Sprintf("Panic(%s): %s", hexCode, meaning)}
		default:
			return &revertReason{Kind: "custom", Code: fmt.Sprintf("0x%x", sel),
				Text: fmt.Sprintf("custom error 0x%x with %d bytes of arguments", sel, len(args))}
		}
	}
	return &revertReason{Kind: "raw", Text: fmt.Sprintf("%d bytes of revert data that are no known error", len(data))}
}

// abiString decodes the ABI encoding of a single string argument: a 32-byte
// offset, at it a 32-byte length, then the bytes. Every bound is checked.
func abiString(args []byte) (string, bool) {
	word := func(at uint64) (uint64, bool) {
		if at > uint64(len(args)) || uint64(len(args))-at < 32 {
			return 0, false
		}
		w := new(big.Int).SetBytes(args[at : at+32])
		if !w.IsUint64() {
			return 0, false
		}
		return w.Uint64(), true
	}
	off, ok := word(0)
	if !ok {
		return "", false
	}
	n, ok := word(off)
	if !ok || off+32 > uint64(len(args)) || n > uint64(len(args))-off-32 {
		return "", false
	}
	s := args[off+32 : off+32+n]
	if !utf8.Valid(s) {
		return "", false
	}
	return string(s), true
}
