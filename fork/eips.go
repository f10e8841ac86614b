package fork

import "slices"

// EIP is one entry of the index of EIPs goevm implements.
type EIP struct {
	Number  int
	Title   string // the EIP's own title
	Summary string // what it changes, in one line
	Code    string // where goevm implements it
}

// eipIndex lists every EIP a fork's rules switch on (eipsByFork), in
// number order. TestEIPIndexMatchesForks keeps the two in step.
var eipIndex = []EIP{
	{2, "Homestead hard-fork changes", "creation costs 53000, signatures with high s are invalid, a creation out of gas for its code fails", "evm/create.go, types/tx.go, transition/intrinsic.go"},
	{7, "DELEGATECALL", "adds DELEGATECALL (0xf4)", "evm/opcodes.go, evm/instr_call.go"},
	{100, "Change difficulty adjustment to target mean block time including uncles", "difficulty adjusts by max(y - Δt/9, -99), y = 2 after a block with ommers", "transition/block_difficulty.go"},
	{140, "REVERT instruction", "adds REVERT (0xfd): stop, return data, keep remaining gas, undo state", "evm/opcodes.go, evm/instr_flow.go"},
	{145, "Bitwise shifting instructions in EVM", "adds SHL, SHR, SAR", "evm/opcodes.go, evm/instr_arith.go"},
	{150, "Gas cost changes for IO-heavy operations", "reprices state access, a call forwards at most 63/64 of the gas left", "evm/opcodes.go, evm/instr_call.go, evm/gas.go"},
	{152, "Add BLAKE2 compression function F precompile", "precompile 0x09: BLAKE2b F", "evm/precompile/blake2f.go"},
	{155, "Simple replay attack protection", "signatures may commit to a chain id", "types/tx.go, transition/sender.go"},
	{160, "EXP cost increase", "EXP costs 50 per exponent byte", "evm/instr_arith.go"},
	{161, "State trie clearing", "touched empty accounts are deleted; CALL to an empty account does not charge for a new one", "evm/call.go, transition/apply.go, state"},
	{170, "Contract code size limit", "deployed code is at most 24576 bytes (fork.MaxCodeSize)", "evm/create.go, fork/params.go"},
	{196, "Precompiled contracts for addition and scalar multiplication on the elliptic curve alt_bn128", "precompiles 0x06 (ECADD) and 0x07 (ECMUL)", "evm/precompile/bn254_add.go, bn254_mul.go"},
	{197, "Precompiled contracts for optimal ate pairing check on the elliptic curve alt_bn128", "precompile 0x08 (ECPAIRING)", "evm/precompile/bn254_pairing.go"},
	{198, "Big integer modular exponentiation", "precompile 0x05 (MODEXP)", "evm/precompile/modexp.go, modexp_gas.go"},
	{211, "New opcodes: RETURNDATASIZE and RETURNDATACOPY", "adds RETURNDATASIZE and RETURNDATACOPY", "evm/opcodes.go, evm/instr_env.go"},
	{214, "New opcode STATICCALL", "adds STATICCALL: a call that cannot change state", "evm/opcodes.go, evm/instr_call.go"},
	{649, "Metropolis Difficulty Bomb Delay and Block Reward Reduction", "bomb delayed 3M blocks, block reward 3 ETH", "fork/params.go, transition/block_difficulty.go"},
	{658, "Embedding transaction status code in receipts", "a receipt carries a status instead of the intermediate state root", "transition/block_exec.go, types/receipt.go"},
	{1014, "Skinny CREATE2", "adds CREATE2: an address from sender, salt and initcode hash", "evm/opcodes.go, evm/create.go"},
	{1052, "EXTCODEHASH opcode", "adds EXTCODEHASH", "evm/opcodes.go, evm/instr_env.go"},
	{1108, "Reduce alt_bn128 precompile gas costs", "reprices 0x06, 0x07, 0x08", "evm/precompile/bn254_add.go, bn254_mul.go, bn254_pairing.go"},
	{1153, "Transient storage opcodes", "adds TLOAD and TSTORE", "evm/opcodes.go, evm/instr_storage.go, state"},
	{1234, "Constantinople Difficulty Bomb Delay and Block Reward Adjustment", "bomb delayed 5M blocks, block reward 2 ETH", "fork/params.go"},
	{1283, "Net gas metering for SSTORE without dirty maps", "SSTORE priced by original, current and new value (Constantinople only; Petersburg removes it)", "evm/instr_storage.go"},
	{1344, "ChainID opcode", "adds CHAINID", "evm/opcodes.go, evm/instr_env.go"},
	{1559, "Fee market change for ETH 1.0 chain", "base fee burned, type-2 transactions, header baseFeePerGas", "transition/block_fees.go, transition/validate.go, transition/apply.go, fork/params.go"},
	{1884, "Repricing for trie-size-dependent opcodes", "reprices SLOAD, BALANCE, EXTCODEHASH; adds SELFBALANCE", "evm/opcodes.go, evm/instr_storage.go"},
	{2028, "Transaction data gas cost reduction", "a non-zero calldata byte costs 16", "transition/intrinsic.go, fork/params.go"},
	{2200, "Structured Definitions for Net Gas Metering", "SSTORE net metering with the 2300 stipend sentry", "evm/instr_storage.go"},
	{2384, "Muir Glacier Difficulty Bomb Delay", "bomb delayed 9M blocks", "fork/params.go"},
	{2537, "Precompile for BLS12-381 curve operations", "precompiles 0x0b-0x11", "evm/precompile/bls12381_*.go"},
	{2565, "ModExp Gas Cost", "reprices MODEXP", "evm/precompile/modexp_gas.go"},
	{2718, "Typed Transaction Envelope", "transactions and receipts carry a type byte", "types/tx.go, types/tx_decode.go, types/receipt.go"},
	{2780, "Reduce intrinsic transaction gas", "intrinsic base TX_BASE_COST 12000 + the recipient's cold access (CREATE_ACCESS for a creation, none to oneself) + TX_VALUE_COST 6000 for value; 7816 per authorization, whose new state is charged as it applies; a new or delegated recipient charged before the first frame", "transition/intrinsic2780.go, transition/stategas.go"},
	{2929, "Gas cost increases for state access opcodes", "cold/warm account and slot access", "evm/gas.go, evm/instr_env.go, evm/instr_storage.go, transition/apply.go"},
	{2930, "Optional access lists", "type-1 transactions with access lists that pre-warm", "types/tx.go, transition/validate.go, transition/intrinsic.go"},
	{2935, "Serve historical block hashes from state", "a system call stores the parent hash in the history contract", "transition/block_exec.go, transition/block_system.go"},
	{3198, "BASEFEE opcode", "adds BASEFEE", "evm/opcodes.go, evm/instr_env.go"},
	{3529, "Reduction in refunds", "refund capped at gas used / 5, no SELFDESTRUCT refund, smaller SSTORE clear refund", "evm/instr_storage.go, transition/apply.go"},
	{3541, "Reject new contract code starting with the 0xEF byte", "deploying code that starts with 0xEF fails", "evm/create.go"},
	{3554, "Difficulty Bomb Delay to December 2021", "bomb delayed 9.7M blocks", "fork/params.go"},
	{3651, "Warm COINBASE", "the coinbase starts warm", "transition/apply.go"},
	{3675, "Upgrade consensus to Proof-of-Stake", "the Merge: no difficulty, nonce, ommers or block rewards", "transition/block_header.go, transition/block_exec.go, transition/block_ommers.go"},
	{3855, "PUSH0 instruction", "adds PUSH0", "evm/opcodes.go"},
	{3860, "Limit and meter initcode", "initcode at most 49152 bytes, 2 gas per word", "evm/create.go, evm/instr_call.go, transition/txstatic.go, fork/params.go"},
	{4345, "Difficulty Bomb Delay to June 2022", "bomb delayed 10.7M blocks", "fork/params.go"},
	{4399, "Supplant DIFFICULTY opcode with PREVRANDAO", "0x44 returns the beacon chain's randomness", "evm/instr_env.go, transition/tx_hooks.go"},
	{4788, "Beacon block root in the EVM", "a system call stores the parent beacon root; header parentBeaconBlockRoot", "transition/block_exec.go, transition/block_system.go"},
	{4844, "Shard Blob Transactions", "type-3 blob transactions, BLOBHASH, point evaluation precompile 0x0a, blob gas header fields", "transition/blobs.go, transition/validate.go, evm/precompile/kzg.go, fork/params.go"},
	{4895, "Beacon chain push withdrawals as operations", "withdrawals credited after the transactions; header withdrawalsRoot", "transition/block_exec.go, transition/block_process.go"},
	{5133, "Delaying Difficulty Bomb to mid-September 2022", "bomb delayed 11.4M blocks", "fork/params.go"},
	{5656, "MCOPY - Memory copying instruction", "adds MCOPY", "evm/opcodes.go, evm/instr_memory.go"},
	{6110, "Supply validator deposits on chain", "deposit requests from the deposit contract's logs", "transition/block_requests.go"},
	{6780, "SELFDESTRUCT only in same transaction", "SELFDESTRUCT deletes only accounts created in the same transaction", "evm/instr_call.go, state"},
	{7002, "Execution layer triggerable withdrawals", "withdrawal requests from a system call", "transition/block_requests.go, transition/block_system.go"},
	{7251, "Increase the MAX_EFFECTIVE_BALANCE", "consolidation requests from a system call", "transition/block_requests.go, transition/block_system.go"},
	{7516, "BLOBBASEFEE instruction", "adds BLOBBASEFEE", "evm/opcodes.go, evm/instr_env.go"},
	{7594, "PeerDAS - Peer Data Availability Sampling", "at most 6 blobs per transaction", "fork/params.go, transition/validate.go"},
	{7623, "Increase calldata cost", "a transaction pays at least the calldata floor, 10 gas per token", "transition/intrinsic.go, transition/apply.go, fork/params.go"},
	{7685, "General purpose execution layer requests", "the block's requests and header requestsHash", "transition/block_requests.go, transition/block_exec.go"},
	{7691, "Blob throughput increase", "blob target 6, max 9, update fraction 5007716", "fork/params.go"},
	{7702, "Set Code for EOAs", "type-4 transactions install delegation designators", "transition/authorize.go, evm/call.go, transition/validate.go"},
	{7708, "ETH transfers emit a log", "a non-zero value moving between different accounts (transaction, CALL, CREATE, SELFDESTRUCT) logs an ERC-20 Transfer from SYSTEM_ADDRESS; the burn log is unreachable with EIP-8246 and its end-of-transaction form is not implemented", "evm/transfer_log.go, evm/call.go, evm/create.go, evm/instr_call.go"},
	{7778, "Prevent Block Gas Smuggling", "the block counts each transaction's gas before refunds (at least the floor); receipts keep what the sender paid", "transition/apply.go, transition/block_exec.go, rpc/simulate_block.go"},
	{7823, "Set upper bounds for MODEXP", "MODEXP inputs above 1024 bytes fail", "evm/precompile/modexp.go"},
	{7825, "Transaction Gas Limit Cap", "a transaction asks for at most 2^24 gas", "transition/txstatic.go, fork/params.go"},
	{7840, "Add blob schedule to EL config files", "the blob schedule is configurable per fork", "chain/config.go, chain/gethgenesis.go, transition/block_config.go"},
	{7843, "SLOTNUM opcode", "adds SLOTNUM (0x4b): the beacon chain slot of the block; header slotNumber", "evm/opcodes.go, evm/instr_env.go, transition/block_header.go, transition/block_env.go"},
	{7883, "ModExp Gas Cost Increase", "reprices MODEXP", "evm/precompile/modexp_gas.go"},
	{7918, "Blob base fee bounded by execution cost", "excess blob gas grows while blobs are cheaper than BLOB_BASE_COST of execution", "transition/block_fees.go, fork/params.go"},
	{7928, "Block-Level Access Lists", "every account and slot a block accesses, with post-values per block access index, committed by the header's blockAccessListHash; at most gas_limit / 2000 items", "types/bal.go, transition/block_bal.go, transition/block_process.go, transition/block_exec.go"},
	{7934, "RLP Execution Block Size Limit", "blocks at most 10 MiB of RLP; listed by Osaka, the size check is not implemented yet", "fork/rules.go"},
	{7939, "Count leading zeros (CLZ) opcode", "adds CLZ", "evm/opcodes.go, evm/instr_arith.go"},
	{7951, "Precompile for secp256r1 Curve Support", "precompile 0x100 (P256VERIFY)", "evm/precompile/p256verify.go"},
	{7954, "Increase Maximum Contract Size", "deployed code at most 64 KiB, initcode at most 128 KiB", "fork/params.go, evm/create.go, transition/txstatic.go"},
	{7976, "Increase Calldata Floor Cost", "the calldata floor is 16 a token, every byte 4 tokens: 64 gas a byte", "transition/intrinsic.go, fork/params.go"},
	{7981, "Increase Access List Cost", "access-list entries are floor data (80 tokens an address, 128 a key), charged in the intrinsic gas at the floor price and counted in the floor", "transition/intrinsic.go, fork/params.go"},
	{7997, "Deterministic Factory Predeploy", "a CREATE2 factory predeployed at 0x4e59b44847b379578588920cA78FbF26c0B4956C with geth's code (the stored EIP draft says 0x0b and other code; goevm follows geth v1.17.10 and execution-spec-tests)", "chain/predeploys.go, chain/genesis.go"},
	{8024, "Backward compatible SWAPN, DUPN, EXCHANGE", "adds DUPN, SWAPN, EXCHANGE with a 1-byte immediate that jump-destination analysis does not skip", "evm/opcodes.go, evm/instr_stackn.go, evm/blocks.go, asm"},
	{8037, "State Creation Gas Cost Increase", "state creation paid in state gas (1530 a byte: account 120, slot 64, delegation 23, code its length) from a reservoir of the gas above the 2^24 execution cap; the block counts execution and state gas apart", "evm/state_gas.go, evm/instr_storage.go, evm/instr_call.go, evm/create.go, transition/stategas.go, transition/block_exec.go, fork/params.go"},
	{8038, "State-access gas cost update", "cold account access 3000, CALL_VALUE 11300, CREATE 12000, SSTORE as access + STORAGE_WRITE 10000 (clear refund 11616), EXTCODESIZE/EXTCODECOPY a WARM_ACCESS more, access-list entries 2900/2000", "fork/params.go, evm/instr_storage.go, evm/instr_call.go, evm/instr_env.go, evm/opcodes.go, transition/intrinsic.go"},
	{8246, "Remove SELFDESTRUCT Burn", "SELFDESTRUCT burns nothing: to itself the balance stays, and a destroyed account keeps its balance with nonce 0, no code and no storage (deleted if empty)", "evm/instr_call.go, state/memory.go, state/tx.go"},
	{8282, "Builder Execution Requests", "builder deposit (type 0x03) and exit (type 0x04) requests read from two system contracts after the EIP-7002 and EIP-7251 queues", "transition/block_requests.go, transition/block_system.go, chain/predeploys.go"},
}

// EIPs lists every EIP goevm implements, by number.
func EIPs() []EIP { return slices.Clone(eipIndex) }

// LookupEIP returns the index entry of EIP n.
func LookupEIP(n int) (EIP, bool) {
	i, ok := slices.BinarySearchFunc(eipIndex, n, func(e EIP, n int) int { return e.Number - n })
	if !ok {
		return EIP{}, false
	}
	return eipIndex[i], true
}
