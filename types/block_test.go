package types

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/goevm/goevm/internal/fixtures"
	"github.com/goevm/goevm/rlp"
)

// TestBlockRLPFixtures decodes every block of the legacy blockchain tests,
// re-encodes it byte for byte, and checks the header hash the fixture records.
func TestBlockRLPFixtures(t *testing.T) {
	dir := fixtures.Dir(t, "legacytests/Cancun/BlockchainTests")
	type fixtureBlock struct {
		RLP         string `json:"rlp"`
		Exception   string `json:"expectException"`
		BlockHeader *struct {
			Hash Hash `json:"hash"`
		} `json:"blockHeader"`
	}
	type fixtureTest struct {
		GenesisRLP    string `json:"genesisRLP"`
		GenesisHeader struct {
			Hash Hash `json:"hash"`
		} `json:"genesisBlockHeader"`
		Blocks []fixtureBlock `json:"blocks"`
	}
	var decoded, rejected int
	fixtures.EachJSON(t, dir, func(path string, data []byte) {
		var tests map[string]fixtureTest
		if err := json.Unmarshal(data, &tests); err != nil {
			t.Errorf("%s: %v", path, err)
			return
		}
		for name, tc := range tests {
			g, _ := DecodeHex(tc.GenesisRLP)
			gb, err := DecodeBlockRLP(g)
			if err != nil {
				t.Errorf("%s: genesis: %v", name, err)
			} else if gb.Hash() != tc.GenesisHeader.Hash {
				t.Errorf("%s: genesis hash %s, want %s", name, gb.Hash(), tc.GenesisHeader.Hash)
			}
			for i, b := range tc.Blocks {
				raw, err := DecodeHex(b.RLP)
				if err != nil {
					rejected++ // the fixture's rlp is itself not hex; the runner must reject it
					continue
				}
				blk, err := DecodeBlockRLP(raw)
				if err != nil {
					if b.Exception == "" {
						t.Errorf("%s block %d: %v", name, i, err)
					}
					rejected++
					continue
				}
				decoded++
				if !bytes.Equal(blk.EncodeRLP(), raw) {
					t.Errorf("%s block %d: re-encoding differs", name, i)
				}
				if b.BlockHeader != nil && blk.Hash() != b.BlockHeader.Hash {
					t.Errorf("%s block %d: hash %s, want %s", name, i, blk.Hash(), b.BlockHeader.Hash)
				}
			}
		}
	})
	t.Logf("blocks decoded: %d, rejected at decoding: %d", decoded, rejected)
}

func TestHeaderDecodeErrorsNameTheField(t *testing.T) {
	h := &Header{Number: 1, GasLimit: 5000}
	enc := h.EncodeRLP()
	if _, err := DecodeHeaderRLP(enc); err != nil {
		t.Fatalf("round trip: %v", err)
	}
	// Shorten the coinbase (third field, 0x94 + 20 bytes) to 19 bytes.
	payload, _, _ := rlp.SplitList(enc)
	idx := bytes.Index(payload, append([]byte{0x94}, make([]byte, 20)...))
	bad := append(append([]byte{}, payload[:idx]...), 0x93)
	bad = append(bad, payload[idx+2:]...)
	bad = rlp.WrapList(bad)
	_, err := DecodeHeaderRLP(bad)
	if !errors.Is(err, ErrHeaderDecode) || !strings.Contains(err.Error(), "coinbase") {
		t.Fatalf("error %v should be ErrHeaderDecode naming coinbase", err)
	}
	if _, err := DecodeBlockRLP([]byte{0xc0}); !errors.Is(err, ErrBlockDecode) {
		t.Fatalf("empty list: %v", err)
	}
	if _, err := DecodeBlockRLP(nil); err == nil {
		t.Fatal("empty input accepted")
	}
}

// TestHeaderFieldCountNamed: a header with 18 fields (Shanghai's 17 plus one
// of Cancun's blob fields) is no fork's header; the error says so with
// ErrHeaderFieldCount, which fixtures name INCORRECT_BLOCK_FORMAT
// (execution-spec-tests' test_invalid_pre_fork_block_with_blob_fields).
func TestHeaderFieldCountNamed(t *testing.T) {
	items := make([]byte, 0, 18)
	for range 18 {
		items = append(items, 0x80)
	}
	_, err := DecodeHeaderRLP(rlp.WrapList(items))
	if !errors.Is(err, ErrHeaderFieldCount) || !errors.Is(err, ErrHeaderDecode) {
		t.Fatalf("error %v, want ErrHeaderFieldCount and ErrHeaderDecode", err)
	}
}
