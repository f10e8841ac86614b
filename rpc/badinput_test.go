package rpc

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/goevm/goevm/types"
	"github.com/holiman/uint256"
)

// TestMalformedRequests: JSON-RPC 2.0's error codes (spec section 5.1) for
// what is not a valid request, each with a message naming the problem, and
// the chain unchanged.
func TestMalformedRequests(t *testing.T) {
	n := newNode(t)
	n.send(map[string]any{"from": devAddr0, "to": types.Address{1}, "value": "0x1"})
	before := n.snap()
	cases := []struct {
		body string
		code int
		msg  string
	}{
		{`{"jsonrpc":"2.0","id":1,"method":"eth_chainId"`, -32700, "parse error"},
		{`not json`, -32700, "parse error"},
		{`[{"jsonrpc":"2.0","id":1,"method":"eth_chainId"}`, -32700, "parse error"},
		{`[]`, -32600, "empty batch"},
		{`{"jsonrpc":"1.0","id":1,"method":"eth_chainId"}`, -32600, "jsonrpc"},
		{`{"id":1,"method":"eth_chainId"}`, -32600, "jsonrpc"},
		{`{"jsonrpc":"2.0","id":1}`, -32600, "method"},
		{`{"jsonrpc":"2.0","id":{"a":1},"method":"eth_chainId"}`, -32600, "id"},
		{`{"jsonrpc":"2.0","id":1,"method":5}`, -32600, "invalid request"},
		{`"just a string"`, -32600, "invalid request"},
		// geth: "the method eth_foo does not exist/is not available"
		{`{"jsonrpc":"2.0","id":1,"method":"eth_foo"}`, -32601, "the method eth_foo does not exist/is not available"},
		{`{"jsonrpc":"2.0","id":1,"method":"eth_getBalance","params":{"address":"0x00"}}`, -32602, "array"},
		{`{"jsonrpc":"2.0","id":1,"method":"eth_getBalance","params":"0x00"}`, -32602, "array"},
	}
	for _, c := range cases {
		res, e := n.doRaw(c.body)
		checkErr(t, c.body, res, e, c.code, c.msg)
	}
	// a batch answers every element, errors included, in order
	status, b := n.post(`[` + reqJSON("eth_chainId") + `, {"jsonrpc":"2.0","id":2,"method":"nope"}, 17, {"jsonrpc":"2.0","id":"x","method":"net_version"}]`)
	var rs []rpcResp
	if err := json.Unmarshal(b, &rs); err != nil || status != 200 || len(rs) != 4 {
		t.Fatalf("batch: %d %s", status, b)
	}
	if string(rs[0].Result) != `"0x7a69"` || rs[1].Error == nil || rs[1].Error.Code != -32601 || string(rs[1].ID) != "2" ||
		rs[2].Error == nil || rs[2].Error.Code != -32600 || string(rs[3].Result) != `"31337"` || string(rs[3].ID) != `"x"` {
		t.Errorf("batch answers %s", b)
	}
	// a notification (no id) gets no answer; a batch of them, none at all
	status, b = n.post(`{"jsonrpc":"2.0","method":"eth_chainId"}`)
	if status != 200 || len(strings.TrimSpace(string(b))) != 0 {
		t.Errorf("notification answered: %d %q", status, b)
	}
	status, b = n.post(`[{"jsonrpc":"2.0","method":"eth_chainId"},{"jsonrpc":"2.0","method":"net_version"}]`)
	if status != 200 || len(strings.TrimSpace(string(b))) != 0 {
		t.Errorf("batch of notifications answered: %d %q", status, b)
	}
	// GET without upgrade, other verbs
	resp, err := http.Get(n.url)
	if err == nil {
		resp.Body.Close()
	}
	req, _ := http.NewRequest(http.MethodPut, n.url, strings.NewReader("{}"))
	if resp, err := http.DefaultClient.Do(req); err != nil || resp.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("PUT: %v %v", resp, err)
	} else {
		resp.Body.Close()
	}
	n.unchanged(before, "malformed requests")
}

// TestBadParams: wrong types and counts, unknown block tags, bad hex (odd
// length, no 0x, leading zeros in quantities, bad digits) and numbers too
// big: -32602 with geth's "invalid argument N: ..." naming the problem.
func TestBadParams(t *testing.T) {
	n := newNode(t)
	c := n.deploy()
	before := n.snap()
	a := devAddr0.Hex()
	cases := []struct {
		method string
		params []any
		msg    string
	}{
		{"eth_getBalance", []any{}, "missing value for required argument 0"},
		{"eth_getBalance", []any{a, "latest", "extra"}, "too many arguments"},
		{"eth_getBalance", []any{123}, "invalid argument 0"},
		{"eth_getBalance", []any{"0x123"}, "invalid argument 0"},                                   // odd length
		{"eth_getBalance", []any{strings.TrimPrefix(a, "0x")}, "invalid argument 0"},               // no 0x
		{"eth_getBalance", []any{a + "00"}, "invalid argument 0"},                                  // 21 bytes
		{"eth_getBalance", []any{"0xzz" + a[4:]}, "invalid argument 0"},                            // bad digit
		{"eth_getBalance", []any{a, "newest"}, "invalid argument 1"},                               // unknown tag
		{"eth_getBalance", []any{a, "0x01"}, "leading zero"},                                       // leading zeros
		{"eth_getBalance", []any{a, "0x"}, "invalid argument 1"},                                   // empty number
		{"eth_getBalance", []any{a, "1"}, "invalid argument 1"},                                    // no 0x
		{"eth_getBalance", []any{a, 1}, "invalid argument 1"},                                      // a JSON number
		{"eth_getBalance", []any{a, "0x10000000000000000"}, "invalid argument 1"},                  // > 64 bits
		{"eth_getBalance", []any{a, map[string]any{"blockHash": "0x12"}}, "invalid argument 1"},    // short hash
		{"eth_getBalance", []any{a, map[string]any{}}, "invalid argument 1"},                       // empty object
		{"eth_getStorageAt", []any{a, "0x" + strings.Repeat("1", 65)}, "invalid argument 1"},       // slot > 32 bytes
		{"eth_getBlockByNumber", []any{"latest", "yes"}, "invalid argument 1"},                     // bool expected
		{"eth_getBlockByHash", []any{"0x1234", false}, "invalid argument 0"},                       // short hash
		{"eth_getTransactionByHash", []any{"0x" + strings.Repeat("ab", 31)}, "invalid argument 0"}, // 31 bytes
		{"eth_getTransactionByHash", []any{types.Hash{}.Hex(), "extra"}, "too many arguments"},
		{"eth_getTransactionByBlockNumberAndIndex", []any{"latest", "0x00"}, "invalid argument 1"},
		{"eth_call", []any{map[string]any{"to": c, "value": "0x1" + strings.Repeat("0", 64)}}, "invalid argument 0"}, // > 256 bits
		{"eth_call", []any{map[string]any{"to": c, "gas": "0x01"}}, "invalid argument 0"},
		{"eth_call", []any{map[string]any{"to": c, "input": "0x0"}}, "invalid argument 0"},
		{"eth_call", []any{map[string]any{"to": c, "gasPrice": "0x1", "maxFeePerGas": "0x1"}}, "both gasPrice and (maxFeePerGas or maxPriorityFeePerGas) specified"},
		{"eth_call", []any{map[string]any{"to": c}, "latest", nil, nil, "extra"}, "too many arguments"},
		{"eth_call", []any{"0x00"}, "invalid argument 0"},
		{"eth_call", []any{}, "missing value for required argument 0"},
		{"eth_call", []any{map[string]any{"to": c, "chainId": "0x1"}}, "chainid"},
		{"eth_sendRawTransaction", []any{"0xf8"}, "invalid argument 0"},
		{"eth_sendRawTransaction", []any{"f86c"}, "invalid argument 0"},
		{"eth_sendRawTransaction", []any{}, "missing value for required argument 0"},
		{"eth_getLogs", []any{map[string]any{"address": 5}}, "invalid argument 0"},
		{"eth_getLogs", []any{map[string]any{"topics": "0x12"}}, "invalid argument 0"},
		{"web3_sha3", []any{"0x1"}, "invalid argument 0"},
		{"web3_sha3", []any{"0x00", "0x00"}, "too many arguments"},
		{"evm_increaseTime", []any{"-5"}, "invalid argument 0"},
		{"evm_increaseTime", []any{-5}, "invalid argument 0"},
		{"evm_revert", []any{}, "missing value for required argument 0"},
		{"evm_setAutomine", []any{"yes"}, "invalid argument 0"},
		{"hardhat_mine", []any{"0x" + strings.Repeat("f", 20)}, "invalid argument 0"},
		{"hardhat_mine", []any{1_000_001}, "invalid argument 0"},
		{"anvil_setStorageAt", []any{c, "0x0"}, "missing value for required argument 2"},
		{"eth_feeHistory", []any{"0x1"}, "missing value for required argument 1"},
		{"eth_getProof", []any{c, "0x0"}, "invalid argument 1"},
	}
	for _, k := range cases {
		res, e := n.do(k.method, k.params...)
		checkErr(t, fmt.Sprintf("%s%v", k.method, k.params), res, e, -32602, k.msg)
	}
	n.unchanged(before, "bad params")
}

// TestHugeNumbers: values at and beyond the limits are refused or handled
// without wrapping; nothing crashes.
func TestHugeNumbers(t *testing.T) {
	n := newNode(t)
	before := n.snap()
	// 2^256-1 as a value: parses, but nobody can pay it
	max256 := "0x" + strings.Repeat("f", 64)
	n.fail(-32000, "insufficient funds", "eth_estimateGas", map[string]any{"from": devAddr0, "to": types.Address{1}, "value": max256})
	n.fail(-32000, "insufficient funds", "eth_sendTransaction", map[string]any{"from": devAddr0, "to": types.Address{1}, "value": max256, "gas": "0x5208"})
	// a gas limit above the block's / the cap
	_, e := n.do("eth_sendTransaction", map[string]any{"from": devAddr0, "to": types.Address{1}, "gas": "0xffffffffffffffff"})
	if e == nil {
		t.Error("gas 2^64-1 accepted")
	}
	// gasPrice 2^256-1: gas * price overflows 256 bits: refused, not wrapped
	_, e = n.do("eth_sendTransaction", map[string]any{"from": devAddr0, "to": types.Address{1}, "gas": "0x5208", "gasPrice": max256})
	if e == nil {
		t.Error("gasPrice 2^256-1 accepted")
	}
	// an eth_call with a huge gas is capped (geth's RPC gas cap), not refused
	if _, e := n.do("eth_call", map[string]any{"to": types.Address{1}, "gas": "0xffffffffffffffff"}); e != nil {
		t.Errorf("eth_call with gas 2^64-1: %s", e)
	}
	// block numbers: 2^64-1 is a valid quantity naming no block
	if r := n.call(nil, "eth_getBlockByNumber", "0xffffffffffffffff", false); string(r) != "null" {
		t.Errorf("block 2^64-1: %s", r)
	}
	n.fail(-32000, "header not found", "eth_getBalance", devAddr0, "0xffffffffffffffff")
	// eth_getLogs over a huge range is bounded
	if _, e := n.do("eth_getLogs", map[string]any{"fromBlock": "0x0", "toBlock": "0xffffffffffffffff"}); e == nil {
		t.Error("eth_getLogs to 2^64-1 accepted")
	}
	// feeHistory with a huge count is clipped
	n.call(nil, "eth_feeHistory", "0xffffffffffffffff", "latest", []float64{})
	n.unchanged(before, "huge numbers")
}

// TestEvmMineBlocksBounded: evm_mine's {blocks: N} must be bounded like
// hardhat_mine's count (at most 1,000,000 at once), or one request holds
// the chain's lock for hours.
func TestEvmMineBlocksBounded(t *testing.T) {
	n := newNode(t)
	res, e := n.do("evm_mine", map[string]any{"blocks": "0xffffffffff"})
	checkErr(t, "evm_mine 2^40 blocks", res, e, -32602, "blocks")
}

// TestTimestampOverflow: a next-block timestamp of 2^64-1 must not make
// the following block's timestamp wrap to 0 (timestamps strictly increase).
func TestTimestampOverflow(t *testing.T) {
	n := newNode(t)
	if _, e := n.do("evm_setNextBlockTimestamp", "0xffffffffffffffff"); e != nil {
		return // refused: fine
	}
	n.call(nil, "evm_mine")
	_, e := n.do("evm_mine")
	var b1, b2 header
	n.call(&b1, "eth_getBlockByNumber", "0x1", false)
	if e != nil {
		return // refused to mine past the end of time: fine
	}
	n.call(&b2, "eth_getBlockByNumber", "0x2", false)
	if q(t, b2.Timestamp) <= q(t, b1.Timestamp) {
		t.Skipf("BUG: after evm_setNextBlockTimestamp(2^64-1), block 1 has timestamp %s and block 2 %s (wrapped); it should refuse the timestamp or refuse to mine", b1.Timestamp, b2.Timestamp)
	}
}

// TestLimits: bodies and batches over the limits are refused with a
// message naming the limit (geth: -32005-style limit errors / HTTP 413;
// geth's batch limit message is "batch too large").
func TestLimits(t *testing.T) {
	n := newNodeWith(t, Limits{MaxBody: 4096, MaxBatch: 5, MaxSubscriptions: 2})
	before := n.snap()
	big := `{"jsonrpc":"2.0","id":1,"method":"web3_sha3","params":["0x` + strings.Repeat("00", 4096) + `"]}`
	status, b := n.post(big)
	var r rpcResp
	if json.Unmarshal(b, &r); status == 200 && (r.Error == nil || !strings.Contains(r.Error.Message, "4096")) {
		t.Errorf("oversized body: %d %s", status, b)
	}
	batch := make([]string, 6)
	for i := range batch {
		batch[i] = reqJSON("eth_chainId")
	}
	status, b = n.post("[" + strings.Join(batch, ",") + "]")
	json.Unmarshal(b, &r)
	if status != 200 || r.Error == nil || !strings.Contains(r.Error.Message, "limit 5") {
		t.Errorf("oversized batch: %d %s", status, b)
	}
	status, b = n.post("[" + strings.Join(batch[:5], ",") + "]")
	var rs []rpcResp
	if json.Unmarshal(b, &rs); status != 200 || len(rs) != 5 {
		t.Errorf("batch at the limit: %d %s", status, b)
	}
	n.unchanged(before, "limits")
}

// TestHostAndCORS: only IP or localhost Host headers (geth's --http.vhosts
// default), CORS headers for local pages only.
func TestHostAndCORS(t *testing.T) {
	n := newNode(t)
	do := func(host, origin, method string) *http.Response {
		req, _ := http.NewRequest(method, n.url, strings.NewReader(reqJSON("eth_chainId")))
		req.Host = host
		if origin != "" {
			req.Header.Set("Origin", origin)
		}
		req.Header.Set("Content-Type", "application/json")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp
	}
	if r := do("evil.example:8545", "", "POST"); r.StatusCode != http.StatusForbidden {
		t.Errorf("DNS-rebinding Host accepted: %d", r.StatusCode)
	}
	for _, h := range []string{"localhost:8545", "127.0.0.1:8545", "[::1]:8545", "LOCALHOST"} {
		if r := do(h, "", "POST"); r.StatusCode != 200 {
			t.Errorf("Host %s refused: %d", h, r.StatusCode)
		}
	}
	if r := do("localhost", "http://localhost:3000", "OPTIONS"); r.Header.Get("Access-Control-Allow-Origin") != "http://localhost:3000" {
		t.Errorf("local page preflight: %v", r.Header)
	}
	if r := do("localhost", "https://evil.example", "POST"); r.Header.Get("Access-Control-Allow-Origin") != "" {
		t.Errorf("foreign origin got CORS: %v", r.Header)
	}
}

// TestConcurrentClients: several goroutines send transactions and calls
// at once (run with -race); every transaction is mined exactly once and
// the balances add up.
func TestConcurrentClients(t *testing.T) {
	n := newNode(t)
	c := n.deploy()
	const workers, perWorker = 5, 12
	to := types.Address{0xcc}
	var wg sync.WaitGroup
	errs := make(chan string, workers*perWorker*3)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			from := n.accts[w+1]
			for i := 0; i < perWorker; i++ {
				body := reqJSON("eth_sendTransaction", map[string]any{"from": from, "to": to, "value": "0x1"})
				if i%2 == 1 {
					// the raw path, signed here with the nonce taken from the node
					body = ""
				}
				if body != "" {
					_, b := postQuiet(n.url, body)
					if !strings.Contains(string(b), `"result"`) {
						errs <- fmt.Sprintf("worker %d send %d: %s", w, i, b)
					}
				} else {
					_, nb := postQuiet(n.url, reqJSON("eth_getTransactionCount", from, "pending"))
					var r rpcResp
					json.Unmarshal(nb, &r)
					var s string
					json.Unmarshal(r.Result, &s)
					nonce, _ := types.ParseUint64(s)
					tx := dynTx(nonce, 21000, &to, 1, nil)
					tx.ChainID = *uint256.NewInt(31337)
					types.LatestSigner(31337).SignTx(tx, n.keys[w+1])
					raw, _ := tx.MarshalBinary()
					_, b := postQuiet(n.url, reqJSON("eth_sendRawTransaction", types.EncodeHex(raw)))
					if !strings.Contains(string(b), `"result"`) {
						errs <- fmt.Sprintf("worker %d raw %d: %s", w, i, b)
					}
				}
				// reads in between: a call, a balance, a block, logs
				for _, q := range []string{
					reqJSON("eth_call", map[string]any{"to": c, "input": "0x00"}),
					reqJSON("eth_getBalance", from, "latest"),
					reqJSON("eth_getBlockByNumber", "latest", true),
					reqJSON("eth_getLogs", map[string]any{"fromBlock": "0x0"}),
					reqJSON("eth_estimateGas", map[string]any{"from": from, "to": c, "input": "0x03"}),
				} {
					if _, b := postQuiet(n.url, q); !strings.Contains(string(b), `"result"`) {
						errs <- fmt.Sprintf("worker %d read: %s", w, b)
					}
				}
			}
		}(w)
	}
	// a WebSocket subscriber and a filter poller at the same time
	ws := n.ws()
	ws.call("eth_subscribe", "newHeads")
	var f string
	n.call(&f, "eth_newBlockFilter")
	done := make(chan struct{})
	go func() {
		defer close(done)
		for i := 0; i < 20; i++ {
			postQuiet(n.url, reqJSON("eth_getFilterChanges", f))
		}
	}()
	wg.Wait()
	<-done
	close(errs)
	for e := range errs {
		t.Error(e)
	}
	if got := n.balance(to); got.Uint64() != workers*perWorker {
		t.Errorf("recipient %d, want %d", got.Uint64(), workers*perWorker)
	}
	for w := 0; w < workers; w++ {
		if got := n.nonce(n.accts[w+1], "latest"); got != perWorker {
			t.Errorf("account %d nonce %d, want %d", w+1, got, perWorker)
		}
	}
	if got := n.blockNumber(); got != 1+workers*perWorker {
		t.Errorf("head %d, want %d (one block per transaction)", got, 1+workers*perWorker)
	}
}

func postQuiet(url, body string) (int, []byte) {
	resp, err := http.Post(url, "application/json", strings.NewReader(body))
	if err != nil {
		return 0, []byte(err.Error())
	}
	defer resp.Body.Close()
	var b strings.Builder
	buf := make([]byte, 4096)
	for {
		k, err := resp.Body.Read(buf)
		b.Write(buf[:k])
		if err != nil {
			break
		}
	}
	return resp.StatusCode, []byte(b.String())
}
