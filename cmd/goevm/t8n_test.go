package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The inputs and expected roots of go-ethereum's cmd/evm/testdata/1 t8n
// example (Berlin): two copies of one legacy transfer, the second rejected
// for its nonce.
const (
	t8nAlloc = `{"a94f5374fce5edbc8e2a8697c15331677e6ebf0b": {"balance": "0x5ffd4878be161d74","code": "0x","nonce": "0xac","storage": {}},
 "0x8a8eafb1cf62bfbeb1741769dae1a9dd47996192": {"balance": "0xfeedbead","nonce": "0x00"}}`
	t8nEnv = `{"currentCoinbase": "0xc94f5374fce5edbc8e2a8697c15331677e6ebf0b","currentDifficulty": "0x20000",
 "currentGasLimit": "0x750a163df65e8a","currentNumber": "1","currentTimestamp": "1000"}`
	t8nTx  = `{"gas": "0x5208","gasPrice": "0x2","input": "0x","nonce": "0x0","r": "0x9500e8ba27d3c33ca7764e107410f44cbd8c19794bde214d694683a7aa998cdb","s": "0x7235ae07e4bd6e0206d102b1f8979d6adab280466b6a82d2208ee08951f1f600","to": "0x8a8eafb1cf62bfbeb1741769dae1a9dd47996192","v": "0x1b","value": "0x1"}`
	t8nTxs = "[" + t8nTx + "," + t8nTx + "]"
)

type t8nOut struct {
	Alloc  map[string]map[string]any `json:"alloc"`
	Body   string                    `json:"body"`
	Result struct {
		StateRoot    string `json:"stateRoot"`
		TxRoot       string `json:"txRoot"`
		ReceiptsRoot string `json:"receiptsRoot"`
		GasUsed      string `json:"gasUsed"`
		Difficulty   string `json:"currentDifficulty"`
		Rejected     []struct {
			Index int    `json:"index"`
			Error string `json:"error"`
		} `json:"rejected"`
	} `json:"result"`
}

func writeInputs(t *testing.T, alloc, env, txs string) string {
	t.Helper()
	dir := t.TempDir()
	for name, body := range map[string]string{"alloc.json": alloc, "env.json": env, "txs.json": txs} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestT8nGethExampleFromFiles(t *testing.T) {
	dir := writeInputs(t, t8nAlloc, t8nEnv, t8nTxs)
	var stdout, stderr bytes.Buffer
	code := runT8n([]string{"--state.fork=Berlin",
		"--input.alloc=" + filepath.Join(dir, "alloc.json"), "--input.env=" + filepath.Join(dir, "env.json"),
		"--input.txs=" + filepath.Join(dir, "txs.json"),
		"--output.result=stdout", "--output.alloc=stdout", "--output.body=stdout"}, nil, &stdout, &stderr)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	var out t8nOut
	if err := json.Unmarshal(stdout.Bytes(), &out); err != nil {
		t.Fatalf("%v\n%s", err, stdout.String())
	}
	r := out.Result
	if r.StateRoot != "0x84208a19bc2b46ada7445180c1db162be5b39b9abc8c0a54b05d32943eae4e13" ||
		r.TxRoot != "0xc4761fd7b87ff2364c7c60b6c5c8d02e522e815328aaea3f20e3b7b7ef52c42d" ||
		r.ReceiptsRoot != "0x056b23fbba480696b65fe5a59b8f2148a1299103c4f57df839233af2cf4ca2d2" ||
		r.GasUsed != "0x5208" || r.Difficulty != "0x20000" {
		t.Errorf("result %+v", r)
	}
	if len(r.Rejected) != 1 || r.Rejected[0].Index != 1 || !strings.Contains(r.Rejected[0].Error, "nonce too low") {
		t.Errorf("rejected %+v", r.Rejected)
	}
	if got := out.Alloc["0xc94f5374fce5edbc8e2a8697c15331677e6ebf0b"]["balance"]; got != "0xa410" {
		t.Errorf("coinbase balance %v, want 0xa410", got)
	}
	if got := out.Alloc["0x8a8eafb1cf62bfbeb1741769dae1a9dd47996192"]["balance"]; got != "0xfeed1a9d" {
		t.Errorf("recipient balance %v, want 0xfeed1a9d", got)
	}

	// The body feeds back in as RLP transactions with the same result.
	rlpDir := t.TempDir()
	body, _ := json.Marshal(out.Body)
	os.WriteFile(filepath.Join(rlpDir, "txs.rlp"), body, 0o644)
	stdout.Reset()
	code = runT8n([]string{"--state.fork=Berlin",
		"--input.alloc=" + filepath.Join(dir, "alloc.json"), "--input.env=" + filepath.Join(dir, "env.json"),
		"--input.txs=" + filepath.Join(rlpDir, "txs.rlp"), "--output.result=stdout", "--output.alloc="}, nil, &stdout, &stderr)
	var again t8nOut
	if code != 0 || json.Unmarshal(stdout.Bytes(), &again) != nil || again.Result.StateRoot != r.StateRoot {
		t.Errorf("RLP round trip: exit %d, %s %s", code, stdout.String(), stderr.String())
	}
}

func TestT8nStdinAndBasedir(t *testing.T) {
	stdin := strings.NewReader(`{"alloc":` + t8nAlloc + `,"env":` + t8nEnv + `,"txs":` + t8nTxs + `}`)
	dir := t.TempDir()
	var stdout, stderr bytes.Buffer
	code := runT8n([]string{"--state.fork=Berlin", "--input.alloc=stdin", "--input.env=stdin", "--input.txs=stdin",
		"--output.basedir=" + dir}, stdin, &stdout, &stderr)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	data, err := os.ReadFile(filepath.Join(dir, "result.json"))
	if err != nil || !bytes.Contains(data, []byte("0x84208a19bc2b46ada7445180c1db162be5b39b9abc8c0a54b05d32943eae4e13")) {
		t.Fatalf("result.json: %v %s", err, data)
	}
	if _, err := os.Stat(filepath.Join(dir, "alloc.json")); err != nil {
		t.Fatal(err)
	}
}

func TestT8nBadInputNamesTheField(t *testing.T) {
	cases := []struct {
		name, alloc, env, txs, fork string
		code                        int
		want                        string
	}{
		{"unknown fork", t8nAlloc, t8nEnv, t8nTxs, "Atlantis", 3, "state.fork"},
		{"bad timestamp", t8nAlloc, strings.Replace(t8nEnv, `"1000"`, `"0xzz"`, 1), t8nTxs, "Berlin", 10, "currentTimestamp"},
		{"missing coinbase", t8nAlloc, `{"currentGasLimit":"0x10000","currentNumber":"1","currentTimestamp":"1","currentDifficulty":"0x1"}`, t8nTxs, "Berlin", 10, "currentCoinbase"},
		{"missing base fee", t8nAlloc, t8nEnv, t8nTxs, "London", 10, "BaseFee"},
		{"tx without nonce", t8nAlloc, t8nEnv, `[{"gas":"0x5208","gasPrice":"0x1"}]`, "Berlin", 10, "nonce"},
		{"txs not an array", t8nAlloc, t8nEnv, `{"x":1}`, "Berlin", 10, "txs"},
		{"alloc garbage", `{"0x12": {}}`, t8nEnv, t8nTxs, "Berlin", 10, "alloc"},
		// Issue 19, items 7 and 8: the fixtures' hex rules, with messages that
		// name the field, the position and what was expected.
		{"to empty string", t8nAlloc, t8nEnv, "[" + strings.Replace(t8nTx, `"0x8a8eafb1cf62bfbeb1741769dae1a9dd47996192"`, `""`, 1) + "]", "Berlin", 10, `to: "": empty`},
		{"to 0x", t8nAlloc, t8nEnv, "[" + strings.Replace(t8nTx, `"0x8a8eafb1cf62bfbeb1741769dae1a9dd47996192"`, `"0x"`, 1) + "]", "Berlin", 10, `0 bytes; want an address of 20 bytes`},
		{"code without 0x", strings.Replace(t8nAlloc, `"code": "0x"`, `"code": "18446744073709551616"`, 1), t8nEnv, t8nTxs, "Berlin", 10, "missing 0x prefix"},
		{"empty quantity", t8nAlloc, strings.Replace(t8nEnv, `"1000"`, `""`, 1), t8nTxs, "Berlin", 10, "currentTimestamp"},
		{"0x quantity", t8nAlloc, strings.Replace(t8nEnv, `"1000"`, `"0x"`, 1), t8nTxs, "Berlin", 10, "no digits after 0x"},
		{"bad digit", t8nAlloc, strings.Replace(t8nEnv, `"1000"`, `"0xz"`, 1), t8nTxs, "Berlin", 10, "invalid hex digit 'z' at position 2"},
		{"byte order mark", t8nAlloc, strings.Replace(t8nEnv, `"1000"`, `"\ufeff1000"`, 1), t8nTxs, "Berlin", 10, "byte order mark"},
		// The recipient runs BLOCKHASH(0) at block 1; env gives no hashes.
		{"missing block hash", strings.Replace(t8nAlloc, `"nonce": "0x00"`, `"nonce": "0x00", "code": "0x60004000"`, 1), t8nEnv,
			`[{"gas":"0x10000","gasPrice":"0x2","nonce":"0xac","to":"0x8a8eafb1cf62bfbeb1741769dae1a9dd47996192","value":"0x1","input":"0x",` +
				`"v":"0x0","r":"0x0","s":"0x0","secretKey":"0x45a915e4d060149eb4365960e6a7a45f334393093061116b197e3240065ff2d8"}]`,
			"Berlin", 4, "block 0"},
	}
	for _, c := range cases {
		dir := writeInputs(t, c.alloc, c.env, c.txs)
		var stdout, stderr bytes.Buffer
		code := runT8n([]string{"--state.fork=" + c.fork,
			"--input.alloc=" + filepath.Join(dir, "alloc.json"), "--input.env=" + filepath.Join(dir, "env.json"),
			"--input.txs=" + filepath.Join(dir, "txs.json"), "--output.result=stdout", "--output.alloc="}, nil, &stdout, &stderr)
		if code != c.code || !strings.Contains(stderr.String(), c.want) {
			t.Errorf("%s: exit %d (want %d), stderr %q should mention %q", c.name, code, c.code, stderr.String(), c.want)
		}
	}
}
