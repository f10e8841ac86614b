package rpc

import (
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/goevm/goevm/abi"
	"github.com/goevm/goevm/chain"
	"github.com/goevm/goevm/crypto"
	"github.com/goevm/goevm/crypto/eip712"
	"github.com/goevm/goevm/transition"
	"github.com/goevm/goevm/types"
	"github.com/holiman/uint256"
)

var errUnknownAccount = errors.New("unknown account")

func (s *Server) registerSend() {
	m := s.methods
	m["eth_sendRawTransaction"] = func(_ *callCtx, a args) (any, error) {
		var raw data
		if err := a.need(0, &raw); err != nil {
			return nil, err
		}
		if err := a.count(1, 1); err != nil {
			return nil, err
		}
		canonical, err := unwrapBlobNetworkForm(raw)
		if err != nil {
			return nil, invalidParams(0, err)
		}
		tx, err := types.DecodeTx(canonical)
		if err != nil {
			return nil, invalidParams(0, err)
		}
		from, err := types.LatestSigner(s.chain.Config().ChainID).Sender(tx)
		if err != nil {
			return nil, errorf(codeServer, "invalid sender: %v", err) // geth: -32000
		}
		return s.submit(&chain.PendingTx{Tx: tx, Raw: canonical, Hash: crypto.Keccak256(canonical), From: from})
	}
	m["eth_sendTransaction"] = func(_ *callCtx, a args) (any, error) {
		var ta txArgs
		if err := a.need(0, &ta); err != nil {
			return nil, err
		}
		if err := a.count(1, 1); err != nil {
			return nil, err
		}
		ptx, err := s.fillAndSign(&ta)
		if err != nil {
			return nil, err
		}
		return s.submit(ptx)
	}
	m["eth_signTransaction"] = func(_ *callCtx, a args) (any, error) {
		var ta txArgs
		if err := a.need(0, &ta); err != nil {
			return nil, err
		}
		ptx, err := s.fillAndSign(&ta)
		if err != nil {
			return nil, err
		}
		return data(ptx.Raw), nil
	}
	// eth_sign(address, message) and personal_sign(message, address): the
	// EIP-191 "Ethereum Signed Message" signature, v = 27/28.
	m["eth_sign"] = func(_ *callCtx, a args) (any, error) { return s.signText(a, 1, 0) }
	m["personal_sign"] = func(_ *callCtx, a args) (any, error) { return s.signText(a, 0, 1) }
	m["eth_signTypedData_v4"] = func(_ *callCtx, a args) (any, error) {
		var addr address
		if err := a.need(0, &addr); err != nil {
			return nil, err
		}
		if len(a) < 2 {
			return nil, errorf(codeInvalidParams, "missing value for required argument 1")
		}
		key := s.keys[types.Address(addr)]
		if key == nil {
			return nil, fmt.Errorf("%w: %s", errUnknownAccount, types.Address(addr))
		}
		h, err := eip712.HashJSON(a[1])
		if err != nil {
			return nil, invalidParams(1, err)
		}
		sig, err := crypto.SignWithV27(h, key)
		return data(sig[:]), err
	}
	m["eth_signTypedData"] = m["eth_signTypedData_v4"]
}

func (s *Server) signText(a args, msgAt, addrAt int) (any, error) {
	var msg data
	var addr address
	if err := a.need(addrAt, &addr); err != nil {
		return nil, err
	}
	if err := a.need(msgAt, &msg); err != nil {
		return nil, err
	}
	key := s.keys[types.Address(addr)]
	if key == nil {
		return nil, fmt.Errorf("%w: %s", errUnknownAccount, types.Address(addr))
	}
	sig, err := crypto.SignText(msg, key)
	return data(sig[:]), err
}

// submit offers a transaction to the chain and reports what happened on
// the console. It returns the hash, as eth_sendTransaction does, once the
// transaction is mined (automine) or pooled.
func (s *Server) submit(ptx *chain.PendingTx) (any, error) {
	mined, err := s.chain.SendTransaction(ptx)
	if err != nil {
		if errors.Is(err, chain.ErrAlreadyKnown) {
			return nil, errorf(codeServer, "already known")
		}
		return nil, errorf(codeServer, "%v", txErrorMessage(err))
	}
	if mined == nil {
		s.logf("  pooled       %s  nonce %d from %s", ptx.Hash, ptx.Tx.Nonce, ptx.From)
	}
	return ptx.Hash, nil
}

// gethWording is how geth words each refusal; ethers and viem classify
// errors by these phrases (viem's FeeCapTooLowError, NonceTooLowError,
// InsufficientFundsError, ...), so the message starts with geth's phrase
// and goes on with goevm's detail.
var gethWording = []struct {
	err    error
	phrase string
}{
	{transition.ErrNonceTooLow, "nonce too low"},
	{transition.ErrNonceTooHigh, "nonce too high"},
	{transition.ErrNonceMax, "nonce has max value"},
	{transition.ErrInsufficientFunds, "insufficient funds for gas * price + value"},
	{transition.ErrIntrinsicGas, "intrinsic gas too low"},
	{transition.ErrFeeCapTooLow, "max fee per gas less than block base fee"},
	{transition.ErrTipAboveFeeCap, "max priority fee per gas higher than max fee per gas"},
	{transition.ErrGasLimitReached, "exceeds block gas limit"},
	{transition.ErrGasLimitTooHigh, "transaction gas limit too high"},
	{transition.ErrSenderNotEOA, "sender not an eoa"},
	{transition.ErrInitcodeSizeExceeded, "max initcode size exceeded"},
	{transition.ErrBlobFeeCapTooLow, "max fee per blob gas less than block blob gas fee"},
	{transition.ErrTxTypeNotSupported, "transaction type not supported"},
}

// txErrorMessage words a refused transaction as geth does.
func txErrorMessage(err error) string {
	for _, w := range gethWording {
		if errors.Is(err, w.err) {
			return w.phrase + ": " + err.Error()
		}
	}
	return err.Error()
}

// logBlocks prints one line per mined transaction, however it was mined
// (automine, evm_mine, interval mining), until the server closes. If it
// falls behind (hardhat_mine of many blocks) the chain drops its
// subscription, and it subscribes again.
func (s *Server) logBlocks() {
	events, stop := s.chain.Subscribe()
	defer func() { stop() }()
	for {
		var e chain.Event
		var ok bool
		select {
		case <-s.logDone:
			return
		case e, ok = <-events:
		}
		if !ok {
			select {
			case <-s.logDone:
				return
			case <-time.After(10 * time.Millisecond):
			}
			events, stop = s.chain.Subscribe()
			continue
		}
		if e.Block == nil {
			continue
		}
		for _, r := range e.Receipts {
			line := fmt.Sprintf("  transaction  %s  block %d  gas used %d", r.TxHash, r.BlockNumber, r.GasUsed)
			if r.ContractAddress != nil {
				line += fmt.Sprintf("  created %s", r.ContractAddress)
			}
			if !r.Status {
				line += "  FAILED"
				if len(r.RevertData) > 0 {
					line += ": reverted (" + abi.DecodeRevert(r.RevertData, nil).String() + ")"
				}
			}
			s.logf("%s", line)
		}
	}
}

// fillAndSign completes a transaction from eth_sendTransaction's
// arguments, as geth and anvil do: the sender's next nonce, estimated gas,
// fees from the pending base fee; then signs it with the dev key, or gives
// an impersonated sender's transaction a placeholder signature.
func (s *Server) fillAndSign(ta *txArgs) (*chain.PendingTx, error) {
	if ta.From == nil {
		return nil, errorf(codeInvalidParams, "invalid argument 0: missing \"from\"")
	}
	from := types.Address(*ta.From)
	key := s.keys[from]
	impersonated := s.chain.Impersonated(from)
	if key == nil && !impersonated {
		return nil, fmt.Errorf("%w: %s is neither a dev account nor impersonated", errUnknownAccount, from)
	}
	cfg := s.chain.Config()
	if ta.Nonce == nil {
		n := quantity(s.chain.PendingNonce(from))
		ta.Nonce = &n
	}
	baseFee := s.pendingBaseFee()
	tip := defaultTip
	if ta.Gas == nil {
		// Estimate with the fees the transaction will carry, so a sender that
		// cannot pay is told so here.
		est := *ta
		gas, err := s.estimateGas(&callRequest{args: est, tag: blockTag{tag: "pending"}})
		if err != nil {
			return nil, err
		}
		g := quantity(gas)
		ta.Gas = &g
	}
	tx, err := ta.toTx(cfg.ChainID, s.chain.PendingFork())
	if err != nil {
		return nil, errorf(codeInvalidParams, "invalid argument 0: %v", err)
	}
	if tx.HasFeeCaps() {
		if ta.MaxPriorityFeePerGas == nil {
			tx.GasTipCap = *tip
			if ta.MaxFeePerGas != nil && tx.GasFeeCap.Lt(tip) {
				tx.GasTipCap = tx.GasFeeCap
			}
		}
		if ta.MaxFeePerGas == nil {
			fc := new(uint256.Int).Mul(baseFee, uint256.NewInt(2))
			tx.GasFeeCap = *fc.Add(fc, &tx.GasTipCap)
		}
		if tx.Type == types.BlobTxType && ta.MaxFeePerBlobGas == nil {
			bf := new(uint256.Int).Mul(s.pendingBlobBaseFee(), uint256.NewInt(2))
			tx.BlobFeeCap = *bf.AddUint64(bf, 1)
		}
	} else if ta.GasPrice == nil {
		tx.GasPrice = *new(uint256.Int).Add(baseFee, tip)
	}
	if key != nil {
		if err := types.LatestSigner(cfg.ChainID).SignTx(tx, key); err != nil {
			return nil, err
		}
	} else {
		// Nobody can sign for an impersonated account: the placeholder
		// signature makes the hash unique to the sender.
		tx.R.SetBytes(from[:])
		tx.S.SetOne()
		if tx.Type == types.LegacyTxType {
			tx.V.SetUint64(27)
		}
	}
	raw, err := tx.MarshalBinary()
	if err != nil {
		return nil, err
	}
	return &chain.PendingTx{Tx: tx, Raw: raw, Hash: crypto.Keccak256(raw), From: from}, nil
}

var _ = json.Marshal
