package chain

import (
	"bufio"
	"compress/gzip"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/goevm/goevm/state"
	"github.com/goevm/goevm/types"
	"github.com/holiman/uint256"
)

// loadChunkSlots bounds the storage slots (and loadChunkAccounts the
// accounts) LoadState holds before applying them to the pending state, so
// loading a large dump costs memory in proportion to a chunk, not the dump.
var (
	loadChunkSlots    = 50_000
	loadChunkAccounts = 2_000
)

// LoadState reads a state dump (DumpState's format, or anvil's, whose block
// history it skips) from r and merges it into the newest state as anvil_
// loadState does: each dumped account's balance, nonce and code replace the
// chain's, and its storage slots are set (slots not in the dump are kept).
// The edits are then mined into a block, not earlier than the dump's
// timestamp. It returns the dump's block context (nil if it has none).
//
// The chain continues from the dump's block number, as anvil's does. anvil
// (foundry crates/anvil/src/eth/backend/mem/mod.rs, Backend::load_state)
// makes the dump's best_block_number (else block.number) its head, a
// synthetic checkpoint block at that number built from the dumped block
// context when the dump carries no block history, and re-anchors its clock
// to that block's timestamp; the next block mined is the number after it.
// A chain here links every block to its parent, so the head is brought up
// to the number before the dump's by mining empty blocks, and the loaded
// state is mined as the dump's number itself. When the head is already at
// or past that number, where anvil would move its head back, or more than
// MaxLoadGap blocks behind it, the load is mined as the next block instead:
// this chain keeps its history, and does not mine for hours.
//
// A dump that does not parse is refused with ErrBadDump, naming the field
// and byte offset, and leaves the chain as it was.
func (c *Chain) LoadState(r io.Reader) (*DumpBlock, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	l := &dumpLoader{dec: json.NewDecoder(r), c: c, startHead: c.headNum, startOps: c.devOps}
	l.dec.UseNumber()
	if err := l.readTop(); err != nil {
		return nil, l.undo(err)
	}
	if l.best != nil {
		// anvil's best_block_number, which comes after the accounts: when
		// it is ahead of the block context's number, the empty blocks come
		// after the edits (in anvil's and our dumps the two are equal).
		if err := l.reach(*l.best, l.block.Timestamp); err != nil {
			return nil, l.undo(err)
		}
	}
	var ts *uint64
	if l.block != nil && l.block.Timestamp > c.clock.peek(c.head.Header.Time) {
		ts = &l.block.Timestamp
	}
	if _, err := c.mineLocked(nil, ts, true); err != nil {
		return nil, l.undo(err)
	}
	return l.block, nil
}

// MaxLoadGap is the most empty blocks LoadState mines to continue from a
// dump's block number (about 200µs each in memory): a dump taken far
// ahead of this chain's head (a forked mainnet's, say) is loaded as the
// next block instead of mining for minutes.
const MaxLoadGap = 50_000

// reach mines empty blocks until the next block is number n (nothing when
// it is already n or later, or more than MaxLoadGap blocks away), under
// LoadState's lock. They are a second apart and end a second before the
// time the loaded block will have: the dump's timestamp t, or, when that
// is too early to leave room for them, as early as they fit; so they move
// the chain's clock no further than the loaded block must.
func (l *dumpLoader) reach(n, t uint64) error {
	c := l.c
	if n <= c.headNum+1 || n-1-c.headNum > MaxLoadGap {
		return nil
	}
	gap := n - 1 - c.headNum
	at := max(t, c.clock.peek(c.head.Header.Time)+gap) - gap
	for ; c.headNum+1 < n; at++ {
		ts := at
		if _, err := c.mineLocked(nil, &ts, true); err != nil {
			return err
		}
	}
	return nil
}

// undo drops what a failed load did (the empty blocks it mined and the
// accounts it applied) and puts back the dev edits made before it, as
// Revert does. It returns err.
func (l *dumpLoader) undo(err error) error {
	c := l.c
	c.devOps = nil
	if derr := c.dropBlocksAbove(l.startHead); derr != nil {
		return fmt.Errorf("%w (and undoing the partial load failed: %w)", err, derr)
	}
	for _, op := range l.startOps {
		if rerr := c.editLocked(op); rerr != nil {
			return fmt.Errorf("%w (and re-applying earlier dev edits failed: %w)", err, rerr)
		}
	}
	return err
}

// DumpReader reads a state dump from r, gzip-compressed (anvil_dumpState's
// form; recognised by its magic bytes) or plain JSON (--dump-state's).
func DumpReader(r io.Reader) (io.Reader, error) {
	br := bufio.NewReader(r)
	magic, _ := br.Peek(2)
	if len(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b {
		zr, err := gzip.NewReader(br)
		if err != nil {
			return nil, fmt.Errorf("%w: gzip header: %w", ErrBadDump, err)
		}
		return gzipErrors{zr}, nil
	}
	return br, nil
}

// gzipErrors names a corrupt or truncated gzip stream as the dump's
// problem.
type gzipErrors struct{ r io.Reader }

func (g gzipErrors) Read(p []byte) (int, error) {
	n, err := g.r.Read(p)
	if err != nil && !errors.Is(err, io.EOF) {
		err = fmt.Errorf("gzip stream: %w", err)
	}
	return n, err
}

// dumpLoader reads a dump token by token, applying accounts in chunks.
type dumpLoader struct {
	dec   *json.Decoder
	c     *Chain
	block *DumpBlock
	best  *uint64 // best_block_number, when the dump has a block context

	// The head and the dev edits pending when the load began, for undo.
	startHead uint64
	startOps  []devOp

	accounts []loadedAccount // complete accounts not applied yet
	slots    []loadedSlot    // slots not applied yet, of those and the account being read
}

type loadedAccount struct {
	addr    types.Address
	nonce   uint64
	balance uint256.Int
	code    []byte
}

type loadedSlot struct {
	addr      types.Address
	key, vals types.Hash
}

// errorf makes an ErrBadDump naming where in the input it happened.
func (l *dumpLoader) errorf(field, format string, args ...any) error {
	return fmt.Errorf("%w: %s: %s (at byte %d)", ErrBadDump, field, fmt.Sprintf(format, args...), l.dec.InputOffset())
}

// token reads the next token; the end of input or a JSON syntax error
// becomes an ErrBadDump naming field.
func (l *dumpLoader) token(field string) (json.Token, error) {
	t, err := l.dec.Token()
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		return nil, l.errorf(field, "the input ends early (truncated?)")
	}
	if err != nil {
		var se *json.SyntaxError
		if errors.As(err, &se) {
			return nil, fmt.Errorf("%w: %s: invalid JSON at byte %d: %v", ErrBadDump, field, se.Offset, se)
		}
		return nil, fmt.Errorf("%w: %s: %w", ErrBadDump, field, err)
	}
	return t, nil
}

func (l *dumpLoader) expectDelim(field string, want json.Delim) error {
	t, err := l.token(field)
	if err != nil {
		return err
	}
	if d, ok := t.(json.Delim); !ok || d != want {
		return l.errorf(field, "want %q, got %s", want, describeToken(t))
	}
	return nil
}

// key reads an object key, or reports false at the object's end.
func (l *dumpLoader) key(field string) (string, bool, error) {
	t, err := l.token(field)
	if err != nil {
		return "", false, err
	}
	switch v := t.(type) {
	case string:
		return v, true, nil
	case json.Delim:
		if v == '}' {
			return "", false, nil
		}
	}
	return "", false, l.errorf(field, "want a key or '}', got %s", describeToken(t))
}

// readTop reads the whole dump: {"block":…, "accounts":…, …}, and nothing
// after it.
func (l *dumpLoader) readTop() error {
	if err := l.expectDelim("dump", '{'); err != nil {
		return err
	}
	sawAccounts := false
	for {
		k, ok, err := l.key("dump")
		if err != nil {
			return err
		}
		if !ok {
			break
		}
		switch k {
		case "block":
			if err := l.readBlock(); err != nil {
				return err
			}
		case "accounts":
			sawAccounts = true
			if err := l.readAccounts(); err != nil {
				return err
			}
		case "best_block_number":
			var raw json.RawMessage
			if err := l.dec.Decode(&raw); err != nil {
				return l.errorf(k, "%v", err)
			}
			n, err := dumpU64(raw)
			if err != nil {
				return l.errorf(k, "%v", err)
			}
			if string(raw) != "null" {
				l.best = &n
			}
		default:
			// anvil's blocks, transactions and historical_states: a dev
			// chain here keeps its own history.
			if err := l.skipValue(k); err != nil {
				return err
			}
		}
	}
	if !sawAccounts {
		return l.errorf("dump", "no \"accounts\" object")
	}
	if l.block == nil {
		l.best = nil // anvil moves its head only with a block context
	}
	// Reading on to the end also checks a gzip stream's trailer.
	switch _, err := l.dec.Token(); {
	case errors.Is(err, io.ErrUnexpectedEOF):
		return l.errorf("dump", "the input ends early (truncated?): %v", err)
	case errors.Is(err, io.EOF):
	case err != nil:
		return l.errorf("dump", "after the closing '}': %v", err)
	default:
		return l.errorf("dump", "unexpected data after the dump's closing '}'")
	}
	return l.flush()
}

// skipValue reads past one value of any size, token by token.
func (l *dumpLoader) skipValue(field string) error {
	depth := 0
	for {
		t, err := l.token(field)
		if err != nil {
			return err
		}
		if d, ok := t.(json.Delim); ok {
			if d == '{' || d == '[' {
				depth++
			} else {
				depth--
			}
		}
		if depth == 0 {
			return nil
		}
	}
}

// readBlock reads the block context: small, so decoded whole; numbers may
// be JSON numbers or hex or decimal strings (anvil's StringOrU64).
func (l *dumpLoader) readBlock() error {
	var raw map[string]json.RawMessage
	if err := l.dec.Decode(&raw); err != nil {
		return l.errorf("block", "%v", err)
	}
	if raw == nil {
		return nil // "block": null
	}
	b := &DumpBlock{}
	var err error
	u64 := func(name string, dst *uint64) {
		if v, ok := raw[name]; ok && err == nil {
			*dst, err = dumpU64(v)
			if err != nil {
				err = l.errorf("block."+name, "%v", err)
			}
		}
	}
	u64("number", &b.Number)
	u64("timestamp", &b.Timestamp)
	u64("gas_limit", &b.GasLimit)
	if v, ok := raw["basefee"]; ok && err == nil {
		b.BaseFee, err = dumpU256(v)
		if err != nil {
			err = l.errorf("block.basefee", "%v", err)
		}
	}
	if err != nil {
		return err
	}
	cb, ok := raw["beneficiary"]
	if !ok {
		cb, ok = raw["coinbase"] // revm before 2024
	}
	if ok {
		var s string
		if json.Unmarshal(cb, &s) != nil {
			return l.errorf("block.beneficiary", "want an address string, got %s", cb)
		}
		addr, aerr := types.HexToAddress(s)
		if aerr != nil {
			return l.errorf("block.beneficiary", "%v", aerr)
		}
		b.Coinbase = addr
	}
	l.block = b
	// The chain continues from the dump's block (LoadState): the empty
	// blocks up to it are mined now, before the accounts (which anvil's
	// dumps and ours write after the block context) are applied, so the
	// loaded state is the dump's block's own.
	return l.reach(b.Number, b.Timestamp)
}

// readAccounts reads "accounts": {"0xaddr": {…}, …}.
func (l *dumpLoader) readAccounts() error {
	if err := l.expectDelim("accounts", '{'); err != nil {
		return err
	}
	for {
		k, ok, err := l.key("accounts")
		if err != nil {
			return err
		}
		if !ok {
			return nil
		}
		field := fmt.Sprintf("accounts[%q]", k)
		addr, err := parseAddress(k)
		if err != nil {
			return l.errorf(field, "%v", err)
		}
		if err := l.readAccount(field, addr); err != nil {
			return err
		}
	}
}

// readAccount reads one account object: nonce, balance, code, storage,
// each optional (zero, empty) as in a geth allocation.
func (l *dumpLoader) readAccount(field string, addr types.Address) error {
	if err := l.expectDelim(field, '{'); err != nil {
		return err
	}
	acc := loadedAccount{addr: addr}
	for {
		k, ok, err := l.key(field)
		if err != nil {
			return err
		}
		if !ok {
			break
		}
		f := field + "." + k
		switch k {
		case "nonce":
			var raw json.RawMessage
			if err := l.dec.Decode(&raw); err != nil {
				return l.errorf(f, "%v", err)
			}
			if acc.nonce, err = dumpU64(raw); err != nil {
				return l.errorf(f, "%v", err)
			}
		case "balance":
			var raw json.RawMessage
			if err := l.dec.Decode(&raw); err != nil {
				return l.errorf(f, "%v", err)
			}
			v, err := dumpU256(raw)
			if err != nil {
				return l.errorf(f, "%v", err)
			}
			acc.balance = *v
		case "code":
			t, err := l.token(f)
			if err != nil {
				return err
			}
			s, ok := t.(string)
			if !ok {
				return l.errorf(f, "want a hex string, got %s", describeToken(t))
			}
			if acc.code, err = parseHexBytes(s); err != nil {
				return l.errorf(f, "%v", err)
			}
		case "storage":
			if err := l.readStorage(f, addr); err != nil {
				return err
			}
		default:
			if err := l.skipValue(f); err != nil {
				return err
			}
		}
	}
	l.accounts = append(l.accounts, acc)
	if len(l.accounts) >= loadChunkAccounts {
		return l.flush()
	}
	return nil
}

// readStorage reads "storage": {"0xslot": "0xvalue", …}; slots and values
// are 256-bit hex numbers (anvil writes them as 32 bytes, reads any length).
func (l *dumpLoader) readStorage(field string, addr types.Address) error {
	t, err := l.token(field)
	if err != nil {
		return err
	}
	if t == nil {
		return nil // "storage": null
	}
	if d, ok := t.(json.Delim); !ok || d != '{' {
		return l.errorf(field, "want an object of slot: value, got %s", describeToken(t))
	}
	for {
		k, ok, err := l.key(field)
		if err != nil {
			return err
		}
		if !ok {
			return nil
		}
		f := fmt.Sprintf("%s[%q]", field, k)
		slot, err := parseWord(k)
		if err != nil {
			return l.errorf(f, "slot: %v", err)
		}
		t, err := l.token(f)
		if err != nil {
			return err
		}
		s, ok := t.(string)
		if !ok {
			return l.errorf(f, "want a hex string value, got %s", describeToken(t))
		}
		v, err := parseWord(s)
		if err != nil {
			return l.errorf(f, "value: %v", err)
		}
		l.slots = append(l.slots, loadedSlot{addr: addr, key: slot, vals: v})
		if len(l.slots) >= loadChunkSlots {
			if err := l.flush(); err != nil {
				return err
			}
		}
	}
}

// flush applies the accounts and slots read so far to the pending state.
// It is not recorded for replay after a revert: LoadState mines the result.
func (l *dumpLoader) flush() error {
	if len(l.accounts) == 0 && len(l.slots) == 0 {
		return nil
	}
	accounts, slots := l.accounts, l.slots
	err := l.c.applyEditLocked(func(m *state.Memory) {
		for _, a := range accounts {
			m.SetBalance(a.addr, &a.balance)
			m.SetNonce(a.addr, a.nonce)
			m.SetCode(a.addr, a.code)
		}
		for _, s := range slots {
			m.SetState(s.addr, s.key, s.vals)
		}
	})
	l.accounts, l.slots = l.accounts[:0], l.slots[:0]
	return err
}

// describeToken names a JSON token for an error message.
func describeToken(t json.Token) string {
	switch v := t.(type) {
	case json.Delim:
		return fmt.Sprintf("%q", string(v))
	case string:
		return fmt.Sprintf("string %q", clip(v))
	case json.Number:
		return "number " + clip(v.String())
	case bool:
		return fmt.Sprintf("%v", v)
	case nil:
		return "null"
	}
	return fmt.Sprintf("%v", t)
}

func clip(s string) string {
	if len(s) > 40 {
		return s[:40] + "..."
	}
	return s
}

// dumpU64 and dumpU256 read a JSON number, or a hex ("0x…") or decimal
// string (anvil's StringOrU64; geth's HexOrDecimal); null is zero.
func dumpU64(raw json.RawMessage) (uint64, error) {
	v, _, err := parseUint(raw)
	return v, err
}

func dumpU256(raw json.RawMessage) (*uint256.Int, error) {
	v, ok, err := parseU256(raw)
	if err != nil {
		return nil, fmt.Errorf("want a non-negative integer below 2^256 (a number, or a hex or decimal string), got %s: %w", clip(string(raw)), err)
	}
	if !ok {
		return new(uint256.Int), nil
	}
	return v, nil
}

// parseWord reads a 0x-prefixed hex number of at most 32 bytes, left
// padded (a storage slot or value).
func parseWord(s string) (types.Hash, error) {
	if !strings.HasPrefix(s, "0x") && !strings.HasPrefix(s, "0X") {
		return types.Hash{}, fmt.Errorf("want 0x-prefixed hex, got %q", clip(s))
	}
	d := s[2:]
	if len(d) == 0 || len(d) > 64 {
		return types.Hash{}, fmt.Errorf("want 1 to 64 hex digits, got %d in %q", len(d), clip(s))
	}
	if len(d)%2 == 1 {
		d = "0" + d
	}
	b, err := hex.DecodeString(d)
	if err != nil {
		return types.Hash{}, fmt.Errorf("invalid hex in %q", clip(s))
	}
	return types.BytesToHash(b), nil
}

// parseHexBytes reads 0x-prefixed hex of whole bytes ("" and "0x" are
// empty).
func parseHexBytes(s string) ([]byte, error) {
	if s == "" {
		return nil, nil
	}
	if !strings.HasPrefix(s, "0x") && !strings.HasPrefix(s, "0X") {
		return nil, fmt.Errorf("want 0x-prefixed hex, got %q", clip(s))
	}
	b, err := hex.DecodeString(s[2:])
	if err != nil {
		var inv hex.InvalidByteError
		if errors.As(err, &inv) {
			return nil, fmt.Errorf("invalid hex digit %q", rune(inv))
		}
		return nil, fmt.Errorf("%v (%d hex digits)", err, len(s)-2)
	}
	return b, nil
}

// parseAddress reads a 0x-prefixed 20-byte address.
func parseAddress(s string) (types.Address, error) {
	b, err := parseHexBytes(s)
	if err != nil {
		return types.Address{}, err
	}
	if len(b) != 20 {
		return types.Address{}, fmt.Errorf("an address is 20 bytes, got %d", len(b))
	}
	return types.BytesToAddress(b), nil
}
