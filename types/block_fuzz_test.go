package types

import (
	"bytes"
	"testing"
)

// FuzzDecodeBlockRLP: decoding arbitrary bytes never panics, and whatever
// decodes re-encodes to the same bytes (the decoder is canonical-only).
func FuzzDecodeBlockRLP(f *testing.F) {
	h := &Header{Number: 1, GasLimit: 5000}
	f.Add((&Block{Header: h, Transactions: [][]byte{}, Ommers: []*Header{}}).EncodeRLP())
	f.Add((&Block{Header: h, Transactions: [][]byte{{0x02, 0xc0}}, Ommers: []*Header{h}, Withdrawals: []*Withdrawal{{Index: 1}}}).EncodeRLP())
	f.Add([]byte{0xc3, 0xc0, 0xc0, 0xc0})
	f.Fuzz(func(t *testing.T, data []byte) {
		b, err := DecodeBlockRLP(data)
		if err != nil {
			return
		}
		if !bytes.Equal(b.EncodeRLP(), data) {
			t.Fatalf("re-encoding of %x differs", data)
		}
	})
}
