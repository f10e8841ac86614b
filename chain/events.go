package chain

import (
	"sync"

	"github.com/goevm/goevm/types"
)

// Event is what subscribers hear: a new block with its receipts, or a
// transaction that was accepted (PendingTx set: its hash, and Pending the
// transaction itself, whether it waits in the pool or is being mined).
type Event struct {
	Block     *types.Block
	Receipts  []*Receipt
	PendingTx *types.Hash
	Pending   *PendingTx
}

// eventBuffer is how many events a subscriber may fall behind before it is
// dropped; a slow WebSocket client must not stall mining.
const eventBuffer = 1024

type feed struct {
	mu     sync.Mutex
	subs   map[chan Event]struct{}
	closed bool
}

func newFeed() *feed { return &feed{subs: map[chan Event]struct{}{}} }

// Subscribe returns a channel of events and a function that ends the
// subscription. The channel is closed when the subscription ends, when the
// subscriber falls more than eventBuffer events behind, or when the chain
// closes.
func (c *Chain) Subscribe() (<-chan Event, func()) {
	f := c.events
	ch := make(chan Event, eventBuffer)
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.closed {
		close(ch)
		return ch, func() {}
	}
	f.subs[ch] = struct{}{}
	return ch, func() {
		f.mu.Lock()
		defer f.mu.Unlock()
		if _, ok := f.subs[ch]; ok {
			delete(f.subs, ch)
			close(ch)
		}
	}
}

func (f *feed) publish(e Event) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for ch := range f.subs {
		select {
		case ch <- e:
		default:
			delete(f.subs, ch)
			close(ch)
		}
	}
}

func (f *feed) close() {
	f.mu.Lock()
	defer f.mu.Unlock()
	for ch := range f.subs {
		close(ch)
	}
	f.subs, f.closed = map[chan Event]struct{}{}, true
}
