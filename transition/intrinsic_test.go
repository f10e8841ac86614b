package transition

import (
	"testing"

	"github.com/goevm/goevm/fork"
	"github.com/goevm/goevm/types"
)

// Expected values are worked by hand from the EIPs' constants.
func TestIntrinsicGasByFork(t *testing.T) {
	to := types.MustHexToAddress("0x00000000000000000000000000000000000000cc")
	nonZero := make([]byte, 100)
	for i := range nonZero {
		nonZero[i] = 0xff
	}
	zeros33 := make([]byte, 33)
	cases := []struct {
		name string
		f    fork.Fork
		tx   types.Transaction
		want uint64
	}{
		{"transfer", fork.Frontier, types.Transaction{To: &to}, 21000},
		{"100 non-zero bytes pre-Istanbul", fork.Petersburg, types.Transaction{To: &to, Data: nonZero}, 21000 + 100*68},
		{"100 non-zero bytes, EIP-2028", fork.Istanbul, types.Transaction{To: &to, Data: nonZero}, 21000 + 100*16},
		{"create in Frontier", fork.Frontier, types.Transaction{Data: zeros33}, 21000 + 33*4},
		{"create, EIP-2", fork.Homestead, types.Transaction{Data: zeros33}, 53000 + 33*4},
		{"create, EIP-3860 words", fork.Shanghai, types.Transaction{Data: zeros33}, 53000 + 33*4 + 2*2},
		{"access list", fork.Berlin, types.Transaction{To: &to, AccessList: types.AccessList{
			{Address: to, StorageKeys: []types.Hash{{1}, {2}}}, {Address: to}}}, 21000 + 2*2400 + 2*1900},
		{"authorizations", fork.Prague, types.Transaction{To: &to, AuthList: make([]types.Authorization, 3)}, 21000 + 3*25000},
	}
	for _, c := range cases {
		rules := c.f.Rules()
		if got := TxIntrinsicGas(&c.tx, &rules); got != c.want {
			t.Errorf("%s: %d, want %d", c.name, got, c.want)
		}
	}
}

func TestFloorDataGasEIP7623(t *testing.T) {
	// 100 non-zero bytes are 400 tokens: 21000 + 10*400; 10 zero bytes 10 tokens.
	data := make([]byte, 110)
	for i := 0; i < 100; i++ {
		data[i] = 1
	}
	if got, want := FloorDataGas(data), uint64(21000+10*410); got != want {
		t.Errorf("floor %d, want %d", got, want)
	}
	if got := FloorDataGas(nil); got != 21000 {
		t.Errorf("empty floor %d", got)
	}
}
