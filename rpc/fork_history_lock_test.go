package rpc

import (
	"strings"
	"testing"
	"time"

	"github.com/goevm/goevm/chain"
	"github.com/goevm/goevm/types"
)

// A fork's reader waiting on a hung remote must not stall the chain: the
// miner goes on with what it has cached (chain/fork_prefetch.go).
func TestForkHungRemoteLeavesTheMinerFree(t *testing.T) {
	remote := newNode(t)
	proxy := newCountingProxy(t, remote.srv)
	const timeout = 2 * time.Second
	fork, err := newForkNode(t, proxy.URL, nil, "", func(c *chain.Config) {
		c.Remote.Timeout, c.Remote.Retries = timeout, 0
	})
	if err != nil {
		t.Fatal(err)
	}
	pay := map[string]any{"from": fork.accts[0], "to": fork.accts[1], "value": "0x1"}
	fork.send(pay) // the accounts every block touches (coinbase, system contracts) are cached now

	proxy.mode.Store("hang")
	for _, waiter := range []struct {
		method string
		params []any
	}{
		{"eth_call", []any{map[string]any{"to": types.Address{0xde, 0xad}, "input": "0x"}, "latest"}},
		{"eth_getTransactionCount", []any{types.Address{0xde, 0xae}, "pending"}},
		{"eth_sendTransaction", []any{map[string]any{"from": fork.accts[2], "to": types.Address{0xde, 0xaf}, "value": "0x1", "gas": "0x5208"}}}, // no estimate: the send itself meets the remote
	} {
		before := proxy.posts.Load()
		done := make(chan *rpcErr, 1)
		go func() {
			_, e := fork.do(waiter.method, waiter.params...)
			done <- e
		}()
		for deadline := time.Now().Add(2 * time.Second); proxy.posts.Load() == before; time.Sleep(5 * time.Millisecond) {
			if time.Now().After(deadline) {
				t.Fatalf("%s never reached the remote", waiter.method)
			}
		}
		start := time.Now()
		if r := fork.send(pay); r.Status != "0x1" {
			t.Errorf("payment while %s waits on the remote: %+v", waiter.method, r)
		}
		fork.call(nil, "evm_mine")
		took := time.Since(start)
		t.Logf("a payment and evm_mine took %v while %s waited on the hung remote", took, waiter.method)
		if took > timeout/2 {
			t.Errorf("mining took %v while %s waited on a hung remote (timeout %v): it held the chain", took, waiter.method, timeout)
		}
		select {
		case e := <-done:
			// eth_getTransactionCount has no error to give: a failed read is 0
			if waiter.method != "eth_getTransactionCount" && (e == nil || !strings.Contains(e.Message, "timed out") || !strings.Contains(e.Message, proxy.URL)) {
				t.Errorf("%s on the hung remote: %v, want a timeout naming the remote", waiter.method, e)
			}
		case <-time.After(3 * timeout):
			t.Fatalf("%s did not return after the remote's timeout", waiter.method)
		}
	}
}
