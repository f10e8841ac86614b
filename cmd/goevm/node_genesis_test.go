package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/goevm/goevm/internal/fixtures"
)

// TestNodeGenesisImport: goevm node --genesis --import serves the
// execution-apis chain as hive's client scripts start it: the head is the
// block headfcu.json makes head, safe and finalized.
func TestNodeGenesisImport(t *testing.T) {
	dir := fixtures.Dir(t, "execution-apis/tests")
	bin := buildGoevm(t)
	p := startNode(t, bin, "--genesis", filepath.Join(dir, "genesis.json"), "--import", filepath.Join(dir, "chain.rlp"))
	defer p.stop(syscall.SIGTERM)
	// headfcu.json: the forkchoice hive sends after importing chain.rlp.
	const head = "0xd226371d0b1551adb03fb52b71f08e3e11247fe9b1af994768af8cdaa8e7dcd7"
	for _, tag := range []string{"latest", "safe", "finalized"} {
		var b struct{ Hash, Number string }
		p.call(&b, "eth_getBlockByNumber", tag, false)
		if b.Hash != head || b.Number != "0x36" {
			t.Errorf("%s: block %s %s, want 0x36 %s", tag, b.Number, b.Hash, head)
		}
	}
	var id string
	p.call(&id, "eth_chainId")
	if id != "0xc72dd9d5e883e" {
		t.Errorf("chain id %s", id)
	}
}

// TestNodeGenesisRefused: flags that would contradict the genesis file, a
// bad file and a bad block file are refused with a message naming them.
func TestNodeGenesisRefused(t *testing.T) {
	tmp := t.TempDir()
	write := func(name string, data []byte) string {
		path := filepath.Join(tmp, name)
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	bad := write("bad.json", []byte(`{"config":{"chainId":1,"bogotaTime":0}}`))
	good := write("good.json", []byte(`{"config":{"chainId":1,"homesteadBlock":0},"gasLimit":"0x1000000","difficulty":"0x1"}`))
	junk := write("junk.rlp", []byte{0xf9, 0xff})
	for _, tc := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"--genesis", good, "--fork", "Cancun", "--chain-id", "5"}, exitUsage, "drop --chain-id, --fork"},
		{[]string{"--genesis", bad}, exitUsage, "config.bogotaTime"},
		{[]string{"--genesis", filepath.Join(tmp, "missing.json")}, exitUsage, "missing.json"},
		{[]string{"--genesis", good, "--import", junk, "--port", "0"}, exitFailed, "--import " + junk},
	} {
		var stdout, stderr bytes.Buffer
		code := runNode(tc.args, &stdout, &stderr)
		if code != tc.code || !strings.Contains(stderr.String(), tc.want) {
			t.Errorf("%v: exit %d %q, want %d and %q", tc.args, code, stderr.String(), tc.code, tc.want)
		}
	}
}
