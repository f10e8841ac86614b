package transition

import (
	"fmt"

	"github.com/goevm/goevm/evm"
	"github.com/goevm/goevm/fork"
	"github.com/goevm/goevm/types"
	"github.com/holiman/uint256"
)

// System contracts called by the protocol itself at block boundaries.
var (
	// SystemAddress is the caller of every system call (EIP-4788).
	SystemAddress = types.MustHexToAddress("0xfffffffffffffffffffffffffffffffffffffffe")
	// BeaconRootsAddress stores parent beacon block roots (EIP-4788, Cancun).
	BeaconRootsAddress = types.MustHexToAddress("0x000F3df6D732807Ef1319fB7B8bB8522d0Beac02")
	// HistoryStorageAddress stores recent block hashes (EIP-2935, Prague).
	HistoryStorageAddress = types.MustHexToAddress("0x0000F90827F1C53a10cb7A02335B175320002935")
	// WithdrawalRequestAddress queues execution-triggered withdrawals (EIP-7002).
	WithdrawalRequestAddress = types.MustHexToAddress("0x00000961Ef480Eb55e80D19ad83579A64c007002")
	// ConsolidationRequestAddress queues consolidations (EIP-7251).
	ConsolidationRequestAddress = types.MustHexToAddress("0x0000BBdDc7CE488642fb579F8B00f3a590007251")
	// BuilderDepositRequestAddress queues builder deposits (EIP-8282,
	// Amsterdam; geth params.BuilderDepositAddress).
	BuilderDepositRequestAddress = types.MustHexToAddress("0x0000BFF46984E3725691FA540A8C7589300D8282")
	// BuilderExitRequestAddress queues builder exits (EIP-8282).
	BuilderExitRequestAddress = types.MustHexToAddress("0x000064D678505AD48F8CCB093BC65613800E8282")
)

// SystemCallGas is the gas every system call gets (EIP-4788 and its successors);
// it is not charged to the block.
const SystemCallGas = 30_000_000

// systemCall runs the code at addr as SystemAddress with input, outside any
// transaction: no nonce, no fee, no gas charged to the block. Empty accounts
// it touches are deleted afterwards, as after a transaction. checked marks
// the calls EIP-7002/7251 require to succeed (Prague's
// process_checked_system_transaction): for them an empty contract or a
// failing call invalidates the block.
func systemCall(db StateDB, env *BlockEnv, addr types.Address, input []byte, checked bool) ([]byte, error) {
	if checked && len(db.GetCode(addr)) == 0 {
		return nil, fmt.Errorf("%w: %s", ErrSystemContractEmpty, addr)
	}
	defer beginSystemCallBAL(db)()      // block_bal.go: the caller is no access (EIP-7928)
	db, end := beginSystemCall(db, env) // tx_hooks.go: nothing when untraced
	defer end()
	db.BeginTx()
	rules := env.rules()
	vm := evm.New(env.BlockContext(), evm.TxContext{Origin: SystemAddress}, db, rules, env.evmConfig())
	db.AddAddressToAccessList(addr)
	if rules.Has(8037) {
		// EIP-8037: a system call's state gas comes from a reservoir of
		// SYSTEM_MAX_SSTORES_PER_CALL new slots, beside its 30M execution gas.
		vm.SetStateGasReservoir(fork.SystemCallStateReservoir)
	}
	ret, _, err := vm.Call(SystemAddress, addr, input, SystemCallGas, new(uint256.Int))
	if err != nil && checked {
		db.Finalise(true)
		return nil, fmt.Errorf("%w: %s: %w", ErrSystemCallFailed, addr, err)
	}
	db.Finalise(true)
	return ret, nil
}
