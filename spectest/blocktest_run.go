package spectest

import (
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/goevm/goevm/fork"
	"github.com/goevm/goevm/state"
	"github.com/goevm/goevm/transition"
	"github.com/goevm/goevm/types"
	"github.com/holiman/uint256"
)

// BlockResult is the outcome of one blockchain test. Its JSON form is what
// `goevm blocktest --json` prints.
type BlockResult struct {
	Name      string     `json:"name"`
	Network   string     `json:"network"`
	Pass      bool       `json:"pass"`
	Head      types.Hash `json:"lastBlockHash"`
	StateRoot types.Hash `json:"stateRoot"`
	Error     string     `json:"error"`
	// Blocks counts the blocks imported and rejected.
	Imported, Rejected int `json:"-"`
}

// Errors classifying a failed blockchain test.
var (
	ErrGenesisMismatch   = errors.New("genesis does not match the fixture")
	ErrBlockRejected     = errors.New("valid block rejected")
	ErrBlockAccepted     = errors.New("invalid block accepted")
	ErrWrongHead         = errors.New("wrong head block")
	ErrPostStateMismatch = errors.New("post-state mismatch")
	ErrBlockHash         = errors.New("block hash differs from the fixture's header")
	ErrWrongRejection    = errors.New("block rejected for a different reason than the fixture expects")
)

// chainEntry is one imported block with the state after it and the total
// difficulty of the chain ending in it.
type chainEntry struct {
	block *types.Block
	state *state.Memory
	td    uint256.Int
	order int // import order, to break fork-choice ties in favour of the first
}

// memChain holds every imported block by hash; it is the runner's view of
// the block tree and implements transition.Chain.
type memChain map[types.Hash]*chainEntry

func (c memChain) BlockByHash(h types.Hash) *types.Block {
	if e := c[h]; e != nil {
		return e.block
	}
	return nil
}

// Run imports the test's blocks in order and checks the outcome: every
// block without expectException must import, every block with one must be
// rejected, the head must be lastblockhash, and the head's state must be
// postState (or hash to postStateHash).
//
// The head is chosen as a client of the network would: on proof-of-work
// networks (before Paris) the block with the greatest total difficulty,
// first seen winning ties; from Paris the last block imported.
func (t *BlockTest) Run(name string) BlockResult {
	r := BlockResult{Name: name, Network: t.Network}
	err := t.run(&r)
	r.Pass = err == nil
	if err != nil {
		r.Error = err.Error()
	}
	return r
}

func (t *BlockTest) run(r *BlockResult) error {
	net, err := t.chainConfig()
	if err != nil {
		return err
	}
	genesis, err := types.DecodeBlockRLP(t.GenesisRLP)
	if err != nil {
		return fmt.Errorf("genesisRLP: %w", err)
	}
	if genesis.Hash() != t.GenesisHeader.Hash {
		return fmt.Errorf("%w: genesisRLP hashes to %s, header says %s", ErrGenesisMismatch, genesis.Hash(), t.GenesisHeader.Hash)
	}
	if err := checkHeader(genesis.Header, t.GenesisHeader.Fields); err != nil {
		return fmt.Errorf("genesisBlockHeader: %w", err)
	}
	pre, err := t.Pre.prepare()
	if err != nil {
		return fmt.Errorf("pre: %w", err)
	}
	db := state.FromAlloc(pre)
	if root := db.IntermediateRoot(false); root != genesis.Header.StateRoot {
		return fmt.Errorf("%w: pre-state root %s, genesis stateRoot %s", ErrGenesisMismatch, root, genesis.Header.StateRoot)
	}

	chain := memChain{}
	head := &chainEntry{block: genesis, state: db, td: genesis.Header.Difficulty}
	chain[genesis.Hash()] = head
	for i, fb := range t.Blocks {
		entry, err := importBlock(net, chain, fb.RLP, fb.BlockAccessList)
		if err != nil {
			r.Rejected++
			if fb.ExpectException == "" {
				return fmt.Errorf("%w: block %d: %w", ErrBlockRejected, i, err)
			}
			if ok, _ := exceptionMatches(err, fb.ExpectException); !ok {
				return fmt.Errorf("%w: block %d: %v, fixture expects %s", ErrWrongRejection, i, err, fb.ExpectException)
			}
			continue
		}
		if fb.ExpectException != "" {
			return fmt.Errorf("%w: block %d (fixture expects %s)", ErrBlockAccepted, i, fb.ExpectException)
		}
		if fb.BlockHeader != nil && fb.BlockHeader.Hash != entry.block.Hash() {
			return fmt.Errorf("%w: block %d: %s, fixture %s", ErrBlockHash, i, entry.block.Hash(), fb.BlockHeader.Hash)
		}
		if fb.BlockHeader != nil {
			if err := checkHeader(entry.block.Header, fb.BlockHeader.Fields); err != nil {
				return fmt.Errorf("block %d: blockHeader: %w", i, err)
			}
		}
		if err := checkTransactions(entry.block, fb.Transactions); err != nil {
			return fmt.Errorf("block %d: %w", i, err)
		}
		r.Imported++
		entry.order = i + 1
		chain[entry.block.Hash()] = entry
		if betterHead(net.Config, chain, entry, head) {
			head = entry
		}
	}
	r.Head = head.block.Hash()
	r.StateRoot = head.state.IntermediateRoot(true)
	if r.Head != t.LastBlockHash {
		return fmt.Errorf("%w: %s (number %d), fixture %s", ErrWrongHead, r.Head, head.block.Header.Number, t.LastBlockHash)
	}
	return t.checkPostState(head.state, r.StateRoot)
}

// betterHead is the fork choice: greatest total difficulty before Paris,
// the newest block after.
func betterHead(cfg *transition.ChainConfig, chain memChain, cand, head *chainEntry) bool {
	h := cand.block.Header
	if cfg.ForBranch(chain, chain.BlockByHash(h.ParentHash)).ForkAt(h.Number, h.Time) >= fork.Paris {
		return true
	}
	return cand.td.Gt(&head.td)
}

// importBlock decodes a fixture block and processes it on top of its parent's
// state. The parent's state is copied, so a rejected block leaves it intact.
func importBlock(net *Network, chain memChain, rlpHex string, bal json.RawMessage) (*chainEntry, error) {
	raw, err := types.DecodeHex(rlpHex)
	if err != nil {
		return nil, fmt.Errorf("block rlp: %w", err)
	}
	b, err := types.DecodeBlockRLP(raw)
	if err != nil {
		return nil, err
	}
	if len(bal) > 0 && string(bal) != "null" && b.Header.BlockAccessListHash != nil {
		// EIP-7928: the fixture's copy of the list, when it is the one the
		// header commits to, lets an import that computes another name the
		// accounts that differ. The block's RLP does not carry it, so a copy
		// that reads otherwise or hashes to something else is not the
		// block's fault and is left out.
		var l types.BlockAccessList
		if json.Unmarshal(bal, &l) == nil && l.Hash() == *b.Header.BlockAccessListHash {
			b.AccessList = l
		}
	}
	parent := chain[b.Header.ParentHash]
	if parent == nil {
		return nil, fmt.Errorf("%w: %s", transition.ErrUnknownParent, b.Header.ParentHash)
	}
	db := state.FromAlloc(parent.state.Dump())
	cfg := net.ConfigAt(b.Header.Number, b.Header.Time)
	if _, err := transition.ProcessBlock(cfg, chain, db, b); err != nil {
		return nil, err
	}
	e := &chainEntry{block: b, state: db}
	e.td.Add(&parent.td, &b.Header.Difficulty)
	return e, nil
}

// chainConfig is the test's network with its chain id (1 unless the
// fixture's config says otherwise) and blob schedule: the fixture's
// config.blobSchedule replaces the parameters of a single-fork network's
// fork, and of each BPO fork the network passes, by name; an entry for a
// fork after the BPO forks (Amsterdam) applies from that fork on.
func (t *BlockTest) chainConfig() (*Network, error) {
	chainID := uint64(1)
	if t.Config != nil && t.Config.ChainID != "" {
		id, err := types.ParseUint64(t.Config.ChainID)
		if err != nil {
			return nil, fmt.Errorf("config chainid: %w", err)
		}
		chainID = id
	}
	n, err := ParseFixtureNetwork(t.Network, chainID)
	if err != nil {
		return nil, err
	}
	if t.Config == nil || len(t.Config.BlobSchedule) == 0 {
		return n, nil
	}
	for name, s := range t.Config.BlobSchedule {
		p := transition.BlobParams{Target: uint64(s.Target), Max: uint64(s.Max), UpdateFraction: uint64(s.UpdateFraction)}
		if len(n.Config.Later) == 0 && len(n.BlobSteps) == 0 && strings.EqualFold(name, n.Config.Base.String()) {
			n.Config.Blobs = p
		}
		for i := range n.BlobSteps {
			if strings.EqualFold(name, n.BlobSteps[i].Name) {
				n.BlobSteps[i].Params = p
			}
		}
		// A named fork after the BPO forks (Amsterdam) keeps the last
		// one's schedule unless the fixture gives it its own: from genesis
		// on a single network with BPO forks, from its time in a transition.
		if len(n.BlobSteps) > 0 && len(n.Config.Later) == 0 && strings.EqualFold(name, n.Config.Base.String()) && n.Config.Base > fork.Osaka {
			n.BlobSteps = append(n.BlobSteps, BlobStep{Name: n.Config.Base.String(), Params: p})
		}
		for _, a := range n.Config.Later {
			if a.Time != nil && a.Fork > fork.Osaka && strings.EqualFold(name, a.Fork.String()) {
				n.BlobSteps = append(n.BlobSteps, BlobStep{Name: a.Fork.String(), Time: *a.Time, Params: p})
			}
		}
	}
	// The entries appended come last at their time (stable), after the
	// BPO forks that time brings.
	slices.SortStableFunc(n.BlobSteps, func(x, y BlobStep) int { return cmp.Compare(x.Time, y.Time) })
	return n, nil
}
