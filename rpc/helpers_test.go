package rpc

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/decred/dcrd/dcrec/secp256k1/v4"
	"github.com/goevm/goevm/asm"
	"github.com/goevm/goevm/chain"
	"github.com/goevm/goevm/crypto"
	"github.com/goevm/goevm/crypto/hdwallet"
	"github.com/goevm/goevm/types"
	"github.com/holiman/uint256"
)

// The tests in this package start a node in-process (chain.New on an
// in-memory store, NewServer, httptest) and talk to it over HTTP and
// WebSocket as a client would. Expected values come from outside the code
// under test; each says where from.

// devAddr0 is anvil's and hardhat's first dev account for the "test test
// ... junk" mnemonic (as printed by `anvil` at start-up).
var devAddr0 = types.MustHexToAddress("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266")

// tenThousandETH is anvil's default dev balance: 10,000 ETH in wei.
var tenThousandETH = uint256.MustFromDecimal("10000000000000000000000")

type testNode struct {
	t     *testing.T
	chain *chain.Chain
	srv   *Server
	http  *httptest.Server
	url   string
	keys  []*secp256k1.PrivateKey
	accts []types.Address
}

// newNode starts a node with anvil's ten dev accounts funded with 10,000
// ETH each; mod, if given, edits the configuration first.
func newNode(t *testing.T, mod ...func(*chain.Config)) *testNode {
	t.Helper()
	return newNodeWith(t, Limits{}, mod...)
}

// newNodeWith starts a node with the given limits (zero: the defaults).
func newNodeWith(t *testing.T, limits Limits, mod ...func(*chain.Config)) *testNode {
	t.Helper()
	cfg := chain.DefaultConfig()
	n := devNode(t, &cfg)
	for _, m := range mod {
		m(&cfg)
	}
	c, err := chain.New(cfg, "")
	if err != nil {
		t.Fatal(err)
	}
	n.serve(c, Options{Keys: n.keys, Limits: limits, ClientVersion: "HardhatNetwork/2.26.0/goevm/test"})
	return n
}

// devNode is a testNode of the dev mnemonic's ten accounts (anvil's), each
// given 10,000 ETH in cfg's genesis.
func devNode(t *testing.T, cfg *chain.Config) *testNode {
	t.Helper()
	keys, err := hdwallet.DevAccounts(hdwallet.DefaultMnemonic, 10)
	if err != nil {
		t.Fatal(err)
	}
	n := &testNode{t: t, keys: keys}
	for _, k := range keys {
		a := crypto.KeyAddress(k)
		n.accts = append(n.accts, a)
		cfg.Alloc[a] = chain.GenesisAccount{Balance: *tenThousandETH}
	}
	return n
}

// serve puts a server with opts on c over HTTP, closed (with c) at the
// end of the test or by n.close.
func (n *testNode) serve(c *chain.Chain, opts Options) {
	n.chain = c
	n.srv = NewServer(c, opts)
	n.http = httptest.NewServer(n.srv)
	n.url = n.http.URL
	n.t.Cleanup(n.close)
}

// rpcResp is a JSON-RPC response as it arrives.
type rpcResp struct {
	JSONRPC string          `json:"jsonrpc"`
	ID      json.RawMessage `json:"id"`
	Result  json.RawMessage `json:"result"`
	Error   *rpcErr         `json:"error"`
}

type rpcErr struct {
	Code    int             `json:"code"`
	Message string          `json:"message"`
	Data    json.RawMessage `json:"data"`
}

func (e *rpcErr) String() string {
	if e == nil {
		return "<no error>"
	}
	return fmt.Sprintf("code %d %q data %s", e.Code, e.Message, e.Data)
}

// post sends a raw body and returns the HTTP status and body.
func (n *testNode) post(body string) (int, []byte) {
	n.t.Helper()
	resp, err := http.Post(n.url, "application/json", strings.NewReader(body))
	if err != nil {
		n.t.Fatalf("POST: %v", err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		n.t.Fatal(err)
	}
	return resp.StatusCode, b
}

func reqJSON(method string, params ...any) string {
	if params == nil {
		params = []any{}
	}
	b, err := json.Marshal(map[string]any{"jsonrpc": "2.0", "id": 1, "method": method, "params": params})
	if err != nil {
		panic(err)
	}
	return string(b)
}

// do sends one request and returns its result or error.
func (n *testNode) do(method string, params ...any) (json.RawMessage, *rpcErr) {
	n.t.Helper()
	return n.doRaw(reqJSON(method, params...))
}

func (n *testNode) doRaw(body string) (json.RawMessage, *rpcErr) {
	n.t.Helper()
	status, b := n.post(body)
	if status != http.StatusOK {
		n.t.Fatalf("%s: HTTP %d: %s", short(body), status, b)
	}
	var r rpcResp
	if err := json.Unmarshal(b, &r); err != nil {
		n.t.Fatalf("%s: answer is not a response: %v: %s", short(body), err, b)
	}
	if r.JSONRPC != "2.0" {
		n.t.Fatalf("%s: answer without jsonrpc 2.0: %s", short(body), b)
	}
	if (r.Error == nil) == (r.Result == nil) {
		n.t.Fatalf("%s: a response has exactly one of result and error: %s", short(body), b)
	}
	return r.Result, r.Error
}

// call sends a request that must succeed and decodes its result into out
// (if not nil); it returns the raw result.
func (n *testNode) call(out any, method string, params ...any) json.RawMessage {
	n.t.Helper()
	res, e := n.do(method, params...)
	if e != nil {
		n.t.Fatalf("%s: %s", method, e)
	}
	if out != nil {
		if err := json.Unmarshal(res, out); err != nil {
			n.t.Fatalf("%s: result %s: %v", method, res, err)
		}
	}
	return res
}

// fail sends a request that must fail with code; msgPart must appear in
// the message (case-insensitive).
func (n *testNode) fail(code int, msgPart string, method string, params ...any) *rpcErr {
	n.t.Helper()
	res, e := n.do(method, params...)
	checkErr(n.t, method, res, e, code, msgPart)
	return e
}

func checkErr(t *testing.T, what string, res json.RawMessage, e *rpcErr, code int, msgPart string) {
	t.Helper()
	if e == nil {
		t.Errorf("%s: result %s, want error code %d (%q)", what, res, code, msgPart)
		return
	}
	if e.Code != code || !strings.Contains(strings.ToLower(e.Message), strings.ToLower(msgPart)) {
		t.Errorf("%s: got %s, want code %d with %q", what, e, code, msgPart)
	}
}

// hexU64 decodes a JSON quantity.
func hexU64(t *testing.T, raw json.RawMessage) uint64 {
	t.Helper()
	var s string
	if err := json.Unmarshal(raw, &s); err != nil {
		t.Fatalf("quantity %s: %v", raw, err)
	}
	v, err := types.ParseUint64(s)
	if err != nil || !strings.HasPrefix(s, "0x") {
		t.Fatalf("quantity %q: %v", s, err)
	}
	if s != "0x0" && strings.HasPrefix(s, "0x0") {
		t.Fatalf("quantity %q has leading zeros", s)
	}
	return v
}

func hexBig(t *testing.T, raw json.RawMessage) *uint256.Int {
	t.Helper()
	var s string
	if err := json.Unmarshal(raw, &s); err != nil {
		t.Fatalf("quantity %s: %v", raw, err)
	}
	v, err := uint256.FromHex(s)
	if err != nil {
		t.Fatalf("quantity %q: %v", s, err)
	}
	return v
}

func hexBytes(t *testing.T, raw json.RawMessage) []byte {
	t.Helper()
	var s string
	if err := json.Unmarshal(raw, &s); err != nil {
		t.Fatalf("bytes %s: %v", raw, err)
	}
	b, err := types.DecodeHex(s)
	if err != nil {
		t.Fatalf("bytes %q: %v", s, err)
	}
	return b
}

func (n *testNode) blockNumber() uint64 {
	n.t.Helper()
	return hexU64(n.t, n.call(nil, "eth_blockNumber"))
}

func (n *testNode) balance(a types.Address, tag ...string) *uint256.Int {
	n.t.Helper()
	block := "latest"
	if len(tag) > 0 {
		block = tag[0]
	}
	return hexBig(n.t, n.call(nil, "eth_getBalance", a, block))
}

func (n *testNode) nonce(a types.Address, tag string) uint64 {
	n.t.Helper()
	return hexU64(n.t, n.call(nil, "eth_getTransactionCount", a, tag))
}

// chainSnapshot is what a refused request must leave alone.
type chainSnapshot struct {
	head     uint64
	headHash string
	balances []string
}

func (n *testNode) snap() chainSnapshot {
	n.t.Helper()
	var b struct{ Hash string }
	n.call(&b, "eth_getBlockByNumber", "latest", false)
	s := chainSnapshot{head: n.blockNumber(), headHash: b.Hash}
	for _, a := range n.accts[:3] {
		s.balances = append(s.balances, n.balance(a).Hex())
	}
	return s
}

func (n *testNode) unchanged(before chainSnapshot, what string) {
	n.t.Helper()
	if after := n.snap(); fmt.Sprint(after) != fmt.Sprint(before) {
		n.t.Errorf("%s changed the chain: before %v, after %v", what, before, after)
	}
}

// receipt is the part of a receipt the tests read.
type receipt struct {
	TransactionHash   types.Hash     `json:"transactionHash"`
	BlockHash         types.Hash     `json:"blockHash"`
	BlockNumber       string         `json:"blockNumber"`
	Status            string         `json:"status"`
	GasUsed           string         `json:"gasUsed"`
	CumulativeGasUsed string         `json:"cumulativeGasUsed"`
	EffectiveGasPrice string         `json:"effectiveGasPrice"`
	ContractAddress   *types.Address `json:"contractAddress"`
	From              types.Address  `json:"from"`
	To                *types.Address `json:"to"`
	Type              string         `json:"type"`
	Logs              []struct {
		Address  types.Address `json:"address"`
		Topics   []types.Hash  `json:"topics"`
		Data     string        `json:"data"`
		LogIndex string        `json:"logIndex"`
	} `json:"logs"`
	LogsBloom string `json:"logsBloom"`
}

func (n *testNode) receipt(h types.Hash) *receipt {
	n.t.Helper()
	var r *receipt
	n.call(&r, "eth_getTransactionReceipt", h)
	if r == nil {
		n.t.Fatalf("no receipt for %s", h)
	}
	return r
}

// send sends a transaction from a dev account with eth_sendTransaction
// and returns its receipt (automine mines it before the call returns).
func (n *testNode) send(tx map[string]any) *receipt {
	n.t.Helper()
	var h types.Hash
	n.call(&h, "eth_sendTransaction", tx)
	return n.receipt(h)
}

// signRaw signs tx with dev key i (EIP-155/typed, chain 31337) and returns
// the raw hex.
func (n *testNode) signRaw(i int, tx *types.Transaction) string {
	n.t.Helper()
	if tx.Type != types.LegacyTxType {
		tx.ChainID = *uint256.NewInt(31337)
	}
	if err := types.LatestSigner(31337).SignTx(tx, n.keys[i]); err != nil {
		n.t.Fatal(err)
	}
	raw, err := tx.MarshalBinary()
	if err != nil {
		n.t.Fatal(err)
	}
	return types.EncodeHex(raw)
}

func gwei(v uint64) uint256.Int { return *new(uint256.Int).Mul(uint256.NewInt(v), uint256.NewInt(1e9)) }

// dynTx is a type-2 transaction paying at most 100 gwei with a 1 gwei tip.
func dynTx(nonce, gas uint64, to *types.Address, value uint64, data []byte) *types.Transaction {
	return &types.Transaction{Type: types.DynamicFeeTxType, Nonce: nonce, Gas: gas, To: to,
		Value: *uint256.NewInt(value), Data: data, GasFeeCap: gwei(100), GasTipCap: gwei(1)}
}

func addrPtr(a types.Address) *types.Address { return &a }

// The test contract, assembled by the repo's asm package. The first byte
// of the call data selects what it does:
//
//	0x00            return storage slot 0
//	0x01 v(32)      store v in slot 0 and emit Stored(caller indexed) with v as data
//	0x02 data...    revert with data... as the revert data
//	0x03            succeed only if at least 100,000 gas is left (for estimateGas)
//	0x04            return BASEFEE, TIMESTAMP, NUMBER, COINBASE (32 bytes each)
//	0x05            read BALANCE of 0x…bEEF and slot 7 (for access lists)
//	0x06            return CALLER and BALANCE(CALLER)
//	anything else   revert with no data
var testContractAsm = `
	PUSH0 CALLDATALOAD PUSH1 0xf8 SHR
	DUP1 ISZERO PUSH @get JUMPI
	DUP1 PUSH1 1 EQ PUSH @set JUMPI
	DUP1 PUSH1 2 EQ PUSH @rev JUMPI
	DUP1 PUSH1 3 EQ PUSH @gasreq JUMPI
	DUP1 PUSH1 4 EQ PUSH @env JUMPI
	DUP1 PUSH1 5 EQ PUSH @touch JUMPI
	DUP1 PUSH1 6 EQ PUSH @who JUMPI
	PUSH0 PUSH0 REVERT
get:
	PUSH0 SLOAD PUSH0 MSTORE PUSH1 32 PUSH0 RETURN
set:
	PUSH1 1 CALLDATALOAD DUP1 PUSH0 SSTORE
	PUSH0 MSTORE
	CALLER PUSH32 ` + storedTopicHex + ` PUSH1 32 PUSH0 LOG2
	STOP
rev:
	CALLDATASIZE PUSH1 1 SWAP1 SUB
	DUP1 PUSH1 1 PUSH0 CALLDATACOPY
	PUSH0 REVERT
gasreq:
	PUSH3 100000 GAS LT PUSH @fail JUMPI
	STOP
fail:
	PUSH0 PUSH0 REVERT
env:
	BASEFEE PUSH0 MSTORE TIMESTAMP PUSH1 32 MSTORE NUMBER PUSH1 64 MSTORE COINBASE PUSH1 96 MSTORE
	PUSH1 128 PUSH0 RETURN
touch:
	PUSH2 0xbeef BALANCE POP PUSH1 7 SLOAD POP STOP
who:
	CALLER PUSH0 MSTORE CALLER BALANCE PUSH1 32 MSTORE PUSH1 64 PUSH0 RETURN
`

// storedTopicHex is keccak256("Stored(address)"), computed by hand-checked
// keccak in TestTopic (any fixed 32-byte value would do).
var storedTopicHex = crypto.Keccak256([]byte("Stored(address)")).Hex()

var testRuntime = mustAssemble(testContractAsm)

func mustAssemble(src string) []byte {
	b, err := asm.Assemble(src)
	if err != nil {
		panic(err)
	}
	return b
}

// initCode wraps runtime in a constructor that returns it:
// PUSH2 len DUP1 PUSH1 10 PUSH0 CODECOPY PUSH0 RETURN (10 bytes), runtime.
func initCode(runtime []byte) []byte {
	pre := []byte{0x61, byte(len(runtime) >> 8), byte(len(runtime)), 0x80, 0x60, 0x0a, 0x5f, 0x39, 0x5f, 0xf3}
	return append(pre, runtime...)
}

// deploy creates the test contract from dev account 0 and returns its
// address.
func (n *testNode) deploy() types.Address {
	n.t.Helper()
	r := n.send(map[string]any{"from": devAddr0, "input": types.EncodeHex(initCode(testRuntime))})
	if r.Status != "0x1" || r.ContractAddress == nil {
		n.t.Fatalf("deploy: %+v", r)
	}
	return *r.ContractAddress
}

func word(v uint64) []byte { return uint256.NewInt(v).PaddedBytes(32) }

func hexOf(b ...[]byte) string { return types.EncodeHex(bytes.Join(b, nil)) }

func mustHexDecode(s string) []byte {
	b, err := hex.DecodeString(strings.TrimPrefix(s, "0x"))
	if err != nil {
		panic(err)
	}
	return b
}
