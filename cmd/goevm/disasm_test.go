package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestDisasmCommand(t *testing.T) {
	bytecode, deployed := solcContract(t, "Token")
	var out, errOut bytes.Buffer
	if rc := disasmMain([]string{"0x" + bytecode}, &out, &errOut); rc != 0 {
		t.Fatalf("exit %d: %s", rc, errOut.String())
	}
	text := out.String()
	for _, want := range []string{"; creation code: constructor 0x0000-", "\n; constructor\n", "; runtime code: bytes ",
		"; metadata trailer (53 bytes): solc 0.8.37, ipfs Qm", "0x0000  PUSH1 0x80\n"} {
		if !strings.Contains(text, want) {
			t.Errorf("listing lacks %q", want)
		}
	}
	// From a file, and back through goevm asm to the same bytes.
	dir := t.TempDir()
	hexFile := filepath.Join(dir, "token.hex")
	os.WriteFile(hexFile, []byte(deployed+"\n"), 0o644)
	out.Reset()
	if rc := disasmMain([]string{hexFile}, &out, &errOut); rc != 0 {
		t.Fatalf("file: exit %d: %s", rc, errOut.String())
	}
	listing := filepath.Join(dir, "token.asm")
	os.WriteFile(listing, out.Bytes(), 0o644)
	var asmOut bytes.Buffer
	if rc := asmMain([]string{listing}, nil, &asmOut, &errOut); rc != 0 {
		t.Fatalf("asm: exit %d: %s", rc, errOut.String())
	}
	if got := strings.TrimSpace(asmOut.String()); got != "0x"+deployed {
		t.Errorf("disasm | asm changed the code")
	}
}

func TestDisasmBadInput(t *testing.T) {
	cases := map[string]string{
		"0x6001600": "hex argument: hex input, character 8: odd number of hex digits (7)",
		"60016x":    "hex argument: hex input, character 5: 'x' is not a hex digit",
		// A name that is neither a file nor hex is a missing file, not a
		// hex error; one written with 0x is hex with a typo.
		"nosuchfile":         "nosuchfile: no such file (and not hex code either)",
		"build/Token.bin":    "build/Token.bin: no such file (and not hex code either)",
		"0x60zz":             "hex argument: hex input, character 4: 'z' is not a hex digit",
		"/nonexistent/x.hex": "/nonexistent/x.hex: no such file",
	}
	for in, want := range cases {
		var out, errOut bytes.Buffer
		if rc := disasmMain([]string{in}, &out, &errOut); rc != 2 || !strings.Contains(errOut.String(), want) {
			t.Errorf("disasm %s: exit %d, %q; want 2 and %q", in, rc, errOut.String(), want)
		}
	}
	var out, errOut bytes.Buffer
	if rc := disasmMain(nil, &out, &errOut); rc != 2 {
		t.Errorf("no argument: exit %d", rc)
	}
}

func TestDisasmTruncatedPush(t *testing.T) {
	var out, errOut bytes.Buffer
	if rc := disasmMain([]string{"600162aabb"}, &out, &errOut); rc != 0 {
		t.Fatalf("exit %d", rc)
	}
	if !strings.Contains(out.String(), "0x0002  .data 0x62aabb  ; TRUNCATED PUSH3: code ends after 2 of its 3 data bytes") {
		t.Errorf("listing:\n%s", out.String())
	}
	if !strings.Contains(errOut.String(), "warning: PUSH3 at byte offset 2 is missing 1 of its data bytes") {
		t.Errorf("stderr: %q", errOut.String())
	}
}

func TestAsmCommand(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "loop.asm")
	os.WriteFile(src, []byte("PUSH1 3\nloop: PUSH1 1 SWAP1 SUB DUP1 PUSH @loop JUMPI STOP\n"), 0o644)
	var out, errOut bytes.Buffer
	if rc := asmMain([]string{src}, nil, &out, &errOut); rc != 0 || out.String() != "0x60035b600190038060025700\n" {
		t.Errorf("exit %d, %q %q", rc, out.String(), errOut.String())
	}
	out.Reset()
	if rc := asmMain([]string{"-"}, strings.NewReader("PUSH1 1 PUSH1 2 ADD"), &out, &errOut); rc != 0 || out.String() != "0x6001600201\n" {
		t.Errorf("stdin: exit %d, %q", rc, out.String())
	}
	bad := map[string]string{
		"ADD\nPUSH1 0x100\n": "bad.asm:2:7: value 0x100 is 2 bytes, too big for PUSH1",
		"JUMP @x":            `bad.asm:1:6: unexpected value "@x": only PUSH takes a value`,
		"PUSH @x":            `bad.asm:1:6: undefined label "x"`,
		"  FROB":             `bad.asm:1:3: unknown mnemonic "FROB"`,
	}
	for text, want := range bad {
		path := filepath.Join(dir, "bad.asm")
		os.WriteFile(path, []byte(text), 0o644)
		errOut.Reset()
		if rc := asmMain([]string{path}, nil, &out, &errOut); rc != 2 || !strings.Contains(errOut.String(), want) {
			t.Errorf("%q: exit %d, %q; want 2 and %q", text, rc, errOut.String(), want)
		}
	}
}
