package rpc

import (
	"bytes"
	"compress/gzip"
	"encoding/hex"
	"encoding/json"
	"errors"

	"github.com/goevm/goevm/chain"
)

// State dumps and resets, as anvil serves them: anvil_dumpState returns
// the state as hex of gzip-compressed JSON (chain.DumpState's format),
// anvil_loadState takes that or uncompressed JSON, and anvil_reset (and
// hardhat_reset) go back to genesis.

func (s *Server) registerDevState() {
	m := s.methods
	m["anvil_dumpState"] = func(_ *callCtx, a args) (any, error) {
		// anvil's optional preserveHistoricalStates: there are no
		// historical states in the dump, so it changes nothing.
		var preserve bool
		if _, err := a.get(0, &preserve); err != nil {
			return nil, err
		}
		var buf bytes.Buffer
		zw := gzip.NewWriter(&buf)
		if err := s.chain.DumpState(zw); err != nil {
			return nil, err
		}
		if err := zw.Close(); err != nil {
			return nil, err
		}
		return hexString(buf.Bytes()), nil
	}
	m["anvil_loadState"] = func(_ *callCtx, a args) (any, error) {
		var dump data
		if err := a.need(0, &dump); err != nil {
			return nil, err
		}
		r, err := chain.DumpReader(bytes.NewReader(dump))
		if err != nil {
			return nil, invalidParams(0, err)
		}
		if _, err := s.chain.LoadState(r); err != nil {
			if errors.Is(err, chain.ErrBadDump) {
				return nil, invalidParams(0, err)
			}
			return nil, err
		}
		return true, nil
	}
	reset := func(_ *callCtx, a args) (any, error) {
		if err := a.count(0, 1); err != nil {
			return nil, err
		}
		var opts struct {
			Forking *struct {
				JSONRPCURL  string    `json:"jsonRpcUrl"`
				BlockNumber *flexUint `json:"blockNumber"`
			} `json:"forking"`
		}
		if _, err := a.get(0, &opts); err != nil {
			return nil, err
		}
		var ro chain.ResetOptions
		if f := opts.Forking; f != nil {
			ro.Forking = &chain.ResetForking{URL: f.JSONRPCURL}
			if f.BlockNumber != nil {
				n := uint64(*f.BlockNumber)
				ro.Forking.BlockNumber = &n
			}
		}
		if err := s.chain.Reset(ro); err != nil {
			return nil, err
		}
		return true, nil
	}
	m["anvil_reset"] = reset
	m["hardhat_reset"] = reset
}

// hexString is bytes as a 0x-prefixed hex JSON string, encoded without the
// copy data's MarshalText would make through a []byte of text.
type hexString []byte

func (h hexString) MarshalJSON() ([]byte, error) {
	out := make([]byte, 3+2*len(h)+1)
	copy(out, `"0x`)
	hex.Encode(out[3:], h)
	out[len(out)-1] = '"'
	return out, nil
}

var _ json.Marshaler = hexString(nil)
