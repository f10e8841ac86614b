package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/goevm/goevm/crypto"
	"github.com/goevm/goevm/types"
)

// Contracts compiled by solc 0.8.37 (see asm/testdata/solc).
func solcContract(t *testing.T, name string) (bytecode, deployed string) {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("..", "..", "asm", "testdata", "solc", name+".json"))
	if err != nil {
		t.Fatal(err)
	}
	var c struct{ Bytecode, DeployedBytecode string }
	if err := json.Unmarshal(raw, &c); err != nil {
		t.Fatal(err)
	}
	return c.Bytecode, c.DeployedBytecode
}

// --create deploys what solc says it deploys, at the CREATE address of the
// default sender with nonce 0.
func TestRunCreateSolc(t *testing.T) {
	bytecode, deployed := solcContract(t, "Token")
	out, errOut, rc := runGoevm(t, "--create", "--code", bytecode, "--json")
	if rc != 0 {
		t.Fatalf("exit %d: %s%s", rc, out, errOut)
	}
	var res runJSON
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatal(err)
	}
	if got := strings.TrimPrefix(types.EncodeHex(res.Output), "0x"); got != deployed {
		t.Errorf("deployed code differs from solc's deployedBytecode")
	}
	want := crypto.CreateAddress(addrFromString("sender"), 0)
	if res.Address == nil || *res.Address != want {
		t.Errorf("address %v, want %v", res.Address, want)
	}
	text, _, _ := runGoevm(t, "--create", "--code", bytecode)
	if !strings.Contains(text, "address:  "+want.Checksum()) || !strings.Contains(text, "bytes deployed)") { // text output is EIP-55
		t.Errorf("text output:\n%s", text)
	}
}

// Constructor arguments follow the initcode in --input, as in geth.
func TestRunCreateWithArgs(t *testing.T) {
	bytecode, _ := solcContract(t, "Vault")
	owner := strings.Repeat("ab", 20)
	args := strings.Repeat("00", 12) + owner + strings.Repeat("00", 31) + "64"
	out, errOut, rc := runGoevm(t, "--create", "--code", bytecode, "--input", args)
	if rc != 0 {
		t.Fatalf("exit %d: %s%s", rc, out, errOut)
	}
	// The immutable owner is patched into the deployed code.
	if !strings.Contains(out, owner) {
		t.Errorf("owner not in the deployed code:\n%s", out)
	}
}

// Revert reasons from a real contract: the reason text is the one in
// Reverter.sol, the panic codes those Solidity documents.
func TestRunRevertReasons(t *testing.T) {
	_, runtime := solcContract(t, "Reverter")
	word := func(v string) string { return strings.Repeat("0", 64-len(v)) + v }
	cases := []struct {
		input, reason string
	}{
		{selector("fail()"), `reason:   Error("something went wrong")`},
		{selector("divide(uint256,uint256)") + word("1") + word("0"), "reason:   Panic(0x12): division or modulo by zero"},
		{selector("add(uint256,uint256)") + strings.Repeat("f", 64) + word("1"), "reason:   Panic(0x11): arithmetic overflow or underflow"},
		{selector("item(uint256)") + word("5"), "reason:   Panic(0x32): array index out of bounds"},
	}
	for _, c := range cases {
		out, _, rc := runGoevm(t, "--code", runtime, "--input", c.input)
		if rc != 1 || !strings.Contains(out, "error:    execution reverted\n") || !strings.Contains(out, c.reason+"\n") {
			t.Errorf("input %s: exit %d\n%s\nwant %s", c.input[:8], rc, out, c.reason)
		}
	}
	out, _, _ := runGoevm(t, "--code", runtime, "--input", selector("fail()"), "--json")
	var res runJSON
	if err := json.Unmarshal([]byte(out), &res); err != nil || res.Revert == nil ||
		res.Revert.Kind != "Error" || res.Revert.Message != "something went wrong" {
		t.Errorf("json revert: %+v %v\n%s", res.Revert, err, out)
	}
}

func TestDecodeRevert(t *testing.T) {
	mk := func(s string) []byte { b, _ := types.DecodeHexNoPrefix(s); return b }
	cases := map[string]string{
		"": "",
		// Error("") and a lying length
		"08c379a0" + "0000000000000000000000000000000000000000000000000000000000000020" + "0000000000000000000000000000000000000000000000000000000000000000": `Error("")`,
		"08c379a0" + "0000000000000000000000000000000000000000000000000000000000000020" + "00000000000000000000000000000000000000000000000000000000000000ff": "Error(string) selector with malformed arguments (64 bytes)",
		"4e487b71" + "0000000000000000000000000000000000000000000000000000000000000001":                                                                      "Panic(0x1): assert(false)",
		"4e487b71" + "0000000000000000000000000000000000000000000000000000000000000099":                                                                      "Panic(0x99): unknown panic code",
		"deadbeef01": "custom error 0xdeadbeef with 1 bytes of arguments",
		"01":         "1 bytes of revert data that are no known error",
	}
	for in, want := range cases {
		r := decodeRevert(mk(in))
		got := ""
		if r != nil {
			got = r.Text
		}
		if got != want {
			t.Errorf("decodeRevert(%s) = %q, want %q", in, got, want)
		}
	}
}
