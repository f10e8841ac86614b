package transition

import (
	"crypto/sha256"
	"encoding/binary"
	"fmt"

	"github.com/goevm/goevm/types"
)

// EIP-7685 request types.
const (
	DepositRequestType        = 0x00 // EIP-6110
	WithdrawalRequestType     = 0x01 // EIP-7002
	ConsolidationRequestType  = 0x02 // EIP-7251
	BuilderDepositRequestType = 0x03 // EIP-8282
	BuilderExitRequestType    = 0x04 // EIP-8282
)

// DepositContractAddress is the mainnet deposit contract, whose logs EIP-6110
// turns into deposit requests.
var DepositContractAddress = types.MustHexToAddress("0x00000000219ab540356cBB839Cbe05303d7705Fa")

// depositEventTopic is keccak256("DepositEvent(bytes,bytes,bytes,bytes,bytes)").
var depositEventTopic = types.MustHexToHash("0x649bbc62d0e31342afea4e5cd82d4049e7e1ee912fc0889aa790803be39038c5")

// collectRequests gathers the block's EIP-7685 requests: deposits parsed from
// the deposit contract's logs, then the queues the EIP-7002 and EIP-7251
// system contracts return, then (EIP-8282) the builder deposit and exit
// queues. Empty request lists are left out of the hash.
func collectRequests(db StateDB, env *BlockEnv, logs []*types.Log, res *ExecResult) error {
	var deposits []byte
	for _, l := range logs {
		if l.Address != DepositContractAddress || len(l.Topics) == 0 || l.Topics[0] != depositEventTopic {
			continue
		}
		d, err := parseDepositLog(l.Data)
		if err != nil {
			return err
		}
		deposits = append(deposits, d...)
	}
	var requests [][]byte
	add := func(typ byte, data []byte) {
		if len(data) > 0 {
			requests = append(requests, append([]byte{typ}, data...))
		}
	}
	add(DepositRequestType, deposits)
	type queue struct {
		typ  byte
		addr types.Address
	}
	queues := []queue{{WithdrawalRequestType, WithdrawalRequestAddress}, {ConsolidationRequestType, ConsolidationRequestAddress}}
	if rules := env.rules(); rules.Has(8282) {
		// EIP-8282: read after the EIP-7002 and EIP-7251 queues, checked
		// like them (an empty or failing contract invalidates the block).
		queues = append(queues, queue{BuilderDepositRequestType, BuilderDepositRequestAddress}, queue{BuilderExitRequestType, BuilderExitRequestAddress})
	}
	for _, sc := range queues {
		out, err := systemCall(db, env, sc.addr, nil, true)
		if err != nil {
			return err
		}
		add(sc.typ, out)
	}
	h := RequestsHash(requests)
	res.Requests, res.RequestsHash = requests, &h
	return nil
}

// RequestsHash is sha256(sha256(r_0) ++ sha256(r_1) ++ ...) over the
// non-empty requests, each type byte || data (EIP-7685).
func RequestsHash(requests [][]byte) types.Hash {
	outer := sha256.New()
	for _, r := range requests {
		if len(r) <= 1 {
			continue
		}
		inner := sha256.Sum256(r)
		outer.Write(inner[:])
	}
	var h types.Hash
	outer.Sum(h[:0])
	return h
}

// depositFields are the sizes of the five ABI-encoded byte strings of a
// DepositEvent: pubkey, withdrawal credentials, amount, signature, index.
var depositFields = [5]uint64{48, 32, 8, 96, 8}

// parseDepositLog checks a DepositEvent's ABI layout (five dynamic byte
// strings at fixed offsets with fixed sizes, 576 bytes in all) and returns
// the 192-byte request: the five fields concatenated (EIP-6110).
func parseDepositLog(data []byte) ([]byte, error) {
	if len(data) != 576 {
		return nil, fmt.Errorf("%w: %d bytes of log data, want 576", ErrInvalidDepositLog, len(data))
	}
	word := func(off uint64) (uint64, bool) {
		// A 32-byte big-endian word that must fit in 64 bits.
		for _, b := range data[off : off+24] {
			if b != 0 {
				return 0, false
			}
		}
		return binary.BigEndian.Uint64(data[off+24 : off+32]), true
	}
	out := make([]byte, 0, 192)
	wantOffset := uint64(5 * 32)
	for i, size := range depositFields {
		off, ok := word(uint64(i) * 32)
		if !ok || off != wantOffset {
			return nil, fmt.Errorf("%w: field %d at offset %d, want %d", ErrInvalidDepositLog, i, off, wantOffset)
		}
		n, ok := word(off)
		if !ok || n != size {
			return nil, fmt.Errorf("%w: field %d has size %d, want %d", ErrInvalidDepositLog, i, n, size)
		}
		out = append(out, data[off+32:off+32+size]...)
		wantOffset = off + 32 + (size+31)/32*32
	}
	return out, nil
}
