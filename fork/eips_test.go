package fork

import (
	"errors"
	"slices"
	"testing"
)

// TestEIPIndexMatchesForks: every EIP some fork's rules enable (or later
// remove) is in the index, and every index entry is scheduled by a fork.
func TestEIPIndexMatchesForks(t *testing.T) {
	scheduled := map[int]bool{}
	for _, eips := range eipsByFork {
		for _, e := range eips {
			scheduled[e] = true
		}
	}
	for _, eips := range eipsRemovedByFork {
		for _, e := range eips {
			scheduled[e] = true
		}
	}
	for e := range scheduled {
		if _, ok := LookupEIP(e); !ok {
			t.Errorf("EIP-%d is enabled by a fork but missing from the index (fork/eips.go)", e)
		}
	}
	for _, e := range EIPs() {
		if !scheduled[e.Number] {
			t.Errorf("EIP-%d is in the index but no fork enables it", e.Number)
		}
		if e.Title == "" || e.Summary == "" || e.Code == "" {
			t.Errorf("EIP-%d: index entry has an empty field: %+v", e.Number, e)
		}
	}
	if !slices.IsSortedFunc(eipIndex, func(a, b EIP) int { return a.Number - b.Number }) {
		t.Error("the index is not in number order (LookupEIP searches it)")
	}
	for i := 1; i < len(eipIndex); i++ {
		if eipIndex[i].Number == eipIndex[i-1].Number {
			t.Errorf("EIP-%d listed twice", eipIndex[i].Number)
		}
	}
}

// TestParamsByEIP checks the parameters each EIP sets against the EIPs'
// own numbers.
func TestParamsByEIP(t *testing.T) {
	blobs := map[Fork]BlobSchedule{
		Shanghai: {},
		Cancun:   {Target: 3, Max: 6, UpdateFraction: 3338477},              // EIP-4844
		Prague:   {Target: 6, Max: 9, UpdateFraction: 5007716},              // EIP-7691
		Osaka:    {Target: 6, Max: 9, MaxPerTx: 6, UpdateFraction: 5007716}, // EIP-7594 MAX_BLOBS_PER_TX
	}
	for f, want := range blobs {
		if r := f.Rules(); r.BlobSchedule() != want {
			t.Errorf("%v blob schedule = %+v, want %+v", f, r.BlobSchedule(), want)
		}
	}
	// Bomb delays: EIP-649 3M, EIP-1234 5M, EIP-2384 9M, EIP-3554 9.7M,
	// EIP-4345 10.7M, EIP-5133 11.4M.
	delays := map[Fork]uint64{Homestead: 0, Byzantium: 3_000_000, Petersburg: 5_000_000,
		MuirGlacier: 9_000_000, London: 9_700_000, ArrowGlacier: 10_700_000, GrayGlacier: 11_400_000}
	for f, want := range delays {
		if r := f.Rules(); r.BombDelay() != want {
			t.Errorf("%v bomb delay = %d, want %d", f, r.BombDelay(), want)
		}
	}
	// Block rewards: 5 ETH (Yellow Paper), 3 ETH (EIP-649), 2 ETH (EIP-1234).
	rewards := map[Fork]uint64{Frontier: 5e18, Byzantium: 3e18, Constantinople: 2e18, London: 2e18}
	for f, want := range rewards {
		if r := f.Rules(); r.BlockRewardWei() != want {
			t.Errorf("%v block reward = %d, want %d", f, r.BlockRewardWei(), want)
		}
	}
	if TxGasLimitCap != 16_777_216 || MaxInitCodeSize != 49152 { // EIP-7825, EIP-3860
		t.Errorf("TxGasLimitCap %d, MaxInitCodeSize %d", TxGasLimitCap, MaxInitCodeSize)
	}
	if f, ok := ArrivalOf(1559); !ok || f != London {
		t.Errorf("ArrivalOf(1559) = %v, %v; want London", f, ok)
	}
	if _, ok := ArrivalOf(1); ok {
		t.Error("ArrivalOf(1) found a fork")
	}
}

// TestParseRulesWithEIPs: geth's t8n takes "Fork+EIP+EIP" names
// (tests/init.go, GetChainConfig).
func TestParseRulesWithEIPs(t *testing.T) {
	r, err := ParseRules("Berlin+3855+3860")
	if err != nil {
		t.Fatal(err)
	}
	if r.Fork != Berlin || !r.Has(3855) || !r.Has(3860) || !r.Has(2929) || r.Has(1559) {
		t.Errorf("Berlin+3855+3860 gave %v with %v", r.Fork, r.EIPs())
	}
	if plain := Berlin.Rules(); plain.Has(3855) {
		t.Error("ParseRules changed the shared Berlin rules")
	}
	if r, err := ParseRules("Prague"); err != nil || r.Fork != Prague {
		t.Errorf("Prague: %v, %v", r.Fork, err)
	}
	if _, err := ParseRules("Berlin+9999"); !errors.Is(err, ErrUnknownEIP) {
		t.Errorf("Berlin+9999: err = %v, want ErrUnknownEIP", err)
	}
	for _, bad := range []string{"Berlin+", "Berlin+x", "Berlin+-1", "Atlantis+3855"} {
		if _, err := ParseRules(bad); err == nil {
			t.Errorf("%q parsed", bad)
		}
	}
}

// TestNamedParameters: the Rules methods give each EIP's value when it is
// in force and the earlier value (or 0, "none") when not.
func TestNamedParameters(t *testing.T) {
	berlin, london, osaka := Berlin.Rules(), London.Rules(), Osaka.Rules()
	if berlin.RefundQuotient() != 2 || london.RefundQuotient() != 5 { // EIP-3529
		t.Errorf("refund quotients %d, %d", berlin.RefundQuotient(), london.RefundQuotient())
	}
	petersburg, istanbul := Petersburg.Rules(), Istanbul.Rules()
	if petersburg.TxDataNonZeroGas() != 68 || istanbul.TxDataNonZeroGas() != 16 { // EIP-2028
		t.Errorf("non-zero byte gas %d, %d", petersburg.TxDataNonZeroGas(), istanbul.TxDataNonZeroGas())
	}
	if london.TxGasLimitCap() != 0 || osaka.TxGasLimitCap() != 1<<24 { // EIP-7825
		t.Errorf("gas caps %d, %d", london.TxGasLimitCap(), osaka.TxGasLimitCap())
	}
	if london.MaxInitCodeSize() != 0 || osaka.MaxInitCodeSize() != 49152 { // EIP-3860
		t.Errorf("initcode limits %d, %d", london.MaxInitCodeSize(), osaka.MaxInitCodeSize())
	}
	london.Enable(7825)
	if london.TxGasLimitCap() != 1<<24 {
		t.Error("Enable(7825) did not set the cap")
	}
}
