package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/goevm/goevm/abi"
	"github.com/goevm/goevm/types"
)

const abiUsage = `usage:
  goevm abi encode SIGNATURE [ARGS...]
  goevm abi decode [--json] [--output] SIGNATURE HEX
  goevm abi selector SIGNATURE

encode prints calldata: the selector, then the arguments ABI-encoded. For a
bare tuple such as "(uint256,string)" it prints the encoded arguments alone;
for "error E(...)" the revert data.

decode decodes calldata (the selector must match), or with --output the
return data of a function whose signature names outputs, as cast writes
them ("balanceOf(address)(uint256)") or as Solidity does ("function
balanceOf(address) view returns (uint256)"). For a bare tuple HEX holds the
encoded values alone. Values print one per line; --json prints a JSON array
(integers as decimal strings, addresses EIP-55 checksummed, bytes as 0x-hex,
arrays and tuples as arrays).

selector prints a function's or error's four-byte selector, or an event's
topic.

SIGNATURE is human-readable: transfer(address,uint256), "function
transfer(address to, uint256 amount) returns (bool)", "event Transfer(address
indexed from, address indexed to, uint256 value)", "error
Insufficient(uint256,uint256)".

ARGS are written as cast writes them: integers in decimal or 0x-hex (negative
for intN; 1ether and 2gwei are scaled), addresses and bytes as 0x-hex,
strings as they are or JSON-quoted, true/false, arrays [a,b], tuples (a,b).

Exit status: 0 on success, 2 for bad input.
`

func init() {
	register(&command{name: "abi", summary: "encode and decode Solidity ABI calldata, return data, selectors", run: abiMain})
}

func abiMain(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, abiUsage)
		return exitUsage
	}
	switch args[0] {
	case "-h", "-help", "--help", "help":
		fmt.Fprint(stdout, abiUsage)
		return exitOK
	case "encode":
		return abiEncode(args[1:], stdout, stderr)
	case "decode":
		return abiDecode(args[1:], stdout, stderr)
	case "selector":
		return abiSelector(args[1:], stdout, stderr)
	}
	fmt.Fprintf(stderr, "goevm abi: unknown subcommand %q (want encode, decode or selector)\n\n%s", args[0], abiUsage)
	return exitUsage
}

func abiFail(stderr io.Writer, sub string, format string, a ...any) int {
	fmt.Fprintf(stderr, "goevm abi %s: %s\n", sub, fmt.Sprintf(format, a...))
	return exitUsage
}

// wantsHelp reports whether args ask for help and nothing else.
func wantsHelp(args []string) bool {
	return len(args) == 1 && (args[0] == "-h" || args[0] == "-help" || args[0] == "--help")
}

func abiEncode(args []string, stdout, stderr io.Writer) int {
	if wantsHelp(args) {
		fmt.Fprint(stdout, abiUsage)
		return exitOK
	}
	// "--" may separate the arguments (so that -5 is not taken for a flag).
	for i, a := range args {
		if a == "--" {
			args = append(args[:i:i], args[i+1:]...)
			break
		}
	}
	if len(args) == 0 {
		return abiFail(stderr, "encode", "missing SIGNATURE (usage: goevm abi encode SIGNATURE [ARGS...])")
	}
	item, err := abi.ParseSignature(args[0])
	if err != nil {
		return abiFail(stderr, "encode", "SIGNATURE: %v", err)
	}
	var params []abi.Param
	var encode func(...any) ([]byte, error)
	var sig string
	switch x := item.(type) {
	case *abi.Function:
		params, encode, sig = x.Inputs, x.EncodeCall, x.Signature()
	case *abi.Error:
		params, encode, sig = x.Inputs, x.Encode, x.Signature()
	default:
		return abiFail(stderr, "encode", "SIGNATURE: an event has no calldata; give a function, an error or a tuple")
	}
	values, code := parseArgs(stderr, "encode", sig, params, args[1:])
	if code != exitOK {
		return code
	}
	out, err := encode(values...)
	if err != nil {
		return abiFail(stderr, "encode", "%v", err)
	}
	fmt.Fprintln(stdout, types.EncodeHex(out))
	return exitOK
}

// parseArgs parses command-line arguments for params, naming the argument
// that is wrong.
func parseArgs(stderr io.Writer, sub, sig string, params []abi.Param, args []string) ([]any, int) {
	if len(args) != len(params) {
		return nil, abiFail(stderr, sub, "%s takes %d argument%s, got %d", sig, len(params), plural(len(params)), len(args))
	}
	values := make([]any, len(args))
	for i, a := range args {
		v, err := abi.ParseValue(params[i].Type, a)
		if err != nil {
			name := params[i].Type.String()
			if params[i].Name != "" {
				name += " " + params[i].Name
			}
			return nil, abiFail(stderr, sub, "argument %d (%s): %v", i+1, name, err)
		}
		values[i] = v
	}
	return values, exitOK
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

func abiDecode(args []string, stdout, stderr io.Writer) int {
	var asJSON, output bool
	var pos []string
	for _, a := range args {
		switch a {
		case "--json", "-json":
			asJSON = true
		case "--output", "-output":
			output = true
		case "-h", "-help", "--help":
			fmt.Fprint(stdout, abiUsage)
			return exitOK
		default:
			if strings.HasPrefix(a, "-") {
				return abiFail(stderr, "decode", "unknown flag %s (want --json, --output)", a)
			}
			pos = append(pos, a)
		}
	}
	if len(pos) != 2 {
		return abiFail(stderr, "decode", "want SIGNATURE and HEX, got %d argument%s (usage: goevm abi decode [--json] [--output] SIGNATURE HEX)", len(pos), plural(len(pos)))
	}
	item, err := abi.ParseSignature(pos[0])
	if err != nil {
		return abiFail(stderr, "decode", "SIGNATURE: %v", err)
	}
	data, err := types.DecodeHexNoPrefix(strings.TrimSpace(pos[1]))
	if err != nil {
		return abiFail(stderr, "decode", "HEX: %v", err)
	}
	var params []abi.Param
	var values []any
	switch x := item.(type) {
	case *abi.Function:
		bare := x.Name == "" && x.Type == abi.TypeConstructor
		switch {
		case output && len(x.Outputs) > 0:
			params = x.Outputs
			values, err = x.DecodeOutput(data)
		case output && bare:
			params = x.Inputs
			values, err = x.DecodeArgs(data)
		case output:
			return abiFail(stderr, "decode", "SIGNATURE: --output needs the outputs: write %s(...) or \"function %s(...) returns (...)\"", x.Signature(), x.Name)
		case bare:
			params = x.Inputs
			values, err = x.DecodeArgs(data)
		default:
			params = x.Inputs
			values, err = x.DecodeCall(data)
		}
	case *abi.Error:
		if output {
			return abiFail(stderr, "decode", "--output: an error has no outputs")
		}
		params = x.Inputs
		values, err = x.Decode(data)
	default:
		return abiFail(stderr, "decode", "SIGNATURE: events are decoded from logs (topics and data), not from one HEX")
	}
	if err != nil {
		if errors.Is(err, abi.ErrSelector) {
			return abiFail(stderr, "decode", "HEX: %v (is it return data? then use --output)", err)
		}
		return abiFail(stderr, "decode", "HEX: %v", err)
	}
	if asJSON {
		out := make([]any, len(values))
		for i, p := range params {
			out[i] = abi.JSONValue(p.Type, values[i])
		}
		enc := json.NewEncoder(stdout)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(out); err != nil {
			return abiFail(stderr, "decode", "%v", err)
		}
		return exitOK
	}
	for i, p := range params {
		fmt.Fprintln(stdout, abi.FormatValue(p.Type, values[i]))
	}
	return exitOK
}

func abiSelector(args []string, stdout, stderr io.Writer) int {
	if wantsHelp(args) {
		fmt.Fprint(stdout, abiUsage)
		return exitOK
	}
	if len(args) != 1 {
		return abiFail(stderr, "selector", "want one SIGNATURE, got %d arguments", len(args))
	}
	item, err := abi.ParseSignature(args[0])
	if err != nil {
		return abiFail(stderr, "selector", "SIGNATURE: %v", err)
	}
	switch x := item.(type) {
	case *abi.Function:
		if x.Name == "" {
			return abiFail(stderr, "selector", "SIGNATURE: %q has no name, so no selector", args[0])
		}
		fmt.Fprintln(stdout, x.Selector())
	case *abi.Error:
		fmt.Fprintln(stdout, x.Selector())
	case *abi.Event:
		fmt.Fprintln(stdout, x.Topic().Hex())
	}
	return exitOK
}
