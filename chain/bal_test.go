package chain

import (
	"bytes"
	"testing"

	"github.com/goevm/goevm/crypto"
	"github.com/goevm/goevm/evm"
	"github.com/goevm/goevm/fork"
	"github.com/goevm/goevm/transition"
	"github.com/goevm/goevm/types"
	"github.com/holiman/uint256"
)

// EIP-7928 on a chain that moves into Amsterdam: blocks mined from the fork
// on carry blockAccessListHash (the hash of the list they come with), those
// before it do not, and another chain imports them, recomputing each list.
// The EIP-8282 contracts are in the genesis allocation, as a genesis file
// holds them.
func TestMineIntoAmsterdamBAL(t *testing.T) {
	const genesis = `{"config":{"chainId":1337,"homesteadBlock":0,"eip150Block":0,"eip155Block":0,"eip158Block":0,
	  "byzantiumBlock":0,"constantinopleBlock":0,"petersburgBlock":0,"istanbulBlock":0,"berlinBlock":0,
	  "londonBlock":0,"mergeNetsplitBlock":0,"terminalTotalDifficulty":0,
	  "shanghaiTime":0,"cancunTime":0,"pragueTime":0,"osakaTime":0,"amsterdamTime":100},
	  "gasLimit":"0x1c9c380","difficulty":"0x0","timestamp":"0x0","extraData":"0x",
	  "alloc":{"0x00000000000000000000000000000000000000aa":{"balance":"1000"}}}`
	cfg := genesisWithSystemContracts(t, genesis, true)
	a, mined := mineAt(t, cfg, 50, 100, 110)
	if f := cfg.ForkAt(2, 100); f != fork.Amsterdam {
		t.Fatalf("fork at time 100: %v", f)
	}
	if mined[0].Header.BlockAccessListHash != nil || mined[0].AccessList != nil {
		t.Error("an Osaka block has an access list")
	}
	for _, b := range mined[1:] {
		h := b.Header.BlockAccessListHash
		if h == nil || b.AccessList == nil || b.AccessList.Hash() != *h {
			t.Fatalf("Amsterdam block %d: hash %v, list %v", b.Header.Number, h, b.AccessList)
		}
		// The system contracts called around an empty block are all there.
		if len(b.AccessList) != 6 {
			t.Errorf("block %d lists %d accounts, want the 6 system contracts", b.Header.Number, len(b.AccessList))
		}
	}
	importAll(t, cfg, mined, a.Head().Hash())
}

// EIP-7997: an Amsterdam dev chain's genesis holds the deterministic
// factory (geth's address and code), the EIP-8282 queues and the system
// contracts before them; the factory CREATE2s salt || initcode and returns
// the new address.
func TestAmsterdamPredeploys(t *testing.T) {
	cfg := DefaultConfig()
	cfg.Fork = fork.Amsterdam
	c, err := New(cfg, "")
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	st := c.State(1)
	for addr, code := range map[types.Address][]byte{
		deterministicFactoryAddress:             deterministicFactoryCode,
		transition.BuilderDepositRequestAddress: builderDepositRequestCode,
		transition.BuilderExitRequestAddress:    builderExitRequestCode,
	} {
		if !bytes.Equal(st.GetCode(addr), code) || st.GetNonce(addr) != 1 {
			t.Errorf("%s: code %d bytes, nonce %d", addr, len(st.GetCode(addr)), st.GetNonce(addr))
		}
	}
	if h := c.Head().Header.BlockAccessListHash; h == nil || *h != types.EmptyBlockAccessListHash {
		t.Errorf("genesis blockAccessListHash %v, want the empty list's", h)
	}

	// Call the factory: salt 1, initcode deploying one 0x00 byte.
	from := types.MustHexToAddress("0x00000000000000000000000000000000000f00d5")
	st.SetBalance(from, uint256.NewInt(1e18))
	initcode := []byte{0x60, 0x01, 0x60, 0x00, 0xf3} // return(0, 1): code 0x00
	salt := types.Hash{31: 1}
	rules := fork.Amsterdam.Rules()
	env := &transition.Env{Block: evm.BlockContext{GasLimit: 30_000_000, Number: 1, Time: 1}, Rules: rules, Config: evm.Config{ChainID: 31337}}
	to := deterministicFactoryAddress
	tx := &types.Transaction{Type: types.DynamicFeeTxType, ChainID: *uint256.NewInt(31337), Gas: 1_000_000, To: &to,
		GasFeeCap: *uint256.NewInt(0), Data: append(salt[:], initcode...)}
	res, err := transition.Apply(st, env, tx, from)
	if err != nil || res.Err != nil {
		t.Fatalf("factory call: %v / %v", err, res.Err)
	}
	want := crypto.CreateAddress2(deterministicFactoryAddress, salt, crypto.Keccak256(initcode))
	if !bytes.Equal(res.ReturnData, want[:]) || !bytes.Equal(st.GetCode(want), []byte{0x00}) {
		t.Errorf("factory returned %x, code at %s %x; want the CREATE2 address with code 00", res.ReturnData, want, st.GetCode(want))
	}
}
