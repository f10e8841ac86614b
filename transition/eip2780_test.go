package transition

import (
	"testing"

	"github.com/goevm/goevm/fork"
	"github.com/goevm/goevm/types"
	"github.com/holiman/uint256"
)

// EIP-2780's intrinsic base: TX_BASE_COST 12000, the recipient's
// COLD_ACCOUNT_ACCESS 3000 (CREATE_ACCESS 12000 for a creation, nothing for
// a transfer to oneself), TX_VALUE_COST 6000 for value to another account.
func TestIntrinsicBase2780(t *testing.T) {
	rules := fork.Amsterdam.Rules()
	from, other := types.Address{1}, types.Address{2}
	one := uint256.NewInt(1)
	cases := []struct {
		name  string
		to    *types.Address
		value *uint256.Int
		want  uint64
	}{
		{"call", &other, nil, 12000 + 3000},
		{"call with value", &other, one, 12000 + 3000 + 6000},
		{"self transfer", &from, one, 12000},
		{"create", nil, one, 12000 + 12000},
	}
	for _, c := range cases {
		if got := IntrinsicBase(from, c.to, c.value, &rules); got != c.want {
			t.Errorf("%s: %d, want %d", c.name, got, c.want)
		}
	}
	osaka := fork.Osaka.Rules()
	if got := IntrinsicBase(from, &other, one, &osaka); got != 21000 {
		t.Errorf("Osaka base %d, want 21000", got)
	}
	// REGULAR_PER_AUTH_BASE_COST and EIP-8038's access-list entries.
	al := types.AccessList{{Address: other, StorageKeys: []types.Hash{{1}}}}
	got := IntrinsicGas(from, &other, nil, nil, al, 1, &rules)
	want := uint64(15000 + 2900 + 2000 + 7816)
	if rules.Has(7981) {
		want += accessListDataGas(al, &rules)
	}
	if got != want {
		t.Errorf("intrinsic %d, want %d", got, want)
	}
}

// EIP-8037: gas above TX_MAX_GAS_LIMIT less the intrinsic cost is the
// state-gas reservoir.
func TestSplitStateGas8037(t *testing.T) {
	const intrinsic = 21000
	exec, res := splitStateGas(20_000_000-intrinsic, intrinsic, false)
	if exec != fork.TxMaxGas8037-intrinsic || res != 20_000_000-fork.TxMaxGas8037 {
		t.Errorf("split %d/%d", exec, res)
	}
	if exec, res := splitStateGas(1_000_000, intrinsic, false); exec != 1_000_000 || res != 0 {
		t.Errorf("small split %d/%d", exec, res)
	}
	if exec, res := splitStateGas(30_000_000, intrinsic, true); exec != 30_000_000 || res != 0 {
		t.Errorf("simulation split %d/%d", exec, res)
	}
	rules := fork.Amsterdam.Rules()
	if rules.TxGasLimitCap() != 1<<32-1 {
		t.Errorf("cap %d", rules.TxGasLimitCap())
	}
}
