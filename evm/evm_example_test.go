package evm_test

import (
	"fmt"

	"github.com/goevm/goevm/abi"
	"github.com/goevm/goevm/asm"
	"github.com/goevm/goevm/evm"
	"github.com/goevm/goevm/fork"
	"github.com/goevm/goevm/state"
	"github.com/goevm/goevm/trace"
	"github.com/goevm/goevm/types"
	"github.com/holiman/uint256"
)

var (
	user = types.MustHexToAddress("0x00000000000000000000000000000000000000aa")
	// counterRuntime adds one to slot 0 and returns the new value.
	counterRuntime = "PUSH0 SLOAD PUSH1 1 ADD DUP1 PUSH0 SSTORE PUSH0 MSTORE PUSH1 32 PUSH0 RETURN"
)

// deployer wraps runtime code in initcode that returns it.
func deployer(runtime []byte) []byte {
	return must(asm.Assemble(fmt.Sprintf(
		"PUSH %d PUSH @rt PUSH0 CODECOPY PUSH %d PUSH0 RETURN rt: .data 0x%x", len(runtime), len(runtime), runtime)))
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

// newEVM returns an EVM under Osaka over a state where user holds 1 ether.
func newEVM(cfg evm.Config) (*evm.EVM, *state.Memory) {
	db := state.New()
	db.SetBalance(user, uint256.NewInt(1e18))
	db.Commit()
	db.BeginTx()
	block := evm.BlockContext{Number: 1, Time: 1, GasLimit: 30_000_000}
	return evm.New(block, evm.TxContext{Origin: user}, db, fork.Osaka.Rules(), cfg), db
}

// Deploy a contract with Create, then call it.
func ExampleEVM_Create() {
	vm, _ := newEVM(evm.Config{ChainID: 1})
	runtime := must(asm.Assemble(counterRuntime))
	_, addr, _, err := vm.Create(user, deployer(runtime), 1_000_000, nil)
	if err != nil {
		panic(err)
	}
	for range 2 {
		out, _, err := vm.Call(user, addr, nil, 100_000, nil)
		if err != nil {
			panic(err)
		}
		fmt.Println(new(uint256.Int).SetBytes(out))
	}
	// Output:
	// 1
	// 2
}

// A reverted call returns its revert data with ErrExecutionReverted; the
// abi package explains it.
func ExampleEVM_Call_revert() {
	vm, db := newEVM(evm.Config{ChainID: 1})
	reason := must(abi.ErrorString.Encode("not enough")) // what require(false, "not enough") leaves
	code := must(asm.Assemble(fmt.Sprintf(
		"PUSH %d PUSH @msg PUSH0 CODECOPY PUSH %d PUSH0 REVERT msg: .data 0x%x", len(reason), len(reason), reason)))
	addr := types.Address{19: 0xcc}
	db.SetCode(addr, code)

	out, _, err := vm.Call(user, addr, nil, 100_000, nil)
	fmt.Println(err)
	fmt.Println(abi.DecodeRevert(out, nil))
	// Output:
	// execution reverted
	// Error("not enough")
}

// Trace a call with hooks: here each frame and the storage opcodes. The
// SLOAD is cold (EIP-2929: 2100), which warms the slot for the SSTORE (a
// zero-to-non-zero set: 20000); with 2+3+3+3+2 for the stack opcodes and
// 2+6+3+2 to return one word, the call uses 22126.
func ExampleConfig_tracer() {
	hooks := &trace.Hooks{
		OnEnter: func(depth int, kind byte, from, to types.Address, input []byte, gas uint64, value *uint256.Int) {
			fmt.Printf("enter depth %d to %s\n", depth, to)
		},
		OnOpcode: func(s *trace.Step) {
			if s.OpName == "SLOAD" || s.OpName == "SSTORE" {
				fmt.Printf("  pc %d %s cost %d\n", s.PC, s.OpName, s.Cost)
			}
		},
		OnExit: func(depth int, output []byte, gasUsed uint64, err error, reverted bool) {
			fmt.Printf("exit depth %d, gas used %d, reverted %v\n", depth, gasUsed, reverted)
		},
	}
	vm, db := newEVM(evm.Config{ChainID: 1, Tracer: hooks})
	addr := types.Address{19: 0xcc}
	db.SetCode(addr, must(asm.Assemble(counterRuntime)))
	if _, _, err := vm.Call(user, addr, nil, 100_000, nil); err != nil {
		panic(err)
	}
	// Output:
	// enter depth 1 to 0x00000000000000000000000000000000000000cc
	//   pc 1 SLOAD cost 2100
	//   pc 7 SSTORE cost 20000
	// exit depth 1, gas used 22126, reverted false
}

// A stateful precompile keeps a counter in its own storage. Its writes are
// journaled: the contract calling it reverts, and the count is undone.
func ExampleStatefulPrecompile() {
	counter := evm.StatefulPrecompileFunc(func(env *evm.PrecompileEnv, _ []byte) ([]byte, uint64, error) {
		gas := env.Gas
		if err := evm.UseGas(&gas, 5000); err != nil {
			return nil, 0, err
		}
		n := new(uint256.Int).SetBytes32(env.GetState(types.Hash{}).Bytes())
		n.AddUint64(n, 1)
		if err := env.SetState(types.Hash{}, n.Bytes32()); err != nil {
			return nil, 0, err // inside STATICCALL: ErrWriteProtection
		}
		out := n.Bytes32()
		return out[:], gas, nil
	})
	precompile := types.Address{18: 0x0b} // 0x…0b00
	vm, db := newEVM(evm.Config{ChainID: 1,
		StatefulPrecompiles: map[types.Address]evm.StatefulPrecompile{precompile: counter}})

	count := func() types.Hash { return db.GetState(precompile, types.Hash{}) }
	if _, _, err := vm.Call(user, precompile, nil, 100_000, nil); err != nil {
		panic(err)
	}
	fmt.Printf("after a call: %x\n", count().Bytes()[31:])

	// CALL(gas, 0x0b00, 0, 0, 0, 0, 0) then REVERT(0, 0).
	reverter := types.Address{19: 0xcc}
	db.SetCode(reverter, must(asm.Assemble("PUSH0 PUSH0 PUSH0 PUSH0 PUSH0 PUSH2 0x0b00 GAS CALL PUSH0 PUSH0 REVERT")))
	_, _, err := vm.Call(user, reverter, nil, 100_000, nil)
	fmt.Printf("after a reverted call: %x (%v)\n", count().Bytes()[31:], err)

	_, _, err = vm.StaticCall(user, precompile, nil, 100_000)
	fmt.Println("static call:", err)
	// Output:
	// after a call: 01
	// after a reverted call: 01 (execution reverted)
	// static call: write protection
}

// A custom opcode for an experiment: 0x0c (unassigned) pushes 2.
func ExampleCustomOp() {
	double := evm.CustomOp{Op: 0x0c, Pops: 0, Pushes: 1, Gas: 3, Run: func(s *evm.Scope) error {
		s.Push(uint256.NewInt(2))
		return nil
	}}
	vm, db := newEVM(evm.Config{ChainID: 1, CustomOps: []evm.CustomOp{double}})
	addr := types.Address{19: 0xcc}
	// 0x0c, then return the top of the stack.
	db.SetCode(addr, append([]byte{0x0c}, must(asm.Assemble("PUSH0 MSTORE PUSH1 32 PUSH0 RETURN"))...))
	out, _, err := vm.Call(user, addr, nil, 100_000, nil)
	if err != nil {
		panic(err)
	}
	fmt.Println(new(uint256.Int).SetBytes(out))
	// Output: 2
}
