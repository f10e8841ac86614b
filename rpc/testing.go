package rpc

import (
	"fmt"

	"github.com/goevm/goevm/chain"
	"github.com/goevm/goevm/types"
)

// The testing_ namespace (execution-apis src/testing): block building for
// test-fixture generation. testing_buildBlockV1 is read-only, so a dev node
// serves it by default.

// payloadAttributes is the engine API's PayloadAttributesV3.
type payloadAttributes struct {
	Timestamp             *quantity    `json:"timestamp"`
	PrevRandao            *hash        `json:"prevRandao"`
	SuggestedFeeRecipient *address     `json:"suggestedFeeRecipient"`
	Withdrawals           []withdrawIn `json:"withdrawals"`
	ParentBeaconBlockRoot *hash        `json:"parentBeaconBlockRoot"`
	SlotNumber            *quantity    `json:"slotNumber"` // EIP-7843 (PayloadAttributesV4)
}

// withdrawIn is a withdrawal as a request gives it.
type withdrawIn struct {
	Index          quantity `json:"index"`
	ValidatorIndex quantity `json:"validatorIndex"`
	Address        address  `json:"address"`
	Amount         quantity `json:"amount"`
}

// executionPayload is the engine API's ExecutionPayloadV3.
type executionPayload struct {
	ParentHash    types.Hash    `json:"parentHash"`
	FeeRecipient  types.Address `json:"feeRecipient"`
	StateRoot     types.Hash    `json:"stateRoot"`
	ReceiptsRoot  types.Hash    `json:"receiptsRoot"`
	LogsBloom     types.Bloom   `json:"logsBloom"`
	PrevRandao    types.Hash    `json:"prevRandao"`
	BlockNumber   quantity      `json:"blockNumber"`
	GasLimit      quantity      `json:"gasLimit"`
	GasUsed       quantity      `json:"gasUsed"`
	Timestamp     quantity      `json:"timestamp"`
	ExtraData     data          `json:"extraData"`
	BaseFeePerGas *big          `json:"baseFeePerGas,omitempty"`
	BlockHash     types.Hash    `json:"blockHash"`
	Transactions  []data        `json:"transactions"`
	Withdrawals   []withdrawal  `json:"withdrawals,omitzero"`
	BlobGasUsed   *quantity     `json:"blobGasUsed,omitempty"`
	ExcessBlobGas *quantity     `json:"excessBlobGas,omitempty"`
	SlotNumber    *quantity     `json:"slotNumber,omitempty"` // EIP-7843
	// BlockAccessList is the EIP-7928 list's RLP (ExecutionPayloadV4, as
	// geth's engine.ExecutableData).
	BlockAccessList data `json:"blockAccessList,omitempty"`
}

// blobsBundle is the engine API's BlobsBundleV2. Built blocks carry the
// transactions' canonical form, without sidecars, so it is empty.
type blobsBundle struct {
	Commitments []data `json:"commitments"`
	Proofs      []data `json:"proofs"`
	Blobs       []data `json:"blobs"`
}

// payloadEnvelope is testing_buildBlockV1's result, the shape of
// engine_getPayloadV4's.
type payloadEnvelope struct {
	ExecutionPayload      executionPayload `json:"executionPayload"`
	BlockValue            big              `json:"blockValue"`
	BlobsBundle           blobsBundle      `json:"blobsBundle"`
	ExecutionRequests     []data           `json:"executionRequests,omitzero"`
	ShouldOverrideBuilder bool             `json:"shouldOverrideBuilder"`
}

// maxExtraData is the yellow paper's bound on a header's extra data.
const maxExtraData = 32

func (s *Server) registerTesting() {
	s.methods["testing_buildBlockV1"] = func(_ *callCtx, a args) (any, error) {
		if err := a.count(3, 4); err != nil {
			return nil, err
		}
		var parent hash
		if err := a.need(0, &parent); err != nil {
			return nil, err
		}
		attrs, err := readPayloadAttributes(a)
		if err != nil {
			return nil, err
		}
		var txs []data
		haveTxs, err := a.get(2, &txs)
		if err != nil {
			return nil, err
		}
		var raws [][]byte // nil: the pool's transactions
		if haveTxs {
			raws = make([][]byte, len(txs))
			for i, tx := range txs {
				raws[i] = tx
			}
		}
		var extra data
		if _, err := a.get(3, &extra); err != nil {
			return nil, err
		}
		if len(extra) > maxExtraData {
			return nil, invalidParams(3, fmt.Errorf("extra data of %d bytes, at most %d", len(extra), maxExtraData))
		}
		built, err := s.chain.BuildBlock(types.Hash(parent), attrs, raws, extra)
		if err != nil {
			return nil, err
		}
		return formatEnvelope(built), nil
	}
}

// readPayloadAttributes reads argument 1; timestamp, prevRandao and
// suggestedFeeRecipient are required, as in the engine API.
func readPayloadAttributes(a args) (chain.BuildAttrs, error) {
	var p payloadAttributes
	if err := a.need(1, &p); err != nil {
		return chain.BuildAttrs{}, err
	}
	switch {
	case p.Timestamp == nil:
		return chain.BuildAttrs{}, invalidParams(1, fmt.Errorf("missing field \"timestamp\""))
	case p.PrevRandao == nil:
		return chain.BuildAttrs{}, invalidParams(1, fmt.Errorf("missing field \"prevRandao\""))
	case p.SuggestedFeeRecipient == nil:
		return chain.BuildAttrs{}, invalidParams(1, fmt.Errorf("missing field \"suggestedFeeRecipient\""))
	}
	out := chain.BuildAttrs{
		Timestamp:    uint64(*p.Timestamp),
		PrevRandao:   types.Hash(*p.PrevRandao),
		FeeRecipient: types.Address(*p.SuggestedFeeRecipient),
	}
	if p.Withdrawals != nil {
		out.Withdrawals = make([]*types.Withdrawal, len(p.Withdrawals))
		for i, w := range p.Withdrawals {
			out.Withdrawals[i] = &types.Withdrawal{Index: uint64(w.Index), ValidatorIndex: uint64(w.ValidatorIndex),
				Address: types.Address(w.Address), Amount: uint64(w.Amount)}
		}
	}
	if p.ParentBeaconBlockRoot != nil {
		root := types.Hash(*p.ParentBeaconBlockRoot)
		out.ParentBeaconRoot = &root
	}
	if p.SlotNumber != nil {
		slot := uint64(*p.SlotNumber)
		out.SlotNumber = &slot
	}
	return out, nil
}

func formatEnvelope(b *chain.Built) *payloadEnvelope {
	h := b.Block.Header
	p := executionPayload{
		ParentHash: h.ParentHash, FeeRecipient: h.Coinbase, StateRoot: h.StateRoot, ReceiptsRoot: h.ReceiptRoot,
		LogsBloom: h.Bloom, PrevRandao: h.MixDigest, BlockNumber: quantity(h.Number), GasLimit: quantity(h.GasLimit),
		GasUsed: quantity(h.GasUsed), Timestamp: quantity(h.Time), ExtraData: data(h.Extra), BlockHash: b.Block.Hash(),
		Transactions: make([]data, len(b.Block.Transactions)),
	}
	if p.ExtraData == nil {
		p.ExtraData = data{}
	}
	if h.BaseFee != nil {
		p.BaseFeePerGas = bigOf(h.BaseFee)
	}
	for i, raw := range b.Block.Transactions {
		p.Transactions[i] = raw
	}
	if b.Block.Withdrawals != nil {
		p.Withdrawals = []withdrawal{}
		for _, w := range b.Block.Withdrawals {
			p.Withdrawals = append(p.Withdrawals, withdrawal{quantity(w.Index), quantity(w.ValidatorIndex), w.Address, quantity(w.Amount)})
		}
	}
	if h.BlobGasUsed != nil {
		used, excess := quantity(*h.BlobGasUsed), quantity(*h.ExcessBlobGas)
		p.BlobGasUsed, p.ExcessBlobGas = &used, &excess
	}
	if h.SlotNumber != nil {
		slot := quantity(*h.SlotNumber)
		p.SlotNumber = &slot
	}
	if h.BlockAccessListHash != nil && b.Block.AccessList != nil {
		p.BlockAccessList = b.Block.AccessList.EncodeRLP()
	}
	env := &payloadEnvelope{ExecutionPayload: p, BlockValue: big{b.Value},
		BlobsBundle: blobsBundle{Commitments: []data{}, Proofs: []data{}, Blobs: []data{}}}
	if b.Requests != nil {
		env.ExecutionRequests = make([]data, len(b.Requests))
		for i, r := range b.Requests {
			env.ExecutionRequests[i] = r
		}
	}
	return env
}
