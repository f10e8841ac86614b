// Package fuzzer is a differential fuzzer: it generates transactions over
// small worlds of generated contracts, applies each one with goevm
// (transition.Apply on state.Memory) and with go-ethereum (core.ApplyMessage
// on state.StateDB over an in-memory database) under several forks, and
// compares what a client must agree on: validity, the top frame's error
// class, gas used, refund, return data, logs and the post-state root.
//
// A difference is explained with the first EIP-3155 trace line where the
// two clients part (goevm's trace.JSONLogger against geth's JSON logger),
// minimised by delta debugging over the contracts' bytecode, and written as
// a regression case (testdata/regressions/*.json) that TestRegressions
// replays.
//
// Where geth departs from the execution specs in a field no receipt or
// state root carries, the difference is normalised and documented at the
// place it is taken out (errClass, topErrClass, normalizeGeth, the trace
// normalisation in explain.go); each has a regression case.
//
// Running it:
//
//	cd difftest
//	go test ./fuzzer                                  # regressions + CI pass (1500 programs x 5 forks)
//	DIFFFUZZ_PROGRAMS=20000 go test ./fuzzer -run Short
//	go test ./fuzzer -run XXX -fuzz FuzzGenerated     # or FuzzRawCode
//	go run ./cmd/difffuzz -duration 1h -workers 1     # standalone; -forks, -seed, -count, -out
//	go run ./cmd/difffuzz -program SEED               # re-check and explain one program
package fuzzer

import (
	"encoding/json"
	"fmt"

	"github.com/goevm/goevm/fork"
	"github.com/goevm/goevm/types"
	"github.com/holiman/uint256"
)

// Forks the fuzzer runs by default: one per era of gas and opcode rules.
//
// The blob-parameter-only forks BPO1-BPO5 need no run of their own: they
// change the blob schedule alone, and nothing a case executes reads it. The
// blob base fee is the case's Block.BlobBaseFee (an input to both clients,
// not derived from excess blob gas), the per-transaction blob cap is
// EIP-7594's MAX_BLOBS_PER_TX whatever the schedule, and the per-block
// limit and excess blob gas belong to block validation, which the fuzzer
// does not do (spectest's blocktest and t8n run the BPO networks). A BPO
// run would repeat Osaka's (Amsterdam's, for BPO forks after it).
var DefaultForks = []fork.Fork{fork.Frontier, fork.Berlin, fork.Cancun, fork.Prague, fork.Osaka, fork.Amsterdam}

// ChainID of every generated transaction and authorization.
const ChainID = 1

// Account is one pre-state account.
type Account struct {
	Balance types.U256                `json:"balance"`
	Nonce   uint64                    `json:"nonce,omitempty"`
	Code    types.Bytes               `json:"code,omitempty"`
	Storage map[types.Hash]types.Hash `json:"storage,omitempty"`
}

// Auth is an EIP-7702 authorization signed with one of Keys.
type Auth struct {
	Key     int           `json:"key"` // index into Keys
	ChainID uint64        `json:"chainId"`
	Address types.Address `json:"address"`
	Nonce   uint64        `json:"nonce"`
}

// Tx is the transaction of a case. Type is 0 (legacy), 1 (access list),
// 2 (dynamic fee), 3 (blob: versioned hashes only, no blobs are needed to
// execute) or 4 (set code).
type Tx struct {
	Type       uint8            `json:"type"`
	From       types.Address    `json:"from"`
	To         *types.Address   `json:"to,omitempty"` // nil creates
	Nonce      uint64           `json:"nonce"`
	Gas        uint64           `json:"gas"`
	GasPrice   types.U256       `json:"gasPrice"` // legacy/access list; fee cap for type 2 and 4
	TipCap     types.U256       `json:"tipCap"`
	Value      types.U256       `json:"value"`
	Data       types.Bytes      `json:"data,omitempty"`
	AccessList types.AccessList `json:"accessList,omitempty"`
	Auths      []Auth           `json:"auths,omitempty"`
	BlobHashes []types.Hash     `json:"blobHashes,omitempty"`
	BlobFeeCap types.U256       `json:"blobFeeCap"`
}

// Block is the block environment.
type Block struct {
	Coinbase    types.Address `json:"coinbase"`
	Number      uint64        `json:"number"`
	Time        uint64        `json:"time"`
	GasLimit    uint64        `json:"gasLimit"`
	Difficulty  types.U256    `json:"difficulty"`
	PrevRandao  types.Hash    `json:"prevRandao"`
	BaseFee     types.U256    `json:"baseFee"`
	BlobBaseFee types.U256    `json:"blobBaseFee"`
	SlotNumber  uint64        `json:"slotNumber,omitempty"` // EIP-7843
}

// Case is one generated program: a world, a block, a transaction (and
// sometimes more after it). The fork is chosen by the runner.
type Case struct {
	Pre   map[types.Address]*Account `json:"pre"`
	Block Block                      `json:"block"`
	Tx    Tx                         `json:"tx"`
	// Next are further transactions of the same block, applied in order
	// after Tx on the state it leaves.
	Next []Tx `json:"next,omitempty"`

	refundHook bool // geth runner: read the refund through the gas hook
}

// Clone returns a deep copy, so minimisation can edit code freely.
func (c *Case) Clone() *Case {
	b, err := json.Marshal(c)
	if err != nil {
		panic(fmt.Sprintf("fuzzer: case does not marshal: %v", err))
	}
	var out Case
	if err := json.Unmarshal(b, &out); err != nil {
		panic(fmt.Sprintf("fuzzer: case does not unmarshal: %v", err))
	}
	return &out
}

func u256(v uint64) types.U256 { return types.U256{Int: *uint256.NewInt(v)} }

// txs lists the case's transactions in order.
func (c *Case) txs() []*Tx {
	out := []*Tx{&c.Tx}
	for i := range c.Next {
		out = append(out, &c.Next[i])
	}
	return out
}
