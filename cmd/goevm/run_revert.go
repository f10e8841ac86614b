package main

import (
	"fmt"

	"github.com/goevm/goevm/abi"
)

// revertReason is `goevm run`'s view of revert data (abi.DecodeRevert does
// the decoding): Error(string), Panic(uint256) with the code's meaning, a
// custom error (decoded when --abi declares it), or raw bytes.
type revertReason struct {
	Kind    string `json:"kind"`              // "Error", "Panic", "custom", "raw"
	Message string `json:"message,omitempty"` // Error's string
	Code    string `json:"code,omitempty"`    // Panic's code or a custom error's selector, 0x-hex
	Meaning string `json:"meaning,omitempty"` // what the panic code means
	Error   string `json:"error,omitempty"`   // a decoded custom error's signature
	Args    []any  `json:"args,omitempty"`    // its arguments, as `goevm abi decode --json` prints them
	Text    string `json:"text"`              // one-line summary for people
}

// decodeRevert explains revert data with no ABI; nil for no data.
func decodeRevert(data []byte) *revertReason { return decodeRevertWith(data, nil) }

// decodeRevertWith explains revert data, decoding custom errors known declares.
func decodeRevertWith(data []byte, known *abi.ABI) *revertReason {
	r := abi.DecodeRevert(data, known)
	if r == nil {
		return nil
	}
	out := &revertReason{Kind: string(r.Kind), Text: r.String()}
	switch r.Kind {
	case abi.RevertError:
		out.Message = r.Message
	case abi.RevertPanic:
		out.Code = fmt.Sprintf("%#x", r.Code)
		out.Meaning = abi.PanicMeaning(r.Code)
	case abi.RevertCustom:
		out.Code = r.Selector.String()
		if r.Error != nil {
			out.Error = r.Error.Signature()
			for i, p := range r.Error.Inputs {
				out.Args = append(out.Args, abi.JSONValue(p.Type, r.Args[i]))
			}
		}
	}
	return out
}
