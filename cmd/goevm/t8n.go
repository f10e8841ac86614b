package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math/big"
	"os"
	"path/filepath"
	"strings"

	"github.com/goevm/goevm/internal/inputfile"
	"github.com/goevm/goevm/spectest"
	"github.com/goevm/goevm/types"
)

func init() {
	register(&command{
		name:    "t8n",
		summary: "state transition tool (execution-spec-tests t8n interface)",
		run:     func(args []string, stdout, stderr io.Writer) int { return runT8n(args, os.Stdin, stdout, stderr) },
	})
}

type t8nFlags struct {
	inAlloc, inEnv, inTxs        string
	outBase, outResult, outAlloc string
	outBody                      string
	fork                         string
	chainID                      uint64
	reward                       string
	stateTest                    bool
	maxInput                     *inputfile.Flag
}

func runT8n(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	var f t8nFlags
	fs := flag.NewFlagSet("t8n", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&f.inAlloc, "input.alloc", "alloc.json", "`file` with the pre-state alloc, or stdin")
	fs.StringVar(&f.inEnv, "input.env", "env.json", "`file` with the block env, or stdin")
	fs.StringVar(&f.inTxs, "input.txs", "txs.json", "`file` with the transactions (JSON, or a hex RLP list if it ends in .rlp), or stdin")
	fs.StringVar(&f.outBase, "output.basedir", "", "`dir` for output files (created if missing)")
	fs.StringVar(&f.outResult, "output.result", "result.json", "`file` for the result, or stdout/stderr")
	fs.StringVar(&f.outAlloc, "output.alloc", "alloc.json", "`file` for the post-state alloc, or stdout/stderr (the default, as in geth, is also --input.alloc's: the input is overwritten)")
	fs.StringVar(&f.outBody, "output.body", "", "`file` for the RLP of the included transactions, or stdout/stderr")
	fs.StringVar(&f.fork, "state.fork", "GrayGlacier", "fork `name`, a BPO fork (BPO1..BPO4) or a transition such as ShanghaiToCancunAtTime15k or BPO2ToAmsterdamAtTime15k, optionally with extra EIPs: Berlin+3855+3860")
	fs.Uint64Var(&f.chainID, "state.chainid", 1, "chain id")
	fs.StringVar(&f.reward, "state.reward", "0", "block reward in wei; -1 disables rewards")
	fs.BoolVar(&f.stateTest, "state-test", false, "apply the transactions only (no system calls, withdrawals, requests or rewards)")
	f.maxInput = inputfile.NewFlag()
	fs.Var(f.maxInput, "max-input", inputfile.Usage+" per input file (or stdin)")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "Usage: goevm t8n [--input.alloc F] [--input.env F] [--input.txs F] [--output.basedir D]")
		fmt.Fprintln(stderr, "                 [--output.result F] [--output.alloc F] [--output.body F] [--state.fork F] [--state.chainid N] [--state.reward N]")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitUsage
	}
	reward, ok := new(big.Int).SetString(f.reward, 0)
	if !ok {
		fmt.Fprintf(stderr, "goevm t8n: --state.reward %q is not an integer\n", f.reward)
		return exitUsage
	}

	in, err := readT8nInput(&f, stdin)
	if err != nil {
		return t8nFail(stderr, err)
	}
	out, err := spectest.RunT8n(in, spectest.T8nOptions{Fork: f.fork, ChainID: f.chainID, Reward: reward, StateTest: f.stateTest})
	if err != nil {
		return t8nFail(stderr, err)
	}
	if err := writeT8nOutput(&f, out, stdout, stderr); err != nil {
		return t8nFail(stderr, &spectest.T8nError{Code: spectest.T8nExitIO, Err: err})
	}
	return exitOK
}

// t8nFail prints err and returns the t8n exit code it carries.
func t8nFail(stderr io.Writer, err error) int {
	code := spectest.T8nExitInput
	var te *spectest.T8nError
	if errors.As(err, &te) {
		code = te.Code
	}
	fmt.Fprintf(stderr, "ERROR(%d): %v\n", code, err)
	return code
}

// readT8nInput loads alloc, env and txs from their files, or from one JSON
// object {"alloc","env","txs"} on stdin for those given as "stdin".
func readT8nInput(f *t8nFlags, stdin io.Reader) (*spectest.T8nInput, error) {
	in := &spectest.T8nInput{}
	var fromStdin struct {
		Alloc json.RawMessage `json:"alloc"`
		Env   json.RawMessage `json:"env"`
		Txs   json.RawMessage `json:"txs"`
	}
	if f.inAlloc == "stdin" || f.inEnv == "stdin" || f.inTxs == "stdin" {
		data, err := inputfile.ReadAll(stdin, "stdin", f.maxInput.N)
		if err != nil {
			return nil, &spectest.T8nError{Code: spectest.T8nExitIO, Err: fmt.Errorf("reading stdin: %w", err)}
		}
		if err := json.Unmarshal(data, &fromStdin); err != nil {
			return nil, inputError(fmt.Errorf("stdin: %w", err))
		}
	}
	load := func(name, path string, stdinPart json.RawMessage) ([]byte, error) {
		if path == "stdin" {
			if len(stdinPart) == 0 {
				return nil, inputError(fmt.Errorf("stdin: missing field %s", name))
			}
			return stdinPart, nil
		}
		data, err := inputfile.Read(path, f.maxInput.N)
		if err != nil {
			return nil, &spectest.T8nError{Code: spectest.T8nExitIO, Err: fmt.Errorf("input.%s: %w", name, err)}
		}
		return data, nil
	}
	alloc, err := load("alloc", f.inAlloc, fromStdin.Alloc)
	if err != nil {
		return nil, err
	}
	if err := spectest.DecodeJSON(alloc, &in.Alloc); err != nil {
		return nil, inputError(fmt.Errorf("input.alloc: %w", err))
	}
	env, err := load("env", f.inEnv, fromStdin.Env)
	if err != nil {
		return nil, err
	}
	if err := spectest.DecodeJSON(env, &in.Env); err != nil {
		return nil, inputError(fmt.Errorf("input.env: %w", err))
	}
	txs, err := load("txs", f.inTxs, fromStdin.Txs)
	if err != nil {
		return nil, err
	}
	// A JSON string holds the hex RLP list of --output.body (the .rlp form).
	// (null is no transactions, as for geth's t8n, not an empty string.)
	var hexRLP string
	if strings.HasSuffix(f.inTxs, ".rlp") || isJSONString(txs) {
		if hexRLP == "" {
			if err := json.Unmarshal(txs, &hexRLP); err != nil {
				return nil, inputError(fmt.Errorf("input.txs: an .rlp file holds a JSON string of hex: %w", err))
			}
		}
		b, err := types.DecodeHex(hexRLP)
		if err != nil {
			return nil, inputError(fmt.Errorf("input.txs: %w", err))
		}
		in.TxsRLP = b
	} else {
		in.Txs = txs
	}
	return in, nil
}

// isJSONString reports whether a JSON value is a string.
func isJSONString(v []byte) bool {
	v = bytes.TrimSpace(v)
	return len(v) > 0 && v[0] == '"'
}

func inputError(err error) error {
	return &spectest.T8nError{Code: spectest.T8nExitInput, Err: err}
}

// writeT8nOutput writes result, alloc and body to their files under the
// base dir, or gathers those sent to stdout/stderr into one JSON object
// {"alloc","result","body"} per stream.
func writeT8nOutput(f *t8nFlags, out *spectest.T8nOutput, stdout, stderr io.Writer) error {
	streams := map[string]map[string]any{}
	put := func(target, key string, v any) error {
		switch target {
		case "":
			return nil
		case "stdout", "stderr":
			if streams[target] == nil {
				streams[target] = map[string]any{}
			}
			streams[target][key] = v
			return nil
		}
		path := target
		if f.outBase != "" {
			if err := os.MkdirAll(f.outBase, 0o755); err != nil {
				return err
			}
			path = filepath.Join(f.outBase, target)
		}
		data, err := json.MarshalIndent(v, "", "  ")
		if err != nil {
			return err
		}
		return os.WriteFile(path, append(data, '\n'), 0o644)
	}
	if err := put(f.outAlloc, "alloc", out.Alloc); err != nil {
		return err
	}
	if err := put(f.outResult, "result", out.Result); err != nil {
		return err
	}
	if err := put(f.outBody, "body", out.Body); err != nil {
		return err
	}
	for name, w := range map[string]io.Writer{"stdout": stdout, "stderr": stderr} {
		if obj := streams[name]; obj != nil {
			data, err := json.MarshalIndent(obj, "", "  ")
			if err != nil {
				return err
			}
			if _, err := fmt.Fprintf(w, "%s\n", data); err != nil {
				return err
			}
		}
	}
	return nil
}
