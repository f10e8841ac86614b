package precompile

import (
	"bytes"
	"encoding/hex"
	"os"
	"testing"

	"github.com/goevm/goevm/fork"
)

// vector is one published test vector. An empty expected with wantErr false
// means the contract must succeed with empty output; gas 0 means the source
// gives no price to check.
type vector struct {
	name     string
	input    string
	expected string
	gas      uint64
	wantErr  bool
	slow     bool // minutes of work; run only with GOEVM_SLOW=1
}

// modexpVector carries MODEXP's price under EIP-198, EIP-2565 and EIP-7883.
type modexpVector struct {
	name, input, expected string
	gas                   [3]uint64
}

func contractFor(t *testing.T, f fork.Fork, n uint16) Contract {
	t.Helper()
	r := f.Rules()
	c, ok := ForFork(&r)[addr(n)]
	if !ok {
		t.Fatalf("no precompile 0x%x at %v", n, f)
	}
	return c
}

func decodeHex(t *testing.T, s string) []byte {
	t.Helper()
	b, err := hex.DecodeString(s)
	if err != nil {
		t.Fatalf("bad vector hex: %v", err)
	}
	return b
}

func runVectors(t *testing.T, f fork.Fork, n uint16, vs []vector) {
	t.Helper()
	c := contractFor(t, f, n)
	passed := 0
	for _, v := range vs {
		if v.slow && os.Getenv("GOEVM_SLOW") != "1" {
			t.Logf("%s: skipped (slow; set GOEVM_SLOW=1)", v.name)
			continue
		}
		in := decodeHex(t, v.input)
		if v.gas != 0 {
			if got := c.RequiredGas(in); got != v.gas {
				t.Errorf("%s: gas %d, want %d", v.name, got, v.gas)
				continue
			}
		}
		out, err := c.Run(in)
		if v.wantErr {
			if err == nil {
				t.Errorf("%s: no error, output %x", v.name, out)
				continue
			}
		} else if err != nil {
			t.Errorf("%s: %v", v.name, err)
			continue
		} else if want := decodeHex(t, v.expected); !bytes.Equal(out, want) {
			t.Errorf("%s: output\n %x\nwant\n %x", v.name, out, want)
			continue
		}
		passed++
	}
	t.Logf("%d/%d vectors passed", passed, len(vs))
}

func TestBlake2FVectors(t *testing.T)   { runVectors(t, fork.Istanbul, 0x09, blake2fVectors) }
func TestECRecoverVectors(t *testing.T) { runVectors(t, fork.Frontier, 0x01, ecrecoverVectors) }
func TestBN254AddVectors(t *testing.T)  { runVectors(t, fork.Istanbul, 0x06, bn254AddVectors) }
func TestBN254MulVectors(t *testing.T)  { runVectors(t, fork.Istanbul, 0x07, bn254MulVectors) }
func TestBN254PairingVectors(t *testing.T) {
	runVectors(t, fork.Istanbul, 0x08, bn254PairingVectors)
}
func TestPointEvaluationVectors(t *testing.T) {
	runVectors(t, fork.Cancun, 0x0a, pointEvaluationVectors)
}
func TestBLSG1AddVectors(t *testing.T)   { runVectors(t, fork.Prague, 0x0b, blsG1AddVectors) }
func TestBLSG1MSMVectors(t *testing.T)   { runVectors(t, fork.Prague, 0x0c, blsG1MSMVectors) }
func TestBLSG2AddVectors(t *testing.T)   { runVectors(t, fork.Prague, 0x0d, blsG2AddVectors) }
func TestBLSG2MSMVectors(t *testing.T)   { runVectors(t, fork.Prague, 0x0e, blsG2MSMVectors) }
func TestBLSPairingVectors(t *testing.T) { runVectors(t, fork.Prague, 0x0f, blsPairingVectors) }
func TestBLSMapG1Vectors(t *testing.T)   { runVectors(t, fork.Prague, 0x10, blsMapG1Vectors) }
func TestBLSMapG2Vectors(t *testing.T)   { runVectors(t, fork.Prague, 0x11, blsMapG2Vectors) }
func TestP256VerifyVectors(t *testing.T) { runVectors(t, fork.Osaka, 0x100, p256VerifyVectors) }

func TestModExpVectors(t *testing.T) {
	for i, f := range []fork.Fork{fork.Byzantium, fork.Berlin, fork.Osaka} {
		var vs []vector
		for _, v := range modexpVectors {
			if v.gas[i] != 0 {
				vs = append(vs, vector{name: v.name, input: v.input, expected: v.expected, gas: v.gas[i]})
			}
		}
		t.Run(f.String(), func(t *testing.T) { runVectors(t, f, 0x05, vs) })
	}
}
