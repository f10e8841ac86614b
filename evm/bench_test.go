package evm

import (
	"testing"

	"github.com/goevm/goevm/fork"
	"github.com/holiman/uint256"
)

// benchPrograms are small loops exercising the dispatch loop and common
// opcode families; each runs until its counter (1e5 iterations) is done.
var benchPrograms = map[string]string{
	// i = 100000; loop: i = i - 1; i*i + i; jumpi back while i != 0
	"arith": "620186a0 5b 6001 90 03 80 80 02 81 01 50 80 6004 57 00",
	// i = 100000; loop: MSTORE(i & 0xff, i); MLOAD; POP; i--
	"memory": "620186a0 5b 80 80 60ff 16 52 6000 51 50 6001 90 03 80 6004 57 00",
	// i = 100000; loop: MSTORE8(i & 0xff, i); i--
	"mstore8": "620186a0 5b 80 80 60ff 16 53 6001 90 03 80 6004 57 00",
	// i = 20000; loop: KECCAK256(0, 64); POP; i--
	"keccak": "614e20 5b 6040 6000 20 50 6001 90 03 80 6003 57 00",
	// i = 100000; loop: PUSH/DUP/SWAP shuffles
	"stack": "620186a0 5b 6001 6002 6003 82 82 82 91 90 92 50 50 50 50 50 50 6001 90 03 80 6004 57 00",
}

func BenchmarkInterpreter(b *testing.B) {
	for name, prog := range benchPrograms {
		b.Run(name, func(b *testing.B) {
			e, db := newTestEVM(b, fork.Osaka)
			install(db, testContract, code(prog))
			b.ReportAllocs()
			for b.Loop() {
				_, _, err := e.Call(testSender, testContract, nil, 1_000_000_000, new(uint256.Int))
				if err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func TestBenchProgramsRun(t *testing.T) {
	for name, prog := range benchPrograms {
		_, left, err, _ := runAt(t, fork.Osaka, prog, 1_000_000_000)
		if err != nil || left == 1_000_000_000 {
			t.Errorf("%s: %v", name, err)
		}
	}
}
