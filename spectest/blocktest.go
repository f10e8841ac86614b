package spectest

import (
	"encoding/json"
	"errors"
	"fmt"

	"github.com/goevm/goevm/internal/inputfile"
	"github.com/goevm/goevm/types"
)

// BlockTest is one test of a BlockchainTests-format file: a genesis block and
// pre-state, a sequence of RLP blocks (some of which must be rejected), and
// the expected head and post-state.
type BlockTest struct {
	Network       string         `json:"network"`
	GenesisRLP    types.Bytes    `json:"genesisRLP"`
	GenesisHeader btHeaderRef    `json:"genesisBlockHeader"`
	Pre           Alloc          `json:"pre"`
	PostState     Alloc          `json:"postState"`
	PostStateHash *types.Hash    `json:"postStateHash"`
	LastBlockHash types.Hash     `json:"lastblockhash"`
	Blocks        []btBlock      `json:"blocks"`
	SealEngine    string         `json:"sealEngine"`
	Config        *btConfig      `json:"config"`
	Info          map[string]any `json:"_info"`
}

// btHeaderRef is a fixture's JSON header: its hash, and every field as the
// fixture writes it, to be checked against the decoded RLP header (see
// checkHeader) once the block has imported.
type btHeaderRef struct {
	Hash   types.Hash
	Fields map[string]string
}

func (h *btHeaderRef) UnmarshalJSON(b []byte) error {
	var raw map[string]any
	if err := json.Unmarshal(b, &raw); err != nil {
		return err
	}
	h.Fields = make(map[string]string, len(raw))
	for k, v := range raw {
		if s, ok := v.(string); ok {
			h.Fields[k] = s
		}
	}
	s, ok := h.Fields["hash"]
	if !ok {
		return errors.New("header without hash")
	}
	v, err := types.HexToHash(s)
	if err != nil {
		return fmt.Errorf("hash: %w", err)
	}
	h.Hash = v
	return nil
}

type btBlock struct {
	// RLP stays a string: some invalid-block fixtures hold text that is not
	// even hex, which must reject that block, not the file.
	RLP             string       `json:"rlp"`
	ExpectException string       `json:"expectException"`
	BlockHeader     *btHeaderRef `json:"blockHeader"`
	// Transactions are the block's transactions as JSON, checked against
	// those the RLP decodes to (see checkTransactions).
	Transactions []map[string]any `json:"transactions"`
	// BlockAccessList is the EIP-7928 list the block comes with (beside
	// its RLP, as the engine API carries it), kept raw: one that does not
	// read is ignored and the header's hash alone is checked.
	BlockAccessList json.RawMessage `json:"blockAccessList"`
}

// btConfig is the chain configuration execution-spec-tests fixtures carry.
type btConfig struct {
	ChainID      string                    `json:"chainid"`
	BlobSchedule map[string]stBlobSchedule `json:"blobSchedule"`
}

// ReadBlockTests reads a blockchain-test file: a JSON object of named tests.
func ReadBlockTests(path string) (map[string]*BlockTest, error) {
	raw, err := inputfile.Read(path, 0) // a regular file, at most inputfile.DefaultMaxSize
	if err != nil {
		return nil, err
	}
	return ParseBlockTests(raw)
}

// ParseBlockTests decodes a blockchain-test file's contents.
func ParseBlockTests(raw []byte) (map[string]*BlockTest, error) {
	var tests map[string]*BlockTest
	if err := DecodeJSON(raw, &tests); err != nil {
		return nil, fmt.Errorf("not a blockchain-test file: %w", err)
	}
	for name, t := range tests {
		switch {
		case t == nil || t.Blocks == nil:
			return nil, fmt.Errorf("not a blockchain-test file: test %q has no blocks", name)
		case t.Network == "":
			return nil, fmt.Errorf("blockchain test %q: missing field network", name)
		case len(t.GenesisRLP) == 0:
			return nil, fmt.Errorf("blockchain test %q: missing field genesisRLP", name)
		}
	}
	return tests, nil
}
