package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestNodeDumpLoadState: goevm node --dump-state writes the state when
// stopped with SIGTERM, and a second node started with --load-state from
// that file answers balance, nonce, code and storage queries as the first
// did (anvil's --dump-state / --load-state). A malformed file stops the
// node at start-up with a message naming the problem.
func TestNodeDumpLoadState(t *testing.T) {
	bin := buildGoevm(t)
	dir := t.TempDir()
	file := filepath.Join(dir, "state.json")

	a := startNode(t, bin, "--dump-state", file)
	contract := "0x00000000000000000000000000000000000c0de0"
	rich := "0x00000000000000000000000000000000000000ee"
	// PUSH0 SLOAD PUSH0 MSTORE PUSH1 32 PUSH0 RETURN: returns slot 0
	code := "0x5f545f5260205ff3"
	a.call(nil, "anvil_setCode", contract, code)
	a.call(nil, "anvil_setStorageAt", contract, "0x0", "0x00000000000000000000000000000000000000000000000000000000000000aa")
	a.call(nil, "anvil_setNonce", contract, "0x3")
	a.call(nil, "evm_mine")
	a.call(nil, "anvil_setBalance", rich, "0x1bc16d674ec80000") // pending at shutdown: dumped too
	type answers map[string]string
	ask := func(p *nodeProc) answers {
		out := answers{}
		for _, q := range []struct {
			method string
			params []any
		}{
			{"eth_getBalance", []any{rich, "latest"}},
			{"eth_getCode", []any{contract, "latest"}},
			{"eth_getTransactionCount", []any{contract, "latest"}},
			{"eth_getStorageAt", []any{contract, "0x0", "latest"}},
			{"eth_call", []any{map[string]any{"to": contract}, "latest"}},
		} {
			var s string
			p.call(&s, q.method, q.params...)
			out[q.method] = s
		}
		return out
	}
	want := ask(a)
	if want["eth_getStorageAt"] != "0x00000000000000000000000000000000000000000000000000000000000000aa" || want["eth_getBalance"] != "0x1bc16d674ec80000" {
		t.Fatalf("first node: %v", want)
	}
	a.stop(syscall.SIGTERM)
	if code := a.cmd.ProcessState.ExitCode(); code != 0 {
		t.Fatalf("exit status %d after SIGTERM", code)
	}
	raw, err := os.ReadFile(file)
	if err != nil {
		t.Fatalf("--dump-state wrote nothing: %v", err)
	}
	var dump struct {
		Accounts map[string]json.RawMessage `json:"accounts"`
	}
	if err := json.Unmarshal(raw, &dump); err != nil || dump.Accounts[contract] == nil || dump.Accounts[rich] == nil {
		t.Fatalf("dump %v: %.300s", err, raw)
	}

	b := startNode(t, bin, "--load-state", file)
	if got := ask(b); strings.Join(mapLines(got), ",") != strings.Join(mapLines(want), ",") {
		t.Errorf("after --load-state: %v, want %v", got, want)
	}
	// The chain continues from the dumped block (1, after evm_mine), as
	// anvil's --load-state does.
	var head string
	if b.call(&head, "eth_blockNumber"); head != "0x1" {
		t.Errorf("eth_blockNumber after --load-state: %s, want 0x1", head)
	}
	b.stop(syscall.SIGTERM)

	// A truncated file stops the node with the problem named.
	bad := filepath.Join(dir, "bad.json")
	os.WriteFile(bad, raw[:len(raw)/2], 0o644)
	cmd := exec.Command(bin, "node", "--port", "0", "--load-state", bad)
	out, err := cmd.CombinedOutput()
	if err == nil || !strings.Contains(string(out), "--load-state") || !strings.Contains(string(out), "bad state dump") {
		t.Errorf("truncated --load-state: %v\n%s", err, out)
	}
}

func mapLines(m map[string]string) []string {
	var out []string
	for _, k := range []string{"eth_getBalance", "eth_getCode", "eth_getTransactionCount", "eth_getStorageAt", "eth_call"} {
		out = append(out, k+"="+m[k])
	}
	return out
}
