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
// Two longer sequences solc emits (counted in the same traces, 2026-12-07):
//
//	PUSH1 1 PUSH1 1 PUSH1 n SHL SUB [AND]   swap_math 13%: sub(shl(n, 1), 1), the mask
//	                                        solc cleans addresses (n = 160) and
//	                                        uint128s (n = 128) with, mostly ANDed
//	                                        at once
//	PUSH1 c DUP2 MSTORE                     structarray_alloc 31%, snailtracer: a
//	                                        constant (0, zeroing a new struct's
//	                                        fields) stored at the pointer on top
//	DUPn op, op one of ADD SUB LT GT EQ     blake2b_huff 13.5% (DUP7 AND 4.2%, DUP6 AND
//	AND OR XOR SHL SHR SIGNEXTEND           3.1%, DUP10 SHR 2.5%, DUP2 XOR 1.7%),
//	                                        blake2b_shifts 2.6% (DUP2 LT), sha1_shifts
//	                                        1.5% (DUP7 AND), signextend (DUPn
//	                                        SIGNEXTEND throughout)
//
// (PUSH2 dest JUMP, PUSH2 dest JUMPI, and PUSH2 offset MLOAD and MSTORE,
// 13% of blake2b_huff's instructions, are fused at run time in runFast's
// PUSH2 case.) None of the pairs can fail once their block's checks passed
// (the triple fails where its JUMPI would; PUSH1 c DUP2 MSTORE, where
// memory cannot grow in its step, runs as the pair and the MSTORE), and
// each is inside one block: its first instruction never ends one and no
// JUMPDEST follows it.

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
			if k := lowMaskKey(keys, code, pc); k != 0 {
				keys[pc] = k
				continue
			}
			if keys[pc+2] == kDup2 && pc+3 < len(code) && keys[pc+3] == kMstore {
				keys[pc] = kPush1Dup2Mstore
				continue
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
		case kDup1, kDup2, kDup3, kDup4, kDup5, kDup6, kDup7, kDup8,
			kDup9, kDup10, kDup11, kDup12, kDup13, kDup14, kDup15, kDup16:
			if k := dupOpKey(keys[pc+1]); k != 0 {
				keys[pc] = k
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

// lowMaskKey is kPushLowMask if code at pc is solc's
// PUSH1 1 PUSH1 1 PUSH1 n SHL SUB, which pushes 2^n - 1, and kAndLowMask
// if an AND follows; otherwise 0. The keys say the five are the
// standard instructions of the fork (SHL exists, none replaced).
func lowMaskKey(keys []fastKey, code []byte, pc int) fastKey {
	if pc+8 > len(code) || code[pc+1] != 1 || code[pc+3] != 1 ||
		keys[pc+2] != kPush1 || keys[pc+4] != kPush1 || keys[pc+6] != kShl || keys[pc+7] != kSub {
		return 0
	}
	if pc+8 < len(code) && keys[pc+8] == kAnd {
		return kAndLowMask
	}
	return kPushLowMask
}

// dupOpKey is the key of DUPn followed by the binary operation op, or 0
// if that pair is not fused.
func dupOpKey(op fastKey) fastKey {
	switch op {
	case kAdd:
		return kDupAdd
	case kSub:
		return kDupSub
	case kLt:
		return kDupLt
	case kGt:
		return kDupGt
	case kEq:
		return kDupEq
	case kAnd:
		return kDupAnd
	case kOr:
		return kDupOr
	case kXor:
		return kDupXor
	case kShl:
		return kDupShl
	case kShr:
		return kDupShr
	case kSignextend:
		return kDupSignextend
	}
	return 0
}
