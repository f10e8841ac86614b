package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// The durability test the issue asks for: goevm node with --datadir, mine,
// kill -9, restart, and find every mined block, receipt and balance; a clean
// stop (SIGTERM) and restart too; and a restart as another chain refused.

func buildGoevm(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds the goevm binary")
	}
	bin := filepath.Join(t.TempDir(), "goevm")
	cmd := exec.Command("go", "build", "-o", bin, ".")
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

func freePort(t *testing.T) int {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}

type nodeProc struct {
	t      *testing.T
	cmd    *exec.Cmd
	url    string
	stderr *bytes.Buffer
	done   chan struct{}
}

// syncBuffer is a bytes.Buffer safe for the process's writer goroutine.
type syncBuffer struct {
	mu sync.Mutex
	bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.Buffer.Write(p)
}

func startNode(t *testing.T, bin string, args ...string) *nodeProc {
	t.Helper()
	port := freePort(t)
	args = append([]string{"node", "--port", fmt.Sprint(port)}, args...)
	cmd := exec.Command(bin, args...)
	var stderr syncBuffer
	cmd.Stdout = io.Discard
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	p := &nodeProc{t: t, cmd: cmd, url: fmt.Sprintf("http://127.0.0.1:%d", port), done: make(chan struct{})}
	go func() { cmd.Wait(); close(p.done) }()
	t.Cleanup(func() {
		select {
		case <-p.done:
		default:
			cmd.Process.Kill()
			<-p.done
		}
	})
	deadline := time.Now().Add(30 * time.Second)
	for {
		if _, err := p.try("eth_chainId"); err == nil {
			return p
		}
		select {
		case <-p.done:
			t.Fatalf("goevm %s exited: %s", strings.Join(args, " "), stderr.String())
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("goevm node did not answer within 30 s: %s", stderr.String())
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func (p *nodeProc) try(method string, params ...any) (json.RawMessage, error) {
	if params == nil {
		params = []any{}
	}
	body, _ := json.Marshal(map[string]any{"jsonrpc": "2.0", "id": 1, "method": method, "params": params})
	c := http.Client{Timeout: 10 * time.Second}
	resp, err := c.Post(p.url, "application/json", bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	var r struct {
		Result json.RawMessage `json:"result"`
		Error  *struct {
			Code    int    `json:"code"`
			Message string `json:"message"`
		} `json:"error"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&r); err != nil {
		return nil, err
	}
	if r.Error != nil {
		return nil, fmt.Errorf("%s: %d %s", method, r.Error.Code, r.Error.Message)
	}
	return r.Result, nil
}

func (p *nodeProc) call(out any, method string, params ...any) {
	p.t.Helper()
	res, err := p.try(method, params...)
	if err != nil {
		p.t.Fatal(err)
	}
	if out != nil {
		if err := json.Unmarshal(res, out); err != nil {
			p.t.Fatalf("%s: %s: %v", method, res, err)
		}
	}
}

// stop sends sig and waits for the process to end.
func (p *nodeProc) stop(sig syscall.Signal) {
	p.t.Helper()
	if err := p.cmd.Process.Signal(sig); err != nil {
		p.t.Fatal(err)
	}
	select {
	case <-p.done:
	case <-time.After(20 * time.Second):
		p.t.Fatalf("goevm node did not exit after %v", sig)
	}
}

// mined is what a client saw before the node went away.
type mined struct {
	blocks   map[string]string          // number -> hash
	receipts map[string]json.RawMessage // tx hash -> receipt
}

func (p *nodeProc) record(m *mined) {
	p.t.Helper()
	var head string
	p.call(&head, "eth_blockNumber")
	var n uint64
	fmt.Sscanf(head, "0x%x", &n)
	for i := uint64(0); i <= n; i++ {
		var b struct{ Hash string }
		p.call(&b, "eth_getBlockByNumber", fmt.Sprintf("0x%x", i), false)
		m.blocks[fmt.Sprintf("0x%x", i)] = b.Hash
	}
}

// check finds every recorded block and receipt, unchanged.
func (p *nodeProc) check(m *mined, what string) {
	p.t.Helper()
	for num, h := range m.blocks {
		var b *struct{ Hash string }
		p.call(&b, "eth_getBlockByNumber", num, false)
		if b == nil || b.Hash != h {
			p.t.Errorf("%s: block %s is %v, was %s", what, num, b, h)
		}
	}
	for tx, want := range m.receipts {
		res, err := p.try("eth_getTransactionReceipt", tx)
		if err != nil || !jsonEqual(res, want) {
			p.t.Errorf("%s: receipt of %s\n got %s %v\nwant %s", what, tx, res, err, want)
		}
	}
}

func jsonEqual(a, b json.RawMessage) bool {
	var x, y any
	json.Unmarshal(a, &x)
	json.Unmarshal(b, &y)
	xa, _ := json.Marshal(x)
	ya, _ := json.Marshal(y)
	return string(xa) == string(ya)
}

const (
	dev0 = "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266" // anvil's first dev account
	dev1 = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8" // and its second
)

func TestNodeDurability(t *testing.T) {
	bin := buildGoevm(t)
	dir := filepath.Join(t.TempDir(), "chain")
	p := startNode(t, bin, "--datadir", dir)
	m := &mined{blocks: map[string]string{}, receipts: map[string]json.RawMessage{}}
	balances := map[string]string{}
	sendTx := func(p *nodeProc, tx map[string]any) (string, error) {
		res, err := p.try("eth_sendTransaction", tx)
		if err != nil {
			return "", err
		}
		var h string
		json.Unmarshal(res, &h)
		r, err := p.try("eth_getTransactionReceipt", h)
		if err != nil || string(r) == "null" {
			return "", fmt.Errorf("no receipt for %s: %v", h, err)
		}
		m.receipts[h] = r
		return h, nil
	}
	// a contract (returns 42 from its runtime) and transfers
	if _, err := sendTx(p, map[string]any{"from": dev0, "input": "0x600a600c600039600a6000f3602a60005260206000f3"}); err != nil {
		t.Fatal(err)
	}
	for i := 1; i <= 5; i++ {
		to := fmt.Sprintf("0x%040x", 0x1000+i)
		if _, err := sendTx(p, map[string]any{"from": dev1, "to": to, "value": fmt.Sprintf("0x%x", i*1000)}); err != nil {
			t.Fatal(err)
		}
	}
	p.call(nil, "hardhat_setStorageAt", "0x0000000000000000000000000000000000001001", "0x0", "0x00000000000000000000000000000000000000000000000000000000000000ff")
	p.call(nil, "evm_mine")
	rec := func(p *nodeProc, accounts ...string) {
		p.record(m)
		for _, a := range accounts {
			var b string
			p.call(&b, "eth_getBalance", a, "latest")
			balances[a] = b
		}
	}
	// what clients have seen so far (accounts the burst below leaves alone)
	rec(p, dev1, "0x0000000000000000000000000000000000001003")
	// kill -9 while transactions keep coming: every receipt a client got
	// must survive (each block's batch is synced before it is announced)
	var mu sync.Mutex
	sent := make(chan struct{})
	go func() {
		defer close(sent)
		for {
			res, err := p.try("eth_sendTransaction", map[string]any{"from": dev0, "to": "0x0000000000000000000000000000000000002000", "value": "0x1"})
			if err != nil {
				return // the node died mid-request
			}
			var h string
			json.Unmarshal(res, &h)
			r, err := p.try("eth_getTransactionReceipt", h)
			if err != nil {
				return
			}
			mu.Lock()
			m.receipts[h] = r
			mu.Unlock()
		}
	}()
	time.Sleep(400 * time.Millisecond)
	p.stop(syscall.SIGKILL)
	<-sent
	t.Logf("killed mid-burst with %d receipts seen", len(m.receipts))

	p = startNode(t, bin, "--datadir", dir)
	p.check(m, "after kill -9")
	for a, want := range balances {
		var b string
		p.call(&b, "eth_getBalance", a, "latest")
		if b != want {
			t.Errorf("after kill -9: balance of %s %s, was %s", a, b, want)
		}
	}
	var slot, code string
	p.call(&slot, "eth_getStorageAt", "0x0000000000000000000000000000000000001001", "0x0", "latest")
	if !strings.HasSuffix(slot, "ff") {
		t.Errorf("after kill -9: the mined dev edit is gone: %s", slot)
	}
	p.call(&code, "eth_getCode", "0x5fbdb2315678afecb367f032d93f642f64180aa3", "latest") // CREATE(dev0, 0)
	if code != "0x602a60005260206000f3" {
		t.Errorf("after kill -9: contract code %s", code)
	}
	// the chain goes on: the nonce and the next block follow
	if _, err := sendTx(p, map[string]any{"from": dev1, "to": dev0, "value": "0x1"}); err != nil {
		t.Fatal(err)
	}
	// a clean stop, everything recorded
	rec(p, dev0, dev1, "0x0000000000000000000000000000000000001003", "0x0000000000000000000000000000000000002000")
	p.stop(syscall.SIGTERM)
	if code := p.cmd.ProcessState.ExitCode(); code != 0 {
		t.Errorf("exit status %d after SIGTERM", code)
	}
	p = startNode(t, bin, "--datadir", dir)
	p.check(m, "after SIGTERM")
	for a, want := range balances {
		var b string
		p.call(&b, "eth_getBalance", a, "latest")
		if b != want {
			t.Errorf("after SIGTERM: balance of %s %s, was %s", a, b, want)
		}
	}
	// archive reads of an early block survive too
	var early string
	p.call(&early, "eth_getBalance", "0x0000000000000000000000000000000000001003", "0x1")
	if early != "0x0" {
		t.Errorf("balance at block 1: %s", early)
	}
	p.stop(syscall.SIGTERM)

	// another chain id on the same directory: refused, saying why
	cmd := exec.Command(bin, "node", "--port", fmt.Sprint(freePort(t)), "--datadir", dir, "--chain-id", "1")
	out, err := cmd.CombinedOutput()
	if err == nil {
		t.Fatalf("a restart with --chain-id 1 on a 31337 data directory succeeded: %s", out)
	}
	if !strings.Contains(string(out), "chain id 31337") || !strings.Contains(string(out), "chain id 1") {
		t.Errorf("refusal does not name the chain ids: %s", out)
	}
	// and the directory still opens as itself
	p = startNode(t, bin, "--datadir", dir)
	p.check(m, "after the refused restart")
	p.stop(syscall.SIGTERM)
}
