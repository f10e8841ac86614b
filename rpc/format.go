package rpc

import (
	"github.com/goevm/goevm/chain"
	"github.com/goevm/goevm/types"
	"github.com/holiman/uint256"
)

// The JSON shapes of blocks, transactions, receipts and logs, with geth's
// field names (execution-apis src/schemas).

type rpcBlock struct {
	BaseFeePerGas         *big          `json:"baseFeePerGas,omitempty"`
	BlobGasUsed           *quantity     `json:"blobGasUsed,omitempty"`
	BlockAccessListHash   *types.Hash   `json:"blockAccessListHash,omitempty"` // EIP-7928
	Difficulty            big           `json:"difficulty"`
	ExcessBlobGas         *quantity     `json:"excessBlobGas,omitempty"`
	ExtraData             data          `json:"extraData"`
	GasLimit              quantity      `json:"gasLimit"`
	GasUsed               quantity      `json:"gasUsed"`
	Hash                  types.Hash    `json:"hash"`
	LogsBloom             types.Bloom   `json:"logsBloom"`
	Miner                 types.Address `json:"miner"`
	MixHash               types.Hash    `json:"mixHash"`
	Nonce                 data          `json:"nonce"`
	Number                quantity      `json:"number"`
	ParentBeaconBlockRoot *types.Hash   `json:"parentBeaconBlockRoot,omitempty"`
	ParentHash            types.Hash    `json:"parentHash"`
	ReceiptsRoot          types.Hash    `json:"receiptsRoot"`
	RequestsHash          *types.Hash   `json:"requestsHash,omitempty"`
	Sha3Uncles            types.Hash    `json:"sha3Uncles"`
	Size                  quantity      `json:"size"`
	SlotNumber            *quantity     `json:"slotNumber,omitempty"` // EIP-7843
	StateRoot             types.Hash    `json:"stateRoot"`
	Timestamp             quantity      `json:"timestamp"`
	Transactions          []any         `json:"transactions"`
	TransactionsRoot      types.Hash    `json:"transactionsRoot"`
	Uncles                []types.Hash  `json:"uncles"`
	Withdrawals           []withdrawal  `json:"withdrawals,omitzero"` // [] when empty, as geth
	WithdrawalsRoot       *types.Hash   `json:"withdrawalsRoot,omitempty"`
}

type withdrawal struct {
	Index          quantity      `json:"index"`
	ValidatorIndex quantity      `json:"validatorIndex"`
	Address        types.Address `json:"address"`
	Amount         quantity      `json:"amount"`
}

func formatHeader(b *types.Block) *rpcBlock {
	h := b.Header
	out := &rpcBlock{
		Difficulty: big{h.Difficulty}, ExtraData: data(h.Extra), GasLimit: quantity(h.GasLimit),
		GasUsed: quantity(h.GasUsed), Hash: b.Hash(), LogsBloom: h.Bloom, Miner: h.Coinbase,
		MixHash: h.MixDigest, Nonce: data(h.Nonce[:]), Number: quantity(h.Number),
		ParentBeaconBlockRoot: h.ParentBeaconBlockRoot, ParentHash: h.ParentHash,
		ReceiptsRoot: h.ReceiptRoot, RequestsHash: h.RequestsHash, Sha3Uncles: h.OmmersHash,
		Size: quantity(len(b.EncodeRLP())), StateRoot: h.StateRoot, Timestamp: quantity(h.Time),
		TransactionsRoot: h.TxRoot, Uncles: []types.Hash{}, WithdrawalsRoot: h.WithdrawalsRoot,
		Transactions: []any{}, BlockAccessListHash: h.BlockAccessListHash,
	}
	if h.SlotNumber != nil {
		v := quantity(*h.SlotNumber)
		out.SlotNumber = &v
	}
	if h.BaseFee != nil {
		out.BaseFeePerGas = bigOf(h.BaseFee)
	}
	if h.BlobGasUsed != nil {
		v, e := quantity(*h.BlobGasUsed), quantity(*h.ExcessBlobGas)
		out.BlobGasUsed, out.ExcessBlobGas = &v, &e
	}
	for _, o := range b.Ommers {
		out.Uncles = append(out.Uncles, o.Hash())
	}
	if b.Withdrawals != nil {
		out.Withdrawals = []withdrawal{}
		for _, w := range b.Withdrawals {
			out.Withdrawals = append(out.Withdrawals, withdrawal{quantity(w.Index), quantity(w.ValidatorIndex), w.Address, quantity(w.Amount)})
		}
	}
	return out
}

type rpcTx struct {
	BlockHash            *types.Hash       `json:"blockHash"`
	BlockNumber          *quantity         `json:"blockNumber"`
	BlockTimestamp       *quantity         `json:"blockTimestamp,omitempty"` // geth's since v1.16, for mined transactions
	From                 types.Address     `json:"from"`
	Gas                  quantity          `json:"gas"`
	GasPrice             *big              `json:"gasPrice"`
	MaxFeePerGas         *big              `json:"maxFeePerGas,omitempty"`
	MaxPriorityFeePerGas *big              `json:"maxPriorityFeePerGas,omitempty"`
	MaxFeePerBlobGas     *big              `json:"maxFeePerBlobGas,omitempty"`
	Hash                 types.Hash        `json:"hash"`
	Input                data              `json:"input"`
	Nonce                quantity          `json:"nonce"`
	To                   *types.Address    `json:"to"`
	TransactionIndex     *quantity         `json:"transactionIndex"`
	Value                big               `json:"value"`
	Type                 quantity          `json:"type"`
	AccessList           *types.AccessList `json:"accessList,omitempty"`
	ChainID              *big              `json:"chainId,omitempty"`
	BlobVersionedHashes  []types.Hash      `json:"blobVersionedHashes,omitempty"`
	AuthorizationList    []rpcAuth         `json:"authorizationList,omitempty"`
	V                    big               `json:"v"`
	R                    big               `json:"r"`
	S                    big               `json:"s"`
	YParity              *quantity         `json:"yParity,omitempty"`
}

type rpcAuth struct {
	ChainID big           `json:"chainId"`
	Address types.Address `json:"address"`
	Nonce   quantity      `json:"nonce"`
	YParity quantity      `json:"yParity"`
	R       big           `json:"r"`
	S       big           `json:"s"`
}

// formatTx renders a transaction; blk is nil for a pooled one. baseFee
// gives a mined fee-market transaction's effective gasPrice.
func formatTx(tx *types.Transaction, hash types.Hash, from types.Address, blk *types.Block, index int) *rpcTx {
	out := &rpcTx{
		From: from, Gas: quantity(tx.Gas), Hash: hash, Input: data(tx.Data), Nonce: quantity(tx.Nonce),
		To: tx.To, Value: big{tx.Value}, Type: quantity(tx.Type), V: big{tx.V}, R: big{tx.R}, S: big{tx.S},
	}
	if blk != nil {
		h, n, i, ts := blk.Hash(), quantity(blk.Header.Number), quantity(index), quantity(blk.Header.Time)
		out.BlockHash, out.BlockNumber, out.TransactionIndex, out.BlockTimestamp = &h, &n, &i, &ts
	}
	if tx.Type != types.LegacyTxType {
		out.ChainID = bigOf(&tx.ChainID)
		al := tx.AccessList
		if al == nil {
			al = types.AccessList{}
		}
		out.AccessList = &al
		y := quantity(tx.V.Uint64())
		out.YParity = &y
	} else if !tx.ChainID.IsZero() {
		out.ChainID = bigOf(&tx.ChainID)
	}
	if tx.HasFeeCaps() {
		out.MaxFeePerGas, out.MaxPriorityFeePerGas = bigOf(&tx.GasFeeCap), bigOf(&tx.GasTipCap)
		price := tx.GasFeeCap
		if blk != nil && blk.Header.BaseFee != nil {
			price = *tx.EffectiveGasPrice(blk.Header.BaseFee)
		}
		out.GasPrice = bigOf(&price)
	} else {
		out.GasPrice = bigOf(&tx.GasPrice)
	}
	if tx.Type == types.BlobTxType {
		out.MaxFeePerBlobGas = bigOf(&tx.BlobFeeCap)
		out.BlobVersionedHashes = tx.BlobHashes
	}
	if tx.Type == types.SetCodeTxType {
		out.AuthorizationList = []rpcAuth{}
		for _, a := range tx.AuthList {
			out.AuthorizationList = append(out.AuthorizationList, rpcAuth{big{a.ChainID}, a.Address, quantity(a.Nonce), quantity(a.YParity), big{a.R}, big{a.S}})
		}
	}
	return out
}

type rpcLog struct {
	Address          types.Address `json:"address"`
	Topics           []types.Hash  `json:"topics"`
	Data             data          `json:"data"`
	BlockNumber      quantity      `json:"blockNumber"`
	TransactionHash  types.Hash    `json:"transactionHash"`
	TransactionIndex quantity      `json:"transactionIndex"`
	BlockHash        types.Hash    `json:"blockHash"`
	BlockTimestamp   quantity      `json:"blockTimestamp"`
	LogIndex         quantity      `json:"logIndex"`
	Removed          bool          `json:"removed"`
}

func formatLogs(r *chain.Receipt, blockTime uint64) []rpcLog {
	out := make([]rpcLog, 0, len(r.Logs))
	for i, l := range r.Logs {
		topics := l.Topics
		if topics == nil {
			topics = []types.Hash{}
		}
		out = append(out, rpcLog{
			Address: l.Address, Topics: topics, Data: data(l.Data), BlockNumber: quantity(r.BlockNumber),
			TransactionHash: r.TxHash, TransactionIndex: quantity(r.TxIndex), BlockHash: r.BlockHash,
			BlockTimestamp: quantity(blockTime), LogIndex: quantity(r.FirstLogIndex + i),
		})
	}
	return out
}

type rpcReceipt struct {
	BlobGasPrice      *big           `json:"blobGasPrice,omitempty"`
	BlobGasUsed       *quantity      `json:"blobGasUsed,omitempty"`
	BlockHash         types.Hash     `json:"blockHash"`
	BlockNumber       quantity       `json:"blockNumber"`
	ContractAddress   *types.Address `json:"contractAddress"`
	CumulativeGasUsed quantity       `json:"cumulativeGasUsed"`
	EffectiveGasPrice big            `json:"effectiveGasPrice"`
	From              types.Address  `json:"from"`
	GasUsed           quantity       `json:"gasUsed"`
	Logs              []rpcLog       `json:"logs"`
	LogsBloom         types.Bloom    `json:"logsBloom"`
	Status            *quantity      `json:"status,omitempty"`
	Root              types.Bytes    `json:"root,omitempty"` // before Byzantium, instead of status (EIP-658)
	To                *types.Address `json:"to"`
	TransactionHash   types.Hash     `json:"transactionHash"`
	TransactionIndex  quantity       `json:"transactionIndex"`
	Type              quantity       `json:"type"`
}

func formatReceipt(r *chain.Receipt, blockTime uint64) *rpcReceipt {
	out := &rpcReceipt{
		BlockHash: r.BlockHash, BlockNumber: quantity(r.BlockNumber), ContractAddress: r.ContractAddress,
		CumulativeGasUsed: quantity(r.CumulativeGasUsed), EffectiveGasPrice: big{r.EffectiveGasPrice},
		From: r.From, GasUsed: quantity(r.GasUsed), Logs: formatLogs(r, blockTime), LogsBloom: r.Bloom,
		To: r.To, TransactionHash: r.TxHash, TransactionIndex: quantity(r.TxIndex), Type: quantity(r.Type),
	}
	if r.PostState != nil {
		out.Root = r.PostState
	} else {
		var status quantity
		if r.Status {
			status = 1
		}
		out.Status = &status
	}
	if r.BlobGasUsed > 0 {
		u := quantity(r.BlobGasUsed)
		out.BlobGasUsed = &u
		if r.BlobGasPrice != nil {
			out.BlobGasPrice = bigOf(r.BlobGasPrice)
		}
	}
	return out
}

var zero256 = new(uint256.Int)
