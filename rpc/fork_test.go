package rpc

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/goevm/goevm/chain"
	"github.com/goevm/goevm/types"
)

// A forked node (chain.Config.Remote, goevm node --fork-url) is checked
// against its remote: another node started here. The remote's answers at
// the fork block are the expected values.

// countingProxy forwards to a node and counts the HTTP requests; its mode
// makes it misbehave instead.
type countingProxy struct {
	*httptest.Server
	posts atomic.Int64
	mode  atomic.Value // "", "garbage", "error", "hang"
}

func newCountingProxy(t *testing.T, to http.Handler) *countingProxy {
	p := &countingProxy{}
	quit := make(chan struct{})
	p.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p.posts.Add(1)
		switch p.mode.Load() {
		case "garbage":
			io.WriteString(w, "<html>502 upstream gone</html>")
		case "error":
			io.WriteString(w, `{"jsonrpc":"2.0","id":1,"error":{"code":-32000,"message":"remote says no"}}`)
		case "hang":
			select {
			case <-r.Context().Done():
			case <-quit:
			}
		default:
			to.ServeHTTP(w, r)
		}
	}))
	t.Cleanup(func() { close(quit); p.Close() })
	return p
}

// newForkNode starts a node forking url at block (nil: latest) in dir
// ("" in memory), with newNode's dev accounts funded over the remote's
// state.
func newForkNode(t *testing.T, url string, block *uint64, dir string, mod ...func(*chain.Config)) (*testNode, error) {
	t.Helper()
	cfg := chain.DefaultConfig()
	cfg.ChainID, cfg.GasLimit = 0, 0 // the remote's
	cfg.Remote = &chain.RemoteFork{URL: url, Block: block, Timeout: 2 * time.Second, Retries: 1}
	n := devNode(t, &cfg)
	for _, m := range mod {
		m(&cfg)
	}
	c, err := chain.New(cfg, dir)
	if err != nil {
		return nil, err
	}
	n.serve(c, Options{Keys: n.keys})
	return n, nil
}

func (n *testNode) close() {
	if n.http != nil {
		n.http.Close()
		n.srv.Close()
		n.chain.Close()
		n.http = nil
	}
}

// forkPayee is an account with only a balance, paid on the remote.
var forkPayee = types.Address{0x55, 0x55}

// forkReads are the reads compared between a fork and its remote: raw
// JSON answers of state methods and calls at a block tag.
func forkReads(n *testNode, contract types.Address, tag string) []string {
	n.t.Helper()
	var out []string
	for _, a := range []types.Address{contract, forkPayee, {0x12, 0x34}} {
		out = append(out,
			string(n.call(nil, "eth_getBalance", a, tag)),
			string(n.call(nil, "eth_getTransactionCount", a, tag)),
			string(n.call(nil, "eth_getCode", a, tag)),
			string(n.call(nil, "eth_getStorageAt", a, "0x0", tag)))
	}
	get := map[string]any{"to": contract, "input": "0x00"}
	set := map[string]any{"from": n.accts[1], "to": contract, "input": hexOf([]byte{1}, word(5))}
	out = append(out,
		// a dev account's nonce is the remote's; its balance is refunded
		// on the fork, as anvil does
		string(n.call(nil, "eth_getTransactionCount", n.accts[1], tag)),
		string(n.call(nil, "eth_call", get, tag)),
		string(n.call(nil, "eth_estimateGas", set, tag)))
	return out
}

func TestForkServesTheRemoteState(t *testing.T) {
	remote := newNode(t, func(c *chain.Config) { c.ChainID = 4242 })
	contract := remote.deploy()
	remote.send(map[string]any{"from": remote.accts[1], "to": contract, "input": hexOf([]byte{1}, word(42))})
	remote.send(map[string]any{"from": remote.accts[2], "to": forkPayee, "value": "0x1234"})
	remote.call(nil, "evm_mine")
	remote.call(nil, "evm_mine")
	forkAt := remote.blockNumber()
	var remoteBlock struct {
		Hash      types.Hash `json:"hash"`
		Timestamp string     `json:"timestamp"`
	}
	remote.call(&remoteBlock, "eth_getBlockByNumber", "latest", false)
	tag := fmt.Sprintf("0x%x", forkAt)
	want := forkReads(remote, contract, tag)
	// The remote moves on; the fork must not see it.
	remote.send(map[string]any{"from": remote.accts[1], "to": contract, "input": hexOf([]byte{1}, word(99))})

	proxy := newCountingProxy(t, remote.srv)
	dir := t.TempDir()
	fork, err := newForkNode(t, proxy.URL, &forkAt, dir)
	if err != nil {
		t.Fatal(err)
	}
	if got := fork.blockNumber(); got != forkAt {
		t.Fatalf("fork head %d, want the fork block %d", got, forkAt)
	}
	if id := hexU64(t, fork.call(nil, "eth_chainId")); id != 4242 {
		t.Errorf("chain id %d, want the remote's 4242", id)
	}
	if got := forkReads(fork, contract, "latest"); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("fork answers\n%s\nremote at block %d answers\n%s", strings.Join(got, "\n"), forkAt, strings.Join(want, "\n"))
	}

	// A transaction builds block forkAt+1 on the remote's block.
	r := fork.send(map[string]any{"from": fork.accts[1], "to": contract, "input": hexOf([]byte{1}, word(7))})
	if r.Status != "0x1" {
		t.Fatalf("transaction on the fork: %+v", r)
	}
	type header struct {
		Hash       types.Hash `json:"hash"`
		Number     string     `json:"number"`
		ParentHash types.Hash `json:"parentHash"`
		Timestamp  string     `json:"timestamp"`
		BaseFee    string     `json:"baseFeePerGas"`
	}
	var blk, base, remoteNext header
	fork.call(&blk, "eth_getBlockByNumber", "latest", false)
	fork.call(&base, "eth_getBlockByNumber", tag, false)
	remote.call(&remoteNext, "eth_getBlockByNumber", fmt.Sprintf("0x%x", forkAt+1), false)
	var earliest header
	fork.call(&earliest, "eth_getBlockByNumber", "earliest", false)
	if earliest.Hash != remoteBlock.Hash {
		t.Errorf("earliest block %s, want the fork block %s", earliest.Hash, remoteBlock.Hash)
	}
	if base.Hash != remoteBlock.Hash || base.Timestamp != remoteBlock.Timestamp {
		t.Errorf("the fork's block %d: %+v, want the remote's hash %s and time %s", forkAt, base, remoteBlock.Hash, remoteBlock.Timestamp)
	}
	// The base fee continues from the remote's header: the remote's own
	// next block, on the same parent, has the expected value.
	if blk.BaseFee != remoteNext.BaseFee || hexU64(t, json.RawMessage(`"`+blk.Timestamp+`"`)) <= hexU64(t, json.RawMessage(`"`+remoteBlock.Timestamp+`"`)) {
		t.Errorf("first fork block base fee %s time %s; want base fee %s (the remote's next block's) and time after %s",
			blk.BaseFee, blk.Timestamp, remoteNext.BaseFee, remoteBlock.Timestamp)
	}
	if hexU64(t, json.RawMessage(`"`+blk.Number+`"`)) != forkAt+1 || blk.ParentHash != remoteBlock.Hash {
		t.Errorf("first fork block %s parent %s, want %d on the remote's %s", blk.Number, blk.ParentHash, forkAt+1, remoteBlock.Hash)
	}
	if got := hexBytes(t, fork.call(nil, "eth_call", map[string]any{"to": contract, "input": "0x00"}, "latest")); got[31] != 7 {
		t.Errorf("slot 0 after the fork's transaction: %x, want 7", got)
	}
	if got := hexBytes(t, remote.call(nil, "eth_call", map[string]any{"to": contract, "input": "0x00"}, "latest")); got[31] != 99 {
		t.Errorf("the remote's slot 0: %x, want its own 99", got)
	}
	fork.fail(-32000, "forked chain", "eth_getProof", contract, []string{}, "latest")
	var fees struct {
		OldestBlock string `json:"oldestBlock"`
	}
	fork.call(&fees, "eth_feeHistory", "0x10", "latest", []float64{50})
	if fees.OldestBlock != tag {
		t.Errorf("eth_feeHistory over 16 blocks starts at %s, want the fork's first block %s", fees.OldestBlock, tag)
	}
	afterTx := forkReads(fork, contract, "latest")
	first := proxy.posts.Load()
	if first == 0 {
		t.Fatal("the fork made no requests to its remote")
	}
	fork.close()

	// The same data directory again: the same answers, nothing fetched.
	proxy.posts.Store(0)
	again, err := newForkNode(t, proxy.URL, &forkAt, dir)
	if err != nil {
		t.Fatal(err)
	}
	if got := forkReads(again, contract, "latest"); strings.Join(got, "\n") != strings.Join(afterTx, "\n") {
		t.Errorf("reopened fork answers\n%s\nbefore closing\n%s", strings.Join(got, "\n"), strings.Join(afterTx, "\n"))
	}
	if got := forkReads(again, contract, tag); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("reopened fork at the fork block answers\n%s\nthe remote\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if n := proxy.posts.Load(); n != 0 {
		t.Errorf("the reopened fork made %d requests to its remote (the first run made %d)", n, first)
	}
	t.Logf("first run: %d requests to the remote; second run: %d", first, proxy.posts.Load())
	again.close()

	// Reopened with the URL of another chain: cached state is served, but
	// the first read that needs the remote finds it is not the same chain.
	other := newNode(t, func(c *chain.Config) { c.ChainID = 4242 })
	for range forkAt {
		other.call(nil, "evm_mine")
	}
	wrong, err := newForkNode(t, other.url, &forkAt, dir)
	if err != nil {
		t.Fatal(err)
	}
	if got := hexBytes(t, wrong.call(nil, "eth_call", map[string]any{"to": contract, "input": "0x00"}, tag)); got[31] != 42 {
		t.Errorf("cached slot through another remote: %x", got)
	}
	wrong.fail(-32000, "another chain", "eth_getBalance", types.Address{0x77}, "latest")
}

func TestForkRemoteFailures(t *testing.T) {
	remote := newNode(t)
	proxy := newCountingProxy(t, remote.srv)
	fork, err := newForkNode(t, proxy.URL, nil, "", func(c *chain.Config) {
		c.Remote.Timeout, c.Remote.Retries = 300*time.Millisecond, 1
	})
	if err != nil {
		t.Fatal(err)
	}
	untouched := types.Address{0xde, 0xad}
	for _, tc := range []struct{ mode, want string }{
		{"garbage", "malformed answer"},
		{"error", "remote says no"},
		{"hang", "timed out"},
	} {
		proxy.mode.Store(tc.mode)
		res, e := fork.do("eth_getBalance", untouched, "latest")
		if e == nil || !strings.Contains(e.Message, tc.want) || !strings.Contains(e.Message, proxy.URL) {
			t.Errorf("%s remote: result %s, error %s; want an error naming %q and the remote", tc.mode, res, e, tc.want)
		}
		fork.blockNumber() // still serving
	}
	// A block that needs the remote while it fails is not mined.
	proxy.mode.Store("garbage")
	head := fork.blockNumber()
	res, e := fork.do("eth_sendTransaction", map[string]any{"from": fork.accts[0], "to": types.Address{0xbe, 0xef}, "value": "0x1"})
	if e == nil || !strings.Contains(e.Message, "malformed answer") {
		t.Errorf("sending while the remote fails: result %s error %s", res, e)
	}
	if n := fork.blockNumber(); n != head {
		t.Errorf("head moved to %d while the remote failed", n)
	}
	proxy.mode.Store("")
	if b := fork.balance(untouched); !b.IsZero() {
		t.Errorf("balance after the remote recovered: %s", b)
	}
	if r := fork.send(map[string]any{"from": fork.accts[0], "to": types.Address{0xbe, 0xef}, "value": "0x1"}); r.Status != "0x1" {
		t.Errorf("sending after the remote recovered: %+v", r)
	}
	if b := fork.balance(types.Address{0xbe, 0xef}); b.Uint64() != 1 {
		t.Errorf("payee balance %s after the refused and the mined payment, want 1", b)
	}

	// A remote that is down when the fork starts: a clear error, no chain.
	proxy.mode.Store("garbage")
	if _, err := newForkNode(t, proxy.URL, nil, ""); err == nil || !strings.Contains(err.Error(), "malformed answer") {
		t.Errorf("starting on a garbage remote: %v", err)
	}
}

func TestResetOntoAFork(t *testing.T) {
	remote := newNode(t)
	contract := remote.deploy()
	remote.send(map[string]any{"from": remote.accts[1], "to": contract, "input": hexOf([]byte{1}, word(42))})
	forkAt := remote.blockNumber()
	var remoteHead struct {
		Hash types.Hash `json:"hash"`
	}
	remote.call(&remoteHead, "eth_getBlockByNumber", "latest", false)
	remote.send(map[string]any{"from": remote.accts[1], "to": contract, "input": hexOf([]byte{1}, word(99))})
	proxy := newCountingProxy(t, remote.srv)

	local := newNode(t)
	local.send(map[string]any{"from": local.accts[0], "to": forkPayee, "value": "0x1"})
	localHead := local.blockNumber()
	get := map[string]any{"to": contract, "input": "0x00"}

	// A remote that answers garbage: refused, the chain untouched.
	proxy.mode.Store("garbage")
	local.fail(-32000, "malformed answer", "anvil_reset", map[string]any{"forking": map[string]any{"jsonRpcUrl": proxy.URL}})
	if n := local.blockNumber(); n != localHead {
		t.Fatalf("a failed reset moved the head to %d", n)
	}
	proxy.mode.Store("")

	local.call(nil, "anvil_reset", map[string]any{"forking": map[string]any{"jsonRpcUrl": proxy.URL, "blockNumber": forkAt}})
	if n := local.blockNumber(); n != forkAt {
		t.Fatalf("head after the reset %d, want the fork block %d", n, forkAt)
	}
	if got := hexBytes(t, local.call(nil, "eth_call", get, "latest")); got[31] != 42 {
		t.Errorf("slot 0 on the new fork %x, want the remote's 42 at block %d", got, forkAt)
	}
	if b := local.balance(forkPayee); !b.IsZero() {
		t.Errorf("the old chain's payment survived the reset: %s", b)
	}
	if b := local.balance(local.accts[3]); !b.Eq(tenThousandETH) {
		t.Errorf("dev account balance on the new fork %s, want 10000 ETH", b)
	}
	r := local.send(map[string]any{"from": local.accts[1], "to": contract, "input": hexOf([]byte{1}, word(7))})
	var blk struct {
		ParentHash types.Hash `json:"parentHash"`
	}
	local.call(&blk, "eth_getBlockByNumber", r.BlockNumber, false)
	if r.Status != "0x1" || blk.ParentHash != remoteHead.Hash {
		t.Errorf("block on the new fork: status %s parent %s, want 0x1 on %s", r.Status, blk.ParentHash, remoteHead.Hash)
	}

	// anvil_reset without parameters: back to the fork block.
	local.call(nil, "anvil_reset")
	if n := local.blockNumber(); n != forkAt {
		t.Errorf("head after a plain reset of the fork %d, want %d", n, forkAt)
	}
	if got := hexBytes(t, local.call(nil, "eth_call", get, "latest")); got[31] != 42 {
		t.Errorf("slot 0 after a plain reset %x, want 42", got)
	}
}

func TestForkConcurrentReads(t *testing.T) {
	remote := newNode(t)
	contract := remote.deploy()
	remote.send(map[string]any{"from": remote.accts[1], "to": contract, "input": hexOf([]byte{1}, word(42))})
	forkAt := remote.blockNumber()
	want := forkReads(remote, contract, fmt.Sprintf("0x%x", forkAt))
	fork, err := newForkNode(t, remote.url, nil, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	// Readers fetch the same accounts and slots at once while blocks are
	// mined: every reader sees the remote's values (run with -race).
	done := make(chan string, 8)
	for range 8 {
		go func() {
			got := forkReads(fork, contract, fmt.Sprintf("0x%x", forkAt))
			done <- strings.Join(got, "\n")
		}()
	}
	for range 3 {
		fork.call(nil, "evm_mine")
	}
	for range 8 {
		select {
		case got := <-done:
			if got != strings.Join(want, "\n") {
				t.Errorf("a concurrent reader got\n%s\nwant\n%s", got, strings.Join(want, "\n"))
			}
		case <-time.After(time.Minute): // a reader that failed has reported it and stopped
			t.Fatal("a concurrent reader did not finish")
		}
	}
}

func TestForkStorageValuesBatched(t *testing.T) {
	remote := newNode(t)
	contract := remote.deploy()
	remote.send(map[string]any{"from": remote.accts[1], "to": contract, "input": hexOf([]byte{1}, word(42))})
	proxy := newCountingProxy(t, remote.srv)
	fork, err := newForkNode(t, proxy.URL, nil, "")
	if err != nil {
		t.Fatal(err)
	}
	slots := []string{}
	for i := range 20 {
		slots = append(slots, fmt.Sprintf("0x%x", i))
	}
	before := proxy.posts.Load()
	var got map[string][]types.Hash
	fork.call(&got, "eth_getStorageValues", map[string][]string{contract.Hex(): slots}, "latest")
	vals := got[strings.ToLower(contract.Hex())]
	if len(vals) != 20 || vals[0][31] != 42 || !vals[1].IsZero() {
		t.Fatalf("eth_getStorageValues on the fork: %v", got)
	}
	// One batch for the account, one for its 20 slots, not 21 requests.
	if n := proxy.posts.Load() - before; n != 2 {
		t.Errorf("eth_getStorageValues of 20 slots made %d requests to the remote, want 2", n)
	}
}
