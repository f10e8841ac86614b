package types

import (
	"errors"
	"fmt"

	"github.com/goevm/goevm/rlp"
	"github.com/holiman/uint256"
	"golang.org/x/crypto/sha3"
)

// BloomByteLength is the size of a logs bloom filter (Yellow Paper 4.3.1).
const BloomByteLength = 256

// Header is a block header with every field up to Amsterdam. Fields that later
// forks appended are pointers: nil means the field is absent from the RLP
// list, which is how a header says which fork it was built for.
type Header struct {
	ParentHash  Hash
	OmmersHash  Hash // "uncleHash" in the fixtures
	Coinbase    Address
	StateRoot   Hash
	TxRoot      Hash // "transactionsTrie"
	ReceiptRoot Hash // "receiptTrie"
	Bloom       Bloom
	Difficulty  uint256.Int
	Number      uint64
	GasLimit    uint64
	GasUsed     uint64
	Time        uint64
	Extra       []byte
	MixDigest   Hash    // mixHash before Paris, prevRandao from Paris (EIP-4399)
	Nonce       [8]byte // proof-of-work nonce; zero from Paris (EIP-3675)

	BaseFee               *uint256.Int // EIP-1559 (London)
	WithdrawalsRoot       *Hash        // EIP-4895 (Shanghai)
	BlobGasUsed           *uint64      // EIP-4844 (Cancun)
	ExcessBlobGas         *uint64      // EIP-4844 (Cancun)
	ParentBeaconBlockRoot *Hash        // EIP-4788 (Cancun)
	RequestsHash          *Hash        // EIP-7685 (Prague)
	BlockAccessListHash   *Hash        // EIP-7928 (Amsterdam)
	SlotNumber            *uint64      // EIP-7843 (Amsterdam)
}

// ErrHeaderDecode wraps every failure to decode a header's RLP.
var ErrHeaderDecode = errors.New("invalid header RLP")

// ErrHeaderFieldCount: the header has a number of fields no fork defines
// (say 18: Shanghai's 17 and some of Cancun's three). It comes wrapped with
// ErrHeaderDecode; fixtures name it as a block of the wrong format
// (execution-spec-tests' INCORRECT_BLOCK_FORMAT), not as bad RLP.
var ErrHeaderFieldCount = errors.New("header field count matches no fork")

// headerFieldNames are the header fields in RLP order, for error messages.
var headerFieldNames = [...]string{
	"parentHash", "ommersHash", "coinbase", "stateRoot", "transactionsRoot",
	"receiptsRoot", "logsBloom", "difficulty", "number", "gasLimit", "gasUsed",
	"timestamp", "extraData", "mixHash", "nonce", "baseFeePerGas",
	"withdrawalsRoot", "blobGasUsed", "excessBlobGas", "parentBeaconBlockRoot",
	"requestsHash", "blockAccessListHash", "slotNumber",
}

// Valid header list lengths: each fork appends fields, and the Cancun trio
// arrives together, so any other count is malformed.
var validHeaderFieldCounts = map[int]bool{15: true, 16: true, 17: true, 20: true, 21: true, 22: true, 23: true}

// EncodeRLP returns the header's canonical RLP encoding.
func (h *Header) EncodeRLP() []byte {
	var p []byte
	p = rlp.AppendString(p, h.ParentHash[:])
	p = rlp.AppendString(p, h.OmmersHash[:])
	p = rlp.AppendString(p, h.Coinbase[:])
	p = rlp.AppendString(p, h.StateRoot[:])
	p = rlp.AppendString(p, h.TxRoot[:])
	p = rlp.AppendString(p, h.ReceiptRoot[:])
	p = rlp.AppendString(p, h.Bloom[:])
	p = rlp.AppendU256(p, &h.Difficulty)
	p = rlp.AppendUint64(p, h.Number)
	p = rlp.AppendUint64(p, h.GasLimit)
	p = rlp.AppendUint64(p, h.GasUsed)
	p = rlp.AppendUint64(p, h.Time)
	p = rlp.AppendString(p, h.Extra)
	p = rlp.AppendString(p, h.MixDigest[:])
	p = rlp.AppendString(p, h.Nonce[:])
	// Optional fields are written up to the last one present. A later field
	// without an earlier one cannot be encoded faithfully; Validate rejects it.
	if h.BaseFee != nil {
		p = rlp.AppendU256(p, h.BaseFee)
	}
	if h.WithdrawalsRoot != nil {
		p = rlp.AppendString(p, h.WithdrawalsRoot[:])
	}
	if h.BlobGasUsed != nil {
		p = rlp.AppendUint64(p, *h.BlobGasUsed)
	}
	if h.ExcessBlobGas != nil {
		p = rlp.AppendUint64(p, *h.ExcessBlobGas)
	}
	if h.ParentBeaconBlockRoot != nil {
		p = rlp.AppendString(p, h.ParentBeaconBlockRoot[:])
	}
	if h.RequestsHash != nil {
		p = rlp.AppendString(p, h.RequestsHash[:])
	}
	if h.BlockAccessListHash != nil {
		p = rlp.AppendString(p, h.BlockAccessListHash[:])
	}
	if h.SlotNumber != nil {
		p = rlp.AppendUint64(p, *h.SlotNumber)
	}
	return rlp.WrapList(p)
}

// Hash is the block hash: Keccak-256 of the header's RLP.
func (h *Header) Hash() Hash {
	var out Hash
	k := sha3.NewLegacyKeccak256()
	k.Write(h.EncodeRLP())
	k.Sum(out[:0])
	return out
}

// DecodeHeaderRLP decodes exactly one header from b.
func DecodeHeaderRLP(b []byte) (*Header, error) {
	h, rest, err := SplitHeader(b)
	if err != nil {
		return nil, err
	}
	if len(rest) != 0 {
		return nil, fmt.Errorf("%w: %d trailing bytes", ErrHeaderDecode, len(rest))
	}
	return h, nil
}

// SplitHeader decodes the header at the front of b and returns the bytes after it.
// Errors name the offending field.
func SplitHeader(b []byte) (*Header, []byte, error) {
	payload, rest, err := rlp.SplitList(b)
	if err != nil {
		return nil, nil, fmt.Errorf("%w: %w", ErrHeaderDecode, err)
	}
	n, err := rlp.CountItems(payload)
	if err != nil {
		return nil, nil, fmt.Errorf("%w: %w", ErrHeaderDecode, err)
	}
	if !validHeaderFieldCounts[n] {
		return nil, nil, fmt.Errorf("%w: %w: %d fields, want 15, 16, 17, 20, 21, 22 or 23", ErrHeaderDecode, ErrHeaderFieldCount, n)
	}
	h := new(Header)
	d := fieldDecoder{rest: payload, names: headerFieldNames[:], what: "header"}
	d.fixed(h.ParentHash[:])
	d.fixed(h.OmmersHash[:])
	d.fixed(h.Coinbase[:])
	d.fixed(h.StateRoot[:])
	d.fixed(h.TxRoot[:])
	d.fixed(h.ReceiptRoot[:])
	d.fixed(h.Bloom[:])
	d.u256(&h.Difficulty)
	h.Number = d.uint64()
	h.GasLimit = d.uint64()
	h.GasUsed = d.uint64()
	h.Time = d.uint64()
	h.Extra = d.bytes()
	d.fixed(h.MixDigest[:])
	d.fixed(h.Nonce[:])
	if n >= 16 {
		h.BaseFee = new(uint256.Int)
		d.u256(h.BaseFee)
	}
	if n >= 17 {
		h.WithdrawalsRoot = new(Hash)
		d.fixed(h.WithdrawalsRoot[:])
	}
	if n >= 20 {
		used, excess := d.uint64(), d.uint64()
		h.BlobGasUsed, h.ExcessBlobGas = &used, &excess
		h.ParentBeaconBlockRoot = new(Hash)
		d.fixed(h.ParentBeaconBlockRoot[:])
	}
	if n >= 21 {
		h.RequestsHash = new(Hash)
		d.fixed(h.RequestsHash[:])
	}
	if n >= 22 {
		h.BlockAccessListHash = new(Hash)
		d.fixed(h.BlockAccessListHash[:])
	}
	if n >= 23 {
		slot := d.uint64()
		h.SlotNumber = &slot
	}
	if d.err != nil {
		return nil, nil, fmt.Errorf("%w: %w", ErrHeaderDecode, d.err)
	}
	return h, rest, nil
}

// fieldDecoder reads the items of a list payload one by one, remembering the
// first error together with the name of the field it happened in.
type fieldDecoder struct {
	rest  []byte
	idx   int
	names []string
	what  string
	err   error
}

func (d *fieldDecoder) name() string {
	if d.idx < len(d.names) {
		return d.names[d.idx]
	}
	return fmt.Sprintf("field %d", d.idx)
}

func (d *fieldDecoder) fail(err error) {
	if d.err == nil {
		d.err = fmt.Errorf("%s %s: %w", d.what, d.name(), err)
	}
}

func (d *fieldDecoder) bytes() []byte {
	if d.err != nil {
		return nil
	}
	b, rest, err := rlp.SplitString(d.rest)
	if err != nil {
		d.fail(err)
		return nil
	}
	d.rest = rest
	d.idx++
	return b
}

func (d *fieldDecoder) fixed(dst []byte) {
	if d.err != nil {
		return
	}
	b, rest, err := rlp.SplitString(d.rest)
	if err == nil && len(b) != len(dst) {
		err = fmt.Errorf("%d bytes, want %d", len(b), len(dst))
	}
	if err != nil {
		d.fail(err)
		return
	}
	copy(dst, b)
	d.rest = rest
	d.idx++
}

func (d *fieldDecoder) uint64() uint64 {
	if d.err != nil {
		return 0
	}
	v, rest, err := rlp.SplitUint64(d.rest)
	if err != nil {
		d.fail(err)
		return 0
	}
	d.rest = rest
	d.idx++
	return v
}

func (d *fieldDecoder) u256(dst *uint256.Int) {
	if d.err != nil {
		return
	}
	v, rest, err := rlp.SplitU256(d.rest)
	if err != nil {
		d.fail(err)
		return
	}
	dst.Set(v)
	d.rest = rest
	d.idx++
}

// Copy returns a deep copy of h.
func (h *Header) Copy() *Header {
	c := *h
	c.Extra = append([]byte(nil), h.Extra...)
	if h.BaseFee != nil {
		c.BaseFee = new(uint256.Int).Set(h.BaseFee)
	}
	if h.WithdrawalsRoot != nil {
		v := *h.WithdrawalsRoot
		c.WithdrawalsRoot = &v
	}
	if h.BlobGasUsed != nil {
		v := *h.BlobGasUsed
		c.BlobGasUsed = &v
	}
	if h.ExcessBlobGas != nil {
		v := *h.ExcessBlobGas
		c.ExcessBlobGas = &v
	}
	if h.ParentBeaconBlockRoot != nil {
		v := *h.ParentBeaconBlockRoot
		c.ParentBeaconBlockRoot = &v
	}
	if h.RequestsHash != nil {
		v := *h.RequestsHash
		c.RequestsHash = &v
	}
	if h.BlockAccessListHash != nil {
		v := *h.BlockAccessListHash
		c.BlockAccessListHash = &v
	}
	if h.SlotNumber != nil {
		v := *h.SlotNumber
		c.SlotNumber = &v
	}
	return &c
}
