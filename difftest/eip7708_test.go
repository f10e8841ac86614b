package difftest

import (
	"fmt"
	"math/big"
	"reflect"
	"strings"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/consensus/beacon"
	"github.com/ethereum/go-ethereum/consensus/ethash"
	"github.com/ethereum/go-ethereum/core"
	gtypes "github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/goevm/goevm/types"
)

// EIP-7708 (transfer logs), EIP-8246 (no SELFDESTRUCT burn), EIP-7778 (block
// gas before refunds) and EIP-7976/7981 (the calldata and access-list floor)
// against geth: an Amsterdam chain built by geth's core.GenerateChain,
// replayed through goevm, comparing per block the state root and gas used,
// and per receipt the status, cumulative gas and every log.
func TestAmsterdamTransfersFloorAndBlockGasMatchGeth(t *testing.T) {
	cfg := gethAmsterdamConfig()
	key := gethSender
	from := crypto.PubkeyToAddress(key.PublicKey)
	var (
		clear = common.HexToAddress("0x1000000000000000000000000000000000000011") // SSTORE(1, 0)
		bob   = common.HexToAddress("0x2000000000000000000000000000000000000001")
		// selfCall CALLs itself with value 3, then CALLs bob with value 0.
		selfCall = common.HexToAddress("0x1000000000000000000000000000000000000012")
	)
	alloc := gethAmsterdamAlloc(gtypes.GenesisAlloc{
		clear:    {Code: common.FromHex("0x600060015500"), Storage: map[common.Hash]common.Hash{{31: 1}: {31: 1}}},
		selfCall: {Code: common.FromHex("0x600060006000600060033061fffff150600060006000600060007320000000000000000000000000000000000000015a f15000"), Balance: big.NewInt(10)},
	})
	gspec := &core.Genesis{Config: cfg, Alloc: alloc}
	signer := gtypes.LatestSigner(cfg)
	nonce := uint64(0)
	send := func(b *core.BlockGen, to *common.Address, value int64, data []byte, al gtypes.AccessList) {
		tx := gtypes.MustSignNewTx(key, signer, &gtypes.DynamicFeeTx{
			ChainID: cfg.ChainID, Nonce: nonce, To: to, Value: big.NewInt(value), Gas: 2_000_000,
			GasFeeCap: big.NewInt(50_000_000_000), GasTipCap: big.NewInt(2), Data: data, AccessList: al,
		})
		nonce++
		b.AddTx(tx)
	}
	// A creation that stores, then destroys itself naming itself: EIP-8246
	// keeps its balance in a balance-only account.
	selfBurn := common.FromHex("0x600160015530ff")
	// A creation that CREATEs a child with 5 wei whose initcode destroys
	// it naming itself, then CALLs the child with 7 wei more: the child
	// ends a balance-only account of 12.
	createThenFund := common.FromHex("0x6130ff600052" + "6002601e6005f0" + "60006000600060006007855af1" + "00")
	engine := beacon.New(ethash.NewFaker())
	_, blocks, rcpts := core.GenerateChainWithGenesis(gspec, engine, 3, func(i int, b *core.BlockGen) {
		switch i {
		case 0: // transfers and the no-burn SELFDESTRUCT
			send(b, &bob, 1234, nil, nil)
			send(b, &bob, 0, nil, nil)
			send(b, &from, 5, nil, nil) // to itself: no log
			send(b, nil, 9, selfBurn, nil)
			send(b, nil, 100, createThenFund, nil)
			send(b, &selfCall, 0, nil, nil)
		case 1: // a refund (EIP-7778), the floor with data and access lists (EIP-7976, EIP-7981)
			send(b, &clear, 0, nil, nil)
			send(b, &bob, 0, make([]byte, 2000), nil)
			send(b, &bob, 1, []byte{1, 2, 3}, gtypes.AccessList{{Address: bob, StorageKeys: []common.Hash{{1}, {2}}}, {Address: clear}})
			send(b, &clear, 0, make([]byte, 300), gtypes.AccessList{{Address: clear, StorageKeys: []common.Hash{{31: 1}}}})
		case 2: // the slot is clear already: no refund, the two figures agree
			send(b, &clear, 0, nil, nil)
		}
	})

	var transferLogs int
	db, diffs := replayGethChain(t, cfg.ChainID.Uint64(), gspec.ToBlock(), alloc, blocks, rcpts, nil, func(n uint64, j int, r *types.Receipt, gr *gtypes.Receipt) []string {
		var ours, theirs []string
		for _, l := range r.Logs {
			ours = append(ours, fmt.Sprintf("%s %x %x", l.Address, l.Topics, l.Data))
			if l.Address == types.MustHexToAddress("0xfffffffffffffffffffffffffffffffffffffffe") {
				transferLogs++
			}
		}
		for _, l := range gr.Logs {
			var topics []types.Hash
			for _, tp := range l.Topics {
				topics = append(topics, types.Hash(tp))
			}
			theirs = append(theirs, fmt.Sprintf("%s %x %x", types.Address(l.Address), topics, l.Data))
		}
		if !reflect.DeepEqual(ours, theirs) {
			return []string{fmt.Sprintf("block %d tx %d: logs goevm\n\t%s\ngeth\n\t%s", n, j, strings.Join(ours, "\n\t"), strings.Join(theirs, "\n\t"))}
		}
		return nil
	})
	t.Logf("%d transfer logs", transferLogs)
	// The balance-only accounts EIP-8246 leaves.
	created := crypto.CreateAddress(from, 3)
	if bal := db.GetBalance(types.Address(created)); bal.Uint64() != 9 || db.GetNonce(types.Address(created)) != 0 || db.GetCodeSize(types.Address(created)) != 0 {
		diffs = append(diffs, fmt.Sprintf("self-destructed creation %s: balance %d nonce %d, want a balance-only account of 9", created, bal.Uint64(), db.GetNonce(types.Address(created))))
	}
	child := crypto.CreateAddress(crypto.CreateAddress(from, 4), 1)
	if bal := db.GetBalance(types.Address(child)); bal.Uint64() != 12 {
		diffs = append(diffs, fmt.Sprintf("self-destructed child %s: balance %d, want 12 (5 + 7 after SELFDESTRUCT)", child, bal.Uint64()))
	}
	if len(diffs) > 0 {
		t.Errorf("goevm and geth differ:\n%s", strings.Join(diffs, "\n"))
	}
}
