package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"
	"runtime/debug"
	"strings"
	"syscall"
	"time"

	"github.com/decred/dcrd/dcrec/secp256k1/v4"
	"github.com/goevm/goevm/abi"
	"github.com/goevm/goevm/chain"
	"github.com/goevm/goevm/crypto"
	"github.com/goevm/goevm/crypto/hdwallet"
	"github.com/goevm/goevm/debugger"
	"github.com/goevm/goevm/fork"
	"github.com/goevm/goevm/rpc"
	"github.com/goevm/goevm/types"
	"github.com/holiman/uint256"
)

func init() {
	register(&command{name: "node", summary: "run a local development chain over JSON-RPC (like anvil)", run: runNode})
}

const nodeUsage = `Usage: goevm node [flags]

Runs a local Ethereum development chain and serves JSON-RPC 2.0 over HTTP
and WebSocket on one port. Defaults are anvil's: 127.0.0.1:8545, chain id
31337, ten dev accounts from the "test ... junk" mnemonic with 10,000 ETH
each, the fork mainnet runs (Osaka), and a block per transaction
(automine). --fork names another, Frontier to Amsterdam (--fork Amsterdam
tries the next upgrade, as far as goevm implements its EIPs). Without
--datadir the chain lives in memory; with it, it survives restarts.

--genesis FILE starts a custom chain from a geth-format genesis.json: its
chain id, allocation, genesis header (the block hash is geth's for the same
file), and fork schedule: Homestead to Gray Glacier and the Merge
(mergeNetsplitBlock, or terminalTotalDifficulty 0) by block number,
Shanghai to Osaka, the blob-parameter-only forks bpo1Time to bpo5Time,
each with its blobSchedule entry, and amsterdamTime by timestamp, in geth's
order (Amsterdam after BPO2, before BPO3; it keeps the last BPO fork's blob
schedule, as geth does). Forks switch at their block or time in the middle
of the chain. The dev accounts sign but are not
funded: the file's alloc is the whole state.

--import FILE.rlp then validates and applies concatenated RLP blocks (geth
export's format) in order, as goevm blocktest does: headers, ommers, every
transaction, and every root, bloom and gas commitment. Proof-of-work seals
(nonce and mixHash) are NOT verified. The last block becomes the head (and
safe and finalized: the node finalizes at once). Blocks the data directory
already has are skipped.

--fork-url URL starts from another node's state (anvil's --fork-url): its
block --fork-block-number (default its latest) becomes the head, and the
first block mined here is the next one, on top of the remote's hash. The
chain id (unless --chain-id is given) and gas limit (unless --gas-limit is)
are the remote's; the dev accounts get their balance over the remote state.
Accounts, code and storage nobody changed here are fetched from the remote
the first time they are read, and kept (with --datadir, on disk: a restart
fetches nothing again). State roots of the blocks mined here cover only the
state changed here, and eth_getProof is refused.

Flags:
`

// nodeFlags are goevm node's options.
type nodeFlags struct {
	host, mnemonic, datadir, forkName, cors, vhosts string
	genesis, importFile                             string
	forkURL                                         string
	forkBlock                                       uint64
	forkTimeout                                     time.Duration
	forkRetries                                     int
	set                                             map[string]bool // flags given on the command line
	port, accounts                                  int
	chainID, gasLimit, baseFee, balanceETH          uint64
	blockTime                                       float64
	noCodeSizeLimit                                 bool
}

func runNode(args []string, stdout, stderr io.Writer) int {
	var f nodeFlags
	fs := flag.NewFlagSet("node", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&f.host, "host", "127.0.0.1", "address to listen on")
	fs.IntVar(&f.port, "port", 8545, "port for HTTP and WebSocket JSON-RPC")
	fs.Uint64Var(&f.chainID, "chain-id", 31337, "chain id")
	fs.StringVar(&f.mnemonic, "mnemonic", hdwallet.DefaultMnemonic, "BIP-39 mnemonic of the dev accounts (path m/44'/60'/0'/0/i)")
	fs.IntVar(&f.accounts, "accounts", 10, "number of dev accounts")
	fs.Uint64Var(&f.balanceETH, "balance", 10000, "balance of each dev account, in ETH")
	fs.StringVar(&f.forkName, "fork", fork.Mainnet.String(), "fork of every block")
	fs.Uint64Var(&f.gasLimit, "gas-limit", 30_000_000, "block gas limit")
	fs.Uint64Var(&f.baseFee, "base-fee", 1_000_000_000, "base fee of the genesis block, in wei (EIP-1559 moves it from there)")
	fs.Float64Var(&f.blockTime, "block-time", 0, "mine a block every N seconds instead of one per transaction")
	fs.StringVar(&f.datadir, "datadir", "", "directory to keep the chain in (Pebble); empty keeps it in memory")
	fs.StringVar(&f.cors, "cors", "", "comma-separated browser origins allowed besides local pages, or *")
	fs.StringVar(&f.vhosts, "vhosts", "localhost", "comma-separated Host names accepted besides IP addresses, or *")
	fs.BoolVar(&f.noCodeSizeLimit, "disable-code-size-limit", false, "lift the EIP-170 and EIP-3860 code size limits")
	fs.StringVar(&f.genesis, "genesis", "", "geth-format genesis.json of a custom chain (replaces --chain-id, --fork, --gas-limit, --base-fee, --balance)")
	fs.StringVar(&f.importFile, "import", "", "concatenated RLP blocks to validate and import at start-up (proof-of-work seals are not verified)")
	fs.StringVar(&f.forkURL, "fork-url", "", "JSON-RPC URL of a node whose chain to fork")
	fs.Uint64Var(&f.forkBlock, "fork-block-number", 0, "block to fork at (default: the remote's latest)")
	fs.DurationVar(&f.forkTimeout, "fork-timeout", 30*time.Second, "timeout of each request to the --fork-url node")
	fs.IntVar(&f.forkRetries, "fork-retries", 3, "times a request to the --fork-url node is sent again after a network failure")
	var sf stateFlags
	sf.register(fs)
	fs.Usage = func() { fmt.Fprint(stderr, nodeUsage); fs.PrintDefaults() }
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitUsage
	}
	if fs.NArg() != 0 {
		fmt.Fprintf(stderr, "goevm node: unexpected argument %q\n", fs.Arg(0))
		return exitUsage
	}
	if os.Getenv("GOGC") == "" {
		// A node's heap is mostly long-lived (tries, caches); collecting at
		// 4x growth instead of 2x spends less of each request in the
		// collector (about 10% of an eth_call's CPU at the default).
		debug.SetGCPercent(400)
	}
	f.set = map[string]bool{}
	fs.Visit(func(fl *flag.Flag) { f.set[fl.Name] = true })
	if f.forkURL != "" && (f.genesis != "" || f.importFile != "") {
		fmt.Fprintln(stderr, "goevm node: --fork-url starts from the remote's chain; drop --genesis and --import")
		return exitUsage
	}
	if f.forkURL == "" && f.set["fork-block-number"] {
		fmt.Fprintln(stderr, "goevm node: --fork-block-number needs --fork-url")
		return exitUsage
	}
	if f.genesis != "" {
		var clash []string
		fs.Visit(func(fl *flag.Flag) {
			switch fl.Name {
			case "chain-id", "fork", "gas-limit", "base-fee", "balance":
				clash = append(clash, "--"+fl.Name)
			}
		})
		if len(clash) > 0 {
			fmt.Fprintf(stderr, "goevm node: --genesis sets the chain; drop %s\n", strings.Join(clash, ", "))
			return exitUsage
		}
	}
	cfg, keys, err := f.chainConfig()
	if err != nil {
		fmt.Fprintf(stderr, "goevm node: %v\n", err)
		return exitUsage
	}
	c, err := chain.New(cfg, f.datadir)
	if err != nil {
		fmt.Fprintf(stderr, "goevm node: %v\n", err)
		return exitFailed
	}
	defer c.Close()
	if f.importFile != "" {
		if err := importBlocks(c, f.importFile, stdout); err != nil {
			fmt.Fprintf(stderr, "goevm node: --import %s: %v\n", f.importFile, err)
			return exitFailed
		}
	}
	if err := sf.loadInto(c, stdout); err != nil {
		fmt.Fprintf(stderr, "goevm node: --load-state %s: %v\n", sf.load, err)
		return exitFailed
	}
	if f.blockTime > 0 {
		c.SetIntervalMining(time.Duration(f.blockTime * float64(time.Second)))
	}

	srv := rpc.NewServer(c, rpc.Options{
		Keys: keys, Log: stdout, ClientVersion: clientVersion(),
		Access: rpc.Access{VHosts: splitList(f.vhosts), CORS: splitList(f.cors)},
	})
	defer srv.Close()

	addr := net.JoinHostPort(f.host, fmt.Sprint(f.port))
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		fmt.Fprintf(stderr, "goevm node: %v\n", err)
		return exitFailed
	}
	printBanner(stdout, &f, c.Config(), keys, c, ln.Addr().String())
	if ip := net.ParseIP(f.host); ip == nil || !ip.IsLoopback() {
		fmt.Fprintf(stderr, "\nWARNING: listening on %s, not a loopback address. The dev accounts are unlocked:\n"+
			"anyone who can reach this port can spend their funds and sign with their keys.\n\n", f.host)
	}
	// The step debugger for the node's own transactions sits beside the
	// JSON-RPC endpoint, behind the same Host check.
	mux := http.NewServeMux()
	mux.Handle("/debug/", srv.Guard(http.StripPrefix("/debug", debugger.NewNodeBrowser("http://"+ln.Addr().String(), c.PendingFork(), nil))))
	mux.Handle("/", srv)
	hs := &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second, IdleTimeout: 2 * time.Minute}
	done := make(chan error, 1)
	go func() { done <- hs.Serve(ln) }()

	sig := make(chan os.Signal, 1)
	signal.Notify(sig, os.Interrupt, syscall.SIGTERM)
	select {
	case err := <-done:
		fmt.Fprintf(stderr, "goevm node: %v\n", err)
		return exitFailed
	case <-sig:
	}
	fmt.Fprintln(stdout, "\nShutting down.")
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	hs.Shutdown(ctx)
	c.SetIntervalMining(0)
	if err := sf.dumpFrom(c, stdout); err != nil {
		fmt.Fprintf(stderr, "goevm node: --dump-state %s: %v\n", sf.dump, err)
		return exitFailed
	}
	return exitOK
}

// importBlocks runs --import: the whole file, stopping at the first block
// refused.
func importBlocks(c *chain.Chain, path string, stdout io.Writer) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	start := time.Now()
	n, err := c.ImportRLP(data)
	if err != nil {
		return fmt.Errorf("after %d blocks: %w", n, err)
	}
	head := c.Head()
	fmt.Fprintf(stdout, "Imported %d blocks in %v; head %d %s\n", n, time.Since(start).Round(time.Millisecond), head.Header.Number, head.Hash())
	return nil
}

func (f *nodeFlags) chainConfig() (chain.Config, []*secp256k1.PrivateKey, error) {
	if f.genesis != "" {
		return f.genesisConfig()
	}
	cfg := chain.DefaultConfig()
	fk, err := fork.Parse(f.forkName)
	if err != nil {
		return cfg, nil, fmt.Errorf("--fork: %w", err)
	}
	if f.accounts < 0 || f.accounts > 10_000 {
		return cfg, nil, fmt.Errorf("--accounts %d: want 0 to 10000", f.accounts)
	}
	if f.gasLimit < 21_000 {
		return cfg, nil, fmt.Errorf("--gas-limit %d: want at least 21000", f.gasLimit)
	}
	keys, err := hdwallet.DevAccounts(strings.TrimSpace(f.mnemonic), f.accounts)
	if err != nil {
		return cfg, nil, fmt.Errorf("--mnemonic: %w", err)
	}
	cfg.ChainID, cfg.Fork, cfg.GasLimit, cfg.BaseFee = f.chainID, fk, f.gasLimit, f.baseFee
	cfg.DisableCodeSizeLimit = f.noCodeSizeLimit
	wei := new(uint256.Int).Mul(uint256.NewInt(f.balanceETH), uint256.NewInt(1e18))
	for _, k := range keys {
		cfg.Alloc[crypto.KeyAddress(k)] = chain.GenesisAccount{Balance: *wei}
	}
	if f.forkURL != "" {
		cfg.Remote = &chain.RemoteFork{URL: f.forkURL, Timeout: f.forkTimeout, Retries: f.forkRetries}
		if f.set["fork-block-number"] {
			n := f.forkBlock
			cfg.Remote.Block = &n
		}
		if !f.set["chain-id"] {
			cfg.ChainID = 0 // the remote's
		}
		if !f.set["gas-limit"] {
			cfg.GasLimit = 0 // the remote's
		}
	}
	return cfg, keys, nil
}

// genesisConfig is --genesis: the chain is the file's; the dev accounts
// only sign (funding them would change the genesis hash).
func (f *nodeFlags) genesisConfig() (chain.Config, []*secp256k1.PrivateKey, error) {
	data, err := os.ReadFile(f.genesis)
	if err != nil {
		return chain.Config{}, nil, fmt.Errorf("--genesis: %w", err)
	}
	cfg, err := chain.ParseGethGenesis(data)
	if err != nil {
		return chain.Config{}, nil, fmt.Errorf("--genesis %s: %w", f.genesis, err)
	}
	cfg.DisableCodeSizeLimit = f.noCodeSizeLimit
	if f.accounts < 0 || f.accounts > 10_000 {
		return cfg, nil, fmt.Errorf("--accounts %d: want 0 to 10000", f.accounts)
	}
	keys, err := hdwallet.DevAccounts(strings.TrimSpace(f.mnemonic), f.accounts)
	if err != nil {
		return cfg, nil, fmt.Errorf("--mnemonic: %w", err)
	}
	return cfg, keys, nil
}

func printBanner(w io.Writer, f *nodeFlags, cfg chain.Config, keys []*secp256k1.PrivateKey, c *chain.Chain, addr string) {
	fmt.Fprintf(w, "goevm node %s\n\n", moduleVersion())
	if f.genesis != "" {
		fmt.Fprintf(w, "Available accounts (funded only if %s allocates to them)\n", f.genesis)
	} else {
		fmt.Fprintf(w, "Available accounts (%d ETH each)\n", f.balanceETH)
	}
	for i, k := range keys {
		fmt.Fprintf(w, "(%d) %s\n", i, abi.ChecksumAddress(crypto.KeyAddress(k)))
	}
	fmt.Fprintf(w, "\nPrivate keys\n")
	for i, k := range keys {
		fmt.Fprintf(w, "(%d) %s\n", i, types.EncodeHex(k.Serialize()))
	}
	fmt.Fprintf(w, "\nMnemonic:   %s\nPath:       m/44'/60'/0'/0/i\n", f.mnemonic)
	store := "in memory"
	if f.datadir != "" {
		store = f.datadir
	}
	head := c.Head()
	fmt.Fprintf(w, "\nChain id:   %d\nFork:       %s\nGas limit:  %d\nBase fee:   %s wei\nStore:      %s (block %d)\n",
		cfg.ChainID, c.PendingFork(), cfg.GasLimit, head.Header.BaseFee, store, head.Header.Number)
	if n, h, ok := c.Forked(); ok {
		fmt.Fprintf(w, "Forked:     %s at block %d %s\n", f.forkURL, n, h)
	}
	if f.blockTime > 0 {
		fmt.Fprintf(w, "Mining:     a block every %gs\n", f.blockTime)
	} else {
		fmt.Fprintf(w, "Mining:     automine (a block per transaction)\n")
	}
	fmt.Fprintf(w, "\nListening on http://%s and ws://%s\nDebugger:   http://%s/debug/\n", addr, addr, addr)
}

func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// clientVersion answers web3_clientVersion. hardhat-network-helpers only
// talk to nodes whose version starts with "HardhatNetwork" or "anvil", so
// goevm answers in hardhat's form and names itself after it; every
// hardhat_ method the helpers call is served.
func clientVersion() string {
	return "HardhatNetwork/2.26.0/goevm/" + strings.ReplaceAll(moduleVersion(), " ", "-")
}
