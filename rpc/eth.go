package rpc

import (
	"errors"
	"strconv"

	"github.com/goevm/goevm/chain"
	"github.com/goevm/goevm/crypto"
	"github.com/goevm/goevm/transition"
	"github.com/goevm/goevm/types"
	"github.com/holiman/uint256"
)

// defaultTip is the priority fee the node suggests and fills in: 1 gwei,
// anvil's default.
var defaultTip = uint256.NewInt(1_000_000_000)

func (s *Server) registerEth() {
	m := s.methods
	m["web3_clientVersion"] = func(_ *callCtx, a args) (any, error) { return s.version, a.count(0, 0) }
	m["web3_sha3"] = func(_ *callCtx, a args) (any, error) {
		var d data
		if err := a.need(0, &d); err != nil {
			return nil, err
		}
		return crypto.Keccak256(d), a.count(1, 1)
	}
	m["net_version"] = noArgs(func(*callCtx, args) (any, error) { return strconv.FormatUint(s.chain.Config().ChainID, 10), nil })
	m["net_listening"] = noArgs(func(*callCtx, args) (any, error) { return true, nil })
	m["net_peerCount"] = noArgs(func(*callCtx, args) (any, error) { return quantity(0), nil })
	m["eth_chainId"] = noArgs(func(*callCtx, args) (any, error) { return quantity(s.chain.Config().ChainID), nil })
	m["eth_syncing"] = noArgs(func(*callCtx, args) (any, error) { return false, nil })
	m["eth_mining"] = noArgs(func(*callCtx, args) (any, error) { return true, nil })
	m["eth_hashrate"] = noArgs(func(*callCtx, args) (any, error) { return quantity(0), nil })
	m["eth_coinbase"] = noArgs(func(*callCtx, args) (any, error) { return s.chain.Config().Coinbase, nil })
	m["eth_blockNumber"] = noArgs(func(*callCtx, args) (any, error) { return quantity(s.chain.Head().Header.Number), nil })
	m["eth_accounts"] = noArgs(func(*callCtx, args) (any, error) { return append([]types.Address{}, s.accounts...), nil })

	m["eth_getBalance"] = s.stateMethod(func(st stateView, addr types.Address, _ args) (any, error) {
		b := st.GetBalance(addr)
		return bigOf(&b), nil
	})
	m["eth_getCode"] = s.stateMethod(func(st stateView, addr types.Address, _ args) (any, error) {
		return data(st.GetCode(addr)), nil
	})
	m["eth_getTransactionCount"] = func(c *callCtx, a args) (any, error) {
		var tag blockTag
		if ok, err := a.get(1, &tag); err != nil {
			return nil, err
		} else if ok && tag.tag == "pending" {
			var addr address
			if err := a.need(0, &addr); err != nil {
				return nil, err
			}
			return quantity(s.chain.PendingNonce(types.Address(addr))), nil
		}
		return s.stateMethod(func(st stateView, addr types.Address, _ args) (any, error) {
			return quantity(st.GetNonce(addr)), nil
		})(c, a)
	}
	m["eth_getStorageAt"] = func(_ *callCtx, a args) (any, error) {
		var addr address
		var slot slotKey
		if err := a.need(0, &addr); err != nil {
			return nil, err
		}
		if err := a.need(1, &slot); err != nil {
			return nil, err
		}
		tag, err := a.lastBlock(2)
		if err != nil {
			return nil, err
		}
		st, err := s.stateAt(tag)
		if err != nil {
			return nil, err
		}
		v := st.GetState(types.Address(addr), types.Hash(slot))
		return v, st.Err()
	}

	m["eth_gasPrice"] = noArgs(func(*callCtx, args) (any, error) {
		p := new(uint256.Int).Add(s.pendingBaseFee(), defaultTip)
		return bigOf(p), nil
	})
	m["eth_maxPriorityFeePerGas"] = noArgs(func(*callCtx, args) (any, error) { return bigOf(defaultTip), nil })
	m["eth_blobBaseFee"] = noArgs(func(*callCtx, args) (any, error) { return bigOf(s.pendingBlobBaseFee()), nil })
	m["eth_baseFee"] = noArgs(func(*callCtx, args) (any, error) { return bigOf(s.pendingBaseFee()), nil })
}

// noArgs wraps a method that takes no parameters, refusing any (geth:
// "too many arguments, want at most 0").
func noArgs(f methodFunc) methodFunc {
	return func(c *callCtx, a args) (any, error) {
		if err := a.count(0, 0); err != nil {
			return nil, err
		}
		return f(c, a)
	}
}

// stateView is the read side of a block's state.
type stateView interface {
	GetBalance(types.Address) uint256.Int
	GetNonce(types.Address) uint64
	GetCode(types.Address) []byte
	GetState(types.Address, types.Hash) types.Hash
	Err() error
}

// stateMethod reads (address, block) parameters and answers from that
// block's state.
func (s *Server) stateMethod(f func(st stateView, addr types.Address, a args) (any, error)) methodFunc {
	return func(_ *callCtx, a args) (any, error) {
		var addr address
		if err := a.need(0, &addr); err != nil {
			return nil, err
		}
		tag, err := a.lastBlock(1)
		if err != nil {
			return nil, err
		}
		st, err := s.stateAt(tag)
		if err != nil {
			return nil, err
		}
		res, err := f(st, types.Address(addr), a)
		if err == nil {
			err = st.Err()
		}
		return res, err
	}
}

// resolve finds the block a tag names. For latest, pending, safe and
// finalized it is the head: a dev chain finalizes every block at once.
func (s *Server) resolve(t blockTag) (*types.Block, error) {
	switch {
	case t.hash != nil:
		b, err := s.chain.BlockByHash(*t.hash)
		if errors.Is(err, chain.ErrUnknownBlock) {
			return nil, errorf(codeServer, "header for hash not found")
		}
		return b, err
	case t.tag == "earliest": // the oldest block held: a fork's first (geth: the earliest available)
		return s.chain.BlockByNumber(s.chain.FirstBlock())
	case t.tag != "":
		return s.chain.Head(), nil
	}
	b, err := s.chain.BlockByNumber(t.number)
	if errors.Is(err, chain.ErrUnknownBlock) {
		return nil, errorf(codeServer, "header not found")
	}
	return b, err
}

// stateAt returns a private state for the tag: after the named block, or
// for latest and pending the head's state with the dev edits made since.
func (s *Server) stateAt(t blockTag) (*stateWithHeader, error) {
	b, err := s.resolve(t)
	if err != nil {
		return nil, err
	}
	n := b.Header.Number
	if t.newest() {
		n = s.chain.PendingNumber()
		if n != b.Header.Number+1 {
			// a block was mined in between: take the newest head
			b = s.chain.Head()
			n = b.Header.Number + 1
		}
	}
	return &stateWithHeader{Memory: s.chain.State(n), header: b.Header, number: n}, nil
}

func (s *Server) pendingBaseFee() *uint256.Int {
	h := s.chain.Head().Header
	if h.BaseFee == nil {
		return new(uint256.Int)
	}
	return transition.CalcBaseFee(h)
}

func (s *Server) pendingBlobBaseFee() *uint256.Int {
	h := s.chain.Head().Header
	f := s.chain.PendingFork()
	params := s.chain.PendingBlobParams()
	if !f.Rules().IsCancun {
		return new(uint256.Int)
	}
	return transition.BlobBaseFee(transition.CalcExcessBlobGas(f, params, h), params.UpdateFraction)
}
