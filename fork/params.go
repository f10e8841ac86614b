package fork

// Parameters the EIPs set, each written once here next to the EIP that sets
// it. Consensus code (evm, transition) reads these; which ones are in force
// is a question for Rules.Has, never a fork comparison.

// Transaction intrinsic gas (Yellow Paper appendix G and the EIPs named).
const (
	TxGas                   = 21000 // G_transaction
	TxCreateGas             = 32000 // EIP-2: G_txcreate for contract-creating transactions
	TxDataZeroGas           = 4     // G_txdatazero
	TxDataNonZeroGasYP      = 68    // G_txdatanonzero before EIP-2028
	TxDataNonZeroGasEIP2028 = 16    // EIP-2028
	AccessListAddressGas    = 2400  // EIP-2930 ACCESS_LIST_ADDRESS_COST
	AccessListStorageKeyGas = 1900  // EIP-2930 ACCESS_LIST_STORAGE_KEY_COST
	PerEmptyAccountCost     = 25000 // EIP-7702 PER_EMPTY_ACCOUNT_COST, per authorization
)

// EIP-7623: the calldata floor.
const (
	TotalCostFloorPerToken = 10 // TOTAL_COST_FLOOR_PER_TOKEN
	TokensPerNonZeroByte   = 4  // a non-zero calldata byte counts as 4 tokens, a zero byte as 1
)

// EIP-7976 and EIP-7981: the floor at 64 gas a byte, access lists included.
const (
	TotalCostFloorPerToken7976 = 16 // EIP-7976 TOTAL_COST_FLOOR_PER_TOKEN
	FloorTokensPerByte7976     = 4  // EIP-7976: every calldata byte, zero or not, is 4 floor tokens (STANDARD_TOKEN_COST)
	// EIP-7981: an access-list entry counts as data, 4 floor tokens a byte.
	AccessListAddressFloorTokens    = 20 * FloorTokensPerByte7976 // ACCESS_LIST_ADDRESS_FLOOR_TOKENS (80: 20 bytes)
	AccessListStorageKeyFloorTokens = 32 * FloorTokensPerByte7976 // ACCESS_LIST_STORAGE_KEY_FLOOR_TOKENS (128: 32 bytes)
)

// FloorCostPerToken is the calldata floor's gas per token: EIP-7976's 16,
// else EIP-7623's 10.
func (r *Rules) FloorCostPerToken() uint64 {
	if r.Has(7976) {
		return TotalCostFloorPerToken7976
	}
	return TotalCostFloorPerToken
}

// Code and initcode size limits.
const (
	MaxCodeSize     = 24576           // EIP-170 MAX_CODE_SIZE
	MaxInitCodeSize = 2 * MaxCodeSize // EIP-3860 MAX_INITCODE_SIZE
	InitCodeWordGas = 2               // EIP-3860 INITCODE_WORD_COST

	MaxCodeSizeEIP7954     = 0x10000 // EIP-7954: MAX_CODE_SIZE raised to 64 KiB
	MaxInitCodeSizeEIP7954 = 0x20000 // EIP-7954: MAX_INITCODE_SIZE raised to 128 KiB
)

// TxGasLimitCap is EIP-7825's cap on a transaction's gas limit, 2^24.
const TxGasLimitCap = 1 << 24

// Refund caps: at most gas used / quotient is refunded.
const (
	RefundQuotientYP      = 2 // before EIP-3529
	RefundQuotientEIP3529 = 5 // EIP-3529 MAX_REFUND_QUOTIENT
)

// BlobSchedule is a blob schedule: how many blobs a block may carry and
// how fast the blob base fee reacts to excess blob gas.
type BlobSchedule struct {
	Target, Max    uint64 // blobs per block
	MaxPerTx       uint64 // blobs per transaction (EIP-7594); 0 means Max
	UpdateFraction uint64 // BLOB_BASE_FEE_UPDATE_FRACTION
}

var (
	blobsEIP4844 = BlobSchedule{Target: 3, Max: 6, UpdateFraction: 3338477}
	blobsEIP7691 = BlobSchedule{Target: 6, Max: 9, UpdateFraction: 5007716}
)

// blobsPerTxEIP7594 is EIP-7594's MAX_BLOBS_PER_TX.
const blobsPerTxEIP7594 = 6

// BlobSchedule is the blob schedule the EIPs in force set: EIP-4844's,
// raised by EIP-7691, with EIP-7594's per-transaction cap (the block
// schedule stays EIP-7691's until the blob-parameter-only forks). Zero
// without EIP-4844.
func (r *Rules) BlobSchedule() BlobSchedule {
	var s BlobSchedule
	if r.Has(4844) {
		s = blobsEIP4844
	}
	if r.Has(7691) {
		s = blobsEIP7691
	}
	if r.Has(7594) {
		s.MaxPerTx = blobsPerTxEIP7594
	}
	return s
}

// bombDelays are the blocks each EIP pushed the difficulty bomb back by.
var bombDelays = []struct {
	eip    int
	blocks uint64
}{
	{649, 3_000_000},   // Byzantium
	{1234, 5_000_000},  // Constantinople
	{2384, 9_000_000},  // Muir Glacier
	{3554, 9_700_000},  // London
	{4345, 10_700_000}, // Arrow Glacier
	{5133, 11_400_000}, // Gray Glacier
}

// BombDelay is the difficulty bomb delay in force: the largest of the delay
// EIPs' (each one replaces the one before), zero with none.
func (r *Rules) BombDelay() uint64 {
	var d uint64
	for _, b := range bombDelays {
		if r.Has(b.eip) {
			d = max(d, b.blocks)
		}
	}
	return d
}

// Proof-of-work block rewards in wei (Yellow Paper R_block).
const (
	blockRewardYP      = 5_000_000_000_000_000_000
	blockRewardEIP649  = 3_000_000_000_000_000_000 // Byzantium
	blockRewardEIP1234 = 2_000_000_000_000_000_000 // Constantinople
)

// BlockRewardWei is the proof-of-work block reward the EIPs in force set.
// The Merge (EIP-3675) ends block rewards; callers check for it.
func (r *Rules) BlockRewardWei() uint64 {
	switch {
	case r.Has(1234):
		return blockRewardEIP1234
	case r.Has(649):
		return blockRewardEIP649
	}
	return blockRewardYP
}

// ArrivalOf is the first fork whose rules include eip; false if none does.
func ArrivalOf(eip int) (Fork, bool) {
	for _, f := range All() {
		if r := f.Rules(); r.Has(eip) {
			return f, true
		}
	}
	return 0, false
}

// EIP-1559 fee market.
const (
	InitialBaseFee           = 1_000_000_000 // INITIAL_BASE_FEE, of the first EIP-1559 block
	BaseFeeChangeDenominator = 8             // BASE_FEE_MAX_CHANGE_DENOMINATOR
	ElasticityMultiplier     = 2             // ELASTICITY_MULTIPLIER: the limit is twice the target
)

// BlobBaseCost is EIP-7918's BLOB_BASE_COST: the blob base fee is kept from
// falling far below the execution cost of a blob.
const BlobBaseCost = 1 << 13

// Named parameters: the value the EIPs in force set, for code that would
// otherwise ask Has and then pick a constant.

// RefundQuotient is the refund cap's divisor: at most gas used / it is
// refunded (EIP-3529: 5; before it, 2).
func (r *Rules) RefundQuotient() uint64 {
	if r.Has(3529) {
		return RefundQuotientEIP3529
	}
	return RefundQuotientYP
}

// TxDataNonZeroGas is the intrinsic gas of a non-zero calldata byte
// (EIP-2028: 16; before it, 68).
func (r *Rules) TxDataNonZeroGas() uint64 {
	if r.Has(2028) {
		return TxDataNonZeroGasEIP2028
	}
	return TxDataNonZeroGasYP
}

// TxGasLimitCap is the most gas a transaction may ask for: EIP-8037's
// total cap (gas above the execution cap goes to the state-gas reservoir),
// else EIP-7825's cap, else 0 (no cap).
func (r *Rules) TxGasLimitCap() uint64 {
	if r.Has(8037) {
		return MaxTxTotalGas
	}
	if r.Has(7825) {
		return TxGasLimitCap
	}
	return 0
}

// MaxInitCodeSize is the longest initcode allowed: EIP-7954's limit, else
// EIP-3860's, or 0 (no limit) without it.
func (r *Rules) MaxInitCodeSize() int {
	if r.Has(7954) {
		return MaxInitCodeSizeEIP7954
	}
	if r.Has(3860) {
		return MaxInitCodeSize
	}
	return 0
}

// MaxCodeSize is the longest deployed code allowed: EIP-7954's limit, else
// EIP-170's, or 0 (no limit) without it.
func (r *Rules) MaxCodeSize() int {
	if r.Has(7954) {
		return MaxCodeSizeEIP7954
	}
	if r.Has(170) {
		return MaxCodeSize
	}
	return 0
}

// EIP-8038: state-access gas cost update (values as go-ethereum v1.17.10 and
// the execution specs' Amsterdam fork set them; the EIP text still says TBD).
const (
	ColdAccountAccess8038       = 3000  // COLD_ACCOUNT_ACCESS
	WarmAccess8038              = 100   // WARM_ACCESS
	AccountWrite8038            = 9000  // ACCOUNT_WRITE
	CallValue8038               = 11300 // CALL_VALUE = ACCOUNT_WRITE + CALL_STIPEND
	ColdStorageAccess8038       = 2100  // COLD_STORAGE_ACCESS
	StorageWrite8038            = 10000 // STORAGE_WRITE
	StorageClearRefund8038      = 11616 // STORAGE_CLEAR_REFUND
	CreateAccess8038            = 12000 // CREATE_ACCESS = ACCOUNT_WRITE + COLD_ACCOUNT_ACCESS
	AccessListAddressGas8038    = 2900  // ACCESS_LIST_ADDRESS_COST
	AccessListStorageKeyGas8038 = 2000  // ACCESS_LIST_STORAGE_KEY_COST
)

// EIP-8037: state creation gas, a second dimension paid from a reservoir.
const (
	CostPerStateByte        = 1530                                       // COST_PER_STATE_BYTE (CPSB)
	StateBytesPerNewAccount = 120                                        // STATE_BYTES_PER_NEW_ACCOUNT
	StateBytesPerStorageSet = 64                                         // STATE_BYTES_PER_STORAGE_SET
	StateBytesPerAuthBase   = 23                                         // STATE_BYTES_PER_AUTH_BASE
	RegularPerAuthBaseCost  = 7816                                       // REGULAR_PER_AUTH_BASE_COST, intrinsic per authorization
	TxMaxGas8037            = 1 << 24                                    // TX_MAX_GAS_LIMIT: the execution gas a transaction may use
	MaxTxTotalGas           = 1<<32 - 1                                  // the cap on a transaction's gas limit that replaces EIP-7825's
	StateGasNewAccount      = StateBytesPerNewAccount * CostPerStateByte // 183600
	StateGasStorageSet      = StateBytesPerStorageSet * CostPerStateByte // 97920
	StateGasAuthBase        = StateBytesPerAuthBase * CostPerStateByte   // 35190
	SystemMaxSStoresPerCall = 16                                         // SYSTEM_MAX_SSTORES_PER_CALL
	// SystemCallStateReservoir is a system call's state-gas reservoir.
	SystemCallStateReservoir = SystemMaxSStoresPerCall * StateGasStorageSet
)

// EIP-2780: resource-based intrinsic transaction gas.
const (
	TxBaseCost2780  = 12000 // TX_BASE_COST
	TxValueCost2780 = 6000  // TX_VALUE_COST
)

// ColdAccountAccessGas is the price of a cold account access where no warm
// base covers part of it: EIP-8038's COLD_ACCOUNT_ACCESS, else EIP-2929's.
func (r *Rules) ColdAccountAccessGas() uint64 {
	if r.Has(8038) {
		return ColdAccountAccess8038
	}
	return 2600 // EIP-2929 COLD_ACCOUNT_ACCESS_COST
}

// AccessListGas is the intrinsic gas per access-list address and per
// storage key: EIP-8038's, else EIP-2930's.
func (r *Rules) AccessListGas() (perAddress, perKey uint64) {
	if r.Has(8038) {
		return AccessListAddressGas8038, AccessListStorageKeyGas8038
	}
	return AccessListAddressGas, AccessListStorageKeyGas
}

// CallValueGas is the charge of a CALL or CALLCODE moving value: EIP-8038's
// CALL_VALUE, else 9000 (G_callvalue).
func (r *Rules) CallValueGas() uint64 {
	if r.Has(8038) {
		return CallValue8038
	}
	return 9000
}

// BALItemCost is EIP-7928's BAL_ITEM_COST: a block access list holds at
// most gas_limit / BALItemCost items (accounts plus changed and read slots).
const BALItemCost = 2000
