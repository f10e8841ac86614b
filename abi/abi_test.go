package abi

import (
	"encoding/json"
	"errors"
	"math/big"
	"reflect"
	"strings"
	"testing"

	"github.com/goevm/goevm/crypto"
	"github.com/goevm/goevm/types"
)

// Selectors and topics of well-known declarations. Expected values: EIP-20
// (transfer, balanceOf, the Transfer event's topic as every ERC-20 log
// carries it) and the Solidity documentation (Error(string), Panic(uint256)).
func TestSelectorsAndTopics(t *testing.T) {
	sels := map[string]string{
		"transfer(address,uint256)":                                         "0xa9059cbb",
		"function balanceOf(address owner) external view returns (uint256)": "0x70a08231",
		"balanceOf(address)(uint256)":                                       "0x70a08231",
		"function transfer(address to, uint amount) returns (bool)":         "0xa9059cbb",
		"error Error(string)":                                               "0x08c379a0",
		"error Panic(uint256)":                                              "0x4e487b71",
	}
	for sig, want := range sels {
		it, err := ParseSignature(sig)
		if err != nil {
			t.Fatalf("%s: %v", sig, err)
		}
		var got Selector
		switch x := it.(type) {
		case *Function:
			got = x.Selector()
		case *Error:
			got = x.Selector()
		}
		if got.String() != want {
			t.Errorf("%s: selector %s, want %s", sig, got, want)
		}
	}
	ev, err := ParseEvent("event Transfer(address indexed from, address indexed to, uint256 value)")
	if err != nil {
		t.Fatal(err)
	}
	if got := ev.Topic().Hex(); got != "0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef" {
		t.Errorf("Transfer topic %s", got)
	}
	if ev.String() != "event Transfer(address indexed from, address indexed to, uint256 value)" {
		t.Errorf("String() = %s", ev)
	}
}

func TestParseSignatures(t *testing.T) {
	f, err := ParseFunction("function balanceOf(address owner) view returns (uint256)")
	if err != nil {
		t.Fatal(err)
	}
	if f.Name != "balanceOf" || f.StateMutability != "view" || len(f.Outputs) != 1 || f.Inputs[0].Name != "owner" {
		t.Errorf("parsed %+v", f)
	}
	if f.String() != "function balanceOf(address owner) view returns (uint256)" {
		t.Errorf("String() = %s", f)
	}
	e, err := ParseError("error Insufficient(uint256,uint256)")
	if err != nil || e.Signature() != "Insufficient(uint256,uint256)" {
		t.Errorf("%v %v", e, err)
	}
	f, err = ParseFunction("f((uint a, string[] b)[2] memory s, tuple(bytes32,int8)[] calldata t)")
	if err != nil {
		t.Fatal(err)
	}
	if f.Signature() != "f((uint256,string[])[2],(bytes32,int8)[])" {
		t.Errorf("signature %s", f.Signature())
	}
	for _, bad := range []string{"f(uint7)", "f(bytes33)", "f(uint256", "f(uint256) junk", "f(fixed128x18)", "f(uint[01])", "event (uint)", "f(,)", "f(uint256 a b)", "f(" + strings.Repeat("(", 100) + strings.Repeat(")", 100) + ")"} {
		if _, err := ParseSignature(bad); err == nil {
			t.Errorf("%q parsed", bad)
		} else if !errors.Is(err, ErrSyntax) && !errors.Is(err, ErrType) {
			t.Errorf("%q: %v is neither ErrSyntax nor ErrType", bad, err)
		}
	}
}

// Revert data for revert("Not enough Ether provided.") as the Solidity
// documentation ("Control Structures", revert) shows it.
func TestDecodeRevert(t *testing.T) {
	data := unhex(t, `0x08c379a0
		0000000000000000000000000000000000000000000000000000000000000020
		000000000000000000000000000000000000000000000000000000000000001a
		4e6f7420656e6f7567682045746865722070726f76696465642e000000000000`)
	r := DecodeRevert(data, nil)
	if r.Kind != RevertError || r.Message != "Not enough Ether provided." || r.String() != `Error("Not enough Ether provided.")` {
		t.Errorf("%+v %s", r, r)
	}
	p, _ := PanicError.Encode(big.NewInt(0x11))
	if r := DecodeRevert(p, nil); r.Kind != RevertPanic || r.String() != "Panic(0x11): arithmetic overflow or underflow" {
		t.Errorf("%s", r)
	}
	a, _ := ParseHuman("error Insufficient(uint256 available, uint256 required)")
	custom, _ := a.Errors[0].Encode(1, 2)
	if r := DecodeRevert(custom, a); r.Kind != RevertCustom || r.Error == nil || r.String() != "Insufficient(1, 2)" {
		t.Errorf("%s", r)
	}
	if r := DecodeRevert(custom, nil); r.Error != nil || r.String() != "custom error "+a.Errors[0].Selector().String()+" with 64 bytes of arguments" {
		t.Errorf("%s", r)
	}
	if DecodeRevert(nil, nil) != nil {
		t.Error("empty revert data decoded")
	}
	if r := DecodeRevert(data[:40], nil); r.Kind != RevertRaw || r.String() != "Error(string) selector with malformed arguments (36 bytes)" {
		t.Errorf("%s", r)
	}
}

// Indexed parameters: keccak256("hello") = 0x1c8aff95...deac8 and
// keccak256("") = 0xc5d24601...5a470 are the well-known Keccak-256 digests.
func TestEventLog(t *testing.T) {
	ev, err := ParseEvent("event Note(address indexed who, string indexed text, bytes indexed blob, uint256 value, string memo)")
	if err != nil {
		t.Fatal(err)
	}
	who := types.MustHexToAddress("0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed")
	topics, data, err := ev.EncodeLog(who, "hello", []byte{}, 7, "m")
	if err != nil {
		t.Fatal(err)
	}
	if len(topics) != 4 || topics[0] != ev.Topic() ||
		topics[2].Hex() != "0x1c8aff950685c2ed4bc3174f3472287b56d9517b9c948127319a09a7a36deac8" ||
		topics[3].Hex() != "0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470" {
		t.Errorf("topics %v", topics)
	}
	vals, err := ev.DecodeLog(topics, data)
	if err != nil {
		t.Fatal(err)
	}
	want := []any{who, topics[2], topics[3], big.NewInt(7), "m"}
	if !reflect.DeepEqual(vals, want) {
		t.Errorf("decoded %v, want %v", vals, want)
	}
	if _, err := ev.DecodeLog(topics[:3], data); !errors.Is(err, ErrTopics) {
		t.Errorf("short topics: %v", err)
	}
	a := &ABI{Events: []*Event{ev}}
	got, _, err := a.DecodeLog(&types.Log{Topics: topics, Data: data})
	if err != nil || got != ev {
		t.Errorf("ABI.DecodeLog: %v", err)
	}
	// A struct and an array indexed: the hash of the in-place encoding
	// the specification defines (each member padded to 32 bytes, no lengths).
	h, err := IndexedTopic(MustParseType("(string,uint8[])"), []any{"ab", []any{1, 2}})
	if err != nil {
		t.Fatal(err)
	}
	word := func(b ...byte) []byte { w := make([]byte, 32); copy(w[32-len(b):], b); return w }
	ab := make([]byte, 32)
	copy(ab, "ab")
	if want := crypto.Keccak256(ab, word(1), word(2)); h != want {
		t.Errorf("indexed tuple topic %s, want %s", h, want)
	}
}

// EIP-55's own test vectors.
func TestChecksum(t *testing.T) {
	for _, s := range []string{
		"0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
		"0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359",
		"0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB",
		"0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb",
	} {
		a, err := ParseAddress(s)
		if err != nil {
			t.Fatal(err)
		}
		if ChecksumAddress(a) != s {
			t.Errorf("checksum %s, want %s", ChecksumAddress(a), s)
		}
	}
	if _, err := ParseAddress("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD"); !errors.Is(err, ErrValue) {
		t.Errorf("bad checksum accepted: %v", err)
	}
}

func TestParseValue(t *testing.T) {
	b := func(s string) *big.Int { n, _ := new(big.Int).SetString(s, 10); return n }
	cases := []struct {
		typ, in string
		want    any
	}{
		{"uint256", "1000", b("1000")},
		{"uint256", "0xff", b("255")},
		{"uint256", "1ether", b("1000000000000000000")},
		{"uint256", "1.5 gwei", b("1500000000")},
		{"int8", "-128", b("-128")},
		{"int256", "-0x10", b("-16")},
		{"bool", "true", true},
		{"string", "hello, world", "hello, world"},
		{"string", `"quoted \"x\""`, `quoted "x"`},
		// Bytes that are not UTF-8 (an ABI string is any bytes): Go-quoted,
		// as FormatValue writes them, alone and inside a tuple.
		{"string", `"\xff\x00a"`, "\xff\x00a"},
		{"(string,string)", `("\xfe", "ok")`, []any{"\xfe", "ok"}},
		{"bytes", "0xdeadbeef", []byte{0xde, 0xad, 0xbe, 0xef}},
		{"bytes2", "0x0102", []byte{1, 2}},
		{"uint8[]", "[1, 2 ,3]", []any{b("1"), b("2"), b("3")}},
		{"uint8[]", "[]", []any{}},
		{"string[2]", `[a b, "c,d"]`, []any{"a b", "c,d"}},
		{"(uint256,string,bool[])", `(1, hi, [true,false])`, []any{b("1"), "hi", []any{true, false}}},
		{"(uint256,(string,address))[]", `[(1,(x,0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed))]`,
			[]any{[]any{b("1"), []any{"x", types.MustHexToAddress("0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed")}}}},
	}
	for _, c := range cases {
		got, err := ParseValue(MustParseType(c.typ), c.in)
		if err != nil {
			t.Errorf("%s %q: %v", c.typ, c.in, err)
			continue
		}
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s %q = %#v, want %#v", c.typ, c.in, got, c.want)
		}
		// FormatValue writes what ParseValue reads.
		typ := MustParseType(c.typ)
		back, err := ParseValue(typ, FormatValue(typ, got))
		if err != nil || !reflect.DeepEqual(back, got) {
			t.Errorf("%s: %s does not read back: %v", c.typ, FormatValue(typ, got), err)
		}
	}
	for _, c := range []struct{ typ, in string }{
		{"uint8", "256"}, {"uint8", "-1"}, {"int8", "128"}, {"uint256", "1.5wei"}, {"uint256", "abc"},
		{"bool", "yes"}, {"bytes2", "0x01"}, {"bytes", "deadbeef"}, {"address", "0x1234"},
		{"uint8[2]", "[1]"}, {"uint8[2]", "[1,2,3]"}, {"(uint8,bool)", "(1)"}, {"uint8[]", "[1,2"}, {"uint8[]", "[1,]"},
		{"uint8", ""}, {"uint256", "1e18"}, {"uint8[]", "[1] x"},
	} {
		if v, err := ParseValue(MustParseType(c.typ), c.in); err == nil {
			t.Errorf("%s %q parsed as %v", c.typ, c.in, v)
		} else if !errors.Is(err, ErrValue) && !errors.Is(err, ErrSyntax) {
			t.Errorf("%s %q: %v", c.typ, c.in, err)
		}
	}
}

// A JSON ABI as solc 0.8 writes it (solc --abi of a contract with a
// struct parameter, an event and a custom error).
const solcABI = `[{"inputs":[{"internalType":"uint256","name":"x","type":"uint256"}],"stateMutability":"nonpayable","type":"constructor"},{"inputs":[{"internalType":"uint256","name":"available","type":"uint256"},{"internalType":"uint256","name":"required","type":"uint256"}],"name":"Insufficient","type":"error"},{"anonymous":false,"inputs":[{"indexed":true,"internalType":"address","name":"from","type":"address"},{"indexed":false,"internalType":"uint256","name":"value","type":"uint256"}],"name":"Sent","type":"event"},{"inputs":[{"components":[{"internalType":"uint256","name":"a","type":"uint256"},{"internalType":"string[]","name":"b","type":"string[]"}],"internalType":"struct C.S[2]","name":"s","type":"tuple[2]"}],"name":"f","outputs":[{"internalType":"bool","name":"","type":"bool"}],"stateMutability":"view","type":"function"},{"stateMutability":"payable","type":"receive"}]`

func TestJSONABI(t *testing.T) {
	a, err := ParseJSON([]byte(solcABI))
	if err != nil {
		t.Fatal(err)
	}
	f, err := a.Function("f")
	if err != nil {
		t.Fatal(err)
	}
	if f.Signature() != "f((uint256,string[])[2])" || f.StateMutability != "view" || a.Constructor == nil || a.Receive == nil || len(a.Errors) != 1 || len(a.Events) != 1 {
		t.Errorf("parsed %s %+v", f.Signature(), a)
	}
	out, err := json.Marshal(a)
	if err != nil {
		t.Fatal(err)
	}
	// Round trip: the same entries (solc orders entries differently, so
	// compare as sets of objects).
	var want, got []map[string]any
	json.Unmarshal([]byte(solcABI), &want)
	json.Unmarshal(out, &got)
	if len(want) != len(got) {
		t.Fatalf("marshalled %s", out)
	}
	for _, w := range want {
		found := false
		for _, g := range got {
			if reflect.DeepEqual(w, g) {
				found = true
			}
		}
		if !found {
			ws, _ := json.Marshal(w)
			t.Errorf("entry %s missing from %s", ws, out)
		}
	}
	// Hardhat/Foundry artifacts wrap it.
	if _, err := ParseJSON([]byte(`{"abi":` + solcABI + `,"bytecode":"0x"}`)); err != nil {
		t.Error(err)
	}
	// solc --combined-json abi, the ABI as a string (before solc 0.8.10).
	quoted, _ := json.Marshal(solcABI)
	if c, err := ParseJSON([]byte(`{"contracts":{"c.sol:C":{"abi":` + string(quoted) + `}},"version":"0.8.9"}`)); err != nil || len(c.Functions) != 1 {
		t.Errorf("combined-json: %v", err)
	}
	if _, err := ParseJSON([]byte(`[{"type":"function","name":"f","inputs":[{"type":"uint7"}]}]`)); !errors.Is(err, ErrType) {
		t.Errorf("bad type: %v", err)
	}
}

func TestDecodeRejects(t *testing.T) {
	word := func(s string) string { return strings.Repeat("0", 64-len(s)) + s }
	cases := []struct {
		types string
		data  string
		want  error
	}{
		{"uint256", word("1")[:62], ErrShortData},
		{"uint8", word("100"), ErrNonCanonical},
		{"int8", word("80"), ErrNonCanonical},
		{"int8", strings.Repeat("f", 62) + "7f", ErrNonCanonical},
		{"bool", word("2"), ErrNonCanonical},
		{"address", "01" + word("")[2:], ErrNonCanonical},
		{"bytes1", "0101" + word("")[4:], ErrNonCanonical},
		{"bytes", word("20"), ErrShortData},
		{"bytes", word("40"), ErrOffset},
		{"bytes", word("20") + word("21"), ErrLength},
		{"bytes", word("20") + "ff" + word("")[2:], ErrLength},
		{"uint256[]", word("20") + word("2") + word("1"), ErrLength},
		{"uint256[]", word("20") + strings.Repeat("f", 64), ErrLength},
		{"string[]", word("20") + word("1") + word("1000"), ErrOffset},
		// 1000 elements all point at one array of 1000 words: a million
		// values from 64 KB.
		{"uint256[][]", word("20") + word("3e8") + strings.Repeat(word("7d00"), 1000) + word("3e8") + strings.Repeat(word("1"), 1000), ErrTooLarge},
	}
	// Offsets need not be minimal: two strings may share their data, as
	// Solidity's decoder allows.
	shared := unhex(t, word("40")+word("40")+word("2")+"6869"+word("")[4:])
	if v, err := Decode([]Type{StringType, StringType}, shared); err != nil || v[0] != "hi" || v[1] != "hi" {
		t.Errorf("shared data: %v %v", v, err)
	}
	for _, c := range cases {
		ts, err := ParseTypes(c.types)
		if err != nil {
			t.Fatal(err)
		}
		_, err = Decode(ts, unhex(t, c.data))
		if !errors.Is(err, c.want) {
			t.Errorf("%s %s: %v, want %v", c.types, c.data, err, c.want)
		}
	}
}
