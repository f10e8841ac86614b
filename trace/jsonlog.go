package trace

import (
	"encoding/hex"
	"encoding/json"
	"io"
	"strconv"

	"github.com/holiman/uint256"
)

// JSONOptions choose the optional fields of the EIP-3155 JSON logger. The
// zero value matches geth's `evm --json` defaults: stack on, memory and
// return data off.
type JSONOptions struct {
	Memory      bool // "memory": the whole memory as 0x-hex (omitted while empty)
	ReturnData  bool // "returnData": the last call's return data (omitted while empty)
	NoStack     bool // leave the stack out ("stack" is still written, as null)
	NoExitLines bool // no {"output","gasUsed"} line when a frame ends
	// Refund, if set, is read for "refund" when each line is written, as
	// geth's logger reads its StateDB: the value then includes what the
	// step's own gas computation added (SSTORE clears, pre-London
	// SELFDESTRUCT). Without it the logger writes Step.Refund.
	Refund func() uint64
}

const opDifficulty = 0x44

// JSONLogger writes one EIP-3155 JSON object a line for every opcode, and a
// summary {"output","gasUsed","error"} when a frame ends.
//
// The bytes match geth's JSON logger (eth/tracers/logger) so traces can be
// diffed: the same field order, "gas"/"gasCost"/"gasUsed" as 0x-hex
// strings, pc/op/memSize/depth/refund as numbers, stack words as 0x-hex
// without leading zeros, errors escaped the way encoding/json escapes
// (HTML-safe), and a summary line after every frame, nested ones included,
// as geth writes it. A failing opcode is reported twice when it fails while
// executing (the step, then the fault) and once when it fails before
// (stack, gas), again as geth does.
//
// A logger costs nothing unless it is installed: the interpreter runs a
// separate loop when a tracer is set.
type JSONLogger struct {
	w    io.Writer
	opts JSONOptions
	buf  []byte
	err  error
}

// NewJSONLogger returns a logger writing to w. Each line is written with one
// Write call; the first write error stops the logger and is kept for Err.
func NewJSONLogger(w io.Writer, opts JSONOptions) *JSONLogger {
	return &JSONLogger{w: w, opts: opts, buf: make([]byte, 0, 1024)}
}

// Hooks returns the hooks to install in the interpreter's config.
func (l *JSONLogger) Hooks() *Hooks {
	h := &Hooks{OnOpcode: l.OnOpcode, OnFault: l.OnOpcode}
	if !l.opts.NoExitLines {
		h.OnExit = l.OnExit
	}
	return h
}

// Err is the first error writing the trace, if any.
func (l *JSONLogger) Err() error { return l.err }

// OnOpcode writes the step; with s.Err set (a fault) it carries "error".
func (l *JSONLogger) OnOpcode(s *Step) {
	if l.err != nil {
		return
	}
	b := l.buf[:0]
	b = append(b, `{"pc":`...)
	b = strconv.AppendUint(b, s.PC, 10)
	b = append(b, `,"op":`...)
	b = strconv.AppendUint(b, uint64(s.Op), 10)
	b = append(b, `,"gas":"0x`...)
	b = strconv.AppendUint(b, s.Gas, 16)
	b = append(b, `","gasCost":"0x`...)
	b = strconv.AppendUint(b, s.Cost, 16)
	b = append(b, '"')
	if l.opts.Memory && len(s.Memory) > 0 {
		b = append(b, `,"memory":"0x`...)
		b = hex.AppendEncode(b, s.Memory)
		b = append(b, '"')
	}
	b = append(b, `,"memSize":`...)
	b = strconv.AppendInt(b, int64(len(s.Memory)), 10)
	b = append(b, `,"stack":`...)
	switch {
	case l.opts.NoStack:
		b = append(b, "null"...)
	default:
		b = append(b, '[')
		for i := range s.Stack {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendWord(b, &s.Stack[i])
		}
		b = append(b, ']')
	}
	if l.opts.ReturnData && len(s.ReturnData) > 0 {
		b = append(b, `,"returnData":"0x`...)
		b = hex.AppendEncode(b, s.ReturnData)
		b = append(b, '"')
	}
	b = append(b, `,"depth":`...)
	b = strconv.AppendInt(b, int64(s.Depth), 10)
	b = append(b, `,"refund":`...)
	refund := s.Refund
	if l.opts.Refund != nil {
		refund = l.opts.Refund()
	}
	b = strconv.AppendUint(b, refund, 10)
	b = append(b, `,"opName":`...)
	if s.Op == opDifficulty {
		// geth names 0x44 DIFFICULTY in every fork, PREVRANDAO (EIP-4399)
		// included; spell it the same so traces diff.
		b = append(b, `"DIFFICULTY"`...)
	} else {
		b = appendString(b, s.OpName)
	}
	if s.Err != nil {
		b = append(b, `,"error":`...)
		b = appendString(b, s.Err.Error())
	}
	b = append(b, "}\n"...)
	l.write(b)
}

// OnExit writes the frame's summary: output as hex without 0x (geth's
// spelling), gas used as 0x-hex, and the error if there was one.
func (l *JSONLogger) OnExit(depth int, output []byte, gasUsed uint64, err error, reverted bool) {
	if l.err != nil {
		return
	}
	b := l.buf[:0]
	b = append(b, `{"output":"`...)
	b = hex.AppendEncode(b, output)
	b = append(b, `","gasUsed":"0x`...)
	b = strconv.AppendUint(b, gasUsed, 16)
	b = append(b, '"')
	if err != nil {
		b = append(b, `,"error":`...)
		b = appendString(b, err.Error())
	}
	b = append(b, "}\n"...)
	l.write(b)
}

func (l *JSONLogger) write(b []byte) {
	l.buf = b
	_, l.err = l.w.Write(b)
}

// appendWord writes a stack word as a JSON string: 0x-hex, no leading zeros.
func appendWord(b []byte, w *uint256.Int) []byte {
	b = append(b, `"0x`...)
	i := 3
	for i > 0 && w[i] == 0 {
		i--
	}
	b = strconv.AppendUint(b, w[i], 16)
	for i--; i >= 0; i-- {
		var digits [16]byte
		d := strconv.AppendUint(digits[:0], w[i], 16)
		for range 16 - len(d) {
			b = append(b, '0')
		}
		b = append(b, d...)
	}
	return append(b, '"')
}

// appendString writes s as encoding/json does, HTML escaping included (so
// "<=>" in an error comes out as geth writes it).
func appendString(b []byte, s string) []byte {
	plain := true
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x7f || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&' {
			plain = false
			break
		}
	}
	if plain {
		b = append(b, '"')
		b = append(b, s...)
		return append(b, '"')
	}
	q, _ := json.Marshal(s) // rare: errors with odd characters
	return append(b, q...)
}
