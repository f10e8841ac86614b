package difftest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"math/big"
	"strings"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/consensus/beacon"
	"github.com/ethereum/go-ethereum/consensus/ethash"
	"github.com/ethereum/go-ethereum/core"
	gtypes "github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/core/types/bal"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/params"
	"github.com/ethereum/go-ethereum/rlp"
	"github.com/goevm/goevm/fork"
	"github.com/goevm/goevm/state"
	"github.com/goevm/goevm/transition"
	"github.com/goevm/goevm/types"
	"github.com/holiman/uint256"
)

// EIP-7928 against geth: blocks built by geth's core.GenerateChain under an
// Amsterdam configuration, replayed through goevm's import path
// (transition.ProcessBlock), comparing the block access list (hash and, on
// a difference, account by account), the state root and the receipts.

// balFixture is a geth-built chain and what goevm needs to replay it.
type balFixture struct {
	genesis *gtypes.Block
	alloc   gtypes.GenesisAlloc
	blocks  []*gtypes.Block
	rcpts   []gtypes.Receipts
	chainID uint64
}

var (
	// balStore writes its calldata word 0 to slot 0 and word 1 to slot 1,
	// reads slot 2, and returns.
	balStore = common.FromHex("0x6000356000556020356001556002545000")
	// balRevert reads slot 5, writes slot 6, then reverts.
	balRevert = common.FromHex("0x60055450600160065560006000fd")
	// balProbe reads BALANCE(0xdead), EXTCODEHASH(0xbeef), calls the
	// identity precompile (0x04) with no value, and stops.
	balProbe = common.FromHex("0x61dead315061beef3f50600060006000600060006004611000f15000")
	// balSelfdestruct selfdestructs to 0xdead (EIP-6780: only its balance moves).
	balSelfdestruct = common.FromHex("0x61deadff")
	// balInit deploys a contract whose runtime is 0x00 after storing 1 at slot 7.
	balInit = common.FromHex("0x600160075560016000f3")
)

func buildBALChain(t *testing.T) *balFixture {
	t.Helper()
	cfg := gethAmsterdamConfig()
	key := gethSender
	var (
		store  = common.HexToAddress("0x1000000000000000000000000000000000000001")
		revert = common.HexToAddress("0x1000000000000000000000000000000000000002")
		probe  = common.HexToAddress("0x1000000000000000000000000000000000000003")
		bob    = common.HexToAddress("0x2000000000000000000000000000000000000001")
		carol  = common.HexToAddress("0x2000000000000000000000000000000000000002")
		sd     = common.HexToAddress("0x1000000000000000000000000000000000000004")
		auth   = common.HexToAddress("0x1000000000000000000000000000000000000005")
		outer  = common.HexToAddress("0x1000000000000000000000000000000000000006")
		// restore writes 1 to slot 8, then 0 back.
		restore = common.HexToAddress("0x1000000000000000000000000000000000000007")
		// poor CALLs the address in its calldata with value 1 it lacks.
		poor = common.HexToAddress("0x1000000000000000000000000000000000000008")
		// poorCreate CREATEs and CREATE2s with value 1 it lacks.
		poorCreate = common.HexToAddress("0x1000000000000000000000000000000000000009")
	)
	delegKey, _ := crypto.HexToECDSA("8a1f9a8f95be41cd7ccb6168179afb4504aefe388d1e14474d32c45c72ce7b7a")
	eth := new(big.Int).Exp(big.NewInt(10), big.NewInt(18), nil)
	alloc := gethAmsterdamAlloc(gtypes.GenesisAlloc{
		store:  {Code: balStore, Storage: map[common.Hash]common.Hash{{31: 2}: {31: 9}}},
		revert: {Code: balRevert},
		probe:  {Code: balProbe, Balance: big.NewInt(1)},
		// EIP-7997's factory, as geth's developer genesis holds it.
		params.DeterministicFactoryAddress: {Nonce: 1, Code: params.DeterministicFactoryCode, Balance: common.Big0},
		// balSelfdestruct sends its balance to 0xdead.
		sd: {Code: balSelfdestruct, Balance: big.NewInt(5)},
		// outer calls, each with too little gas for its cold access, 0xd00d
		// (a CALL with value to 0xc01d), 0xe00e (BALANCE of 0xba1a), 0xf00f
		// (EXTCODECOPY of 0xec0c), 0x6006 (SELFDESTRUCT to 0x5dbe) and 0xe5e5
		// (EXTCODESIZE of 0xe5e6): none of the targets is accessed.
		outer:                         {Code: common.FromHex("0x600060006000600060006200d00d610bb8f150600060006000600060006200e00e6103e8f150600060006000600060006200f00f6103e8f15060006000600060006000620060066103e8f150600060006000600060006200e5e56103e8f15000")},
		poor:                          {Code: common.FromHex("0x6000600060006000600160003560601c5af100")},
		poorCreate:                    {Code: common.FromHex("0x600060006001f0506000600060006001f55000")},
		restore:                       {Code: common.FromHex("0x600160085560006008550000")},
		common.HexToAddress("0xd00d"): {Code: common.FromHex("0x6000600060006000600161c01d5af100"), Balance: big.NewInt(10)},
		common.HexToAddress("0xe00e"): {Code: common.FromHex("0x61ba1a3100")},
		common.HexToAddress("0xf00f"): {Code: common.FromHex("0x60206000600061ec0c3c00")},
		common.HexToAddress("0x6006"): {Code: common.FromHex("0x615dbeff"), Balance: big.NewInt(1)},
		common.HexToAddress("0xe5e5"): {Code: common.FromHex("0x61e5e63b00")},
	})
	gspec := &core.Genesis{Config: cfg, Alloc: alloc}
	signer := gtypes.LatestSigner(cfg)
	nonce := uint64(0)
	tip := big.NewInt(2)
	send := func(b *core.BlockGen, to *common.Address, value *big.Int, gas uint64, data []byte) {
		tx := gtypes.MustSignNewTx(key, signer, &gtypes.DynamicFeeTx{
			ChainID: cfg.ChainID, Nonce: nonce, To: to, Value: value, Gas: gas,
			GasFeeCap: big.NewInt(50_000_000_000), GasTipCap: tip, Data: data,
		})
		nonce++
		b.AddTx(tx)
	}
	word := func(v byte) []byte { w := make([]byte, 32); w[31] = v; return w }
	engine := beacon.New(ethash.NewFaker())
	_, blocks, rcpts := core.GenerateChainWithGenesis(gspec, engine, 9, func(i int, b *core.BlockGen) {
		switch i {
		case 0: // a value transfer, a zero-value transfer, storage writes
			send(b, &bob, eth, 1_000_000, nil)
			send(b, &carol, new(big.Int), 1_000_000, nil)
			send(b, &store, new(big.Int), 1_000_000, append(word(1), word(0)...)) // slot 0 := 1, slot 1 := 0 (no-op)
			b.AddWithdrawal(&gtypes.Withdrawal{Validator: 7, Address: carol, Amount: 1_000_000_000})
			b.AddWithdrawal(&gtypes.Withdrawal{Validator: 8, Address: common.HexToAddress("0x3000000000000000000000000000000000000003")})
		case 1: // a create, a revert, a probe of other accounts and a precompile
			send(b, nil, new(big.Int), 1_000_000, balInit)
			send(b, &revert, new(big.Int), 1_000_000, nil)
			send(b, &probe, new(big.Int), 1_000_000, nil)
		case 2: // the slot written again, then zeroed; value to a precompile; a selfdestruct
			send(b, &store, new(big.Int), 1_000_000, append(word(3), word(4)...))
			send(b, &store, new(big.Int), 1_000_000, append(word(0), word(4)...))
			pre := common.BytesToAddress([]byte{2})
			send(b, &pre, big.NewInt(3), 1_000_000, nil)
			send(b, &sd, new(big.Int), 1_000_000, nil)
		case 3: // EIP-7997: CREATE2 through the factory (salt || initcode)
			fac := params.DeterministicFactoryAddress
			send(b, &fac, big.NewInt(7), 1_000_000, append(word(1), balInit...))
		case 4: // EIP-7702: an authority delegating to the store contract, then called
			a, err := gtypes.SignSetCode(delegKey, gtypes.SetCodeAuthorization{ChainID: *uint256.MustFromBig(cfg.ChainID), Address: store, Nonce: 0})
			if err != nil {
				panic(err)
			}
			dst := crypto.PubkeyToAddress(delegKey.PublicKey)
			tx := gtypes.MustSignNewTx(key, signer, &gtypes.SetCodeTx{
				ChainID: uint256.MustFromBig(cfg.ChainID), Nonce: nonce, To: dst, Gas: 1_000_000,
				GasFeeCap: uint256.NewInt(50_000_000_000), GasTipCap: uint256.NewInt(2),
				Data: append(word(5), word(6)...), AuthList: []gtypes.SetCodeAuthorization{a},
			})
			nonce++
			b.AddTx(tx)
			_ = auth
		case 5: // accesses whose gas check fails: the target is not listed (EIP-7928
			// Scope); no tip, so the coinbase is only read (Edge Cases)
			tip = new(big.Int)
			send(b, &outer, new(big.Int), 1_000_000, nil)
			tip = big.NewInt(2)
		case 6: // a slot written and restored (a read), a failing create, an
			// authorization with a wrong nonce (its authority is only read)
			send(b, &restore, new(big.Int), 1_000_000, nil)
			send(b, nil, new(big.Int), 1_000_000, common.FromHex("0x60006000fd"))
			a, err := gtypes.SignSetCode(delegKey, gtypes.SetCodeAuthorization{ChainID: *uint256.MustFromBig(cfg.ChainID), Address: store, Nonce: 9})
			if err != nil {
				panic(err)
			}
			tx := gtypes.MustSignNewTx(key, signer, &gtypes.SetCodeTx{
				ChainID: uint256.MustFromBig(cfg.ChainID), Nonce: nonce, To: bob, Gas: 1_000_000,
				GasFeeCap: uint256.NewInt(50_000_000_000), GasTipCap: uint256.NewInt(2), AuthList: []gtypes.SetCodeAuthorization{a},
			})
			nonce++
			b.AddTx(tx)
		case 7: // a CALL with more value than the caller has, to the delegated
			// authority: refused after its gas checks, the delegation target
			// is still an access (EIP-7928 EIP-7702 Delegations)
			send(b, &poor, new(big.Int), 1_000_000, crypto.PubkeyToAddress(delegKey.PublicKey).Bytes())
			// CREATE and CREATE2 with value the creator lacks
			send(b, &poorCreate, new(big.Int), 1_000_000, nil)
		case 8: // nothing: no transactions, no withdrawals (the coinbase is not accessed)
		}
	})
	return &balFixture{genesis: gspec.ToBlock(), alloc: alloc, blocks: blocks, rcpts: rcpts, chainID: cfg.ChainID.Uint64()}
}

// gethSender signs the transactions of the geth-built chains;
// gethAmsterdamAlloc funds it.
var gethSender, _ = crypto.HexToECDSA("b71c71a67e1177ad4e901695e1b4b9ee17ae16c6668d313eac2f96dbcda3f291")

// gethAmsterdamConfig is geth's merged test configuration with Amsterdam
// from genesis on, the configuration replayGethChain's chains are built
// under.
func gethAmsterdamConfig() *params.ChainConfig {
	cfg := *params.MergedTestChainConfig
	cfg.AmsterdamTime = new(uint64)
	return &cfg
}

// gethAmsterdamAlloc is accounts plus what every geth-built Amsterdam
// chain's genesis holds: gethSender's 1000 ether and the system contracts
// its blocks call (EIP-4788, EIP-2935, EIP-7002, EIP-7251 and EIP-8282's
// builder queues).
func gethAmsterdamAlloc(accounts gtypes.GenesisAlloc) gtypes.GenesisAlloc {
	eth := new(big.Int).Exp(big.NewInt(10), big.NewInt(18), nil)
	alloc := gtypes.GenesisAlloc{
		crypto.PubkeyToAddress(gethSender.PublicKey): {Balance: new(big.Int).Mul(eth, big.NewInt(1000))},
		params.BeaconRootsAddress:                    {Nonce: 1, Code: params.BeaconRootsCode, Balance: common.Big0},
		params.HistoryStorageAddress:                 {Nonce: 1, Code: params.HistoryStorageCode, Balance: common.Big0},
		params.WithdrawalQueueAddress:                {Nonce: 1, Code: params.WithdrawalQueueCode, Balance: common.Big0},
		params.ConsolidationQueueAddress:             {Nonce: 1, Code: params.ConsolidationQueueCode, Balance: common.Big0},
		params.BuilderDepositAddress:                 {Nonce: 1, Code: params.BuilderDepositCode, Balance: common.Big0},
		params.BuilderExitAddress:                    {Nonce: 1, Code: params.BuilderExitCode, Balance: common.Big0},
	}
	maps.Copy(alloc, accounts)
	return alloc
}

// goevmChain is the history ProcessBlock reads.
type goevmChain map[types.Hash]*types.Block

func (c goevmChain) BlockByHash(h types.Hash) *types.Block { return c[h] }

// toGoevmBlock re-decodes geth's block with goevm's decoder and attaches
// geth's access list, decoded by goevm's decoder too.
func toGoevmBlock(t *testing.T, b *gtypes.Block) *types.Block {
	t.Helper()
	enc, err := rlp.EncodeToBytes(b)
	if err != nil {
		t.Fatal(err)
	}
	blk, err := types.DecodeBlockRLP(enc)
	if err != nil {
		t.Fatalf("goevm cannot decode geth's block %d: %v", b.NumberU64(), err)
	}
	if al := b.AccessList(); al != nil {
		raw, err := rlp.EncodeToBytes(al)
		if err != nil {
			t.Fatal(err)
		}
		if blk.AccessList, err = types.DecodeBlockAccessList(raw); err != nil {
			t.Fatalf("goevm cannot decode geth's access list of block %d: %v", b.NumberU64(), err)
		}
		if !bytes.Equal(blk.AccessList.EncodeRLP(), raw) {
			t.Errorf("block %d: goevm re-encodes geth's access list differently", b.NumberU64())
		}
	}
	return blk
}

// replayGethChain runs geth-built Amsterdam blocks through goevm one by
// one on the genesis alloc: each block's body through ExecuteBody, its
// state root, gas used and receipts' status and cumulative gas compared with
// geth's, then the whole block through ProcessBlock (goevm's import) on the
// parent state. block and receipt, if not nil, add their own comparisons
// of a block's execution and of one receipt pair. It returns the state
// after the last block and the differences found; a failure that ends the
// replay reports those found before it.
func replayGethChain(t *testing.T, chainID uint64, genesis *gtypes.Block, alloc gtypes.GenesisAlloc, blocks []*gtypes.Block, rcpts []gtypes.Receipts,
	block func(b *types.Block, res *transition.ExecResult) []string,
	receipt func(block uint64, j int, ours *types.Receipt, theirs *gtypes.Receipt) []string) (*state.Memory, []string) {
	t.Helper()
	gcfg := &transition.ChainConfig{ChainID: chainID, Base: fork.Amsterdam}
	chain := goevmChain{}
	gen := toGoevmBlock(t, genesis)
	chain[gen.Hash()] = gen
	db := goevmGenesisState(alloc)
	if root := db.IntermediateRoot(true); root != gen.Header.StateRoot {
		t.Fatalf("genesis state root: goevm %s, geth %s", root, gen.Header.StateRoot)
	}
	var diffs []string
	for i, gb := range blocks {
		b := toGoevmBlock(t, gb)
		n := b.Header.Number
		exec := db.Copy()
		env := transition.EnvFromHeader(gcfg, b)
		env.GetHash = func(uint64) types.Hash { return types.Hash{} }
		res, err := transition.ExecuteBody(exec, env, b.Transactions, false, false)
		if err != nil {
			t.Fatalf("block %d: goevm execution fails: %v\n%s", n, err, strings.Join(diffs, "\n"))
		}
		if root := exec.IntermediateRoot(true); root != b.Header.StateRoot {
			diffs = append(diffs, fmt.Sprintf("block %d: state root goevm %s, geth %s", n, root, b.Header.StateRoot))
		}
		if res.GasUsed != b.Header.GasUsed {
			diffs = append(diffs, fmt.Sprintf("block %d: gas used goevm %d, geth %d", n, res.GasUsed, b.Header.GasUsed))
		}
		if block != nil {
			diffs = append(diffs, block(b, res)...)
		}
		if len(res.Receipts) != len(rcpts[i]) {
			t.Fatalf("block %d: goevm %d receipts, geth %d\n%s", n, len(res.Receipts), len(rcpts[i]), strings.Join(diffs, "\n"))
		}
		for j, gr := range rcpts[i] {
			r := res.Receipts[j]
			if r.Status != (gr.Status == 1) || r.CumulativeGasUsed != gr.CumulativeGasUsed {
				diffs = append(diffs, fmt.Sprintf("block %d tx %d: goevm status %v cumulative gas %d, geth %d %d", n, j, r.Status, r.CumulativeGasUsed, gr.Status, gr.CumulativeGasUsed))
			}
			if receipt != nil {
				diffs = append(diffs, receipt(n, j, r, gr)...)
			}
		}
		if len(res.Receipts) > 0 {
			t.Logf("block %d: gas used %d (receipts %d)", n, res.GasUsed, res.Receipts[len(res.Receipts)-1].CumulativeGasUsed)
		}
		if _, err := transition.ProcessBlock(gcfg, chain, db.Copy(), b); err != nil {
			diffs = append(diffs, fmt.Sprintf("block %d: goevm import rejects geth's block: %v", n, err))
		}
		db = exec
		db.Commit()
		chain[b.Hash()] = b
	}
	return db, diffs
}

func goevmGenesisState(alloc gtypes.GenesisAlloc) *state.Memory {
	db := state.New()
	for addr, a := range alloc {
		ga := types.Address(addr)
		if a.Balance != nil {
			db.SetBalance(ga, uint256.MustFromBig(a.Balance))
		}
		db.SetNonce(ga, a.Nonce)
		if len(a.Code) > 0 {
			db.SetCode(ga, a.Code)
		}
		for k, v := range a.Storage {
			db.SetState(ga, types.Hash(k), types.Hash(v))
		}
	}
	db.Commit()
	return db
}

// TestBlockAccessListMatchesGeth replays geth's Amsterdam blocks through
// goevm and reports, field by field, what differs.
func TestBlockAccessListMatchesGeth(t *testing.T) {
	fx := buildBALChain(t)
	if len(fx.blocks) != 9 {
		t.Fatalf("geth generated %d blocks, want 9", len(fx.blocks))
	}
	block := func(b *types.Block, res *transition.ExecResult) []string {
		n := b.Header.Number
		if b.AccessList == nil {
			t.Fatalf("geth built block %d without an access list", n)
		}
		t.Logf("block %d: %d transactions, %d accounts in the access list, hash %v", n, len(b.Transactions), len(res.AccessList), res.AccessListHash)
		var diffs []string
		if res.AccessListHash == nil {
			diffs = append(diffs, fmt.Sprintf("block %d: goevm recorded no access list", n))
		} else if *res.AccessListHash != *b.Header.BlockAccessListHash {
			diffs = append(diffs, fmt.Sprintf("block %d: access list hash goevm %s, geth %s:\n\t%s", n,
				res.AccessListHash, b.Header.BlockAccessListHash, strings.Join(res.AccessList.Diffs(b.AccessList, 0), "\n\t")))
		}
		if res.RequestsHash == nil || b.Header.RequestsHash == nil || *res.RequestsHash != *b.Header.RequestsHash {
			diffs = append(diffs, fmt.Sprintf("block %d: requests hash goevm %v, geth %v", n, res.RequestsHash, b.Header.RequestsHash))
		}
		return diffs
	}
	receipt := func(n uint64, j int, r *types.Receipt, gr *gtypes.Receipt) []string {
		if len(r.Logs) != len(gr.Logs) {
			return []string{fmt.Sprintf("block %d tx %d: goevm %d logs, geth %d", n, j, len(r.Logs), len(gr.Logs))}
		}
		return nil
	}
	_, diffs := replayGethChain(t, fx.chainID, fx.genesis, fx.alloc, fx.blocks, fx.rcpts, block, receipt)
	if len(diffs) > 0 {
		t.Errorf("goevm and geth differ on EIP-7928 blocks:\n%s", strings.Join(diffs, "\n"))
	}
}

// TestBlockAccessListEncodingMatchesGeth encodes lists built with geth's
// construction type and goevm's decoder/encoder and compares hashes: the
// RLP layout (integers for slots, values and indices; the six account
// fields in order) is the same.
func TestBlockAccessListEncodingMatchesGeth(t *testing.T) {
	cl := bal.NewConstructionBlockAccessList()
	a := common.HexToAddress("0x00000000000000000000000000000000000000aa")
	c := common.HexToAddress("0x0000000000000000000000000000000000000001")
	cl.StorageWrite(1, a, common.Hash{31: 1}, common.Hash{31: 2})
	cl.StorageWrite(3, a, common.Hash{31: 1}, common.Hash{})
	cl.StorageWrite(0, a, common.Hash{0: 0xff}, common.Hash{0: 0x80, 31: 1})
	cl.StorageRead(a, common.Hash{30: 1})
	cl.StorageRead(a, common.Hash{})
	cl.BalanceChange(1, a, uint256.NewInt(0))
	cl.BalanceChange(2, a, new(uint256.Int).Lsh(uint256.NewInt(1), 255))
	cl.NonceChange(a, 2, 1)
	cl.CodeChange(a, 2, []byte{0x60, 0x00})
	cl.AccountRead(c)
	cl.CodeChange(common.HexToAddress("0x00000000000000000000000000000000000000bb"), 4, nil)
	enc := cl.ToEncodingObj()
	raw, err := rlp.EncodeToBytes(enc)
	if err != nil {
		t.Fatal(err)
	}
	l, err := types.DecodeBlockAccessList(raw)
	if err != nil {
		t.Fatalf("goevm decode: %v", err)
	}
	if got := l.EncodeRLP(); !bytes.Equal(got, raw) {
		t.Errorf("re-encoding differs:\ngoevm %x\ngeth  %x", got, raw)
	}
	if l.Hash() != types.Hash(enc.Hash()) {
		t.Errorf("hash: goevm %s, geth %s", l.Hash(), enc.Hash())
	}
	if err := l.Validate(4, 0); err != nil {
		t.Errorf("goevm rejects geth's well-formed list: %v", err)
	}
	if err := enc.Validate(14000, 3); err != nil {
		t.Errorf("geth rejects its list: %v", err)
	}
	// The JSON forms agree too (geth's gencodec names, as execution-spec-tests').
	js, err := json.Marshal(enc)
	if err != nil {
		t.Fatal(err)
	}
	var fromJSON types.BlockAccessList
	if err := json.Unmarshal(js, &fromJSON); err != nil {
		t.Errorf("goevm cannot read geth's JSON %s: %v", js, err)
	} else if fromJSON.Hash() != l.Hash() {
		t.Errorf("geth's JSON reads as another list: %s", fromJSON.Diff(l))
	}
	if l.ItemCount() != 3+2+2 {
		t.Errorf("item count %d, want 7", l.ItemCount())
	}
}
