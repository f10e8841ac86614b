package rpc

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/goevm/goevm/types"
)

// args are a request's positional parameters.
type args []json.RawMessage

// splitParams accepts a JSON array or nothing (null, absent).
func splitParams(p json.RawMessage) (args, error) {
	p = bytes.TrimSpace(p)
	if len(p) == 0 || string(p) == "null" {
		return nil, nil
	}
	if p[0] != '[' {
		return nil, errorf(codeInvalidParams, "invalid params: want a JSON array of positional parameters")
	}
	var a args
	if err := json.Unmarshal(p, &a); err != nil {
		return nil, errorf(codeInvalidParams, "invalid params: %v", err)
	}
	return a, nil
}

// count checks the number of parameters: at least min, at most max.
func (a args) count(min, max int) error {
	if len(a) < min {
		return errorf(codeInvalidParams, "missing value for required argument %d", len(a))
	}
	if len(a) > max {
		return errorf(codeInvalidParams, "too many arguments, want at most %d", max)
	}
	return nil
}

// get decodes argument i into dst; a missing or null optional argument
// leaves dst alone and reports false.
func (a args) get(i int, dst any) (bool, error) {
	if i >= len(a) || string(bytes.TrimSpace(a[i])) == "null" {
		return false, nil
	}
	if err := json.Unmarshal(a[i], dst); err != nil {
		return false, invalidParams(i, jsonError(err))
	}
	return true, nil
}

// need decodes a required argument i.
func (a args) need(i int, dst any) error {
	ok, err := a.get(i, dst)
	if err == nil && !ok {
		err = errorf(codeInvalidParams, "missing value for required argument %d", i)
	}
	return err
}

// jsonError rephrases encoding/json's type errors to name the field.
func jsonError(err error) error {
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		if te.Field != "" {
			return fmt.Errorf("field %q: cannot unmarshal JSON %s into %s", te.Field, te.Value, te.Type)
		}
		return fmt.Errorf("cannot unmarshal JSON %s into %s", te.Value, te.Type)
	}
	return err
}

// lastBlock reads the block parameter at position i, the last one a
// method takes: latest when it is absent or null, and no argument after it.
func (a args) lastBlock(i int) (blockTag, error) {
	tag := latest
	if _, err := a.get(i, &tag); err != nil {
		return tag, err
	}
	return tag, a.count(i, i+1)
}

// blockTag is a block parameter: a number, a tag, or (EIP-1898) an object
// naming a block by hash or number.
type blockTag struct {
	tag    string // "latest", "earliest", "pending", "safe", "finalized", or ""
	number uint64
	hash   *types.Hash
}

func (b *blockTag) UnmarshalJSON(raw []byte) error {
	*b = blockTag{} // callers pass a default (latest) to be overwritten
	raw = bytes.TrimSpace(raw)
	if len(raw) > 0 && raw[0] == '{' {
		var obj struct {
			BlockHash   *hash     `json:"blockHash"`
			BlockNumber *blockTag `json:"blockNumber"`
		}
		if err := json.Unmarshal(raw, &obj); err != nil {
			return err
		}
		switch {
		case obj.BlockHash != nil && obj.BlockNumber != nil:
			return errors.New("cannot specify both blockHash and blockNumber, choose one or the other")
		case obj.BlockHash != nil:
			h := types.Hash(*obj.BlockHash)
			b.hash = &h
		case obj.BlockNumber != nil:
			*b = *obj.BlockNumber
		default:
			return errors.New("want blockHash or blockNumber")
		}
		return nil
	}
	s, err := unquote(raw)
	if err != nil {
		return errors.New("want a block number, tag or {blockHash}")
	}
	switch s {
	case "latest", "earliest", "pending", "safe", "finalized":
		b.tag = s
		return nil
	}
	if len(s) == 66 && (s[:2] == "0x" || s[:2] == "0X") {
		// a 32-byte hex string is a block hash (geth's BlockNumberOrHash;
		// execution-apis get-balance-blockhash.io)
		var h hash
		if err := h.UnmarshalJSON(raw); err != nil {
			return err
		}
		hh := types.Hash(h)
		b.hash = &hh
		return nil
	}
	var q quantity
	if err := q.UnmarshalJSON(raw); err != nil {
		return fmt.Errorf("block %q: want latest, earliest, pending, safe, finalized or a hex number: %w", short(s), err)
	}
	b.number = uint64(q)
	return nil
}

var latest = blockTag{tag: "latest"}

// newest reports whether the tag names the newest state (latest, pending,
// safe, finalized: the head plus dev edits made since) rather than one
// block's.
func (b blockTag) newest() bool { return b.hash == nil && b.tag != "" && b.tag != "earliest" }
