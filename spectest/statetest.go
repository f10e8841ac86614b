// Package spectest runs the Ethereum conformance fixtures: state tests,
// transaction tests, blockchain tests. It only drives the pipeline
// (transition, evm, state); it holds no consensus rules of its own.
package spectest

import (
	"encoding/json"
	"fmt"

	"github.com/goevm/goevm/internal/inputfile"
	"github.com/goevm/goevm/types"
)

// StateTest is one test of a GeneralStateTests-format file: a pre-state, a
// transaction template whose data, gas and value are arrays, and per fork a
// list of expected outcomes, each picking one entry of each array.
type StateTest struct {
	Env         stEnv               `json:"env"`
	Pre         Alloc               `json:"pre"`
	Transaction stTransaction       `json:"transaction"`
	Post        map[string][]stPost `json:"post"`
	Config      stConfig            `json:"config"`
	Info        json.RawMessage     `json:"_info"`
}

// Alloc is a world state as the fixtures write it.
type Alloc map[types.Address]AllocAccount

// UnmarshalJSON reads the accounts. Their addresses may omit the 0x prefix,
// as geth's alloc files write them (its GenesisAlloc reads its keys as
// common.UnprefixedAddress); every other byte field needs the prefix.
func (a *Alloc) UnmarshalJSON(b []byte) error {
	var raw map[string]AllocAccount
	if err := json.Unmarshal(b, &raw); err != nil {
		return err
	}
	out := make(Alloc, len(raw))
	for k, acc := range raw {
		addr, err := allocAddress(k)
		if err != nil {
			return fmt.Errorf("account address: %w", err)
		}
		out[addr] = acc
	}
	*a = out
	return nil
}

func allocAddress(k string) (types.Address, error) {
	b, err := types.DecodeHexNoPrefix(k)
	if err != nil {
		return types.Address{}, err
	}
	if len(b) != types.AddressLength {
		return types.Address{}, &types.ParseError{Input: k, Pos: -1, Msg: fmt.Sprintf("%d bytes; want an address of %d bytes", len(b), types.AddressLength)}
	}
	return types.BytesToAddress(b), nil
}

// AllocAccount is one account of an Alloc.
type AllocAccount struct {
	Balance types.U256        `json:"balance"`
	Nonce   types.Uint64      `json:"nonce"`
	Code    types.Bytes       `json:"code"`
	Storage map[string]string `json:"storage"`
}

type stEnv struct {
	Coinbase      types.Address `json:"currentCoinbase"`
	GasLimit      string        `json:"currentGasLimit"`
	Number        string        `json:"currentNumber"`
	Timestamp     string        `json:"currentTimestamp"`
	Difficulty    string        `json:"currentDifficulty"`
	Random        *types.Hash   `json:"currentRandom"`
	BaseFee       string        `json:"currentBaseFee"`
	ExcessBlobGas string        `json:"currentExcessBlobGas"`
	SlotNumber    string        `json:"slotNumber"` // EIP-7843, geth's state-test name
}

// stTransaction keeps quantities as strings: a fixture may hold a value that
// does not fit (ValueOverflow tests), which must make that one case's
// transaction invalid, not the whole file unreadable.
type stTransaction struct {
	Data                 []string            `json:"data"`
	GasLimit             []string            `json:"gasLimit"`
	Value                []string            `json:"value"`
	Nonce                string              `json:"nonce"`
	To                   string              `json:"to"`
	GasPrice             *string             `json:"gasPrice"`
	MaxFeePerGas         *string             `json:"maxFeePerGas"`
	MaxPriorityFeePerGas *string             `json:"maxPriorityFeePerGas"`
	MaxFeePerBlobGas     *string             `json:"maxFeePerBlobGas"`
	AccessLists          []*types.AccessList `json:"accessLists"`
	BlobVersionedHashes  *[]types.Hash       `json:"blobVersionedHashes"`
	AuthorizationList    *[]stAuthorization  `json:"authorizationList"`
	SecretKey            types.Bytes         `json:"secretKey"`
	Sender               *types.Address      `json:"sender"`
}

type stAuthorization struct {
	ChainID string        `json:"chainId"`
	Address types.Address `json:"address"`
	Nonce   string        `json:"nonce"`
	V       string        `json:"v"`
	R       string        `json:"r"`
	S       string        `json:"s"`
}

type stPost struct {
	Root            types.Hash  `json:"hash"`
	Logs            types.Hash  `json:"logs"`
	TxBytes         types.Bytes `json:"txbytes"`
	ExpectException string      `json:"expectException"`
	Indexes         stIndexes   `json:"indexes"`
}

type stIndexes struct {
	Data  int `json:"data"`
	Gas   int `json:"gas"`
	Value int `json:"value"`
}

type stConfig struct {
	ChainID      string                    `json:"chainid"`
	BlobSchedule map[string]stBlobSchedule `json:"blobSchedule"`
}

type stBlobSchedule struct {
	Target         types.Uint64 `json:"target"`
	Max            types.Uint64 `json:"max"`
	UpdateFraction types.Uint64 `json:"baseFeeUpdateFraction"`
}

// ReadStateTests reads a state-test file: a JSON object of named tests.
func ReadStateTests(path string) (map[string]*StateTest, error) {
	raw, err := inputfile.Read(path, 0) // a regular file, at most inputfile.DefaultMaxSize
	if err != nil {
		return nil, err
	}
	return ParseStateTests(raw)
}

// ParseStateTests decodes a state-test file's contents.
func ParseStateTests(raw []byte) (map[string]*StateTest, error) {
	var tests map[string]*StateTest
	if err := DecodeJSON(raw, &tests); err != nil {
		return nil, fmt.Errorf("not a state-test file: %w", err)
	}
	for name, t := range tests {
		if t == nil || t.Post == nil || t.Transaction.GasLimit == nil {
			return nil, fmt.Errorf("not a state-test file: test %q has no post or transaction", name)
		}
	}
	return tests, nil
}
