package eip712

import (
	"encoding/hex"
	"strings"
	"testing"

	"github.com/decred/dcrd/dcrec/secp256k1/v4"

	"github.com/goevm/goevm/crypto"
	"github.com/goevm/goevm/types"
)

// mailJSON is the EIP-712 example: the "Mail" message of the EIP's
// eth_signTypedData example request and of assets/eip-712/Example.js.
const mailJSON = `{
  "types": {
    "EIP712Domain": [
      {"name": "name", "type": "string"},
      {"name": "version", "type": "string"},
      {"name": "chainId", "type": "uint256"},
      {"name": "verifyingContract", "type": "address"}
    ],
    "Person": [
      {"name": "name", "type": "string"},
      {"name": "wallet", "type": "address"}
    ],
    "Mail": [
      {"name": "from", "type": "Person"},
      {"name": "to", "type": "Person"},
      {"name": "contents", "type": "string"}
    ]
  },
  "primaryType": "Mail",
  "domain": {
    "name": "Ether Mail",
    "version": "1",
    "chainId": 1,
    "verifyingContract": "0xCcCCccccCCCCcCCCCCCcCcCccCcCCCcCcccccccC"
  },
  "message": {
    "from": {"name": "Cow", "wallet": "0xCD2a3d9F938E13CD947Ec05AbC7FE734Df8DD826"},
    "to": {"name": "Bob", "wallet": "0xbBbBBBBbbBBBbbbBbbBbbbbBBbBbbbbBbBbbBBbB"},
    "contents": "Hello, Bob!"
  }
}`

// cowKey is keccak256("cow"), the key of the EIP-712 example and of
// MetaMask eth-sig-util's typed-data tests; its address is
// 0xcd2a3d9f938e13cd947ec05abc7fe734df8dd826.
func cowKey(t *testing.T) *secp256k1.PrivateKey {
	t.Helper()
	h := crypto.Keccak256([]byte("cow"))
	key, err := crypto.ToPrivateKey(h[:])
	if err != nil {
		t.Fatal(err)
	}
	if got := crypto.KeyAddress(key); got != types.MustHexToAddress("0xcd2a3d9f938e13cd947ec05abc7fe734df8dd826") {
		t.Fatalf("cow address %s", got)
	}
	return key
}

// metaMaskKey is the key eth-sig-util's src/sign-typed-data.test.ts and
// src/personal-sign.test.ts sign with.
func metaMaskKey(t *testing.T) *secp256k1.PrivateKey {
	t.Helper()
	b, _ := hex.DecodeString("4af1bceebf7f3634ec3cff8a2c38e51178d5d4ce585c52d6043e5e2cc3418bb0")
	key, err := crypto.ToPrivateKey(b)
	if err != nil {
		t.Fatal(err)
	}
	return key
}

func mustParse(t *testing.T, js string) *TypedData {
	t.Helper()
	td, err := Parse([]byte(js))
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	return td
}

func wantHash(t *testing.T, what string, got types.Hash, err error, want string) {
	t.Helper()
	if err != nil {
		t.Errorf("%s: %v", what, err)
		return
	}
	if got.Hex() != want {
		t.Errorf("%s\n got %s\nwant %s", what, got.Hex(), want)
	}
}

func wantSig(t *testing.T, td *TypedData, key *secp256k1.PrivateKey, want string) {
	t.Helper()
	digest, err := td.SigningHash()
	if err != nil {
		t.Fatal(err)
	}
	sig, err := crypto.SignWithV27(digest, key)
	if err != nil {
		t.Fatal(err)
	}
	if got := "0x" + hex.EncodeToString(sig[:]); got != want {
		t.Errorf("signature\n got %s\nwant %s", got, want)
	}
	signer, err := crypto.RecoverSigner(digest, sig[:])
	if err != nil || signer != crypto.KeyAddress(key) {
		t.Errorf("recovered %s, %v; want %s", signer, err, crypto.KeyAddress(key))
	}
}

func TestMailExample(t *testing.T) {
	// Expected values: EIP-712 assets/eip-712/Example.js (the version
	// without httpOrigin) and the EIP's Example.sol test(), which asserts
	// the domain separator, the message hash and v, r, s.
	td := mustParse(t, mailJSON)
	enc, err := td.EncodeType("Mail")
	if err != nil || enc != "Mail(Person from,Person to,string contents)Person(string name,address wallet)" {
		t.Errorf("EncodeType(Mail) = %q, %v", enc, err)
	}
	th, err := td.TypeHash("Mail")
	wantHash(t, "typeHash(Mail)", th, err, "0xa0cedeb2dc280ba39b857546d74f5549c3a1d7bdc2dd96bf881f76108e23dac2")
	data, err := td.EncodeData("Mail", td.Message)
	if err != nil {
		t.Fatal(err)
	}
	const wantEnc = "a0cedeb2dc280ba39b857546d74f5549c3a1d7bdc2dd96bf881f76108e23dac2" +
		"fc71e5fa27ff56c350aa531bc129ebdf613b772b6604664f5d8dbe21b85eb0c8" +
		"cd54f074a4af31b4411ff6a60c9719dbd559c221c8ac3492d9d872b041d703d1" +
		"b5aadf3154a261abdd9086fc627b61efca26ae5702701d05cd2305f7c52a2fc8"
	if got := hex.EncodeToString(th[:]) + hex.EncodeToString(data); got != wantEnc {
		t.Errorf("typeHash ‖ encodeData(message)\n got %s\nwant %s", got, wantEnc)
	}
	h, err := td.MessageHash()
	wantHash(t, "hashStruct(message)", h, err, "0xc52c0ee5d84264471806290a3f2c4cecfc5490626bf912d01f240d7a274b371e")
	h, err = td.DomainSeparator()
	wantHash(t, "domainSeparator", h, err, "0xf2cee375fa42b42143804025fc449deafd50cc031ca257e0b194a650a912090f")
	h, err = td.SigningHash()
	wantHash(t, "signing hash", h, err, "0xbe609aee343fb3c4b28e1df9e632fca64fcfaede20f02e86244efddf30957bd2")
	// v = 28, r = 0x4355c47d…, s = 0x07299936… as r ‖ s ‖ v.
	wantSig(t, td, cowKey(t), "0x4355c47d63924e8a72e509b65029052eb6c299d53a04e167c5775fd466751c9d"+
		"07299936d304c153f6443dfa05f40ff007d72911b6f72307f996231605b91562"+"1c")

	// HashJSON is Parse then SigningHash, and takes the object as a JSON
	// string too, the way MetaMask and ethers send eth_signTypedData_v4.
	quoted := `"` + strings.NewReplacer(`"`, `\"`, "\n", `\n`).Replace(mailJSON) + `"`
	for _, in := range []string{mailJSON, quoted} {
		h, err := HashJSON([]byte(in))
		wantHash(t, "HashJSON", h, err, "0xbe609aee343fb3c4b28e1df9e632fca64fcfaede20f02e86244efddf30957bd2")
	}
}

func TestMailExampleWithHTTPOrigin(t *testing.T) {
	// An earlier revision of EIP-712's assets/eip-712/Example.js had an
	// extra domain field, string httpOrigin "https://ether-mail.eth"; it
	// asserts this signing hash and v = 27, r = 0x24040eda…, s = 0x42bbabf2….
	js := strings.Replace(mailJSON, `{"name": "chainId", "type": "uint256"},`,
		`{"name": "chainId", "type": "uint256"}, {"name": "httpOrigin", "type": "string"},`, 1)
	js = strings.Replace(js, `"chainId": 1,`, `"chainId": 1, "httpOrigin": "https://ether-mail.eth",`, 1)
	td := mustParse(t, js)
	h, err := td.SigningHash()
	wantHash(t, "signing hash", h, err, "0xa5f5fa6b05af38f2e9d2889ac36f5a4ba31e20646781d23739de458d86d6593e")
	wantSig(t, td, cowKey(t), "0x24040eda35064d96c51f3308b5fae290edae563327348886a366ed604e0c0480"+
		"42bbabf2fae4b00598596a99d577dde56ff9d013e861f611cfe7b0728e1cd057"+"1b")
}

// arraysJSON is the V4 arrays example of MetaMask eth-sig-util
// (src/index.test.ts "signedTypeData_v4", before the tests moved to
// src/sign-typed-data.test.ts): dynamic arrays of addresses and of structs.
const arraysJSON = `{
  "types": {
    "EIP712Domain": [
      {"name": "name", "type": "string"},
      {"name": "version", "type": "string"},
      {"name": "chainId", "type": "uint256"},
      {"name": "verifyingContract", "type": "address"}
    ],
    "Person": [
      {"name": "name", "type": "string"},
      {"name": "wallets", "type": "address[]"}
    ],
    "Mail": [
      {"name": "from", "type": "Person"},
      {"name": "to", "type": "Person[]"},
      {"name": "contents", "type": "string"}
    ],
    "Group": [
      {"name": "name", "type": "string"},
      {"name": "members", "type": "Person[]"}
    ]
  },
  "domain": {
    "name": "Ether Mail",
    "version": "1",
    "chainId": 1,
    "verifyingContract": "0xCcCCccccCCCCcCCCCCCcCcCccCcCCCcCcccccccC"
  },
  "primaryType": "Mail",
  "message": {
    "from": {
      "name": "Cow",
      "wallets": [
        "0xCD2a3d9F938E13CD947Ec05AbC7FE734Df8DD826",
        "0xDeaDbeefdEAdbeefdEadbEEFdeadbeEFdEaDbeeF"
      ]
    },
    "to": [
      {
        "name": "Bob",
        "wallets": [
          "0xbBbBBBBbbBBBbbbBbbBbbbbBBbBbbbbBbBbbBBbB",
          "0xB0BdaBea57B0BDABeA57b0bdABEA57b0BDabEa57",
          "0xB0B0b0b0b0b0B000000000000000000000000000"
        ]
      }
    ],
    "contents": "Hello, Bob!"
  }
}`

func TestArraysExample(t *testing.T) {
	// Expected values: eth-sig-util src/index.test.ts "signedTypeData_v4"
	// (hashType of Person and Mail, eip712Hash V4, and the V4 signature
	// with keccak256("cow")). The unused Group type must not matter.
	td := mustParse(t, arraysJSON)
	enc, err := td.EncodeType("Mail")
	if err != nil || enc != "Mail(Person from,Person[] to,string contents)Person(string name,address[] wallets)" {
		t.Errorf("EncodeType(Mail) = %q, %v", enc, err)
	}
	h, err := td.TypeHash("Person")
	wantHash(t, "typeHash(Person)", h, err, "0xfabfe1ed996349fc6027709802be19d047da1aa5d6894ff5f6486d92db2e6860")
	h, err = td.TypeHash("Mail")
	wantHash(t, "typeHash(Mail)", h, err, "0x4bd8a9a2b93427bb184aca81e24beb30ffa3c747e2a33d4225ec08bf12e2e753")
	h, err = td.DomainSeparator()
	wantHash(t, "domainSeparator", h, err, "0xf2cee375fa42b42143804025fc449deafd50cc031ca257e0b194a650a912090f")
	h, err = td.SigningHash()
	wantHash(t, "signing hash", h, err, "0xa85c2e2b118698e88db68a8105b794a8cc7cec074e89ef991cb4f5f533819cc2")
	wantSig(t, td, cowKey(t), "0x65cbd956f2fae28a601bebc9b906cea0191744bd4c4247bcd27cd08f8eb6b71c"+
		"78efdf7a31dc9abee78f492292721f362d296cf86b4538e07b51303b67f74906"+"1b")
	enc, err = td.EncodeType("Group")
	if err != nil || enc != "Group(string name,Person[] members)Person(string name,address[] wallets)" {
		t.Errorf("EncodeType(Group) = %q, %v", enc, err)
	}
}

func TestMetaMaskVectors(t *testing.T) {
	// eth-sig-util src/sign-typed-data.test.ts and its snapshot file
	// src/__snapshots__/sign-typed-data.test.ts.snap.
	t.Run("minimal", func(t *testing.T) {
		// "should hash a minimal valid typed message" (eip712Hash V4).
		td := mustParse(t, `{"types":{"EIP712Domain":[]},"primaryType":"EIP712Domain","domain":{},"message":{}}`)
		h, err := td.SigningHash()
		wantHash(t, "eip712Hash", h, err, "0x8d4a3f4082945b7879e2b55f181c31a77c8c0a464b70669458abbaaf99de4c38")
		// "should ignore message if the primary type is EIP712Domain".
		td = mustParse(t, `{"types":{"EIP712Domain":[],"Message":[{"name":"data","type":"string"}]},
			"primaryType":"EIP712Domain","domain":{},"message":{"data":"Hello!"}}`)
		h, err = td.SigningHash()
		wantHash(t, "eip712Hash with message", h, err, "0x8d4a3f4082945b7879e2b55f181c31a77c8c0a464b70669458abbaaf99de4c38")
	})
	t.Run("custom data type array", func(t *testing.T) {
		// signTypedData V4 "should sign data with a custom data type array"
		// and hashStruct V4 of the same message. The signing hash is the
		// one alloy's dyn-abi asserts for this input (test_encode_custom_array_type).
		td := mustParse(t, `{
		  "types": {
		    "EIP712Domain": [],
		    "Person": [{"name": "name", "type": "string"}, {"name": "wallet", "type": "address[]"}],
		    "Mail": [{"name": "from", "type": "Person"}, {"name": "to", "type": "Person[]"}, {"name": "contents", "type": "string"}]
		  },
		  "primaryType": "Mail",
		  "domain": {},
		  "message": {
		    "from": {"name": "Cow", "wallet": ["0xCD2a3d9F938E13CD947Ec05AbC7FE734Df8DD826", "0xDD2a3d9F938E13CD947Ec05AbC7FE734Df8DD826"]},
		    "to": [{"name": "Bob", "wallet": ["0xbBbBBBBbbBBBbbbBbbBbbbbBBbBbbbbBbBbbBBbB"]}],
		    "contents": "Hello, Bob!"
		  }
		}`)
		h, err := td.MessageHash()
		wantHash(t, "hashStruct", h, err, "0xac26cc7aa2cb9a8a445fae4e48b33f978b558da9b16e26381c53814d3317f541")
		h, err = td.SigningHash()
		wantHash(t, "signing hash", h, err, "0x80a3aeb51161cfc47884ddf8eac0d2343d6ae640efe78b6a69be65e3045c1321")
		wantSig(t, td, metaMaskKey(t), "0x17c484deba479e3e9f821a6d5defc0179ddf52195c0cd75895c936b3ab4d217c"+
			"6ba7f1f164a3ac9701e1694a04a13f421fb67ec44cd316846326a98b0d5838a0"+"1c")
	})
	t.Run("recover", func(t *testing.T) {
		// recoverTypedSignature V4 "exampleSignature".
		td := mustParse(t, `{"types":{"EIP712Domain":[],"Message":[{"name":"data","type":"string"}]},
			"primaryType":"Message","domain":{},"message":{"data":"test"}}`)
		wantSig(t, td, metaMaskKey(t), "0xf6cda8eaf5137e8cc15d48d03a002b0512446e2a7acbc576c01cfbe40ad93456"+
			"63ccda8884520d98dece9a8bfe38102851bdae7f69b3d8612b9808e633780160"+"1b")
	})
	t.Run("bytes", func(t *testing.T) {
		// src/index.test.ts "signedTypeData with bytes" (V3, which encodes
		// data without arrays or missing fields exactly as V4).
		js := strings.Replace(mailJSON, `{"name": "contents", "type": "string"}`,
			`{"name": "contents", "type": "string"}, {"name": "payload", "type": "bytes"}`, 1)
		js = strings.Replace(js, `"contents": "Hello, Bob!"`,
			`"contents": "Hello, Bob!", "payload": "0x25192142931f380985072cdd991e37f65cf8253ba7a0e675b54163a1d133b8ca"`, 1)
		td := mustParse(t, js)
		h, err := td.TypeHash("Mail")
		wantHash(t, "hashType(Mail)", h, err, "0x43999c52db673245777eb64b0330105de064e52179581a340a9856c32372528e")
		h, err = td.SigningHash()
		wantHash(t, "eip712Hash", h, err, "0xb4aaf457227fec401db772ec22d2095d1235ee5d0833f56f59108c9ffc90fb4b")
		wantSig(t, td, cowKey(t), "0xdd17ea877a7da411c85ff94bc54180631d0e86efdcd68876aeb2e051417b68e7"+
			"6be6858d67b20baf7be9c6402d49930bfea2535e9ae150e85838ee265094fd08"+"1b")
	})
	t.Run("chainId as a string", func(t *testing.T) {
		// alloy dyn-abi eip712 typed_data.rs test_hash_typed_message_with_data,
		// adapted from eth-sig-util: a decimal string chainId.
		td := mustParse(t, `{
		  "types": {
		    "EIP712Domain": [
		      {"name": "name", "type": "string"}, {"name": "version", "type": "string"},
		      {"name": "chainId", "type": "uint256"}, {"name": "verifyingContract", "type": "address"}
		    ],
		    "Message": [{"name": "data", "type": "string"}]
		  },
		  "primaryType": "Message",
		  "domain": {"name": "example.metamask.io", "version": "1", "chainId": "1",
		    "verifyingContract": "0x0000000000000000000000000000000000000000"},
		  "message": {"data": "Hello!"}
		}`)
		h, err := td.SigningHash()
		wantHash(t, "signing hash", h, err, "0x232cd3ec058eb935a709f093e3536ce26cc9e8e193584b0881992525f6236eef")
	})
}

// atomicVectors are eth-sig-util's "example data" encodings (V4
// encodeData of a struct Message{T data}: typeHash ‖ encoded value, from
// src/__snapshots__/sign-typed-data.test.ts.snap), keeping the inputs that
// are valid here. Those MetaMask also accepts but this package refuses
// (int8 255, bytes32 "0x10", address "0x10", bool "true") are in
// TestValueErrors.
var atomicVectors = []struct{ typ, value, want string }{
	{"address", `"0xbBbBBBBbbBBBbbbBbbBbbbbBBbBbbbbBbBbbBBbB"`, "c92db6bca97089c40b3f6512400e065cf2c27db90a50ce13440d951b13ada299000000000000000000000000bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"},
	{"bool", `false`, "83478c46da931c2f6871fdb6febd69a27b0ebc8c91f3e2cf580c3bd8777690060000000000000000000000000000000000000000000000000000000000000000"},
	{"bool", `true`, "83478c46da931c2f6871fdb6febd69a27b0ebc8c91f3e2cf580c3bd8777690060000000000000000000000000000000000000000000000000000000000000001"},
	{"bytes", `"0x"`, "fe4e90aeb2dead25fb44e8b67b2f9cdb3cabea1f7555b81fcc61f7103acf5d50c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470"},
	{"bytes", `"0x10"`, "fe4e90aeb2dead25fb44e8b67b2f9cdb3cabea1f7555b81fcc61f7103acf5d50967f2a2c7f3d22f9278175c1e6aa39cf9171db91dceacd5ee0f37c2e507b5abe"},
	{"bytes", `"0xa22cb465000000000000000000000000a9079d872d10185b54c5db2c36cc978cbd3f72b70000000000000000000000000000000000000000000000000000000000000001"`, "fe4e90aeb2dead25fb44e8b67b2f9cdb3cabea1f7555b81fcc61f7103acf5d503c69557ff216b14e1d6882d6397d50cfc71f2cfc4151763c37e657cd8fb6eb5d"},
	{"bytes1", `"0x10"`, "d8a209ce0fa251cc20dc51c9e2a6f02972a597da1b7ad07b3f2d6c1072f947d41000000000000000000000000000000000000000000000000000000000000000"},
	{"int", `-9007199254740991`, "eb542693947f45083bc98c9628ebab536657139910ee549407af31fe8f8fe49cffffffffffffffffffffffffffffffffffffffffffffffffffe0000000000001"},
	{"int", `0`, "eb542693947f45083bc98c9628ebab536657139910ee549407af31fe8f8fe49c0000000000000000000000000000000000000000000000000000000000000000"},
	{"int", `"0"`, "eb542693947f45083bc98c9628ebab536657139910ee549407af31fe8f8fe49c0000000000000000000000000000000000000000000000000000000000000000"},
	{"int", `"0x0"`, "eb542693947f45083bc98c9628ebab536657139910ee549407af31fe8f8fe49c0000000000000000000000000000000000000000000000000000000000000000"},
	{"int", `9007199254740991`, "eb542693947f45083bc98c9628ebab536657139910ee549407af31fe8f8fe49c000000000000000000000000000000000000000000000000001fffffffffffff"},
	{"int8", `0`, "4aef32d02ba398126fc35c6d9a88d8d3aed515b289c8f93cb3dd13c0dcce59fb0000000000000000000000000000000000000000000000000000000000000000"},
	{"int8", `"0"`, "4aef32d02ba398126fc35c6d9a88d8d3aed515b289c8f93cb3dd13c0dcce59fb0000000000000000000000000000000000000000000000000000000000000000"},
	{"int8", `"0x0"`, "4aef32d02ba398126fc35c6d9a88d8d3aed515b289c8f93cb3dd13c0dcce59fb0000000000000000000000000000000000000000000000000000000000000000"},
	{"int256", `-9007199254740991`, "92df05a78cb59efa9932e6f413a3ac303b2277ff40968e8a21bd96c6e085f729ffffffffffffffffffffffffffffffffffffffffffffffffffe0000000000001"},
	{"int256", `0`, "92df05a78cb59efa9932e6f413a3ac303b2277ff40968e8a21bd96c6e085f7290000000000000000000000000000000000000000000000000000000000000000"},
	{"int256", `"0"`, "92df05a78cb59efa9932e6f413a3ac303b2277ff40968e8a21bd96c6e085f7290000000000000000000000000000000000000000000000000000000000000000"},
	{"int256", `"0x0"`, "92df05a78cb59efa9932e6f413a3ac303b2277ff40968e8a21bd96c6e085f7290000000000000000000000000000000000000000000000000000000000000000"},
	{"int256", `9007199254740991`, "92df05a78cb59efa9932e6f413a3ac303b2277ff40968e8a21bd96c6e085f729000000000000000000000000000000000000000000000000001fffffffffffff"},
	{"string", `"0xabcd"`, "cddf41b07426e1a761f3da57e35474ae3deaa5b596306531f651c6dc1321e4fd77b446f7f7431b79d3ee0ee3faafefd90f1f8cc91b5c88cf21bac16ac0c8590b"},
	{"string", `"0xbBbBBBBbbBBBbbbBbbBbbbbBBbBbbbbBbBbbBBbB"`, "cddf41b07426e1a761f3da57e35474ae3deaa5b596306531f651c6dc1321e4fd27aef794f1afdd9a6773306ef8f29c344d0552ebe46aae1268c55a683c37e68e"},
	{"string", `"Hello!"`, "cddf41b07426e1a761f3da57e35474ae3deaa5b596306531f651c6dc1321e4fd6cdba77591a790691c694fa0be937f835b8a589095e427022aa1035e579ee596"},
	{"string", `"😁"`, "cddf41b07426e1a761f3da57e35474ae3deaa5b596306531f651c6dc1321e4fdefd5e893bdf9a51aa4d52297a64d0f7b1091407c347ca2eb8c02657e50717843"},
	{"uint", `0`, "8648acc768404f6d212f46260e326812d31b253b3963e2482f8bba6a0ca7fef10000000000000000000000000000000000000000000000000000000000000000"},
	{"uint", `"0"`, "8648acc768404f6d212f46260e326812d31b253b3963e2482f8bba6a0ca7fef10000000000000000000000000000000000000000000000000000000000000000"},
	{"uint", `"0x0"`, "8648acc768404f6d212f46260e326812d31b253b3963e2482f8bba6a0ca7fef10000000000000000000000000000000000000000000000000000000000000000"},
	{"uint", `9007199254740991`, "8648acc768404f6d212f46260e326812d31b253b3963e2482f8bba6a0ca7fef1000000000000000000000000000000000000000000000000001fffffffffffff"},
	{"uint8", `0`, "997a0c895f7d046e9d4bcfa5de41b03f33ca7fa213cb1325edd0cad1e9c3864c0000000000000000000000000000000000000000000000000000000000000000"},
	{"uint8", `"0"`, "997a0c895f7d046e9d4bcfa5de41b03f33ca7fa213cb1325edd0cad1e9c3864c0000000000000000000000000000000000000000000000000000000000000000"},
	{"uint8", `"0x0"`, "997a0c895f7d046e9d4bcfa5de41b03f33ca7fa213cb1325edd0cad1e9c3864c0000000000000000000000000000000000000000000000000000000000000000"},
	{"uint8", `255`, "997a0c895f7d046e9d4bcfa5de41b03f33ca7fa213cb1325edd0cad1e9c3864c00000000000000000000000000000000000000000000000000000000000000ff"},
	{"uint256", `0`, "313eafedfe20c8366f87086b9ac5b8b0ad47b49842a8eb76a8a746dfea3ff8d10000000000000000000000000000000000000000000000000000000000000000"},
	{"uint256", `"0"`, "313eafedfe20c8366f87086b9ac5b8b0ad47b49842a8eb76a8a746dfea3ff8d10000000000000000000000000000000000000000000000000000000000000000"},
	{"uint256", `"0x0"`, "313eafedfe20c8366f87086b9ac5b8b0ad47b49842a8eb76a8a746dfea3ff8d10000000000000000000000000000000000000000000000000000000000000000"},
	{"uint256", `9007199254740991`, "313eafedfe20c8366f87086b9ac5b8b0ad47b49842a8eb76a8a746dfea3ff8d1000000000000000000000000000000000000000000000000001fffffffffffff"},
}

func TestAtomicEncodings(t *testing.T) {
	for _, v := range atomicVectors {
		js := `{"types":{"Message":[{"name":"data","type":"` + v.typ + `"}]},"primaryType":"Message","domain":{},"message":{"data":` + v.value + `}}`
		td, err := Parse([]byte(js))
		if err != nil {
			t.Errorf("%s %s: %v", v.typ, v.value, err)
			continue
		}
		th, err := td.TypeHash("Message")
		if err != nil {
			t.Fatal(err)
		}
		data, err := td.EncodeData("Message", td.Message)
		if err != nil {
			t.Errorf("%s %s: %v", v.typ, v.value, err)
			continue
		}
		if got := hex.EncodeToString(th[:]) + hex.EncodeToString(data); got != v.want {
			t.Errorf("%s %s\n got %s\nwant %s", v.typ, v.value, got, v.want)
		}
	}
}
