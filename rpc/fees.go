package rpc

import (
	"fmt"
	"slices"

	"github.com/goevm/goevm/transition"
	"github.com/goevm/goevm/types"
	"github.com/holiman/uint256"
)

// maxFeeHistory bounds eth_feeHistory's block count (geth's is 1024).
const maxFeeHistory = 1024

func (s *Server) registerFees() {
	s.methods["eth_feeHistory"] = func(_ *callCtx, a args) (any, error) {
		var count flexUint
		var newest blockTag
		var percentiles []float64
		if err := a.need(0, &count); err != nil {
			return nil, err
		}
		if err := a.need(1, &newest); err != nil {
			return nil, err
		}
		if _, err := a.get(2, &percentiles); err != nil {
			return nil, err
		}
		for i, p := range percentiles {
			if p < 0 || p > 100 || (i > 0 && p < percentiles[i-1]) {
				return nil, invalidParams(2, fmt.Errorf("reward percentiles must be ascending values from 0 to 100, got %v", percentiles))
			}
		}
		return s.feeHistory(uint64(count), newest, percentiles)
	}
}

type feeHistory struct {
	OldestBlock       quantity  `json:"oldestBlock"`
	BaseFeePerGas     []*big    `json:"baseFeePerGas"`
	GasUsedRatio      []float64 `json:"gasUsedRatio"`
	BaseFeePerBlobGas []*big    `json:"baseFeePerBlobGas"`
	BlobGasUsedRatio  []float64 `json:"blobGasUsedRatio"`
	Reward            [][]*big  `json:"reward,omitempty"`
}

// feeHistory answers eth_feeHistory as geth does: per block its base fee
// (and the next block's after the last), gas used ratio, blob base fee and
// blob gas ratio, and the requested percentiles of the effective tips,
// weighted by gas used.
func (s *Server) feeHistory(count uint64, newest blockTag, percentiles []float64) (any, error) {
	last, err := s.resolve(newest)
	if err != nil {
		return nil, err
	}
	count = min(count, maxFeeHistory, last.Header.Number+1-s.chain.FirstBlock()) // a fork holds no blocks before its first
	out := &feeHistory{OldestBlock: quantity(last.Header.Number + 1 - count)}
	if count == 0 {
		out.BaseFeePerGas, out.GasUsedRatio, out.BaseFeePerBlobGas, out.BlobGasUsedRatio = []*big{}, []float64{}, []*big{}, []float64{}
		return out, nil
	}
	for n := uint64(out.OldestBlock); n <= last.Header.Number; n++ {
		blk, err := s.chain.BlockByNumber(n)
		if err != nil {
			return nil, err
		}
		h := blk.Header
		out.BaseFeePerGas = append(out.BaseFeePerGas, baseFeeOf(h))
		out.GasUsedRatio = append(out.GasUsedRatio, float64(h.GasUsed)/float64(h.GasLimit))
		blobFee, blobRatio := new(uint256.Int), 0.0
		if h.ExcessBlobGas != nil {
			params := s.chain.BlobParamsAt(h.Number, h.Time)
			blobFee = transition.BlobBaseFee(*h.ExcessBlobGas, params.UpdateFraction)
			if params.Max > 0 {
				blobRatio = float64(*h.BlobGasUsed) / float64(params.Max*transition.GasPerBlob)
			}
		}
		out.BaseFeePerBlobGas = append(out.BaseFeePerBlobGas, bigOf(blobFee))
		out.BlobGasUsedRatio = append(out.BlobGasUsedRatio, blobRatio)
		if len(percentiles) > 0 {
			r, err := s.rewards(blk, percentiles)
			if err != nil {
				return nil, err
			}
			out.Reward = append(out.Reward, r)
		}
	}
	// The block after the newest: its base fee follows from the newest.
	next := new(uint256.Int)
	if last.Header.BaseFee != nil {
		next = transition.CalcBaseFee(last.Header)
	}
	out.BaseFeePerGas = append(out.BaseFeePerGas, bigOf(next))
	nextBlob := new(uint256.Int)
	if lh := last.Header; lh.ExcessBlobGas != nil {
		// The next block's schedule at the newest block's time, as geth's
		// oracle picks it.
		f, params := s.chain.ForkAt(lh.Number+1, lh.Time), s.chain.BlobParamsAt(lh.Number+1, lh.Time)
		nextBlob = transition.BlobBaseFee(transition.CalcExcessBlobGas(f, params, lh), params.UpdateFraction)
	}
	out.BaseFeePerBlobGas = append(out.BaseFeePerBlobGas, bigOf(nextBlob))
	return out, nil
}

func baseFeeOf(h *types.Header) *big {
	if h.BaseFee == nil {
		return &big{}
	}
	return bigOf(h.BaseFee)
}

func (s *Server) rewards(blk *types.Block, percentiles []float64) ([]*big, error) {
	out := make([]*big, len(percentiles))
	if len(blk.Transactions) == 0 {
		for i := range out {
			out[i] = &big{}
		}
		return out, nil
	}
	rs, err := s.chain.Receipts(blk.Hash())
	if err != nil {
		return nil, err
	}
	type tip struct {
		reward uint256.Int
		gas    uint64
	}
	tips := make([]tip, len(rs))
	base := new(uint256.Int)
	if blk.Header.BaseFee != nil {
		base = blk.Header.BaseFee
	}
	for i, r := range rs {
		t := tip{gas: r.GasUsed}
		if r.EffectiveGasPrice.Gt(base) {
			t.reward.Sub(&r.EffectiveGasPrice, base)
		}
		tips[i] = t
	}
	slices.SortFunc(tips, func(a, b tip) int { return a.reward.Cmp(&b.reward) })
	idx, sum := 0, tips[0].gas
	for i, p := range percentiles {
		threshold := uint64(float64(blk.Header.GasUsed) * p / 100)
		for sum < threshold && idx < len(tips)-1 {
			idx++
			sum += tips[idx].gas
		}
		out[i] = bigOf(&tips[idx].reward)
	}
	return out, nil
}
