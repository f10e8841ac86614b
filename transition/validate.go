package transition

import (
	"fmt"

	"github.com/goevm/goevm/fork"
	"github.com/goevm/goevm/state"
	"github.com/goevm/goevm/types"
	"github.com/holiman/uint256"
)

// checked is what validation learns about a transaction that passes.
type checked struct {
	intrinsic, floor uint64
	gasPrice         uint256.Int // effective gas price
	blobGas          uint64
	blobFee          uint256.Int // blob gas * blob base fee, burned
}

// validate runs every check that can reject a transaction, in the order of
// the execution specs (validate_transaction, then check_transaction), so a
// transaction failing several rules reports the one the specs report. It
// reads state but does not change it.
func validate(db state.StateDB, env *Env, tx *types.Transaction, from types.Address) (*checked, error) {
	rules := &env.Rules
	var c checked

	intrinsic, floor, err := validateTransaction(tx, from, rules, !env.Config.NoCodeSizeLimit, env.Simulation)
	if err != nil {
		return nil, err
	}
	c.intrinsic, c.floor = intrinsic, floor
	if env.Simulation && env.CapExecutionGas {
		if err := checkIntrinsicCap(intrinsic, floor, rules, false); err != nil { // EIP-8037
			return nil, err
		}
	}

	// check_transaction: block gas, fees, blobs, shape, nonce, balance, sender.
	available := env.GasAvailable
	if available == 0 {
		available = env.Block.GasLimit
	}
	if tx.Gas > available {
		return nil, fmt.Errorf("%w: tx %d, block has %d", ErrGasLimitReached, tx.Gas, available)
	}
	if rules.Has(8037) && !env.uncappedExecution() {
		// EIP-8037: the execution dimension reserves only up to the cap.
		execAvailable := env.ExecGasAvailable
		if execAvailable == 0 {
			execAvailable = env.Block.GasLimit
		}
		if reserve := min(tx.Gas, fork.TxMaxGas8037); reserve > execAvailable {
			return nil, fmt.Errorf("%w: tx reserves %d execution gas, block has %d", ErrGasLimitReached, reserve, execAvailable)
		}
	}

	// The block's blob gas comes right after its gas (check_transaction's
	// blob_gas_available); the per-transaction blob count (EIP-7594) only
	// after the fees and the zero-blob check, so an Osaka transaction over
	// both limits is TYPE_3_TX_MAX_BLOB_GAS_ALLOWANCE_EXCEEDED. Before
	// Osaka there is no per-transaction limit but the block's: a
	// transaction above it is named for its blob count, as the Cancun and
	// Prague fixtures name it.
	blobs := env.blobParams()
	if tx.Type == types.BlobTxType {
		n := uint64(len(tx.BlobHashes))
		if blobs.MaxPerTx == 0 && n > blobs.Max {
			return nil, fmt.Errorf("%w: %d blobs, limit %d", ErrTooManyBlobs, n, blobs.Max)
		}
		c.blobGas = n * GasPerBlob
		if env.BlobGasUsed+c.blobGas > blobs.Max*GasPerBlob {
			return nil, fmt.Errorf("%w: %d blob gas used, tx wants %d", ErrBlobGasLimitExceeded, env.BlobGasUsed, c.blobGas)
		}
	}

	if err := checkTipCap(tx); err != nil {
		return nil, err
	}
	// maxCost is what the sender must be able to pay up front.
	var maxCost, price uint256.Int
	baseFee := &env.Block.BaseFee
	if env.unpriced(tx) {
		// geth's NoBaseFee: an unpriced simulated transaction runs free.
	} else if tx.HasFeeCaps() {
		if tx.GasFeeCap.Lt(baseFee) {
			return nil, fmt.Errorf("%w: fee cap %s, base fee %s", ErrFeeCapTooLow, tx.GasFeeCap.Dec(), baseFee.Dec())
		}
		// effective price = base fee + min(tip, fee cap - base fee)
		var headroom uint256.Int
		headroom.Sub(&tx.GasFeeCap, baseFee)
		if tx.GasTipCap.Lt(&headroom) {
			headroom = tx.GasTipCap
		}
		c.gasPrice.Add(baseFee, &headroom)
		price = tx.GasFeeCap
	} else {
		if rules.Has(1559) && tx.GasPrice.Lt(baseFee) {
			return nil, fmt.Errorf("%w: gas price %s, base fee %s", ErrFeeCapTooLow, tx.GasPrice.Dec(), baseFee.Dec())
		}
		c.gasPrice = tx.GasPrice
		price = tx.GasPrice
	}
	fundsOverflow := mulOverflow(&maxCost, &price, tx.Gas)

	if err := checkBlobHashes(tx, blobs.maxPerTx()); err != nil {
		return nil, err
	}
	if tx.Type == types.BlobTxType {
		blobBaseFee := &env.Block.BlobBaseFee
		// A saturated fee stands for 2^256 or more, which no cap can pay.
		if env.NoBaseFee && tx.BlobFeeCap.IsZero() {
			// unpriced blob gas in a simulation: checked and charged as free
			blobBaseFee = new(uint256.Int)
		} else if tx.BlobFeeCap.Lt(blobBaseFee) || BlobFeeSaturated(blobBaseFee) {
			return nil, fmt.Errorf("%w: cap %s, blob base fee %s", ErrBlobFeeCapTooLow, tx.BlobFeeCap.Dec(), blobFeeString(blobBaseFee))
		}
		var blobMax uint256.Int
		fundsOverflow = mulOverflow(&blobMax, &tx.BlobFeeCap, c.blobGas) || fundsOverflow
		if _, o := maxCost.AddOverflow(&maxCost, &blobMax); o {
			fundsOverflow = true
		}
		mulOverflow(&c.blobFee, blobBaseFee, c.blobGas) // cannot overflow: bounded by blobMax
	}

	if err := checkTxShape(tx); err != nil {
		return nil, err
	}

	if env.Simulation {
		// eth_call and eth_estimateGas: any nonce, any sender (geth's
		// SkipNonceChecks and SkipFromEOACheck); funds are still checked.
	} else if have := db.GetNonce(from); have > tx.Nonce {
		return nil, fmt.Errorf("%w: address %s, tx %d, state %d", ErrNonceTooLow, from, tx.Nonce, have)
	} else if have < tx.Nonce {
		return nil, fmt.Errorf("%w: address %s, tx %d, state %d", ErrNonceTooHigh, from, tx.Nonce, have)
	}

	if _, o := maxCost.AddOverflow(&maxCost, &tx.Value); o {
		fundsOverflow = true
	}
	balance := db.GetBalance(from)
	if fundsOverflow || balance.Lt(&maxCost) {
		return nil, fmt.Errorf("%w: address %s has %s, needs %s", ErrInsufficientFunds, from, balance.Dec(), costString(&maxCost, fundsOverflow))
	}

	// EIP-3607: a sender with code cannot sign, unless the code is an
	// EIP-7702 delegation designator.
	if code := db.GetCode(from); !env.Simulation && !env.Impersonated[from] && len(code) > 0 && !(rules.Has(7702) && isDelegation(code)) {
		return nil, fmt.Errorf("%w: %s", ErrSenderNotEOA, from)
	}
	return &c, nil
}

// checkTxType rejects transaction types the fork does not know yet.
func checkTxType(t byte, rules *fork.Rules) error {
	switch t {
	case types.LegacyTxType:
		return nil
	case types.AccessListTxType:
		if !rules.Has(2930) {
			return ErrType1TxPreFork
		}
	case types.DynamicFeeTxType:
		if !rules.Has(1559) {
			return ErrType2TxPreFork
		}
	case types.BlobTxType:
		if !rules.Has(4844) {
			return ErrType3TxPreFork
		}
	case types.SetCodeTxType:
		if !rules.Has(7702) {
			return ErrType4TxPreFork
		}
	default:
		return fmt.Errorf("%w: type %#x", ErrTxTypeNotSupported, t)
	}
	return nil
}

// mulOverflow sets z = x * n and reports whether it overflowed 256 bits.
func mulOverflow(z, x *uint256.Int, n uint64) bool {
	_, o := z.MulOverflow(x, uint256.NewInt(n))
	return o
}

func costString(c *uint256.Int, overflow bool) string {
	if overflow {
		return "more than 2^256"
	}
	return c.Dec()
}
