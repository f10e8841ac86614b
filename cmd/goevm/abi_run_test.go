package main

import (
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/goevm/goevm/abi"
)

// Bytecode written by hand for run --sig/--abi: one program logs
// Transfer(from, to, 5) and returns true, the other reverts with
// Insufficient(1, 2).
func TestRunSigAndABI(t *testing.T) {
	from := "5aaeb6053f3e94c9b9a09f33669435e7ef1beaed" // EIP-55's first test vector
	to := "fb6916095ca1df60bb79ce92ce3ea74c37c5d359"   // its second
	transfer := "ddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef"
	logAndReturn := "6005600052" + "73" + to + "73" + from + "7f" + transfer + "60206000a3" + "600160005260206000f3"
	insufficient, _ := abi.ParseError("error Insufficient(uint256 available, uint256 required)")
	sel := insufficient.Selector()
	revert := "7f" + hex.EncodeToString(sel[:]) + strings.Repeat("00", 28) + "600052" + "6001600452" + "6002602452" + "60446000fd"

	abiFile := filepath.Join(t.TempDir(), "token.abi")
	os.WriteFile(abiFile, []byte(`[
	 {"type":"function","name":"transfer","stateMutability":"nonpayable","inputs":[{"name":"to","type":"address","internalType":"address"},{"name":"value","type":"uint256","internalType":"uint256"}],"outputs":[{"name":"","type":"bool","internalType":"bool"}]},
	 {"type":"event","name":"Transfer","anonymous":false,"inputs":[{"name":"from","type":"address","indexed":true,"internalType":"address"},{"name":"to","type":"address","indexed":true,"internalType":"address"},{"name":"value","type":"uint256","indexed":false,"internalType":"uint256"}]},
	 {"type":"error","name":"Insufficient","inputs":[{"name":"available","type":"uint256","internalType":"uint256"},{"name":"required","type":"uint256","internalType":"uint256"}]}]`), 0o644)

	out, errOut, rc := runGoevm(t, "--code", logAndReturn, "--abi", abiFile, "--sig", "transfer", "0x"+to, "5")
	if rc != 0 || !strings.Contains(out, "returns:  true\n") ||
		!strings.Contains(out, "log:      Transfer(from: 0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed, to: 0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359, value: 5)\n") {
		t.Errorf("exit %d\n%s%s", rc, out, errOut)
	}
	out, errOut, rc = runGoevm(t, "--code", logAndReturn, "--abi", abiFile, "--json", "--sig", "function transfer(address,uint256) returns (bool)", "0x"+to, "5")
	var res runJSON
	if err := json.Unmarshal([]byte(out), &res); err != nil || rc != 0 || len(res.Returns) != 1 || res.Returns[0] != true ||
		len(res.Logs) != 1 || res.Logs[0].Event != "Transfer(address,address,uint256)" || res.Logs[0].Args[2] != "5" {
		t.Errorf("json: exit %d %v\n%s%s", rc, err, out, errOut)
	}
	out, errOut, rc = runGoevm(t, "--code", revert, "--abi", abiFile)
	if rc != 1 || !strings.Contains(out, "reason:   Insufficient(1, 2)\n") {
		t.Errorf("custom error: exit %d\n%s%s", rc, out, errOut)
	}
	// Without the ABI the selector is all there is (the old output).
	out, _, _ = runGoevm(t, "--code", revert)
	if !strings.Contains(out, "reason:   custom error "+sel.String()+" with 64 bytes of arguments\n") {
		t.Errorf("custom error without ABI:\n%s", out)
	}
	for _, bad := range [][]string{
		{"--code", logAndReturn, "--sig", "transfer(address,uint256)", "0x" + to},
		{"--code", logAndReturn, "--sig", "transfer(address,uint256)", "0x" + to, "x"},
		{"--code", logAndReturn, "--sig", "transfer(address,uint256)", "--input", "0x00", "0x" + to, "1"},
		{"--code", logAndReturn, "--abi", abiFile, "--sig", "nosuch"},
	} {
		if _, errOut, rc := runGoevm(t, bad...); rc != 2 || !strings.Contains(errOut, "--sig") {
			t.Errorf("%q: exit %d %s", bad, rc, errOut)
		}
	}
}
