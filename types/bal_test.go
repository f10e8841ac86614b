package types

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/holiman/uint256"
)

// EIP-7928 "Block Structure Modification": with no state changes the hash is
// keccak256(rlp.encode([])) = 0x1dcc4de8...49347 and the list is 0xc0.
func TestEmptyBlockAccessList(t *testing.T) {
	if got := (BlockAccessList{}).EncodeRLP(); !bytes.Equal(got, []byte{0xc0}) {
		t.Errorf("empty list encodes to %x, want c0", got)
	}
	want := MustHexToHash("0x1dcc4de8dec75d7aab85b567b6ccd41ad312451b948a7413f0a142fd40d49347")
	if h := (BlockAccessList{}).Hash(); h != want || EmptyBlockAccessListHash != want {
		t.Errorf("empty list hash %s (constant %s), want %s", h, EmptyBlockAccessListHash, want)
	}
}

// balExample is one account with every field, and its RLP computed by hand
// from EIP-7928 "RLP Data Structures" (AccountChanges = [address,
// storage_changes, storage_reads, balance_changes, nonce_changes,
// code_changes]) and execution-specs' rlp_utils, which encodes slots,
// values, balances, nonces and indices as integers (no leading zeros).
func balExample() (BlockAccessList, string) {
	addr := MustHexToAddress("0x00000000000000000000000000000000000000aa")
	l := BlockAccessList{{
		Address: addr,
		// slot 1: 2 after transaction 1, 0 (zeroed) after transaction 3
		StorageChanges: []SlotChanges{{Slot: Hash{31: 1}, Changes: []StorageChange{{Index: 1, Value: Hash{31: 2}}, {Index: 3}}}},
		StorageReads:   []Hash{{30: 1}},                                           // slot 0x0100
		BalanceChanges: []BalanceChange{{Index: 0, Balance: *uint256.NewInt(10)}}, // index 0: a pre-execution system call
		NonceChanges:   []NonceChange{{Index: 1, Nonce: 1}},
		CodeChanges:    []CodeChange{{Index: 1, Code: []byte{0x60}}},
	}}
	enc := "f0" + // list of one account, 48 bytes
		"ef" + // the account, 47 bytes
		"94" + strings.Repeat("00", 19) + "aa" + // address
		"c9" + "c8" + "01" + "c6" + "c20102" + "c20380" + // storage_changes: [[1, [[1, 2], [3, 0]]]]
		"c3" + "820100" + // storage_reads: [0x0100]
		"c3" + "c2800a" + // balance_changes: [[0, 10]]
		"c3" + "c20101" + // nonce_changes: [[1, 1]]
		"c3" + "c20160" // code_changes: [[1, 0x60]]
	return l, enc
}

func TestBlockAccessListEncoding(t *testing.T) {
	l, want := balExample()
	got := hex.EncodeToString(l.EncodeRLP())
	if got != want {
		t.Fatalf("encoding:\n got %s\nwant %s", got, want)
	}
	raw, _ := hex.DecodeString(want)
	if l.Hash() != keccak256(raw) {
		t.Errorf("Hash is not keccak256 of the encoding")
	}
	back, err := DecodeBlockAccessList(raw)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(back.EncodeRLP(), raw) || back.Diff(l) != "" {
		t.Errorf("round trip differs: %s", back.Diff(l))
	}
	// EIP-7928 size limit: 1 account + 1 changed slot + 1 read slot.
	if n := l.ItemCount(); n != 3 {
		t.Errorf("ItemCount %d, want 3", n)
	}
}

func TestDecodeBlockAccessListStrict(t *testing.T) {
	_, enc := balExample()
	for name, bad := range map[string]string{
		"trailing bytes":      "c000",
		"read with leading 0": "f1f0" + strings.Replace(enc[4:], "c3820100", "c483000100", 1),
		"one account field":   "c2" + "c180",
		"short address":       "c9" + "c8" + "820000" + "c0c0c0c0c0",
		"read above 256 bits": "f83e" + "f83c" + "94" + strings.Repeat("00", 20) + "c0" + "e2a1" + strings.Repeat("01", 33) + "c0c0c0",
	} {
		raw, err := hex.DecodeString(bad)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if _, err := DecodeBlockAccessList(raw); err == nil {
			t.Errorf("%s: decoded without error", name)
		}
	}
}

// EIP-7928 "Ordering and Determinism" and the execution-specs' structural
// validation: accounts, slots and reads strictly ascending, indices strictly
// ascending and at most len(transactions) + 1, reads disjoint from changes.
func TestBlockAccessListValidate(t *testing.T) {
	good, _ := balExample()
	if err := good.Validate(3, 0); err != nil {
		t.Fatalf("valid list rejected: %v", err)
	}
	cases := map[string]func(l BlockAccessList) BlockAccessList{
		"index above n+1": func(l BlockAccessList) BlockAccessList { l[0].NonceChanges[0].Index = 4; return l },
		"read also changed": func(l BlockAccessList) BlockAccessList {
			l[0].StorageReads = []Hash{{31: 1}}
			return l
		},
		"changes out of order": func(l BlockAccessList) BlockAccessList {
			c := l[0].StorageChanges[0].Changes
			c[0], c[1] = c[1], c[0]
			return l
		},
		"duplicate account": func(l BlockAccessList) BlockAccessList { return append(l, l[0]) },
		"slot without changes": func(l BlockAccessList) BlockAccessList {
			l[0].StorageChanges[0].Changes = nil
			return l
		},
		"code too long": func(l BlockAccessList) BlockAccessList {
			l[0].CodeChanges[0].Code = make([]byte, 2)
			return l
		},
	}
	for name, f := range cases {
		l, _ := balExample()
		if err := f(l).Validate(3, 1); !errors.Is(err, ErrBlockAccessListShape) {
			t.Errorf("%s: Validate = %v, want ErrBlockAccessListShape", name, err)
		}
	}
}

// The JSON form (execution-spec-tests' field names) round-trips.
func TestBlockAccessListJSON(t *testing.T) {
	l, _ := balExample()
	raw, err := json.Marshal(l)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(raw), `"storageChanges":[{"slot":"0x1","slotChanges":[{"blockAccessIndex":"0x1","postValue":"0x2"}`) {
		t.Errorf("unexpected JSON %s", raw)
	}
	var back BlockAccessList
	if err := json.Unmarshal(raw, &back); err != nil {
		t.Fatal(err)
	}
	if back.Hash() != l.Hash() {
		t.Errorf("JSON round trip changes the list: %s", back.Diff(l))
	}
}
