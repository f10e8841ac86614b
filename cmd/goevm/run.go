package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/goevm/goevm/asm"
	"github.com/goevm/goevm/crypto"
	"github.com/goevm/goevm/evm"
	"github.com/goevm/goevm/fork"
	"github.com/goevm/goevm/internal/inputfile"
	"github.com/goevm/goevm/state"
	"github.com/goevm/goevm/trace"
	"github.com/goevm/goevm/types"
	"github.com/holiman/uint256"
)

const runUsage = `usage: goevm run [flags] [CODE]

Runs EVM code as a call to --receiver from --sender (or, with --create, as
initcode) and prints the return data, the gas used and the error, decoding
Error(string) and Panic(uint256) revert reasons. The defaults are those of
geth's "evm run"; every one can be changed by a flag.

With --sig the call data is built from a function signature and the
arguments that follow the flags, in cast's syntax (goevm run --code HEX
--sig 'transfer(address,uint256)' 0x... 5), and the return data is decoded
with the signature's outputs ('balanceOf(address)(uint256)' or "function
balanceOf(address) view returns (uint256)"). --abi FILE (solc's JSON ABI)
decodes custom errors and prints the logs, decoded.

Exit status: 0 when the code ran to success, 1 when it failed (reverted,
out of gas, ...), 2 for bad input.

flags:
`

// runEnv is everything a run depends on, from flags and the prestate file.
type runEnv struct {
	code, input       []byte
	gas               uint64
	value, price      uint256.Int
	fork              fork.Fork
	sender, receiver  types.Address
	coinbase          types.Address
	number, timestamp uint64
	gasLimit          uint64
	difficulty        uint256.Int
	baseFee           uint256.Int
	blobBaseFee       uint256.Int
	prevRandao        types.Hash
	chainID           uint64
	pre               *prestate
	create            bool
	abi               runABI // --sig and --abi
	memoryLimit       uint64 // evm.Config.MemoryLimit
}

func init() {
	register(&command{name: "run", summary: "run EVM code (geth evm run defaults), with trace, bench, revert reasons", run: runMain})
}

func runMain(args []string, stdout, stderr io.Writer) int {
	env, opts, err := parseRunFlags(args, stderr)
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	if err != nil {
		fmt.Fprintf(stderr, "goevm run: %v\n", err)
		return 2
	}
	db, err := env.newState()
	if err != nil {
		fmt.Fprintf(stderr, "goevm run: %v\n", err)
		return 2
	}
	var tracer *trace.Hooks
	var logger *trace.JSONLogger
	if opts.trace {
		logger = trace.NewJSONLogger(stderr, trace.JSONOptions{
			Memory: opts.traceMemory, ReturnData: opts.traceReturnData, Refund: db.GetRefund})
		tracer = logger.Hooks()
	}
	if note := env.noCodeNote(db); note != "" { // run_prestate.go
		fmt.Fprintf(stderr, "goevm run: note: %s\n", note)
	}
	res := env.executeOn(db, tracer)
	if logger != nil && logger.Err() != nil {
		fmt.Fprintf(stderr, "goevm run: writing the trace: %v\n", logger.Err())
	}
	var bench *benchResult
	if opts.bench {
		if bench, err = env.benchmark(res); err != nil {
			fmt.Fprintf(stderr, "goevm run: --bench: %v\n", err)
			return 1
		}
	}
	if opts.json {
		writeRunJSON(stdout, env, res, bench)
	} else {
		writeRunText(stdout, env, res, bench)
	}
	if res.err != nil {
		return 1
	}
	return 0
}

type runOpts struct {
	trace, traceMemory, traceReturnData bool
	bench, json                         bool
}

// addrFromString right-aligns a short name in an address, as geth's
// defaults "sender" and "receiver" are.
func addrFromString(s string) types.Address { return types.BytesToAddress([]byte(s)) }

func parseRunFlags(args []string, stderr io.Writer) (*runEnv, runOpts, error) {
	fs := flag.NewFlagSet("run", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprint(stderr, runUsage)
		fs.PrintDefaults()
	}
	var (
		opts      runOpts
		code      = fs.String("code", "", "code to run, as hex")
		codeFile  = fs.String("codefile", "", "file holding the code as hex (- for stdin)")
		input     = fs.String("input", "", "call data, as hex")
		inputFile = fs.String("inputfile", "", "file holding the call data as hex")
		gas       = fs.String("gas", "10000000000", "gas for the call")
		value     = fs.String("value", "0", "wei sent with the call")
		price     = fs.String("price", "0", "gas price (GASPRICE)")
		forkName  = fs.String("fork", fork.Mainnet.String(), "fork whose rules apply")
		pre       = fs.String("prestate", "", "JSON file with accounts: a geth genesis file or a bare alloc")
		sig       = fs.String("sig", "", "build the call data from a function signature and the arguments (cast syntax); the code then comes from --code, --codefile or the prestate")
		abiFile   = fs.String("abi", "", "JSON ABI file: decode custom errors and logs (and look --sig up by name)")
		sender    = fs.String("sender", "", "transaction origin and caller (default \"sender\" right-aligned: 0x...73656e646572)")
		receiver  = fs.String("receiver", "", "address the code runs at (default \"receiver\" right-aligned: 0x...7265636569766572)")
		coinbase  = fs.String("coinbase", "0x0000000000000000000000000000000000000000", "block coinbase")
		number    = fs.String("number", "0", "block number")
		timestamp = fs.String("timestamp", "0", "block timestamp")
		gasLimit  = fs.String("gaslimit", "", "block gas limit (default: the --gas value)")
		baseFee   = fs.String("basefee", "1000000000", "block base fee (EIP-1559)")
		blobFee   = fs.String("blobbasefee", "0", "blob base fee (EIP-7516)")
		chainID   = fs.String("chainid", "1337", "chain id (CHAINID)")
		diff      = fs.String("difficulty", "0", "block difficulty (before Paris)")
		randao    = fs.String("prevrandao", "0x0000000000000000000000000000000000000000000000000000000000000000", "PREVRANDAO (Paris on)")
	)
	fs.BoolVar(&opts.trace, "trace", false, "write an EIP-3155 JSON trace to stderr")
	fs.BoolVar(&opts.traceMemory, "trace.memory", false, "include memory in the trace")
	fs.BoolVar(&opts.traceReturnData, "trace.returndata", false, "include return data in the trace")
	fs.BoolVar(&opts.bench, "bench", false, "repeat the run and report time per run, gas/s and allocations")
	fs.BoolVar(&opts.json, "json", false, "print the result as JSON")
	create := fs.Bool("create", false, "run the code as initcode and print the deployed code and address")
	maxInput := inputfile.NewFlag()
	fs.Var(maxInput, "max-input", inputfile.Usage+" (--codefile, --inputfile, --prestate)")
	memLimit := inputfile.Flag{N: evm.DefaultMemoryLimit}
	fs.Var(&memLimit, "memory-limit", "most `bytes` of memory and return data the call's frames may hold at once (K, M, G suffixes)")

	// Flags may come after the positional code too.
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, opts, err
		}
		if fs.NArg() == 0 {
			break
		}
		positional = append(positional, fs.Arg(0))
		args = fs.Args()[1:]
	}
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })

	env := &runEnv{create: *create}
	var err error
	env.memoryLimit = uint64(memLimit.N)
	if env.pre, err = loadOptionalPrestate(*pre, maxInput.N); err != nil {
		return nil, opts, err
	}
	var sigArgs []string
	if *sig != "" {
		sigArgs, positional = positional, nil
	}
	if env.code, err = readCode(*code, *codeFile, positional, maxInput.N); err != nil {
		return nil, opts, err
	}
	if *input != "" && *inputFile != "" {
		return nil, opts, errors.New("give call data with --input or --inputfile, not both")
	}
	if env.input, err = hexArg("--input", *input); err != nil {
		return nil, opts, err
	}
	if *inputFile != "" {
		if env.input, err = hexFile("--inputfile", *inputFile, maxInput.N); err != nil {
			return nil, opts, err
		}
	}
	if err := env.setABI(*sig, *abiFile, sigArgs, *input != "" || *inputFile != ""); err != nil {
		return nil, opts, err
	}
	if env.fork, err = fork.Parse(*forkName); err != nil {
		return nil, opts, fmt.Errorf("--fork: %w (known: %s)", err, forkNames())
	}
	// A genesis file's block fields stand in for the defaults (as in geth),
	// and flags given explicitly win over both.
	g := env.pre
	pick := func(name, flagVal string, fromFile *quantity) string {
		if !set[name] && fromFile != nil {
			return fromFile.Dec()
		}
		return flagVal
	}
	if g != nil && g.Config != nil {
		*chainID = pick("chainid", *chainID, g.Config.ChainID)
	}
	if g != nil {
		*gas = pick("gas", *gas, g.GasLimit)
		*number = pick("number", *number, g.Number)
		*timestamp = pick("timestamp", *timestamp, g.Timestamp)
		*diff = pick("difficulty", *diff, g.Difficulty)
		*baseFee = pick("basefee", *baseFee, g.BaseFee)
		if !set["coinbase"] && g.Coinbase != nil {
			*coinbase = g.Coinbase.Hex()
		}
		if !set["prevrandao"] && g.MixHash != nil {
			*randao = g.MixHash.Hex()
		}
	}
	if *gasLimit == "" {
		*gasLimit = *gas
	}
	for _, u := range []struct {
		name string
		s    string
		dst  *uint64
	}{{"gas", *gas, &env.gas}, {"number", *number, &env.number}, {"timestamp", *timestamp, &env.timestamp},
		{"gaslimit", *gasLimit, &env.gasLimit}, {"chainid", *chainID, &env.chainID}} {
		if *u.dst, err = types.ParseUint64(u.s); err != nil {
			return nil, opts, fmt.Errorf("--%s: %w", u.name, err)
		}
	}
	for _, u := range []struct {
		name string
		s    string
		dst  *uint256.Int
	}{{"value", *value, &env.value}, {"price", *price, &env.price}, {"basefee", *baseFee, &env.baseFee},
		{"blobbasefee", *blobFee, &env.blobBaseFee}, {"difficulty", *diff, &env.difficulty}} {
		v, err := types.ParseU256(u.s)
		if err != nil {
			return nil, opts, fmt.Errorf("--%s: %w", u.name, err)
		}
		*u.dst = *v
	}
	env.sender, env.receiver = addrFromString("sender"), addrFromString("receiver")
	for _, a := range []struct {
		name string
		s    string
		dst  *types.Address
	}{{"sender", *sender, &env.sender}, {"receiver", *receiver, &env.receiver}, {"coinbase", *coinbase, &env.coinbase}} {
		if a.s == "" {
			continue
		}
		if *a.dst, err = types.HexToAddress(a.s); err != nil {
			return nil, opts, fmt.Errorf("--%s: %w", a.name, err)
		}
	}
	if env.prevRandao, err = types.HexToHash(*randao); err != nil {
		return nil, opts, fmt.Errorf("--prevrandao: %w", err)
	}
	return env, opts, nil
}

func forkNames() string {
	var names []string
	for _, f := range fork.All() {
		names = append(names, f.String())
	}
	return strings.Join(names, ", ")
}

func loadOptionalPrestate(path string, maxInput int64) (*prestate, error) {
	if path == "" {
		return nil, nil
	}
	p, err := loadPrestate(path, maxInput)
	if err != nil {
		return nil, fmt.Errorf("--prestate: %w", err)
	}
	return p, nil
}

// readCode takes the code from --code, --codefile or the argument: one of them.
func readCode(code, file string, positional []string, maxInput int64) ([]byte, error) {
	given := 0
	for _, s := range []string{code, file} {
		if s != "" {
			given++
		}
	}
	given += len(positional)
	if given > 1 {
		return nil, errors.New("give the code once: --code, --codefile or one argument")
	}
	switch {
	case file != "":
		return hexFile("--codefile", file, maxInput)
	case len(positional) == 1:
		return hexArg("code argument", positional[0])
	}
	return hexArg("--code", code)
}

func hexArg(what, s string) ([]byte, error) {
	b, err := asm.DecodeHexCode(s)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	return b, nil
}

// hexFile reads hex code from a file, or stdin for "-", through
// inputfile: a regular, non-empty file of at most maxInput bytes.
func hexFile(what, path string, maxInput int64) ([]byte, error) {
	var raw []byte
	var err error
	if path == "-" {
		raw, err = inputfile.ReadAll(os.Stdin, "stdin", maxInput)
	} else {
		raw, err = inputfile.Read(path, maxInput)
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	b, err := asm.DecodeHexCode(string(raw))
	if err != nil {
		return nil, fmt.Errorf("%s %s: %w", what, path, err)
	}
	return b, nil
}

// runResult is the outcome of one execution.
type runResult struct {
	output  []byte
	gasUsed uint64
	err     error
	address types.Address // --create
	logs    []*types.Log
}

// newState builds the world state a run starts from: the prestate, the
// code at the receiver (for a call), committed so storage reads as original.
func (env *runEnv) newState() (*state.Memory, error) {
	db := state.New()
	if env.pre != nil {
		if err := env.pre.apply(db); err != nil {
			return nil, err
		}
	}
	if !env.create && len(env.code) > 0 {
		db.SetCode(env.receiver, env.code)
	}
	db.Commit()
	db.BeginTx()
	return db, nil
}

func (env *runEnv) block() evm.BlockContext {
	return evm.BlockContext{
		Coinbase:    env.coinbase,
		Number:      env.number,
		Time:        env.timestamp,
		GasLimit:    env.gasLimit,
		Difficulty:  env.difficulty,
		PrevRandao:  env.prevRandao,
		BaseFee:     env.baseFee,
		BlobBaseFee: env.blobBaseFee,
		// geth's evm run answers BLOCKHASH with keccak256 of the number in decimal.
		GetHash: func(n uint64) types.Hash {
			return crypto.Keccak256([]byte(strconv.FormatUint(n, 10)))
		},
	}
}

// executeOn runs the code once against db, which it changes.
func (env *runEnv) executeOn(db *state.Memory, tracer *trace.Hooks) runResult {
	rules := env.fork.Rules()
	e := evm.New(env.block(), evm.TxContext{Origin: env.sender, GasPrice: env.price}, db, rules,
		evm.Config{Tracer: tracer, ChainID: env.chainID, MemoryLimit: env.memoryLimit})
	// The warm set a transaction starts with (EIP-2929, EIP-3651), as geth's
	// runtime prepares it.
	if rules.IsBerlin {
		db.AddAddressToAccessList(env.sender)
		if !env.create {
			db.AddAddressToAccessList(env.receiver)
		}
		for _, p := range e.ActivePrecompiles() {
			db.AddAddressToAccessList(p)
		}
	}
	if rules.IsShanghai {
		db.AddAddressToAccessList(env.coinbase)
	}
	value := env.value
	var res runResult
	var gasLeft uint64
	if env.create {
		initcode := append(append([]byte(nil), env.code...), env.input...)
		res.output, res.address, gasLeft, res.err = e.Create(env.sender, initcode, env.gas, &value)
	} else {
		res.output, gasLeft, res.err = e.Call(env.sender, env.receiver, env.input, env.gas, &value)
	}
	res.gasUsed = env.gas - gasLeft
	res.logs = db.Logs()
	return res
}

type runJSON struct {
	Output  types.Bytes    `json:"output"`
	GasUsed uint64         `json:"gasUsed"`
	Error   string         `json:"error,omitempty"`
	Revert  *revertReason  `json:"revert,omitempty"`
	Address *types.Address `json:"address,omitempty"`
	Bench   *benchResult   `json:"bench,omitempty"`
	Returns []any          `json:"returns,omitempty"` // --sig's outputs
	Logs    []runLogJSON   `json:"logs,omitempty"`    // with --abi
}

func writeRunJSON(w io.Writer, env *runEnv, res runResult, bench *benchResult) {
	out := runJSON{Output: res.output, GasUsed: res.gasUsed, Bench: bench}
	if out.Output == nil {
		out.Output = types.Bytes{}
	}
	if res.err != nil {
		out.Error = res.err.Error()
		if errors.Is(res.err, evm.ErrExecutionReverted) {
			out.Revert = decodeRevertWith(res.output, env.abi.def)
		}
	} else if env.create {
		out.Address = &res.address
	}
	env.abi.addJSON(&out, res)
	enc := json.NewEncoder(w)
	enc.Encode(out)
}

func writeRunText(w io.Writer, env *runEnv, res runResult, bench *benchResult) {
	if env.create && res.err == nil {
		fmt.Fprintf(w, "address:  %s\n", res.address)
		fmt.Fprintf(w, "code:     0x%x (%d bytes deployed)\n", res.output, len(res.output))
	} else {
		fmt.Fprintf(w, "output:   0x%x\n", res.output)
	}
	env.abi.writeReturns(w, res)
	fmt.Fprintf(w, "gas used: %d\n", res.gasUsed)
	env.abi.writeLogs(w, res)
	if res.err != nil {
		fmt.Fprintf(w, "error:    %v\n", res.err)
		if errors.Is(res.err, evm.ErrExecutionReverted) {
			if r := decodeRevertWith(res.output, env.abi.def); r != nil {
				fmt.Fprintf(w, "reason:   %s\n", r.Text)
			}
		}
	}
	if bench != nil {
		fmt.Fprintf(w, "bench:    %d runs, %s/run, %.1f Mgas/s, %.0f allocs/run (%.0f bytes)\n",
			bench.Runs, bench.perRun(), bench.GasPerSecond/1e6, bench.AllocsPerRun, bench.BytesPerRun)
	}
}
