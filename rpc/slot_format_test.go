package rpc

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/goevm/goevm/types"
)

// TestBlockJSONAmsterdamFields: a block's JSON carries the header's
// slotNumber (EIP-7843) and blockAccessListHash (EIP-7928) under geth's
// names (internal/ethapi RPCMarshalHeader), and neither before them.
func TestBlockJSONAmsterdamFields(t *testing.T) {
	slot := uint64(42)
	bal := types.Hash{31: 1}
	b := &types.Block{Header: &types.Header{SlotNumber: &slot, BlockAccessListHash: &bal}}
	out, err := json.Marshal(formatHeader(b))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"slotNumber":"0x2a"`, `"blockAccessListHash":"0x0000000000000000000000000000000000000000000000000000000000000001"`} {
		if !strings.Contains(string(out), want) {
			t.Errorf("no %s in %s", want, out)
		}
	}
	out, _ = json.Marshal(formatHeader(&types.Block{Header: &types.Header{}}))
	if strings.Contains(string(out), "slotNumber") || strings.Contains(string(out), "blockAccessListHash") {
		t.Errorf("pre-Amsterdam block: %s", out)
	}
}
