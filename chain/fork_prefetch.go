package chain

import (
	"github.com/goevm/goevm/state"
	"github.com/goevm/goevm/types"
)

// A fork reads untouched state from its remote, and a request can take as
// long as the client's timeout times its attempts (two minutes with
// goevm node's defaults against a remote that hangs). Under the chain's
// lock such a wait would stall every other request: the write lock held
// by mining blocks all readers, and a reader holding the read lock blocks
// the miner (and, as sync.RWMutex queues new readers behind a waiting
// writer, every reader after it). So the remote is asked outside the lock
// wherever the chain can tell in advance what will be read:
//
//   - SendTransaction fetches the sender, the recipient (with its code)
//     and the access list before it takes the write lock; only what the
//     execution reaches beyond them is read under it.
//   - PendingNonce reads the account before taking the read lock (again
//     under it, from the cache, only if a block was mined meanwhile).
//   - PrefetchRemote (eth_getStorageValues) decides under the read lock
//     what to fetch, and fetches after releasing it.
//   - ReadLatest (eth_call and eth_estimateGas at latest) on a fork runs
//     without the lock: its state is the history's (stateDB), not the
//     in-memory tries the lock guards.
//
// A failure is reported (SendTransaction) or left as the zero a failed
// read gives (PendingNonce): never asked again under the lock.

// PrefetchRemote fetches, in batches, the slots of the remote's state a
// caller is about to read many of at once (eth_getStorageValues), leaving
// out those the chain has history for. It does nothing on a chain that is
// not a fork; a failure here is left for the reads to report.
func (c *Chain) PrefetchRemote(want map[types.Address][]types.Hash) error {
	c.mu.RLock()
	if c.fork == nil {
		c.mu.RUnlock()
		return nil
	}
	remote := c.fork.remote
	todo := make(map[types.Address][]types.Hash, len(want))
	for addr, slots := range want {
		if _, _, ok, err := c.store.latestAtOrBelow(append([]byte{prefixAccount}, addr[:]...), c.headNum+1); err != nil || ok {
			continue // the chain has the account (or cannot tell): read one by one
		}
		todo[addr] = slots
	}
	c.mu.RUnlock()
	if len(todo) == 0 {
		return nil
	}
	return remote.PrefetchStorage(todo) // outside the lock: a slow remote holds up this caller only
}

// prefetchTx fetches the remote state a transaction is sure to touch; the
// caller has not taken the lock yet. Its error is the remote's failure,
// which mining would run into again, under the lock.
func (c *Chain) prefetchTx(tx *PendingTx) error {
	if !c.isFork() {
		return nil
	}
	want := map[types.Address][]types.Hash{tx.From: nil}
	if tx.Tx.To != nil {
		want[*tx.Tx.To] = nil
	}
	for _, t := range tx.Tx.AccessList {
		want[t.Address] = append(want[t.Address], t.StorageKeys...)
	}
	return c.PrefetchRemote(want)
}

// earlyNonce is an account's nonce read on a fork before PendingNonce
// takes the read lock.
type earlyNonce struct {
	nonce, at uint64 // read in the state of pending block at
	read      bool   // a fork: read (or failed) without the lock
	failed    bool   // the remote failed: zero, not asked again
}

// forkNonce reads addr's nonce in the newest state of a fork without the
// lock; on other chains it reads nothing.
func (c *Chain) forkNonce(addr types.Address) earlyNonce {
	c.mu.RLock()
	if c.fork == nil {
		c.mu.RUnlock()
		return earlyNonce{}
	}
	at := c.headNum + 1
	db := c.stateDB(at)
	c.mu.RUnlock()
	st := state.NewWithDatabase(db)
	n := st.GetNonce(addr)
	return earlyNonce{nonce: n, at: at, read: true, failed: st.Err() != nil}
}

// locked is the nonce under the lock: the early one unless a block was
// mined since (read again then, from the cache). A remote that failed
// gives zero, as a failed read under the lock would, without waiting
// for it a second time.
func (e earlyNonce) locked(c *Chain, addr types.Address) uint64 {
	if e.read && (e.failed || e.at == c.headNum+1) {
		return e.nonce
	}
	return c.State(c.headNum + 1).GetNonce(addr)
}

func (c *Chain) isFork() bool {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.fork != nil
}
