package abi

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"github.com/goevm/goevm/types"
)

// ABI is a contract's interface: what solc writes with --abi.
type ABI struct {
	Constructor *Function
	Fallback    *Function
	Receive     *Function
	Functions   []*Function
	Events      []*Event
	Errors      []*Error
}

// jsonParam and jsonItem are the JSON ABI's shapes, with solc's field
// names in solc's (alphabetical) order.
type jsonParam struct {
	Components   []jsonParam `json:"components,omitempty"`
	Indexed      *bool       `json:"indexed,omitempty"`
	InternalType string      `json:"internalType,omitempty"`
	Name         string      `json:"name"`
	Type         string      `json:"type"`
}

type jsonItem struct {
	Anonymous       *bool       `json:"anonymous,omitempty"`
	Inputs          []jsonParam `json:"inputs,omitempty"`
	Name            string      `json:"name,omitempty"`
	Outputs         []jsonParam `json:"outputs,omitempty"`
	StateMutability string      `json:"stateMutability,omitempty"`
	Type            string      `json:"type"`
	// Before Solidity 0.5 (kept for reading old files).
	Constant *bool `json:"constant,omitempty"`
	Payable  *bool `json:"payable,omitempty"`
}

// ParseJSON reads a JSON ABI: the array solc --abi writes, an object with
// an "abi" member holding one (Foundry and Hardhat artifacts), or solc
// --combined-json output with one contract (whose "abi" older solc wrote
// as a string holding the array).
func ParseJSON(data []byte) (*ABI, error) {
	data = bytes.TrimSpace(data)
	if len(data) > 0 && data[0] == '{' {
		var wrap struct {
			ABI       json.RawMessage `json:"abi"`
			Contracts map[string]struct {
				ABI json.RawMessage `json:"abi"`
			} `json:"contracts"`
		}
		if err := json.Unmarshal(data, &wrap); err != nil {
			return nil, fmt.Errorf("%w: JSON ABI: %v", ErrSyntax, err)
		}
		if len(wrap.ABI) == 0 && len(wrap.Contracts) == 1 {
			// solc --combined-json abi with one contract.
			for _, c := range wrap.Contracts {
				wrap.ABI = c.ABI
			}
		}
		if len(wrap.ABI) == 0 {
			names := make([]string, 0, len(wrap.Contracts))
			for n := range wrap.Contracts {
				names = append(names, n)
			}
			sort.Strings(names)
			if len(names) > 1 {
				return nil, fmt.Errorf("%w: JSON ABI: %d contracts (%s); extract one", ErrSyntax, len(names), strings.Join(names, ", "))
			}
			return nil, fmt.Errorf("%w: JSON ABI: an object without an \"abi\" member", ErrSyntax)
		}
		data = wrap.ABI
		var s string
		if json.Unmarshal(data, &s) == nil {
			data = []byte(s)
		}
	}
	var items []jsonItem
	if err := json.Unmarshal(data, &items); err != nil {
		return nil, fmt.Errorf("%w: JSON ABI: %v", ErrSyntax, err)
	}
	a := &ABI{}
	for i, it := range items {
		if err := a.addJSON(it); err != nil {
			return nil, fmt.Errorf("JSON ABI entry %d (%s %s): %w", i, it.Type, it.Name, err)
		}
	}
	return a, nil
}

func (a *ABI) addJSON(it jsonItem) error {
	inputs, err := paramsFromJSON(it.Inputs)
	if err != nil {
		return err
	}
	switch it.Type {
	case "event":
		a.Events = append(a.Events, &Event{Name: it.Name, Inputs: inputs, Anonymous: it.Anonymous != nil && *it.Anonymous})
		return nil
	case "error":
		a.Errors = append(a.Errors, &Error{Name: it.Name, Inputs: inputs})
		return nil
	case "", TypeFunction, TypeConstructor, TypeFallback, TypeReceive:
	default:
		return fmt.Errorf("%w: unknown entry type %q", ErrSyntax, it.Type)
	}
	outputs, err := paramsFromJSON(it.Outputs)
	if err != nil {
		return err
	}
	f := &Function{Type: it.Type, Name: it.Name, Inputs: inputs, Outputs: outputs, StateMutability: it.StateMutability}
	if f.Type == "" {
		f.Type = TypeFunction
	}
	if f.StateMutability == "" {
		switch {
		case it.Payable != nil && *it.Payable:
			f.StateMutability = "payable"
		case it.Constant != nil && *it.Constant:
			f.StateMutability = "view"
		default:
			f.StateMutability = "nonpayable"
		}
	}
	a.addFunction(f)
	return nil
}

// addFunction puts f where its type says, from a JSON ABI or a
// human-readable declaration alike: the constructor, fallback and receive
// functions have a field each (a later one replaces an earlier one), the
// others are listed.
func (a *ABI) addFunction(f *Function) {
	switch f.Type {
	case TypeConstructor:
		a.Constructor = f
	case TypeFallback:
		a.Fallback = f
	case TypeReceive:
		a.Receive = f
	default:
		a.Functions = append(a.Functions, f)
	}
}

func paramsFromJSON(js []jsonParam) ([]Param, error) {
	out := make([]Param, len(js))
	for i, j := range js {
		t, err := typeFromJSON(j)
		if err != nil {
			return nil, fmt.Errorf("parameter %d (%s): %w", i, j.Name, err)
		}
		out[i] = Param{Name: j.Name, Type: t, Indexed: j.Indexed != nil && *j.Indexed, InternalType: j.InternalType}
	}
	return out, nil
}

// typeFromJSON builds a type from "type" and, for "tuple...", "components".
func typeFromJSON(j jsonParam) (Type, error) {
	suffix, isTuple := strings.CutPrefix(j.Type, "tuple")
	if !isTuple {
		return ParseType(j.Type)
	}
	comps, err := paramsFromJSON(j.Components)
	if err != nil {
		return Type{}, err
	}
	// Parse the array suffix on a placeholder element, then put the tuple in.
	shape, err := ParseType("bool" + suffix)
	if err != nil {
		return Type{}, err
	}
	tuple := Type{Kind: KindTuple, Components: comps}
	t := replaceLeaf(shape, tuple)
	if err := t.check(); err != nil {
		return Type{}, err
	}
	return t, nil
}

func replaceLeaf(shape, leaf Type) Type {
	if shape.Kind != KindArray && shape.Kind != KindSlice {
		return leaf
	}
	e := replaceLeaf(*shape.Elem, leaf)
	shape.Elem = &e
	return shape
}

func paramsToJSON(ps []Param, event bool) []jsonParam {
	out := make([]jsonParam, len(ps))
	for i, p := range ps {
		j := jsonParam{Name: p.Name, InternalType: p.InternalType}
		leaf := p.Type
		suffix := ""
		for leaf.Kind == KindArray || leaf.Kind == KindSlice {
			if leaf.Kind == KindSlice {
				suffix = "[]" + suffix
			} else {
				suffix = fmt.Sprintf("[%d]", leaf.Size) + suffix
			}
			leaf = *leaf.Elem
		}
		if leaf.Kind == KindTuple {
			j.Type = "tuple" + suffix
			j.Components = paramsToJSON(leaf.Components, false)
			if j.Components == nil {
				j.Components = []jsonParam{}
			}
		} else {
			j.Type = p.Type.String()
		}
		if event {
			indexed := p.Indexed
			j.Indexed = &indexed
		}
		out[i] = j
	}
	return out
}

// MarshalJSON writes the ABI as solc does: constructor, functions, events,
// errors, fallback and receive, each with solc's fields in solc's
// (alphabetical) order.
func (a *ABI) MarshalJSON() ([]byte, error) {
	items := []map[string]any{}
	fn := func(f *Function) {
		sm := f.StateMutability
		if sm == "" {
			sm = "nonpayable"
		}
		it := map[string]any{"type": f.Type, "stateMutability": sm}
		switch f.Type {
		case TypeFallback, TypeReceive:
		case TypeConstructor:
			it["inputs"] = paramsToJSON(f.Inputs, false)
		default:
			it["type"] = TypeFunction
			it["name"] = f.Name
			it["inputs"] = paramsToJSON(f.Inputs, false)
			it["outputs"] = paramsToJSON(f.Outputs, false)
		}
		items = append(items, it)
	}
	if a.Constructor != nil {
		fn(a.Constructor)
	}
	for _, f := range a.Functions {
		fn(f)
	}
	for _, e := range a.Events {
		items = append(items, map[string]any{"type": "event", "name": e.Name, "anonymous": e.Anonymous, "inputs": paramsToJSON(e.Inputs, true)})
	}
	for _, e := range a.Errors {
		items = append(items, map[string]any{"type": "error", "name": e.Name, "inputs": paramsToJSON(e.Inputs, false)})
	}
	if a.Fallback != nil {
		fn(a.Fallback)
	}
	if a.Receive != nil {
		fn(a.Receive)
	}
	return json.Marshal(items)
}

// UnmarshalJSON reads a JSON ABI (see ParseJSON).
func (a *ABI) UnmarshalJSON(data []byte) error {
	b, err := ParseJSON(data)
	if err != nil {
		return err
	}
	*a = *b
	return nil
}

// ParseHuman builds an ABI from human-readable declarations, one per
// string, as ethers writes them: "function transfer(address to, uint256
// amount) returns (bool)", "event Transfer(address indexed from, address
// indexed to, uint256 value)", "error Insufficient(uint256,uint256)",
// "constructor(string name)". A declaration without a keyword is a
// function.
func ParseHuman(decls ...string) (*ABI, error) {
	a := &ABI{}
	for _, d := range decls {
		if strings.TrimSpace(d) == "" {
			continue
		}
		it, err := ParseSignature(d)
		if err != nil {
			return nil, err
		}
		switch x := it.(type) {
		case *Event:
			a.Events = append(a.Events, x)
		case *Error:
			a.Errors = append(a.Errors, x)
		case *Function:
			a.addFunction(x)
		}
	}
	return a, nil
}

// Function finds a function by name, or by signature when the name is
// overloaded ("f(uint256)"); a name that matches several is an error.
func (a *ABI) Function(nameOrSig string) (*Function, error) {
	var found *Function
	for _, f := range a.Functions {
		if f.Signature() == nameOrSig {
			return f, nil
		}
		if f.Name == nameOrSig {
			if found != nil {
				return nil, fmt.Errorf("%w: function %q is overloaded; give its signature (%s or %s)", ErrNotFound, nameOrSig, found.Signature(), f.Signature())
			}
			found = f
		}
	}
	if found == nil {
		return nil, fmt.Errorf("%w: no function %q", ErrNotFound, nameOrSig)
	}
	return found, nil
}

// FunctionBySelector finds the function calldata starting with sel calls.
func (a *ABI) FunctionBySelector(sel Selector) (*Function, error) {
	for _, f := range a.Functions {
		if f.Selector() == sel {
			return f, nil
		}
	}
	return nil, fmt.Errorf("%w: no function with selector %s", ErrNotFound, sel)
}

// Event finds an event by name or signature.
func (a *ABI) Event(nameOrSig string) (*Event, error) {
	for _, e := range a.Events {
		if e.Name == nameOrSig || e.Signature() == nameOrSig {
			return e, nil
		}
	}
	return nil, fmt.Errorf("%w: no event %q", ErrNotFound, nameOrSig)
}

// EventByTopic finds the (non-anonymous) event whose topic 0 is topic.
func (a *ABI) EventByTopic(topic types.Hash) (*Event, error) {
	for _, e := range a.Events {
		if !e.Anonymous && e.Topic() == topic {
			return e, nil
		}
	}
	return nil, fmt.Errorf("%w: no event with topic %s", ErrNotFound, topic)
}

// ErrorBySelector finds the custom error revert data starting with sel
// encodes; Error(string) and Panic(uint256) are always known.
func (a *ABI) ErrorBySelector(sel Selector) (*Error, error) {
	for _, e := range a.Errors {
		if e.Selector() == sel {
			return e, nil
		}
	}
	for _, e := range []*Error{ErrorString, PanicError} {
		if e.Selector() == sel {
			return e, nil
		}
	}
	return nil, fmt.Errorf("%w: no error with selector %s", ErrNotFound, sel)
}

// DecodeLog finds a log's event by its topic 0 and decodes it.
func (a *ABI) DecodeLog(log *types.Log) (*Event, []any, error) {
	if len(log.Topics) == 0 {
		return nil, nil, fmt.Errorf("%w: a log without topics (anonymous events cannot be looked up)", ErrNotFound)
	}
	e, err := a.EventByTopic(log.Topics[0])
	if err != nil {
		return nil, nil, err
	}
	v, err := e.DecodeLog(log.Topics, log.Data)
	return e, v, err
}

// DecodeCall finds calldata's function by its selector and decodes the arguments.
func (a *ABI) DecodeCall(calldata []byte) (*Function, []any, error) {
	if len(calldata) < 4 {
		return nil, nil, fmt.Errorf("%w: %d bytes of calldata, no selector", ErrShortData, len(calldata))
	}
	f, err := a.FunctionBySelector(Selector(calldata[:4]))
	if err != nil {
		return nil, nil, err
	}
	v, err := f.DecodeCall(calldata)
	return f, v, err
}
