package main

import (
	"bytes"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// goevm node --fork-url, as a user runs it: a second goevm node process is
// the remote; the fork's answers are compared with the remote's at the
// fork block (rpc's fork_test.go checks the semantics in depth).
func TestNodeFork(t *testing.T) {
	bin := buildGoevm(t)
	remote := startNode(t, bin, "--chain-id", "777")
	// init code: SSTORE(0, 0x2a), then return the runtime SLOAD(0) RETURN
	var txHash, addr string
	remote.call(&txHash, "eth_sendTransaction", map[string]any{
		"from": "0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266", "input": "0x602a5f55600880600d5f395ff35f545f5260205ff3"})
	var rc struct {
		ContractAddress string `json:"contractAddress"`
	}
	remote.call(&rc, "eth_getTransactionReceipt", txHash)
	addr = rc.ContractAddress
	remote.call(nil, "evm_mine")
	var want, wantCode string
	remote.call(&want, "eth_getStorageAt", addr, "0x0", "0x2")
	remote.call(&wantCode, "eth_getCode", addr, "0x2")
	remote.call(nil, "evm_mine") // past the fork block

	dir := filepath.Join(t.TempDir(), "fork")
	for run := 1; run <= 2; run++ { // the second reopens the data directory
		fork := startNode(t, bin, "--fork-url", remote.url, "--fork-block-number", "2", "--datadir", dir)
		var chainID, head, slot, code string
		fork.call(&chainID, "eth_chainId")
		fork.call(&head, "eth_blockNumber")
		fork.call(&slot, "eth_getStorageAt", addr, "0x0", "latest")
		fork.call(&code, "eth_getCode", addr, "latest")
		// 777 = 0x309, the remote's chain id; the fork block is 2.
		if chainID != "0x309" || head != "0x2" || slot != want || code != wantCode {
			t.Errorf("run %d: chain id %s head %s slot 0 %s code %s; want 0x309, 0x2, %s, %s", run, chainID, head, slot, code, want, wantCode)
		}
		fork.stop(syscall.SIGTERM)
	}
}

func TestNodeForkRefused(t *testing.T) {
	for _, tc := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"--fork-block-number", "3"}, exitUsage, "needs --fork-url"},
		{[]string{"--fork-url", "http://127.0.0.1:1", "--genesis", "g.json"}, exitUsage, "drop --genesis"},
		{[]string{"--fork-url", "http://127.0.0.1:1", "--fork-retries", "0", "--port", "0"}, exitFailed, "node unreachable"},
		{[]string{"--fork-url", "http://127.0.0.1:1", "--fork-timeout", "soon"}, exitUsage, "fork-timeout"},
	} {
		var stdout, stderr bytes.Buffer
		start := time.Now()
		code := runNode(tc.args, &stdout, &stderr)
		if code != tc.code || !strings.Contains(stderr.String(), tc.want) {
			t.Errorf("%v: exit %d %q, want %d and %q", tc.args, code, stderr.String(), tc.code, tc.want)
		}
		if d := time.Since(start); d > 10*time.Second {
			t.Errorf("%v: took %v", tc.args, d)
		}
	}
}
