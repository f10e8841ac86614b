package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/goevm/goevm/evm/precompile"
	"github.com/goevm/goevm/internal/inputfile"
	"github.com/goevm/goevm/state"
	"github.com/goevm/goevm/types"
	"github.com/holiman/uint256"
)

// prestate is the --prestate file: either a geth genesis file ({"alloc":
// {...}, "gasLimit", "number", "timestamp", "coinbase", "difficulty",
// "baseFeePerGas", "mixHash", "config": {"chainId"}}), whose block fields
// become defaults as in geth's evm run, or a bare alloc ({address: account}).
type prestate struct {
	Alloc      map[types.Address]prestateAccount `json:"alloc"`
	GasLimit   *quantity                         `json:"gasLimit"`
	Number     *quantity                         `json:"number"`
	Timestamp  *quantity                         `json:"timestamp"`
	Coinbase   *types.Address                    `json:"coinbase"`
	Difficulty *quantity                         `json:"difficulty"`
	BaseFee    *quantity                         `json:"baseFeePerGas"`
	MixHash    *types.Hash                       `json:"mixHash"`
	Config     *struct {
		ChainID *quantity `json:"chainId"`
	} `json:"config"`
}

type prestateAccount struct {
	Balance quantity          `json:"balance"`
	Nonce   quantity          `json:"nonce"`
	Code    types.Bytes       `json:"code"`
	Storage map[string]string `json:"storage"`
}

// quantity is a 256-bit number written as a JSON number, a decimal string
// or a 0x-hex string: genesis files mix all three.
type quantity struct{ uint256.Int }

func (q *quantity) UnmarshalJSON(b []byte) error {
	s := strings.Trim(string(b), `"`)
	if s == "null" {
		return nil
	}
	v, err := types.ParseU256(s)
	if err != nil {
		return err
	}
	q.Int = *v
	return nil
}

func (q *quantity) uint64(name string) (uint64, error) {
	if !q.IsUint64() {
		return 0, fmt.Errorf("%s %s does not fit in 64 bits", name, q.Dec())
	}
	return q.Uint64(), nil
}

func loadPrestate(path string, maxInput int64) (*prestate, error) {
	raw, err := inputfile.Read(path, maxInput)
	if err != nil {
		return nil, err
	}
	var top map[string]json.RawMessage
	if err := json.Unmarshal(raw, &top); err != nil {
		return nil, jsonError(path, raw, err)
	}
	p := new(prestate)
	if _, isGenesis := top["alloc"]; isGenesis {
		err = json.Unmarshal(raw, p)
	} else {
		err = json.Unmarshal(raw, &p.Alloc)
	}
	if err != nil {
		return nil, jsonError(path, raw, err)
	}
	return p, nil
}

// jsonError names the file and, for syntax and type errors, the line and
// column where decoding stopped.
func jsonError(path string, raw []byte, err error) error {
	var off int64 = -1
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		off = se.Offset
	case errors.As(err, &te):
		off = te.Offset
	}
	if off < 0 {
		return fmt.Errorf("%s: %w", path, err)
	}
	line := 1 + bytes.Count(raw[:off], []byte("\n"))
	col := int(off) - bytes.LastIndexByte(raw[:off], '\n')
	return fmt.Errorf("%s:%d:%d: %w", path, line, col, err)
}

// apply writes the accounts into db.
func (p *prestate) apply(db *state.Memory) error {
	for addr, acc := range p.Alloc {
		nonce, err := acc.Nonce.uint64("nonce")
		if err != nil {
			return fmt.Errorf("prestate account %s: %w", addr, err)
		}
		db.CreateAccount(addr)
		db.SetBalance(addr, &acc.Balance.Int)
		db.SetNonce(addr, nonce)
		if len(acc.Code) > 0 {
			db.SetCode(addr, acc.Code)
		}
		for k, v := range acc.Storage {
			key, err := types.ParseU256(k)
			if err != nil {
				return fmt.Errorf("prestate account %s: storage key: %w", addr, err)
			}
			val, err := types.ParseU256(v)
			if err != nil {
				return fmt.Errorf("prestate account %s: storage value at %s: %w", addr, k, err)
			}
			db.SetState(addr, types.Hash(key.Bytes32()), types.Hash(val.Bytes32()))
		}
	}
	return nil
}

// noCodeNote explains a call that will run no code because the receiver
// has none (neither --code nor the prestate gave it any, and it is no
// precompile): the run then only moves the value, and its empty output
// and zero gas would otherwise look like a contract that returned nothing.
func (env *runEnv) noCodeNote(db *state.Memory) string {
	if env.create || len(db.GetCode(env.receiver)) > 0 {
		return ""
	}
	rules := env.fork.Rules()
	if _, ok := precompile.ForFork(&rules)[env.receiver]; ok {
		return ""
	}
	where := "no --code, --codefile or code argument was given"
	if env.pre != nil {
		where = "the prestate gives it none and no --code was given"
	}
	return fmt.Sprintf("no code ran: the receiver %s has no code (%s)", env.receiver.Hex(), where)
}
