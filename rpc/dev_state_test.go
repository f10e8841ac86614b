package rpc

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"io"
	"strconv"
	"strings"
	"testing"

	"github.com/goevm/goevm/chain"
	"github.com/goevm/goevm/crypto"
	"github.com/goevm/goevm/types"
)

// dumpJSON is the part of a dump the tests read. The field names are
// anvil's SerializableState and revm's BlockEnv (foundry
// crates/anvil/src/eth/backend/db.rs).
type dumpJSON struct {
	Block struct {
		Number    string `json:"number"`
		Timestamp string `json:"timestamp"`
		GasLimit  uint64 `json:"gas_limit"`
		BaseFee   uint64 `json:"basefee"`
	} `json:"block"`
	Accounts map[string]struct {
		Nonce   uint64            `json:"nonce"`
		Balance string            `json:"balance"`
		Code    string            `json:"code"`
		Storage map[string]string `json:"storage"`
	} `json:"accounts"`
	BestBlockNumber uint64 `json:"best_block_number"`
}

// gunzipHex undoes anvil_dumpState's encoding: hex of gzip of JSON.
func gunzipHex(t *testing.T, raw json.RawMessage) []byte {
	t.Helper()
	zr, err := gzip.NewReader(bytes.NewReader(hexBytes(t, raw)))
	if err != nil {
		t.Fatalf("anvil_dumpState is not gzip: %v", err)
	}
	out, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestDumpLoadRoundTrip: a state with contracts, storage, edited balances
// and nonces, dumped from one node and loaded into a fresh one, answers
// eth_getBalance, eth_getCode, eth_getStorageAt, eth_getTransactionCount
// and eth_call as the first did.
func TestDumpLoadRoundTrip(t *testing.T) {
	a := newNode(t)
	deployed := a.deploy()
	// slot 0 through the contract (a mined transaction), more by hand
	r := a.send(map[string]any{"from": devAddr0, "to": deployed, "input": hexOf([]byte{1}, word(0x77))})
	if r.Status != "0x1" {
		t.Fatalf("store: %+v", r)
	}
	a.call(nil, "anvil_setStorageAt", deployed, "0x9", types.BytesToHash(word(0x99)))
	edited := types.Address{0xab, 0xcd}
	a.call(nil, "anvil_setCode", edited, types.EncodeHex(testRuntime))
	a.call(nil, "anvil_setStorageAt", edited, "0x0", types.BytesToHash(word(0x55)))
	a.call(nil, "anvil_setNonce", edited, "0x7")
	a.call(nil, "anvil_setBalance", edited, "0x1234")
	// left pending (not mined): the dump is of the newest state
	rich := types.Address{0xee}
	a.call(nil, "anvil_setBalance", rich, "0xde0b6b3a7640000")

	raw := a.call(nil, "anvil_dumpState")
	js := gunzipHex(t, raw)
	var d dumpJSON
	if err := json.Unmarshal(js, &d); err != nil {
		t.Fatalf("dump is not JSON: %v\n%s", err, js)
	}
	head := a.blockNumber()
	if d.BestBlockNumber != head || hexU64(t, json.RawMessage(`"`+d.Block.Number+`"`)) != head || d.Block.GasLimit != 30_000_000 {
		t.Errorf("block context %+v best %d, head %d", d.Block, d.BestBlockNumber, head)
	}
	acc, ok := d.Accounts[strings.ToLower(edited.Hex())]
	if !ok || acc.Nonce != 7 || acc.Balance != "0x1234" || acc.Code != types.EncodeHex(testRuntime) ||
		acc.Storage[types.Hash{}.Hex()] != types.BytesToHash(word(0x55)).Hex() {
		t.Errorf("edited account in the dump: %+v (present %v)", acc, ok)
	}

	b := newNode(t)
	b.call(nil, "anvil_setBalance", rich, "0x1") // overwritten by the load
	var loaded bool
	b.call(&loaded, "anvil_loadState", json.RawMessage(raw))
	if !loaded {
		t.Fatal("anvil_loadState answered false")
	}
	for _, addr := range []types.Address{deployed, edited, rich, devAddr0, a.accts[1]} {
		for _, m := range []string{"eth_getBalance", "eth_getCode", "eth_getTransactionCount"} {
			want := string(a.call(nil, m, addr, "latest"))
			if got := string(b.call(nil, m, addr, "latest")); got != want {
				t.Errorf("%s %s: loaded %s, dumped %s", m, addr, got, want)
			}
		}
		for _, slot := range []string{"0x0", "0x9", "0x1"} {
			want := string(a.call(nil, "eth_getStorageAt", addr, slot, "latest"))
			if got := string(b.call(nil, "eth_getStorageAt", addr, slot, "latest")); got != want {
				t.Errorf("eth_getStorageAt %s %s: loaded %s, dumped %s", addr, slot, got, want)
			}
		}
	}
	for _, to := range []types.Address{deployed, edited} {
		call := map[string]any{"to": to, "input": "0x00"}
		want := string(a.call(nil, "eth_call", call, "latest"))
		if got := string(b.call(nil, "eth_call", call, "latest")); got != want {
			t.Errorf("eth_call %s: loaded %s, dumped %s", to, got, want)
		}
	}
	// the slot set by the contract's own SSTORE reads 0x77 (the value stored)
	if got := string(b.call(nil, "eth_getStorageAt", deployed, "0x0", "latest")); got != `"`+hexOf(word(0x77))+`"` {
		t.Errorf("slot 0 after load: %s", got)
	}
	// The load is mined into a block no earlier than the dump's head.
	var blk struct{ Timestamp string }
	b.call(&blk, "eth_getBlockByNumber", "latest", false)
	if hexU64(t, json.RawMessage(`"`+blk.Timestamp+`"`)) < hexU64(t, json.RawMessage(`"`+d.Block.Timestamp+`"`)) {
		t.Errorf("loaded chain's head timestamp %s is before the dump's %s", blk.Timestamp, d.Block.Timestamp)
	}

	// Plain JSON (what --dump-state writes) loads too.
	c := newNode(t)
	c.call(&loaded, "anvil_loadState", types.EncodeHex(js))
	if got, want := c.balance(rich), a.balance(rich); got.Cmp(want) != 0 {
		t.Errorf("plain JSON load: balance %s, want %s", got.Dec(), want.Dec())
	}
}

// TestLoadStateBadDumps: malformed dumps are refused with -32602 and a
// message naming the problem, leave the chain as it was, and the node
// keeps serving.
func TestLoadStateBadDumps(t *testing.T) {
	n := newNode(t)
	n.call(nil, "anvil_setBalance", types.Address{0x01}, "0x5") // a pending edit to keep
	before := n.snap()
	good := `{"accounts":{"0x0000000000000000000000000000000000000aaa":{"nonce":1,"balance":"0x10","code":"0x","storage":{}}}}`
	gz := func(s string) []byte {
		var buf bytes.Buffer
		zw := gzip.NewWriter(&buf)
		zw.Write([]byte(s))
		zw.Close()
		return buf.Bytes()
	}
	zipped := gz(good)
	cases := []struct {
		name, param, want string
	}{
		{"bad hex", "0xzz", "invalid argument 0"},
		{"not JSON", types.EncodeHex([]byte("hello")), "invalid JSON"},
		{"not an object", types.EncodeHex([]byte(`[1,2]`)), `want "{", got "["`},
		{"truncated", types.EncodeHex([]byte(good[:len(good)-20])), "ends early"},
		{"truncated gzip", types.EncodeHex(zipped[:len(zipped)-12]), "ends early"},
		{"no accounts", types.EncodeHex([]byte(`{"block":null}`)), `no "accounts"`},
		{"short address", types.EncodeHex([]byte(`{"accounts":{"0x12":{}}}`)), `accounts["0x12"]: an address is 20 bytes`},
		{"bad balance", types.EncodeHex([]byte(`{"accounts":{"0x0000000000000000000000000000000000000bbb":{"balance":"0xzz"}}}`)),
			`accounts["0x0000000000000000000000000000000000000bbb"].balance`},
		{"bad code", types.EncodeHex([]byte(`{"accounts":{"0x0000000000000000000000000000000000000bbb":{"code":"0x6g"}}}`)),
			`.code: invalid hex digit`},
		{"bad slot value", types.EncodeHex([]byte(`{"accounts":{"0x0000000000000000000000000000000000000bbb":{"storage":{"0x1":7}}}}`)),
			`.storage["0x1"]: want a hex string value, got number 7`},
		{"long slot", types.EncodeHex([]byte(`{"accounts":{"0x0000000000000000000000000000000000000bbb":{"storage":{"0x` + strings.Repeat("1", 65) + `":"0x1"}}}}`)),
			`slot: want 1 to 64 hex digits`},
		{"bad block number", types.EncodeHex([]byte(`{"block":{"number":"0xq"},"accounts":{}}`)), "block.number"},
		{"trailing data", types.EncodeHex([]byte(`{"accounts":{}} {}`)), "after the dump"},
		// a good first account, then a bad one: nothing is applied
		{"bad second account", types.EncodeHex([]byte(`{"accounts":{"0x0000000000000000000000000000000000000aaa":{"balance":"0x10"},"0x0000000000000000000000000000000000000bbb":{"nonce":-1}}}`)),
			`.nonce`},
	}
	for _, c := range cases {
		res, e := n.do("anvil_loadState", c.param)
		checkErr(t, c.name, res, e, -32602, c.want)
	}
	n.unchanged(before, "refused loads")
	if b := n.balance(types.Address{0x01}); b.Uint64() != 5 {
		t.Errorf("the pending edit made before the refused loads is gone: balance %s", b.Dec())
	}
	if b := n.balance(types.MustHexToAddress("0x0000000000000000000000000000000000000aaa")); !b.IsZero() {
		t.Errorf("a refused load left an account behind: balance %s", b.Dec())
	}
	// and a good one still works afterwards
	n.call(nil, "anvil_loadState", types.EncodeHex(zipped))
	if b := n.balance(types.MustHexToAddress("0x0000000000000000000000000000000000000aaa")); b.Uint64() != 0x10 {
		t.Errorf("load after refused ones: balance %s", b.Dec())
	}
}

// TestReset: anvil_reset and hardhat_reset take the chain back to its
// genesis: same genesis block, blocks and transactions gone, dev edits
// undone, pool and snapshots cleared; forking an unreachable remote is refused.
func TestReset(t *testing.T) {
	for _, method := range []string{"anvil_reset", "hardhat_reset"} {
		n := newNode(t)
		var genesis struct{ Hash types.Hash }
		n.call(&genesis, "eth_getBlockByNumber", "0x0", false)
		r := n.send(map[string]any{"from": devAddr0, "to": n.accts[1], "value": "0x1"})
		n.call(nil, "evm_mine")
		n.call(nil, "anvil_setBalance", types.Address{0x42}, "0x99")
		n.call(nil, "evm_snapshot")
		n.call(nil, "evm_setAutomine", false)
		n.call(nil, "eth_sendTransaction", map[string]any{"from": devAddr0, "to": n.accts[2], "value": "0x1"})

		var ok bool
		n.call(&ok, method)
		if !ok || n.blockNumber() != 0 {
			t.Fatalf("%s: answered %v, head %d", method, ok, n.blockNumber())
		}
		var g struct{ Hash types.Hash }
		n.call(&g, "eth_getBlockByNumber", "0x0", false)
		if g.Hash != genesis.Hash {
			t.Errorf("%s: genesis %s, was %s", method, g.Hash, genesis.Hash)
		}
		if res := n.call(nil, "eth_getTransactionReceipt", r.TransactionHash); string(res) != "null" {
			t.Errorf("%s: receipt of a dropped transaction: %s", method, res)
		}
		if res := n.call(nil, "eth_getBlockByNumber", "0x1", false); string(res) != "null" {
			t.Errorf("%s: block 1 after reset: %s", method, res)
		}
		// genesis balances: anvil's 10,000 ETH, and nothing for the edit
		if b := n.balance(devAddr0); b.Cmp(tenThousandETH) != 0 {
			t.Errorf("%s: dev account balance %s", method, b.Dec())
		}
		if b := n.balance(types.Address{0x42}); !b.IsZero() {
			t.Errorf("%s: edited balance survived: %s", method, b.Dec())
		}
		var pool struct{ Pending map[string]any }
		n.call(&pool, "txpool_content")
		if len(pool.Pending) != 0 {
			t.Errorf("%s: pool after reset: %+v", method, pool.Pending)
		}
		var reverted bool
		n.call(&reverted, "evm_revert", "0x1")
		if reverted {
			t.Errorf("%s: a snapshot from before the reset still reverts", method)
		}
		// the chain goes on from genesis: nonce 0 again, block 1
		n.call(nil, "evm_setAutomine", true)
		r2 := n.send(map[string]any{"from": devAddr0, "to": n.accts[1], "value": "0x1"})
		if r2.BlockNumber != "0x1" {
			t.Errorf("%s: first transaction after reset in block %s", method, r2.BlockNumber)
		}
		// forking is served (fork_test.go's TestResetOntoAFork); an unreachable remote is refused
		n.fail(-32000, "node unreachable", method, map[string]any{"forking": map[string]any{"jsonRpcUrl": "http://127.0.0.1:1", "blockNumber": 5}})
		n.fail(-32602, "too many arguments", method, map[string]any{}, 1)
	}
}

// TestBuildBlockReadOnly: testing_buildBlockV1 on the dev chain builds the
// block that mining the same transaction with the same header fields
// would, and leaves the chain alone (execution-apis src/testing: "MUST NOT
// modify the client's canonical chain or head block").
func TestBuildBlockReadOnly(t *testing.T) {
	n := newNode(t, func(c *chain.Config) { c.Coinbase = types.Address{0xc0} })
	before := n.snap()
	var head struct {
		Hash      types.Hash
		Timestamp string
	}
	n.call(&head, "eth_getBlockByNumber", "latest", false)
	ts := hexU64(t, json.RawMessage(`"`+head.Timestamp+`"`)) + 12
	raw := n.signRaw(0, dynTx(0, 21000, &n.accts[1], 5, nil))
	// mining block 1 sets prevRandao to keccak(number) and the zero beacon root
	attrs := map[string]any{"timestamp": "0x" + strconv.FormatUint(ts, 16), "suggestedFeeRecipient": types.Address{0xc0},
		"prevRandao": crypto.Keccak256(word(1)), "withdrawals": []any{}, "parentBeaconBlockRoot": types.Hash{}}
	var env struct {
		ExecutionPayload struct {
			BlockHash    types.Hash `json:"blockHash"`
			StateRoot    types.Hash `json:"stateRoot"`
			GasUsed      string     `json:"gasUsed"`
			Transactions []string   `json:"transactions"`
		} `json:"executionPayload"`
		BlockValue string `json:"blockValue"`
	}
	n.call(&env, "testing_buildBlockV1", head.Hash, attrs, []string{raw}, nil)
	n.unchanged(before, "testing_buildBlockV1")
	// 21,000 gas at a 1 gwei tip (dynTx)
	if env.ExecutionPayload.GasUsed != "0x5208" || env.BlockValue != "0x"+strconv.FormatUint(21000*1e9, 16) || len(env.ExecutionPayload.Transactions) != 1 {
		t.Errorf("built %+v", env)
	}
	n.call(nil, "evm_setNextBlockTimestamp", ts)
	n.call(nil, "eth_sendRawTransaction", raw)
	var mined struct {
		Hash      types.Hash
		StateRoot types.Hash
	}
	n.call(&mined, "eth_getBlockByNumber", "latest", false)
	if mined.StateRoot != env.ExecutionPayload.StateRoot || mined.Hash != env.ExecutionPayload.BlockHash {
		t.Errorf("mined block %+v, built %+v", mined, env.ExecutionPayload)
	}
	n.fail(-32000, "not the current head", "testing_buildBlockV1", head.Hash, attrs, []string{}, nil)
	n.fail(-32602, "timestamp", "testing_buildBlockV1", mined.Hash, map[string]any{"prevRandao": types.Hash{}}, nil)
}

// TestLoadStateBlockNumber: a node loading a dump taken at block 5
// continues from it, as anvil's load_state makes the dump's block its head
// (foundry crates/anvil/src/eth/backend/mem/mod.rs): eth_blockNumber is 5,
// the loaded state is block 5's, no earlier than the dump's timestamp, and
// the next block mined is 6.
func TestLoadStateBlockNumber(t *testing.T) {
	a := newNode(t)
	rich := types.Address{0xee}
	a.call(nil, "anvil_setBalance", rich, "0x1234")
	a.call(nil, "anvil_mine", "0x5")
	if n := a.blockNumber(); n != 5 {
		t.Fatalf("dumping node at block %d", n)
	}
	raw := a.call(nil, "anvil_dumpState")
	var dumped struct{ Timestamp string }
	a.call(&dumped, "eth_getBlockByNumber", "latest", false)

	b := newNode(t)
	b.call(nil, "anvil_loadState", json.RawMessage(raw))
	if n := b.blockNumber(); n != 5 {
		t.Errorf("eth_blockNumber after loading block 5's dump: %d", n)
	}
	if got := b.balance(rich, "0x5"); got.Uint64() != 0x1234 {
		t.Errorf("balance at block 5: %s", got.Dec())
	}
	var head struct{ Number, Timestamp string }
	b.call(&head, "eth_getBlockByNumber", "latest", false)
	if hexU64(t, json.RawMessage(`"`+head.Timestamp+`"`)) < hexU64(t, json.RawMessage(`"`+dumped.Timestamp+`"`)) {
		t.Errorf("loaded head at %s, before the dump's %s", head.Timestamp, dumped.Timestamp)
	}
	b.call(nil, "evm_mine")
	if n := b.blockNumber(); n != 6 {
		t.Errorf("next block mined after the load: %d, want 6", n)
	}
}
