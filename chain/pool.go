package chain

import (
	"bytes"
	"errors"
	"fmt"
	"slices"

	"github.com/goevm/goevm/transition"
	"github.com/goevm/goevm/types"
)

// ErrAlreadyKnown is returned for a transaction the chain or pool has.
var ErrAlreadyKnown = errors.New("already known")

// pool keeps transactions that cannot be mined yet: a nonce above the
// sender's next one (it waits until the gap closes, as geth's pool does),
// or any transaction while automine is off.
type pool struct {
	bySender map[types.Address]map[uint64]*PendingTx
	byHash   map[types.Hash]*PendingTx
}

func newPool() *pool {
	return &pool{bySender: map[types.Address]map[uint64]*PendingTx{}, byHash: map[types.Hash]*PendingTx{}}
}

// add puts tx in the pool, replacing one with the same sender and nonce.
func (p *pool) add(tx *PendingTx) {
	m := p.bySender[tx.From]
	if m == nil {
		m = map[uint64]*PendingTx{}
		p.bySender[tx.From] = m
	}
	if old := m[tx.Tx.Nonce]; old != nil {
		delete(p.byHash, old.Hash)
	}
	m[tx.Tx.Nonce] = tx
	p.byHash[tx.Hash] = tx
}

func (p *pool) remove(tx *PendingTx) {
	if m := p.bySender[tx.From]; m != nil && m[tx.Tx.Nonce] == tx {
		delete(m, tx.Tx.Nonce)
		if len(m) == 0 {
			delete(p.bySender, tx.From)
		}
	}
	delete(p.byHash, tx.Hash)
}

// ready returns, per sender, the run of transactions whose nonces follow
// the sender's next nonce without a gap; senders in address order.
func (p *pool) ready(nonceOf func(types.Address) uint64) []*PendingTx {
	senders := make([]types.Address, 0, len(p.bySender))
	for s := range p.bySender {
		senders = append(senders, s)
	}
	slices.SortFunc(senders, func(a, b types.Address) int { return bytes.Compare(a[:], b[:]) })
	var out []*PendingTx
	for _, s := range senders {
		m := p.bySender[s]
		for n := nonceOf(s); m[n] != nil; n++ {
			out = append(out, m[n])
		}
	}
	return out
}

// PoolContent lists the pooled transactions, split into those that could be
// mined now (pending) and those waiting for a nonce gap to close (queued).
func (c *Chain) PoolContent() (pending, queued []*PendingTx) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	st := c.State(c.headNum + 1)
	ready := c.pool.ready(st.GetNonce)
	isReady := map[*PendingTx]bool{}
	for _, t := range ready {
		isReady[t] = true
	}
	for _, m := range c.pool.bySender {
		for _, t := range m {
			if !isReady[t] {
				queued = append(queued, t)
			}
		}
	}
	return ready, queued
}

// PooledTx returns a pooled transaction by hash.
func (c *Chain) PooledTx(h types.Hash) *PendingTx {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.pool.byHash[h]
}

// PendingNonce is the sender's next nonce counting pooled transactions
// that follow it without a gap.
func (c *Chain) PendingNonce(addr types.Address) uint64 {
	early := c.forkNonce(addr) // a fork's remote, asked outside the lock: fork_prefetch.go
	c.mu.RLock()
	defer c.mu.RUnlock()
	n := early.locked(c, addr)
	for c.pool.bySender[addr][n] != nil {
		n++
	}
	return n
}

// SendTransaction offers a transaction with a known sender. With automine
// on and its nonce next in line, it is mined before SendTransaction returns
// (hardhat's behaviour: the receipt is there at once), followed by any
// pooled transactions of the same sender it unblocks; the first block is
// returned. Otherwise it waits in the pool and Mined is nil. A transaction
// the protocol refuses returns the refusal and changes nothing.
func (c *Chain) SendTransaction(tx *PendingTx) (*Mined, error) {
	if err := c.prefetchTx(tx); err != nil { // a fork's remote, asked outside the lock: fork_prefetch.go
		return nil, err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.pool.byHash[tx.Hash] != nil {
		return nil, fmt.Errorf("%w: transaction %s is pooled", ErrAlreadyKnown, tx.Hash)
	}
	if v, _ := c.store.get(hashKey(prefixTxIndex, tx.Hash)); v != nil {
		return nil, fmt.Errorf("%w: transaction %s is mined", ErrAlreadyKnown, tx.Hash)
	}
	n, t := c.pendingNumTime()
	rules := c.cfg.ForkAt(n, t).Rules()
	if err := transition.CheckTxStatic(tx.Tx, tx.From, &rules); err != nil &&
		!(c.cfg.DisableCodeSizeLimit && errors.Is(err, transition.ErrInitcodeSizeExceeded)) {
		return nil, err
	}
	next := c.State(c.headNum + 1).GetNonce(tx.From)
	if tx.Tx.Nonce < next {
		return nil, fmt.Errorf("%w: next nonce %d, tx nonce %d", transition.ErrNonceTooLow, next, tx.Tx.Nonce)
	}
	if !c.automine || tx.Tx.Nonce > next {
		c.pool.add(tx)
		c.events.publish(Event{PendingTx: &tx.Hash, Pending: tx})
		return nil, nil
	}
	c.events.publish(Event{PendingTx: &tx.Hash, Pending: tx})
	first, err := c.mineLocked([]*PendingTx{tx}, nil, false)
	if err != nil {
		return nil, err
	}
	if len(first.Rejected) > 0 {
		return nil, first.Rejected[0].Err
	}
	for n := tx.Tx.Nonce + 1; ; n++ {
		queued := c.pool.bySender[tx.From][n]
		if queued == nil {
			break
		}
		c.pool.remove(queued)
		if _, err := c.mineLocked([]*PendingTx{queued}, nil, false); err != nil {
			return first, nil // the offered transaction is mined; a queued one failing is the pool's business
		}
	}
	return first, nil
}

// minePendingLocked mines one block with every ready pooled transaction
// (an empty block if there are none). Transactions the block had no gas
// left for stay pooled; others it refused are dropped.
func (c *Chain) minePendingLocked(timestamp *uint64) (*Mined, error) {
	st := c.State(c.headNum + 1)
	ready := c.pool.ready(st.GetNonce)
	m, err := c.mineLocked(ready, timestamp, true)
	if err != nil {
		return nil, err
	}
	keep := map[*PendingTx]bool{}
	for _, r := range m.Rejected {
		if errors.Is(r.Err, transition.ErrGasLimitReached) || errors.Is(r.Err, transition.ErrNonceTooHigh) {
			keep[r.Tx] = true
		}
	}
	for _, t := range ready {
		if !keep[t] {
			c.pool.remove(t)
		}
	}
	return m, nil
}
