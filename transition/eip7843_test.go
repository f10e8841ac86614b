package transition

import (
	"errors"
	"testing"

	"github.com/goevm/goevm/fork"
	"github.com/goevm/goevm/types"
	"github.com/holiman/uint256"
)

// headerFor has every optional header field fork f's EIPs define.
func headerFor(f fork.Fork) *types.Header {
	r := f.Rules()
	h := &types.Header{}
	var hash types.Hash
	var zero uint64
	if r.Has(1559) {
		h.BaseFee = uint256.NewInt(7)
	}
	if r.Has(4895) {
		h.WithdrawalsRoot = &hash
	}
	if r.Has(4844) {
		h.BlobGasUsed, h.ExcessBlobGas = &zero, &zero
	}
	if r.Has(4788) {
		h.ParentBeaconBlockRoot = &hash
	}
	if r.Has(7685) {
		h.RequestsHash = &hash
	}
	if r.Has(7928) {
		h.BlockAccessListHash = &hash
	}
	if r.Has(7843) {
		h.SlotNumber = &zero
	}
	return h
}

// TestSlotNumberHeaderField: EIP-7843's "Header extension": slotNumber is
// a header field exactly where EIP-7843 is in force.
func TestSlotNumberHeaderField(t *testing.T) {
	if err := checkHeaderFields(fork.Amsterdam, headerFor(fork.Amsterdam)); err != nil {
		t.Fatalf("Amsterdam header: %v", err)
	}
	h := headerFor(fork.Amsterdam)
	h.SlotNumber = nil
	var fe *HeaderFieldError
	if err := checkHeaderFields(fork.Amsterdam, h); !errors.As(err, &fe) || fe.Field != "slotNumber" || fe.Present || fe.From != fork.Amsterdam {
		t.Errorf("Amsterdam without slotNumber: %v", err)
	}
	h = headerFor(fork.Osaka)
	slot := uint64(5)
	h.SlotNumber = &slot
	if err := checkHeaderFields(fork.Osaka, h); !errors.As(err, &fe) || fe.Field != "slotNumber" || !fe.Present {
		t.Errorf("Osaka with slotNumber: %v", err)
	}
}

// TestSlotNumberEnv: a header's slot reaches the interpreter's block
// context, which SLOTNUM reads.
func TestSlotNumberEnv(t *testing.T) {
	h := headerFor(fork.Amsterdam)
	slot := uint64(0x1234)
	h.SlotNumber = &slot
	env := EnvFromHeader(&ChainConfig{ChainID: 1, Base: fork.Amsterdam}, &types.Block{Header: h})
	if got := env.BlockContext().SlotNumber; got != 0x1234 {
		t.Errorf("BlockContext().SlotNumber = %#x", got)
	}
}
