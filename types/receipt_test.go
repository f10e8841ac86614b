package types_test

import (
	"encoding/hex"
	"errors"
	"math/big"
	"strings"
	"testing"

	"github.com/goevm/goevm/crypto"
	"github.com/goevm/goevm/types"
)

func TestAccountRLP(t *testing.T) {
	// rlp([0, 0, emptyRoot, emptyCodeHash]): the encoding of every fresh account.
	want := "f8448080a056e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421a0c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470"
	a := types.NewAccount()
	if got := hex.EncodeToString(a.EncodeRLP()); got != want {
		t.Errorf("empty account\n got %s\nwant %s", got, want)
	}
	if types.EmptyRootHash != crypto.EmptyRootHash || types.EmptyCodeHash != crypto.EmptyCodeHash {
		t.Error("types and crypto disagree on the empty hashes")
	}
	a.Nonce = 5
	a.Balance.SetAllOne()
	dec, err := types.DecodeAccountRLP(a.EncodeRLP())
	if err != nil || *dec != a {
		t.Errorf("round trip: %+v, %v", dec, err)
	}
	for _, bad := range []string{"c0", "c3808080", "f8448080a056e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421a0c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a47000"} {
		b, _ := hex.DecodeString(bad)
		if _, err := types.DecodeAccountRLP(b); !errors.Is(err, types.ErrAccountDecode) {
			t.Errorf("%s: %v", bad, err)
		}
	}
}

func TestReceiptEncoding(t *testing.T) {
	zeros := strings.Repeat("00", 256)
	r := &types.Receipt{Status: true, CumulativeGasUsed: 21000}
	// rlp([1, 21000, bloom, []]): payload 1 + 3 + 259 + 1 = 264 bytes.
	want := "f90108" + "01" + "825208" + "b90100" + zeros + "c0"
	if got := hex.EncodeToString(r.EncodeBinary()); got != want {
		t.Errorf("legacy receipt\n got %s\nwant %s", got, want)
	}
	r.Type = types.DynamicFeeTxType
	r.Status = false // status 0 is the empty string
	want = "02" + "f90108" + "80" + "825208" + "b90100" + zeros + "c0"
	if got := hex.EncodeToString(r.EncodeBinary()); got != want {
		t.Errorf("typed failed receipt\n got %s\nwant %s", got, want)
	}
	root := crypto.Keccak256([]byte("root"))
	r = &types.Receipt{PostState: root[:], CumulativeGasUsed: 21000}
	// payload 33 + 3 + 259 + 1 = 296 bytes.
	want = "f90128" + "a0" + hex.EncodeToString(root[:]) + "825208" + "b90100" + zeros + "c0"
	if got := hex.EncodeToString(r.EncodeBinary()); got != want {
		t.Errorf("pre-Byzantium receipt\n got %s\nwant %s", got, want)
	}
}

// TestBloomBits checks Bloom.Add against the Yellow Paper's definition
// computed with big.Int: bit (h[i]<<8 | h[i+1]) mod 2048, i = 0, 2, 4, of the
// filter read as a 2048-bit big-endian number.
func TestBloomBits(t *testing.T) {
	addr := types.MustHexToAddress("0x0000000000000000000000000000000000000011")
	topic := crypto.Keccak256([]byte("Transfer(address,address,uint256)"))
	want := new(big.Int)
	for _, item := range [][]byte{addr[:], topic[:]} {
		h := crypto.Keccak256(item)
		for i := 0; i < 6; i += 2 {
			want.SetBit(want, int((uint(h[i])<<8|uint(h[i+1]))%2048), 1)
		}
	}
	logs := []*types.Log{{Address: addr, Topics: []types.Hash{topic}}}
	got := types.LogsBloom(logs)
	var wantBytes [256]byte
	want.FillBytes(wantBytes[:])
	if got != types.Bloom(wantBytes) {
		t.Errorf("bloom mismatch\n got %x\nwant %x", got[:], wantBytes[:])
	}
	if !got.Test(addr[:]) || !got.Test(topic[:]) {
		t.Error("members not found")
	}
	r := &types.Receipt{Bloom: got}
	if types.CreateBloom([]*types.Receipt{r, {}}) != got {
		t.Error("CreateBloom of one bloom and an empty one changed it")
	}
}
