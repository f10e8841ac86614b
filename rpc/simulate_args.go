package rpc

import (
	"encoding/json"
	"fmt"
	"sort"
)

// Decoding eth_simulateV1's options with errors that say where the bad
// value is ("blockStateCalls[1].calls[0].gas: ..."): encoding/json names
// no field when a value's own decoder refuses it.

func (o *simOpts) UnmarshalJSON(raw []byte) error {
	var top struct {
		BlockStateCalls        []json.RawMessage `json:"blockStateCalls"`
		TraceTransfers         bool              `json:"traceTransfers"`
		Validation             bool              `json:"validation"`
		ReturnFullTransactions bool              `json:"returnFullTransactions"`
	}
	if err := json.Unmarshal(raw, &top); err != nil {
		return fmt.Errorf("%v", jsonError(err))
	}
	*o = simOpts{TraceTransfers: top.TraceTransfers, Validation: top.Validation, ReturnFullTransactions: top.ReturnFullTransactions}
	// The limit is checked before decoding what it bounds.
	if len(top.BlockStateCalls) > maxSimulateBlocks {
		o.BlockStateCalls = make([]simBlock, len(top.BlockStateCalls))
		return nil
	}
	o.BlockStateCalls = make([]simBlock, len(top.BlockStateCalls))
	for i, b := range top.BlockStateCalls {
		if err := o.BlockStateCalls[i].decode(b); err != nil {
			return fmt.Errorf("blockStateCalls[%d].%v", i, err)
		}
	}
	return nil
}

func (b *simBlock) decode(raw json.RawMessage) error {
	var parts struct {
		BlockOverrides json.RawMessage            `json:"blockOverrides"`
		StateOverrides map[string]json.RawMessage `json:"stateOverrides"`
		Calls          []json.RawMessage          `json:"calls"`
	}
	if err := json.Unmarshal(raw, &parts); err != nil {
		return fmt.Errorf("%v", jsonError(err))
	}
	if len(parts.BlockOverrides) > 0 && string(parts.BlockOverrides) != "null" {
		b.BlockOverrides = new(simBlockOverrides)
		if err := decodeNamed(parts.BlockOverrides, b.BlockOverrides, func() any { return new(simBlockOverrides) }); err != nil {
			return fmt.Errorf("blockOverrides%v", err)
		}
	}
	if len(parts.StateOverrides) > 0 {
		b.StateOverrides = make(map[address]simAccountOverride, len(parts.StateOverrides))
		for k, v := range parts.StateOverrides {
			var a address
			if err := a.UnmarshalText([]byte(k)); err != nil {
				return fmt.Errorf("stateOverrides: key %q: %v", k, err)
			}
			var o simAccountOverride
			if err := decodeNamed(v, &o, func() any { return new(simAccountOverride) }); err != nil {
				return fmt.Errorf("stateOverrides[%s]%v", k, err)
			}
			b.StateOverrides[a] = o
		}
	}
	if len(parts.Calls) > maxSimulateCallsPerBlock {
		b.Calls = make([]txArgs, len(parts.Calls)) // refused by the limits check
		return nil
	}
	b.Calls = make([]txArgs, len(parts.Calls))
	for i, c := range parts.Calls {
		if err := decodeNamed(c, &b.Calls[i], func() any { return new(txArgs) }); err != nil {
			return fmt.Errorf("calls[%d]%v", i, err)
		}
	}
	return nil
}

// decodeNamed decodes the object raw into dst; on failure it finds the
// first field (in name order) that fails alone in a fresh value, and
// returns ".field: what is wrong", or ": what is wrong".
func decodeNamed(raw json.RawMessage, dst any, fresh func() any) error {
	err := json.Unmarshal(raw, dst)
	if err == nil {
		return nil
	}
	var fields map[string]json.RawMessage
	if json.Unmarshal(raw, &fields) == nil {
		names := make([]string, 0, len(fields))
		for k := range fields {
			names = append(names, k)
		}
		sort.Strings(names)
		for _, k := range names {
			one, _ := json.Marshal(map[string]json.RawMessage{k: fields[k]})
			if ferr := json.Unmarshal(one, fresh()); ferr != nil {
				return fmt.Errorf(".%s: %v", k, jsonError(ferr))
			}
		}
	}
	return fmt.Errorf(": %v", jsonError(err))
}
