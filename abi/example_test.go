package abi_test

import (
	"fmt"
	"math/big"

	"github.com/goevm/goevm/abi"
	"github.com/goevm/goevm/types"
)

func ExampleFunction_EncodeCall() {
	transfer, err := abi.ParseFunction("function transfer(address to, uint256 amount) returns (bool)")
	if err != nil {
		panic(err)
	}
	to := types.MustHexToAddress("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed")
	calldata, err := transfer.EncodeCall(to, big.NewInt(1000))
	if err != nil {
		panic(err)
	}
	fmt.Printf("%s %x\n", transfer.Selector(), calldata[4:])
	// Output: 0xa9059cbb 0000000000000000000000005aaeb6053f3e94c9b9a09f33669435e7ef1beaed00000000000000000000000000000000000000000000000000000000000003e8
}

func ExampleDecodeRevert() {
	// What `revert Insufficient(10, 25)` leaves behind, and what
	// `require(false, "no")` does.
	errs, _ := abi.ParseHuman("error Insufficient(uint256 available, uint256 required)")
	custom, _ := errs.Errors[0].Encode(10, 25)
	reason, _ := abi.ErrorString.Encode("no")
	panic11, _ := abi.PanicError.Encode(abi.PanicOverflow)

	fmt.Println(abi.DecodeRevert(custom, errs))
	fmt.Println(abi.DecodeRevert(reason, nil))
	fmt.Println(abi.DecodeRevert(panic11, nil))
	// Output:
	// Insufficient(10, 25)
	// Error("no")
	// Panic(0x11): arithmetic overflow or underflow
}

func ExampleEvent_DecodeLog() {
	transfer, _ := abi.ParseEvent("event Transfer(address indexed from, address indexed to, uint256 value)")
	from := types.MustHexToAddress("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed")
	to := types.MustHexToAddress("0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359")
	topics, data, _ := transfer.EncodeLog(from, to, big.NewInt(5))

	args, err := transfer.DecodeLog(topics, data)
	if err != nil {
		panic(err)
	}
	for i, p := range transfer.Inputs {
		fmt.Printf("%s = %s\n", p.Name, abi.FormatValue(p.Type, args[i]))
	}
	// Output:
	// from = 0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed
	// to = 0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359
	// value = 5
}
