// Package eip712 hashes EIP-712 typed structured data as eth_signTypedData_v4
// receives it: the JSON object {types, primaryType, domain, message} that
// MetaMask, ethers and viem send. The digest a wallet signs is
//
//	keccak256(0x19 ‖ 0x01 ‖ domainSeparator ‖ hashStruct(message))
//
// with hashStruct(s) = keccak256(typeHash ‖ encodeData(s)); sign it with
// crypto.SignWithV27 for the r ‖ s ‖ v form wallets return.
//
// Values are checked against their declared types rather than coerced, as
// geth does: integers (JSON numbers, decimal or 0x strings) must fit their
// intN/uintN, bytesN values must be 0x-hex of exactly N bytes, bytes 0x-hex,
// addresses 20 bytes of hex, bools JSON booleans; and a declared field
// missing from the data, or null, is an error naming its path
// (message.to[0].wallet). Fields present in the data but not declared are
// ignored, as MetaMask, anvil and ethers do.
//
// MetaMask's eth-sig-util is more lenient in ways this package does not
// follow: it encodes a missing struct field as 32 zero bytes (V4), and
// coerces out-of-range integers, short bytesN values, numbers given for
// addresses and "true" strings for bools. Geth and anvil reject a missing
// struct field as well.
package eip712

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/goevm/goevm/crypto"
	"github.com/goevm/goevm/types"
)

// Errors. Each error this package returns wraps one of them and names the
// offending type, field or value path.
var (
	// ErrInvalidTypedData: the request is not a typed-data object (bad
	// JSON, no types, no primaryType).
	ErrInvalidTypedData = errors.New("eip712: invalid typed data")
	// ErrInvalidType: a malformed type declaration (bad struct or field
	// name, duplicate field, a struct named like an atomic type, T[0]).
	ErrInvalidType = errors.New("eip712: invalid type declaration")
	// ErrUnknownType: a field type or the primary type names neither an
	// atomic or dynamic type nor a declared struct.
	ErrUnknownType = errors.New("eip712: unknown type")
	// ErrMissingField: a declared struct field is absent (or null) in the data.
	ErrMissingField = errors.New("eip712: missing field")
	// ErrInvalidValue: a value does not fit its type (wrong JSON kind, bad
	// hex, wrong byte length, wrong fixed-array length).
	ErrInvalidValue = errors.New("eip712: invalid value")
	// ErrOutOfRange: an integer outside its intN/uintN range. It wraps
	// ErrInvalidValue, so errors.Is matches both.
	ErrOutOfRange = fmt.Errorf("%w: integer out of range", ErrInvalidValue)
)

// DomainType is the name of the domain struct type.
const DomainType = "EIP712Domain"

// Field is one member of a struct type: its name and its type as written
// ("address", "Person[]", "uint256[2][]").
type Field struct {
	Name string `json:"name"`
	Type string `json:"type"`
}

// Types maps struct type names to their members in declaration order.
type Types map[string][]Field

// TypedData is an eth_signTypedData_v4 request. Domain and Message hold
// values as encoding/json decodes them into any: structs as map[string]any,
// arrays as []any, numbers as json.Number (Parse decodes with UseNumber so
// large integers stay exact) or float64. Go callers building one may also
// give integers as int, int64, uint64 or *big.Int, and bytes as []byte.
type TypedData struct {
	Types       Types          `json:"types"`
	PrimaryType string         `json:"primaryType"`
	Domain      map[string]any `json:"domain"`
	Message     map[string]any `json:"message"`
}

// Parse decodes typed data from JSON. Like MetaMask it also takes the
// object as a JSON string holding it (the form eth_signTypedData_v4's
// second parameter usually has). Types are checked (see Validate); values
// are checked when hashed.
func Parse(data []byte) (*TypedData, error) {
	data = bytes.TrimSpace(data)
	if len(data) > 0 && data[0] == '"' {
		var inner string
		if err := json.Unmarshal(data, &inner); err != nil {
			return nil, fmt.Errorf("%w: %w", ErrInvalidTypedData, err)
		}
		data = []byte(inner)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var td TypedData
	if err := dec.Decode(&td); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrInvalidTypedData, err)
	}
	if dec.More() {
		return nil, fmt.Errorf("%w: data after the JSON object", ErrInvalidTypedData)
	}
	if err := td.Validate(); err != nil {
		return nil, err
	}
	return &td, nil
}

// Validate checks the type declarations: a types object and a primary
// type are present; every struct and field name is an identifier; field
// names are unique within a struct; every field type is an atomic type
// (bool, address, bytes1…bytes32, int8…int256 and uint8…uint256 in steps
// of 8, and the aliases int and uint for 256 bits, which geth and MetaMask
// accept), bytes, string, a declared struct, or an array of one of these;
// and the primary type is a declared struct (or EIP712Domain).
func (td *TypedData) Validate() error {
	if td.Types == nil {
		return fmt.Errorf("%w: no types", ErrInvalidTypedData)
	}
	if td.PrimaryType == "" {
		return fmt.Errorf("%w: no primaryType", ErrInvalidTypedData)
	}
	for _, name := range slices.Sorted(maps.Keys(td.Types)) {
		if err := checkStruct(td.Types, name, td.Types[name]); err != nil {
			return err
		}
	}
	if _, ok := td.Types[td.PrimaryType]; !ok && td.PrimaryType != DomainType {
		return fmt.Errorf("%w: primaryType %q is not a declared struct", ErrUnknownType, td.PrimaryType)
	}
	return nil
}

var identifier = regexp.MustCompile(`^[A-Za-z_$][A-Za-z0-9_$]*$`)

func checkStruct(all Types, name string, fields []Field) error {
	if !identifier.MatchString(name) {
		return fmt.Errorf("%w: types.%s: struct name is not an identifier", ErrInvalidType, name)
	}
	if _, _, ok := parseAtomic(name); ok || name == "bytes" || name == "string" {
		return fmt.Errorf("%w: types.%s: struct named like an atomic type", ErrInvalidType, name)
	}
	seen := make(map[string]bool, len(fields))
	for i, f := range fields {
		where := fmt.Sprintf("types.%s[%d]", name, i)
		if !identifier.MatchString(f.Name) {
			return fmt.Errorf("%w: %s: field name %q is not an identifier", ErrInvalidType, where, f.Name)
		}
		if seen[f.Name] {
			return fmt.Errorf("%w: %s: duplicate field %q", ErrInvalidType, where, f.Name)
		}
		seen[f.Name] = true
		if f.Type == "" {
			return fmt.Errorf("%w: %s (%s): no type", ErrInvalidType, where, f.Name)
		}
		if _, err := parseType(all, f.Type); err != nil {
			return fmt.Errorf("%s (%s): %w", where, f.Name, err)
		}
	}
	return nil
}

// SigningHash is the digest eth_signTypedData_v4 signs:
// keccak256(0x19 ‖ 0x01 ‖ domainSeparator ‖ hashStruct(message)). When the
// primary type is EIP712Domain the message part is left out, as MetaMask,
// geth and anvil do.
func (td *TypedData) SigningHash() (types.Hash, error) {
	domain, err := td.DomainSeparator()
	if err != nil {
		return types.Hash{}, err
	}
	if td.PrimaryType == DomainType {
		return crypto.Keccak256([]byte{0x19, 0x01}, domain[:]), nil
	}
	msg, err := td.MessageHash()
	if err != nil {
		return types.Hash{}, err
	}
	return crypto.Keccak256([]byte{0x19, 0x01}, domain[:], msg[:]), nil
}

// MessageHash is hashStruct(message) for the primary type.
func (td *TypedData) MessageHash() (types.Hash, error) {
	return td.hashStruct(td.PrimaryType, td.Message, "message")
}

// DomainSeparator is hashStruct(domain) with the EIP712Domain type as
// declared in Types. When Types does not declare it, the type is inferred
// from the domain's fields, as ethers, viem and alloy (anvil) do: those of
// name (string), version (string), chainId (uint256), verifyingContract
// (address) and salt (bytes32) that are present, in that order. (MetaMask
// instead hashes an empty EIP712Domain() then; send the type to be sure.)
func (td *TypedData) DomainSeparator() (types.Hash, error) {
	return td.hashStruct(DomainType, td.Domain, "domain")
}

// HashStruct is hashStruct(data) = keccak256(typeHash ‖ encodeData(data))
// for the struct type name.
func (td *TypedData) HashStruct(name string, data map[string]any) (types.Hash, error) {
	return td.hashStruct(name, data, name)
}

func (td *TypedData) hashStruct(name string, data map[string]any, path string) (types.Hash, error) {
	all, err := td.resolved()
	if err != nil {
		return types.Hash{}, err
	}
	return all.hashStruct(name, data, path)
}

// EncodeType is encodeType(name): "Name(type1 name1,…)" followed by the
// encodings of every struct it references, directly or not, sorted by name.
func (td *TypedData) EncodeType(name string) (string, error) {
	all, err := td.resolved()
	if err != nil {
		return "", err
	}
	return all.encodeType(name)
}

// TypeHash is keccak256(encodeType(name)).
func (td *TypedData) TypeHash(name string) (types.Hash, error) {
	enc, err := td.EncodeType(name)
	if err != nil {
		return types.Hash{}, err
	}
	return crypto.Keccak256([]byte(enc)), nil
}

// EncodeData is encodeData(data) for the struct type name: the 32-byte
// encodings of its members in declaration order, without the type hash.
func (td *TypedData) EncodeData(name string, data map[string]any) ([]byte, error) {
	all, err := td.resolved()
	if err != nil {
		return nil, err
	}
	return all.encodeData(nil, name, data, name)
}

// HashJSON parses typed data and returns its SigningHash: the whole of
// what eth_signTypedData_v4 needs before signing.
func HashJSON(data []byte) (types.Hash, error) {
	td, err := Parse(data)
	if err != nil {
		return types.Hash{}, err
	}
	return td.SigningHash()
}

// schema is a checked set of struct types, EIP712Domain included.
type schema map[string][]Field

// resolved validates td and returns its types with the EIP712Domain type
// added when td does not declare it.
func (td *TypedData) resolved() (schema, error) {
	if err := td.Validate(); err != nil {
		return nil, err
	}
	if _, ok := td.Types[DomainType]; ok {
		return schema(td.Types), nil
	}
	all := make(schema, len(td.Types)+1)
	for k, v := range td.Types {
		all[k] = v
	}
	var domain []Field
	for _, f := range []Field{
		{"name", "string"}, {"version", "string"}, {"chainId", "uint256"},
		{"verifyingContract", "address"}, {"salt", "bytes32"},
	} {
		if v, ok := td.Domain[f.Name]; ok && v != nil {
			domain = append(domain, f)
		}
	}
	all[DomainType] = domain
	return all, nil
}

// encodeType writes the type and its sorted dependencies.
func (s schema) encodeType(name string) (string, error) {
	if _, ok := s[name]; !ok {
		return "", fmt.Errorf("%w: %q is not a declared struct", ErrUnknownType, name)
	}
	deps := map[string]bool{}
	s.collect(name, deps)
	delete(deps, name)
	order := append([]string{name}, slices.Sorted(maps.Keys(deps))...)
	var b strings.Builder
	for _, t := range order {
		b.WriteString(t)
		b.WriteByte('(')
		for i, f := range s[t] {
			if i > 0 {
				b.WriteByte(',')
			}
			b.WriteString(f.Type)
			b.WriteByte(' ')
			b.WriteString(f.Name)
		}
		b.WriteByte(')')
	}
	return b.String(), nil
}

// collect adds name and every struct reachable from it to deps.
func (s schema) collect(name string, deps map[string]bool) {
	if deps[name] {
		return
	}
	deps[name] = true
	for _, f := range s[name] {
		base := f.Type
		if i := strings.IndexByte(base, '['); i >= 0 {
			base = base[:i]
		}
		if _, ok := s[base]; ok {
			s.collect(base, deps)
		}
	}
}

func (s schema) hashStruct(name string, data map[string]any, path string) (types.Hash, error) {
	enc, err := s.encodeType(name)
	if err != nil {
		return types.Hash{}, fmt.Errorf("%s: %w", path, err)
	}
	typeHash := crypto.Keccak256([]byte(enc))
	buf, err := s.encodeData(typeHash[:], name, data, path)
	if err != nil {
		return types.Hash{}, err
	}
	return crypto.Keccak256(buf), nil
}

// encodeData appends the member encodings of a struct value to dst.
func (s schema) encodeData(dst []byte, name string, data map[string]any, path string) ([]byte, error) {
	fields, ok := s[name]
	if !ok {
		return nil, fmt.Errorf("%s: %w: %q is not a declared struct", path, ErrUnknownType, name)
	}
	for _, f := range fields {
		fieldPath := path + "." + f.Name
		v, ok := data[f.Name]
		if !ok || v == nil {
			return nil, fmt.Errorf("%s: %w (type %s)", fieldPath, ErrMissingField, f.Type)
		}
		t, err := parseType(Types(s), f.Type)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", fieldPath, err)
		}
		word, err := s.encodeValue(t, v, fieldPath)
		if err != nil {
			return nil, err
		}
		dst = append(dst, word[:]...)
	}
	return dst, nil
}

// encodeValue is the 32-byte encoding of one member value.
func (s schema) encodeValue(t *typ, v any, path string) ([32]byte, error) {
	switch t.kind {
	case kindArray:
		items, ok := v.([]any)
		if !ok {
			return [32]byte{}, fmt.Errorf("%s: %w: want a JSON array for %s, got %s", path, ErrInvalidValue, t.name, describe(v))
		}
		if t.length >= 0 && len(items) != t.length {
			return [32]byte{}, fmt.Errorf("%s: %w: %s needs %d items, got %d", path, ErrInvalidValue, t.name, t.length, len(items))
		}
		buf := make([]byte, 0, 32*len(items))
		for i, item := range items {
			itemPath := path + "[" + strconv.Itoa(i) + "]"
			if item == nil {
				return [32]byte{}, fmt.Errorf("%s: %w: null item", itemPath, ErrInvalidValue)
			}
			word, err := s.encodeValue(t.elem, item, itemPath)
			if err != nil {
				return [32]byte{}, err
			}
			buf = append(buf, word[:]...)
		}
		return crypto.Keccak256(buf), nil
	case kindStruct:
		m, ok := v.(map[string]any)
		if !ok {
			return [32]byte{}, fmt.Errorf("%s: %w: want a JSON object for struct %s, got %s", path, ErrInvalidValue, t.name, describe(v))
		}
		return s.hashStruct(t.name, m, path)
	default:
		word, err := encodeAtomic(t, v)
		if err != nil {
			return [32]byte{}, fmt.Errorf("%s: %w", path, err)
		}
		return word, nil
	}
}
