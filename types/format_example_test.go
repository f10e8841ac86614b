package types_test

import (
	"fmt"

	"github.com/goevm/goevm/types"
	"github.com/holiman/uint256"
)

// Addresses print as go-ethereum's do: EIP-55 checksummed by default, bare
// hex with %x; JSON (MarshalText) and Hex stay lower case.
func ExampleAddress_Format() {
	a := types.MustHexToAddress("0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed")
	fmt.Println(a)
	fmt.Printf("%x\n", a)
	fmt.Println(a.Hex())
	// Output:
	// 0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed
	// 5aaeb6053f3e94c9b9a09f33669435e7ef1beaed
	// 0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed
}

func ExampleFormatEther() {
	balance := uint256.MustFromDecimal("1500000000000000000")
	fmt.Println(types.FormatEther(balance), "ETH")
	fmt.Println(types.FormatGwei(uint256.NewInt(21_000_000_000)), "gwei")
	// Output:
	// 1.5 ETH
	// 21.0 gwei
}
