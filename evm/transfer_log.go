package evm

import (
	"github.com/goevm/goevm/types"
	"github.com/holiman/uint256"
)

// EIP-7708: ETH transfers emit a log, from SYSTEM_ADDRESS, shaped as an
// ERC-20 Transfer event.
var (
	// TransferLogAddress is the address the EIP-7708 logs come from,
	// SYSTEM_ADDRESS (EIP-4788).
	TransferLogAddress = types.MustHexToAddress("0xfffffffffffffffffffffffffffffffffffffffe")
	// TransferTopic is keccak256("Transfer(address,address,uint256)").
	TransferTopic = types.MustHexToHash("0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef")
	// SelfdestructTopic is keccak256("Selfdestruct(address,uint256)"), the
	// topic of EIP-7708's burn log (a LOG2), which EIP-8246 makes
	// unreachable: with it nothing is burned.
	SelfdestructTopic = types.MustHexToHash("0x4bfaba3443c1a1836cd362418edc679fc96cae8449cbefccb6457cdf2c943083")
)

// TransferLog is the EIP-7708 log of amount wei moving from from to to: a
// LOG3 with the Transfer topic, from and to as topics (zero padded to 32
// bytes) and the amount as 32 big-endian bytes of data.
func TransferLog(from, to types.Address, amount *uint256.Int) *types.Log {
	data := amount.Bytes32()
	return &types.Log{
		Address: TransferLogAddress,
		Topics:  []types.Hash{TransferTopic, addressTopic(from), addressTopic(to)},
		Data:    data[:],
	}
}

// BurnLog is EIP-7708's LOG2 for amount wei burned by a contract created in
// the transaction that destroys itself naming itself as beneficiary.
func BurnLog(contract types.Address, amount *uint256.Int) *types.Log {
	data := amount.Bytes32()
	return &types.Log{
		Address: TransferLogAddress,
		Topics:  []types.Hash{SelfdestructTopic, addressTopic(contract)},
		Data:    data[:],
	}
}

func addressTopic(a types.Address) types.Hash {
	var h types.Hash
	copy(h[12:], a[:])
	return h
}

// logTransfer records the EIP-7708 log of a value transfer where the
// transfer happens (the frame's journal drops it if the frame reverts):
// only a non-zero amount to a different account is logged.
func (e *EVM) logTransfer(from, to types.Address, amount *uint256.Int) {
	if !e.is.eip7708 || amount.IsZero() || from == to {
		return
	}
	e.db.AddLog(TransferLog(from, to, amount))
}
