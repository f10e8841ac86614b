package chain

import (
	"encoding/binary"
	"errors"
	"fmt"
	"sync"

	"github.com/cockroachdb/pebble"
	"github.com/cockroachdb/pebble/vfs"
	"github.com/goevm/goevm/types"
)

// The store's keys. State is kept as history only: every value an account or
// slot took, keyed by the block that wrote it, so the state at block N is the
// newest entry at or below N (archive reads without a second copy), and
// undoing blocks deletes their entries. The change list of each block says
// which entries it wrote.
const (
	prefixAccount = 'A' // A addr(20) block(8)         -> account RLP; empty: deleted
	prefixSlot    = 'S' // S addr(20) slot(32) block(8) -> value(32)
	prefixWipe    = 'W' // W addr(20) block(8)         -> storage wiped before this block's writes
	prefixCode    = 'c' // c codeHash(32)               -> code
	prefixChanges = 'D' // D block(8)                   -> change list (see changes.go)
	prefixNumber  = 'n' // n block(8)                   -> block hash
	prefixBlock   = 'b' // b hash(32)                   -> block RLP
	prefixReceipt = 'r' // r hash(32)                   -> receipts (JSON)
	prefixTxIndex = 't' // t txHash(32)                 -> block(8) index(4)
)

var (
	keyHead   = []byte("meta:head")   // -> block(8)
	keyConfig = []byte("meta:config") // -> the chain's Config (JSON)
)

// ErrStore wraps failures of the key-value store.
var ErrStore = errors.New("chain store")

// store is the chain's Pebble database: on disk under a data directory, or
// in memory (Pebble's in-memory file system) when there is none, so both
// modes run the same code.
type store struct {
	db *pebble.DB
	// codeCache keeps code by hash: immutable, read by every call, and
	// small next to the state (a dev chain deploys few contracts).
	codeCache sync.Map
}

func openStore(dir string) (*store, error) {
	// 64 MiB memtables (Pebble's default is 4 MiB): a dev chain writes many
	// small blocks, and fewer flushes mean fewer levels for reads to merge.
	opts := &pebble.Options{Logger: quietLogger{}, MemTableSize: 64 << 20}
	if dir == "" {
		// In memory there is nothing to recover after a crash: no write-ahead
		// log (it only grew an in-memory file with every block).
		opts.FS, opts.DisableWAL = vfs.NewMem(), true
		// Tables stay in memory: compressing them only costs time.
		opts.Levels = make([]pebble.LevelOptions, 7)
		for i := range opts.Levels {
			opts.Levels[i].Compression = pebble.NoCompression
		}
	}
	db, err := pebble.Open(dir, opts)
	if err != nil {
		return nil, fmt.Errorf("%w: open %q: %w", ErrStore, dir, err)
	}
	return &store{db: db}, nil
}

func (s *store) close() error { return s.db.Close() }

// get returns a copy of the value under key, or nil if there is none.
func (s *store) get(key []byte) ([]byte, error) {
	v, closer, err := s.db.Get(key)
	if errors.Is(err, pebble.ErrNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrStore, err)
	}
	out := append([]byte{}, v...)
	return out, closer.Close()
}

// latestAtOrBelow returns the value of the newest key in [prefix, prefix ||
// block] (keys are prefix || block(8)), and the block it was written at.
func (s *store) latestAtOrBelow(prefix []byte, block uint64) (val []byte, at uint64, ok bool, err error) {
	upper := appendU64(append([]byte{}, prefix...), block)
	upper = append(upper, 0) // exclusive bound just above prefix||block
	it, err := s.db.NewIter(&pebble.IterOptions{LowerBound: prefix, UpperBound: upper})
	if err != nil {
		return nil, 0, false, fmt.Errorf("%w: %w", ErrStore, err)
	}
	defer it.Close()
	for valid := it.Last(); valid; valid = it.Prev() {
		k := it.Key()
		if len(k) != len(prefix)+8 {
			continue // a longer key under this prefix (a slot under an account key) is not ours
		}
		return append([]byte{}, it.Value()...), binary.BigEndian.Uint64(k[len(prefix):]), true, nil
	}
	return nil, 0, false, it.Error()
}

func appendU64(b []byte, v uint64) []byte { return binary.BigEndian.AppendUint64(b, v) }

func u64Key(prefix byte, v uint64) []byte { return appendU64([]byte{prefix}, v) }

func hashKey(prefix byte, h types.Hash) []byte { return append([]byte{prefix}, h[:]...) }

func accountKey(addr types.Address, block uint64) []byte {
	return appendU64(append([]byte{prefixAccount}, addr[:]...), block)
}

func slotPrefix(addr types.Address, slot types.Hash) []byte {
	k := append([]byte{prefixSlot}, addr[:]...)
	return append(k, slot[:]...)
}

func slotKeyAt(addr types.Address, slot types.Hash, block uint64) []byte {
	return appendU64(slotPrefix(addr, slot), block)
}

func wipeKey(addr types.Address, block uint64) []byte {
	return appendU64(append([]byte{prefixWipe}, addr[:]...), block)
}

// quietLogger keeps Pebble's informational lines off the node's console;
// errors still surface through returned errors.
type quietLogger struct{}

func (quietLogger) Infof(string, ...any)  {}
func (quietLogger) Errorf(string, ...any) {}
func (quietLogger) Fatalf(format string, args ...any) {
	panic(fmt.Sprintf("pebble: "+format, args...))
}
