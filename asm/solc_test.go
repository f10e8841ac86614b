package asm

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/goevm/goevm/internal/base58"
)

// solcOutput is what asm/testdata/solc/compile.js saved from solc.
type solcOutput struct {
	Compiler         string `json:"compiler"` // e.g. 0.8.37+commit.f401782d.Emscripten.clang
	Bytecode         string `json:"bytecode"`
	DeployedBytecode string `json:"deployedBytecode"`
}

func loadSolc(t *testing.T, name string) (creation, runtime []byte, version string) {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("testdata", "solc", name+".json"))
	if err != nil {
		t.Fatal(err)
	}
	var out solcOutput
	if err := json.Unmarshal(raw, &out); err != nil {
		t.Fatal(err)
	}
	creation, err = hex.DecodeString(out.Bytecode)
	if err != nil {
		t.Fatal(err)
	}
	runtime, err = hex.DecodeString(out.DeployedBytecode)
	if err != nil {
		t.Fatal(err)
	}
	version, _, _ = strings.Cut(out.Compiler, "+")
	return creation, runtime, version
}

var solcContracts = []string{"Token", "Vault", "Reverter"}

// The split must find exactly solc's deployedBytecode inside its bytecode,
// and the trailer must name the compiler solc says it is.
func TestSolcCreationLayout(t *testing.T) {
	for _, name := range solcContracts {
		t.Run(name, func(t *testing.T) {
			creation, runtime, version := loadSolc(t, name)
			l := Analyze(creation)
			if l.Constructor == nil {
				t.Fatal("no constructor/runtime split found")
			}
			if !bytes.Equal(l.Runtime, runtime) {
				t.Fatalf("runtime at %d (%d bytes) differs from solc's deployedBytecode (%d bytes)", l.RuntimeOffset, len(l.Runtime), len(runtime))
			}
			if len(l.Args) != 0 {
				t.Errorf("%d bytes of args found in plain creation code", len(l.Args))
			}
			checkSolcMetadata(t, l.Metadata, version)
		})
	}
}

func checkSolcMetadata(t *testing.T, md *Metadata, version string) {
	t.Helper()
	if md == nil {
		t.Fatal("no metadata trailer found")
	}
	if md.Compiler != "solc" || md.Version != version {
		t.Errorf("metadata says %s %s, compiler says solc %s", md.Compiler, md.Version, version)
	}
	// solc's default metadata hash is IPFS: a sha2-256 multihash.
	if len(md.IPFS) != 34 || md.IPFS[0] != 0x12 || md.IPFS[1] != 0x20 {
		t.Errorf("ipfs hash %x is not a sha2-256 multihash", md.IPFS)
	}
	if !strings.HasPrefix(base58.Encode(md.IPFS), "Qm") {
		t.Errorf("ipfs hash spelled %s, want Qm...", base58.Encode(md.IPFS))
	}
}

func TestSolcRuntimeOnly(t *testing.T) {
	for _, name := range solcContracts {
		t.Run(name, func(t *testing.T) {
			_, runtime, version := loadSolc(t, name)
			l := Analyze(runtime)
			if l.Constructor != nil {
				t.Errorf("runtime code taken for creation code (split at %d)", l.RuntimeOffset)
			}
			checkSolcMetadata(t, l.Metadata, version)
		})
	}
}

// Deployment appends ABI-encoded constructor arguments to the creation code.
func TestSolcConstructorArgs(t *testing.T) {
	creation, runtime, version := loadSolc(t, "Vault")
	args := mustHex(t, strings.Repeat("00", 12)+strings.Repeat("11", 20)+strings.Repeat("00", 31)+"64")
	l := Analyze(append(creation, args...))
	if !bytes.Equal(l.Runtime, runtime) {
		t.Fatal("runtime differs from solc's deployedBytecode")
	}
	if !bytes.Equal(l.Args, args) {
		t.Errorf("args = %x, want %x", l.Args, args)
	}
	checkSolcMetadata(t, l.Metadata, version)
	text := Listing(append(creation, args...))
	if !strings.Contains(text, "; 64 bytes after the runtime code (constructor arguments?)") {
		t.Errorf("listing does not point out the arguments:\n%s", text)
	}
}

// The listing shows sections in order, never decodes the trailer as
// instructions, and assembles back to the input.
func TestSolcListing(t *testing.T) {
	for _, name := range solcContracts {
		t.Run(name, func(t *testing.T) {
			creation, runtime, version := loadSolc(t, name)
			text := Listing(creation)
			ctor := strings.Index(text, "\n; constructor\n")
			rt := strings.Index(text, "\n; runtime code: bytes ")
			md := strings.Index(text, "\n; metadata trailer (")
			if ctor < 0 || rt < ctor || md < rt {
				t.Fatalf("sections missing or out of order:\n%s", text)
			}
			if !strings.Contains(text[md:], "solc "+version+", ipfs Qm") {
				t.Errorf("metadata line does not name solc %s:\n%s", version, text[md:])
			}
			tail := strings.SplitN(text[md+1:], "\n", 2)[1]
			for _, line := range strings.Split(strings.TrimSpace(tail), "\n") {
				if !strings.Contains(line, ".data 0x") {
					t.Errorf("trailer listed as an instruction: %q", line)
				}
			}
			for _, code := range [][]byte{creation, runtime} {
				back, err := Assemble(Listing(code))
				if err != nil || !bytes.Equal(back, code) {
					t.Errorf("round trip failed: %v", err)
				}
			}
		})
	}
}
