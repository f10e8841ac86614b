package difftest

import (
	"math/big"
	"strings"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/consensus/beacon"
	"github.com/ethereum/go-ethereum/consensus/ethash"
	"github.com/ethereum/go-ethereum/core"
	gtypes "github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/holiman/uint256"
)

// EIP-8037 (state gas and its reservoir), EIP-8038 (state-access prices) and
// EIP-2780 (resource-based intrinsic gas) against geth on a geth-built
// Amsterdam chain whose transactions ask for more gas than the 2^24
// execution cap, so that state gas comes from the reservoir: new slots, a
// value transfer to a new account, creations (a deployment, a reverted one
// in a factory), a child that funds a new account and reverts, SELFDESTRUCT
// to a new account, an EIP-7702 authorization, and a block whose state
// dimension outgrows its execution dimension. Per block the state root and
// the header's gas used (the larger dimension) are compared, per receipt
// the status and cumulative gas (what the senders paid).
func TestAmsterdamStateGasMatchesGeth(t *testing.T) {
	cfg := gethAmsterdamConfig()
	key := gethSender
	authKey, _ := crypto.HexToECDSA("8a1f9a8f95be41cd7ccb6168179afb4504aefe388d1e14474d32c45c72ce7b7a")
	authority := crypto.PubkeyToAddress(authKey.PublicKey)
	var (
		store5   = common.HexToAddress("0x3000000000000000000000000000000000000005") // SSTORE slots 1..5
		store10  = common.HexToAddress("0x300000000000000000000000000000000000000a") // SSTORE ten slots from calldata
		inner    = common.HexToAddress("0x3000000000000000000000000000000000000011") // CALLs 1 wei to a new account, reverts
		outer    = common.HexToAddress("0x3000000000000000000000000000000000000012") // CALLs inner, then SSTORE
		factory  = common.HexToAddress("0x3000000000000000000000000000000000000013") // a reverted CREATE, then a deployment
		bomb     = common.HexToAddress("0x3000000000000000000000000000000000000014") // SELFDESTRUCT to a new account
		halter   = common.HexToAddress("0x3000000000000000000000000000000000000015") // SSTORE, then INVALID
		fresh    = common.HexToAddress("0x4000000000000000000000000000000000000001")
		fresh2   = common.HexToAddress("0x4000000000000000000000000000000000000002")
		slots10  = "600035806000016001905580600101600190558060020160019055806003016001905580600401600190558060050160019055806006016001905580600701600190558060080160019055806009016001905500"
		innerHex = "6000600060006000600161abcd5af15060006000fd"
		outerHex = "600060006000600060007330000000000000000000000000000000000000115af1506001600155" + "00"
		// CREATE(0, 27, 5) of initcode that reverts, then CREATE(0, 59, 5)
		// of initcode returning ten zero bytes.
		factoryHex = "6460006000fd600052" + "64600a6000f3602052" + "6005601b6000f050" + "6005603b6000f05000"
	)
	alloc := gethAmsterdamAlloc(gtypes.GenesisAlloc{
		store5:  {Code: common.FromHex("0x6001600155600160025560016003556001600455600160055500")},
		store10: {Code: common.FromHex("0x" + slots10)},
		inner:   {Code: common.FromHex("0x" + innerHex), Balance: big.NewInt(100)},
		outer:   {Code: common.FromHex("0x" + outerHex)},
		factory: {Code: common.FromHex("0x" + factoryHex)},
		bomb:    {Code: common.FromHex("0x61beefff"), Balance: big.NewInt(50)},
		halter:  {Code: common.FromHex("0x6001600155fe")},
	})
	gspec := &core.Genesis{Config: cfg, Alloc: alloc, GasLimit: 60_000_000}
	signer := gtypes.LatestSigner(cfg)
	nonce := uint64(0)
	send := func(b *core.BlockGen, to *common.Address, value int64, data []byte, gas uint64) {
		tx := gtypes.MustSignNewTx(key, signer, &gtypes.DynamicFeeTx{
			ChainID: cfg.ChainID, Nonce: nonce, To: to, Value: big.NewInt(value), Gas: gas,
			GasFeeCap: big.NewInt(50_000_000_000), GasTipCap: big.NewInt(2), Data: data,
		})
		nonce++
		b.AddTx(tx)
	}
	const big20M = 20_000_000 // above the 2^24 execution cap: a reservoir of about 3.2M
	engine := beacon.New(ethash.NewFaker())
	_, blocks, rcpts := core.GenerateChainWithGenesis(gspec, engine, 4, func(i int, b *core.BlockGen) {
		switch i {
		case 0:
			send(b, &store5, 0, nil, big20M)
			send(b, &fresh, 1, nil, big20M) // EIP-2780: a new recipient's state gas at run time
			send(b, nil, 0, common.FromHex("0x600a6000f3"), big20M)
			send(b, &outer, 0, nil, big20M)
			send(b, &factory, 0, nil, big20M)
			send(b, &bomb, 0, nil, big20M)
			send(b, &fresh2, 1, nil, 100_000) // no reservoir: the state gas spills
			fresh3 := common.HexToAddress("0x4000000000000000000000000000000000000003")
			send(b, &fresh3, 1, nil, 30_000) // cannot pay the new account: halts before its frame
		case 1: // EIP-7702 under EIP-2780: the authorization's state charged as it applies
			auth, err := gtypes.SignSetCode(authKey, gtypes.SetCodeAuthorization{
				ChainID: *uint256.MustFromBig(cfg.ChainID), Address: store5, Nonce: 0,
			})
			if err != nil {
				panic(err)
			}
			tx := gtypes.MustSignNewTx(key, signer, &gtypes.SetCodeTx{
				ChainID: uint256.MustFromBig(cfg.ChainID), Nonce: nonce, To: authority, Value: uint256.NewInt(0),
				Gas: big20M, GasFeeCap: uint256.NewInt(50_000_000_000), GasTipCap: uint256.NewInt(2),
				AuthList: []gtypes.SetCodeAuthorization{auth},
			})
			nonce++
			b.AddTx(tx)
		case 2: // the state dimension outgrows the execution dimension
			for k := range 6 {
				send(b, &store10, 0, common.LeftPadBytes(big.NewInt(int64(100*k+100)).Bytes(), 32), 2_000_000)
			}
		case 3: // a halt after state was created: the reservoir refilled, execution gas burned
			send(b, &halter, 0, nil, big20M)
			send(b, &store10, 0, common.FromHex("0xffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff00"), 16_900_000)
		}
	})

	_, diffs := replayGethChain(t, cfg.ChainID.Uint64(), gspec.ToBlock(), alloc, blocks, rcpts, nil, nil)
	if len(diffs) > 0 {
		t.Errorf("goevm and geth differ:\n%s", strings.Join(diffs, "\n"))
	}
}
