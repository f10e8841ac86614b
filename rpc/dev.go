package rpc

import (
	"encoding/json"
	"fmt"
	"strconv"
	"time"

	"github.com/goevm/goevm/types"
)

// flexUint is a number as the dev methods take it: a JSON number, or a
// hex or decimal string (hardhat and anvil accept all three).
type flexUint uint64

func (f *flexUint) UnmarshalJSON(b []byte) error {
	if len(b) > 0 && b[0] != '"' {
		v, err := strconv.ParseUint(string(b), 10, 64)
		if err != nil {
			return fmt.Errorf("want a non-negative integer, got %s", short(string(b)))
		}
		*f = flexUint(v)
		return nil
	}
	s, err := unquote(b)
	if err != nil {
		return err
	}
	if len(s) > 2 && (s[:2] == "0x" || s[:2] == "0X") {
		v, err := strconv.ParseUint(s[2:], 16, 64)
		if err != nil {
			return fmt.Errorf("want a hex number below 2^64, got %q", short(s))
		}
		*f = flexUint(v)
		return nil
	}
	v, err := strconv.ParseUint(s, 10, 64)
	if err != nil {
		return fmt.Errorf("want a number, got %q", short(s))
	}
	*f = flexUint(v)
	return nil
}

func (s *Server) registerDev() {
	s.registerTesting()
	s.registerDevState()
	m := s.methods
	m["evm_snapshot"] = func(*callCtx, args) (any, error) { return quantity(s.chain.Snapshot()), nil }
	m["evm_revert"] = func(_ *callCtx, a args) (any, error) {
		var id flexUint
		if err := a.need(0, &id); err != nil {
			return nil, err
		}
		return s.chain.Revert(uint64(id))
	}
	m["evm_mine"] = func(_ *callCtx, a args) (any, error) {
		var ts *uint64
		blocks := uint64(1)
		if len(a) > 0 && len(a[0]) > 0 && a[0][0] == '{' {
			var opts struct {
				Timestamp *flexUint `json:"timestamp"`
				Blocks    *flexUint `json:"blocks"`
			}
			if err := json.Unmarshal(a[0], &opts); err != nil {
				return nil, invalidParams(0, err)
			}
			if opts.Timestamp != nil {
				t := uint64(*opts.Timestamp)
				ts = &t
			}
			if opts.Blocks != nil {
				blocks = uint64(*opts.Blocks)
				if blocks > 1_000_000 {
					return nil, invalidParams(0, fmt.Errorf("%d blocks: at most 1,000,000 at once", blocks))
				}
			}
		} else {
			var t flexUint
			if ok, err := a.get(0, &t); err != nil {
				return nil, err
			} else if ok {
				v := uint64(t)
				ts = &v
			}
		}
		if ts != nil && *ts <= s.chain.Head().Header.Time {
			return nil, errorf(codeServer, "timestamp %d is not after the head block's %d", *ts, s.chain.Head().Header.Time)
		}
		return "0x0", s.mine(blocks, 1, ts)
	}
	mineN := func(_ *callCtx, a args) (any, error) {
		blocks, interval := flexUint(1), flexUint(1)
		if _, err := a.get(0, &blocks); err != nil {
			return nil, err
		}
		if _, err := a.get(1, &interval); err != nil {
			return nil, err
		}
		if blocks > 1_000_000 {
			return nil, invalidParams(0, fmt.Errorf("%d blocks: at most 1,000,000 at once", blocks))
		}
		return nil, s.mine(uint64(blocks), uint64(interval), nil)
	}
	m["evm_increaseTime"] = func(_ *callCtx, a args) (any, error) {
		var secs flexUint
		if err := a.need(0, &secs); err != nil {
			return nil, err
		}
		return s.chain.IncreaseTime(uint64(secs)), nil
	}
	m["evm_setNextBlockTimestamp"] = func(_ *callCtx, a args) (any, error) {
		var t flexUint
		if err := a.need(0, &t); err != nil {
			return nil, err
		}
		return nil, s.chain.SetNextBlockTimestamp(uint64(t))
	}
	m["evm_setAutomine"] = func(_ *callCtx, a args) (any, error) {
		var on bool
		if err := a.need(0, &on); err != nil {
			return nil, err
		}
		s.chain.SetAutomine(on)
		return true, nil
	}
	getAutomine := func(*callCtx, args) (any, error) { return s.chain.Automine(), nil }
	m["evm_setIntervalMining"] = func(_ *callCtx, a args) (any, error) {
		var ms flexUint
		if err := a.need(0, &ms); err != nil {
			return nil, err
		}
		s.chain.SetIntervalMining(time.Duration(ms) * time.Millisecond)
		return true, nil
	}
	setBalance := func(_ *callCtx, a args) (any, error) {
		var addr address
		var v big
		if err := a.need(0, &addr); err != nil {
			return nil, err
		}
		if err := a.need(1, &v); err != nil {
			return nil, err
		}
		return true, s.chain.SetBalance(types.Address(addr), &v.Int)
	}
	setCode := func(_ *callCtx, a args) (any, error) {
		var addr address
		var code data
		if err := a.need(0, &addr); err != nil {
			return nil, err
		}
		if err := a.need(1, &code); err != nil {
			return nil, err
		}
		return true, s.chain.SetCode(types.Address(addr), code)
	}
	setNonce := func(_ *callCtx, a args) (any, error) {
		var addr address
		var n flexUint
		if err := a.need(0, &addr); err != nil {
			return nil, err
		}
		if err := a.need(1, &n); err != nil {
			return nil, err
		}
		return true, s.chain.SetNonce(types.Address(addr), uint64(n))
	}
	setStorage := func(_ *callCtx, a args) (any, error) {
		var addr address
		var slot slotKey
		var v slotKey
		if err := a.need(0, &addr); err != nil {
			return nil, err
		}
		if err := a.need(1, &slot); err != nil {
			return nil, err
		}
		if err := a.need(2, &v); err != nil {
			return nil, err
		}
		return true, s.chain.SetStorageAt(types.Address(addr), types.Hash(slot), types.Hash(v))
	}
	impersonate := func(on bool) methodFunc {
		return func(_ *callCtx, a args) (any, error) {
			var addr address
			if err := a.need(0, &addr); err != nil {
				return nil, err
			}
			s.chain.Impersonate(types.Address(addr), on)
			return true, nil
		}
	}
	for _, p := range []string{"anvil_", "hardhat_"} {
		m[p+"mine"] = mineN
		m[p+"setBalance"] = setBalance
		m[p+"setCode"] = setCode
		m[p+"setNonce"] = setNonce
		m[p+"setStorageAt"] = setStorage
		m[p+"impersonateAccount"] = impersonate(true)
		m[p+"stopImpersonatingAccount"] = impersonate(false)
		m[p+"getAutomine"] = getAutomine
	}
	m["anvil_setAutomine"] = m["evm_setAutomine"]
	m["anvil_setIntervalMining"] = func(c *callCtx, a args) (any, error) {
		var secs flexUint
		if err := a.need(0, &secs); err != nil {
			return nil, err
		}
		s.chain.SetIntervalMining(time.Duration(secs) * time.Second)
		return true, nil
	}
	m["hardhat_metadata"] = func(*callCtx, args) (any, error) {
		h := s.chain.Head()
		return map[string]any{
			"clientVersion": s.version, "chainId": s.chain.Config().ChainID, "instanceId": h.Hash(),
			"latestBlockNumber": h.Header.Number, "latestBlockHash": h.Hash(),
		}, nil
	}
}

// mine mines blocks and logs their transactions.
func (s *Server) mine(blocks, interval uint64, ts *uint64) error {
	_, err := s.chain.Mine(blocks, interval, ts)
	return err
}
