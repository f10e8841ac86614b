package eip712

import (
	"encoding/hex"
	"errors"
	"math/big"
	"strings"
	"testing"

	"github.com/goevm/goevm/crypto"
)

// message builds typed data with one struct Message{T data} and the given
// JSON value, plus any extra type declarations.
func message(typ, value, extraTypes string) string {
	return `{"types":{` + extraTypes + `"Message":[{"name":"data","type":"` + typ + `"}]},` +
		`"primaryType":"Message","domain":{"chainId":1},"message":{"data":` + value + `}}`
}

// encodeOne returns the 32-byte encoding of value as type typ.
func encodeOne(typ, value string) (string, error) {
	td, err := Parse([]byte(message(typ, value, "")))
	if err != nil {
		return "", err
	}
	data, err := td.EncodeData("Message", td.Message)
	if err != nil {
		return "", err
	}
	return hex.EncodeToString(data), nil
}

func TestIntegerRanges(t *testing.T) {
	// Ranges from the EIP-712 text: intN and uintN as in Solidity,
	// sign-extended to 256 bits.
	max256 := new(big.Int).Sub(new(big.Int).Lsh(big.NewInt(1), 256), big.NewInt(1)).String()
	min256 := new(big.Int).Neg(new(big.Int).Lsh(big.NewInt(1), 255)).String()
	ok := []struct{ typ, value, want string }{
		{"int8", `127`, strings.Repeat("0", 62) + "7f"},
		{"int8", `-128`, strings.Repeat("f", 62) + "80"},
		{"int8", `-1`, strings.Repeat("f", 64)},
		{"int8", `"-0x80"`, strings.Repeat("f", 62) + "80"},
		{"uint8", `255`, strings.Repeat("0", 62) + "ff"},
		{"uint8", `"0xff"`, strings.Repeat("0", 62) + "ff"},
		{"uint16", `"65535"`, strings.Repeat("0", 60) + "ffff"},
		{"uint256", `"` + max256 + `"`, strings.Repeat("f", 64)},
		{"uint256", max256, strings.Repeat("f", 64)},
		{"int256", `"` + min256 + `"`, "8" + strings.Repeat("0", 63)},
		{"uint256", `"0x` + strings.Repeat("f", 64) + `"`, strings.Repeat("f", 64)},
		// JSON.stringify writes 1e21 and above with an exponent.
		{"uint256", `1e+21`, strings.Repeat("0", 46) + "3635c9adc5dea00000"},
		{"uint256", `"1e21"`, strings.Repeat("0", 46) + "3635c9adc5dea00000"},
		{"uint256", `1.5e3`, strings.Repeat("0", 61) + "5dc"},
		{"uint", `1`, strings.Repeat("0", 63) + "1"},
	}
	for _, c := range ok {
		got, err := encodeOne(c.typ, c.value)
		if err != nil {
			t.Errorf("%s %s: %v", c.typ, c.value, err)
		} else if got != c.want {
			t.Errorf("%s %s\n got %s\nwant %s", c.typ, c.value, got, c.want)
		}
	}
	over256 := new(big.Int).Lsh(big.NewInt(1), 256).String()
	bad := []struct{ typ, value string }{
		{"int8", `128`}, {"int8", `-129`}, {"int8", `255`}, {"int8", `-255`}, {"int8", `"0x80"`},
		{"uint8", `256`}, {"uint8", `-1`}, {"uint8", `"-0x1"`}, {"uint256", `-1`},
		{"uint256", over256}, {"uint256", `"0x1` + strings.Repeat("0", 64) + `"`},
		{"int256", `"` + new(big.Int).Lsh(big.NewInt(1), 255).String() + `"`},
		{"uint32", `4294967296`}, {"int", `"` + over256 + `"`},
	}
	for _, c := range bad {
		_, err := encodeOne(c.typ, c.value)
		if !errors.Is(err, ErrOutOfRange) || !errors.Is(err, ErrInvalidValue) {
			t.Errorf("%s %s: %v, want ErrOutOfRange", c.typ, c.value, err)
		} else if !strings.HasPrefix(err.Error(), "Message.data: ") {
			t.Errorf("%s %s: error %q does not start with the field path", c.typ, c.value, err)
		}
	}
	notInt := []struct{ typ, value string }{
		{"uint8", `1.5`}, {"uint8", `"1.5"`}, {"uint8", `""`}, {"uint8", `"0x"`}, {"uint8", `"-"`},
		{"uint8", `"+1"`}, {"uint8", `"--1"`}, {"uint8", `"0x-1"`}, {"uint8", `"0x+1"`}, {"uint8", `"1_0"`},
		{"uint8", `"ten"`}, {"uint8", `true`}, {"uint8", `[1]`}, {"uint8", `{}`},
		{"uint256", `1e999999999`}, {"uint256", `"1e-5"`},
	}
	for _, c := range notInt {
		_, err := encodeOne(c.typ, c.value)
		if !errors.Is(err, ErrInvalidValue) || errors.Is(err, ErrOutOfRange) {
			t.Errorf("%s %s: %v, want ErrInvalidValue (not a range error)", c.typ, c.value, err)
		}
	}
}

func TestValueErrors(t *testing.T) {
	cases := []struct {
		typ, value string
		want       error
	}{
		// Values MetaMask's eth-sig-util coerces (its "example data") but
		// geth and this package refuse.
		{"bytes32", `"0x10"`, ErrInvalidValue},
		{"address", `"0x10"`, ErrInvalidValue},
		{"address", `10`, ErrInvalidValue},
		{"bool", `"true"`, ErrInvalidValue},
		{"bool", `1`, ErrInvalidValue},
		{"bytes", `"0x101"`, ErrInvalidValue},
		{"bytes", `"10"`, ErrInvalidValue},
		{"bytes", `10`, ErrInvalidValue},
		{"bytes1", `10`, ErrInvalidValue},
		{"string", `10`, ErrInvalidValue},
		// eth-sig-util's error examples.
		{"address", `"0xbBbBBBBbbBBBbbbBbbBbbbbBBbBbbbbBbBbbBBbB0"`, ErrInvalidValue},
		{"bytes1", `"a"`, ErrInvalidValue},
		{"bytes32", `"test"`, ErrInvalidValue},
		// Wrong lengths and kinds.
		{"bytes1", `"0x1011"`, ErrInvalidValue},
		{"bytes1", `"0x"`, ErrInvalidValue},
		{"address", `"0xzz2a3d9F938E13CD947Ec05AbC7FE734Df8DD826"`, ErrInvalidValue},
		{"address[]", `"0xCD2a3d9F938E13CD947Ec05AbC7FE734Df8DD826"`, ErrInvalidValue},
		{"uint8[2]", `[1]`, ErrInvalidValue},
		{"uint8[2]", `[1, 2, 3]`, ErrInvalidValue},
		{"uint8[]", `[1, null]`, ErrInvalidValue},
		{"uint8[][]", `[1]`, ErrInvalidValue},
		{"string", `null`, ErrMissingField},
	}
	for _, c := range cases {
		_, err := encodeOne(c.typ, c.value)
		if !errors.Is(err, c.want) {
			t.Errorf("%s %s: %v, want %v", c.typ, c.value, err, c.want)
		}
	}
	// Addresses may come without 0x (geth's rule), upper or lower case.
	for _, a := range []string{`"cd2a3d9f938e13cd947ec05abc7fe734df8dd826"`, `"0XCD2A3D9F938E13CD947EC05ABC7FE734DF8DD826"`} {
		if got, err := encodeOne("address", a); err != nil || got != strings.Repeat("0", 24)+"cd2a3d9f938e13cd947ec05abc7fe734df8dd826" {
			t.Errorf("address %s: %s, %v", a, got, err)
		}
	}
}

func TestErrorPaths(t *testing.T) {
	td := mustParse(t, arraysJSON)
	to := td.Message["to"].([]any)[0].(map[string]any)
	to["wallets"].([]any)[1] = "0x1234"
	_, err := td.SigningHash()
	if !errors.Is(err, ErrInvalidValue) || !strings.HasPrefix(err.Error(), "message.to[0].wallets[1]: ") {
		t.Errorf("bad wallet: %v", err)
	}
	delete(to, "name")
	_, err = td.SigningHash()
	if !errors.Is(err, ErrMissingField) || !strings.HasPrefix(err.Error(), "message.to[0].name: ") {
		t.Errorf("missing name: %v", err)
	}
	td = mustParse(t, arraysJSON)
	td.Message["from"] = "Cow"
	if _, err := td.SigningHash(); !errors.Is(err, ErrInvalidValue) || !strings.HasPrefix(err.Error(), "message.from: ") {
		t.Errorf("from as a string: %v", err)
	}
	td = mustParse(t, arraysJSON)
	td.Domain["chainId"] = "one"
	if _, err := td.SigningHash(); !errors.Is(err, ErrInvalidValue) || !strings.HasPrefix(err.Error(), "domain.chainId: ") {
		t.Errorf("bad chainId: %v", err)
	}
	delete(td.Domain, "chainId")
	if _, err := td.DomainSeparator(); !errors.Is(err, ErrMissingField) || !strings.HasPrefix(err.Error(), "domain.chainId: ") {
		t.Errorf("missing chainId: %v", err)
	}
	// Extra, undeclared fields are ignored (MetaMask's "should ignore extra
	// unspecified message properties"; anvil and ethers agree).
	td = mustParse(t, arraysJSON)
	td.Message["extra"] = "ignored"
	td.Message["from"].(map[string]any)["age"] = 3
	h, err := td.SigningHash()
	wantHash(t, "with extra fields", h, err, "0xa85c2e2b118698e88db68a8105b794a8cc7cec074e89ef991cb4f5f533819cc2")
	// A struct that is missing entirely (MetaMask V4 would hash zero).
	td = mustParse(t, arraysJSON)
	delete(td.Message, "from")
	if _, err := td.MessageHash(); !errors.Is(err, ErrMissingField) || !strings.HasPrefix(err.Error(), "message.from: ") {
		t.Errorf("missing struct: %v", err)
	}
}

func TestTypeErrors(t *testing.T) {
	cases := []struct {
		name string
		json string
		want error
	}{
		{"unknown field type", message("Persn", `{}`, ""), ErrUnknownType},
		{"unknown array element", message("Persn[]", `[]`, ""), ErrUnknownType},
		{"uint7", message("uint7", `1`, ""), ErrUnknownType},
		{"uint264", message("uint264", `1`, ""), ErrUnknownType},
		{"uint08", message("uint08", `1`, ""), ErrUnknownType},
		{"int0", message("int0", `1`, ""), ErrUnknownType},
		{"bytes0", message("bytes0", `"0x"`, ""), ErrUnknownType},
		{"bytes33", message("bytes33", `"0x"`, ""), ErrUnknownType},
		{"fixed", message("fixed128x18", `1`, ""), ErrUnknownType},
		{"zero-length array", message("uint8[0]", `[]`, ""), ErrInvalidType},
		{"leading-zero length", message("uint8[01]", `[1]`, ""), ErrInvalidType},
		{"bad array", message("uint8[x]", `[1]`, ""), ErrInvalidType},
		{"unclosed", message("uint8]", `[1]`, ""), ErrInvalidType},
		{"struct named uint256", message("uint256", `1`, `"uint256":[],`), ErrInvalidType},
		{"struct named string", message("uint256", `1`, `"string":[],`), ErrInvalidType},
		{"bad struct name", message("uint256", `1`, `"My Type":[],`), ErrInvalidType},
		{"bad field name", `{"types":{"M":[{"name":"a b","type":"uint8"}]},"primaryType":"M","domain":{},"message":{}}`, ErrInvalidType},
		{"empty field type", `{"types":{"M":[{"name":"a","type":""}]},"primaryType":"M","domain":{},"message":{}}`, ErrInvalidType},
		{"duplicate field", `{"types":{"M":[{"name":"a","type":"uint8"},{"name":"a","type":"bool"}]},"primaryType":"M","domain":{},"message":{}}`, ErrInvalidType},
		{"unknown primary type", `{"types":{"M":[]},"primaryType":"N","domain":{},"message":{}}`, ErrUnknownType},
		{"no primary type", `{"types":{"M":[]},"domain":{},"message":{}}`, ErrInvalidTypedData},
		{"no types", `{"primaryType":"M","domain":{},"message":{}}`, ErrInvalidTypedData},
		{"not JSON", `{"types":`, ErrInvalidTypedData},
		{"trailing data", `{"types":{"M":[]},"primaryType":"M"} {}`, ErrInvalidTypedData},
		{"types as a list", `{"types":[],"primaryType":"M"}`, ErrInvalidTypedData},
	}
	for _, c := range cases {
		_, err := Parse([]byte(c.json))
		if !errors.Is(err, c.want) {
			t.Errorf("%s: %v, want %v", c.name, err, c.want)
		}
	}
	_, err := Parse([]byte(message("Persn", `{}`, "")))
	if err == nil || !strings.Contains(err.Error(), "types.Message[0] (data)") || !strings.Contains(err.Error(), `"Persn"`) {
		t.Errorf("unknown type error does not name the field: %v", err)
	}
	// A TypedData built in Go is validated by every method.
	td := &TypedData{Types: Types{"M": {{Name: "a", Type: "uint9"}}}, PrimaryType: "M"}
	if _, err := td.SigningHash(); !errors.Is(err, ErrUnknownType) {
		t.Errorf("SigningHash of unchecked types: %v", err)
	}
	if _, err := td.EncodeType("Nope"); !errors.Is(err, ErrUnknownType) {
		t.Errorf("EncodeType(Nope): %v", err)
	}
}

func TestInferredDomain(t *testing.T) {
	// Without an EIP712Domain declaration the type comes from the domain's
	// fields, in the EIP's order, as ethers, viem and alloy build it: the
	// Mail example then hashes as with the declaration.
	full := mustParse(t, mailJSON)
	inferred := mustParse(t, mailJSON)
	delete(inferred.Types, DomainType)
	a, err1 := full.SigningHash()
	b, err2 := inferred.SigningHash()
	if err1 != nil || err2 != nil || a != b {
		t.Errorf("inferred domain: %s %v, declared %s %v", b, err2, a, err1)
	}
	enc, err := inferred.EncodeType(DomainType)
	if err != nil || enc != "EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)" {
		t.Errorf("inferred EncodeType = %q, %v", enc, err)
	}
	// With salt, and keys in any order in the object.
	td := mustParse(t, `{"types":{"M":[]},"primaryType":"M",
		"domain":{"salt":"0x`+strings.Repeat("ab", 32)+`","chainId":"0x7a69"},"message":{}}`)
	enc, err = td.EncodeType(DomainType)
	if err != nil || enc != "EIP712Domain(uint256 chainId,bytes32 salt)" {
		t.Errorf("EncodeType = %q, %v", enc, err)
	}
	declared := mustParse(t, `{"types":{"M":[],"EIP712Domain":[{"name":"chainId","type":"uint256"},{"name":"salt","type":"bytes32"}]},
		"primaryType":"M","domain":{"chainId":31337,"salt":"0x`+strings.Repeat("ab", 32)+`"},"message":{}}`)
	a, err1 = td.SigningHash()
	b, err2 = declared.SigningHash()
	if err1 != nil || err2 != nil || a != b {
		t.Errorf("inferred %s %v, declared %s %v", a, err1, b, err2)
	}
	// An empty domain infers EIP712Domain(), as MetaMask's empty type.
	empty := mustParse(t, `{"types":{},"primaryType":"EIP712Domain"}`)
	h, err := empty.SigningHash()
	wantHash(t, "empty domain", h, err, "0x8d4a3f4082945b7879e2b55f181c31a77c8c0a464b70669458abbaaf99de4c38")
	// Inferred values are checked like declared ones.
	bad := mustParse(t, `{"types":{},"primaryType":"EIP712Domain","domain":{"verifyingContract":"0x12"}}`)
	if _, err := bad.DomainSeparator(); !errors.Is(err, ErrInvalidValue) || !strings.HasPrefix(err.Error(), "domain.verifyingContract: ") {
		t.Errorf("bad inferred verifyingContract: %v", err)
	}
}

func TestArraysAndNesting(t *testing.T) {
	// Fixed and nested arrays: per EIP-712 an array encodes as the keccak256
	// of its items' encodings, recursively, so [[1,2],[3]] as uint8[][] is
	// keccak(keccak(enc 1 ‖ enc 2) ‖ keccak(enc 3)).
	word := func(n byte) []byte { w := make([]byte, 32); w[31] = n; return w }
	k := func(parts ...[]byte) []byte {
		var b []byte
		for _, p := range parts {
			b = append(b, p...)
		}
		h := cryptoKeccak(b)
		return h[:]
	}
	inner1 := k(word(1), word(2))
	inner2 := k(word(3))
	want := hex.EncodeToString(k(inner1, inner2))
	for _, typ := range []string{"uint8[][]", "uint8[][2]"} {
		got, err := encodeOne(typ, `[[1,2],[3]]`)
		if err != nil || got != want {
			t.Errorf("%s: %s, %v; want %s", typ, got, err, want)
		}
	}
	if _, err := encodeOne("uint8[2][]", `[[1,2],[3]]`); !errors.Is(err, ErrInvalidValue) {
		t.Errorf("uint8[2][] with a 1-item row: %v", err)
	}
	got, err := encodeOne("uint8[]", `[]`)
	if want := hex.EncodeToString(k()); err != nil || got != want {
		t.Errorf("empty array: %s, %v; want keccak256() %s", got, err, want)
	}
	// Bytes and strings inside arrays are hashed first.
	got, err = encodeOne("string[]", `["a","b"]`)
	if want := hex.EncodeToString(k(k([]byte("a")), k([]byte("b")))); err != nil || got != want {
		t.Errorf("string[]: %s, %v; want %s", got, err, want)
	}
	// A fixed array of structs, with the struct referenced only through it
	// still listed in encodeType.
	td := mustParse(t, `{"types":{
		"Pair":[{"name":"a","type":"uint8"},{"name":"b","type":"bool"}],
		"Box":[{"name":"pairs","type":"Pair[2]"},{"name":"tag","type":"bytes4"}]},
		"primaryType":"Box","domain":{},
		"message":{"pairs":[{"a":1,"b":true},{"a":2,"b":false}],"tag":"0xdeadbeef"}}`)
	enc, err := td.EncodeType("Box")
	if err != nil || enc != "Box(Pair[2] pairs,bytes4 tag)Pair(uint8 a,bool b)" {
		t.Errorf("EncodeType(Box) = %q, %v", enc, err)
	}
	pairHash := func(a, b byte) []byte {
		th := cryptoKeccak([]byte("Pair(uint8 a,bool b)"))
		return k(th[:], word(a), word(b))
	}
	boxType := cryptoKeccak([]byte(enc))
	tag := make([]byte, 32)
	copy(tag, []byte{0xde, 0xad, 0xbe, 0xef})
	wantBox := k(boxType[:], k(pairHash(1, 1), pairHash(2, 0)), tag)
	h, err := td.MessageHash()
	if err != nil || hex.EncodeToString(h[:]) != hex.EncodeToString(wantBox) {
		t.Errorf("hashStruct(Box) = %s, %v; want %x", h, err, wantBox)
	}
}

func TestEncodeTypeOrdering(t *testing.T) {
	// The EIP's example: referenced types sorted by name after the primary.
	td := mustParse(t, `{"types":{
		"Transaction":[{"name":"from","type":"Person"},{"name":"to","type":"Person"},{"name":"tx","type":"Asset"}],
		"Person":[{"name":"wallet","type":"address"},{"name":"name","type":"string"}],
		"Asset":[{"name":"token","type":"address"},{"name":"amount","type":"uint256"}]},
		"primaryType":"Transaction","domain":{},"message":{}}`)
	enc, err := td.EncodeType("Transaction")
	if want := "Transaction(Person from,Person to,Asset tx)Asset(address token,uint256 amount)Person(address wallet,string name)"; err != nil || enc != want {
		t.Errorf("EncodeType = %q, %v\nwant %q", enc, err, want)
	}
	// Recursive types appear once (eth-sig-util's recursive Person:
	// "Person(string name,Person mother,Person father)"), and deep
	// references are collected.
	td = mustParse(t, `{"types":{
		"Person":[{"name":"name","type":"string"},{"name":"mother","type":"Person"},{"name":"father","type":"Person"}],
		"A":[{"name":"b","type":"B[]"}],"B":[{"name":"c","type":"C[2][]"}],"C":[{"name":"a","type":"A"}]},
		"primaryType":"Person","domain":{},"message":{}}`)
	enc, err = td.EncodeType("Person")
	if err != nil || enc != "Person(string name,Person mother,Person father)" {
		t.Errorf("EncodeType(Person) = %q, %v", enc, err)
	}
	h, err := td.TypeHash("Person")
	// eth-sig-util hashType("Person") for the recursive type.
	wantHash(t, "hashType(Person)", h, err, "0x7c5c8e90cb92c8da53b893b24962513be98afcf1b57b00327ae4cc14e3a64116")
	enc, err = td.EncodeType("B")
	if err != nil || enc != "B(C[2][] c)A(B[] b)C(A a)" {
		t.Errorf("EncodeType(B) = %q, %v", enc, err)
	}
}

func cryptoKeccak(b []byte) [32]byte { return crypto.Keccak256(b) }
