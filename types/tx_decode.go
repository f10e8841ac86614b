package types

import (
	"errors"
	"fmt"

	"github.com/goevm/goevm/rlp"
	"github.com/holiman/uint256"
)

// Decoding errors. Every DecodeTx failure wraps ErrMalformedTx or
// ErrTxTypeUnknown, and names the field at fault.
var (
	ErrMalformedTx   = errors.New("malformed transaction")
	ErrTxTypeUnknown = errors.New("unknown transaction type")

	// Malformed transactions the fixtures name for what they are, not as
	// bad RLP. Each comes wrapped with ErrMalformedTx too.
	//
	// A blob or set-code transaction with an empty "to": neither type can
	// create a contract (EIP-4844, EIP-7702), so its "to" is an address
	// field, and empty is no address.
	ErrBlobTxCreate    = errors.New("blob transaction cannot create a contract (empty to)")
	ErrSetCodeTxCreate = errors.New("set-code transaction cannot create a contract (empty to)")
	// ErrBlobTxWithSidecar: a blob transaction in its network form,
	// [tx_payload_body, blobs, commitments, proofs] (EIP-4844), where its
	// canonical form, the payload alone, is required (a block body, a
	// signed transaction's hash).
	ErrBlobTxWithSidecar = errors.New("blob transaction carries its blobs (network form), not allowed here")

	errMissingField = errors.New("missing")
)

// txFieldCounts is the RLP list length of each signed transaction type.
var txFieldCounts = [...]int{
	LegacyTxType:     9,
	AccessListTxType: 11,
	DynamicFeeTxType: 12,
	BlobTxType:       14,
	SetCodeTxType:    13,
}

var txKindNames = [...]string{
	LegacyTxType:     "legacy transaction",
	AccessListTxType: "access-list transaction",
	DynamicFeeTxType: "dynamic-fee transaction",
	BlobTxType:       "blob transaction",
	SetCodeTxType:    "set-code transaction",
}

// DecodeTx decodes a transaction in its canonical binary form: a legacy
// transaction's RLP list, or type || rlp(fields) for a typed one (EIP-2718).
// Decoding is strict: non-canonical RLP, integers with leading zeros or wider
// than their field, wrong field counts, wrong address or hash sizes, unknown
// type bytes and trailing bytes are all errors. Byte fields are copied, so
// b may be reused.
func DecodeTx(b []byte) (*Transaction, error) {
	if len(b) == 0 {
		return nil, fmt.Errorf("%w: empty input", ErrMalformedTx)
	}
	switch first := b[0]; {
	case first >= 0xc0:
		return decodeTxList(LegacyTxType, b)
	case first >= 0x80:
		return nil, fmt.Errorf("%w: an RLP string, not a list or a typed envelope", ErrMalformedTx)
	case first < AccessListTxType || first > SetCodeTxType:
		return nil, fmt.Errorf("%w: 0x%02x", ErrTxTypeUnknown, first)
	default:
		return decodeTxList(first, b[1:])
	}
}

func decodeTxList(typ uint8, b []byte) (*Transaction, error) {
	kind := txKindNames[typ]
	payload, rest, err := rlp.SplitList(b)
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %w", ErrMalformedTx, kind, err)
	}
	if len(rest) != 0 {
		return nil, fmt.Errorf("%w: %s: %d trailing bytes", ErrMalformedTx, kind, len(rest))
	}
	if typ == BlobTxType && len(payload) > 0 && payload[0] >= 0xc0 {
		// The first field is chainId, an integer; a list there is the
		// network form's inner transaction.
		return nil, fmt.Errorf("%w: %s: %w", ErrMalformedTx, kind, ErrBlobTxWithSidecar)
	}
	r := &txReader{rest: payload}
	tx := &Transaction{Type: typ}
	if typ != LegacyTxType {
		r.u256("chainId", &tx.ChainID)
	}
	tx.Nonce = r.uint64("nonce")
	if typ == LegacyTxType || typ == AccessListTxType {
		r.u256("gasPrice", &tx.GasPrice)
	} else {
		r.u256("maxPriorityFeePerGas", &tx.GasTipCap)
		r.u256("maxFeePerGas", &tx.GasFeeCap)
	}
	tx.Gas = r.uint64("gasLimit")
	if typ == BlobTxType || typ == SetCodeTxType {
		// EIP-4844 and EIP-7702 transactions cannot create contracts: their
		// "to" is an address, never empty.
		if r.err == nil && len(r.rest) > 0 && r.rest[0] == 0x80 {
			if typ == BlobTxType {
				return nil, fmt.Errorf("%w: %s: %w", ErrMalformedTx, kind, ErrBlobTxCreate)
			}
			return nil, fmt.Errorf("%w: %s: %w", ErrMalformedTx, kind, ErrSetCodeTxCreate)
		}
		to := r.address("to")
		tx.To = &to
	} else {
		tx.To = r.optAddress("to")
	}
	r.u256("value", &tx.Value)
	tx.Data = r.bytes("data")
	if typ != LegacyTxType {
		tx.AccessList = r.accessList()
	}
	switch typ {
	case BlobTxType:
		r.u256("maxFeePerBlobGas", &tx.BlobFeeCap)
		tx.BlobHashes = r.hashList("blobVersionedHashes")
	case SetCodeTxType:
		tx.AuthList = r.authList()
	}
	r.u256("v", &tx.V)
	r.u256("r", &tx.R)
	r.u256("s", &tx.S)
	// Fields are read before the list is counted, so that a malformed field
	// is reported by name; a wrong count shows as a missing field or as
	// items left over.
	if errors.Is(r.err, errMissingField) || (r.err == nil && len(r.rest) > 0) {
		n, err := rlp.CountItems(payload)
		if err != nil {
			return nil, fmt.Errorf("%w: %s: %w", ErrMalformedTx, kind, err)
		}
		return nil, fmt.Errorf("%w: %s has %d fields, want %d", ErrMalformedTx, kind, n, txFieldCounts[typ])
	}
	if r.err != nil {
		return nil, fmt.Errorf("%w: %s field %w", ErrMalformedTx, kind, r.err)
	}
	if typ == LegacyTxType {
		tx.ChainID = legacyChainID(&tx.V)
	}
	return tx, nil
}

// legacyChainID is the EIP-155 chain id carried in a legacy v (v = 35 +
// 2·chainID + parity), or zero when v is not of that form.
func legacyChainID(v *uint256.Int) uint256.Int {
	var id uint256.Int
	if v.LtUint64(35) {
		return id
	}
	id.SubUint64(v, 35)
	id.Rsh(&id, 1)
	return id
}

// txReader reads a transaction's fields in order; the first failure sticks
// and later reads return zero values.
type txReader struct {
	rest []byte
	err  error
}

func (r *txReader) fail(field string, err error) {
	if r.err == nil {
		r.err = fmt.Errorf("%s: %w", field, err)
	}
}

// next returns the content of the next string item.
func (r *txReader) next(field string) ([]byte, bool) {
	if r.err != nil {
		return nil, false
	}
	if len(r.rest) == 0 {
		r.fail(field, errMissingField)
		return nil, false
	}
	content, rest, err := rlp.SplitString(r.rest)
	if err != nil {
		r.fail(field, err)
		return nil, false
	}
	r.rest = rest
	return content, true
}

func (r *txReader) uint64(field string) uint64 {
	content, ok := r.next(field)
	if !ok {
		return 0
	}
	v, err := rlp.BytesToUint64(content)
	if err != nil {
		r.fail(field, err)
	}
	return v
}

func (r *txReader) u256(field string, dst *uint256.Int) {
	content, ok := r.next(field)
	if !ok {
		return
	}
	if err := checkU256(content); err != nil {
		r.fail(field, err)
		return
	}
	dst.SetBytes(content)
}

// checkU256 validates a 256-bit integer item's content.
func checkU256(content []byte) error {
	if len(content) > 32 {
		return fmt.Errorf("%w: %d bytes for a 256-bit integer", rlp.ErrTooLarge, len(content))
	}
	if len(content) > 0 && content[0] == 0 {
		return fmt.Errorf("%w: integer with a leading zero byte", rlp.ErrNonCanonical)
	}
	return nil
}

func (r *txReader) bytes(field string) []byte {
	content, ok := r.next(field)
	if !ok {
		return nil
	}
	return append([]byte(nil), content...)
}

func (r *txReader) address(field string) Address {
	content, ok := r.next(field)
	if !ok {
		return Address{}
	}
	if len(content) != AddressLength {
		r.fail(field, fmt.Errorf("address of %d bytes, want %d", len(content), AddressLength))
		return Address{}
	}
	return Address(content)
}

// optAddress reads a recipient: empty means contract creation (nil).
func (r *txReader) optAddress(field string) *Address {
	if r.err == nil && len(r.rest) > 0 && r.rest[0] == 0x80 {
		r.rest = r.rest[1:]
		return nil
	}
	a := r.address(field)
	if r.err != nil {
		return nil
	}
	return &a
}

// list returns the payload of the next list item.
func (r *txReader) list(field string) ([]byte, bool) {
	if r.err != nil {
		return nil, false
	}
	if len(r.rest) == 0 {
		r.fail(field, errMissingField)
		return nil, false
	}
	payload, rest, err := rlp.SplitList(r.rest)
	if err != nil {
		r.fail(field, err)
		return nil, false
	}
	r.rest = rest
	return payload, true
}

// hashList reads a list of 32-byte strings.
func (r *txReader) hashList(field string) []Hash {
	payload, ok := r.list(field)
	if !ok {
		return nil
	}
	hashes := []Hash{}
	for i := 0; len(payload) > 0; i++ {
		content, rest, err := rlp.SplitString(payload)
		if err != nil {
			r.fail(fmt.Sprintf("%s[%d]", field, i), err)
			return nil
		}
		if len(content) != HashLength {
			r.fail(fmt.Sprintf("%s[%d]", field, i), fmt.Errorf("%d bytes, want %d", len(content), HashLength))
			return nil
		}
		hashes = append(hashes, Hash(content))
		payload = rest
	}
	return hashes
}

// accessList reads an EIP-2930 access list: [[address, [key, ...]], ...].
func (r *txReader) accessList() AccessList {
	payload, ok := r.list("accessList")
	if !ok {
		return nil
	}
	al := AccessList{}
	for i := 0; len(payload) > 0; i++ {
		tuple, rest, err := rlp.SplitList(payload)
		if err != nil {
			r.fail(fmt.Sprintf("accessList[%d]", i), err)
			return nil
		}
		payload = rest
		n, err := rlp.CountItems(tuple)
		if err == nil && n != 2 {
			err = fmt.Errorf("%d items, want [address, storageKeys]", n)
		}
		if err != nil {
			r.fail(fmt.Sprintf("accessList[%d]", i), err)
			return nil
		}
		sub := &txReader{rest: tuple}
		addr := sub.address(fmt.Sprintf("accessList[%d].address", i))
		keys := sub.hashList(fmt.Sprintf("accessList[%d].storageKeys", i))
		if sub.err != nil {
			r.err = sub.err
			return nil
		}
		al = append(al, AccessTuple{Address: addr, StorageKeys: keys})
	}
	return al
}

// authList reads an EIP-7702 authorization list.
func (r *txReader) authList() []Authorization {
	payload, ok := r.list("authorizationList")
	if !ok {
		return nil
	}
	auths := []Authorization{}
	for i := 0; len(payload) > 0; i++ {
		a, rest, err := SplitAuthorization(payload)
		if err != nil {
			r.fail(fmt.Sprintf("authorizationList[%d]", i), err)
			return nil
		}
		auths = append(auths, a)
		payload = rest
	}
	return auths
}

// fixedHash reads a string of exactly 32 bytes.
func (r *txReader) fixedHash(field string, dst *Hash) {
	content, ok := r.next(field)
	if !ok {
		return
	}
	if len(content) != HashLength {
		r.fail(field, fmt.Errorf("%d bytes, want %d", len(content), HashLength))
		return
	}
	copy(dst[:], content)
}
