package rpc

import (
	"encoding/json"

	"github.com/goevm/goevm/types"
)

// maxStorageValues bounds the slots of one eth_getStorageValues, as geth
// bounds them.
const maxStorageValues = 1024

// registerStorageValues serves eth_getStorageValues: many slots of many
// accounts at one block, read from one state.
func (s *Server) registerStorageValues() {
	s.methods["eth_getStorageValues"] = func(_ *callCtx, a args) (any, error) {
		var req map[string][]slotKey
		if err := a.need(0, &req); err != nil {
			return nil, err
		}
		tag, err := a.lastBlock(1)
		if err != nil {
			return nil, err
		}
		if len(req) == 0 {
			return nil, errorf(codeInvalidParams, "empty request")
		}
		total := 0
		addrs := make(map[string]types.Address, len(req))
		for k, slots := range req {
			var addr address
			q, _ := json.Marshal(k)
			if err := addr.UnmarshalJSON(q); err != nil {
				return nil, invalidParams(0, err)
			}
			for k2, seen := range addrs {
				if seen == types.Address(addr) {
					return nil, invalidParams(0, errorf(codeInvalidParams, "address %s given twice (%s and %s)", seen, k2, k))
				}
			}
			addrs[k] = types.Address(addr)
			if total += len(slots); total > maxStorageValues {
				return nil, invalidParams(0, errorf(codeInvalidParams, "more than %d storage slots", maxStorageValues))
			}
		}
		st, err := s.stateAt(tag)
		if err != nil {
			return nil, err
		}
		want := make(map[types.Address][]types.Hash, len(req))
		for k, slots := range req {
			for _, slot := range slots {
				want[addrs[k]] = append(want[addrs[k]], types.Hash(slot))
			}
		}
		_ = s.chain.PrefetchRemote(want) // a fork's remote slots in batches; a failure shows in the reads below
		out := make(map[types.Address][]types.Hash, len(req))
		for k, slots := range req {
			vals := make([]types.Hash, len(slots))
			for i, slot := range slots {
				vals[i] = st.GetState(addrs[k], types.Hash(slot))
			}
			out[addrs[k]] = vals
		}
		return out, st.Err()
	}
}
