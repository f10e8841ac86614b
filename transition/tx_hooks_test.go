package transition

import (
	"fmt"
	"reflect"
	"testing"

	"github.com/goevm/goevm/crypto"
	"github.com/goevm/goevm/fork"
	"github.com/goevm/goevm/trace"
	"github.com/goevm/goevm/types"
	"github.com/holiman/uint256"
)

// hookLog records hook calls as lines.
type hookLog []string

func (l *hookLog) add(format string, a ...any) { *l = append(*l, fmt.Sprintf(format, a...)) }

func (l *hookLog) hooks() *trace.Hooks {
	return &trace.Hooks{
		OnTxStart: func(_ *trace.VMContext, _ *types.Transaction, from types.Address) { l.add("txStart %s", from) },
		OnTxEnd:   func(res *trace.TxResult, err error) { l.add("txEnd %d %v", res.GasUsed, err) },
		OnEnter: func(depth int, kind byte, from, to types.Address, _ []byte, _ uint64, _ *uint256.Int) {
			l.add("enter %d %x %s", depth, kind, to)
		},
		OnExit: func(depth int, _ []byte, _ uint64, err error, _ bool) { l.add("exit %d %v", depth, err) },
		OnBalanceChange: func(a types.Address, prev, next *uint256.Int, why trace.BalanceChangeReason) {
			l.add("balance %s %s->%s %s", a, prev.Dec(), next.Dec(), why)
		},
		OnNonceChange: func(a types.Address, prev, next uint64) { l.add("nonce %s %d->%d", a, prev, next) },
		OnCodeChange: func(a types.Address, prevHash types.Hash, prev []byte, hash types.Hash, code []byte) {
			l.add("code %s %x->%x", a, prev, code)
		},
		OnStorageChange: func(a types.Address, slot, prev, next types.Hash) {
			l.add("storage %s %02x %02x->%02x", a, slot[31], prev[31], next[31])
		},
		OnLog:             func(lg *types.Log) { l.add("log %s", lg.Address) },
		OnSystemCallStart: func(*trace.VMContext) { l.add("systemCallStart") },
		OnSystemCallEnd:   func() { l.add("systemCallEnd") },
	}
}

// A creation whose initcode stores 1 in slot 0 and self-destructs to 0xbe
// (Cancun: EIP-6780 deletes it, created in the same transaction), sent
// with 100 wei at gas price zero so no fee moves. The order is geth's
// hooked state's: the creator's nonce, the new account's (EIP-161), the
// value, the slot, the self-destruct (beneficiary credited, account
// zeroed, then its frame of its own one level down, as geth's
// opSelfdestruct6780 emits it after the balance changes, even for a tracer
// without step hooks), and at the end the deletion resets the nonce.
func TestStateHooksCreateSelfdestruct(t *testing.T) {
	db := testState(1000)
	env := testEnv(fork.Cancun, 0)
	var l hookLog
	env.Config.Tracer = l.hooks()
	tx := &types.Transaction{Type: types.LegacyTxType, Gas: 200_000, Data: mustHex("600160005560beff")}
	tx.Value.SetUint64(100)
	res, err := Apply(db, env, tx, sender)
	if err != nil || res.Failed() {
		t.Fatal(err, res.Err)
	}
	created := crypto.CreateAddress(sender, 0)
	bene := types.MustHexToAddress("0x00000000000000000000000000000000000000be")
	want := hookLog{
		"txStart " + fmt.Sprint(sender),
		"enter 1 f0 " + fmt.Sprint(created),
		"nonce " + fmt.Sprint(sender) + " 0->1",
		"nonce " + fmt.Sprint(created) + " 0->1",
		"balance " + fmt.Sprint(sender) + " 1000->900 Transfer",
		"balance " + fmt.Sprint(created) + " 0->100 Transfer",
		"storage " + fmt.Sprint(created) + " 00 00->01",
		"balance " + fmt.Sprint(bene) + " 0->100 IncreaseSelfdestruct",
		"balance " + fmt.Sprint(created) + " 100->0 DecreaseSelfdestruct",
		"enter 2 ff " + fmt.Sprint(bene),
		"exit 2 <nil>",
		"exit 1 <nil>",
		"nonce " + fmt.Sprint(created) + " 1->0",
		fmt.Sprintf("txEnd %d <nil>", res.GasUsed),
	}
	if !reflect.DeepEqual(l, want) {
		t.Errorf("hooks:\n%q\nwant\n%q", l, want)
	}
}

// Deployed code is reported once, from none to the code; a log by its
// address. Initcode: MSTORE8(0, 0xa0) LOG0(0, 0) RETURN(0, 1).
func TestStateHooksCodeAndLog(t *testing.T) {
	db := testState(1000)
	env := testEnv(fork.Cancun, 0)
	var l hookLog
	hooks := l.hooks()
	env.Config.Tracer = &trace.Hooks{OnCodeChange: hooks.OnCodeChange, OnLog: hooks.OnLog}
	tx := &types.Transaction{Type: types.LegacyTxType, Gas: 100_000, Data: mustHex("60a060005360006000a060016000f3")}
	if res, err := Apply(db, env, tx, sender); err != nil || res.Failed() {
		t.Fatal(err, res.Err)
	}
	created := crypto.CreateAddress(sender, 0)
	want := hookLog{"log " + fmt.Sprint(created), "code " + fmt.Sprint(created) + " ->a0"}
	if !reflect.DeepEqual(l, want) {
		t.Errorf("hooks %q, want %q", l, want)
	}
}

// Gas changes, as geth reports them (core/tracing GasChangeReason): the
// limit, the intrinsic cost, the frame's start and the gas it hands back,
// the refund, what is left returned. An SSTORE clearing slot 1 under London: 21000 intrinsic,
// PUSH1 PUSH1 (6) + a cold reset (5000) = 26006 used, refund 4800 (EIP-3529).
func TestGasChangeHooks(t *testing.T) {
	db := testState(1_000_000_000)
	db.SetCode(recipient, mustHex("6000600155"))
	db.SetState(recipient, types.Hash{31: 1}, types.Hash{31: 1})
	db.Commit()
	env := testEnv(fork.London, 7)
	var got []string
	env.Config.Tracer = &trace.Hooks{OnGasChange: func(old, new uint64, why trace.GasChangeReason) {
		got = append(got, fmt.Sprintf("%d->%d %s", old, new, why))
	}}
	tx := &types.Transaction{Type: types.LegacyTxType, Gas: 50_000, To: &recipient}
	tx.GasPrice.SetUint64(10)
	if _, err := Apply(db, env, tx, sender); err != nil {
		t.Fatal(err)
	}
	left := uint64(50_000 - 26006)
	want := []string{"0->50000 TxInitialBalance", "50000->29000 TxIntrinsicGas",
		"0->29000 CallInitialBalance", fmt.Sprintf("%d->0 CallLeftOverReturned", left),
		fmt.Sprintf("%d->%d TxRefunds", left, left+4800), fmt.Sprintf("%d->0 TxLeftOverReturned", left+4800)}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("gas changes %q, want %q", got, want)
	}
}

// A system call is bracketed by OnSystemCallStart/End, with its frame
// and state hooks between, and no OnTxStart/End (geth's hook contract).
func TestSystemCallHooks(t *testing.T) {
	db := testState(0)
	db.SetCode(BeaconRootsAddress, mustHex("6001600055")) // SSTORE(0, 1)
	db.Commit()
	var l hookLog
	env := &BlockEnv{Config: &ChainConfig{ChainID: 1}, Fork: fork.Cancun, Number: 1, Time: 1, GasLimit: 30_000_000, Tracer: l.hooks()}
	if _, err := systemCall(db, env, BeaconRootsAddress, make([]byte, 32), false); err != nil {
		t.Fatal(err)
	}
	want := hookLog{"systemCallStart", "enter 1 f1 " + fmt.Sprint(BeaconRootsAddress),
		"storage " + fmt.Sprint(BeaconRootsAddress) + " 00 00->01", "exit 1 <nil>", "systemCallEnd"}
	if !reflect.DeepEqual(l, want) {
		t.Errorf("hooks %q, want %q", l, want)
	}
}

func mustHex(s string) []byte {
	b, err := types.DecodeHex("0x" + s)
	if err != nil {
		panic(err)
	}
	return b
}

// Block-level credits carry geth's reasons: an EIP-4895 withdrawal
// (1 gwei = 1e9 wei) and, before the Merge, the block and ommer rewards
// (London: 2 ether, an ommer one block back 7/8 of it, the miner 1/32 more
// per ommer; yellow paper section 11.3, EIP-1234).
func TestBlockCreditHooks(t *testing.T) {
	var l hookLog
	hooks := &trace.Hooks{OnBalanceChange: l.hooks().OnBalanceChange}
	w := types.MustHexToAddress("0x00000000000000000000000000000000000000ee")
	env := &BlockEnv{Config: &ChainConfig{ChainID: 1}, Fork: fork.Shanghai, Number: 1, GasLimit: 30_000_000,
		Withdrawals: []*types.Withdrawal{{Address: w, Amount: 1}}, Tracer: hooks}
	if _, err := ExecuteBody(testState(0), env, nil, false, false); err != nil {
		t.Fatal(err)
	}
	ommer := types.MustHexToAddress("0x00000000000000000000000000000000000000dd")
	env = &BlockEnv{Config: &ChainConfig{ChainID: 1}, Fork: fork.London, Number: 2, GasLimit: 30_000_000, Coinbase: coinbase,
		Ommers: []OmmerReward{{Delta: 1, Coinbase: ommer}}, Tracer: hooks}
	env.BaseFee = uint256.NewInt(7)
	if _, err := ExecuteBody(testState(0), env, nil, false, false); err != nil {
		t.Fatal(err)
	}
	want := hookLog{
		"balance " + fmt.Sprint(w) + " 0->1000000000 Withdrawal",
		"balance " + fmt.Sprint(ommer) + " 0->1750000000000000000 RewardMineUncle",
		"balance " + fmt.Sprint(coinbase) + " 0->2062500000000000000 RewardMineBlock",
	}
	if !reflect.DeepEqual(l, want) {
		t.Errorf("hooks:\n%q\nwant\n%q", l, want)
	}
}
