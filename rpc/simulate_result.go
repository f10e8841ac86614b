package rpc

import (
	"errors"

	"github.com/goevm/goevm/evm"
	"github.com/goevm/goevm/transition"
	"github.com/goevm/goevm/types"
)

// simBlockResult is a simulated block as eth_simulateV1 returns it: the
// block object of eth_getBlockByNumber plus the calls' results.
type simBlockResult struct {
	*rpcBlock
	Calls []simCallResult `json:"calls"`

	header *types.Header
}

// simCallResult is one call's outcome.
type simCallResult struct {
	ReturnData data     `json:"returnData"`
	Logs       []rpcLog `json:"logs"`
	GasUsed    quantity `json:"gasUsed"`
	// MaxUsedGas is the gas the call consumed before its refund.
	MaxUsedGas quantity      `json:"maxUsedGas"`
	Status     quantity      `json:"status"`
	Error      *simCallError `json:"error,omitempty"`
}

// simCallError is a failed call's error: code 3 with the revert data for a
// revert, -32015 otherwise.
type simCallError struct {
	Message string `json:"message"`
	Code    int    `json:"code"`
	Data    string `json:"data,omitempty"`
}

func newSimCallResult(res *transition.Result) simCallResult {
	out := simCallResult{
		ReturnData: data(res.ReturnData), Logs: []rpcLog{}, GasUsed: quantity(res.GasUsed),
		MaxUsedGas: quantity(max(res.GasUsed, res.GasUsed+res.Refund)), Status: 1,
	}
	if res.ReturnData == nil {
		out.ReturnData = data{}
	}
	if res.Err == nil {
		return out
	}
	// A failed call returns nothing; a revert's data is in its error.
	out.ReturnData, out.Status = data{}, 0
	if errors.Is(res.Err, evm.ErrExecutionReverted) {
		e := executionError(res)
		out.Error = &simCallError{Message: e.Message, Code: e.Code, Data: types.EncodeHex(res.ReturnData)}
	} else {
		out.Error = &simCallError{Message: res.Err.Error(), Code: codeSimVMError}
	}
	return out
}

// result renders the assembled block: transactions as hashes or, with
// returnFullTransactions, objects with their sender; logs with the block's
// hash, known only now.
func (sim *simulator) result(b *types.Block, txs []simTx, calls []simCallResult, logs [][]simLog) *simBlockResult {
	out := &simBlockResult{rpcBlock: formatHeader(b), Calls: calls, header: b.Header}
	hash := b.Hash()
	for i, t := range txs {
		if sim.opts.ReturnFullTransactions {
			out.Transactions = append(out.Transactions, formatTx(t.tx, t.hash, t.from, b, i))
		} else {
			out.Transactions = append(out.Transactions, t.hash)
		}
	}
	for i := range calls {
		for _, l := range logs[i] {
			topics := l.log.Topics
			if topics == nil {
				topics = []types.Hash{}
			}
			calls[i].Logs = append(calls[i].Logs, rpcLog{
				Address: l.log.Address, Topics: topics, Data: data(l.log.Data), BlockNumber: quantity(b.Header.Number),
				TransactionHash: l.txHash, TransactionIndex: quantity(l.txIndex), BlockHash: hash,
				BlockTimestamp: quantity(b.Header.Time), LogIndex: quantity(l.index),
			})
		}
	}
	return out
}
