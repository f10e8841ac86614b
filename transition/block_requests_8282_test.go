package transition

import (
	"bytes"
	"errors"
	"testing"

	"github.com/goevm/goevm/fork"
	"github.com/goevm/goevm/state"
	"github.com/goevm/goevm/types"
	"github.com/holiman/uint256"
)

// EIP-8282: after the EIP-7002 and EIP-7251 queues, the builder deposit
// queue's output is a request of type 0x03 and the builder exit queue's of
// type 0x04; an empty contract invalidates the block, as for EIP-7002.
func TestBuilderRequests(t *testing.T) {
	ret := func(b byte) []byte { return []byte{0x60, b, 0x60, 0x00, 0x53, 0x60, 0x01, 0x60, 0x00, 0xf3} } // mstore8(0, b); return(0, 1)
	run := func(exit []byte) (*ExecResult, error) {
		db := state.New()
		db.SetCode(WithdrawalRequestAddress, ret(0x11))
		db.SetCode(ConsolidationRequestAddress, []byte{0x00})
		db.SetCode(BuilderDepositRequestAddress, ret(0x33))
		db.SetCode(BuilderExitRequestAddress, exit)
		db.Commit()
		zero := uint64(0)
		env := &BlockEnv{Config: &ChainConfig{ChainID: 1, Base: fork.Amsterdam}, Fork: fork.Amsterdam, Number: 1, Time: 1,
			GasLimit: 30_000_000, BaseFee: uint256.NewInt(7), ExcessBlobGas: &zero, Withdrawals: []*types.Withdrawal{}}
		return ExecuteBody(db, env, nil, false, false)
	}
	res, err := run(ret(0x44))
	if err != nil {
		t.Fatal(err)
	}
	want := [][]byte{{WithdrawalRequestType, 0x11}, {BuilderDepositRequestType, 0x33}, {BuilderExitRequestType, 0x44}}
	if len(res.Requests) != len(want) {
		t.Fatalf("requests %x, want %x", res.Requests, want)
	}
	for i := range want {
		if !bytes.Equal(res.Requests[i], want[i]) {
			t.Errorf("request %d: %x, want %x", i, res.Requests[i], want[i])
		}
	}
	if BuilderDepositRequestType != 0x03 || BuilderExitRequestType != 0x04 {
		t.Error("EIP-8282 request types are 0x03 and 0x04")
	}
	if _, err := run(nil); !errors.Is(err, ErrSystemContractEmpty) {
		t.Errorf("empty builder exit contract: %v, want ErrSystemContractEmpty", err)
	}
}
