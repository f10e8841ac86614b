package chain

import (
	"encoding/binary"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/goevm/goevm/crypto"
	"github.com/goevm/goevm/fork"
	"github.com/goevm/goevm/state"
	"github.com/goevm/goevm/transition"
	"github.com/goevm/goevm/types"
	"github.com/holiman/uint256"
)

// storedConfig is what a data directory remembers of its chain, to refuse
// reopening it as a different one.
type storedConfig struct {
	ChainID uint64 `json:"chainId"`
	Fork    string `json:"fork"`
	// Schedule describes the later forks and blob schedule; empty for a
	// chain with one fork (and for stores written before schedules).
	Schedule string `json:"schedule,omitempty"`
}

// scheduleString describes a fork and blob schedule, to compare a data
// directory's chain with the one asked for.
func (cfg *Config) scheduleString() string {
	var b strings.Builder
	for _, a := range cfg.Schedule {
		switch {
		case a.Block != nil:
			fmt.Fprintf(&b, "%s@block%d ", a.Fork, *a.Block)
		case a.Time != nil:
			fmt.Fprintf(&b, "%s@time%d ", a.Fork, *a.Time)
		}
	}
	for _, a := range cfg.BlobSchedule {
		fmt.Fprintf(&b, "%s@time%d:%d/%d/%d ", a.Name, a.Time, a.Params.Target, a.Params.Max, a.Params.UpdateFraction)
	}
	return strings.TrimSpace(b.String())
}

// writeGenesis builds block 0 from the configuration: the allocation plus
// the system contracts the fork's block processing calls, and a header with
// every field the fork's headers carry.
func (c *Chain) writeGenesis() error {
	changes := make([]state.AccountChange, 0, len(c.cfg.Alloc)+4)
	for addr, a := range c.cfg.Alloc {
		changes = append(changes, genesisChange(addr, a))
	}
	gt := c.cfg.GenesisTime
	if gt == 0 && c.cfg.Genesis == nil {
		gt = now()
	}
	rules := c.cfg.ForkAt(0, gt).Rules()
	predeploy := func(addr types.Address, code []byte) {
		// A genesis file's block is geth's, byte for byte: what it does
		// not allocate does not exist.
		if _, ok := c.cfg.Alloc[addr]; !ok && c.cfg.Genesis == nil {
			changes = append(changes, genesisChange(addr, GenesisAccount{Nonce: 1, Code: code}))
		}
	}
	for _, p := range predeploys {
		if rules.Has(p.eip) {
			predeploy(p.addr, p.code)
		}
	}

	b := c.store.db.NewBatch()
	defer b.Close()
	// Block 0 is never undone (revert keeps at least the genesis), so its
	// change list is not stored: for a large allocation it would be one
	// value of 21 bytes an account that reads landing in its table block
	// would load whole.
	if _, err := c.writeChanges(b, 0, changes, nil); err != nil {
		return err
	}
	h := &types.Header{
		OmmersHash:  emptyOmmersHash,
		Coinbase:    c.cfg.Coinbase,
		StateRoot:   c.tries.root(),
		TxRoot:      crypto.EmptyRootHash,
		ReceiptRoot: crypto.EmptyRootHash,
		GasLimit:    c.cfg.GasLimit,
		Time:        gt,
	}
	if !rules.IsParis {
		h.Difficulty.SetUint64(1) // a proof-of-work chain's genesis needs a difficulty
	}
	var excess uint64
	if g := c.cfg.Genesis; g != nil {
		binary.BigEndian.PutUint64(h.Nonce[:], g.Nonce)
		h.Extra, h.Difficulty, h.MixDigest, h.ParentHash = g.ExtraData, g.Difficulty, g.MixHash, g.ParentHash
		if g.ExcessBlobGas != nil {
			excess = *g.ExcessBlobGas
		}
	}
	fillForkFields(h, rules.IsLondon, c.cfg.ForkAt(0, gt), uint256.NewInt(c.cfg.BaseFee), excess)
	if g := c.cfg.Genesis; g != nil && h.BlobGasUsed != nil && g.BlobGasUsed != nil {
		used := *g.BlobGasUsed
		h.BlobGasUsed = &used
	}
	if rules.IsShanghai {
		root := crypto.EmptyRootHash
		h.WithdrawalsRoot = &root
	}
	if rules.IsPrague {
		rh := transition.RequestsHash(nil)
		h.RequestsHash = &rh
	}
	if rules.Has(7928) {
		bh := types.EmptyBlockAccessListHash // genesis executes nothing
		h.BlockAccessListHash = &bh
	}
	if rules.Has(7843) {
		var slot uint64 // EIP-7843: the genesis file's, else 0 (slot.go)
		if g := c.cfg.Genesis; g != nil && g.SlotNumber != nil {
			slot = *g.SlotNumber
		}
		h.SlotNumber = &slot
	}
	genesis := &types.Block{Header: h, Transactions: [][]byte{}, Ommers: []*types.Header{}}
	if rules.IsShanghai {
		genesis.Withdrawals = []*types.Withdrawal{}
	}
	cfgJSON, _ := json.Marshal(storedConfig{ChainID: c.cfg.ChainID, Fork: c.cfg.Fork.String(), Schedule: c.cfg.scheduleString()})
	if err := b.Set(keyConfig, cfgJSON, nil); err != nil {
		return fmt.Errorf("%w: %w", ErrStore, err)
	}
	if err := c.writeBlock(b, genesis, nil, nil); err != nil {
		return err
	}
	if err := b.Commit(c.writeOpts()); err != nil {
		return fmt.Errorf("%w: %w", ErrStore, err)
	}
	c.head, c.headNum = genesis, 0
	return nil
}

// genesisChange is an allocated account as a change from the empty state.
// It is built directly: a journaled state.Memory would cost tens of seconds
// and gigabytes for a million-account allocation.
func genesisChange(addr types.Address, a GenesisAccount) state.AccountChange {
	ch := state.AccountChange{Address: addr, Nonce: a.Nonce, Balance: a.Balance, CodeHash: crypto.EmptyCodeHash}
	if len(a.Code) > 0 {
		ch.Code, ch.CodeHash, ch.CodeChanged = a.Code, crypto.Keccak256(a.Code), true
	}
	for k, v := range a.Storage {
		if v.IsZero() {
			continue
		}
		if ch.Storage == nil {
			ch.Storage = make(map[types.Hash]types.Hash, len(a.Storage))
		}
		ch.Storage[k] = v
	}
	return ch
}

// fillForkFields sets the header fields later forks added: the base fee
// (London), and the blob gas fields and beacon root (Cancun).
func fillForkFields(h *types.Header, london bool, f fork.Fork, baseFee *uint256.Int, excessBlobGas uint64) {
	if london {
		h.BaseFee = baseFee
	}
	if f.Rules().IsCancun {
		used, excess := uint64(0), excessBlobGas
		h.BlobGasUsed, h.ExcessBlobGas = &used, &excess
		var root types.Hash // a dev chain has no beacon chain: the zero root, as anvil uses
		h.ParentBeaconBlockRoot = &root
	}
}

// emptyOmmersHash is keccak(rlp([])), the ommers hash of every block since
// the merge and of every block without ommers.
var emptyOmmersHash = crypto.Keccak256([]byte{0xc0})

// reopen continues a chain from its store: checks the configuration,
// loads the head and rebuilds the tries from the newest history.
func (c *Chain) reopen(headNum uint64) error {
	raw, err := c.store.get(keyConfig)
	if err != nil {
		return err
	}
	var sc storedConfig
	if err := json.Unmarshal(raw, &sc); err != nil {
		return fmt.Errorf("%w: config: %w", ErrStore, err)
	}
	if sc.ChainID != c.cfg.ChainID || sc.Fork != c.cfg.Fork.String() || sc.Schedule != c.cfg.scheduleString() {
		return fmt.Errorf("%w: stored chain id %d fork %s schedule %q, asked for chain id %d fork %s schedule %q",
			ErrConfigChanged, sc.ChainID, sc.Fork, sc.Schedule, c.cfg.ChainID, c.cfg.Fork, c.cfg.scheduleString())
	}
	c.headNum = headNum + 1 // blockByNumber's bound while loading the head itself
	head, err := c.blockByNumber(headNum)
	if err != nil {
		return err
	}
	c.head, c.headNum = head, headNum
	// A pending block's dev edits are not kept across restarts: drop them.
	if err := c.dropBlocksAbove(headNum); err != nil {
		return err
	}
	return c.rebuildTries()
}

func headValue(n uint64) []byte { return binary.BigEndian.AppendUint64(nil, n) }
