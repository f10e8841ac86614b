package trace

import "strconv"

// GasChangeReason says why OnGasChange was called. The values and their
// meaning are those of geth's tracing.GasChangeReason where goevm reports
// them (geth documents them in core/tracing/hooks.go), so a ported tracer
// can switch on them unchanged. Those whose name starts with GasChangeTx
// come at most once per transaction (GasChangeTxRuntimeGas once per
// EIP-2780 charge); GasChangeCall ones once per frame. OnGasChange reports
// execution gas: an EIP-8037 state charge or refund the reservoir covers
// moves none and is not reported (geth's GasChangeHookV2, with the state
// dimension, and its GasChangeTxGasForwarded have no counterpart here).

type GasChangeReason byte

const (
	GasChangeUnspecified GasChangeReason = 0
	// GasChangeTxInitialBalance: 0 to the transaction's gas limit.
	GasChangeTxInitialBalance GasChangeReason = 1
	// GasChangeTxIntrinsicGas: the intrinsic cost is taken.
	GasChangeTxIntrinsicGas GasChangeReason = 2
	// GasChangeTxRefunds: the refund counter (capped) is given back.
	GasChangeTxRefunds GasChangeReason = 3
	// GasChangeTxLeftOverReturned: what is left goes back to the sender
	// (new is 0); not reported when nothing is left.
	GasChangeTxLeftOverReturned GasChangeReason = 4
	// GasChangeCallInitialBalance: a frame starts with its gas.
	GasChangeCallInitialBalance GasChangeReason = 5
	// GasChangeCallLeftOverReturned: a frame hands its unused gas back
	// (new is 0).
	GasChangeCallLeftOverReturned GasChangeReason = 6
	// GasChangeCallLeftOverRefunded: the caller gets a child's unused gas.
	GasChangeCallLeftOverRefunded GasChangeReason = 7
	// GasChangeCallContractCreation and ...Creation2: the gas a CREATE or
	// CREATE2 hands to its initcode.
	GasChangeCallContractCreation  GasChangeReason = 8
	GasChangeCallContractCreation2 GasChangeReason = 9
	// GasChangeCallCodeStorage: the code deposit (200 gas a byte).
	GasChangeCallCodeStorage GasChangeReason = 10
	// GasChangeCallOpCode: an opcode's charge (goevm reports opcodes'
	// charges through OnOpcode instead; kept for ported tracers).
	GasChangeCallOpCode GasChangeReason = 11
	// GasChangeCallPrecompiledContract: a precompile's price.
	GasChangeCallPrecompiledContract GasChangeReason = 12
	// GasChangeCallStorageColdAccess: EIP-2929 cold access (geth reserves
	// it; goevm prices it inside the opcode, shown by OnOpcode).
	GasChangeCallStorageColdAccess GasChangeReason = 13
	// GasChangeCallFailedExecution: a frame that failed other than by
	// REVERT burns the gas it had left (new is 0).
	GasChangeCallFailedExecution GasChangeReason = 14
	// GasChangeTxDataFloor: EIP-7623 raises the gas used to the calldata
	// floor.
	GasChangeTxDataFloor GasChangeReason = 19
	// GasChangeRefundAccountCreation: EIP-8037's new-account state gas,
	// charged for a creation or a value transfer to an empty account, is
	// given back because no account was created (the frame failed); the
	// execution gas it had borrowed returns.
	GasChangeRefundAccountCreation GasChangeReason = 20
	// GasChangeTxRuntimeGas: EIP-2780's charges when the transaction starts
	// to run (authorizations, the recipient's new account and delegation
	// target), before its first frame.
	GasChangeTxRuntimeGas GasChangeReason = 21
	// GasChangeAccountCreation: EIP-8037's new-account state gas of a
	// CREATE or CREATE2, charged in the creating frame.
	GasChangeAccountCreation GasChangeReason = 22
	// GasChangeRefundRevertedState: a frame that reverts gets back the
	// execution gas its state creations (rolled back) borrowed (EIP-8037).
	GasChangeRefundRevertedState GasChangeReason = 23
	// GasChangeStateGasRepaid: after a child returns, state gas it gave
	// back to the reservoir repays execution gas its caller had lent to
	// state charges (EIP-8037); right after GasChangeCallLeftOverRefunded.
	GasChangeStateGasRepaid GasChangeReason = 25
)

var gasChangeNames = map[GasChangeReason]string{
	GasChangeUnspecified: "Unspecified", GasChangeTxInitialBalance: "TxInitialBalance",
	GasChangeTxIntrinsicGas: "TxIntrinsicGas", GasChangeTxRefunds: "TxRefunds",
	GasChangeTxLeftOverReturned: "TxLeftOverReturned", GasChangeCallInitialBalance: "CallInitialBalance",
	GasChangeCallLeftOverReturned: "CallLeftOverReturned", GasChangeCallLeftOverRefunded: "CallLeftOverRefunded",
	GasChangeCallContractCreation: "CallContractCreation", GasChangeCallContractCreation2: "CallContractCreation2",
	GasChangeCallCodeStorage: "CallCodeStorage", GasChangeCallOpCode: "CallOpCode",
	GasChangeCallPrecompiledContract: "CallPrecompiledContract", GasChangeCallStorageColdAccess: "CallStorageColdAccess",
	GasChangeCallFailedExecution: "CallFailedExecution", GasChangeTxDataFloor: "TxDataFloor",
	GasChangeRefundAccountCreation: "RefundAccountCreation", GasChangeTxRuntimeGas: "TxRuntimeGas",
	GasChangeAccountCreation: "AccountCreation", GasChangeRefundRevertedState: "RefundRevertedState",
	GasChangeStateGasRepaid: "StateGasRepaid",
}

func (r GasChangeReason) String() string {
	if s, ok := gasChangeNames[r]; ok {
		return s
	}
	return "GasChangeReason(" + strconv.Itoa(int(r)) + ")"
}

// BalanceChangeReason says why OnBalanceChange was called; values and
// meaning are geth's tracing.BalanceChangeReason.
type BalanceChangeReason byte

const (
	BalanceChangeUnspecified BalanceChangeReason = 0
	// BalanceIncreaseRewardMineUncle and ...MineBlock: proof-of-work rewards.
	BalanceIncreaseRewardMineUncle BalanceChangeReason = 1
	BalanceIncreaseRewardMineBlock BalanceChangeReason = 2
	// BalanceIncreaseWithdrawal: an EIP-4895 withdrawal.
	BalanceIncreaseWithdrawal BalanceChangeReason = 3
	// BalanceIncreaseGenesisBalance: a genesis allocation.
	BalanceIncreaseGenesisBalance BalanceChangeReason = 4
	// BalanceIncreaseRewardTransactionFee: the fee recipient's tip.
	BalanceIncreaseRewardTransactionFee BalanceChangeReason = 5
	// BalanceDecreaseGasBuy: the sender buys the transaction's gas.
	BalanceDecreaseGasBuy BalanceChangeReason = 6
	// BalanceIncreaseGasReturn: unused gas is paid back.
	BalanceIncreaseGasReturn BalanceChangeReason = 7
	// BalanceIncreaseDaoContract and BalanceDecreaseDaoAccount: the DAO
	// fork's move of the drained accounts' ether to the refund contract
	// (EIP-779).
	BalanceIncreaseDaoContract BalanceChangeReason = 8
	BalanceDecreaseDaoAccount  BalanceChangeReason = 9
	// BalanceChangeTransfer: value moved by a call or creation.
	BalanceChangeTransfer BalanceChangeReason = 10
	// BalanceChangeTouchAccount: a zero transfer that only touches.
	BalanceChangeTouchAccount BalanceChangeReason = 11
	// BalanceIncreaseSelfdestruct: the beneficiary of a SELFDESTRUCT.
	BalanceIncreaseSelfdestruct BalanceChangeReason = 12
	// BalanceDecreaseSelfdestruct: the self-destructing account.
	BalanceDecreaseSelfdestruct BalanceChangeReason = 13
	// BalanceDecreaseSelfdestructBurn: ether a destroyed account received
	// after its SELFDESTRUCT, burned when the transaction ends.
	BalanceDecreaseSelfdestructBurn BalanceChangeReason = 14
)

var balanceChangeNames = map[BalanceChangeReason]string{
	BalanceChangeUnspecified: "Unspecified", BalanceIncreaseRewardMineUncle: "RewardMineUncle",
	BalanceIncreaseRewardMineBlock: "RewardMineBlock", BalanceIncreaseWithdrawal: "Withdrawal",
	BalanceIncreaseGenesisBalance: "GenesisBalance", BalanceIncreaseRewardTransactionFee: "RewardTransactionFee",
	BalanceDecreaseGasBuy: "GasBuy", BalanceIncreaseGasReturn: "GasReturn",
	BalanceIncreaseDaoContract: "DaoContract", BalanceDecreaseDaoAccount: "DaoAccount", BalanceChangeTransfer: "Transfer",
	BalanceChangeTouchAccount: "TouchAccount", BalanceIncreaseSelfdestruct: "IncreaseSelfdestruct",
	BalanceDecreaseSelfdestruct: "DecreaseSelfdestruct", BalanceDecreaseSelfdestructBurn: "DecreaseSelfdestructBurn",
}

func (r BalanceChangeReason) String() string {
	if s, ok := balanceChangeNames[r]; ok {
		return s
	}
	return "BalanceChangeReason(" + strconv.Itoa(int(r)) + ")"
}
