package evm_test

import (
	"errors"
	"fmt"
	"math/big"

	"github.com/goevm/goevm/abi"
	"github.com/goevm/goevm/asm"
	"github.com/goevm/goevm/evm"
	"github.com/goevm/goevm/types"
)

// adderABI is what solc would write for a contract with
//
//	error Overflow(uint256 a, uint256 b);
//	function add(uint256 a, uint256 b) returns (uint256) // reverts Overflow past 2^256-1
var adderABI = must(abi.ParseHuman(
	"function add(uint256 a, uint256 b) returns (uint256)",
	"error Overflow(uint256 a, uint256 b)",
))

// adderRuntime implements adderABI by hand (it does not look at the
// selector): it adds the two words of the call data and returns the sum,
// or reverts with Overflow(a, b) when the sum wraps (a > a+b).
func adderRuntime() []byte {
	overflow := adderABI.Errors[0].Selector()
	return must(asm.Assemble(fmt.Sprintf(`
		PUSH1 4 CALLDATALOAD PUSH1 36 CALLDATALOAD   ; b a
		DUP2 DUP2 ADD                                ; s b a
		DUP1 DUP4 GT PUSH @overflow JUMPI            ; a > s: wrapped
		PUSH0 MSTORE PUSH1 32 PUSH0 RETURN
	overflow:
		JUMPDEST POP                                 ; b a
		PUSH4 %s PUSH1 224 SHL PUSH0 MSTORE          ; the error's selector
		PUSH1 36 MSTORE PUSH1 4 MSTORE               ; then a and b
		PUSH1 68 PUSH0 REVERT`, overflow)))
}

// Deploy a contract, then call it with calldata the abi package encodes
// and decode what it returns. The address is ethers v6's
// getCreateAddress({from: user, nonce: 0}); the gas is the opcodes' own:
// PUSH1 CALLDATALOAD twice (12), DUP2 DUP2 ADD (9), DUP1 DUP4 GT PUSH
// JUMPI (22), PUSH0 MSTORE with one word of memory (8), PUSH1 PUSH0 RETURN
// (5): 56 (the call's 21000 intrinsic gas is the transaction's, not Call's).
func Example_deployAndCall() {
	vm, _ := newEVM(evm.Config{ChainID: 1})
	_, addr, _, err := vm.Create(user, deployer(adderRuntime()), 1_000_000, nil)
	if err != nil {
		panic(err)
	}
	fmt.Println("deployed at", addr) // %v and %s print EIP-55 checksums

	add := must(adderABI.Function("add"))
	calldata := must(add.EncodeCall(big.NewInt(2), big.NewInt(40)))
	out, gasLeft, err := vm.Call(user, addr, calldata, 100_000, nil)
	if err != nil {
		panic(err)
	}
	sum := must(add.DecodeOutput(out))
	fmt.Println("add(2, 40) =", sum[0], "gas used", 100_000-gasLeft)
	// Output:
	// deployed at 0x45eb6484D76cfe3f45708B91F5AF8Ce495134FAc
	// add(2, 40) = 42 gas used 56
}

// A call that reverts returns ErrExecutionReverted and its revert data,
// which abi.DecodeRevert names from the contract's ABI: here a custom error
// (Error(string) and Panic(uint256) need no ABI: ExampleEVM_Call_revert).
func Example_decodeCustomError() {
	vm, db := newEVM(evm.Config{ChainID: 1})
	addr := types.Address{19: 0xad}
	db.SetCode(addr, adderRuntime())

	max := new(big.Int).Sub(new(big.Int).Lsh(big.NewInt(1), 256), big.NewInt(1))
	calldata := must(must(adderABI.Function("add")).EncodeCall(max, big.NewInt(1)))
	out, _, err := vm.Call(user, addr, calldata, 100_000, nil)
	if errors.Is(err, evm.ErrExecutionReverted) {
		fmt.Println(abi.DecodeRevert(out, adderABI))
	}
	// Output:
	// Overflow(115792089237316195423570985008687907853269984665640564039457584007913129639935, 1)
}
