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
		if got := TxIntrinsicGas(&c.tx, types.Address{}, &rules); got != c.want {
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
	prague := fork.Prague.Rules()
	if got, want := FloorDataGas(fork.TxGas, data, nil, &prague), uint64(21000+10*410); got != want {
		t.Errorf("floor %d, want %d", got, want)
	}
	if got := FloorDataGas(fork.TxGas, nil, nil, &prague); got != 21000 {
		t.Errorf("empty floor %d", got)
	}
	// Before EIP-7981 the access list adds no floor tokens.
	al := types.AccessList{{Address: types.Address{1}, StorageKeys: []types.Hash{{2}}}}
	if got := FloorDataGas(fork.TxGas, nil, al, &prague); got != 21000 {
		t.Errorf("Prague floor with an access list %d, want 21000", got)
	}
}

// EIP-7976: "the floor cost is 64 gas per calldata byte (both zero and
// non-zero), since TOTAL_COST_FLOOR_PER_TOKEN * 4 = 64", on the 21000 base:
// floor = 21000 + 16 * (zero + non-zero bytes) * 4.
func TestFloorDataGasEIP7976(t *testing.T) {
	rules := fork.Osaka.Rules()
	rules.Enable(7976)
	data := make([]byte, 110) // 100 non-zero and 10 zero bytes: 440 tokens
	for i := 0; i < 100; i++ {
		data[i] = 0xff
	}
	if got, want := FloorDataGas(fork.TxGas, data, nil, &rules), uint64(21000+64*110); got != want {
		t.Errorf("floor %d, want %d (64 a byte)", got, want)
	}
	zeros := make([]byte, 1000) // a zero byte costs the same 64 as a non-zero one
	if got, want := FloorDataGas(fork.TxGas, zeros, nil, &rules), uint64(21000+64_000); got != want {
		t.Errorf("floor of zero bytes %d, want %d", got, want)
	}
	// The standard (intrinsic) price is unchanged: 4 a zero byte, 16 a non-zero one.
	tx := types.Transaction{Type: types.DynamicFeeTxType, To: &types.Address{1}, Data: data}
	if got, want := TxIntrinsicGas(&tx, types.Address{}, &rules), uint64(21000+16*100+4*10); got != want {
		t.Errorf("intrinsic %d, want %d", got, want)
	}
}

// EIP-7981: access-list entries are data: 20 bytes an address and 32 a
// storage key, 4 floor tokens a byte (ACCESS_LIST_ADDRESS_FLOOR_TOKENS 80,
// ACCESS_LIST_STORAGE_KEY_FLOOR_TOKENS 128). The tokens join the floor and
// are charged in the intrinsic gas at the floor price too: with EIP-7976's
// 16 a token, 1280 an address and 2048 a key on top of EIP-2930's costs.
func TestAccessListDataEIP7981(t *testing.T) {
	rules := fork.Osaka.Rules()
	rules.Enable(7976, 7981)
	al := types.AccessList{
		{Address: types.Address{1}, StorageKeys: []types.Hash{{1}, {2}}},
		{Address: types.Address{2}},
	}
	// 2 addresses and 2 keys: 2*80 + 2*128 = 416 tokens.
	if got, want := FloorDataGas(fork.TxGas, []byte{0, 1}, al, &rules), uint64(21000+16*(2*4+416)); got != want {
		t.Errorf("floor %d, want %d", got, want)
	}
	tx := types.Transaction{Type: types.AccessListTxType, To: &types.Address{9}, AccessList: al}
	want := uint64(21000 + 2*fork.AccessListAddressGas + 2*fork.AccessListStorageKeyGas + 2*1280 + 2*2048)
	if got := TxIntrinsicGas(&tx, types.Address{}, &rules); got != want {
		t.Errorf("intrinsic %d, want %d", got, want)
	}
	// Without EIP-7976 the tokens are priced at EIP-7623's 10.
	r7623 := fork.Osaka.Rules()
	r7623.Enable(7981)
	if got, want := FloorDataGas(fork.TxGas, nil, al, &r7623), uint64(21000+10*416); got != want {
		t.Errorf("floor at 10 a token %d, want %d", got, want)
	}
	// An empty access list adds nothing.
	if got := FloorDataGas(fork.TxGas, nil, nil, &rules); got != 21000 {
		t.Errorf("empty floor %d", got)
	}
}
