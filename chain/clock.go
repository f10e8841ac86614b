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
	c.clock.next = &t
	c.clock.offset = int64(t) - int64(now())
	return nil
}

// IncreaseTime moves the clock forward by seconds and returns the total
// offset from wall time.
func (c *Chain) IncreaseTime(seconds uint64) int64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.clock.offset += int64(seconds)
	if c.clock.next != nil {
		t := *c.clock.next + seconds
		c.clock.next = &t
	}
	return c.clock.offset
}
