package evm

// Superinstructions: pairs of instructions that compiled code runs often,
// which the fast loop runs as one step under the first one's key. Counts of
// adjacent pairs in EIP-3155 traces of the evm-benchmarks main cases
// (goevm statetest --trace) chose them, as a share of all instructions run:
//
//	PUSH1 n ADD    structarray_alloc 12.3%, snailtracer 2.2%
//	PUSH1 n DUP2   structarray_alloc 10.5%, sha1_shifts 3.5%, snailtracer 2.8%, blake2b_shifts 2.8%
//	PUSH1 n SHR    sha1_shifts 5.5%
//	PUSH1 n SHL    swap_math 3.0%, sha1_shifts 2.2%
//	SWAP1 POP      sha1_shifts 4.4%, swap_math 1.6%
//	POP POP        swap_math 3.8%, blake2b_shifts 3.2%
//
// and, counted once the pairs above are fused, the triple
//
//	ISZERO PUSH2 dest JUMPI   snailtracer 2.6%, swap_math 2.3%, sha1_shifts 2.1%, sha1_divs 2.0%
//
// (PUSH2 dest JUMP, PUSH2 dest JUMPI, and PUSH2 offset MLOAD and MSTORE,
// 13% of blake2b_huff's instructions, are fused at run time in runFast's
// PUSH2 case.) None of the pairs can fail once their block's checks passed
// (the triple fails where its JUMPI would), and each is inside one block:
// its first instruction never ends one and no JUMPDEST follows it.

// fuse gives each instruction that starts such a pair its pair's key. The
// second instruction keeps its own key: nothing jumps to it (it is no
// JUMPDEST), and the checked loop, which a failing block hands over to,
// reads the code itself. isOp marks the offsets that hold instructions.
func fuse(keys []fastKey, code []byte, isOp bitvec) {
	for pc := range code {
		if !isOp.has(uint64(pc)) {
			continue
		}
		switch keys[pc] {
		case kPush1:
			if pc+2 >= len(code) {
				continue // no instruction after it
			}
			switch keys[pc+2] {
			case kAdd:
				keys[pc] = kPush1Add
			case kShl:
				keys[pc] = kPush1Shl
			case kShr:
				keys[pc] = kPush1Shr
			case kDup2:
				keys[pc] = kPush1Dup2
			}
		case kSwap1:
			if keys[pc+1] == kPop {
				keys[pc] = kSwap1Pop
			}
		case kPop:
			if keys[pc+1] == kPop {
				keys[pc] = kPop2
			}
		case kIszero:
			if pc+4 < len(code) && keys[pc+1] == kPush2 && keys[pc+4] == kJumpi {
				keys[pc] = kIszeroJumpi
			}
		}
	}
}
