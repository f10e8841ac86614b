package chain

import "fmt"

// clock decides block timestamps: wall time plus an offset that
// evm_increaseTime and evm_setNextBlockTimestamp move, and never earlier
// than one second after the parent (hardhat's rule; time-based governance
// tests rely on strictly increasing timestamps).
type clock struct {
	offset int64
	next   *uint64 // an exact timestamp for the next block
}

func (c *clock) timestamp(parentTime uint64) uint64 {
	if c.next != nil {
		t := *c.next
		c.next = nil
		return max(t, parentTime+1)
	}
	t := uint64(max(int64(now())+c.offset, 0))
	return max(t, parentTime+1)
}

// peek is the timestamp the next block would get now, without using up a
// fixed next timestamp.
func (c *clock) peek(parentTime uint64) uint64 {
	if c.next != nil {
		return max(*c.next, parentTime+1)
	}
	return max(uint64(max(int64(now())+c.offset, 0)), parentTime+1)
}

// MaxTimestamp is the latest timestamp the clock accepts: 2^62 seconds
// leaves room for any number of later blocks, each a second after the last,
// without wrapping a uint64.
const MaxTimestamp = 1 << 62

// ErrTimestamp is returned for a next-block timestamp not after the head's.
var ErrTimestamp = fmt.Errorf("timestamp must be greater than the head block's")

// SetNextBlockTimestamp fixes the next block's timestamp; later blocks
// continue from it, as hardhat's do.
func (c *Chain) SetNextBlockTimestamp(t uint64) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if t <= c.head.Header.Time {
		return fmt.Errorf("%w: %d is not after %d", ErrTimestamp, t, c.head.Header.Time)
	}
	if t > MaxTimestamp {
		return fmt.Errorf("%w: %d is above %d, past which later blocks' timestamps would wrap", ErrTimestamp, t, uint64(MaxTimestamp))
	}
	c.clock.next = &t
	c.clock.offset = int64(t) - int64(now())
	return nil
}

// IncreaseTime moves the clock forward by seconds and returns the total
// offset from wall time.
func (c *Chain) IncreaseTime(seconds uint64) int64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.clock.offset = min(c.clock.offset+int64(min(seconds, MaxTimestamp)), MaxTimestamp)
	if c.clock.next != nil {
		t := *c.clock.next + seconds
		c.clock.next = &t
	}
	return c.clock.offset
}
