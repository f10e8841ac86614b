package evm

import (
	"math/bits"

	"github.com/goevm/goevm/types"
	"github.com/holiman/uint256"
)

// Gas constants not held in the opcode table's base-gas histories.
const (
	copyWordGas           = 3     // per word copied (CALLDATACOPY, ..., MCOPY)
	keccakWordGas         = 6     // per word hashed (KECCAK256, CREATE2)
	logTopicGas           = 375   // per LOG topic
	logDataGas            = 8     // per LOG data byte
	callStipend           = 2300  // free gas given to the callee of a value transfer
	callNewAccountGas     = 25000 // CALL creating an account
	selfdestructNewGas    = 25000 // EIP-150: SELFDESTRUCT to a new account
	selfdestructRefund    = 24000 // before EIP-3529
	codeDepositGas        = 200   // per byte of deployed code
	warmAccessCost        = 100   // EIP-2929 warm storage read / account access
	coldSloadCost         = 2100  // EIP-2929
	maxCallDepth          = 1024
	blockhashWindow       = 256
	sstoreSentryGas       = 2300 // EIP-2200: SSTORE fails with this much gas or less
	sstoreSetGas          = 20000
	sstoreResetGas        = 5000
	sstoreClearRefund     = 15000
	sstoreClearRefund3529 = 4800 // EIP-3529: SSTORE_RESET_GAS + ACCESS_LIST_STORAGE_KEY_COST
)

// safeAdd adds gas amounts, reporting overflow.
func safeAdd(a, b uint64) (uint64, bool) {
	s, carry := bits.Add64(a, b, 0)
	return s, carry != 0
}

// safeMul multiplies gas amounts, reporting overflow.
func safeMul(a, b uint64) (uint64, bool) {
	hi, lo := bits.Mul64(a, b)
	return lo, hi != 0
}

// wordCost is perWord·ceil(size/32) for a size from the stack; a size that
// does not fit in 64 bits, or a product that overflows, is out of gas.
func wordCost(size *uint256.Int, perWord uint64) (uint64, error) {
	if !size.IsUint64() {
		return 0, ErrGasUintOverflow
	}
	c, overflow := safeMul(toWordSize(size.Uint64()), perWord)
	if overflow {
		return 0, ErrGasUintOverflow
	}
	return c, nil
}

// accountAccessExtra is EIP-2929's (EIP-8038's) cold surcharge on top of a warm base
// price, warming the address; zero before Berlin or when already warm.
func (e *EVM) accountAccessExtra(addr types.Address) uint64 {
	if !e.is.eip2929 || e.db.AddressInAccessList(addr) {
		return 0
	}
	e.db.AddAddressToAccessList(addr)
	return e.is.coldAccountExtra
}

// Memory-size functions: which stack items give the offset and size.

func memAt(offset, size int) memorySizeFunc {
	return func(s *Stack) (uint64, bool) { return memSize(s.back(offset), s.back(size)) }
}

// memWord is a fixed-size access of n bytes at the offset at stack position offset.
func memWord(offset int, n uint64) memorySizeFunc {
	return func(s *Stack) (uint64, bool) {
		off := s.back(offset)
		if !off.IsUint64() || off.Uint64() > maxMemory {
			return 0, true
		}
		return (off.Uint64() + n + 31) / 32 * 32, false
	}
}

func addrOf(v *uint256.Int) types.Address { return types.Address(v.Bytes20()) }
