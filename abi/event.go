package abi

import (
	"fmt"

	"github.com/goevm/goevm/crypto"
	"github.com/goevm/goevm/types"
)

// indexedCount is the number of the event's indexed parameters.
func (e *Event) indexedCount() int {
	n := 0
	for _, p := range e.Inputs {
		if p.Indexed {
			n++
		}
	}
	return n
}

func (e *Event) dataParams() []Param {
	var ps []Param
	for _, p := range e.Inputs {
		if !p.Indexed {
			ps = append(ps, p)
		}
	}
	return ps
}

// EncodeLog returns the topics and data a contract emitting the event with
// these arguments (in declaration order) logs: topic 0 is the event's
// topic (unless anonymous), then one topic per indexed argument, and data
// is the encoding of the others.
func (e *Event) EncodeLog(args ...any) ([]types.Hash, []byte, error) {
	if len(args) != len(e.Inputs) {
		return nil, nil, fmt.Errorf("%w: %s: %d arguments for %d parameters", ErrValue, e.Signature(), len(args), len(e.Inputs))
	}
	var topics []types.Hash
	if !e.Anonymous {
		topics = append(topics, e.Topic())
	}
	var dataTypes []Type
	var dataValues []any
	for i, p := range e.Inputs {
		if !p.Indexed {
			dataTypes = append(dataTypes, p.Type)
			dataValues = append(dataValues, args[i])
			continue
		}
		h, err := IndexedTopic(p.Type, args[i])
		if err != nil {
			return nil, nil, fmt.Errorf("%s: %w", e.Signature(), inside(i, err))
		}
		topics = append(topics, h)
	}
	data, err := Encode(dataTypes, dataValues)
	if err != nil {
		return nil, nil, fmt.Errorf("%s data: %w", e.Signature(), err)
	}
	return topics, data, nil
}

// IndexedTopic returns the topic an indexed event parameter of type t with
// value v occupies: the value's word for an elementary type, and for
// bytes, string, arrays and tuples the Keccak-256 hash of the in-place
// encoding the ABI specification defines for them ("Encoding of Indexed
// Event Parameters"). Use it to build log filters.
func IndexedTopic(t Type, v any) (types.Hash, error) {
	if err := t.check(); err != nil {
		return types.Hash{}, err
	}
	if t.isElementary() {
		w, err := encodeValue(nil, t, v)
		if err != nil {
			return types.Hash{}, err
		}
		return types.Hash(w), nil
	}
	enc, err := inPlace(nil, t, v, true)
	if err != nil {
		return types.Hash{}, err
	}
	return crypto.Keccak256(enc), nil
}

// inPlace appends the in-place encoding of an indexed value: bytes and
// string as their contents (padded to a word multiple unless top level),
// tuples and arrays as their members' encodings concatenated, without
// lengths or offsets.
func inPlace(dst []byte, t Type, v any, top bool) ([]byte, error) {
	switch t.Kind {
	case KindBytes, KindString:
		b, err := dynamicBytes(t, v)
		if err != nil {
			return nil, err
		}
		dst = append(dst, b...)
		if r := len(b) % 32; !top && r != 0 {
			dst = append(dst, make([]byte, 32-r)...)
		}
		return dst, nil
	case KindArray, KindSlice:
		rv, ok := sequence(v)
		if !ok {
			return nil, valueErr(t, "want a slice or array, got %T", v)
		}
		if t.Kind == KindArray && rv.Len() != t.Size {
			return nil, valueErr(t, "%d elements, want %d", rv.Len(), t.Size)
		}
		for i := range rv.Len() {
			var err error
			if dst, err = inPlace(dst, *t.Elem, rv.Index(i).Interface(), false); err != nil {
				return nil, inside(i, err)
			}
		}
		return dst, nil
	case KindTuple:
		get, n, ok := tupleFields(v)
		if !ok {
			return nil, valueErr(t, "want []any or a struct, got %T", v)
		}
		if n != len(t.Components) {
			return nil, valueErr(t, "%d members, want %d", n, len(t.Components))
		}
		for i, c := range t.Components {
			var err error
			if dst, err = inPlace(dst, c.Type, get(i), false); err != nil {
				return nil, inside(i, err)
			}
		}
		return dst, nil
	}
	return encodeValue(dst, t, v)
}

// DecodeLog decodes a log of this event into its arguments in declaration
// order. An indexed argument of an elementary type is decoded from its
// topic; an indexed bytes, string, array or tuple is only a hash there, and
// is returned as a types.Hash.
func (e *Event) DecodeLog(topics []types.Hash, data []byte) ([]any, error) {
	want := e.indexedCount()
	if !e.Anonymous {
		want++
	}
	if len(topics) != want {
		return nil, fmt.Errorf("%w: %s: %d topics, want %d", ErrTopics, e.Signature(), len(topics), want)
	}
	if !e.Anonymous {
		if topics[0] != e.Topic() {
			return nil, fmt.Errorf("%w: topic 0 is %s, not %s's %s", ErrTopics, topics[0], e.Signature(), e.Topic())
		}
		topics = topics[1:]
	}
	values, err := Decode(paramTypes(e.dataParams()), data)
	if err != nil {
		return nil, fmt.Errorf("%s data: %w", e.Signature(), err)
	}
	out := make([]any, len(e.Inputs))
	for i, p := range e.Inputs {
		if !p.Indexed {
			out[i], values = values[0], values[1:]
			continue
		}
		topic := topics[0]
		topics = topics[1:]
		if !p.Type.isElementary() {
			out[i] = topic
			continue
		}
		if out[i], err = decodeWord(p.Type, topic[:]); err != nil {
			return nil, fmt.Errorf("%s: topic of %s: %w", e.Signature(), p.Name, err)
		}
	}
	return out, nil
}

// IndexedType returns the type a DecodeLog value of this parameter has
// within the ABI: its own type, or bytes32 for an indexed parameter stored
// as a hash. Formatting helpers use it.
func (p Param) IndexedType() Type {
	if p.Indexed && !p.Type.isElementary() {
		return Bytes32Type
	}
	return p.Type
}
