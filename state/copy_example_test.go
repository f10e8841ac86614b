package state_test

import (
	"fmt"

	"github.com/goevm/goevm/state"
	"github.com/goevm/goevm/types"
	"github.com/holiman/uint256"
)

// Copy a state in O(1), change the copy, see what changed, and merge it
// back into the original.
func ExampleMemory_Copy() {
	alice := types.Address{19: 0xaa}
	db := state.New()
	db.SetBalance(alice, uint256.NewInt(100))
	db.Commit()

	c := db.Copy()
	c.BeginTx()
	c.AddBalance(alice, uint256.NewInt(5))
	c.Finalise(true)

	for _, d := range c.Diff() {
		fmt.Printf("%s: %s -> %s\n", d.Address, &d.Before.Balance, &d.After.Balance)
	}
	orig := db.GetBalance(alice)
	fmt.Println("original:", &orig)
	if err := db.Merge(c); err != nil {
		panic(err)
	}
	merged := db.GetBalance(alice)
	fmt.Println("after Merge:", &merged)
	// Output:
	// 0x00000000000000000000000000000000000000AA: 100 -> 105
	// original: 100
	// after Merge: 105
}
