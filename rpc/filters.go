package rpc

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/goevm/goevm/chain"
	"github.com/goevm/goevm/types"
)

// Bounds on log queries and filters, so one request cannot hold the node.
const (
	maxLogRange   = 100_000 // blocks one eth_getLogs may scan
	maxLogResults = 100_000 // logs one answer may carry
	maxFilters    = 10_000
	filterTimeout = 5 * time.Minute // geth's: a filter not polled for this long is removed
	maxPendingBuf = 10_000          // pending hashes a filter keeps between polls
)

// logQuery is eth_getLogs' filter object.
type logQuery struct {
	FromBlock *blockTag         `json:"fromBlock"`
	ToBlock   *blockTag         `json:"toBlock"`
	BlockHash *hash             `json:"blockHash"`
	Address   addressList       `json:"address"`
	Topics    []topicAlternates `json:"topics"`
}

// addressList is one address or an array of them.
type addressList []types.Address

func (l *addressList) UnmarshalJSON(b []byte) error {
	if len(b) > 0 && b[0] == '[' {
		var as []address
		if err := json.Unmarshal(b, &as); err != nil {
			return fmt.Errorf("address: %w", err)
		}
		for _, a := range as {
			*l = append(*l, types.Address(a))
		}
		return nil
	}
	var a address
	if err := json.Unmarshal(b, &a); err != nil {
		return fmt.Errorf("address: %w", err)
	}
	*l = addressList{types.Address(a)}
	return nil
}

// topicAlternates is one topic position: null (any), a hash, or an array
// of hashes (any of them).
type topicAlternates []types.Hash

func (t *topicAlternates) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		*t = nil
		return nil
	}
	if len(b) > 0 && b[0] == '[' {
		var hs []*hash
		if err := json.Unmarshal(b, &hs); err != nil {
			return fmt.Errorf("topics: %w", err)
		}
		for _, h := range hs {
			if h == nil {
				*t = nil // a null inside the alternatives matches anything
				return nil
			}
			*t = append(*t, types.Hash(*h))
		}
		return nil
	}
	var h hash
	if err := json.Unmarshal(b, &h); err != nil {
		return fmt.Errorf("topics: %w", err)
	}
	*t = topicAlternates{types.Hash(h)}
	return nil
}

func (q *logQuery) matches(l *types.Log) bool {
	if len(q.Address) > 0 {
		found := false
		for _, a := range q.Address {
			if a == l.Address {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	if len(q.Topics) > len(l.Topics) {
		return false
	}
	for i, alts := range q.Topics {
		if len(alts) == 0 {
			continue
		}
		found := false
		for _, h := range alts {
			if h == l.Topics[i] {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// bloomMatches is the quick test a block's bloom allows.
func (q *logQuery) bloomMatches(b *types.Bloom) bool {
	if len(q.Address) > 0 {
		found := false
		for _, a := range q.Address {
			if b.Test(a[:]) {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	for _, alts := range q.Topics {
		if len(alts) == 0 {
			continue
		}
		found := false
		for _, h := range alts {
			if b.Test(h[:]) {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// blockLogs appends the matching logs of one block.
func (s *Server) blockLogs(out []rpcLog, q *logQuery, blk *types.Block) ([]rpcLog, error) {
	if !q.bloomMatches(&blk.Header.Bloom) {
		return out, nil
	}
	rs, err := s.chain.Receipts(blk.Hash())
	if err != nil {
		return out, err
	}
	for _, r := range rs {
		for _, l := range formatLogs(r, blk.Header.Time) {
			tl := types.Log{Address: l.Address, Topics: l.Topics}
			if q.matches(&tl) {
				out = append(out, l)
			}
		}
	}
	if len(out) > maxLogResults {
		return nil, errorf(codeLimitExceeded, "query returned more than %d results", maxLogResults)
	}
	return out, nil
}

// getLogs answers a log query over [from, to] or one block by hash.
func (s *Server) getLogs(q *logQuery, from, to uint64) ([]rpcLog, error) {
	out := []rpcLog{}
	if q.BlockHash != nil {
		blk, err := s.chain.BlockByHash(types.Hash(*q.BlockHash))
		if err != nil {
			return nil, errorf(codeServer, "unknown block")
		}
		return s.blockLogs(out, q, blk)
	}
	if from > to {
		return out, nil
	}
	if to-from >= maxLogRange {
		return nil, errorf(codeLimitExceeded, "block range of %d blocks exceeds the limit of %d", to-from+1, maxLogRange)
	}
	for n := from; n <= to; n++ {
		blk, err := s.chain.BlockByNumber(n)
		if err != nil {
			if errors.Is(err, chain.ErrUnknownBlock) {
				break // reverted meanwhile
			}
			return nil, err
		}
		if out, err = s.blockLogs(out, q, blk); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// queryRange resolves a query's block bounds (default latest..latest).
func (s *Server) queryRange(q *logQuery) (uint64, uint64, error) {
	if q.BlockHash != nil && (q.FromBlock != nil || q.ToBlock != nil) {
		return 0, 0, errorf(codeInvalidParams, "invalid argument 0: cannot specify both BlockHash and FromBlock/ToBlock, choose one or the other")
	}
	head := s.chain.Head().Header.Number
	bound := func(t *blockTag) (uint64, error) {
		if t == nil {
			return head, nil
		}
		if t.hash != nil {
			b, err := s.resolve(*t)
			if err != nil {
				return 0, err
			}
			return b.Header.Number, nil
		}
		switch t.tag {
		case "earliest":
			return 0, nil
		case "":
			if t.number > head {
				return head, nil
			}
			return t.number, nil
		}
		return head, nil
	}
	from, err := bound(q.FromBlock)
	if err != nil {
		return 0, 0, err
	}
	to, err := bound(q.ToBlock)
	if err != nil {
		return 0, 0, err
	}
	if q.FromBlock != nil && q.FromBlock.tag == "" && q.FromBlock.hash == nil && q.FromBlock.number > head {
		return 1, 0, nil // starts in the future: nothing yet
	}
	return from, to, nil
}

// checkLogRange refuses what geth's eth_getLogs refuses (execution-apis
// filter-error-reversed-block-range.io, filter-error-future-block-range.io):
// explicit block numbers in reverse order or past the head.
func (s *Server) checkLogRange(q *logQuery) error {
	if q.BlockHash != nil {
		return nil
	}
	head := s.chain.Head().Header.Number
	num := func(t *blockTag) (uint64, bool) {
		if t == nil || t.hash != nil || t.tag != "" {
			return 0, false
		}
		return t.number, true
	}
	from, fromOK := num(q.FromBlock)
	to, toOK := num(q.ToBlock)
	if fromOK && toOK && from > to {
		return errorf(codeInvalidParams, "invalid block range params")
	}
	if (fromOK && from > head) || (toOK && to > head) {
		return errorf(codeInvalidParams, "block range extends beyond current head block")
	}
	return nil
}

type filterKind int

const (
	logFilter filterKind = iota
	blockFilter
	pendingFilter
)

type filter struct {
	kind     filterKind
	query    logQuery
	next     uint64 // first block not yet reported
	pending  []types.Hash
	lastPoll time.Time
	stop     func()
}

// filterSet holds the installed polling filters.
type filterSet struct {
	s    *Server
	mu   sync.Mutex
	all  map[string]*filter
	done chan struct{}
}

func newFilterSet(s *Server) *filterSet {
	fs := &filterSet{s: s, all: map[string]*filter{}, done: make(chan struct{})}
	go fs.expire()
	return fs
}

func (fs *filterSet) close() {
	select {
	case <-fs.done:
	default:
		close(fs.done)
	}
}

func (fs *filterSet) expire() {
	t := time.NewTicker(filterTimeout / 5)
	defer t.Stop()
	for {
		select {
		case <-fs.done:
			return
		case <-t.C:
			fs.mu.Lock()
			for id, f := range fs.all {
				if time.Since(f.lastPoll) > filterTimeout {
					if f.stop != nil {
						f.stop()
					}
					delete(fs.all, id)
				}
			}
			fs.mu.Unlock()
		}
	}
}

func newID() string {
	var b [16]byte
	rand.Read(b[:])
	return "0x" + hex.EncodeToString(b[:])
}

func (fs *filterSet) install(f *filter) (string, error) {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	if len(fs.all) >= maxFilters {
		return "", errorf(codeLimitExceeded, "too many filters (%d); uninstall some", maxFilters)
	}
	id := newID()
	f.lastPoll = time.Now()
	fs.all[id] = f
	return id, nil
}

func (s *Server) registerFilters() {
	m := s.methods
	m["eth_getLogs"] = func(_ *callCtx, a args) (any, error) {
		var q logQuery
		if err := a.need(0, &q); err != nil {
			return nil, err
		}
		if err := a.count(1, 1); err != nil {
			return nil, err
		}
		if err := s.checkLogRange(&q); err != nil {
			return nil, err
		}
		from, to, err := s.queryRange(&q)
		if err != nil {
			return nil, err
		}
		return s.logs(&q, from, to) // with a fork's remote history: fork_history.go
	}
	m["eth_newFilter"] = func(_ *callCtx, a args) (any, error) {
		var q logQuery
		if err := a.need(0, &q); err != nil {
			return nil, err
		}
		if _, _, err := s.queryRange(&q); err != nil {
			return nil, err
		}
		next := s.chain.Head().Header.Number + 1
		if q.FromBlock != nil && q.FromBlock.tag == "" && q.FromBlock.hash == nil {
			next = q.FromBlock.number
		} else if q.FromBlock != nil && q.FromBlock.tag == "earliest" {
			next = 0
		}
		return s.filters.install(&filter{kind: logFilter, query: q, next: next})
	}
	m["eth_newBlockFilter"] = func(*callCtx, args) (any, error) {
		return s.filters.install(&filter{kind: blockFilter, next: s.chain.Head().Header.Number + 1})
	}
	m["eth_newPendingTransactionFilter"] = func(*callCtx, args) (any, error) {
		f := &filter{kind: pendingFilter}
		ch, stop := s.chain.Subscribe()
		f.stop = stop
		id, err := s.filters.install(f)
		if err != nil {
			stop()
			return nil, err
		}
		go func() {
			for e := range ch {
				if e.PendingTx == nil {
					continue
				}
				s.filters.mu.Lock()
				if len(f.pending) < maxPendingBuf {
					f.pending = append(f.pending, *e.PendingTx)
				}
				s.filters.mu.Unlock()
			}
		}()
		return id, nil
	}
	m["eth_uninstallFilter"] = func(_ *callCtx, a args) (any, error) {
		var id string
		if err := a.need(0, &id); err != nil {
			return nil, err
		}
		s.filters.mu.Lock()
		defer s.filters.mu.Unlock()
		f, ok := s.filters.all[id]
		if ok && f.stop != nil {
			f.stop()
		}
		delete(s.filters.all, id)
		return ok, nil
	}
	m["eth_getFilterChanges"] = func(_ *callCtx, a args) (any, error) {
		var id string
		if err := a.need(0, &id); err != nil {
			return nil, err
		}
		s.filters.mu.Lock()
		f, ok := s.filters.all[id]
		if !ok {
			s.filters.mu.Unlock()
			return nil, errorf(codeServer, "filter not found")
		}
		f.lastPoll = time.Now()
		head := s.chain.Head().Header.Number
		from := f.next
		if from > head+1 {
			from = head + 1 // blocks were reverted
		}
		f.next = head + 1
		kind, q := f.kind, f.query
		pending := f.pending
		f.pending = nil
		s.filters.mu.Unlock()
		switch kind {
		case pendingFilter:
			if pending == nil {
				pending = []types.Hash{}
			}
			return pending, nil
		case blockFilter:
			out := []types.Hash{}
			for n := from; n <= head; n++ {
				b, err := s.chain.BlockByNumber(n)
				if err != nil {
					break
				}
				out = append(out, b.Hash())
			}
			return out, nil
		}
		to := head
		if q.ToBlock != nil && q.ToBlock.tag == "" && q.ToBlock.hash == nil && q.ToBlock.number < to {
			to = q.ToBlock.number
		}
		return s.logs(&q, from, to) // with a fork's remote history: fork_history.go
	}
	m["eth_getFilterLogs"] = func(_ *callCtx, a args) (any, error) {
		var id string
		if err := a.need(0, &id); err != nil {
			return nil, err
		}
		s.filters.mu.Lock()
		f, ok := s.filters.all[id]
		if ok {
			f.lastPoll = time.Now()
		}
		s.filters.mu.Unlock()
		if !ok || f.kind != logFilter {
			return nil, errorf(codeServer, "filter not found")
		}
		q := f.query
		from, to, err := s.queryRange(&q)
		if err != nil {
			return nil, err
		}
		return s.logs(&q, from, to) // with a fork's remote history: fork_history.go
	}
	m["eth_subscribe"] = s.subscribe
	m["eth_unsubscribe"] = func(c *callCtx, a args) (any, error) {
		if c.conn == nil {
			return nil, errorf(codeMethodNotFound, "notifications not supported: use a WebSocket connection")
		}
		var id string
		if err := a.need(0, &id); err != nil {
			return nil, err
		}
		c.conn.mu.Lock()
		stop, ok := c.conn.subs[id]
		delete(c.conn.subs, id)
		c.conn.mu.Unlock()
		if ok {
			stop()
		}
		return ok, nil
	}
}

// subscribe starts a WebSocket subscription: newHeads, logs (with a
// filter) or newPendingTransactions (hashes, or full objects with true).
func (s *Server) subscribe(c *callCtx, a args) (any, error) {
	if c.conn == nil {
		return nil, errorf(codeMethodNotFound, "notifications not supported: use a WebSocket connection")
	}
	var kind string
	if err := a.need(0, &kind); err != nil {
		return nil, err
	}
	var q logQuery
	full := false
	switch kind {
	case "newHeads":
	case "logs":
		if _, err := a.get(1, &q); err != nil {
			return nil, err
		}
	case "newPendingTransactions":
		if _, err := a.get(1, &full); err != nil {
			return nil, err
		}
	default:
		return nil, invalidParams(0, fmt.Errorf("no such subscription %q: want newHeads, logs or newPendingTransactions", kind))
	}
	c.conn.mu.Lock()
	if len(c.conn.subs) >= s.limits.MaxSubscriptions {
		c.conn.mu.Unlock()
		return nil, errorf(codeLimitExceeded, "too many subscriptions on this connection (%d)", s.limits.MaxSubscriptions)
	}
	id := newID()
	ch, stop := s.chain.Subscribe()
	c.conn.subs[id] = stop
	c.conn.mu.Unlock()
	conn, ctx := c.conn, c.ctx
	notify := func(result any) error {
		msg, err := json.Marshal(map[string]any{"jsonrpc": "2.0", "method": "eth_subscription",
			"params": map[string]any{"subscription": id, "result": result}})
		if err != nil {
			return err
		}
		return conn.write(ctx, msg)
	}
	go func() {
		// The subscription id must reach the client before the first
		// notification: give the reply a moment to be written first.
		time.Sleep(10 * time.Millisecond)
		for e := range ch {
			var err error
			switch {
			case kind == "newPendingTransactions" && e.PendingTx != nil:
				if full && e.Pending != nil {
					p := e.Pending
					err = notify(formatTx(p.Tx, p.Hash, p.From, nil, 0))
					break
				}
				err = notify(*e.PendingTx)
			case kind == "newHeads" && e.Block != nil:
				h := formatHeader(e.Block)
				h.Transactions = nil
				err = notify(h)
			case kind == "logs" && e.Block != nil:
				for _, r := range e.Receipts {
					for _, l := range formatLogs(r, e.Block.Header.Time) {
						tl := types.Log{Address: l.Address, Topics: l.Topics}
						if q.matches(&tl) {
							if err = notify(l); err != nil {
								break
							}
						}
					}
				}
			}
			if err != nil {
				stop()
				for range ch {
				}
				return
			}
		}
	}()
	return id, nil
}
