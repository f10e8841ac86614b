package evm

import (
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/goevm/goevm/fork"
	"github.com/holiman/uint256"
)

// FuzzInterpreter runs random bytecode under a random fork: it must never
// panic, never return more gas than it was given, and use all gas on any
// error but a revert.
func FuzzInterpreter(f *testing.F) {
	f.Add([]byte{0x60, 0x01, 0x60, 0x00, 0x55}, byte(0))
	f.Add(code("5b 6000 56"), byte(17))
	f.Add(code("38 6000 6000 39 38 6000 6000 f0"), byte(15))
	f.Add(code("6000 6000 6000 6000 6000 30 5a f1"), byte(9))
	f.Fuzz(func(t *testing.T, prog []byte, forkByte byte) {
		fk := fork.Fork(int(forkByte) % (int(fork.Latest) + 1))
		done := make(chan struct{})
		defer close(done)
		go func() {
			select {
			case <-done:
			case <-time.After(10 * time.Second):
				panic(fmt.Sprintf("hang: fork %v code %x", fk, prog))
			}
		}()
		e, db := newTestEVM(t, fk)
		install(db, testContract, prog)
		const gas = 200_000
		_, left, err := e.Call(testSender, testContract, nil, gas, uint256.NewInt(1))
		if left > gas {
			t.Fatalf("gas left %d > %d", left, gas)
		}
		if err != nil && !errors.Is(err, ErrExecutionReverted) && left != 0 {
			t.Fatalf("error %v left %d gas", err, left)
		}
	})
}
