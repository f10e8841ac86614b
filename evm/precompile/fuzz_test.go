package precompile

import (
	"encoding/hex"
	"testing"

	"github.com/goevm/goevm/fork"
)

// fuzzGasCap bounds the price of inputs the fuzzers execute: a real call
// could not pay for more within a block, and it keeps each execution short.
const fuzzGasCap = 2_000_000

// fuzzContract checks that pricing and running contract n never panic, that
// successful output has the length the EIP fixes (outLen, or -1 for any),
// and that Run is deterministic.
func fuzzContract(f *testing.F, fk fork.Fork, n uint16, outLen int, seeds ...[]vector) {
	r := fk.Rules()
	c := ForFork(&r)[addr(n)]
	if c == nil {
		f.Fatalf("no precompile 0x%x at %v", n, fk)
	}
	f.Add([]byte{})
	for _, vs := range seeds {
		for _, v := range vs {
			in, err := hex.DecodeString(v.input)
			if err != nil {
				f.Fatalf("seed %s: %v", v.name, err)
			}
			if !v.slow {
				f.Add(in)
			}
		}
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		if c.RequiredGas(in) > fuzzGasCap {
			return
		}
		out, err := c.Run(in)
		if err != nil {
			return
		}
		if outLen >= 0 && len(out) != 0 && len(out) != outLen {
			t.Fatalf("output of %d bytes, want %d", len(out), outLen)
		}
		again, err := c.Run(in)
		if err != nil || string(again) != string(out) {
			t.Fatalf("non-deterministic: %x then %x, %v", out, again, err)
		}
	})
}

func FuzzECRecover(f *testing.F) { fuzzContract(f, fork.Osaka, 0x01, 32, ecrecoverVectors) }
func FuzzSHA256(f *testing.F)    { fuzzContract(f, fork.Osaka, 0x02, 32) }
func FuzzRIPEMD160(f *testing.F) { fuzzContract(f, fork.Osaka, 0x03, 32) }
func FuzzIdentity(f *testing.F)  { fuzzContract(f, fork.Osaka, 0x04, -1) }

func FuzzModExp(f *testing.F) {
	var seeds []vector
	for _, v := range modexpVectors {
		seeds = append(seeds, vector{input: v.input})
	}
	fuzzContract(f, fork.Osaka, 0x05, -1, seeds)
}

// Before EIP-7823 the lengths are unbounded: pricing must still hold.
func FuzzModExpByzantium(f *testing.F) {
	var seeds []vector
	for _, v := range modexpVectors {
		seeds = append(seeds, vector{input: v.input})
	}
	fuzzContract(f, fork.Byzantium, 0x05, -1, seeds)
}

func FuzzBN254Add(f *testing.F)     { fuzzContract(f, fork.Osaka, 0x06, 64, bn254AddVectors) }
func FuzzBN254Mul(f *testing.F)     { fuzzContract(f, fork.Osaka, 0x07, 64, bn254MulVectors) }
func FuzzBN254Pairing(f *testing.F) { fuzzContract(f, fork.Osaka, 0x08, 32, bn254PairingVectors) }
func FuzzBlake2F(f *testing.F)      { fuzzContract(f, fork.Osaka, 0x09, 64, blake2fVectors) }
func FuzzPointEvaluation(f *testing.F) {
	fuzzContract(f, fork.Osaka, 0x0a, 64, pointEvaluationVectors)
}
func FuzzBLSG1Add(f *testing.F)   { fuzzContract(f, fork.Osaka, 0x0b, blsG1Len, blsG1AddVectors) }
func FuzzBLSG1MSM(f *testing.F)   { fuzzContract(f, fork.Osaka, 0x0c, blsG1Len, blsG1MSMVectors) }
func FuzzBLSG2Add(f *testing.F)   { fuzzContract(f, fork.Osaka, 0x0d, blsG2Len, blsG2AddVectors) }
func FuzzBLSG2MSM(f *testing.F)   { fuzzContract(f, fork.Osaka, 0x0e, blsG2Len, blsG2MSMVectors) }
func FuzzBLSPairing(f *testing.F) { fuzzContract(f, fork.Osaka, 0x0f, 32, blsPairingVectors) }
func FuzzBLSMapG1(f *testing.F)   { fuzzContract(f, fork.Osaka, 0x10, blsG1Len, blsMapG1Vectors) }
func FuzzBLSMapG2(f *testing.F)   { fuzzContract(f, fork.Osaka, 0x11, blsG2Len, blsMapG2Vectors) }
func FuzzP256Verify(f *testing.F) {
	fuzzContract(f, fork.Osaka, 0x100, 32, p256VerifyVectors)
}
