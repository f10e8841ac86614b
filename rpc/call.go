package rpc

import (
	"errors"
	"fmt"

	"github.com/goevm/goevm/abi"
	"github.com/goevm/goevm/evm"
	"github.com/goevm/goevm/fork"
	"github.com/goevm/goevm/state"
	"github.com/goevm/goevm/trace"
	"github.com/goevm/goevm/transition"
	"github.com/goevm/goevm/types"
	"github.com/holiman/uint256"
)

// rpcGasCap bounds the gas of eth_call and eth_estimateGas: geth's default
// --rpc.gascap (50,000,000).
const rpcGasCap = 50_000_000

// accountOverride is one entry of eth_call's state override set (geth's
// format): replace balance, nonce or code; replace the whole storage
// (state) or some slots (stateDiff).
type accountOverride struct {
	Balance   *big                      `json:"balance"`
	Nonce     *quantity                 `json:"nonce"`
	Code      *data                     `json:"code"`
	State     map[types.Hash]types.Hash `json:"state"`
	StateDiff map[types.Hash]types.Hash `json:"stateDiff"`
}

// blockOverrides changes the block context a call runs in (geth's format).
type blockOverrides struct {
	Number        *big      `json:"number"`
	Time          *quantity `json:"time"`
	GasLimit      *quantity `json:"gasLimit"`
	FeeRecipient  *address  `json:"feeRecipient"`
	Coinbase      *address  `json:"coinbase"`
	PrevRandao    *hash     `json:"prevRandao"`
	BaseFeePerGas *big      `json:"baseFeePerGas"`
	BlobBaseFee   *big      `json:"blobBaseFee"`
}

func (s *Server) registerCall() {
	s.methods["eth_call"] = func(_ *callCtx, a args) (any, error) {
		c, err := s.readCall(a, 3)
		if err != nil {
			return nil, err
		}
		res, err := s.runCall(c, nil)
		if err != nil {
			return nil, err
		}
		if res.Err != nil {
			return nil, executionError(res)
		}
		return data(res.ReturnData), nil
	}
	s.methods["eth_estimateGas"] = func(_ *callCtx, a args) (any, error) {
		c, err := s.readCall(a, 3)
		if err != nil {
			return nil, err
		}
		gas, err := s.estimateGas(c)
		return quantity(gas), err
	}
	s.methods["eth_createAccessList"] = func(_ *callCtx, a args) (any, error) {
		c, err := s.readCall(a, 2)
		if err != nil {
			return nil, err
		}
		return s.createAccessList(c)
	}
}

// callRequest is a call with everything it runs against.
type callRequest struct {
	args    txArgs
	tag     blockTag
	state   map[address]accountOverride
	blockOv *blockOverrides
	// tracer, when set, observes the call (debug_traceCall); wrap, when
	// set, is given the state the call runs on and returns what Apply runs
	// against (the tracer's state reader, eth_createAccessList's recorder).
	tracer *trace.Hooks
	wrap   func(*stateWithHeader) transition.StateDB
	// capExecution: the call runs for eth_estimateGas or
	// eth_createAccessList, which keep EIP-8037's execution cap (geth
	// leaves SkipExecutionGasCapCheck off for both; eth_call and
	// debug_traceCall set it), so gas above 2^24 is the state-gas reservoir
	// as in the transaction they prepare.
	capExecution bool
}

func (s *Server) readCall(a args, max int) (*callRequest, error) {
	c := &callRequest{tag: latest}
	if err := a.need(0, &c.args); err != nil {
		return nil, err
	}
	if _, err := a.get(1, &c.tag); err != nil {
		return nil, err
	}
	if max >= 3 {
		if _, err := a.get(2, &c.state); err != nil {
			return nil, err
		}
		if _, err := a.get(3, &c.blockOv); err != nil {
			return nil, err
		}
		max = 4
	}
	return c, a.count(1, max)
}

// runCall executes the call on a private copy of the block's state, with
// the overrides applied. gas, when set, replaces the call's gas. The
// returned error is the transaction being invalid (insufficient funds,
// intrinsic gas); execution failures are in the Result.
func (s *Server) runCall(c *callRequest, gas *uint64) (res *transition.Result, err error) {
	if c.tag.newest() {
		// The newest state: read from the chain's tries under its read lock,
		// which is several times cheaper than the store's history.
		err = s.chain.ReadLatest(func(st *state.Memory, head *types.Block) error {
			res, err = s.execCall(&stateWithHeader{Memory: st, header: head.Header}, c, gas)
			return err
		})
		return res, err
	}
	st, err := s.stateAt(c.tag)
	if err != nil {
		return nil, err
	}
	return s.execCall(st, c, gas)
}

// execCall runs the call on st. It must not take the chain's lock: for the
// newest state the caller holds it.
func (s *Server) execCall(st *stateWithHeader, c *callRequest, gas *uint64) (*transition.Result, error) {
	cfg := s.chain.Config()
	f := s.chain.ForkAt(st.header.Number, st.header.Time) // lock-free: the caller may hold the chain's lock
	rules := f.Rules()
	tx, err := c.args.toTx(cfg.ChainID, f)
	if err != nil {
		return nil, errorf(codeInvalidParams, "invalid argument 0: %v", err)
	}
	from := c.args.from()
	if err := applyOverrides(st, c.state); err != nil {
		return nil, err
	}
	blk := s.blockContext(st.header, c.blockOv)
	if !c.args.hasPrice() {
		// geth's eth_call without a price: BASEFEE reads 0 and no fee is paid.
		blk.BaseFee.Clear()
	}
	tx.Nonce = st.GetNonce(from)
	switch {
	case gas != nil:
		tx.Gas = *gas
	case c.args.Gas == nil:
		tx.Gas = s.callGasCap(blk.GasLimit, f)
	}
	if gasCap := s.callGasCap(rpcGasCap, f); tx.Gas > gasCap {
		tx.Gas = gasCap // the RPC cap, and EIP-7825's from Osaka: a large gas is capped, not refused
	}
	env := &transition.Env{Block: blk, Rules: rules, Config: evm.Config{ChainID: cfg.ChainID, NoCodeSizeLimit: cfg.DisableCodeSizeLimit, Tracer: c.tracer}, GasAvailable: max(tx.Gas, 1), Simulation: true, CapExecutionGas: c.capExecution && rules.Has(8037)}
	var db transition.StateDB = st
	if c.wrap != nil {
		db = c.wrap(st)
	}
	res, err := transition.Apply(db, env, tx, from)
	if err == nil {
		err = st.Err()
	}
	if err != nil {
		return nil, err
	}
	return res, nil
}

// callGasCap is the gas of a call that names none: the block's gas limit,
// within the EIP-7825 cap from Osaka and the RPC cap.
func (s *Server) callGasCap(blockGas uint64, f fork.Fork) uint64 {
	g := min(blockGas, rpcGasCap)
	// EIP-7825's 2^24 from Osaka; under EIP-8037 the gas limit may exceed
	// it (the rest is the state-gas reservoir), so only the total cap holds,
	// as geth's estimator caps at 2^24 for Osaka but not Amsterdam.
	if rules := f.Rules(); rules.TxGasLimitCap() > 0 {
		g = min(g, rules.TxGasLimitCap())
	}
	return g
}

func (s *Server) blockContext(h *types.Header, ov *blockOverrides) evm.BlockContext {
	env := transition.EnvFromHeader(s.chain.TransitionConfigAt(h.Number, h.Time), &types.Block{Header: h})
	env.GetHash = s.chain.GetHashFn()
	ctx := env.BlockContext()
	if ov == nil {
		return ctx
	}
	if ov.Number != nil {
		ctx.Number = ov.Number.Int.Uint64()
	}
	if ov.Time != nil {
		ctx.Time = uint64(*ov.Time)
	}
	if ov.GasLimit != nil {
		ctx.GasLimit = uint64(*ov.GasLimit)
	}
	if ov.FeeRecipient != nil {
		ctx.Coinbase = types.Address(*ov.FeeRecipient)
	}
	if ov.Coinbase != nil {
		ctx.Coinbase = types.Address(*ov.Coinbase)
	}
	if ov.PrevRandao != nil {
		ctx.PrevRandao = types.Hash(*ov.PrevRandao)
	}
	if ov.BaseFeePerGas != nil {
		ctx.BaseFee = ov.BaseFeePerGas.Int
	}
	if ov.BlobBaseFee != nil {
		ctx.BlobBaseFee = ov.BlobBaseFee.Int
	}
	return ctx
}

func applyOverrides(st *stateWithHeader, ov map[address]accountOverride) error {
	for a, o := range ov {
		addr := types.Address(a)
		if o.State != nil && o.StateDiff != nil {
			return errorf(codeInvalidParams, "account %s has both 'state' and 'stateDiff'", addr)
		}
		if o.State != nil {
			// Replace the storage: a fresh account object has none; keep the rest.
			bal, nonce, code := st.GetBalance(addr), st.GetNonce(addr), st.GetCode(addr)
			st.CreateAccount(addr)
			st.SetBalance(addr, &bal)
			st.SetNonce(addr, nonce)
			st.SetCode(addr, code)
			for k, v := range o.State {
				st.SetState(addr, k, v)
			}
		}
		for k, v := range o.StateDiff {
			st.SetState(addr, k, v)
		}
		if o.Balance != nil {
			st.SetBalance(addr, &o.Balance.Int)
		}
		if o.Nonce != nil {
			st.SetNonce(addr, uint64(*o.Nonce))
		}
		if o.Code != nil {
			st.SetCode(addr, *o.Code)
		}
	}
	st.Commit()
	return nil
}

// executionError is a failed call's JSON-RPC error: code 3 with the revert
// data for a revert (the reason decoded into the message, as geth does),
// -32000 with the failure otherwise.
func executionError(res *transition.Result) *Error {
	if !errors.Is(res.Err, evm.ErrExecutionReverted) {
		return errorf(codeServer, "%v", res.Err)
	}
	msg := "execution reverted"
	if r := abi.DecodeRevert(res.ReturnData, nil); r != nil {
		switch r.Kind {
		case abi.RevertError:
			msg += ": " + r.Message
		case abi.RevertPanic:
			msg += ": " + abi.PanicMeaning(r.Code)
		}
	}
	return &Error{Code: codeReverted, Message: msg, Data: data(res.ReturnData)}
}

// estimateGas finds the least gas with which the call succeeds: a run at
// the cap tells whether it can succeed at all (a revert there is reported
// with its data), then a binary search between the gas that run consumed
// and the cap finds the exact minimum.
func (s *Server) estimateGas(c *callRequest) (uint64, error) {
	c.capExecution = true
	st, err := s.stateAt(c.tag)
	if err != nil {
		return 0, err
	}
	hi := s.callGasCap(st.header.GasLimit, s.chain.ForkAt(st.header.Number, st.header.Time))
	if c.blockOv != nil && c.blockOv.GasLimit != nil {
		hi = min(uint64(*c.blockOv.GasLimit), rpcGasCap)
	}
	if c.args.Gas != nil && uint64(*c.args.Gas) < hi {
		hi = uint64(*c.args.Gas)
	}
	// A priced call cannot use more gas than the sender can pay for.
	if c.args.hasPrice() {
		price := new(uint256.Int)
		switch {
		case c.args.GasPrice != nil:
			price.Set(&c.args.GasPrice.Int)
		case c.args.MaxFeePerGas != nil:
			price.Set(&c.args.MaxFeePerGas.Int)
		}
		if !price.IsZero() {
			bal := st.GetBalance(c.args.from())
			if c.args.Value != nil {
				if bal.Lt(&c.args.Value.Int) {
					return 0, errorf(codeServer, "insufficient funds for transfer")
				}
				bal.Sub(&bal, &c.args.Value.Int)
			}
			allowance := new(uint256.Int).Div(&bal, price)
			if allowance.IsUint64() && allowance.Uint64() < hi {
				hi = allowance.Uint64()
			}
		}
	}
	res, err := s.runCall(c, &hi)
	if err != nil {
		return 0, err
	}
	if res.Err != nil {
		if errors.Is(res.Err, evm.ErrExecutionReverted) {
			return 0, executionError(res)
		}
		return 0, errorf(codeServer, "gas required exceeds allowance (%d)", hi)
	}
	// Below what the run at the cap consumed (before its refund) it fails.
	lo := res.GasUsed + res.Refund - 1
	ok := func(gas uint64) (bool, error) {
		r, err := s.runCall(c, &gas)
		if err != nil {
			if errors.Is(err, transition.ErrIntrinsicGas) || errors.Is(err, transition.ErrGasLimitReached) {
				return false, nil
			}
			return false, err
		}
		return r.Err == nil, nil
	}
	// Most calls need exactly the gas they used: try that first.
	if lo+1 < hi {
		good, err := ok(lo + 1)
		if err != nil {
			return 0, err
		}
		if good {
			return lo + 1, nil
		}
	}
	// Most others succeed at the gas they used plus the 63/64 retained by
	// calls (EIP-150): try that first, which usually settles the top.
	if guess := (res.GasUsed + res.Refund + 2300) * 64 / 63; guess < hi {
		good, err := ok(guess)
		if err != nil {
			return 0, err
		}
		if good {
			hi = guess
		} else {
			lo = guess
		}
	}
	for lo+1 < hi {
		mid := lo + (hi-lo)/2
		good, err := ok(mid)
		if err != nil {
			return 0, err
		}
		if good {
			hi = mid
		} else {
			lo = mid
		}
	}
	return hi, nil
}

// createAccessList runs the call recording every address and slot it
// warms, then again with that list to report the gas it uses (geth's
// eth_createAccessList; the sender, the recipient and precompiles are left
// out, as they are warm anyway).
func (s *Server) createAccessList(c *callRequest) (any, error) {
	type result struct {
		AccessList types.AccessList `json:"accessList"`
		GasUsed    quantity         `json:"gasUsed"`
		Error      string           `json:"error,omitempty"`
	}
	c.capExecution = true
	list, res, err := s.traceAccessList(c)
	if err != nil {
		return nil, err
	}
	c.args.AccessList = &list
	res, err = s.runCall(c, nil)
	if err != nil {
		return nil, err
	}
	out := result{AccessList: list, GasUsed: quantity(res.GasUsed)}
	if res.Err != nil {
		out.Error = executionError(res).Message
	}
	return out, nil
}

func (s *Server) traceAccessList(c *callRequest) (types.AccessList, *transition.Result, error) {
	var rec *accessRecorder
	traced := *c
	traced.wrap = func(st *stateWithHeader) transition.StateDB {
		rec = &accessRecorder{stateWithHeader: st, exclude: map[types.Address]bool{c.args.from(): true, st.header.Coinbase: true}}
		if c.args.To != nil {
			rec.exclude[types.Address(*c.args.To)] = true
		}
		rules := s.chain.ForkAt(st.header.Number, st.header.Time).Rules()
		for _, p := range evm.New(evm.BlockContext{}, evm.TxContext{}, st, rules, evm.Config{}).ActivePrecompiles() {
			rec.exclude[p] = true
		}
		return rec
	}
	res, err := s.runCall(&traced, nil)
	if err != nil {
		return nil, nil, err
	}
	return rec.list(), res, nil
}

// accessRecorder notes every address and slot put on the access list.
type accessRecorder struct {
	*stateWithHeader
	exclude map[types.Address]bool
	order   []types.Address
	slots   map[types.Address][]types.Hash
	seen    map[types.Address]map[types.Hash]bool
}

func (r *accessRecorder) note(addr types.Address) {
	if r.seen == nil {
		r.seen, r.slots = map[types.Address]map[types.Hash]bool{}, map[types.Address][]types.Hash{}
	}
	if r.seen[addr] == nil {
		r.seen[addr] = map[types.Hash]bool{}
		r.order = append(r.order, addr)
	}
}

func (r *accessRecorder) AddAddressToAccessList(addr types.Address) {
	r.note(addr)
	r.stateWithHeader.AddAddressToAccessList(addr)
}

func (r *accessRecorder) AddSlotToAccessList(addr types.Address, slot types.Hash) {
	r.note(addr)
	if !r.seen[addr][slot] {
		r.seen[addr][slot] = true
		r.slots[addr] = append(r.slots[addr], slot)
	}
	r.stateWithHeader.AddSlotToAccessList(addr, slot)
}

func (r *accessRecorder) list() types.AccessList {
	out := types.AccessList{}
	for _, a := range r.order {
		if r.exclude[a] && len(r.slots[a]) == 0 {
			continue
		}
		keys := r.slots[a]
		if keys == nil {
			keys = []types.Hash{}
		}
		out = append(out, types.AccessTuple{Address: a, StorageKeys: keys})
	}
	return out
}

var _ = fmt.Sprint
