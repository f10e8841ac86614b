package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestRunNoCodeSaysSo: a call to a receiver that has no code runs nothing,
// and goevm run says so on stderr instead of printing an empty output as if
// a contract had returned it; a receiver with code, or a precompile, gets
// no note.
func TestRunNoCodeSaysSo(t *testing.T) {
	path := filepath.Join(t.TempDir(), "alloc.json")
	alloc := `{"0x0000000000000000000000007265636569766572": {"balance": "0x10"}}`
	if err := os.WriteFile(path, []byte(alloc), 0o644); err != nil {
		t.Fatal(err)
	}
	const note = "goevm run: note: no code ran: the receiver 0x0000000000000000000000007265636569766572 has no code"
	out, errOut, rc := runGoevm(t, "--prestate", path)
	if rc != 0 || !strings.Contains(errOut, note+" (the prestate gives it none") {
		t.Errorf("prestate without code: exit %d, stderr %q, stdout %q", rc, errOut, out)
	}
	if _, errOut, _ := runGoevm(t); !strings.Contains(errOut, note+" (no --code") {
		t.Errorf("no code at all: stderr %q", errOut)
	}
	if _, errOut, rc := runGoevm(t, "--prestate", path, "--code", "00"); rc != 0 || errOut != "" {
		t.Errorf("with --code: exit %d, stderr %q", rc, errOut)
	}
	// The identity precompile (0x04) runs without code.
	out, errOut, rc = runGoevm(t, "--receiver", "0x0000000000000000000000000000000000000004", "--input", "0xaabb")
	if rc != 0 || errOut != "" || !strings.Contains(out, "output:   0xaabb") {
		t.Errorf("precompile: exit %d, stderr %q, stdout %q", rc, errOut, out)
	}
}
