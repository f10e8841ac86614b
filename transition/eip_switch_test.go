package transition

import (
	"errors"
	"testing"

	"github.com/goevm/goevm/fork"
	"github.com/goevm/goevm/types"
	"github.com/holiman/uint256"
)

// TestEnableReachesTransactionChecks: EIP-7825 caps a transaction's gas at
// 2^24; switched on over Prague with Rules.Enable it applies as in Osaka,
// and without it Prague takes 2^24+1.
func TestEnableReachesTransactionChecks(t *testing.T) {
	to := types.Address{0x10}
	tx := &types.Transaction{Type: types.LegacyTxType, Gas: 1<<24 + 1, GasPrice: *uint256.NewInt(1), To: &to}
	prague := fork.Prague.Rules()
	if err := CheckTxStatic(tx, types.Address{}, &prague); err != nil {
		t.Fatalf("Prague: %v", err)
	}
	capped := fork.Prague.Rules()
	capped.Enable(7825)
	if err := CheckTxStatic(tx, types.Address{}, &capped); !errors.Is(err, ErrGasLimitTooHigh) {
		t.Fatalf("Prague+7825: err = %v, want ErrGasLimitTooHigh", err)
	}
	tx.Gas = 1 << 24 // the cap itself is allowed (EIP-7825: tx.gas <= TX_GAS_LIMIT_CAP)
	if err := CheckTxStatic(tx, types.Address{}, &capped); err != nil {
		t.Fatalf("Prague+7825 at the cap: %v", err)
	}
}

// TestExtraEIPsReachBlockRules: ChainConfig.ExtraEIPs switch EIPs on in
// block-level decisions too, here EIP-3675's end of block rewards.
func TestExtraEIPsReachBlockRules(t *testing.T) {
	cfg := &ChainConfig{Base: fork.London}
	if r := cfg.RewardAt(fork.London); !r.Eq(uint256.NewInt(2e18)) { // EIP-1234: 2 ETH
		t.Fatalf("London reward %s", r.Dec())
	}
	cfg.ExtraEIPs = []int{3675}
	if r := cfg.RewardAt(fork.London); !r.IsZero() {
		t.Fatalf("London+3675 reward %s, want 0", r.Dec())
	}
	if r := cfg.RulesAt(0, 0); !r.Has(3675) || r.Fork != fork.London {
		t.Fatalf("RulesAt: %v %v", r.Fork, r.EIPs())
	}
}
