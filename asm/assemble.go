package asm

import (
	"fmt"
	"math/big"
	"strconv"
	"strings"

	"github.com/goevm/goevm/evm"
)

// Error is a problem in assembly source, at a 1-based line and column.
type Error struct {
	Line, Col int
	Msg       string
}

func (e *Error) Error() string { return fmt.Sprintf("%d:%d: %s", e.Line, e.Col, e.Msg) }

// Assemble turns assembly source into bytecode. The language:
//
//   - One or more instructions a line, mnemonics as in the evm package's
//     table, any case (SHA3, DIFFICULTY and SUICIDE are accepted too).
//   - Comments run from ";" or "//" to the end of the line.
//   - PUSH1..PUSH32 take a value: decimal, or hex with 0x; it must fit the
//     size. EIP-8024's DUPN n and SWAPN n take a depth (17..235), EXCHANGE
//     n m two (1 <= n < m, n + m <= 30), and emit the immediate encoding
//     them. PUSH without a size picks the smallest PUSHn (n >= 1; write
//     PUSH0 yourself, it exists only from Shanghai on).
//   - "name:" defines a label at a JUMPDEST: it names the JUMPDEST that
//     follows, and inserts one if the next instruction is not a JUMPDEST. A
//     label right before .data names the data's offset instead.
//   - "PUSH @name" pushes a label's offset with the fewest bytes that hold
//     it; "PUSH2 @name" with exactly two.
//   - ".data 0x..." emits raw bytes (several hex tokens may follow).
//   - A number at the start of a line followed by an instruction is an
//     offset column, as Listing writes it, and is ignored.
//
// The first problem found is returned as an *Error.
func Assemble(src string) ([]byte, error) {
	items, err := parse(src)
	if err != nil {
		return nil, err
	}
	items = placeJumpdests(items)
	if err := resolve(items); err != nil {
		return nil, err
	}
	var out []byte
	for i := range items {
		out = items[i].emit(out)
	}
	return out, nil
}

type itemKind int

const (
	itemOp    itemKind = iota // an opcode without immediates
	itemPush                  // PUSHn value or PUSH(n) @label
	itemData                  // .data bytes
	itemLabel                 // label definition
	itemImm                   // an EIP-8024 opcode and its immediate byte (value)
)

type item struct {
	kind  itemKind
	op    evm.OpCode
	size  int    // itemPush: immediate bytes; 0 while an auto-sized label push is unresolved
	auto  bool   // itemPush: PUSH without a size
	value []byte // itemPush: big-endian value without leading zeros; itemData: the bytes
	label string // itemPush: referenced label; itemLabel: defined name
	line  int
	col   int
	off   int // offset assigned by resolve
}

func (it *item) errf(format string, args ...any) *Error {
	return &Error{Line: it.line, Col: it.col, Msg: fmt.Sprintf(format, args...)}
}

func (it *item) length() int {
	switch it.kind {
	case itemOp:
		return 1
	case itemPush:
		return 1 + it.size
	case itemData:
		return len(it.value)
	case itemImm:
		return 2
	}
	return 0
}

func (it *item) emit(out []byte) []byte {
	switch it.kind {
	case itemOp:
		return append(out, byte(it.op))
	case itemPush:
		out = append(out, byte(evm.PUSH1)+byte(it.size-1))
		for range it.size - len(it.value) {
			out = append(out, 0)
		}
		return append(out, it.value...)
	case itemData:
		return append(out, it.value...)
	case itemImm:
		return append(out, byte(it.op), it.value[0])
	}
	return out
}

// placeJumpdests inserts the JUMPDEST a label stands for where the source
// did not write one.
func placeJumpdests(items []item) []item {
	out := make([]item, 0, len(items))
	for i, it := range items {
		out = append(out, it)
		if it.kind != itemLabel {
			continue
		}
		// Only the last label of a run decides; the others share its offset.
		if i+1 < len(items) {
			next := items[i+1]
			if next.kind == itemLabel || next.kind == itemData || (next.kind == itemOp && next.op == evm.JUMPDEST) {
				continue
			}
		}
		out = append(out, item{kind: itemOp, op: evm.JUMPDEST, line: it.line, col: it.col})
	}
	return out
}

// resolve assigns offsets, sizes label pushes and fills in label values.
func resolve(items []item) error {
	labels := map[string]*item{}
	for i := range items {
		it := &items[i]
		if it.kind == itemLabel {
			if prev, dup := labels[it.label]; dup {
				return it.errf("label %q already defined at %d:%d", it.label, prev.line, prev.col)
			}
			labels[it.label] = it
		}
	}
	for i := range items {
		it := &items[i]
		if it.kind == itemPush && it.label != "" {
			if _, ok := labels[it.label]; !ok {
				return it.errf("undefined label %q", it.label)
			}
			if it.auto {
				it.size = 1
			}
		}
	}
	// Growing a push moves every later label, which may make another push
	// grow: repeat until nothing changes. Sizes only grow, so this ends.
	for changed := true; changed; {
		changed = false
		off := 0
		for i := range items {
			items[i].off = off
			off += items[i].length()
		}
		for i := range items {
			it := &items[i]
			if it.kind != itemPush || it.label == "" || !it.auto {
				continue
			}
			if need := max(1, byteLen(uint64(labels[it.label].off))); need > it.size {
				it.size, changed = need, true
			}
		}
	}
	for i := range items {
		it := &items[i]
		if it.kind != itemPush || it.label == "" {
			continue
		}
		target := uint64(labels[it.label].off)
		if n := byteLen(target); n > it.size {
			return it.errf("label %q is at offset %d, which does not fit in PUSH%d", it.label, target, it.size)
		}
		it.value = new(big.Int).SetUint64(target).Bytes()
	}
	return nil
}

func byteLen(v uint64) int {
	n := 0
	for ; v > 0; v >>= 8 {
		n++
	}
	return n
}

// parse reads the source into items.
func parse(src string) ([]item, error) {
	var items []item
	for ln, line := range strings.Split(src, "\n") {
		toks := tokenize(line, ln+1)
		for i := 0; i < len(toks); i++ {
			t := toks[i]
			switch {
			case i == 0 && isOffsetColumn(t.text) && len(toks) > 1:
				// offset column from a listing
			case strings.HasSuffix(t.text, ":"):
				name := strings.TrimSuffix(t.text, ":")
				if !isIdent(name) {
					return nil, t.errf("bad label name %q: use letters, digits, _ and ., not starting with a digit", name)
				}
				items = append(items, item{kind: itemLabel, label: name, line: t.line, col: t.col})
			case strings.EqualFold(t.text, ".data"):
				it := item{kind: itemData, line: t.line, col: t.col}
				for i+1 < len(toks) && isNumber(toks[i+1].text) {
					i++
					b, err := parseHexData(toks[i])
					if err != nil {
						return nil, err
					}
					it.value = append(it.value, b...)
				}
				if it.value == nil {
					return nil, t.errf(".data needs hex bytes (0x...)")
				}
				items = append(items, it)
			case strings.EqualFold(t.text, "PUSH"):
				it, err := parsePush(t, toks, &i, 0)
				if err != nil {
					return nil, err
				}
				items = append(items, it)
			case isNumber(t.text) || strings.HasPrefix(t.text, "@"):
				return nil, t.errf("unexpected value %q: only PUSH takes a value", t.text)
			default:
				op, ok := evm.LookupOp(t.text)
				if !ok {
					return nil, t.errf("unknown mnemonic %q", t.text)
				}
				if op.IsPush() {
					it, err := parsePush(t, toks, &i, op.Immediates())
					if err != nil {
						return nil, err
					}
					items = append(items, it)
					continue
				}
				if op.Immediates() > 0 {
					it, err := parseStackN(t, toks, &i, op)
					if err != nil {
						return nil, err
					}
					items = append(items, it)
					continue
				}
				items = append(items, item{kind: itemOp, op: op, line: t.line, col: t.col})
			}
		}
	}
	return items, nil
}

// parseStackN reads the depths after EIP-8024's DUPN and SWAPN (one) or
// EXCHANGE (two) and encodes them as the opcode's immediate.
func parseStackN(t token, toks []token, i *int, op evm.OpCode) (item, error) {
	want := 1
	if op == evm.EXCHANGE {
		want = 2
	}
	var depths []int
	for range want {
		if *i+1 >= len(toks) || !isNumber(toks[*i+1].text) {
			if want == 2 {
				return item{}, t.errf("%v needs two depths n m on the same line (1 <= n < m, n + m <= 30)", op)
			}
			return item{}, t.errf("%v needs a depth (17..235) on the same line", op)
		}
		*i++
		v, err := parseValue(toks[*i])
		if err != nil {
			return item{}, err
		}
		if !v.IsInt64() || v.Int64() > 1<<16 {
			return item{}, toks[*i].errf("depth %s out of range", toks[*i].text)
		}
		depths = append(depths, int(v.Int64()))
	}
	var (
		x  byte
		ok bool
	)
	if op == evm.EXCHANGE {
		x, ok = evm.EncodePair(depths[0], depths[1])
		if !ok {
			return item{}, toks[*i].errf("EXCHANGE %d %d cannot be encoded: it needs 1 <= n < m, n + m <= 30", depths[0], depths[1])
		}
	} else {
		x, ok = evm.EncodeSingle(depths[0])
		if !ok {
			return item{}, toks[*i].errf("%v %d cannot be encoded: the depth must be 17..235 (DUP1..16 and SWAP1..16 reach the others)", op, depths[0])
		}
	}
	return item{kind: itemImm, op: op, value: []byte{x}, line: t.line, col: t.col}, nil
}

// parsePush reads the operand after PUSH (size 0) or PUSHn.
func parsePush(t token, toks []token, i *int, size int) (item, error) {
	name := "PUSH"
	if size > 0 {
		name = fmt.Sprintf("PUSH%d", size)
	}
	it := item{kind: itemPush, size: size, auto: size == 0, line: t.line, col: t.col}
	if *i+1 >= len(toks) {
		return it, t.errf("%s needs a value (a number or @label) on the same line", name)
	}
	*i++
	arg := toks[*i]
	if strings.HasPrefix(arg.text, "@") {
		// Label problems surface later; point them at the reference.
		it.label, it.line, it.col = arg.text[1:], arg.line, arg.col
		if !isIdent(it.label) {
			return it, arg.errf("bad label reference %q", arg.text)
		}
		return it, nil
	}
	if !isNumber(arg.text) {
		return it, arg.errf("%s needs a value (a number or @label), found %q", name, arg.text)
	}
	v, err := parseValue(arg)
	if err != nil {
		return it, err
	}
	it.value = v.Bytes()
	if it.auto {
		it.size = max(1, len(it.value))
	} else if len(it.value) > size {
		return it, arg.errf("value %s is %d bytes, too big for %s", arg.text, len(it.value), name)
	}
	return it, nil
}

var maxWord = new(big.Int).Lsh(big.NewInt(1), 256)

func parseValue(t token) (*big.Int, error) {
	s, base := t.text, 10
	if strings.HasPrefix(s, "0x") || strings.HasPrefix(s, "0X") {
		s, base = s[2:], 16
	}
	v, ok := new(big.Int).SetString(s, base)
	if !ok || s == "" {
		return nil, t.errf("bad number %q", t.text)
	}
	if v.Cmp(maxWord) >= 0 {
		return nil, t.errf("value %s does not fit in 32 bytes", t.text)
	}
	return v, nil
}

func parseHexData(t token) ([]byte, error) {
	s := t.text
	if !strings.HasPrefix(s, "0x") && !strings.HasPrefix(s, "0X") {
		return nil, t.errf(".data takes hex bytes written 0x..., found %q", s)
	}
	b, err := DecodeHexCode(s)
	if err != nil {
		return nil, t.errf(".data %s: %v", s, err)
	}
	return b, nil
}

type token struct {
	text      string
	line, col int
}

func (t token) errf(format string, args ...any) *Error {
	return &Error{Line: t.line, Col: t.col, Msg: fmt.Sprintf(format, args...)}
}

// tokenize splits a line at spaces, tabs and commas, dropping comments.
func tokenize(line string, ln int) []token {
	if i := strings.Index(line, "//"); i >= 0 {
		line = line[:i]
	}
	if i := strings.IndexByte(line, ';'); i >= 0 {
		line = line[:i]
	}
	var toks []token
	start := -1
	for i := 0; i <= len(line); i++ {
		sep := i == len(line) || line[i] == ' ' || line[i] == '\t' || line[i] == ',' || line[i] == '\r'
		if sep && start >= 0 {
			toks = append(toks, token{text: line[start:i], line: ln, col: start + 1})
			start = -1
		} else if !sep && start < 0 {
			start = i
		}
	}
	return toks
}

// isOffsetColumn matches the offsets Listing writes at the start of a line.
func isOffsetColumn(s string) bool {
	_, err := strconv.ParseUint(s, 0, 64)
	return err == nil
}

func isNumber(s string) bool { return s != "" && s[0] >= '0' && s[0] <= '9' }

func isIdent(s string) bool {
	if s == "" || isNumber(s) {
		return false
	}
	for _, c := range s {
		if !(c == '_' || c == '.' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
			return false
		}
	}
	return true
}
