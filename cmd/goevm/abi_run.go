package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/goevm/goevm/abi"
	"github.com/goevm/goevm/types"
)

// runABI is what `goevm run --sig ... --abi FILE` knows about the contract:
// the function called (its outputs decode the return data) and the ABI
// (custom errors and events).
type runABI struct {
	fn  *abi.Function
	def *abi.ABI
}

// runLogJSON is one log in `goevm run --json` output, decoded when the
// ABI declares its event.
type runLogJSON struct {
	Address types.Address `json:"address"`
	Topics  []types.Hash  `json:"topics"`
	Data    types.Bytes   `json:"data"`
	Event   string        `json:"event,omitempty"` // the event's signature
	Args    []any         `json:"args,omitempty"`  // as `goevm abi decode --json` prints them
}

// setABI reads --abi and builds the call data from --sig and its arguments.
func (env *runEnv) setABI(sig, file string, args []string, haveInput bool) error {
	if file != "" {
		raw, err := os.ReadFile(file)
		if err != nil {
			return fmt.Errorf("--abi: %w", err)
		}
		if env.abi.def, err = abi.ParseJSON(raw); err != nil {
			return fmt.Errorf("--abi %s: %w", file, err)
		}
	}
	if sig == "" {
		return nil
	}
	if haveInput {
		return errors.New("give the call data with --input/--inputfile or with --sig, not both")
	}
	var err error
	switch {
	case env.abi.def != nil && !strings.Contains(sig, "("):
		if sig == "constructor" && env.abi.def.Constructor != nil {
			env.abi.fn = env.abi.def.Constructor
		} else if env.abi.fn, err = env.abi.def.Function(sig); err != nil {
			return fmt.Errorf("--sig: %w", err)
		}
	default:
		if env.abi.fn, err = abi.ParseFunction(sig); err != nil {
			return fmt.Errorf("--sig: %w", err)
		}
		if env.abi.fn.Name == "" && env.abi.fn.Type != abi.TypeConstructor {
			return fmt.Errorf("--sig %q: want a function", sig)
		}
	}
	fn := env.abi.fn
	if len(args) != len(fn.Inputs) {
		return fmt.Errorf("--sig %s takes %d argument%s, got %d", fn.Signature(), len(fn.Inputs), plural(len(fn.Inputs)), len(args))
	}
	values := make([]any, len(args))
	for i, a := range args {
		if values[i], err = abi.ParseValue(fn.Inputs[i].Type, a); err != nil {
			return fmt.Errorf("--sig argument %d (%s): %w", i+1, fn.Inputs[i].Type, err)
		}
	}
	if env.input, err = fn.EncodeCall(values...); err != nil {
		return fmt.Errorf("--sig: %w", err)
	}
	return nil
}

// returns decodes the return data with --sig's outputs; ok is false when
// there is nothing to decode.
func (r runABI) returns(res runResult) (params []abi.Param, values []any, ok bool, err error) {
	if r.fn == nil || len(r.fn.Outputs) == 0 || res.err != nil || r.fn.Type == abi.TypeConstructor {
		return nil, nil, false, nil
	}
	values, err = r.fn.DecodeOutput(res.output)
	return r.fn.Outputs, values, true, err
}

func (r runABI) writeReturns(w io.Writer, res runResult) {
	params, values, ok, err := r.returns(res)
	if !ok {
		return
	}
	if err != nil {
		fmt.Fprintf(w, "returns:  cannot decode as %s: %v\n", abi.Types(params), err)
		return
	}
	parts := make([]string, len(values))
	for i, p := range params {
		parts[i] = abi.FormatValue(p.Type, values[i])
	}
	fmt.Fprintf(w, "returns:  %s\n", strings.Join(parts, ", "))
}

// decodeLog finds a log's event in the ABI.
func (r runABI) decodeLog(l *types.Log) (*abi.Event, []any) {
	if r.def == nil {
		return nil, nil
	}
	ev, args, err := r.def.DecodeLog(l)
	if err != nil {
		return nil, nil
	}
	return ev, args
}

// writeLogs prints the logs when --abi is given: decoded if the ABI
// declares the event, raw otherwise.
func (r runABI) writeLogs(w io.Writer, res runResult) {
	if r.def == nil {
		return
	}
	for _, l := range res.logs {
		ev, args := r.decodeLog(l)
		if ev == nil {
			fmt.Fprintf(w, "log:      %s topics %v data 0x%x\n", l.Address, l.Topics, []byte(l.Data))
			continue
		}
		parts := make([]string, len(args))
		for i, p := range ev.Inputs {
			parts[i] = abi.FormatValue(p.IndexedType(), args[i])
			if p.Name != "" {
				parts[i] = p.Name + ": " + parts[i]
			}
		}
		fmt.Fprintf(w, "log:      %s(%s)\n", ev.Name, strings.Join(parts, ", "))
	}
}

func (r runABI) addJSON(out *runJSON, res runResult) {
	if params, values, ok, err := r.returns(res); ok && err == nil {
		for i, p := range params {
			out.Returns = append(out.Returns, abi.JSONValue(p.Type, values[i]))
		}
	}
	if r.def == nil {
		return
	}
	for _, l := range res.logs {
		j := runLogJSON{Address: l.Address, Topics: l.Topics, Data: l.Data}
		if ev, args := r.decodeLog(l); ev != nil {
			j.Event = ev.Signature()
			for i, p := range ev.Inputs {
				j.Args = append(j.Args, abi.JSONValue(p.IndexedType(), args[i]))
			}
		}
		out.Logs = append(out.Logs, j)
	}
}
