package transition

import (
	"errors"
	"testing"

	"github.com/goevm/goevm/fork"
	"github.com/goevm/goevm/state"
	"github.com/goevm/goevm/types"
	"github.com/holiman/uint256"
)

// EIP-779: the drain list has 116 distinct accounts (the DAO, its child
// DAOs and their extraBalance accounts), the refund contract not among them.
func TestDAODrainList(t *testing.T) {
	l := DAODrainList()
	if len(l) != 116 {
		t.Fatalf("%d accounts, want 116", len(l))
	}
	seen := map[types.Address]bool{}
	for _, a := range l {
		if seen[a] || a == DAORefundContract {
			t.Errorf("%s listed twice or is the refund contract", a)
		}
		seen[a] = true
	}
	// The list starts with 0xd4fe7bc3… and holds The DAO, 0xbb9bc244….
	if l[0] != types.MustHexToAddress("0xd4fe7bc31cedb7bfb8a345f31e668033056b2728") {
		t.Errorf("first account %s", l[0])
	}
	if !seen[types.MustHexToAddress("0xbb9bc244d798123fde783fcc1c72d3bb8c189413")] {
		t.Error("The DAO (0xbb9bc244…) is not in the list")
	}
}

// The extra-data rule covers the fork block and the 9 after it (EIP-779:
// "dao-hard-fork" in blocks fork..fork+9), only where the chain takes the fork.
func TestDAOExtraRange(t *testing.T) {
	five := uint64(5)
	cfg := &ChainConfig{Base: fork.Homestead, DAOForkBlock: &five}
	for n := uint64(0); n < 20; n++ {
		want := n >= 5 && n <= 14
		if got := cfg.DAOExtraRequired(n); got != want {
			t.Errorf("block %d: required %v, want %v", n, got, want)
		}
		bad := checkDAOExtra(cfg, &types.Header{Number: n, Extra: []byte{0x42}})
		if (bad != nil) != want || (bad != nil && !errors.Is(bad, ErrDAOExtra)) {
			t.Errorf("block %d with extra 0x42: %v", n, bad)
		}
		if err := checkDAOExtra(cfg, &types.Header{Number: n, Extra: []byte("dao-hard-fork")}); err != nil {
			t.Errorf("block %d with dao-hard-fork: %v", n, err)
		}
	}
	if (&ChainConfig{Base: fork.Homestead}).DAOExtraRequired(1_920_000) {
		t.Error("a chain without DAOForkBlock requires the extra data")
	}
	if name := BlockExceptionName(checkDAOExtra(cfg, &types.Header{Number: 5})); name != "BlockException.EXTRA_DATA_INVALID_DAO" {
		t.Errorf("exception name %q", name)
	}
}

// At the fork block, before the transactions, every drained account's
// balance moves to the refund contract; an absent drained account is
// touched, which before EIP-161 leaves it in the state, empty. Other
// blocks change nothing.
func TestDAOForkMovesBalances(t *testing.T) {
	five := uint64(5)
	cfg := &ChainConfig{ChainID: 1, Base: fork.Homestead, DAOForkBlock: &five}
	l := DAODrainList()
	for _, n := range []uint64{4, 5, 6} {
		db := state.New()
		db.SetBalance(l[0], uint256.NewInt(1000))
		db.SetBalance(l[1], uint256.NewInt(234))
		db.SetBalance(l[2], uint256.NewInt(0))
		env := &BlockEnv{Config: cfg, Fork: cfg.ForkAt(n, 0), Number: n}
		if err := preBlockCalls(db, env); err != nil {
			t.Fatal(err)
		}
		refund := db.GetBalance(DAORefundContract)
		if n != 5 {
			if b := db.GetBalance(l[0]); b.Uint64() != 1000 || !refund.IsZero() || db.Exist(DAORefundContract) {
				t.Errorf("block %d: balances moved (%d, refund %d)", n, b.Uint64(), refund.Uint64())
			}
			continue
		}
		if refund.Uint64() != 1234 {
			t.Errorf("refund contract holds %d, want 1234", refund.Uint64())
		}
		for _, a := range l[:3] {
			if b := db.GetBalance(a); !b.IsZero() {
				t.Errorf("%s keeps %d", a, b.Uint64())
			}
		}
		if !db.Exist(l[3]) {
			t.Errorf("absent drained account %s not created (Homestead, before EIP-161)", l[3])
		}
	}
}

// The gas limit's bound is checked before the header's shape: a Berlin
// block with a base fee and a doubled (London) gas limit is INVALID_GASLIMIT,
// with Berlin's gas limit it is a header-shape error (ethereum/tests
// BerlinToLondonTransition, blocks 3 and 4).
func TestGasLimitBeforeHeaderShape(t *testing.T) {
	five := uint64(5)
	cfg := &ChainConfig{ChainID: 1, Base: fork.Berlin, Later: []Activation{{Fork: fork.London, Block: &five}}}
	parent := &types.Header{Number: 3, GasLimit: 3_141_592, Time: 100, Difficulty: *uint256.NewInt(131072), OmmersHash: EmptyOmmersHash}
	mk := func(gasLimit uint64) *types.Header {
		return &types.Header{ParentHash: parent.Hash(), Number: 4, GasLimit: gasLimit, Time: 110,
			Difficulty: *CalcDifficulty(fork.Berlin, 4, 110, 100, &parent.Difficulty, false),
			OmmersHash: EmptyOmmersHash, BaseFee: uint256.NewInt(fork.InitialBaseFee)}
	}
	if err := ValidateHeader(cfg, mk(2*parent.GasLimit), parent); !errors.Is(err, ErrInvalidGasLimit) {
		t.Errorf("doubled gas limit with a base fee at Berlin: %v, want %v", err, ErrInvalidGasLimit)
	}
	if err := ValidateHeader(cfg, mk(parent.GasLimit), parent); !errors.Is(err, ErrHeaderFields) {
		t.Errorf("base fee at Berlin: %v, want %v", err, ErrHeaderFields)
	}
}
